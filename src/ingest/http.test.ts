import { it } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { ingestSetup, makeId } from './test-support.ts';

const A = makeId('19800101', '001');
const B = makeId('19900215', '002');

function multipart(fileName: string, content: Buffer) {
  const boundary = `----shutong${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(fileName)}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachDatabase('ingest HTTP', (ctx) => {
  it('takes an upload, reports the batch, serves the quarantine and an Excel error report whose formulas are neutralised', async () => {
    const t = testKit(ctx());
    const s = await ingestSetup(t);
    const app = await t.app();
    const path = `/api/ingest/resources/${s.code}/batches`;
    const text = `公民身份号码,姓名,地址\n${A},张三,安徽省长丰县水湖镇幸福路1号\n=cmd|' /C calc'!A0,李四,+SUM(1)\n${B.slice(0, 17)}0,@王五,-幸福路3号院\n`;
    const form = multipart('名册.csv', Buffer.from(text));
    const upload = await app.inject({ method: 'POST', url: `${path}?mode=snapshot`, headers: { ...s.officer.headers, ...form.headers }, payload: form.payload });
    assert.equal(upload.statusCode, 201, upload.body);
    const report = upload.json();
    assert.deepEqual([report.rowsRead, report.accepted, report.quarantined, report.mode], [3, 1, 2, 'snapshot']);
    assert.equal(report.fileName, '名册.csv');

    const again = await app.inject({ method: 'POST', url: `${path}?mode=snapshot`, headers: { ...s.officer.headers, ...form.headers }, payload: form.payload });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().duplicateOf, report.id);

    const q = await app.inject({ method: 'GET', url: `/api/ingest/batches/${report.id}/quarantine`, headers: s.officer.headers });
    assert.equal(q.json().rows.length, 2);
    assert.equal((await app.inject({ method: 'GET', url: `/api/ingest/batches/${report.id}`, headers: s.readerOfficer.headers })).statusCode, 404, 'another department cannot see the batch');

    const xlsx = await app.inject({ method: 'GET', url: `/api/ingest/batches/${report.id}/error-report.xlsx`, headers: s.officer.headers });
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('错误数据')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, ['原行号', '公民身份号码', '姓名', '地址', '错误说明']);
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => {
      assert.notEqual(cell.type, ExcelJS.ValueType.Formula, 'no cell is a formula');
      if (typeof cell.value === 'string') texts.push(cell.value);
    }));
    for (const v of texts) assert.ok(!/^[=+\-@\t\r]/.test(v), `cell starts with a formula character: ${v}`);
    assert.ok(texts.includes("'=cmd|' /C calc'!A0"));
    assert.ok(texts.includes("'@王五"));
    const bad = sheet.getRow(3).getCell(2);
    assert.equal((bad.fill as ExcelJS.FillPattern).pattern, 'solid', 'the bad cell is highlighted');
    assert.match(String(typeof bad.note === 'string' ? bad.note : JSON.stringify(bad.note)), /[\u4e00-\u9fff]/, 'with a note in Chinese');

    // The corrected report goes back through the upload route and closes what it fixes.
    sheet.getRow(2).getCell(2).value = makeId('19700101', '005');
    sheet.getRow(3).getCell(2).value = B;
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());
    const back = multipart('更正.xlsx', fixed);
    const resub = await app.inject({ method: 'POST', url: `${path}?corrects=${report.id}`, headers: { ...s.officer.headers, ...back.headers }, payload: back.payload });
    assert.equal(resub.statusCode, 201, resub.body);
    assert.equal(resub.json().accepted, 2);
    const after = await app.inject({ method: 'GET', url: `/api/ingest/batches/${report.id}/quarantine`, headers: s.officer.headers });
    assert.deepEqual(after.json().rows.map((r: { status: string }) => r.status), ['resolved', 'resolved']);
    const rec = await app.inject({ method: 'GET', url: `/api/ingest/resources/${s.code}/records/${B}`, headers: s.officer.headers });
    assert.equal(rec.json().data.地址, '-幸福路3号院', 'the apostrophe guard is dropped on the way back in');
  });

  it('accepts a JSON push from a department system with an API key and refuses other departments', async () => {
    const t = testKit(ctx());
    const s = await ingestSetup(t);
    const app = await t.app();
    const key = await t.services.identity.createApiKey({ departmentCode: s.provider.code, name: '救助系统', createdBy: null });
    const url = `/api/ingest/resources/${s.code}/batches/json`;
    const body = { mode: 'incremental', records: [{ 身份证号: A, 姓名: '张三' }, { 身份证号: B, 姓名: '李四' }] };
    const res = await app.inject({ method: 'POST', url, headers: { 'x-api-key': key.key }, payload: body });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().accepted, 2);
    const other = await app.inject({ method: 'POST', url, headers: s.readerOfficer.headers, payload: body });
    assert.equal(other.statusCode, 403);
    assert.match(String(other.headers['content-type']), /problem\+json/);
    const empty = await app.inject({ method: 'POST', url, headers: s.officer.headers, payload: { records: [] } });
    assert.equal(empty.statusCode, 400);
  });

  it('saves an editable column mapping per department and uses it on the next upload', async () => {
    const t = testKit(ctx());
    const s = await ingestSetup(t);
    const app = await t.app();
    const base = `/api/ingest/resources/${s.code}`;
    const put = await app.inject({ method: 'PUT', url: `${base}/mapping`, headers: s.officer.headers, payload: { mapping: { 证照号: '公民身份号码', 称呼: '姓名', 备用: null } } });
    assert.equal(put.statusCode, 200, put.body);
    const bad = await app.inject({ method: 'PUT', url: `${base}/mapping`, headers: s.officer.headers, payload: { mapping: { x: '血型' } } });
    assert.equal(bad.statusCode, 400);
    const form = multipart('a.csv', Buffer.from(`证照号,称呼,备用\n${A},张三,x\n`));
    const up = await app.inject({ method: 'POST', url: `${base}/batches`, headers: { ...s.officer.headers, ...form.headers }, payload: form.payload });
    assert.equal(up.statusCode, 201, up.body);
    assert.deepEqual(up.json().mapping, { 证照号: '公民身份号码', 称呼: '姓名', 备用: null });
    const got = await app.inject({ method: 'GET', url: `${base}/mapping`, headers: s.officer.headers });
    assert.deepEqual(got.json().lastHeader, ['证照号', '称呼', '备用']);
    const quality = await app.inject({ method: 'GET', url: `${base}/quality`, headers: s.officer.headers });
    assert.equal(quality.json().history.length, 1);
  });

  it('runs an objection through raise, inbox and resolve over HTTP', async () => {
    const t = testKit(ctx());
    const s = await ingestSetup(t);
    const app = await t.app();
    await s.ingest.submitRecords(s.code, { records: [{ 公民身份号码: A, 姓名: '张三', 联系电话: '13800000000' }] }, { actor: s.officer.principal, source: 'api' });
    const raised = await app.inject({ method: 'POST', url: '/api/ingest/objections', headers: s.readerOfficer.headers, payload: { resourceCode: s.code, key: A, item: '联系电话', reason: '空号' } });
    assert.equal(raised.statusCode, 201, raised.body);
    const inbox = await app.inject({ method: 'GET', url: '/api/ingest/objections/inbox?status=open', headers: s.officer.headers });
    assert.deepEqual(inbox.json().map((o: { id: string }) => o.id), [raised.json().id]);
    const resolved = await app.inject({ method: 'POST', url: `/api/ingest/objections/${raised.json().id}/resolve`, headers: s.officer.headers, payload: { action: 'confirm', explanation: '经电话核实号码有效' } });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json().status, 'confirmed');
  });
});
