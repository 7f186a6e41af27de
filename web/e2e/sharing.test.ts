import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { apiAs, assertNoConsoleErrors, launchBrowser, login, logout, missingPrerequisite, screenshot, startServer, type Browser, type RunningServer } from './harness.ts';

const skip = missingPrerequisite() ?? false;
// A valid 公民身份号码 (GB 11643 check character X): the person whose data is used.
const PERSON = '11010519491231002X';
const PURPOSE = '低保资格复核';
const TRACKER_ITEMS = ['访问时间', '访问部门', '访问者', '信息资源', '信息项', '事由'];

const button = (page: Page, text: string) => page.getByRole('button', { name: new RegExp(`(^|\\s)${[...text].join('\\s*')}$`) });

describe('console: apply for, approve and use a grant; the citizen sees it; the proof verifies', { skip, timeout: 240_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('walks a 有条件共享 application from the consumer to the provider, a lookup, the audit log and the citizen page', async () => {
    // Set-up through the API: the data bureau publishes the 数据使用记录 resource and serves it from the tracker.
    const admin = await apiAs(server.url, 'admin');
    const me = await admin<{ departmentCode: string }>('/api/auth/me');
    const name = `群众数据使用记录查询（${Date.now() % 100000}）`;
    const { resource } = await admin<{ resource: { code: string } }>('/api/catalog/resources', {
      method: 'POST',
      body: {
        name, providerCode: me.departmentCode, category: { class: '3', item: '01', catalog: '099' }, summary: '按公民身份号码查询其数据被使用的记录。', format: '数据库',
        items: TRACKER_ITEMS.map((n) => ({ name: n, dataType: 'C' })), sharing: { type: '有条件共享', condition: '仅用于依法履职中的核查', method: '接口' }, open: { isOpen: false }, updateCycle: '实时',
      },
    });
    for (const step of ['submit', 'review', 'publish']) await admin(`/api/catalog/resources/${resource.code}/${step}`, { method: 'POST', body: step === 'review' ? { approve: true } : {} });
    await admin(`/api/exchange/sources/${resource.code}`, { method: 'PUT', body: { source: 'tracker' } });
    const consumerDept = (await admin<Array<{ code: string; name: string }>>('/api/departments')).find((d) => d.code.toLowerCase() === 'mzj') ?? (await admin<Array<{ code: string; name: string; level: string }>>('/api/departments')).find((d) => d.level === '县' && d.code !== me.departmentCode)!;
    const officer = consumerDept.code.toLowerCase();

    const { page, errors } = await browser.newPage();
    // 1. The consumer applies.
    await login(page, server.url, officer);
    await page.getByRole('menuitem', { name: '资源申请' }).click();
    await page.getByRole('searchbox', { name: '关键词' }).fill(name);
    await page.getByRole('searchbox', { name: '关键词' }).press('Enter');
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: /申\s*请/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用途（事由）').fill(PURPOSE);
    await dialog.getByLabel('法律政策依据').fill('《社会救助暂行办法》第十一条');
    for (const item of ['访问时间', '访问部门', '事由']) await dialog.getByLabel(item, { exact: true }).check();
    await dialog.getByRole('spinbutton', { name: '期限（天）' }).fill('90');
    await button(page, '提交申请').click();
    await page.getByText('申请已提交，等待提供部门审批').waitFor();
    await page.waitForURL(/\/sharing\/applications\?side=consumer/);
    const mine = page.getByRole('row').filter({ hasText: name });
    await mine.getByText('待审批').waitFor();
    assert.match(await mine.innerText(), /剩余 \d+ 天/, 'the outbox shows the answer deadline');
    await logout(page);

    // 2. The provider answers in its inbox.
    await login(page, server.url, 'admin');
    await page.getByRole('menuitem', { name: '共享申请' }).click();
    const inbox = page.getByRole('row').filter({ hasText: name });
    await inbox.waitFor();
    await screenshot(page, 'sharing-inbox');
    await inbox.getByRole('button', { name: /批\s*准/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已批准，授权已生效').waitFor();
    await logout(page);

    // 3. The consumer uses the grant; the call is audited and its proof verifies in the browser.
    await login(page, server.url, officer);
    await page.getByRole('menuitem', { name: '数据查询' }).click();
    await page.getByRole('combobox', { name: /授权/ }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: name }).click();
    await page.getByLabel('查询键').fill(PERSON);
    await button(page, '查询').click();
    const results = page.getByTestId('use-results');
    await results.getByText(PERSON).waitFor();
    await screenshot(page, 'sharing-use');
    await results.getByRole('link', { name: /审计记录 #\d+/ }).click();
    await page.getByRole('heading', { name: /审计记录 #\d+/ }).waitFor();
    await page.getByTestId('proof-panel').getByRole('button', { name: /验\s*证/ }).click();
    await page.getByText(/验证通过：记录 #\d+ 包含在大小为 \d+ 的已签名日志中/).waitFor();
    await screenshot(page, 'audit-proof');
    await page.getByRole('menuitem', { name: '共享授权' }).click();
    const grant = page.getByRole('row').filter({ hasText: name });
    await grant.getByText('有效').waitFor();
    await logout(page);

    // 4. The auditor finds the call in the log by the person's number.
    await login(page, server.url, 'auditor');
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByLabel('当事人').fill(PERSON);
    await button(page, '查询').click();
    await page.waitForURL(/subject=/);
    const entry = page.getByRole('row').filter({ hasText: PURPOSE }).filter({ hasText: '查询' }).first();
    await entry.waitFor();
    await screenshot(page, 'audit-log');
    await logout(page);

    // 5. The provider revokes the grant; it stops at once.
    await login(page, server.url, 'admin');
    await page.goto(`${server.url}/sharing/grants?side=provider`);
    const provided = page.getByRole('row').filter({ hasText: name });
    await provided.getByRole('button', { name: /撤\s*销/ }).click();
    await page.getByRole('dialog').getByLabel('理由').fill('核查工作已结束');
    await page.getByRole('dialog').getByRole('button', { name: /撤\s*销/ }).click();
    await page.getByText('授权已撤销').first().waitFor();
    await provided.getByText('已撤销').waitFor();
    await logout(page);
    assertNoConsoleErrors(errors);
    await page.close();
  });

  it('shows the citizen, on a phone, who used their data, and verifies it', async () => {
    const { page, errors } = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: /数据使用记录/ }).click();
    await page.getByLabel('公民身份号码').fill(PERSON);
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByText(/示范模式：验证码 \d{6} 已填入/).waitFor();
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const access = page.getByTestId('access').filter({ hasText: PURPOSE }).first();
    await access.waitFor();
    assert.match(await access.innerText(), /民政局/, 'the department that looked the person up');
    assert.match(await access.innerText(), /访问时间/, 'the items it saw');
    await screenshot(page, 'citizen');
    await access.getByRole('link', { name: '验证这条记录' }).click();
    await page.getByRole('button', { name: /验\s*证/ }).click();
    await page.getByText(/验证通过/).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/citizen\/login$/);
    assertNoConsoleErrors(errors);
    await page.close();
  });
});
