/**
 * End-to-end harness: the real server as a child process on a free port with a temporary SQLite data
 * directory and the demo county, and Debian's Chromium driven by playwright-core.
 *
 * @example
 * const env = await e2eEnvironment(t); if (!env) return; // skipped outside CI when something is missing
 * const page = await env.newPage(); await login(page, env.url, 'admin');
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Shutong@2026';
export const ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'web', 'dist');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const inCi = () => process.env.CI === 'true';

/** Why end-to-end tests cannot run here, or undefined when they can. In CI a missing piece is a failure. */
export function missingPrerequisite(): string | undefined {
  const problems = [
    ...(existsSync(join(DIST, 'index.html')) ? [] : ['web/dist is missing: run `npm run build` first']),
    ...(existsSync(CHROMIUM) ? [] : [`${CHROMIUM} is missing: apt-get install -y chromium`]),
  ];
  if (problems.length === 0) return undefined;
  if (inCi()) throw new Error(`端到端测试无法运行 / e2e prerequisites missing in CI: ${problems.join('; ')}`);
  return problems.join('; ');
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Starts `src/main/server.ts` with the demo county on a temp SQLite store; resolves once it listens. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'shutong-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SHUTONG_DEMO: 'true', SHUTONG_DEMO_PERSONS: '0', LOG_LEVEL: 'warn', PUBLIC_URL: url };
  // A temporary SQLite store, whatever the surrounding environment points at.
  delete env.DATABASE_URL;
  delete env.NATS_URL;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`服务器启动超时 / server did not start in 90 s:\n${output}`)), 90_000);
    const check = () => {
      if (output.includes(url)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`服务器退出 / server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  readonly context: BrowserContext;
  /** A new page whose console errors and uncaught exceptions are collected into `errors`. */
  newPage(): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** Chromium with a fresh profile, 1280×800. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'shutong-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const errors: string[] = [];
      page.on('console', (m) => {
        // A failed request is reported by Chromium as "Failed to load resource"; keep which one it was.
        if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}${m.location().url ? ` (${m.location().url})` : ''}`);
      });
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      return { page, errors };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the login form (signing out whoever is signed in first) and waits for the console frame. */
export async function login(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/login`);
  const field = page.getByLabel('用户名');
  const account = page.getByRole('button', { name: '账号菜单' });
  await Promise.race([field.waitFor(), account.waitFor()]);
  if (await account.isVisible()) await logout(page);
  await field.fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await account.waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '账号菜单' }).click();
  await page.getByText('退出登录').click();
  await page.waitForURL(/\/login$/);
}

/** A 1280×800 PNG of what the page shows, into docs/screenshots/ (kept small: viewport only). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Toasts ("已保存") cover the page title for three seconds: let them go.
  await page.locator('.ant-message-notice').last().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false, animations: 'disabled' });
}

/**
 * Removes from `errors` the one browser report of a request the test provoked on purpose (a wrong
 * password, a refused form), asserting that it is there; everything else stays an error.
 */
export function expectFailedRequest(errors: string[], status: number, urlPart: string): void {
  const index = errors.findIndex((e) => e.includes(`status of ${status}`) && e.includes(urlPart));
  assert.ok(index >= 0, `expected a ${status} for ${urlPart} in the console, got:\n${errors.join('\n')}`);
  errors.splice(index, 1);
}

export function assertNoConsoleErrors(errors: readonly string[]): void {
  assert.deepEqual(errors, [], `浏览器控制台报错 / console errors:\n${errors.join('\n')}`);
}

/** The names in the side navigation, as a person sees them. */
export async function navLabels(page: Page): Promise<string[]> {
  const items = page.locator('aside nav').getByRole('menuitem');
  return (await items.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

/** Calls the API as a demo account (bearer token), to learn what the pages should show. */
export async function apiAs(url: string, username: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = await res.text();
  assert.equal(res.status, 200, `login ${username}: ${body}`);
  const { token } = JSON.parse(body) as { token: string };
  return async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const r = await fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await r.text();
    assert.ok(r.ok, `${path}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}
