import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeEachDatabase } from '../db/testing.ts';
import { copyRows } from './pg-copy.ts';

describeEachDatabase('COPY into PostgreSQL', (ctx, engine) => {
  if (engine !== 'postgres') return;
  it('brings any text, number and null back as it was (property)', async () => {
    const client = await ctx().pgPool!.connect();
    try {
      await client.query('CREATE TEMP TABLE copy_probe (n bigint, t text, o text)');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(fc.integer(), fc.string({ unit: fc.constantFrom('a', '\\', '\t', '\n', '\r', '张', 'N', '\\N', '"', ',') }), fc.option(fc.string())), { maxLength: 20 }), async (rows) => {
          await client.query('TRUNCATE copy_probe');
          await copyRows(client, 'copy_probe (n, t, o)', rows.map(([n, t, o]) => [n, t, o]));
          const back = await client.query('SELECT n, t, o FROM copy_probe');
          assert.deepEqual(back.rows.map((r) => [r.n, r.t, r.o]), rows.map(([n, t, o]) => [n, t, o]));
        }),
        { numRuns: 200 },
      );
    } finally {
      client.release();
    }
  });
});
