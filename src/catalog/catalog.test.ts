import { it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit, type TestKit } from '../main/testing.ts';
import { resourceInput } from './fixtures.ts';

type Json = Record<string, any>;

async function setup(t: TestKit) {
  const app = await t.app();
  const admin = await t.newUser(['platform_admin']);
  const police = await t.newDepartment({ name: '县公安局' });
  const civil = await t.newDepartment({ name: '县民政局' });
  const policeOfficer = await t.newUser(['data_officer'], police.code);
  const civilOfficer = await t.newUser(['data_officer'], civil.code);
  const call = async (method: string, url: string, headers: object, payload?: unknown) => {
    const res = await app.inject({ method: method as 'GET', url, headers: headers as Record<string, string>, ...(payload === undefined ? {} : { payload: payload as Json }) });
    return { status: res.statusCode, body: res.body ? (res.json() as Json) : {}, type: String(res.headers['content-type'] ?? '') };
  };
  const publish = async (code: string, by = policeOfficer.headers) => {
    assert.equal((await call('POST', `/api/catalog/resources/${code}/submit`, by)).status, 200);
    assert.equal((await call('POST', `/api/catalog/resources/${code}/review`, admin.headers, { approve: true })).status, 200);
    const res = await call('POST', `/api/catalog/resources/${code}/publish`, admin.headers);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const populationInput = resourceInput(police.code, {
    name: '常住人口基本信息',
    category: { class: '1', item: '01', catalog: '001' },
    summary: '户籍人口的身份信息',
    items: [
      { name: '公民身份号码', dataType: 'C', element: '公民身份号码', isKey: true, authoritative: true },
      { name: '姓名', dataType: 'C', element: '姓名', authoritative: true },
      { name: '民族', dataType: 'C', element: '民族' },
    ],
    sharing: { type: '无条件共享', method: '接口' },
  });
  return { app, admin, police, civil, policeOfficer, civilOfficer, call, publish, populationInput };
}

describeEachDatabase('catalog', (ctx) => {
  it('registers a resource with a generated 分类码/顺序码 and walks draft → submitted → reviewed → published → retired with history', async () => {
    const s = await setup(testKit(ctx()));
    const created = await s.call('POST', '/api/catalog/resources', s.civilOfficer.headers, resourceInput(s.civil.code));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const code = created.body.resource.code as string;
    assert.match(code, /^301001\/000001$/);
    assert.equal(created.body.resource.status, 'draft');
    const second = await s.call('POST', '/api/catalog/resources', s.civilOfficer.headers, resourceInput(s.civil.code, { name: '特困人员名单' }));
    assert.equal(second.body.resource.code, '301001/000002');

    assert.equal((await s.call('POST', `/api/catalog/resources/${code}/publish`, s.admin.headers)).status, 409, 'cannot publish a draft');
    assert.equal((await s.call('POST', `/api/catalog/resources/${code}/submit`, s.civilOfficer.headers)).body.status, 'submitted');
    const rejected = await s.call('POST', `/api/catalog/resources/${code}/review`, s.admin.headers, { approve: false });
    assert.equal(rejected.status, 400, 'a rejection needs a comment');
    assert.equal((await s.call('POST', `/api/catalog/resources/${code}/review`, s.admin.headers, { approve: false, comment: '摘要不完整' })).body.status, 'draft');
    await s.publish(code, s.civilOfficer.headers);
    const retired = await s.call('POST', `/api/catalog/resources/${code}/retire`, s.civilOfficer.headers, { reason: '业务调整' });
    assert.equal(retired.body.status, 'retired');

    const history = await s.call('GET', `/api/catalog/resources/${code}/history`, s.civilOfficer.headers);
    const actions = (history.body as unknown as Json[]).map((h) => h.action).reverse();
    assert.deepEqual(actions, ['create', 'submit', 'reject', 'submit', 'approve', 'publish', 'retire']);
    const publishEntry = (history.body as unknown as Json[]).find((h) => h.action === 'publish')!;
    assert.ok(publishEntry.changes.some((c: Json) => c.field === 'status' && c.before === 'reviewed' && c.after === 'published'));
    assert.ok(publishEntry.actorName.includes('测试用户'));
  });

  it('records what changed in an edit, field by field', async () => {
    const s = await setup(testKit(ctx()));
    const created = await s.call('POST', '/api/catalog/resources', s.civilOfficer.headers, resourceInput(s.civil.code));
    const code = created.body.resource.code;
    const edited = await s.call('PUT', `/api/catalog/resources/${code}`, s.civilOfficer.headers, resourceInput(s.civil.code, { updateCycle: '每周' }));
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.resource.version, 2);
    const history = (await s.call('GET', `/api/catalog/resources/${code}/history`, s.civilOfficer.headers)).body as unknown as Json[];
    assert.deepEqual(history[0]!.changes, [{ field: 'updateCycle', before: '每月', after: '每周' }]);
  });

  it('refuses 不予共享 without a legal basis, 有条件共享 without conditions and a base resource that is not 无条件共享, naming the fields and saving nothing', async () => {
    const s = await setup(testKit(ctx()));
    const cases: Array<[Json, string]> = [
      [resourceInput(s.civil.code, { sharing: { type: '不予共享', method: '文件' } }), '/sharing/basis'],
      [resourceInput(s.civil.code, { sharing: { type: '有条件共享', method: '接口' } }), '/sharing/condition'],
      [resourceInput(s.police.code, { category: { class: '1', item: '01', catalog: '001' }, sharing: { type: '有条件共享', condition: '仅限公安', method: '接口' } }), '/sharing/type'],
      [resourceInput(s.civil.code, { category: { class: '4', item: '1', catalog: '001' } }), '/category/class'],
      [resourceInput(s.civil.code, { items: [{ name: '身份证', dataType: 'C', element: '不存在的数据元' }] }), '/items/0/element'],
      [resourceInput(s.civil.code, { items: [{ name: '身份证', dataType: 'Q' }] }), '/items/0/dataType'],
      [resourceInput(s.civil.code, { open: { isOpen: true }, sharing: { type: '不予共享', basis: '《个人信息保护法》', method: '文件' } }), '/open/isOpen'],
    ];
    for (const [input, path] of cases) {
      const headers = input.providerCode === s.police.code ? s.policeOfficer.headers : s.civilOfficer.headers;
      const res = await s.call('POST', '/api/catalog/resources', headers, input);
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`);
      assert.match(res.type, /application\/problem\+json/);
      assert.ok((res.body.errors as Json[]).some((e) => e.path === path), `expected ${path} in ${JSON.stringify(res.body.errors)}`);
    }
    const list = await s.call('GET', '/api/catalog/resources?status=draft', s.admin.headers);
    assert.equal(list.body.total, 0, 'nothing half-saved');
  });

  it('lets a department register only its own resources', async () => {
    const s = await setup(testKit(ctx()));
    const res = await s.call('POST', '/api/catalog/resources', s.civilOfficer.headers, resourceInput(s.police.code));
    assert.equal(res.status, 403);
  });

  it('keeps one authoritative source per data element (一数一源) and names the holder on a second claim', async () => {
    const s = await setup(testKit(ctx()));
    const pop = await s.call('POST', '/api/catalog/resources', s.policeOfficer.headers, s.populationInput);
    assert.equal(pop.status, 201, JSON.stringify(pop.body));
    await s.publish(pop.body.resource.code);
    const authorities = (await s.call('GET', '/api/catalog/authorities', s.civilOfficer.headers)).body as unknown as Json[];
    assert.deepEqual(authorities.map((a) => a.element.name).sort(), ['公民身份号码', '姓名'].sort());
    assert.ok(authorities.every((a) => a.departmentCode === s.police.code));

    const claim = await s.call('POST', '/api/catalog/authorities', s.civilOfficer.headers, { element: '身份证号', departmentCode: s.civil.code });
    assert.equal(claim.status, 409);
    assert.match(claim.body.detail, new RegExp(s.police.name));
    assert.equal(claim.body.holder.departmentCode, s.police.code);

    const rival = resourceInput(s.civil.code, { items: [{ name: '身份证号', dataType: 'C', element: '公民身份号码', authoritative: true }] });
    const refused = await s.call('POST', '/api/catalog/resources', s.civilOfficer.headers, rival);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.errors[0].path, '/items/0/authoritative');
    assert.equal((await s.call('GET', '/api/catalog/resources?status=draft', s.admin.headers)).body.total, 0, 'the refused resource was not saved');
  });

  it('warns of 重复采集 when a department registers items another department already provides, and answers a reuse review', async () => {
    const s = await setup(testKit(ctx()));
    const pop = await s.call('POST', '/api/catalog/resources', s.policeOfficer.headers, s.populationInput);
    await s.publish(pop.body.resource.code);
    const created = await s.call('POST', '/api/catalog/resources', s.civilOfficer.headers, resourceInput(s.civil.code));
    const dupes = created.body.duplicates as Json[];
    assert.deepEqual(dupes.map((d) => d.item).sort(), ['姓名', '身份证号'].sort());
    const idLine = dupes.find((d) => d.item === '身份证号')!;
    assert.equal(idLine.authoritative.departmentCode, s.police.code);
    assert.equal(idLine.existing[0].resourceCode, pop.body.resource.code);

    const report = await s.call('POST', '/api/catalog/reuse-report', s.civilOfficer.headers, { items: [{ name: '公民身份号码' }, { name: '手机号' }, { name: '养殖规模' }] });
    assert.equal(report.status, 200);
    const verdicts = Object.fromEntries((report.body.lines as Json[]).map((l) => [l.item, l.verdict]));
    assert.deepEqual(verdicts, { 公民身份号码: 'reuse', 手机号: 'new', 养殖规模: 'unbound' });
  });

  it('searches names, items, summaries and departments in Chinese, ranks name hits first and filters', async () => {
    const s = await setup(testKit(ctx()));
    const pop = await s.call('POST', '/api/catalog/resources', s.policeOfficer.headers, s.populationInput);
    await s.publish(pop.body.resource.code);
    const dibao = await s.call('POST', '/api/catalog/resources', s.civilOfficer.headers, resourceInput(s.civil.code));
    await s.publish(dibao.body.resource.code, s.civilOfficer.headers);
    const other = await s.call('POST', '/api/catalog/resources', s.civilOfficer.headers, resourceInput(s.civil.code, { name: '高龄津贴发放记录', summary: '80岁以上老人津贴，与最低生活保障无关的独立发放' }));
    await s.publish(other.body.resource.code, s.civilOfficer.headers);
    const draft = await s.call('POST', '/api/catalog/resources', s.civilOfficer.headers, resourceInput(s.civil.code, { name: '最低生活保障草稿' }));
    assert.equal(draft.status, 201);

    const search = async (q: string, extra = '', who = s.policeOfficer.headers) =>
      ((await s.call('GET', `/api/catalog/resources?q=${encodeURIComponent(q)}${extra}`, who)).body.items as Json[]).map((r) => r.name);
    const hits = await search('最低生活保障');
    assert.deepEqual(hits, ['最低生活保障对象名单', '高龄津贴发放记录'], 'name match ranks first; another department cannot see the draft');
    assert.ok((await search('最低生活保障', '', s.civilOfficer.headers)).includes('最低生活保障草稿'), 'the owner sees its draft');
    assert.deepEqual(await search('民族'), ['常住人口基本信息'], 'item names are searched');
    assert.deepEqual((await search('身份证号')).sort(), ['最低生活保障对象名单', '高龄津贴发放记录'].sort(), 'item names are searched');
    assert.deepEqual(await search('公安'), ['常住人口基本信息'], 'department names are searched');
    assert.deepEqual(await search('', '&sharingType=无条件共享'), ['常住人口基本信息']);
    assert.deepEqual((await search('', `&element=${encodeURIComponent('民族')}`)), ['常住人口基本信息']);
    assert.deepEqual(await search('不存在的词语'), []);
  });
}, { freshPerTest: true });
