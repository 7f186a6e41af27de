import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST } from './harness.ts';

const LIMIT = 500 * 1024;

/** The JS files index.html loads: its module script and modulepreloads. */
function entryScripts(html: string): string[] {
  const srcs = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  return [...new Set([...srcs, ...preloads])];
}

/** Static imports of a built chunk (`import … from"./x.js"`, `import"./x.js"`), not dynamic import(). */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g)].map((m) => m[1]!);
}

function closure(start: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const dep of staticImports(readFileSync(join(DIST, 'assets', file), 'utf8'))) visit(dep.slice(2));
  };
  start.forEach(visit);
  return seen;
}

const built = existsSync(join(DIST, 'index.html'));
const skip = built ? false : process.env.CI === 'true' ? false : 'web/dist 不存在，先运行 npm run build / web/dist missing: run npm run build first';

describe('console bundle', { skip }, () => {
  it('loads the login page with less than 500 KB of gzipped JavaScript, and no echarts', () => {
    assert.ok(built, 'CI 中须先构建控制台 / in CI web/dist must be built before the tests');
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const entries = entryScripts(html).map((src) => src.replace(/^\/assets\//, ''));
    assert.ok(entries.length > 0, 'index.html names no scripts');
    // The login route is lazy: its chunk and what it imports load on the first page too.
    const loginChunk = readFileSync(join(DIST, 'assets', entries[0]!), 'utf8').match(/assets\/(login-page-[^"']+\.js)/)?.[1];
    assert.ok(loginChunk, 'the entry does not reference a login-page chunk');
    const files = closure([...entries, loginChunk]);
    const sizes = [...files].map((f) => ({ f, gz: gzipSync(readFileSync(join(DIST, 'assets', f)), { level: 9 }).length }));
    const total = sizes.reduce((s, x) => s + x.gz, 0);
    process.stderr.write(`首页 JS（gzip）/ first-page JS gzipped: ${(total / 1024).toFixed(1)} KB in ${files.size} files\n`);
    assert.ok(total < LIMIT, `first page loads ${(total / 1024).toFixed(1)} KB gzipped JS: ${sizes.map((s) => `${s.f} ${(s.gz / 1024).toFixed(1)}`).join(', ')}`);
    assert.ok(![...files].some((f) => f.startsWith('echarts')), 'echarts must load only with the overview');
  });
});
