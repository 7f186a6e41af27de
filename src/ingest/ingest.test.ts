import { it } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { describeEachDatabase } from '../db/testing.ts';
import { testKit } from '../main/testing.ts';
import { csv, ingestSetup, makeId } from './test-support.ts';

const A = makeId('19800101', '001');
const B = makeId('19900215', '002');
const C = makeId('19751231', '003');

describeEachDatabase('ingest batches', (ctx) => {
  it('reads a GBK file with a title row, maps headers by synonym, normalises values and quarantines bad rows with a reason per cell', async () => {
    const s = await ingestSetup(testKit(ctx()));
    await s.ingest.putProfile(s.code, { required: ['公民身份号码', '姓名', '出生日期'] }, s.officer.principal);
    const legacy15 = `${B.slice(0, 6)}${B.slice(8, 17)}`;
    const text = [
      '2024年第二季度低保对象花名册,,,,,',
      '身份证号,名字,性别,出生年月日,联系电话,家庭住址',
      `${A.slice(0, 17)}${A[17]!.toLowerCase()}, 张　三 ,男,1980年1月1日,１３８ ０００１ ３８００,安徽省长丰县水湖镇幸福路1号`,
      `${legacy15},李四,女,1990/2/15,+86 139-0000-0000,长丰县水湖镇幸福路2号`,
      `${C.slice(0, 17)}0,王五,男,19751231,13700000000,长丰县水湖镇幸福路3号`,
      `${makeId('19751231', '005')},/,男,1975-12-31,13700000000,长丰县水湖镇幸福路4号`,
      `${makeId('19851231', '007')},赵六,男,1985-12-30,13700000000,长丰县水湖镇幸福路5号`,
    ].join('\r\n');
    const report = await s.ingest.submit(s.code, { kind: 'buffer', buffer: iconv.encode(text, 'gbk'), fileName: '花名册.csv' }, { actor: s.officer.principal, source: 'file', mode: 'snapshot' });
    assert.equal(report.encoding, 'GB18030/GBK');
    assert.equal(report.headerRowNo, 2, 'the title row is passed over');
    assert.equal(report.mapping['身份证号'], '公民身份号码');
    assert.equal(report.mapping['名字'], '姓名');
    assert.equal(report.rowsRead, 5);
    assert.equal(report.accepted + report.quarantined, report.rowsRead);
    assert.equal(report.accepted, 2);

    const a = await s.ingest.getRecord(s.code, A);
    assert.deepEqual(a?.data, { 公民身份号码: A, 姓名: '张三', 性别: '1', 出生日期: '1980-01-01', 联系电话: '13800013800', 地址: '安徽省长丰县水湖镇幸福路1号' });
    const b = await s.ingest.getRecord(s.code, B);
    assert.equal(b?.data.出生日期, '1990-02-15', 'a 15-digit ID was upgraded to the 18-digit key');

    const q = await s.ingest.quarantine(report.id, s.officer.principal);
    assert.deepEqual(q.rows.map((r) => r.rowNo), [5, 6, 7]);
    const [checkDigit, placeholder, birth] = q.rows;
    assert.equal(checkDigit!.errors[0]!.column, '身份证号');
    assert.match(checkDigit!.errors[0]!.zh, /校验位/);
    assert.match(placeholder!.errors[0]!.zh, /表示无值/);
    assert.equal(birth!.errors[0]!.item, '出生日期', 'birth date disagreeing with the ID is a cross-field error');
    assert.equal(q.counts.open, 3);
  });

  it('recognises a resubmitted file and changes nothing', async () => {
    const s = await ingestSetup(testKit(ctx()));
    const buffer = csv(`公民身份号码,姓名\n${A},张三\n${B},李四\n`);
    const first = await s.ingest.submit(s.code, { kind: 'buffer', buffer }, { actor: s.officer.principal, source: 'file' });
    const seq = await s.ingest.latestChangeSeq();
    const again = await s.ingest.submit(s.code, { kind: 'buffer', buffer }, { actor: s.officer.principal, source: 'file' });
    assert.equal(again.duplicateOf, first.id);
    assert.equal(await s.ingest.latestChangeSeq(), seq);
    assert.equal((await s.ingest.listBatches(s.code, s.officer.principal)).filter((b) => b.status === 'applied').length, 1);
  });

  it('keeps every version, marks records missing from a snapshot deleted and appends each change to the log, announcing it after commit', async () => {
    const s = await ingestSetup(testKit(ctx()));
    const notices: Array<{ firstSeq: number; lastSeq: number }> = [];
    const off = s.ingest.onChanges((n) => { if (n.resourceCode === s.code) notices.push(n); });
    const start = await s.ingest.latestChangeSeq();
    const submit = (text: string, mode: 'snapshot' | 'incremental') => s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(text) }, { actor: s.officer.principal, source: 'file', mode });
    await submit(`公民身份号码,姓名,联系电话\n${A},张三,13800000000\n${B},李四,13900000000\n`, 'snapshot');
    const second = await submit(`公民身份号码,姓名,联系电话\n${A},张三,13800000001\n${C},王五,13700000000\n`, 'snapshot');
    assert.deepEqual([second.inserted, second.updated, second.deleted, second.unchanged], [1, 1, 1, 0]);
    const third = await submit(`公民身份号码,姓名,联系电话\n${A},张三,13800000001\n`, 'incremental');
    assert.deepEqual([third.inserted, third.updated, third.deleted, third.unchanged], [0, 0, 0, 1]);
    off();

    const b = await s.ingest.getRecord(s.code, B);
    assert.equal(b?.deleted, true, 'deleted, not erased');
    assert.equal(b?.data.姓名, '李四');
    const history = await s.ingest.recordHistory(s.code, A);
    assert.deepEqual(history.map((h) => [h.version, h.data.联系电话]), [[1, '13800000000'], [2, '13800000001']]);

    const changes = await s.ingest.changesSince(start, 100, [s.code]);
    assert.deepEqual(changes.map((c) => `${c.op}:${c.key === A ? 'A' : c.key === B ? 'B' : 'C'}:v${c.version}`), ['insert:A:v1', 'insert:B:v1', 'update:A:v2', 'insert:C:v1', 'delete:B:v2']);
    assert.equal(changes[0]!.data?.联系电话, '13800000000', 'an old change still shows the data it wrote');
    assert.equal(changes[2]!.data?.联系电话, '13800000001');
    assert.equal(notices.length, 2, 'the unchanged batch announces nothing');
    assert.equal(notices[1]!.lastSeq, changes.at(-1)!.seq);
  });

  it('keeps the last of repeated keys in one batch and counts the repeats', async () => {
    const s = await ingestSetup(testKit(ctx()));
    const r = await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(`公民身份号码,姓名\n${A},张三\n${B},李四\n${A},张三丰\n${A},张三丰\n`) }, { actor: s.officer.principal, source: 'file' });
    assert.equal(r.accepted, 4);
    assert.equal(r.duplicates, 2);
    assert.equal(r.inserted, 2);
    assert.equal((await s.ingest.getRecord(s.code, A))?.data.姓名, '张三丰');
    assert.equal((await s.ingest.recordHistory(s.code, A)).length, 1);
    assert.ok(r.quality!.uniqueness < 1);
  });

  it('reads JSON arrays, NDJSON and the batch API alike', async () => {
    const s = await ingestSetup(testKit(ctx()));
    const arr = await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(JSON.stringify([{ 公民身份号码: A, 姓名: '张三' }, { 公民身份号码: 'bad', 姓名: '李四' }])) }, { actor: s.officer.principal, source: 'file' });
    assert.deepEqual([arr.format, arr.rowsRead, arr.accepted, arr.quarantined], ['json', 2, 1, 1]);
    const nd = await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(`{"身份证号":"${B}","姓名":"李四"}\n{"身份证号":"${C}","姓名":"王五","出生日期":"1975-12-31"}\n`) }, { actor: s.officer.principal, source: 'file' });
    assert.deepEqual([nd.rowsRead, nd.accepted], [2, 2]);
    const api = await s.ingest.submitRecords(s.code, { mode: 'incremental', records: [{ 公民身份号码: A, 姓名: '张三', 联系电话: 13800000000 }] }, { actor: s.officer.principal, source: 'api' });
    assert.equal(api.updated, 1);
    assert.equal((await s.ingest.getRecord(s.code, A))?.data.联系电话, '13800000000');
  });

  it('lets only the provider department submit, and refuses unpublished resources', async () => {
    const s = await ingestSetup(testKit(ctx()));
    await assert.rejects(s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(`公民身份号码\n${A}\n`) }, { actor: s.readerOfficer.principal, source: 'file' }), (e: { code?: string }) => e.code === 'forbidden');
    const ok = await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(`公民身份号码\n${A}\n`) }, { actor: s.admin.principal, source: 'file' });
    assert.equal(ok.accepted, 1, 'the platform admin may submit for the provider');
  });

  it('fails a file it cannot read with a clear error, records the failed batch and writes nothing', async () => {
    const s = await ingestSetup(testKit(ctx()));
    const seq = await s.ingest.latestChangeSeq();
    await assert.rejects(
      s.ingest.submit(s.code, { kind: 'buffer', buffer: csv('甲,乙,丙\n1,2,3\n') }, { actor: s.officer.principal, source: 'file' }),
      (e: { code?: string; message: string }) => e.code === 'invalid_input' && /表头|header/.test(e.message),
    );
    await assert.rejects(s.ingest.submit(s.code, { kind: 'buffer', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) }, { actor: s.officer.principal, source: 'file' }), (e: { code?: string }) => e.code === 'invalid_input');
    const batches = await s.ingest.listBatches(s.code, s.officer.principal);
    assert.deepEqual(batches.map((b) => b.status), ['failed', 'failed']);
    assert.ok(batches.every((b) => b.error));
    assert.equal(await s.ingest.latestChangeSeq(), seq);
  });

  it('resubmits corrected rows and closes the quarantine entries they fix', async () => {
    const s = await ingestSetup(testKit(ctx()));
    const first = await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(`公民身份号码,姓名\n${A.slice(0, 17)}0,张三\n${B},李四\n`) }, { actor: s.officer.principal, source: 'file' });
    assert.equal(first.quarantined, 1);
    const fix = await s.ingest.resubmit(first.id, [{ rowNo: 2, values: { 公民身份号码: A, 姓名: '张三' } }], s.officer.principal);
    assert.equal(fix.accepted, 1);
    assert.equal(fix.correctsBatch, first.id);
    const q = await s.ingest.quarantine(first.id, s.officer.principal);
    assert.deepEqual(q.rows.map((r) => r.status), ['resolved']);
    assert.ok(await s.ingest.getRecord(s.code, A));
  });

  it('scores quality per batch, keeps its history and flags an overdue resource', async () => {
    const t = testKit(ctx());
    const s = await ingestSetup(t);
    const r = await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(`公民身份号码,姓名,联系电话\n${A},张三,13800000000\n${B},李四,\n${C},王五,12345\n`) }, { actor: s.officer.principal, source: 'file' });
    assert.equal(r.warnings, 1, 'an invalid optional value is a warning, not a quarantine');
    assert.equal(r.quality!.items['联系电话']!.completeness, Math.round((1 / 3) * 10000) / 10000);
    assert.ok(r.quality!.validity < 1);
    let q = await s.ingest.quality(s.code, s.officer.principal);
    assert.equal(q.history.length, 1);
    assert.equal(q.current!.overdue, false);
    t.clock.advance(40 * 86_400_000);
    q = await s.ingest.quality(s.code, s.officer.principal);
    assert.equal(q.current!.overdue, true, '每月 resource without a delivery for 40 days');
    assert.ok(q.current!.score < r.quality!.score);
    assert.ok((await s.ingest.overdueResources()).some((o) => o.resourceCode === s.code));
    await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(`公民身份号码,姓名\n${A},张三\n`) }, { actor: s.officer.principal, source: 'file' });
    assert.equal((await s.ingest.quality(s.code, s.officer.principal)).history.length, 2);
  });

  it('gives the same batch whether the file is parsed in a worker thread or in the calling thread', async () => {
    const s = await ingestSetup(testKit(ctx()));
    const rows = Array.from({ length: 300 }, (_, i) => `${makeId('19800101', String(i).padStart(3, '0'))},姓名${i % 2 ? '甲' : '乙'},${i % 7 === 0 ? '13' : '13800000000'}`);
    const text = `公民身份号码,姓名,联系电话\n${rows.join('\n')}\n${A.slice(0, 17)}0,坏,1\n`;
    const viaWorker = await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(text) }, { actor: s.officer.principal, source: 'file', worker: true, mode: 'snapshot' });
    const s2 = await ingestSetup(testKit(ctx()));
    const inThread = await s2.ingest.submit(s2.code, { kind: 'buffer', buffer: csv(text) }, { actor: s2.officer.principal, source: 'file', worker: false, mode: 'snapshot' });
    const pick = (r: typeof viaWorker) => [r.rowsRead, r.accepted, r.quarantined, r.warnings, r.inserted, r.contentHash];
    assert.deepEqual(pick(viaWorker), pick(inThread));
    assert.equal(viaWorker.rowsRead, 301);
  });

  it('finds records by the normalised value of an item', async () => {
    const s = await ingestSetup(testKit(ctx()));
    await s.ingest.submit(s.code, { kind: 'buffer', buffer: csv(`公民身份号码,姓名\n${A},张三\n${B},李四\n${C},张三\n`) }, { actor: s.officer.principal, source: 'file' });
    const hits = await s.ingest.findRecords(s.code, '姓名', '张三');
    assert.deepEqual(hits.map((h) => h.key).sort(), [A, C].sort());
    assert.deepEqual(await s.ingest.findRecords(s.code, '公民身份号码', '张三'), []);
  });
});
