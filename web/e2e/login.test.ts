import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, assertNoConsoleErrors, expectFailedRequest, launchBrowser, login, logout, missingPrerequisite, navLabels, screenshot, startServer, type Browser, type RunningServer } from './harness.ts';

const skip = missingPrerequisite() ?? false;

describe('console: sign in and role-aware navigation', { skip, timeout: 120_000 }, () => {
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

  it('sends a visitor to the login page and explains a wrong password in Chinese', async () => {
    const { page, errors } = await browser.newPage();
    await page.goto(`${server.url}/overview`);
    await page.waitForURL(/\/login$/);
    await page.getByText('请登录').waitFor();
    await screenshot(page, 'login');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByText('请输入用户名').waitFor();
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'wrong username' }).count(), 0, 'only the Chinese half is shown');
    expectFailedRequest(errors, 401, '/api/auth/login');
    assertNoConsoleErrors(errors);
    await page.close();
  });

  it('shows the admin the county overview with its numbers, and keeps the session across a reload', async () => {
    const api = await apiAs(server.url, 'admin');
    const overview = await api<{ departments: { total: number }; resources: { total: number; bySharingType: Array<{ key: string; count: number }> } }>('/api/overview');
    const { page, errors } = await browser.newPage();
    await login(page, server.url, 'admin');
    await page.waitForURL(/\/overview$/);
    await page.getByRole('heading', { name: '驾驶舱' }).waitFor();
    const stats = page.getByTestId('overview-stats');
    assert.match(await stats.innerText(), new RegExp(`部门\\s*${overview.departments.total}\\b`));
    assert.match(await stats.innerText(), new RegExp(`在册信息资源\\s*${overview.resources.total}\\b`));
    const sharing = page.getByTestId('chart-sharing');
    await sharing.locator('canvas').first().waitFor();
    for (const row of overview.resources.bySharingType) {
      assert.match(await sharing.getByRole('row', { name: new RegExp(`^${row.key}`) }).innerText(), new RegExp(`\\b${row.count}\\b`));
    }
    assert.ok(overview.resources.total > 0, 'the demo county has a catalog');
    await screenshot(page, 'overview');

    const nav = await navLabels(page);
    for (const label of ['驾驶舱', '资源目录', '登记资源', '审核发布', '导入导出', '一数一源', '用户', 'API 密钥']) assert.ok(nav.includes(label), `admin sees ${label}: ${nav.join(',')}`);

    await page.reload();
    await page.getByRole('heading', { name: '驾驶舱' }).waitFor();
    assert.match(page.url(), /\/overview$/, 'still signed in after a reload (session cookie)');
    await logout(page);
    assertNoConsoleErrors(errors);
    await page.close();
  });

  it('opens a deep link to a resource directly and switches the interface to English and back', async () => {
    const api = await apiAs(server.url, 'admin');
    const { items } = await api<{ items: Array<{ code: string; name: string }> }>('/api/catalog/resources?status=published&limit=1');
    const resource = items[0]!;
    const { page, errors } = await browser.newPage();
    await login(page, server.url, 'admin');
    await page.goto(`${server.url}/catalog/${resource.code}`);
    await page.getByRole('heading', { name: resource.name }).waitFor();
    await page.getByRole('tab', { name: /信息项/ }).waitFor();

    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('tab', { name: /Items/ }).waitFor();
    assert.ok((await navLabels(page)).includes('Resources'));
    await page.reload();
    await page.getByRole('tab', { name: /Items/ }).waitFor();
    assert.ok((await navLabels(page)).includes('Dashboard'), 'English is remembered');
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('tab', { name: /信息项/ }).waitFor();
    await logout(page);
    await page.getByText('请登录').waitFor();
    assertNoConsoleErrors(errors);
    await page.close();
  });

  it('shows a department data officer and a grid worker only what their roles may use', async () => {
    const api = await apiAs(server.url, 'admin');
    const departments = await api<Array<{ code: string; level: string; name: string }>>('/api/departments');
    const users = await api<Array<{ username: string; roles: string[] }>>('/api/users');
    const officer = users.find((u) => u.roles.includes('data_officer'));
    assert.ok(officer, 'the demo county has a data officer');
    assert.ok(departments.length > 0);

    const { page, errors } = await browser.newPage();
    await login(page, server.url, officer.username);
    let nav = await navLabels(page);
    assert.ok(nav.includes('登记资源') && nav.includes('资源目录') && nav.includes('API 密钥'), nav.join(','));
    assert.ok(!nav.includes('审核发布') && !nav.includes('用户'), `a data officer neither reviews nor manages users: ${nav.join(',')}`);
    await page.goto(`${server.url}/catalog/review`);
    await page.getByText('无权访问').waitFor();
    await logout(page);

    await login(page, server.url, 'grid01');
    nav = await navLabels(page);
    assert.ok(nav.includes('资源目录') && nav.includes('驾驶舱'), nav.join(','));
    assert.ok(!nav.includes('登记资源') && !nav.includes('API 密钥') && !nav.includes('审核发布'), `a grid worker only reads: ${nav.join(',')}`);
    await logout(page);
    assertNoConsoleErrors(errors);
    await page.close();
  });

  it('fits a phone screen: the navigation folds behind a menu button', async () => {
    const { page, errors } = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, server.url, 'grid01');
    const menu = page.getByRole('button', { name: '打开导航' });
    await menu.waitFor();
    await menu.click();
    await page.getByRole('menuitem', { name: '资源目录' }).click();
    await page.getByRole('heading', { name: '信息资源目录' }).waitFor();
    await logout(page);
    assertNoConsoleErrors(errors);
    await page.close();
  });
});
