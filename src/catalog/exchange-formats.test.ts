import { it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import jsonld from 'jsonld';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { resourceInput } from './fixtures.ts';
import { exportCatalogXlsx, TEMPLATE_COLUMNS } from './xlsx.ts';

const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';

async function publishedCatalog(t: ReturnType<typeof testKit>) {
  const admin = await t.newUser(['platform_admin']);
  const dept = await t.newDepartment({ name: '县民政局' });
  const { catalog } = t.services;
  for (const input of [
    resourceInput(dept.code),
    resourceInput(dept.code, { name: '高龄津贴发放记录', updateCycle: '每季度', open: { isOpen: true, condition: '去标识化后开放' }, sharing: { type: '无条件共享', method: '文件' } }),
  ]) {
    const { resource } = await catalog.create(input, admin.principal);
    await catalog.submit(resource.code, admin.principal);
    await catalog.review(resource.code, admin.principal, { approve: true });
    await catalog.publish(resource.code, admin.principal);
  }
  return { admin, dept };
}

describeEachDatabase('catalog exchange formats', (ctx) => {
  it('exports DCAT-AP 3 JSON-LD that expands, with the mandatory properties on every dataset and distribution', async () => {
    const t = testKit(ctx());
    const { admin } = await publishedCatalog(t);
    const res = await (await t.app()).inject({ method: 'GET', url: '/api/catalog/export.jsonld', headers: admin.headers });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/ld\+json/);
    const expanded = (await jsonld.expand(JSON.parse(res.body))) as Array<Record<string, any>>;
    const nodes = expanded.flatMap((n) => [n, ...((n[`${DCAT}dataset`] as Array<Record<string, any>>) ?? [])]);
    const catalogNode = nodes.find((n) => n['@type']?.includes(`${DCAT}Catalog`))!;
    assert.ok(catalogNode[`${DCT}title`] && catalogNode[`${DCT}description`] && catalogNode[`${DCT}publisher`]);
    const datasets = catalogNode[`${DCAT}dataset`] as Array<Record<string, any>>;
    assert.equal(datasets.length, 2);
    for (const d of datasets) {
      assert.ok(d['@type'].includes(`${DCAT}Dataset`));
      for (const p of ['title', 'description', 'publisher', 'accrualPeriodicity', 'identifier']) assert.ok(d[`${DCT}${p}`], `dataset lacks dct:${p}`);
      assert.ok(d[`${DCAT}theme`], 'dataset lacks dcat:theme');
      const dist = d[`${DCAT}distribution`][0];
      assert.ok(dist[`${DCAT}accessURL`][0]['@id'].startsWith('http'), 'distribution lacks dcat:accessURL');
    }
    const quarterly = datasets.find((d) => d[`${DCT}title`][0]['@value'] === '高龄津贴发放记录')!;
    assert.equal(quarterly[`${DCT}accrualPeriodicity`][0]['@id'], 'http://publications.europa.eu/resource/authority/frequency/QUARTERLY');
    assert.match(quarterly[`${DCT}accessRights`][0]['@id'], /PUBLIC$/);
  });

  it('round-trips the Excel template: export, change, import updates; new rows create', async () => {
    const t = testKit(ctx());
    const { admin, dept } = await publishedCatalog(t);
    const buffer = await exportCatalogXlsx(await t.services.catalog.published());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const header = sheet.getRow(1).values as string[];
    assert.deepEqual(header.slice(1), [...TEMPLATE_COLUMNS]);
    assert.equal(sheet.rowCount, 1 + 3 + 3, 'one row per information item');
    const col = (name: string) => header.indexOf(name);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (row.getCell(col('信息资源名称')).value === '高龄津贴发放记录') row.getCell(col('更新周期')).value = '每月';
    }
    const newRow = sheet.addRow([]);
    const values: Record<string, string> = { 信息资源名称: '殡葬服务记录', 类: '3', 项: '01', 目: '002', 提供方: dept.name, 摘要: '火化与安葬登记', 格式: '电子表格', 信息项名称: '逝者身份证号', 数据类型: 'C', 数据元: '公民身份号码', 共享类型: '无条件共享', 共享方式: '接口', 更新周期: '每日' };
    for (const [k, v] of Object.entries(values)) newRow.getCell(col(k)).value = v;
    const edited = Buffer.from(await wb.xlsx.writeBuffer());

    const app = await t.app();
    const res = await app.inject({ method: 'POST', url: '/api/catalog/import', headers: { ...admin.headers, ...multipartHeaders() }, payload: multipartBody(edited) });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().imported, 3);
    const list = await t.services.catalog.search({ status: 'draft' }, admin.principal);
    assert.deepEqual(list.items.map((i) => i.name), ['殡葬服务记录']);
    const updated = (await t.services.catalog.published()).find((r) => r.name === '高龄津贴发放记录')!;
    assert.equal(updated.updateCycle, '每月');
  });

  it('rejects a template with bad rows by row and column and saves nothing; rejects a file that is not Excel', async () => {
    const t = testKit(ctx());
    const { admin, dept } = await publishedCatalog(t);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('目录');
    sheet.addRow([...TEMPLATE_COLUMNS]);
    const row = (o: Record<string, string>) => sheet.addRow(TEMPLATE_COLUMNS.map((c) => o[c] ?? ''));
    const good = { 信息资源名称: '新资源', 类: '3', 项: '01', 目: '003', 提供方: dept.name, 摘要: '摘要', 格式: '电子表格', 信息项名称: '姓名', 数据类型: 'C', 共享类型: '无条件共享', 共享方式: '接口', 更新周期: '每日' };
    row(good);
    row({ ...good, 信息资源名称: '不予共享缺依据', 共享类型: '不予共享' });
    row({ ...good, 信息资源名称: '部门不存在', 提供方: '不存在的局' });
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const app = await t.app();
    const before = (await t.services.catalog.search({}, admin.principal)).total;
    const res = await app.inject({ method: 'POST', url: '/api/catalog/import', headers: { ...admin.headers, ...multipartHeaders() }, payload: multipartBody(buffer) });
    assert.equal(res.statusCode, 400, res.body);
    const paths = (res.json().errors as Array<{ path: string }>).map((e) => e.path);
    assert.ok(paths.includes('/rows/4/提供方'), paths.join());
    assert.equal((await t.services.catalog.search({}, admin.principal)).total, before, 'nothing saved');

    const fixed = new ExcelJS.Workbook();
    const s2 = fixed.addWorksheet('目录');
    s2.addRow([...TEMPLATE_COLUMNS]);
    s2.addRow(TEMPLATE_COLUMNS.map((c) => ({ ...good, 信息资源名称: '不予共享缺依据', 共享类型: '不予共享' } as Record<string, string>)[c] ?? ''));
    const res2 = await app.inject({ method: 'POST', url: '/api/catalog/import', headers: { ...admin.headers, ...multipartHeaders() }, payload: multipartBody(Buffer.from(await fixed.xlsx.writeBuffer())) });
    assert.equal(res2.statusCode, 400);
    assert.ok((res2.json().errors as Array<{ path: string }>).some((e) => e.path === '/rows/2/sharing/basis'), res2.body);

    const garbage = await app.inject({ method: 'POST', url: '/api/catalog/import', headers: { ...admin.headers, ...multipartHeaders() }, payload: multipartBody(Buffer.from('this is not a spreadsheet')) });
    assert.equal(garbage.statusCode, 400);
    assert.match(garbage.json().detail, /Excel/);
  });

  it('neutralises formula injection in exported cells', async () => {
    const t = testKit(ctx());
    const admin = await t.newUser(['platform_admin']);
    const dept = await t.newDepartment();
    const { resource } = await t.services.catalog.create(resourceInput(dept.code, { summary: '=cmd|\' /C calc\'!A0' }), admin.principal);
    await t.services.catalog.submit(resource.code, admin.principal);
    await t.services.catalog.review(resource.code, admin.principal, { approve: true });
    await t.services.catalog.publish(resource.code, admin.principal);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportCatalogXlsx(await t.services.catalog.published())) as unknown as ArrayBuffer);
    const cell = wb.worksheets[0]!.getRow(2).getCell(TEMPLATE_COLUMNS.indexOf('摘要') + 1).value;
    assert.equal(cell, "'=cmd|' /C calc'!A0");
  });
}, { freshPerTest: true });

const BOUNDARY = '----shutongtest';
function multipartHeaders() {
  return { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
}
function multipartBody(file: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="catalog.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}
