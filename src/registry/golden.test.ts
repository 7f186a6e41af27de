import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadChineseTools, residentIdCheck } from '../linkage/index.ts';
import type { Field } from './fields.ts';
import { goldenRecord, type AuthorityOf } from './golden.ts';
import { detectDiscrepancies, type DiscrepancyContext } from './discrepancies.ts';
import { mentionRef, type MentionRecord } from './records.ts';
import { canonical, linkValue, sameValue, useChineseTools } from './values.ts';

const ID = (body: string) => body + residentIdCheck(body);
const wang = ID('37132119850307123');
let n = 0;

function mention(department: string, values: Partial<Record<Field, string>>, at = '2024-06-30T08:00:00.000Z', extra: Partial<MentionRecord> = {}): MentionRecord {
  const key = String(++n);
  const resourceCode = `${department.toLowerCase()}-res`;
  const items = Object.fromEntries(Object.keys(values).map((f) => [f, `${f}项`]));
  return { ref: mentionRef(resourceCode, key, ''), kind: 'person', role: '', resourceCode, recordKey: key, version: 1, departmentCode: department, batchId: `b-${department}`, at, values, items, hints: {}, eventDate: '', ...extra };
}

const gaj: AuthorityOf = (f) => (['id_number', 'name', 'sex', 'ethnicity', 'status'].includes(f) ? { departmentCode: 'GAJ', resourceCode: 'gaj-res' } : undefined);
const ctx = (over: Partial<DiscrepancyContext> = {}): DiscrepancyContext => ({ authorityOf: gaj, register: 'GAJ', isEventLog: () => false, ...over });

before(async () => useChineseTools(await loadChineseTools()));

describe('values', () => {
  it('treats spellings of one value as the same and different values as different', () => {
    assert.equal(canonical('name', '劉 德華')?.key, '刘德华');
    assert.equal(canonical('ethnicity', '01')?.key, canonical('ethnicity', '汉族')?.key);
    assert.equal(canonical('sex', '2')?.display, '女');
    assert.equal(canonical('phone', '+86 138-0013-8000')?.key, '13800138000');
    assert.equal(canonical('id_number', wang.toLowerCase())?.key, wang);
    assert.ok(sameValue('address', canonical('address', '沂南县界湖街道南村社区3号')!, canonical('address', '山东省临沂市沂南县界湖街道南村社区3号')!));
    assert.ok(!sameValue('address', canonical('address', '沂南县界湖街道南村社区3号')!, canonical('address', '沂南县界湖街道北村社区3号')!));
  });

  it('gives the linker no ID number for garbage or a spreadsheet-truncated number', () => {
    assert.equal(linkValue('id_number', '——'), undefined);
    assert.equal(linkValue('id_number', `${wang.slice(0, 15)}000`), undefined);
    assert.equal(linkValue('id_number', wang.toLowerCase()), wang);
  });
});

describe('golden record', () => {
  it('takes the authoritative department first, whatever the others say', () => {
    const g = goldenRecord('person', [mention('GAJ', { name: '王晓明' }), mention('RSJ', { name: '王小明' }), mention('WJW', { name: '王小明' })], gaj);
    assert.equal(g.fields.name?.value, '王晓明');
    assert.equal(g.fields.name?.rule, 'authority');
    assert.equal(g.fields.name?.source.department, 'GAJ');
    assert.deepEqual(g.fields.name?.alternatives.map((a) => [a.value, a.departments]), [['王小明', ['RSJ', 'WJW']]]);
  });

  it('then the most recent record by day, then the value most departments hold', () => {
    const recent = goldenRecord('person', [mention('RSJ', { phone: '13800000001' }, '2024-01-01T00:00:00Z'), mention('WJW', { phone: '13800000002' }, '2024-05-01T00:00:00Z')], gaj);
    assert.equal(recent.fields.phone?.value, '13800000002');
    assert.equal(recent.fields.phone?.rule, 'recent');
    const frequent = goldenRecord('person', [mention('RSJ', { phone: '13800000001' }), mention('WJW', { phone: '13800000002' }), mention('MZJ', { phone: '138-0000-0002' })], gaj);
    assert.equal(frequent.fields.phone?.value, '13800000002');
    assert.equal(frequent.fields.phone?.rule, 'frequent');
  });

  it('carries provenance (department, resource, record, batch, time) on every field', () => {
    const g = goldenRecord('person', [mention('GAJ', { name: '王晓明', id_number: wang, sex: '男', birth_date: '19850307', address: '沂南县界湖街道南村社区3号' }), mention('RSJ', { phone: '13800000001', ethnicity: '01' })], gaj);
    assert.ok(Object.keys(g.fields).length >= 7);
    for (const [field, f] of Object.entries(g.fields)) {
      for (const key of ['department', 'resourceCode', 'recordKey', 'batchId', 'at'] as const) assert.ok(f!.source[key], `${field}.${key}`);
    }
  });
});

describe('discrepancies', () => {
  it('asks the department that differs from the authority to verify, once per field', () => {
    const members = [mention('GAJ', { name: '王晓明', id_number: wang }), mention('RSJ', { name: '王小明', id_number: wang }), mention('WJW', { name: '王晓明', phone: '13800000001' })];
    const found = detectDiscrepancies('P1', 'person', members, goldenRecord('person', members, gaj), ctx());
    assert.deepEqual(found.map((d) => [d.type, d.field]), [['conflict', 'name']]);
    assert.deepEqual(found[0]!.targets.map((t) => [t.department, t.item, t.value]), [['RSJ', 'name项', '王小明']]);
    assert.ok(found[0]!.raise);
  });

  it('asks the authority when several other departments agree on a newer value (a move it has not heard of)', () => {
    const a = '沂南县界湖街道南村社区3号';
    const b = '沂南县岸堤镇东峪村12号';
    const members = [mention('GAJ', { address: a }), mention('RSJ', { address: b }), mention('WJW', { address: b }), mention('WGZX', { address: b })];
    const authority: AuthorityOf = (f) => (f === 'address' ? { departmentCode: 'GAJ', resourceCode: null } : undefined);
    const found = detectDiscrepancies('P1', 'person', members, goldenRecord('person', members, authority), ctx({ authorityOf: authority }));
    assert.deepEqual(found[0]!.targets.map((t) => t.department), ['GAJ']);
  });

  it('records a tie without an authority but singles nobody out', () => {
    const members = [mention('RSJ', { phone: '13800000001' }), mention('WJW', { phone: '13800000002' })];
    const found = detectDiscrepancies('P1', 'person', members, goldenRecord('person', members, gaj), ctx());
    assert.equal(found.length, 1);
    assert.equal(found[0]!.raise, false);
  });

  it('raises a death another department knows of to the register', () => {
    const members = [mention('GAJ', { name: '王晓明', status: '正常' }), mention('MZJ', { name: '王晓明', death_date: '2024-03-02' })];
    const found = detectDiscrepancies('P1', 'person', members, goldenRecord('person', members, gaj), ctx());
    const d = found.find((x) => x.type === 'death_unknown_to_register');
    assert.ok(d, JSON.stringify(found));
    assert.deepEqual(d.targets.map((t) => [t.department, t.item]), [['GAJ', 'status项']]);
  });

  it('asks departments that still list a person the register records as dead, but not for visits before the death', () => {
    const members = [
      mention('GAJ', { name: '王晓明', status: '死亡', status_date: '20230402' }),
      mention('RSJ', { name: '王晓明', id_number: wang }),
      mention('WJW', { name: '王晓明', id_number: wang }, undefined, { eventDate: '20230110', resourceCode: 'visits' }),
      mention('WJW', { name: '王晓明', id_number: wang }, undefined, { eventDate: '20230801', resourceCode: 'visits' }),
    ];
    const found = detectDiscrepancies('P1', 'person', members, goldenRecord('person', members, gaj), ctx({ isEventLog: (c) => c === 'visits' }));
    const listed = found.filter((x) => x.type === 'listed_after_death');
    assert.deepEqual(listed.map((d) => d.targets[0]!.department).sort(), ['RSJ', 'WJW']);
    assert.equal(listed.find((d) => d.targets[0]!.department === 'WJW')!.targets.length, 1, 'only the visit dated after the death');
  });
});
