import { it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase } from '../db/testing.ts';
import { generateDemoCounty, loadGenerated, type Generated } from '../demo/index.ts';
import { loadDemoData } from '../ingest/demo-load.ts';
import { seedDemoCounty } from '../main/demo-seed.ts';
import { testKit, type TestKit } from '../main/testing.ts';
import { createRegistryStore } from './store.ts';
import type { GoldenRecord } from './golden.ts';

// One small demo county, imported through aggregation as the departments would upload it.
const dir = mkdtempSync(join(tmpdir(), 'registry-service-'));
let county: Generated;
before(async () => {
  await generateDemoCounty({ persons: 600, seed: 'registry-service', out: dir, parallel: false });
  county = await loadGenerated(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('base registries over aggregated records', (ctx) => {
  let t: TestKit;
  const admin = { kind: 'user' as const, id: 'u-admin', name: '管理员', departmentId: null, departmentCode: null, roles: ['platform_admin' as const] };
  const store = () => createRegistryStore(ctx().db);
  const entityOfId = async (id: string) => (await store().searchEntities('person', { identifier: id }, 5, 0))[0];

  before(async () => {
    t = testKit(ctx());
    await seedDemoCounty(t.services);
    await loadDemoData(t.services, dir);
    await t.services.registry.sync();
  });

  it('holds one golden record per true person, each valid ID number in exactly one entity', async () => {
    const status = await t.services.registry.status();
    const persons = status.entities.find((e) => e.kind === 'person' && e.status === 'active')!.count;
    assert.ok(Math.abs(persons - county.persons.size) <= county.persons.size * 0.01, `${persons} entities for ${county.persons.size} persons`);
    const mentions = await store().allMentions('person');
    const entitiesOf = new Map<string, Set<string>>();
    for (const m of mentions) {
      const id = (JSON.parse(m.values) as { id_number?: string }).id_number?.toUpperCase();
      if (id) entitiesOf.set(id, (entitiesOf.get(id) ?? new Set()).add(m.entity_id));
    }
    const known = new Set([...county.persons.values()].map((p) => p.id_number));
    const split = [...entitiesOf].filter(([id, es]) => known.has(id) && es.size > 1);
    assert.ok(split.length <= known.size * 0.002, `split: ${split.slice(0, 3).map(([id, es]) => `${id}→${[...es].join(',')}`).join('; ')}`);
  });

  it('carries provenance on every field of the golden record', async () => {
    const rows = (await store().searchEntities('person', { prefix: '' }, 50, 0));
    assert.ok(rows.length > 0);
    for (const row of rows) {
      const g = JSON.parse(row.golden) as GoldenRecord;
      assert.ok(g.fields.name && g.fields.id_number, row.id);
      for (const [field, f] of Object.entries(g.fields)) {
        for (const k of ['department', 'resourceCode', 'recordKey', 'batchId', 'at'] as const) assert.ok(f!.source[k], `${row.id}.${field}.${k}`);
      }
    }
  });

  it('records the planted phone contradictions and raises each once, to the department holding the other number', async () => {
    const rsj = county.files.get('rsj-insurance')!;
    const planted = rsj.records.filter((r) => r.noise.some((n) => n.kind === 'phone_conflict'));
    assert.ok(planted.length >= 3);
    let found = 0;
    for (const r of planted) {
      const entity = await entityOfId(county.persons.get(r.entity_id)!.id_number!);
      if (!entity) continue;
      const d = await t.services.registry.discrepancies({ entityId: entity.id, field: 'phone', status: 'open', limit: 10, offset: 0 });
      const target = d.items.flatMap((x) => x.targets).find((x) => x.department === 'RSJ');
      if (!target?.objectionId) continue;
      const objection = await t.services.ingest.objections.get(target.objectionId, admin);
      assert.equal(objection.status, 'open');
      found++;
    }
    assert.ok(found >= planted.length * 0.8, `${found} of ${planted.length}`);
    const before = await store().countObjections();
    await t.services.registry.sync();
    assert.equal(await store().countObjections(), before, 'a sync with nothing new raises nothing again');
  });

  it('links a new batch incrementally: unchanged persons keep their entity ids, a death unknown to the register is raised to 公安', async () => {
    const snapshot = new Map((await store().allMentions('person')).map((m) => [`${m.resource_code}|${m.record_key}|${m.role}`, m.entity_id]));
    const published = await t.services.catalog.published();
    const cremation = published.find((r) => r.name === '殡葬火化信息')!;
    const alive = [...county.persons.values()].filter((p) => p.status === 'alive').slice(0, 2);
    await t.services.ingest.submitRecords(cremation.code, {
      mode: 'incremental',
      records: alive.map((p) => ({ 公民身份号码: p.id_number, 姓名: p.name, 死亡日期: '2024-05-02', 火化日期: '2024-05-04', 殡仪馆: '沂南县殡仪馆' })),
    }, { actor: admin, source: 'api' });
    const report = await t.services.registry.sync();
    assert.equal(report.mentions.person, 2);
    const after = new Map((await store().allMentions('person')).map((m) => [`${m.resource_code}|${m.record_key}|${m.role}`, m.entity_id]));
    let moved = 0;
    for (const [k, e] of snapshot) if (after.get(k) !== e) moved++;
    assert.equal(moved, 0, 'no stored mention changed entity');
    for (const p of alive) {
      const entity = (await entityOfId(p.id_number!))!;
      const mine = await store().mentionsOfEntities([entity.id]);
      assert.ok(mine.some((m) => m.resource_code === cremation.code), 'the death record joined the person');
      const d = await t.services.registry.discrepancies({ entityId: entity.id, type: 'death_unknown_to_register', limit: 5, offset: 0 });
      assert.equal(d.items[0]?.targets[0]?.department, 'GAJ');
      assert.ok(d.items[0]?.targets[0]?.objectionId);
    }
  });

  it('remembers a reviewer decision and keeps it when later records arrive', async () => {
    const rows = await store().searchEntities('person', { prefix: '' }, 200, 0);
    const entity = rows.find((r) => Number(r.mention_count) >= 3)!;
    const ms = (await store().mentionsOfEntities([entity.id])).sort((a, b) => a.resource_code.localeCompare(b.resource_code));
    const ref = (m: (typeof ms)[number]) => `${m.resource_code}\u0001${m.record_key}\u0001${m.role}`;
    const [a, b] = [ref(ms[0]!), ref(ms[1]!)].sort() as [string, string];
    await store().queueReviews([{ id: `r-${entity.id}`, kind: 'person', a, b, probability: 0.7, status: 'open', decision: null, decided_by: null, decided_by_name: null, decided_at: null, created_at: '2026-11-02T00:00:00Z' }]);
    const officer = await t.newUser(['data_officer']);
    const app = await t.app();
    const res = await app.inject({ method: 'POST', url: `/api/registry/review/r-${entity.id}`, headers: officer.headers, payload: { decision: 'non_match' } });
    assert.equal(res.statusCode, 200, res.body);
    assert.notEqual(res.json().left.entityId, res.json().right.entityId);
    const history = (await store().eventsOf(entity.id)).map((e) => e.type);
    assert.ok(history.includes('split_off') && history.includes('decision'), `history keeps the split: ${history.join(',')}`);
    const published = await t.services.catalog.published();
    const card = published.find((r) => r.name === '社会保障卡信息')!;
    const values = JSON.parse(ms[0]!.values) as { name?: string; id_number?: string };
    await t.services.ingest.submitRecords(card.code, { mode: 'incremental', records: [{ 公民身份号码: values.id_number ?? JSON.parse(ms[1]!.values).id_number, 姓名: values.name, 社会保障卡号: 'K0001', 卡状态: '正常' }] }, { actor: admin, source: 'api' });
    await t.services.registry.sync();
    const now = new Map((await store().mentionsOfRecords([ms[0]!, ms[1]!])).map((m) => [ref(m), m.entity_id]));
    assert.notEqual(now.get(a), now.get(b), 'the decision still separates them');
    const queue = await app.inject({ method: 'GET', url: '/api/registry/review?status=decided', headers: officer.headers });
    assert.ok(queue.json().items.some((i: { id: string; decision: string }) => i.id === `r-${entity.id}` && i.decision === 'non_match'));
  });

  it('lets one process sync at a time', async () => {
    const now = t.clock.now();
    assert.ok(await store().acquireLease('another-process', now.toISOString(), new Date(now.getTime() + 60_000).toISOString()));
    await assert.rejects(t.services.registry.sync(), /another process/);
    await store().releaseLease('another-process', now.toISOString());
    assert.equal((await t.services.registry.sync()).changes, 0);
  });

  it('serves search (masked unless the caller may review), the person-360 view and the discrepancy list over HTTP', async () => {
    const app = await t.app();
    const staff = await t.newUser(['staff']);
    const officer = await t.newUser(['data_officer']);
    // An owner of a registered house, so that the household has a house to show.
    const owners = county.files.get('bdc-property')!.records.map((r) => county.persons.get(r.person_id)!);
    const p = owners.find((x) => x.status === 'alive' && x.relation === '户主')!;
    const masked = await app.inject({ method: 'GET', url: `/api/registry/persons?q=${p.id_number}`, headers: staff.headers });
    assert.equal(masked.statusCode, 200);
    assert.match(masked.json().items[0].identifier, /\*{6,}/);
    const open = await app.inject({ method: 'GET', url: `/api/registry/persons?q=${encodeURIComponent(p.name!)}`, headers: officer.headers });
    const hit = open.json().items.find((i: { identifier: string }) => i.identifier === p.id_number);
    assert.ok(hit, open.body);
    const view = await app.inject({ method: 'GET', url: `/api/registry/persons/${hit.id}`, headers: officer.headers });
    const v = view.json();
    assert.equal(v.golden.id_number.value, p.id_number);
    assert.ok(v.golden.name.source.department.name && v.golden.name.source.resource.name);
    assert.ok(v.sources.length >= 1 && v.sources.every((s: { data?: object }) => s.data), 'every department record, in full');
    assert.ok(v.household?.members.some((m: { id: string }) => m.id === hit.id));
    const biz = [...county.businesses.values()][0]!;
    const bizHits = await app.inject({ method: 'GET', url: `/api/registry/businesses?q=${biz.uscc}`, headers: officer.headers });
    const bizView = (await app.inject({ method: 'GET', url: `/api/registry/businesses/${bizHits.json().items[0].id}`, headers: officer.headers })).json();
    assert.equal(bizView.golden.credit_code.value, biz.uscc);
    assert.ok(bizView.relations.some((r: { theirRole: string; entity: { kind: string; label: string } }) => r.theirRole === 'legal_rep' && r.entity.kind === 'person' && r.entity.label === biz.legal_rep_name), JSON.stringify(bizView.relations));
    const household = await app.inject({ method: 'GET', url: `/api/registry/households/${v.household.householdNo}`, headers: officer.headers });
    assert.ok(household.json().members.length >= 1 && household.json().houses.length >= 1, household.body);
    const list = await app.inject({ method: 'GET', url: '/api/registry/discrepancies?kind=person&department=RSJ', headers: staff.headers });
    assert.ok(list.json().total > 0);
    assert.equal((await app.inject({ method: 'GET', url: '/api/registry/review', headers: staff.headers })).statusCode, 403);
    assert.equal((await app.inject({ method: 'GET', url: `/api/registry/persons/${hit.id}` })).statusCode, 401);
  });
});
