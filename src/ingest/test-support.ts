import type { ItemInput, ResourceInput } from '../catalog/model.ts';
import type { TestKit } from '../main/testing.ts';
import { idNumberCheckChar } from '../standards/index.ts';

/**
 * Fixtures for the ingest tests: valid ID numbers, a published person resource owned by a provider
 * department, and the people who submit to it and read it.
 *
 * @example
 * const s = await ingestSetup(testKit(ctx()));
 * await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv('…') }, { actor: s.provider.principal, source: 'file' });
 */
export function makeId(birth = '19800101', seq = '001', region = '340121'): string {
  const body = `${region}${birth}${seq}`;
  return body + idNumberCheckChar(body);
}

export const PERSON_ITEMS: ItemInput[] = [
  { name: '公民身份号码', dataType: 'C', element: '公民身份号码', isKey: true },
  { name: '姓名', dataType: 'C', element: '姓名' },
  { name: '性别', dataType: 'C', element: '性别' },
  { name: '出生日期', dataType: 'D', element: '出生日期' },
  { name: '联系电话', dataType: 'C', element: '联系电话' },
  { name: '地址', dataType: 'C', element: '地址' },
];

export function personResource(providerCode: string, overrides: Partial<ResourceInput> = {}): ResourceInput {
  return {
    name: '低保对象名册',
    providerCode,
    category: { class: '3', item: '01', catalog: '001' },
    summary: '低保对象的身份、联系方式和住址。',
    format: '电子表格',
    items: PERSON_ITEMS,
    sharing: { type: '有条件共享', condition: '仅用于救助核对', method: '接口' },
    open: { isOpen: false },
    updateCycle: '每月',
    ...overrides,
  };
}

export async function ingestSetup(t: TestKit, input?: (providerCode: string) => ResourceInput) {
  const provider = await t.newDepartment({ name: '县民政局' });
  const reader = await t.newDepartment({ name: '县人社局' });
  const officer = await t.newUser(['data_officer'], provider.code);
  const readerOfficer = await t.newUser(['data_officer'], reader.code);
  const admin = await t.newUser(['platform_admin']);
  const { catalog, ingest } = t.services;
  const { resource } = await catalog.create(input ? input(provider.code) : personResource(provider.code), officer.principal);
  await catalog.submit(resource.code, officer.principal);
  await catalog.review(resource.code, admin.principal, { approve: true });
  await catalog.publish(resource.code, admin.principal);
  return { code: resource.code, provider, reader, officer, readerOfficer, admin, ingest, catalog };
}

export const csv = (text: string) => Buffer.from(text, 'utf8');
