import assert from 'node:assert/strict';
import type { AuditEntry } from '../audit/index.ts';
import { resourceInput } from '../catalog/fixtures.ts';
import type { ResourceInput } from '../catalog/model.ts';
import type { TestKit } from '../main/testing.ts';
import { idNumberCheckChar } from '../standards/index.ts';
import { createMemorySource } from './sources.ts';

type Json = Record<string, any>;

/** A valid 18-digit ID number from a 17-digit body. */
export const idNumber = (body17: string) => `${body17}${idNumberCheckChar(body17)}`;

/** People in the test county; index i has a 低保 record when i is even. */
export const people = Array.from({ length: 1200 }, (_, i) => ({
  id: idNumber(`3301021990${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`),
  name: `居民${i}`,
  ethnicity: i % 5 === 0 ? '回族' : '汉族',
  amount: 600 + (i % 7) * 50,
})).filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);

/**
 * A county with a population resource (无条件共享, police), a 低保 list (有条件共享, civil affairs),
 * a not-shared resource, consumers with API keys, and an in-memory source serving the data.
 */
export async function exchangeWorld(t: TestKit) {
  const { services } = t;
  const app = await t.app();
  const admin = await t.newUser(['platform_admin']);
  const auditor = await t.newUser(['auditor']);
  const police = await t.newDepartment({ name: '县公安局' });
  const civil = await t.newDepartment({ name: '县民政局' });
  const hrss = await t.newDepartment({ name: '县人社局' });
  const health = await t.newDepartment({ name: '县卫健委' });
  const policeOfficer = await t.newUser(['data_officer'], police.code);
  const civilOfficer = await t.newUser(['data_officer'], civil.code);
  const hrssOfficer = await t.newUser(['data_officer'], hrss.code);
  const healthOfficer = await t.newUser(['data_officer'], health.code);
  const hrssStaff = await t.newUser(['staff'], hrss.code);
  const hrssKey = await services.identity.createApiKey({ departmentCode: hrss.code, name: '社保业务系统', createdBy: hrssOfficer.principal.id });
  const healthKey = await services.identity.createApiKey({ departmentCode: health.code, name: '卫健业务系统', createdBy: healthOfficer.principal.id });
  const hrssSystem = { 'x-api-key': hrssKey.key };
  const healthSystem = { 'x-api-key': healthKey.key };

  const call = async (method: string, url: string, headers: object, payload?: unknown) => {
    const res = await app.inject({ method: method as 'GET', url, headers: headers as Record<string, string>, ...(payload === undefined ? {} : { payload: payload as Json }) });
    return { status: res.statusCode, body: res.body ? (res.json() as Json) : {}, type: String(res.headers['content-type'] ?? ''), headers: res.headers };
  };

  const adminPrincipal = admin.principal;
  async function publish(input: ResourceInput, officer: { principal: typeof adminPrincipal }) {
    const { resource } = await services.catalog.create(input, officer.principal);
    await services.catalog.submit(resource.code, officer.principal);
    await services.catalog.review(resource.code, adminPrincipal, { approve: true });
    await services.catalog.publish(resource.code, adminPrincipal);
    return resource.code;
  }

  const population = await publish(resourceInput(police.code, {
    name: '常住人口基本信息',
    category: { class: '1', item: '01', catalog: '001' },
    summary: '户籍人口的身份信息',
    items: [
      { name: '公民身份号码', dataType: 'C', element: '公民身份号码', isKey: true },
      { name: '姓名', dataType: 'C', element: '姓名' },
      { name: '民族', dataType: 'C', element: '民族' },
    ],
    sharing: { type: '无条件共享', method: '接口' },
  }), policeOfficer);
  const dibao = await publish(resourceInput(civil.code), civilOfficer);
  const secret = await publish(resourceInput(civil.code, {
    name: '家庭暴力庇护对象名单',
    summary: '庇护对象信息',
    sharing: { type: '不予共享', basis: '《反家庭暴力法》第三十七条', method: '接口' },
  }), civilOfficer);

  const memory = createMemorySource('memory');
  services.exchange.sources.register(memory);
  for (const [i, p] of people.entries()) {
    memory.put(population, p.id, { 公民身份号码: p.id, 姓名: p.name, 民族: p.ethnicity });
    if (i % 2 === 0) memory.put(dibao, p.id, { 姓名: p.name, 身份证号: p.id, 保障金额: p.amount });
  }
  for (const code of [population, dibao, secret]) await services.exchange.bindSource(adminPrincipal, code, 'memory');

  const path = (code: string) => `/api/exchange/resources/${code}`;

  /** The audit entry at an index, read through the audit service. */
  async function auditAt(index: number): Promise<AuditEntry> {
    const [hit] = await services.audit.listEntries({ beforeSeq: index + 1, limit: 1 });
    assert.ok(hit && hit.index === index, `audit entry ${index} exists`);
    return hit.entry;
  }

  /** Asserts a refusal: status, problem+json, reason, and an audit entry saying refused for the same reason. */
  async function assertRefused(res: Awaited<ReturnType<typeof call>>, status: number, reason: string) {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.match(res.type, /application\/problem\+json/);
    assert.equal(res.body.reason, reason, JSON.stringify(res.body));
    assert.ok(typeof res.body.detail === 'string' && res.body.detail.length > 0);
    assert.equal(typeof res.body.auditIndex, 'number', 'the refusal names its audit entry');
    assert.equal(res.headers['x-audit-index'], String(res.body.auditIndex));
    const entry = await auditAt(res.body.auditIndex as number);
    assert.equal(entry.outcome.decision, 'refused');
    assert.equal((entry.details as Json).reason, reason);
    return entry;
  }

  async function subscribePopulation(items?: string[], purpose = '社保待遇资格认证') {
    const res = await call('POST', '/api/exchange/subscriptions', hrssOfficer.headers, { resource: population, purpose, ...(items ? { items } : {}) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }

  async function applyDibao(over: Json = {}, officer = hrssOfficer) {
    const res = await call('POST', '/api/exchange/applications', officer.headers, { resource: dibao, purpose: '社会救助对象核查', basis: '《社会救助暂行办法》第十一条', items: ['姓名', '身份证号', '保障金额'], durationDays: 365, expectedVolume: 5000, ...over });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }

  return {
    app, services, admin, auditor, police, civil, hrss, health, policeOfficer, civilOfficer, hrssOfficer, healthOfficer, hrssStaff, hrssKey, healthKey, hrssSystem, healthSystem,
    population, dibao, secret, memory, call, path, auditAt, assertRefused, subscribePopulation, applyDibao, publish,
  };
}

export type ExchangeWorld = Awaited<ReturnType<typeof exchangeWorld>>;
