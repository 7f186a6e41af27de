import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase } from '../db/testing.ts';
import { generateDemoCounty, loadGenerated, TEST_NOISE, type Generated } from '../demo/index.ts';
import { seedDemoCounty } from '../main/demo-seed.ts';
import { testKit } from '../main/testing.ts';
import { DEMO_LOADER, loadDemoData } from './demo-load.ts';

let out = '';
let generated: Generated;

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'shutong-ingest-demo-'));
  await generateDemoCounty({ persons: 2000, seed: 'ingest-tests', out, noise: TEST_NOISE });
  generated = await loadGenerated(out);
});
after(() => rmSync(out, { recursive: true, force: true }));

describeEachDatabase('ingest of the generated demo county', (ctx) => {
  it('imports every department file, counts every row, and quarantines exactly the rows the truth marks invalid', async () => {
    const t = testKit(ctx());
    await seedDemoCounty(t.services);
    const results = await loadDemoData(t.services, out);
    assert.equal(results.length, generated.manifest.files.length);
    for (const r of results) {
      assert.equal(r.error, null, `${r.file}: ${r.error}`);
      const file = generated.files.get(r.file)!;
      const report = r.report!;
      assert.equal(report.rowsRead, file.manifest.rowCount, `${r.file}: rows read`);
      assert.equal(report.accepted + report.quarantined, report.rowsRead, `${r.file}: nothing dropped`);
      const offset = file.manifest.firstDataRow - 1;
      const expected = file.records.filter((rec) => rec.invalid).map((rec) => rec.row + offset);
      const q = await t.services.ingest.quarantine(report.id, DEMO_LOADER, { limit: 1000 });
      const got = q.rows.map((row) => row.rowNo);
      assert.equal(report.quarantined, expected.length, `${r.file}: quarantined count`);
      assert.deepEqual(got.slice(0, 1000), expected.slice(0, 1000), `${r.file}: quarantined rows`);
      assert.ok(q.rows.every((row) => row.errors.length > 0 && row.errors.every((e) => e.zh)), `${r.file}: a reason for every quarantined row`);
    }
    const noisy = results.find((r) => r.file === 'wg-ledger')!.report!;
    assert.ok(noisy.duplicates > 0, 'repeated rows in the grid ledger are counted');
    assert.ok(noisy.quality!.score > 0 && noisy.quality!.score <= 100);
  });
});
