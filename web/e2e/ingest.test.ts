import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { demoResources, generateDemoCounty, readDemoFile, type Manifest } from '../../src/demo/index.ts';
import { apiAs, assertNoConsoleErrors, launchBrowser, login, logout, missingPrerequisite, screenshot, startServer, type Browser, type RunningServer } from './harness.ts';

const skip = missingPrerequisite() ?? false;
const FILE_KEY = 'mz-assistance';

describe('console: a department delivers its file, gets the Excel error report, and the registry links it', { skip, timeout: 180_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let out: string;
  let manifest: Manifest;
  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'shutong-e2e-demo-'));
    [server, browser, manifest] = await Promise.all([startServer(), launchBrowser(), generateDemoCounty({ persons: 1500, seed: 7, out, only: [FILE_KEY], parallel: false })]);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('uploads the 民政局 demo file with a progress bar, confirms the mapping and downloads the error report', async () => {
    const file = manifest.files.find((f) => f.key === FILE_KEY)!;
    const seed = demoResources.find((r) => r.sourceFile === FILE_KEY)!;
    const officer = seed.providerCode.toLowerCase();
    const api = await apiAs(server.url, officer);
    const { items } = await api<{ items: Array<{ code: string; name: string; items: Array<{ name: string }> }> }>(`/api/catalog/resources?status=published&department=${seed.providerCode}&limit=500`);
    const resource = items.find((r) => r.name === seed.name);
    assert.ok(resource, `the demo catalog publishes ${seed.name}`);
    // As the demo loader does: the file's required columns are the resource's required items.
    const names = new Set(resource.items.map((i) => i.name));
    await api(`/api/ingest/resources/${resource.code}/profile`, { method: 'PUT', body: { required: file.columns.filter((c) => c.required && names.has(c.header)).map((c) => c.header) } });

    const { page, errors } = await browser.newPage();
    await login(page, server.url, officer);
    await page.getByRole('menuitem', { name: '归集报送' }).click();
    // The resource is listed twice while it has never been delivered: among ours, and among the overdue.
    await page.getByRole('link', { name: seed.name }).first().click();
    await page.getByRole('tab', { name: '上传报送' }).waitFor();

    // A slow uplink, so that the progress bar is there to be seen.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
    await page.locator('input[type=file]').setInputFiles(join(out, file.path));
    await page.getByTestId('upload-progress').waitFor();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const summary = page.getByTestId('batch-summary');
    await summary.waitFor({ timeout: 60_000 });
    const batches = await api<Array<{ id: string; rowsRead: number; accepted: number; quarantined: number }>>(`/api/ingest/resources/${resource.code}/batches`);
    const batch = batches[0]!;
    assert.equal(batch.rowsRead, file.rowCount, 'every data row of the file was read');
    assert.ok(batch.quarantined > 0, 'the demo file has rows that fail the checks');
    const text = await summary.innerText();
    for (const [label, value] of [['读取行数', batch.rowsRead], ['接收', batch.accepted], ['隔离', batch.quarantined]] as const) {
      assert.match(text, new RegExp(`${label}\\s*${value.toLocaleString('en-US')}`), `${label} shows ${value}`);
    }
    await page.getByText(`隔离区（${batch.quarantined} 行）`).waitFor();
    await page.getByText(`隔离区（${batch.quarantined} 行）`).scrollIntoViewIfNeeded();
    await screenshot(page, 'ingest-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载错误报告/ }).click()]);
    assert.match(download.suggestedFilename(), /^error-report-.+\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.ok(sheet.actualRowCount >= batch.quarantined + 1, `the error report lists the ${batch.quarantined} quarantined rows under a header (has ${sheet.actualRowCount})`);

    // Resubmitting the downloaded report makes a new batch that corrects this one.
    await page.locator('input[type=file]').last().setInputFiles(await download.path().then((p) => ({ name: 'error-report.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: readFileSync(p) })));
    await page.waitForFunction(async ([code, first]) => {
      const r = await fetch(`/api/ingest/resources/${code}/batches`);
      const list = (await r.json()) as Array<{ id: string; correctsBatch: string | null }>;
      return list.some((b) => b.correctsBatch === first);
    }, [resource.code, batch.id] as const, { timeout: 60_000, polling: 500 });

    await page.getByRole('tab', { name: '列映射' }).click();
    await page.getByRole('button', { name: '确认映射' }).click();
    await page.getByText('列映射已保存').waitFor();
    await page.getByRole('tab', { name: '数据质量' }).click();
    await page.getByTestId('quality-bars').waitFor();
    await page.getByTestId('quality-history').locator('canvas').waitFor();
    await screenshot(page, 'ingest-quality');
    await logout(page);
    assertNoConsoleErrors(errors);
    await page.close();
  });

  it('links the delivered people into the 人口库 and shows one in the 360 view with the source of each field', async () => {
    const file = manifest.files.find((f) => f.key === FILE_KEY)!;
    const admin = await apiAs(server.url, 'admin');
    await admin('/api/registry/sync', { method: 'POST', body: {} });
    // A person from the file that the registry now holds (quarantined rows are not linked).
    const table = await readDemoFile(out, file);
    const idColumn = table.header.indexOf('身份证号码');
    const nameColumn = table.header.indexOf('姓名');
    let person: { id: string; label: string } | undefined;
    for (const row of table.rows) {
      const id = String(row[idColumn] ?? '').trim();
      if (!/^\d{17}[\dX]$/.test(id)) continue;
      const hits = await admin<{ items: Array<{ id: string; label: string }> }>(`/api/registry/persons?q=${id}`);
      if (hits.items[0]) {
        person = hits.items[0];
        break;
      }
    }
    assert.ok(person, 'the registry holds people from the delivered file');
    assert.ok(table.rows.some((r) => String(r[nameColumn] ?? '').trim() === person.label), 'the registry keeps the name the department delivered');

    const { page, errors } = await browser.newPage();
    await login(page, server.url, 'admin');
    await page.getByRole('menuitem', { name: '检索与 360 视图' }).click();
    await page.getByRole('searchbox', { name: '检索' }).fill(person.label);
    await page.getByRole('searchbox', { name: '检索' }).press('Enter');
    await page.getByRole('link', { name: person.label }).first().click();
    await page.getByRole('heading', { name: person.label }).waitFor();
    const golden = page.getByTestId('golden');
    await golden.getByText('姓名').waitFor();
    assert.match(await golden.innerText(), /沂南县民政局/, 'each field names the department it came from');
    await screenshot(page, 'registry-360');
    await logout(page);
    assertNoConsoleErrors(errors);
    await page.close();
  });
});
