import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadChineseTools, type ChineseTools, type NameRole } from './tools.ts';

let zh: ChineseTools;
before(async () => {
  zh = await loadChineseTools();
});

const char = fc.constantFrom(...'王李单曾行欧阳司马张張曉明华華乐樂重长', 'a', 'Z', '·', '𠀀', '𪚥', '1');
const name = fc.array(char, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
const role = fc.constantFrom<NameRole>('full_name', 'family_name', 'given_name');

describe('Chinese tools', () => {
  it('gives name keys equal to the joined pinyin of namePinyin, astral characters included', () => {
    fc.assert(
      fc.property(name, role, (n, r) => {
        const plain = zh.namePinyin(n, 'given_name');
        const family = zh.namePinyin(n, r);
        const keys = zh.nameKeys(n, r);
        assert.equal(keys.plain, plain.join(''));
        assert.equal(keys.family, family.join(''));
        assert.equal(keys.fuzzyPlain.length <= keys.plain.length, true);
        // Fuzzy keys are stable: the same name gives the same keys however often it is asked.
        assert.deepEqual(zh.nameKeys(n, r), keys);
      }),
    );
  });

  it('reads surname readings for the family part only', () => {
    assert.equal(zh.nameKeys('单雄信', 'full_name').family, 'shanxiongxin');
    assert.equal(zh.nameKeys('欧阳修', 'full_name').family, 'ouyangxiu');
    assert.equal(zh.nameKeys('曾', 'family_name').family, 'zeng');
  });

  it('simplifies traditional text and leaves simplified, Latin and astral text alone', () => {
    assert.equal(zh.toSimplified('張曉明'), '张晓明');
    assert.equal(zh.toSimplified('王小明 wang'), '王小明 wang');
    assert.equal(zh.toSimplified('𠀀張'), zh.toSimplified('𠀀') + '张');
    assert.equal(zh.toSimplified('𪚥'), '𪚥');
  });
});

describe('sound ids', () => {
  it('share an id exactly where two characters share a reading', () => {
    const chars = [...'行航衡形张章王汪单善曾增乐月a'];
    for (const x of chars) {
      for (const y of chars) {
        const byText = zh.readings(x).some((r) => zh.readings(y).includes(r));
        const byId = zh.soundIds(x.charCodeAt(0)).some((r) => zh.soundIds(y.charCodeAt(0)).includes(r));
        assert.equal(byId, byText, `${x} ${y}`);
      }
    }
  });
});
