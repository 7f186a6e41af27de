import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCsvRow, parseCsv } from './csv.ts';
import { readCsvFileColumns } from './csv-bytes.ts';

const DELIMITERS = [',', ', ', ';', '\t', '||', '，'];
const field = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', ',', ';', '|', '"', "'", '\r', '\n', '\t', '王', '張', '，', 'é', '😀'), maxLength: 8 });
const table = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'linkage-csv-bytes-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function readBack(text: string | Buffer, delimiter: string, chunkBytes: number, select: (header: readonly string[]) => readonly boolean[] | undefined): string[][] {
  const path = join(dir, 't.csv');
  writeFileSync(path, text);
  const rows: string[][] = [];
  readCsvFileColumns(path, { delimiter, chunkBytes }, select, (r) => rows.push(r));
  return rows;
}

describe('byte-level CSV reader', () => {
  it('reads what the string reader reads, whatever the chunk size, for every column', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(...DELIMITERS), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 64 }), (rows, delimiter, eol, finalNewline, bom, chunk) => {
        const text = (bom ? '\uFEFF' : '') + rows.map((r) => formatCsvRow(r, delimiter)).join(eol) + (finalNewline ? eol : '');
        assert.deepEqual(readBack(text, delimiter, chunk, () => undefined), parseCsv(text, { delimiter }));
      }),
    );
  });

  it('agrees with the string reader on arbitrary text: stray quotes, blank lines, unterminated quotes', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '"', ',', ', ', '\r', '\n', ' ', '王', '😀'), maxLength: 60 });
    fc.assert(
      fc.property(text, fc.constantFrom(',', ', '), fc.integer({ min: 1, max: 16 }), (t, delimiter, chunk) => {
        assert.deepEqual(readBack(t, delimiter, chunk, () => undefined), parseCsv(t, { delimiter }));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes only the selected columns after the header, leaving the others empty', () => {
    fc.assert(
      fc.property(table, fc.array(fc.boolean(), { maxLength: 8 }), fc.integer({ min: 1, max: 40 }), (rows, mask, chunk) => {
        const text = rows.map((r) => formatCsvRow(r, ',')).join('\n');
        const expected = parseCsv(text).map((r, k) => (k === 0 ? r : r.map((v, c) => (mask[c] ? v : ''))));
        assert.deepEqual(readBack(text, ',', chunk, () => mask), expected);
      }),
    );
  });

  it('reads invalid UTF-8 as the decoder does (replacement characters)', () => {
    const bytes = Buffer.concat([Buffer.from('a,b\n'), Buffer.from([0xe7, 0x8e, 0x2c, 0xff]), Buffer.from('x\n')]);
    assert.deepEqual(readBack(bytes, ',', 3, () => undefined), parseCsv(bytes.toString('utf8')));
  });
});
