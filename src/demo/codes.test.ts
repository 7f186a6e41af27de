import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { idNumberCheckChar, usccCheckChar as stdUsccCheck, validateIdNumber, validateUscc } from '../standards/index.ts';
import { charVariants } from './char-variants.ts';
import { deriveCharVariants, variantTableSource } from './char-variants-derive.ts';
import { DEFAULT_COUNTY, loadCounty } from './division.ts';
import { canonicalId, idCheckChar, isValidUscc, makeUscc, USCC_CHARSET } from './check-codes.ts';
import { dayOf, formatDay, parseDay, ymdOf, type DateStyle } from './dates.ts';
import { rngFor, Weighted } from './prng.ts';
import { CsvWriter } from './writers/csv.ts';
import { encodeGbk } from './writers/gbk.ts';
import { XlsxWriter } from './writers/xlsx.ts';

const tmp = mkdtempSync(join(tmpdir(), 'demo-codes-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

describe('check characters', () => {
  it('agrees with the standards module on every 17-digit body', () => {
    fc.assert(fc.property(digits(17), (body) => idCheckChar(body) === idNumberCheckChar(body)));
  });

  it('accepts exactly what validateIdNumber accepts, giving the same canonical form', () => {
    const idLike = fc.oneof(
      fc.tuple(fc.constantFrom('371321', '110105', '440305'), fc.integer({ min: dayOf(1901, 1, 1), max: dayOf(2024, 6, 29) }), digits(3))
        .map(([r, d, s]) => `${r}${ymdOf(d)}${s}`).map((b) => b + idCheckChar(b)),
      digits(18), digits(15), fc.string({ maxLength: 20 }),
    );
    const mutated = fc.tuple(idLike, fc.constantFrom('none', 'lower', 'full', 'space')).map(([s, how]) =>
      how === 'lower' ? s.replace('X', 'x') : how === 'full' ? s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : how === 'space' ? ` ${s} ` : s);
    fc.assert(fc.property(mutated, (s) => {
      const std = validateIdNumber(s);
      const mine = canonicalId(s);
      return std.ok ? mine === std.value : mine === undefined;
    }), { numRuns: 2000 });
  });

  it('makes unified social credit codes the standards module accepts', () => {
    const body = fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 8, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(fc.property(body, fc.constantFrom('1', '2', '3'), (b, type) => {
      const code = makeUscc('9', type, '371321', b);
      return validateUscc(code).ok && isValidUscc(code) && stdUsccCheck(code.slice(0, 17)) === code[17];
    }));
  });
});

describe('name variants', () => {
  it('stores exactly the tables pinyin-pro and OpenCC give for the name characters', () => {
    const stored = readFileSync(new URL('./char-variant-table.ts', import.meta.url), 'utf8');
    assert.equal(stored, variantTableSource(deriveCharVariants()), 'regenerate: node --import tsx src/demo/char-variants-derive.ts > src/demo/char-variant-table.ts');
  });
});

describe('dates', () => {
  it('round-trips every style', () => {
    const styles: DateStyle[] = ['iso', 'slash', 'cjk', 'compact', 'dot', 'datetime', 'excel'];
    fc.assert(fc.property(fc.integer({ min: dayOf(1900, 3, 1), max: dayOf(2100, 1, 1) }), fc.constantFrom(...styles), (day, style) => parseDay(formatDay(day, style), style) === day));
  });
});

describe('seeded streams', () => {
  it('repeat for the same seed and stream, and differ across streams', () => {
    const a = rngFor(7, 'x');
    const b = rngFor(7, 'x');
    const c = rngFor(7, 'y');
    const seqA = Array.from({ length: 50 }, () => a.u32());
    assert.deepEqual(seqA, Array.from({ length: 50 }, () => b.u32()));
    assert.notDeepEqual(seqA, Array.from({ length: 50 }, () => c.u32()));
  });

  it('draws weighted choices in proportion', () => {
    const rng = rngFor(1, 'w');
    const w = new Weighted([1, 3, 6]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[w.sample(rng)]!++;
    [0.1, 0.3, 0.6].forEach((p, i) => assert.ok(Math.abs((counts[i] as number) / 30000 - p) < 0.015, `bucket ${i}: ${counts[i]}`));
  });
});

describe('writers', () => {
  it('encodes GBK exactly as iconv-lite does', () => {
    const text = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x4e00, max: 0x9fa5 }), fc.integer({ min: 0xff01, max: 0xff5e }), fc.constantFrom(0x3000, 0x33a1, 0x20ac, 0xb7)).map((c) => String.fromCharCode(c)) });
    fc.assert(fc.property(text, (s) => encodeGbk(s).equals(iconv.encode(s, 'gbk'))));
  });

  it('only puts characters GBK can hold into names and places of the default county', () => {
    const v = charVariants();
    const chars = new Set<string>();
    for (const [k, list] of v.homophones) [k, ...list].forEach((c) => chars.add(c));
    for (const [k, c] of [...v.lookalikes, ...v.traditional]) [k, c].forEach((x) => chars.add(x));
    const county = loadCounty(DEFAULT_COUNTY);
    for (const place of [...county.townships, ...county.villages]) for (const ch of place.name) chars.add(ch);
    const lost = [...chars].filter((ch) => iconv.decode(encodeGbk(ch), 'gbk') !== ch);
    assert.deepEqual(lost, []);
    assert.ok(chars.size > 500);
  });

  it('writes CSV that csv-parse reads back cell for cell', async () => {
    const rows = fc.sample(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '王', ' ', '1') }), { minLength: 3, maxLength: 3 }), 200);
    const path = join(tmp, 'q.csv');
    const csv = await CsvWriter.open(path, { encoding: 'utf-8', lineEnding: '\r\n' });
    for (const r of rows) csv.row(r);
    await csv.close();
    assert.deepEqual(parse(readFileSync(path, 'utf8')), rows);
  });

  it('writes XLSX that exceljs reads, identical bytes each time', async () => {
    const write = async (path: string) => {
      const x = await XlsxWriter.open(path, { sheet: '台账', title: '标题 <&>', columns: 3, dateColumns: [2] });
      x.row(['姓名', '身份证号', '出生日期']);
      for (let i = 0; i < 3000; i++) x.row([`王${i} `, i % 2 ? '37132119900307123X' : 371321199003071000, 32939 + i]);
      await x.close();
    };
    await write(join(tmp, 'a.xlsx'));
    await write(join(tmp, 'b.xlsx'));
    assert.ok(readFileSync(join(tmp, 'a.xlsx')).equals(readFileSync(join(tmp, 'b.xlsx'))));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp, 'a.xlsx'));
    const ws = wb.getWorksheet('台账')!;
    assert.equal(ws.getCell('A1').value, '标题 <&>');
    assert.equal(ws.getCell('A3').value, '王0 ');
    assert.equal(ws.getCell('B3').value, 371321199003071000);
    assert.equal(ws.getCell('B4').value, '37132119900307123X');
    assert.equal((ws.getCell('C3').value as Date).toISOString().slice(0, 10), '1990-03-07');
    assert.equal(ws.rowCount, 3002);
    // The streaming reader, as an ingest pipeline would use it for big files.
    let rows = 0;
    let last: unknown;
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(join(tmp, 'a.xlsx'), {})) {
      for await (const row of sheet) {
        rows++;
        last = row.getCell(1).value;
      }
    }
    assert.equal(rows, 3002);
    assert.equal(last, '王2999 ');
  });
});
