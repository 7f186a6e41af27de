import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvParser, LineWriter, formatCsvRow, parseCsv } from './csv.ts';

const DELIMITERS = [',', ', ', ';', '\t', '||', '::'];
const field = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '1', ' ', ',', ';', '|', ':', '"', "'", '\r', '\n', '\t', '王', '張', 'é'), maxLength: 8 });
const table = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 });

function render(rows: string[][], delimiter: string, eol: string, finalNewline: boolean, bom: boolean): string {
  return (bom ? '\uFEFF' : '') + rows.map((r) => formatCsvRow(r, delimiter)).join(eol) + (finalNewline ? eol : '');
}

function parseInChunks(text: string, delimiter: string, cuts: number[]): string[][] {
  const rows: string[][] = [];
  const p = new CsvParser({ delimiter }, (r) => rows.push(r));
  let at = 0;
  for (const c of [...cuts].sort((x, y) => x - y)) {
    const to = Math.min(c, text.length);
    if (to > at) p.push(text.slice(at, to));
    at = Math.max(at, to);
  }
  p.push(text.slice(at));
  p.end();
  return rows;
}

describe('CSV reader', () => {
  it('reads back any written table: quotes, delimiters in values, CR/LF/CRLF, BOM, with or without final newline', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(...DELIMITERS), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(), (rows, d, eol, finalNl, bom) => {
        assert.deepEqual(parseCsv(render(rows, d, eol, finalNl, bom), { delimiter: d }), rows);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same rows however the input is cut into chunks', () => {
    fc.assert(
      fc.property(table, fc.constantFrom(...DELIMITERS), fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(200), { maxLength: 12 }), (rows, d, eol, cuts) => {
        const text = render(rows, d, eol, true, false);
        assert.deepEqual(parseInChunks(text, d, cuts), parseCsv(text, { delimiter: d }));
      }),
      { numRuns: 400 },
    );
  });

  it('reads a FEBRL-style file: ", " delimiter, padded header, empty fields, apostrophes, no final newline', () => {
    const text = "rec_id, given_name, surname\nrec-1-org, , o'brien\r\nrec-1-dup-0, kersey' south, ";
    const rows = parseCsv(text, { delimiter: ', ' });
    assert.deepEqual(rows, [
      ['rec_id', 'given_name', 'surname'],
      ['rec-1-org', '', "o'brien"],
      ['rec-1-dup-0', "kersey' south", ''],
    ]);
  });

  it('skips blank lines and keeps a quoted lone empty field', () => {
    assert.deepEqual(parseCsv('a,b\n\n\r\n""\nc,d'), [['a', 'b'], [''], ['c', 'd']]);
  });

  it('keeps a stray quote inside a quoted field as text rather than losing the rest of the file', () => {
    assert.deepEqual(parseCsv('"ab"c",d\ne,f'), [['ab"c', 'd'], ['e', 'f']]);
  });
});

describe('LineWriter', () => {
  it('writes every line in order, Chinese text and lines longer than its buffer included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linkage-writer-'));
    try {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('王'.repeat(400_000), 'x'.repeat(1 << 20))), { maxLength: 30 }), (lines) => {
          const path = join(dir, 'out.txt');
          const w = new LineWriter(path);
          for (const l of lines) w.line(l);
          w.close();
          assert.equal(readFileSync(path, 'utf8'), lines.map((l) => `${l}\n`).join(''));
        }),
        { numRuns: 40 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
