import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { customElement, validateCustomElementSpec } from './custom-element.ts';
import { patternProblem } from './regex-safety.ts';
import { AppError } from '../shared/errors.ts';
import type { ValidationResult } from './result.ts';

const valueOf = (r: ValidationResult) => (r.ok ? r.value : `invalid: ${r.reason.en}`);

describe('customElement', () => {
  it('maps a code list by code or label to the code', () => {
    const e = customElement({
      code: 'XZ0001', name: '低保类别', dataType: 'C', description: '最低生活保障类别',
      enumValues: [{ code: 'A', label: '城市低保' }, { code: 'B', label: '农村低保' }],
    });
    assert.equal(valueOf(e.validate('农村低保')), 'B');
    assert.equal(valueOf(e.validate(' A ')), 'A');
    assert.match(valueOf(e.validate('特困')), /not in the code list \(allowed: A 城市低保、B 农村低保\)/);
    assert.equal(e.standard, '县级自定义 / county-defined');
  });

  it('applies the data type first, then length and pattern', () => {
    const date = customElement({ code: 'XZ0002', name: '认定日期', dataType: 'D', description: '' });
    assert.equal(valueOf(date.validate('2024年3月7日')), '2024-03-07');
    const plate = customElement({ code: 'XZ0003', name: '门牌号', dataType: 'C', maxLength: 8, pattern: '[0-9]{1,4}号', description: '' });
    assert.equal(valueOf(plate.validate('１２号')), '12号');
    assert.match(valueOf(plate.validate('12栋')), /does not match the pattern/);
    assert.match(valueOf(plate.validate('123456789号')), /at most 8 characters/);
    const money = customElement({ code: 'XZ0004', name: '补助金额', dataType: 'Y', description: '' });
    assert.equal(valueOf(money.validate('1,200')), '1200.00');
  });

  it('matches the pattern against the whole value, not a part of it', () => {
    const e = customElement({ code: 'XZ0005', name: '编号', dataType: 'C', pattern: '\\d{3}|[A-Z]{2}', description: '' });
    assert.equal(e.validate('123').ok, true);
    assert.equal(e.validate('AB').ok, true);
    assert.equal(e.validate('1234').ok, false);
    assert.equal(e.validate('xAB').ok, false);
  });

  it('throws invalid_input with a field path for each problem', () => {
    try {
      customElement({ code: '1bad', name: '', dataType: 'Q' as 'C', pattern: '(a+)+', description: '' });
      assert.fail('expected a throw');
    } catch (e) {
      assert.ok(e instanceof AppError && e.code === 'invalid_input');
      assert.deepEqual(e.fields.map((f) => f.path).sort(), ['/code', '/dataType', '/name', '/pattern']);
    }
  });
});

describe('validateCustomElementSpec', () => {
  it('accepts a good spec', () => {
    assert.deepEqual(validateCustomElementSpec({ code: 'XZ0001', name: '低保类别', dataType: 'C', maxLength: 2, description: '' }), []);
  });

  it('reports each bad field with its path, in Chinese and English', () => {
    const problems = validateCustomElementSpec({
      code: 'DE0001', name: 'x', dataType: 'C', maxLength: 0, pattern: '[', description: 3,
      enumValues: [{ code: 'A', label: '甲' }, { code: 'A', label: '' }, { code: 'C', label: 'A' }],
    });
    const paths = problems.map((p) => p.path);
    assert.deepEqual(paths.sort(), ['/code', '/description', '/enumValues/1/code', '/enumValues/1/label', '/enumValues/2/label', '/maxLength', '/pattern'].sort());
    for (const p of problems) assert.ok(p.zh.length > 0 && p.en.length > 0);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      assert.ok(Array.isArray(validateCustomElementSpec(x)));
    }));
  });
});

describe('patternProblem', () => {
  it('accepts ordinary patterns', () => {
    for (const p of ['^[A-Z]{2}\\d{6}$', '(\\d{1,3}\\.){3}\\d{1,3}', '\\p{Script=Han}{2,4}', '(?:ab|cd){2}', '[0-9]+号', '(?<y>\\d{4})-\\d{2}']) {
      assert.equal(patternProblem(p), undefined, p);
    }
  });

  it('refuses shapes that backtrack catastrophically, back-references and broken syntax', () => {
    for (const p of ['(a+)+', '(\\d*)*$', '([a-z]+\\.)*x', '(a|aa)*', '(a{1,2})+', '((a+))+', '(\\d+){2,}', '(\\d{1,30}){3}', '\\d*\\d*\\d*', '(x)\\1', '(?<y>a)\\k<y>', '[', '('.repeat(3), 'a'.repeat(501)]) {
      assert.notEqual(patternProblem(p), undefined, p);
    }
  });

  it('keeps every accepted pattern fast on adversarial input', () => {
    const atom = fc.constantFrom('a', '\\d', '[ab]', '.', '(?:ab)', '(a)');
    const quant = fc.constantFrom('', '*', '+', '?', '{2}', '{1,3}', '{2,}');
    const piece = fc.tuple(atom, quant).map(([a, q]) => a + q);
    const group = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 3 }), quant).map(([ps, q]) => `(${ps.join('|')})${q}`);
    const pattern = fc.array(fc.oneof(piece, group), { minLength: 1, maxLength: 4 }).map((ps) => ps.join(''));
    fc.assert(fc.property(pattern, (p) => {
      if (patternProblem(p) !== undefined) return;
      const e = customElement({ code: 'XZ9999', name: '测试', dataType: 'C', pattern: p, description: '' });
      // Inputs at the matching limit that fail only at the last character make the engine try every split.
      const start = performance.now();
      e.validate(`${'a'.repeat(999)}!`);
      e.validate(`${'ab'.repeat(499)}a!`);
      e.validate(`${'1'.repeat(999)}!`);
      assert.ok(performance.now() - start < 500, `${p} took ${performance.now() - start} ms`);
    }), { numRuns: 200 });
  });
});
