import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse as csvParse } from 'csv-parse/sync';
import { ByteCsvParser, cellStrings, guessDelimiter } from './csv-bytes.ts';

const NEEDS_QUOTES = /[",\r\n]/;
const cellText = (v: string) => (NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Parses the UTF-8 bytes of `text`, cut into chunks at the given byte offsets. */
function parseAll(text: string, cuts: number[] = [], options: { delimiter?: string; maxRowBytes?: number } = {}): string[][] {
  const bytes = Buffer.from(text);
  const rows: string[][] = [];
  const p = new ByteCsvParser((row) => rows.push(cellStrings(row)), options);
  let at = 0;
  for (const cut of [...cuts].map((c) => c % (bytes.length + 1)).sort((a, b) => a - b)) {
    p.push(bytes.subarray(at, cut));
    at = cut;
  }
  p.push(bytes.subarray(at));
  p.end();
  return rows;
}

describe('ByteCsvParser', () => {
  it('reads quoted delimiters, escaped quotes and line breaks inside quotes', () => {
    const rows = parseAll('姓名,备注\r\n张三,"a, ""b"""\r\n李四,"第一行\n第二行"\r\n');
    assert.deepEqual(rows, [['姓名', '备注'], ['张三', 'a, "b"'], ['李四', '第一行\n第二行']]);
  });

  it('handles a missing final newline, CR-only line ends and an empty trailing field', () => {
    assert.deepEqual(parseAll('a,b\n1,'), [['a', 'b'], ['1', '']]);
    assert.deepEqual(parseAll('a,b\r1,2\r3,4'), [['a', 'b'], ['1', '2'], ['3', '4']]);
    assert.deepEqual(parseAll('a,"b"\n"1",'), [['a', 'b'], ['1', '']]);
  });

  it('guesses tab, semicolon and pipe delimiters from the header line', () => {
    assert.equal(guessDelimiter('姓名\t身份证号\t性别'), '\t');
    assert.equal(guessDelimiter('a;b;c'), ';');
    assert.equal(guessDelimiter('"a,b"|c|d'), '|');
    assert.deepEqual(parseAll('姓名\t电话\n张三\t138'), [['姓名', '电话'], ['张三', '138']]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    assert.deepEqual(parseAll('a,b\n5"3,x\n"q"z,y\n'), [['a', 'b'], ['5"3', 'x'], ['qz', 'y']]);
  });

  it('refuses a row that never ends instead of buffering the whole file', () => {
    const text = `a,b\n"${'x'.repeat(5000)}`;
    assert.throws(() => parseAll(text, [10, 2000, 4000], { maxRowBytes: 1000 }), /未结束|without ending/);
  });

  it('round-trips any table written with RFC 4180 quoting, whatever the chunking (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '张', ',', '"', '\n', '\r\n', ' ', '1', 'x', '\t') , maxLength: 8 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 })),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        (table, cutSeeds, eol) => {
          // The header must show the delimiter and no row may be a lone empty cell (a blank line).
          const rows = [table[0]!.map((_, i) => `h${i}`), ...table].filter((r) => !(r.length === 1 && r[0] === ''));
          if (rows[0]!.length === 1) rows[0] = ['h0', 'h1'];
          const fixed = rows.map((r) => (r.length === rows[0]!.length ? r : [...r, ...Array(rows[0]!.length - r.length).fill('')]));
          const text = fixed.map((r) => r.map(cellText).join(',')).join(eol) + eol;
          assert.deepEqual(parseAll(text, cutSeeds, { delimiter: ',' }), fixed);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads what csv-parse reads from any RFC 4180 file, cut into chunks anywhere, even inside a character (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '张', '𠀋', ',', '"', '\n', '\r\n', ' ', '1', '；', '\t'), maxLength: 10 });
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 10 })),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (table, cuts, eol, finalNewline) => {
          const rows = table.filter((r) => !r.every((c) => c === ''));
          if (rows.length === 0) return;
          const text = rows.map((r) => r.map(cellText).join(',')).join(eol) + (finalNewline ? eol : '');
          const oracle = csvParse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
          assert.deepEqual(parseAll(text, cuts, { delimiter: ',' }), oracle);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps old-Mac CR line ends and quoted cells that span chunks intact', () => {
    const text = '姓名,备注\r张三,"很长的\r备注"\r李四,2';
    for (let cut = 0; cut <= Buffer.byteLength(text); cut++) {
      assert.deepEqual(parseAll(text, [cut]), [['姓名', '备注'], ['张三', '很长的\r备注'], ['李四', '2']], `cut at ${cut}`);
    }
  });
});
