import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { codePointLength, compact, hasCjk, normalize } from './normalize.ts';

// Text as departments type it: full-width forms, odd spaces, BOMs, CJK.
const messyChar = fc.constantFrom(
  'a', 'Z', '5', '-', '@', '１', '９', 'Ａ', 'ｚ', '！', '（', '－', '　', ' ', '\t', '\n', '\u00a0', '\u2003', '\ufeff', '\u200b', '张', '三', '·', '𠮷',
);
const messy = fc.string({ unit: messyChar, maxLength: 40 });

describe('normalize', () => {
  it('folds full-width digits, letters and punctuation to ASCII', () => {
    assert.equal(normalize('１２３ＡＢＣａｂｃ！＠（）－'), '123ABCabc!@()-');
  });

  it('turns the ideographic space into a space, trims and collapses runs', () => {
    assert.equal(normalize('\u3000 张\u3000\u3000三 \t李\n'), '张 三 李');
  });

  it('drops zero-width characters and a BOM', () => {
    assert.equal(normalize('\ufeff身份\u200b证号'), '身份证号');
  });

  it('leaves clean text as it is', () => {
    assert.equal(normalize('公民身份号码 DE0001'), '公民身份号码 DE0001');
  });

  it('is idempotent on any string', () => {
    fc.assert(fc.property(fc.oneof(messy, fc.string({ unit: 'binary' })), (s) => {
      const once = normalize(s);
      assert.equal(normalize(once), once);
    }));
  });

  it('never leaves full-width forms, edge spaces or double spaces', () => {
    fc.assert(fc.property(messy, (s) => {
      const n = normalize(s);
      assert.ok(!/[\uff01-\uff5e\u3000\u00a0\u2003\ufeff\u200b\t\n]/.test(n), n);
      assert.equal(n, n.trim());
      assert.ok(!n.includes('  '));
    }));
  });

  it('handles strings longer than the internal chunk size', () => {
    const long = '１'.repeat(20000);
    assert.equal(normalize(long), '1'.repeat(20000));
  });
});

describe('compact', () => {
  it('removes all whitespace and folds full-width forms', () => {
    assert.equal(compact(' １３８ ００１３　８０００ '), '13800138000');
  });

  it('equals normalize with the spaces taken out', () => {
    fc.assert(fc.property(messy, (s) => {
      assert.equal(compact(s), normalize(s).replace(/ /g, ''));
    }));
  });
});

describe('codePointLength and hasCjk', () => {
  it('counts a supplementary-plane character once', () => {
    assert.equal(codePointLength('𠮷野家'), 3);
  });

  it('finds CJK in the basic block and in Extension B', () => {
    assert.equal(hasCjk('abc张'), true);
    assert.equal(hasCjk('a𠮷'), true);
    assert.equal(hasCjk('abc 123'), false);
  });
});
