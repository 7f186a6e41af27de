import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { idNumberCheckChar, isCanonicalIdNumber, canonicalDateNumber, validateDate, validateIdNumber } from '../standards/index.ts';
import { RAW } from './cell-certify.ts';
import { compileResource, type ItemSpec } from './compile.ts';
import { PLACEHOLDERS } from './cell-rules.ts';

const element = (code: string, name: string) => ({ code, name, synonyms: [], custom: null });
const ITEMS: ItemSpec[] = [
  { name: '备注', dataType: 'C', length: null, isKey: false, required: false, element: null },
  { name: '机构', dataType: 'C', length: 6, isKey: false, required: false, element: null },
  { name: '姓名', dataType: 'C', length: null, isKey: false, required: false, element: element('DE0002', '姓名') },
  { name: '短名', dataType: 'C', length: 3, isKey: false, required: false, element: element('DE0002', '姓名') },
  { name: '性别', dataType: 'C', length: null, isKey: false, required: false, element: element('DE0003', '性别') },
  { name: '民族', dataType: 'C', length: null, isKey: false, required: false, element: element('DE0004', '民族') },
  { name: '出生日期', dataType: 'D', length: null, isKey: false, required: false, element: element('DE0005', '出生日期') },
  { name: '日期', dataType: 'D', length: null, isKey: false, required: false, element: element('DE0015', '日期') },
  { name: '短日期', dataType: 'C', length: 8, isKey: false, required: false, element: element('DE0015', '日期') },
  { name: '未绑定日期', dataType: 'D', length: null, isKey: false, required: false, element: null },
  { name: '身份证号', dataType: 'C', length: 18, isKey: false, required: false, element: element('DE0001', '公民身份号码') },
  { name: '手机', dataType: 'C', length: null, isKey: false, required: false, element: element('DE0009', '手机号码') },
  { name: '电话', dataType: 'C', length: null, isKey: false, required: false, element: element('DE0011', '联系电话') },
  { name: '地址', dataType: 'C', length: null, isKey: false, required: false, element: element('DE0012', '地址') },
  { name: '文本', dataType: 'C', length: 10, isKey: false, required: false, element: element('DE0017', '文本') },
  { name: '金额', dataType: 'Y', length: null, isKey: false, required: false, element: null },
  { name: '是否', dataType: 'L', length: null, isKey: false, required: false, element: null },
];
const compiled = compileResource({ code: 'test', crossField: 'quarantine', items: ITEMS });

function id(birth: string, seq = '123'): string {
  const body = `340121${birth}${seq}`;
  return body + idNumberCheckChar(body);
}

// Cells near each fast path's edges: canonical values, values that normalise, and junk.
const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('张', '三', '·', ' ', '　', 'Ａ', '1', '-', '"', '\\', 'x', 'X', '\u200b', '𠀋', '\uFFFD', '\t', '\u2028', "'", '.', '/'), maxLength: 14 }),
  fc.constantFrom(...PLACEHOLDERS, '男', '女', '2', '汉', '汉族', '01', '是', '否', '13800138000', '1380013800', '138 0013 8000', '+86 13800138000', '0571-87654321'),
  fc.date({ min: new Date('0900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.tuple(fc.integer({ min: 1890, max: 2030 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => id(`${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`)),
  fc.tuple(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 0, max: 9 })).map(([at, digit]) => { const s = id('19800101'); return s.slice(0, at) + digit + s.slice(at + 1); }),
  fc.constantFrom(id('19800101').toLowerCase().replace('x', 'x'), `${id('19800101').slice(0, 17)}x`, '安徽省合肥市长丰县水湖镇幸福路1号', '幸福路１２号', ' 张三', '张三 ', '阿依古丽·买买提', 'Zhang San'),
);

describe('cell certifiers', () => {
  it('either give up or say exactly what the item validator says, for every item kind (property)', () => {
    fc.assert(
      fc.property(cell, fc.integer({ min: 0, max: ITEMS.length - 1 }), fc.constantFrom('', 'ab,', '前'), (text, itemIndex, prefix) => {
        const item = compiled.items[itemIndex]!;
        // The cell sits inside a larger buffer, as it does in a row.
        const buf = Buffer.from(prefix + text + ',z');
        const start = Buffer.byteLength(prefix);
        const end = start + Buffer.byteLength(text);
        if (start === end) return;
        const answer = item.certifier.certify(buf, start, end);
        if (answer === null) return;
        const raw = buf.toString('utf8', start, end);
        const expected = item.validate(raw);
        assert.ok(expected.ok, `${item.name}: certified ${JSON.stringify(raw)}, which the validator refuses`);
        assert.ok(!PLACEHOLDERS.has(raw.trim()), `${item.name}: a placeholder must take the string path`);
        assert.equal(answer === RAW ? raw : answer, expected.value, `${item.name}: ${JSON.stringify(raw)}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('take the fast path for the clean values department files are made of', () => {
    const fast = (name: string, text: string) => {
      const item = compiled.items.find((i) => i.name === name)!;
      const buf = Buffer.from(text);
      return item.certifier.certify(buf, 0, buf.length);
    };
    assert.equal(fast('姓名', '黄英桂'), RAW);
    assert.equal(fast('地址', '沂南县界湖街道南村社区阳光花园1号楼1单元201室'), RAW);
    assert.equal(fast('出生日期', '1955-03-09'), RAW);
    assert.equal(fast('身份证号', id('19550309')), RAW);
    assert.equal(fast('电话', '13317607952'), RAW);
    assert.equal(fast('性别', '女'), '2');
    assert.equal(fast('备注', '高血压'), RAW);
    assert.equal(fast('短名', '欧阳娜娜'), null, 'longer than the catalog allows: the string path says why');
    assert.equal(fast('短日期', '1955-03-09'), null);
  });

  it('agree with the standards on ID numbers and dates given as bytes (property)', () => {
    fc.assert(
      fc.property(cell, (text) => {
        const buf = Buffer.from(text);
        if (buf.length === 18) {
          const r = validateIdNumber(text);
          assert.equal(isCanonicalIdNumber(buf, 0), r.ok && r.value === text, text);
        }
        const ymd = canonicalDateNumber(buf, 0, buf.length);
        const d = validateDate(text);
        if (ymd >= 0) assert.ok(d.ok && d.value === text, text);
        else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) assert.ok(!d.ok || d.value !== text, text);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('the byte fast path of a row', () => {
  const SPEC_ITEMS: ItemSpec[] = [
    { name: '档案编号', dataType: 'C', length: null, isKey: true, required: true, element: null },
    { name: '姓名', dataType: 'C', length: null, isKey: false, required: true, element: element('DE0002', '姓名') },
    { name: '性别', dataType: 'C', length: null, isKey: false, required: false, element: element('DE0003', '性别') },
    { name: '出生日期', dataType: 'D', length: null, isKey: false, required: true, element: element('DE0005', '出生日期') },
    { name: '身份证号', dataType: 'C', length: 18, isKey: true, required: true, element: element('DE0001', '公民身份号码') },
    { name: '电话', dataType: 'C', length: null, isKey: false, required: false, element: element('DE0011', '联系电话') },
    { name: '地址', dataType: 'C', length: null, isKey: false, required: false, element: element('DE0012', '地址') },
    { name: '备注', dataType: 'C', length: null, isKey: false, required: false, element: null },
  ];
  const header = SPEC_ITEMS.map((i) => i.name);
  const person = fc.tuple(fc.integer({ min: 1930, max: 2020 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 999 }))
    .map(([y, m, d, n]) => {
      const birth = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const idNo = id(birth.replace(/-/g, ''), String(n).padStart(3, '0'));
      return [`A${n % 7}`, '张三', Number(idNo[16]) % 2 ? '男' : '女', birth, idNo, '13800138000', '安徽省长丰县水湖镇幸福路1号', n % 3 ? '高血压' : ''];
    });
  // Mostly clean rows, some cells replaced by anything at all, some rows cut short.
  const row = fc.tuple(person, fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), cell), { maxLength: 2 }), fc.oneof(fc.constant(8), fc.integer({ min: 6, max: 9 })))
    .map(([cells, edits, width]) => {
      const out = [...cells];
      for (const [at, text] of edits) out[at] = text;
      return out.slice(0, width).concat(width > 8 ? [''] : []);
    });

  it('gives the same records, keys, quarantine, warnings and statistics as the string path (property)', async () => {
    const { RowPreparer } = await import('./prepare.ts');
    const { mapColumns } = await import('./header.ts');
    const spec = { code: 'test', crossField: 'quarantine' as const, items: SPEC_ITEMS };
    const resource = compileResource(spec);
    let fast = 0;
    let total = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const mapping = mapColumns(header, spec);
        const bytes = new RowPreparer(resource, mapping, header, { strictWidth: true });
        const strings = new RowPreparer(resource, mapping, header, { strictWidth: true });
        rows.forEach((cells, n) => {
          const parts = cells.map((c) => Buffer.from(c));
          const buf = Buffer.concat(parts);
          const starts = new Int32Array(parts.length);
          const ends = new Int32Array(parts.length);
          let at = 0;
          parts.forEach((p, i) => { starts[i] = at; ends[i] = at += p.length; });
          bytes.prepareBytes(n + 2, { buf, starts, ends, count: parts.length });
          strings.prepare(n + 2, cells);
        });
        const a = bytes.take();
        const b = strings.take();
        assert.deepEqual({ ...a, data: a.data.toString() }, { ...b, data: b.data.toString() });
        assert.deepEqual(bytes.stats, strings.stats);
        fast += bytes.fastAccepted;
        total += rows.length;
      }),
      { numRuns: 3000 },
    );
    assert.ok(fast > total / 4, `the fast path took ${fast} of ${total} rows`);
  });
});
