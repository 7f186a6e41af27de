import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { AppError } from '../shared/errors.ts';
import type { ResourceSpec } from './compile.ts';
import { produce } from './produce.ts';
import { ingestSetup, makeId } from './test-support.ts';

const SPEC: ResourceSpec = {
  code: '301001/000001',
  crossField: 'quarantine',
  items: [
    { name: '公民身份号码', dataType: 'C', length: 18, isKey: true, required: true, element: { code: 'DE0001', name: '公民身份号码', synonyms: ['身份证号'], custom: null } },
    { name: '姓名', dataType: 'C', length: null, isKey: false, required: true, element: { code: 'DE0002', name: '姓名', synonyms: [], custom: null } },
    { name: '出生日期', dataType: 'D', length: null, isKey: false, required: false, element: { code: 'DE0005', name: '出生日期', synonyms: [], custom: null } },
    { name: '备注', dataType: 'C', length: null, isKey: false, required: false, element: null },
  ],
};

const FORMULAS = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A2)', '=HYPERLINK("http://x","y")', '\t=1', '\r=1'];
const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...FORMULAS, makeId(), '张三', '1990年3月7日', '', '"', ',', '\n', '#N/A', '/'),
  fc.integer({ min: 1000, max: 70000 }).map((n) => '长'.repeat(n)),
);
const table = fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { minLength: 0, maxLength: 8 });
const toCsv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
const withHeader = (rows: string[][]) => [['身份证号', '姓名', '出生日期', '备注'], ...rows];

/** Runs the read side over an input; every outcome must be a clear error or a full account of the rows. */
async function outcome(buffer: Buffer, fileName?: string): Promise<'error' | { rowsRead: number }> {
  try {
    let end: { rowsRead: number; accepted: number; quarantined: number } | undefined;
    let accepted = 0;
    let quarantined = 0;
    for await (const m of produce({ kind: 'buffer', buffer, fileName }, SPEC, {}, { chunkRows: 3 })) {
      if (m.type === 'chunk') {
        accepted += m.chunk.keys.length;
        quarantined += m.chunk.qRowNos.length;
        for (const e of m.chunk.qErrors) assert.ok(JSON.parse(e).length > 0, 'a quarantined row says why');
      } else if (m.type === 'end') end = m.stats;
    }
    assert.ok(end);
    assert.equal(end.accepted + end.quarantined, end.rowsRead);
    assert.deepEqual([accepted, quarantined], [end.accepted, end.quarantined]);
    return { rowsRead: end.rowsRead };
  } catch (error) {
    assert.ok(error instanceof AppError, `not a clear error: ${(error as Error)?.stack ?? String(error)}`);
    assert.equal(error.code, 'invalid_input');
    assert.ok(/[\u4e00-\u9fff]/.test(error.message), 'the error is worded in Chinese');
    return 'error';
  }
}

let xlsxSample: Buffer;
before(async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(['身份证号', '姓名', '出生日期', '备注']);
  ws.addRow([makeId(), { richText: [{ text: '张' }, { text: '三' }] }, new Date(Date.UTC(1980, 0, 1)), { formula: 'cmd|\' /C calc\'!A0', result: 0 }]);
  ws.addRow([makeId('19900101', '002'), '李四', 32939, { error: '#N/A' }]);
  ws.addRow([Number(makeId('19900101', '004').slice(0, 15)), '=1+1', 'x', '@SUM(A1)']);
  xlsxSample = Buffer.from(await wb.xlsx.writeBuffer());
});

describe('parsers under hostile input (property)', () => {
  it('turn random bytes into a clear error or quarantine entries, never a crash', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
      await outcome(Buffer.from(bytes));
    }), { numRuns: 150 });
  });

  it('account for every row of ragged tables with huge and formula cells, in UTF-8, GBK and a mislabelled BOM', async () => {
    await fc.assert(fc.asyncProperty(table, fc.constantFrom('utf8', 'gbk', 'bom-gbk', 'utf16'), async (rows, enc) => {
      const text = toCsv(withHeader(rows));
      const buffer = enc === 'utf8' ? Buffer.from(text) : enc === 'gbk' ? iconv.encode(text, 'gbk')
        : enc === 'utf16' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
          : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(text, 'gbk')]);
      const r = await outcome(buffer);
      if (r !== 'error' && (enc === 'utf8' || enc === 'gbk' || enc === 'utf16')) {
        const nonBlank = rows.filter((row) => row.some((c) => c.trim() !== ''));
        assert.ok(r.rowsRead <= nonBlank.length + rows.length, 'no invented rows');
      }
    }), { numRuns: 120 });
  });

  it('survive damaged XLSX files and JSON fragments', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), async (at, byte, truncate) => {
      const damaged = Buffer.from(xlsxSample);
      const pos = at % damaged.length;
      if (truncate) await outcome(damaged.subarray(0, Math.max(4, pos)), 'x.xlsx');
      else {
        damaged[pos] = byte;
        await outcome(damaged, 'x.xlsx');
      }
    }), { numRuns: 60 });
    await fc.assert(fc.asyncProperty(fc.json(), fc.nat(), async (json, cut) => {
      await outcome(Buffer.from(`[${json},${json}`.slice(0, (cut % (json.length * 2 + 4)) + 1)));
      await outcome(Buffer.from(`${json}\n${json}\n`));
    }), { numRuns: 80 });
  });

  it('reads formula cells as their result and keeps injection strings as plain text', async () => {
    const r = await outcome(xlsxSample, 'a.xlsx');
    assert.notEqual(r, 'error');
    assert.equal((r as { rowsRead: number }).rowsRead, 3);
  });
});

describeEachDatabase('a batch under hostile input', (ctx) => {
  it('either applies whole with every row accounted for or fails clearly and changes nothing (property)', async () => {
    const t = testKit(ctx());
    const s = await ingestSetup(t);
    const submit = (buffer: Buffer) => s.ingest.submit(s.code, { kind: 'buffer', buffer }, { actor: s.officer.principal, source: 'file', mode: 'snapshot' });
    await fc.assert(fc.asyncProperty(fc.oneof(table.map((rows) => Buffer.from(toCsv(withHeader(rows)))), fc.uint8Array({ maxLength: 500 }).map((b) => Buffer.from(b))), async (buffer) => {
      const before = await s.ingest.latestChangeSeq();
      const batches = (await s.ingest.listBatches(s.code, s.officer.principal, 500)).length;
      try {
        const r = await submit(buffer);
        assert.equal(r.accepted + r.quarantined, r.rowsRead);
        assert.ok(r.duplicateOf !== null || r.status === 'applied');
      } catch (error) {
        assert.ok(error instanceof AppError, String((error as Error)?.stack ?? error));
        assert.equal(await s.ingest.latestChangeSeq(), before, 'a failed batch wrote no changes');
        const after = await s.ingest.listBatches(s.code, s.officer.principal, 500);
        assert.equal(after.length, batches + 1);
        assert.equal(after[0]!.status, 'failed');
      }
    }), { numRuns: 25 });
    const all = await s.ingest.listBatches(s.code, s.officer.principal, 500);
    assert.ok(all.every((b) => b.status === 'applied' || b.status === 'failed'), 'no batch is left half-applied');
  });
});
