import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { builtinElements } from './elements.ts';
import { findElement, headerKey, suggestElements } from './element-lookup.ts';
import { AppError } from '../shared/errors.ts';

// Valid sample inputs per element, in the spellings departments send.
const SAMPLES: Record<string, string[]> = {
  DE0001: ['11010519491231002x', '340524800101001'],
  DE0002: ['张 三', '阿依古丽•买买提', 'John Smith'],
  DE0003: ['男', 'F', '9'],
  DE0004: ['汉', '维吾尔族', '56'],
  DE0005: ['1990年3月7日', '32939'],
  DE0006: ['91350100m000100y43'],
  DE0007: ['M000100Y4'],
  DE0008: ['340121', '340121000000', '110101001'],
  DE0009: ['+86 138 0013 8000'],
  DE0010: ['(0571)87654321转8001'],
  DE0011: ['021 6412 3456', '13800138000'],
  DE0012: ['安徽省 长丰县 水湖镇'],
  DE0013: ['231131'],
  DE0014: ['a.b@Example.com'],
  DE0015: ['1990/3/7', '25569'],
  DE0016: ['2024-03-07T06:30:00Z', '45000.5'],
  DE0017: ['备注　内容'],
  DE0018: ['1,234.50', '1e3'],
  DE0019: ['是', 'false'],
  DE0020: ['￥1,200元'],
  DE0021: ['1,200'],
};

/** Full-width forms and stray spaces at the edges, as IME input and Excel add them. */
const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const perturb = (s: string) => fc.tuple(fc.boolean(), fc.constantFrom('', ' ', '\u3000', '\t', '\ufeff'), fc.constantFrom('', ' ', '\u3000'))
  .map(([wide, before, after]) => `${before}${wide ? toFullWidth(s) : s}${after}`);

describe('builtinElements', () => {
  it('has unique codes and a synonym, name or code never shared by two elements', () => {
    const owner = new Map<string, string>();
    for (const e of builtinElements) {
      for (const term of [e.code, e.name, e.nameEn, ...e.synonyms]) {
        const k = headerKey(term);
        const prev = owner.get(k);
        assert.ok(prev === undefined || prev === e.code, `${term} belongs to ${prev} and ${e.code}`);
        owner.set(k, e.code);
      }
    }
  });

  it('has sample inputs for every element, all accepted', () => {
    for (const e of builtinElements) {
      const samples = SAMPLES[e.code];
      assert.ok(samples, `no samples for ${e.code}`);
      for (const s of samples) assert.ok(e.validate(s).ok, `${e.name}: ${s} → ${JSON.stringify(e.validate(s))}`);
    }
  });

  it('gives the same canonical value for full-width and padded spellings, and the value is a fixed point', () => {
    for (const e of builtinElements) {
      for (const sample of SAMPLES[e.code] ?? []) {
        const base = e.validate(sample);
        assert.ok(base.ok);
        assert.equal(e.validate(base.value).ok && (e.validate(base.value) as { value: string }).value, base.value, `${e.name} ${base.value}`);
        fc.assert(fc.property(perturb(sample), (raw) => {
          const r = e.validate(raw);
          assert.ok(r.ok && r.value === base.value, `${e.name} ${JSON.stringify(raw)} → ${JSON.stringify(r)}`);
        }), { numRuns: 20 });
      }
    }
  });

  it('never throws on arbitrary strings and always gives a bilingual reason', () => {
    const input = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ maxLength: 30 }));
    fc.assert(fc.property(input, (raw) => {
      for (const e of builtinElements) {
        const r = e.validate(raw);
        if (r.ok) {
          assert.equal(typeof r.value, 'string');
          const again = e.validate(r.value);
          assert.ok(again.ok && again.value === r.value, `${e.name}: ${JSON.stringify(raw)} → ${r.value} is not a fixed point`);
        } else {
          assert.ok(r.reason.zh.length > 0 && r.reason.en.length > 0, `${e.name}: ${JSON.stringify(raw)}`);
        }
      }
    }), { numRuns: 300 });
  });

  it('rejects the empty string with the same reason everywhere', () => {
    for (const e of builtinElements) {
      const r = e.validate(' \u3000 ');
      assert.ok(!r.ok && r.reason.en === 'value is empty', e.name);
    }
  });
});

describe('findElement', () => {
  it('finds by code, name, English name and synonym', () => {
    assert.equal(findElement('DE0001')?.name, '公民身份号码');
    assert.equal(findElement('de0001')?.name, '公民身份号码');
    assert.equal(findElement('公民身份号码')?.code, 'DE0001');
    assert.equal(findElement('citizen ID number')?.code, 'DE0001');
    for (const s of ['身份证号', '身份证号码', '证件号码', '公民身份证号', '身份证']) assert.equal(findElement(s)?.code, 'DE0001', s);
    for (const s of ['联系电话', '电话', 'tel']) assert.equal(findElement(s)?.code, 'DE0011', s);
    for (const s of ['手机', '手机号']) assert.equal(findElement(s)?.code, 'DE0009', s);
  });

  it('ignores full-width forms, spaces, a required-marker and a bracketed note', () => {
    assert.equal(findElement('*身份证号码（必填）')?.code, 'DE0001');
    assert.equal(findElement(' 手 机 号 ')?.code, 'DE0009');
    assert.equal(findElement('ＳＦＺＨ')?.code, 'DE0001');
  });

  it('returns undefined for an unknown element and suggests close names', () => {
    assert.equal(findElement('身份证号吗'), undefined);
    assert.deepEqual(suggestElements('身份证号吗').slice(0, 1), ['公民身份号码']);
  });
});

describe('findElement with custom lists', () => {
  it('searches the list it is given', async () => {
    const { customElement } = await import('./custom-element.ts');
    const e = customElement({ code: 'XZ0001', name: '低保类别', dataType: 'C', description: '', synonyms: ['低保类型'] });
    assert.equal(findElement('低保类型', [e])?.code, 'XZ0001');
    assert.equal(findElement('低保类型'), undefined);
    assert.throws(() => customElement({ code: 'DE0001', name: 'x', dataType: 'C', description: '' }), AppError);
  });
});
