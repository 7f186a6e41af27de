import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { createStore, type RecordStore } from './encode/store.ts';
import { loadChineseTools, type ChineseTools } from './chinese/tools.ts';
import { personModel } from './models.ts';
import { residentIdCheck } from './values/resident-id.ts';
import { createScorer } from './score.ts';
import { initialM } from './em.ts';
import type { LinkageParams } from './train.ts';

const ID = (body: string) => body + residentIdCheck(body);
const wang = ID('41052219850307123'); // male (3rd sequence digit odd)

let zh: ChineseTools;
before(async () => {
  zh = await loadChineseTools();
});

/** Level label of `field` for two records given as partial value maps. */
function level(field: string, a: Record<string, string>, b: Record<string, string>, store: RecordStore = createStore(personModel(), { chinese: zh })): string {
  const i = store.add(`a${store.size}`, (c) => a[c]);
  const j = store.add(`b${store.size}`, (c) => b[c]);
  const cmp = store.comparisons.find((c) => c.name === field)!;
  return cmp.levels[cmp.level(i, j)]!;
}

describe('Chinese person comparisons', () => {
  it('hears 王晓明 and 王小明 as the same name, and 张伟 / 章伟', () => {
    assert.equal(level('name', { name: '王晓明' }, { name: '王小明' }), 'same_sound');
    assert.equal(level('name', { name: '张伟' }, { name: '章伟' }), 'same_sound');
  });

  it('uses surname readings and polyphones: 单 as shan, 曾 as zeng', () => {
    assert.deepEqual(zh.namePinyin('单雄信', 'full_name'), ['shan', 'xiong', 'xin']);
    assert.deepEqual(zh.namePinyin('曾国藩', 'full_name'), ['zeng', 'guo', 'fan']);
    assert.equal(level('name', { name: '单雄信' }, { name: '善雄信' }), 'same_sound');
    assert.equal(level('name', { name: '曾小贤' }, { name: '增小贤' }), 'same_sound');
  });

  it('reads traditional characters as simplified: 張曉明 = 张晓明', () => {
    assert.equal(level('name', { name: '張曉明' }, { name: '张晓明' }), 'exact');
  });

  it('treats shape-alike characters as similar (己/已) and an unrelated character as weak', () => {
    assert.equal(level('name', { name: '李己' }, { name: '李已' }), 'similar');
    assert.equal(level('name', { name: '李明华' }, { name: '李明东' }), 'weak');
    assert.equal(level('name', { name: '李明华' }, { name: '赵国强' }), 'else');
  });

  it('matches name order and pinyin spellings', () => {
    assert.equal(level('name', { name: 'Zhang Wei' }, { name: 'wei zhang' }), 'same_sound');
    assert.equal(level('name', { name: '王晓明' }, { name: 'Wang Xiaoming' }), 'same_sound');
  });

  it('sees a checksum-failing one-digit typo and an adjacent transposition as the same ID, a 15-digit legacy ID as exact', () => {
    const typo = `${wang.slice(0, 12)}${(Number(wang[12]) + 5) % 10}${wang.slice(13)}`;
    const swapped = `${wang.slice(0, 14)}${wang[15]}${wang[14]}${wang.slice(16)}`;
    const legacy = `${wang.slice(0, 6)}${wang.slice(8, 17)}`;
    assert.equal(level('id_number', { id_number: wang }, { id_number: typo }), 'checksum_typo');
    assert.equal(level('id_number', { id_number: wang }, { id_number: swapped }), 'checksum_typo');
    assert.equal(level('id_number', { id_number: wang }, { id_number: legacy }), 'exact');
    assert.equal(level('id_number', { id_number: wang }, {}), 'null');
    assert.equal(level('id_number', { id_number: wang }, { id_number: ID('41052219900101124') }), 'else');
  });

  it('normalises phones (+86, dashes, spaces, full-width digits)', () => {
    assert.equal(level('phone', { phone: '+86 138-0013-8000' }, { phone: '13800138000' }), 'exact');
    assert.equal(level('phone', { phone: '１３８００１３８０００' }, { phone: '13800138000' }), 'exact');
    assert.equal(level('phone', { phone: '13800138000' }, { phone: '13800183000' }), 'one_edit');
  });

  it('compares addresses level by level: a missing county is no conflict, Chinese numerals are digits', () => {
    assert.equal(level('address', { address: '城关镇幸福村3组12号' }, { address: '某某县城关镇幸福村三组12号' }), 'compatible');
    assert.equal(level('address', { address: '城关镇幸福村3组12号' }, { address: '城关镇幸福村4组12号' }), 'same_street');
    assert.equal(level('address', { address: '城关镇幸福村3组12号' }, { address: '城关镇红星村3组12号' }), 'same_area');
    assert.equal(level('address', { address: '城关镇幸福村3组12号' }, { address: '河东镇幸福村3组12号' }), 'else');
  });

  it('reads dates in several writings, with day and month transposed or one digit wrong', () => {
    assert.equal(level('birth_date', { birth_date: '1985年3月7日' }, { birth_date: '1985-03-07' }), 'exact');
    assert.equal(level('birth_date', { birth_date: '19850307' }, { birth_date: '19850703' }), 'day_month_swapped');
    assert.equal(level('birth_date', { birth_date: '19850307' }, { birth_date: '19850308' }), 'one_edit');
    assert.equal(level('sex', { sex: '男' }, { sex: 'M' }), 'exact');
    assert.equal(level('ethnicity', { ethnicity: '汉族' }, { ethnicity: '01' }), 'exact');
  });

  it('decides equal valid ID numbers by rule and explains every comparison', () => {
    const store = createStore(personModel(), { chinese: zh });
    const params: LinkageParams = {
      version: 1,
      comparisons: store.comparisons.map((c) => {
        const m = initialM(c.levels.length);
        const u = c.levels.map((_, l) => (l === 0 ? 0 : l === c.levels.length - 1 ? 0.9 : 0.1 / (c.levels.length - 2)));
        return { name: c.name, kind: c.kind, levels: [...c.levels], m, u, uBlocked: u };
      }),
      lambda: 1e-4,
      lambdaBlocked: 0.5,
      emIterations: 0,
      emConverged: true,
      candidatePairs: 0,
    };
    store.add('公安-1', (c) => ({ name: '王晓明', id_number: wang, sex: '男' })[c]);
    store.add('民政-9', (c) => ({ name: '王大力', id_number: wang, sex: '女' })[c]);
    const e = createScorer(store, params).explain(0, 1);
    assert.equal(e.rule, 'valid_id_number_equal:id_number');
    assert.equal(e.probability, 1);
    const name = e.comparisons.find((c) => c.name === 'name')!;
    assert.equal(name.level, 'else');
    assert.ok(name.weight < 0, 'a different name counts against, yet the rule decides');
    assert.equal(e.comparisons.find((c) => c.name === 'sex')!.level, 'else');
  });
});
