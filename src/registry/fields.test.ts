import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { demoResources } from '../demo/index.ts';
import { classifyItem } from './fields.ts';
import { profileResource, type ResourceInfo } from './profiles.ts';

const info = (code: string, items: Array<[string, string | null, boolean?]>): ResourceInfo => ({
  code, name: code, departmentId: 'd1', departmentCode: 'D1', departmentName: '测试局',
  items: items.map(([name, element, isKey]) => ({ name, element, isKey: isKey ?? false })),
});

describe('registry feeds from the catalog', () => {
  it('reads a role from an item name prefix and the field from the data element', () => {
    assert.deepEqual(classifyItem('法定代表人证件号码', '公民身份号码'), { field: 'id_number', role: 'legal_rep', kind: 'person' });
    assert.deepEqual(classifyItem('法定代表人', '姓名'), { field: 'name', role: 'legal_rep', kind: 'person' });
    assert.deepEqual(classifyItem('单位统一社会信用代码', '统一社会信用代码'), { field: 'credit_code', role: 'employer', kind: 'business' });
    assert.deepEqual(classifyItem('男方公民身份号码', '公民身份号码'), { field: 'id_number', role: '男方', kind: 'person' });
    assert.deepEqual(classifyItem('户籍地址', '地址'), { field: 'address', role: '', kind: null });
    assert.deepEqual(classifyItem('现居住地址', '地址'), { field: 'address', role: '', kind: null });
    assert.deepEqual(classifyItem('本人电话', '联系电话'), { field: 'phone', role: '', kind: null });
  });

  it('recognises items no national element covers by their name, and ignores former values and others', () => {
    assert.equal(classifyItem('户号', null)?.field, 'household_no');
    assert.equal(classifyItem('人员状态', null)?.field, 'status');
    assert.equal(classifyItem('死亡日期', '日期')?.field, 'death_date');
    assert.equal(classifyItem('不动产单元号', null)?.field, 'unit_no');
    assert.equal(classifyItem('建筑面积（㎡）', null)?.field, 'area');
    assert.equal(classifyItem('迁出地址', '地址'), undefined);
    assert.equal(classifyItem('监护人电话', null), undefined);
    assert.equal(classifyItem('慢病标识', null), undefined);
  });

  it('never throws on any item name', () => {
    fc.assert(fc.property(fc.string(), fc.option(fc.constantFrom('姓名', '公民身份号码', '地址', '联系电话', '统一社会信用代码', '日期')), (name, element) => {
      const c = classifyItem(name, element);
      assert.ok(c === undefined || typeof c.field === 'string');
    }));
  });

  it('takes the subject from the key item and gives other parties their own mention', () => {
    const house = profileResource(info('h', [['不动产单元号', null, true], ['权利人', '姓名'], ['证件号码', '公民身份号码'], ['坐落', '地址'], ['联系电话', '联系电话']]));
    assert.equal(house.subject, 'house');
    assert.deepEqual(house.mentions.map((m) => [m.role, m.kind]), [['', 'house'], ['owner', 'person']]);
    assert.deepEqual(house.mentions[1]!.fields, { name: '权利人', id_number: '证件号码' });
    assert.deepEqual(house.mentions[1]!.hints, { address: '坐落' }, 'an owner usually lives in the house: a linking hint');

    const job = profileResource(info('j', [['公民身份号码', '公民身份号码', true], ['姓名', '姓名'], ['用人单位', null], ['统一社会信用代码', '统一社会信用代码']]));
    assert.equal(job.subject, 'person');
    assert.deepEqual(job.mentions.find((m) => m.role === 'employer')?.fields, { org_name: '用人单位', credit_code: '统一社会信用代码' });
  });

  it('feeds 人口库 only from resources with an ID number or a name and birth date', () => {
    assert.equal(profileResource(info('a', [['姓名', '姓名'], ['联系电话', '联系电话']])).mentions.length, 0);
    assert.equal(profileResource(info('b', [['姓名', '姓名'], ['出生日期', '出生日期']])).subject, 'person');
  });

  it('maps every demo department file onto the registries', () => {
    const byFile = new Map(demoResources.filter((r) => r.sourceFile).map((r) => [r.sourceFile!, profileResource(info(r.sourceFile!, r.items.map((i) => [i.name, i.element ?? null, i.isKey])))]));
    assert.equal(byFile.get('gaj-hukou')?.subject, 'person');
    assert.equal(byFile.get('gaj-hukou')?.mentions[0]?.fields.status, '人员状态');
    assert.equal(byFile.get('scj-enterprise')?.subject, 'business');
    assert.deepEqual(byFile.get('scj-enterprise')?.mentions.map((m) => m.role), ['', 'legal_rep']);
    assert.equal(byFile.get('bdc-property')?.subject, 'house');
    assert.deepEqual(byFile.get('rsj-insurance')?.mentions.map((m) => `${m.role}:${m.kind}`), [':person', 'employer:business']);
    assert.equal(byFile.get('wjw-followup')?.mentions[0]?.fields.dept_ref, '档案编号', 'the archive number ties visits to the health record');
    for (const [file, p] of byFile) assert.ok(p.mentions.length > 0, `${file} feeds a registry`);
  });
});
