// Exchange: authorised, item-filtered, audited single lookups over HTTP on loopback (keep-alive), driven by a
// load generator in another process — autocannon, or wrk with EXCHANGE_BENCH_GENERATOR=wrk (decision 0535);
// baseline: a bare Fastify route returning the same JSON, same generator, same run.
// The real app runs here on SQLite with its production hooks (authentication by API key, route guard, grant
// check, quota, item filter, audit append with group commit, monitoring). Run `node bench/exchange.ts --load …`
// is the child mode used internally.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Fastify from 'fastify';
import { emit, note } from './lib/report.ts';

interface LoadResult { rps: number; p50: number; p99: number; total: number; non2xx: number; errors: number }

// Seconds per round; each connection count runs ROUNDS rounds of app then bare route.
const DURATION = Number(process.env.EXCHANGE_BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.EXCHANGE_BENCH_ROUNDS ?? 3);
const CONNECTIONS = (process.env.EXCHANGE_BENCH_CONNECTIONS ?? '16,32,64').split(',').map(Number);
// autocannon is the default: the bare route reaches about 15% more req/s under it than under wrk, so the
// ratio it gives is the stricter one. wrk (C, one thread) takes half the CPU, which leaves the app's helper
// threads more of the second core.
const GENERATOR = process.env.EXCHANGE_BENCH_GENERATOR ?? 'autocannon';
if (GENERATOR !== 'wrk' && GENERATOR !== 'autocannon') throw new Error(`EXCHANGE_BENCH_GENERATOR must be wrk or autocannon, not ${GENERATOR}`);
if (GENERATOR === 'wrk' && spawnSync('wrk', ['--version']).error !== undefined) throw new Error('EXCHANGE_BENCH_GENERATOR=wrk but wrk is not installed (apt-get install -y wrk)');

if (process.argv[2] === '--load') {
  // Child: the load generator. Keys rotate so that every request asks for a different person.
  const { url, connections, duration, headers, paths } = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as { url: string; connections: number; duration: number; headers: Record<string, string>; paths: string[] };
  const { default: autocannon } = (await import('autocannon' as string)) as { default: (o: object) => Promise<any> };
  let i = 0;
  const r = await autocannon({ url, connections, duration, headers, requests: [{ method: 'GET', setupRequest: (req: object) => ({ ...req, path: paths[i++ % paths.length] }) }] });
  const out: LoadResult = { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, non2xx: r.non2xx, errors: r.errors + r.timeouts };
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const dir = mkdtempSync(join(tmpdir(), 'shutong-bench-exchange-'));
let loads = 0;

/** A load run with the CPU time this (server) process spent per answered request. */
async function measured(run: () => Promise<LoadResult>): Promise<LoadResult & { cpuUs: number; mainUs: number }> {
  const before = process.cpuUsage();
  const mainBefore = threadCpuMs() ?? 0;
  const r = await run();
  const used = process.cpuUsage(before);
  const n = Math.max(1, r.total);
  return { ...r, cpuUs: (used.user + used.system) / n, mainUs: (((threadCpuMs() ?? 0) - mainBefore) * 1000) / n };
}
function load(url: string, connections: number, duration: number, headers: Record<string, string>, paths: string[]): Promise<LoadResult> {
  return GENERATOR === 'wrk' ? loadWithWrk(url, connections, duration, headers, paths) : loadWithAutocannon(url, connections, duration, headers, paths);
}
/**
 * The Lua script, the same for every load of the run: it rotates through the same paths as autocannon,
 * formatted once up front (formatting each request in Lua made wrk itself the limit of the bare route),
 * and prints the summary as JSON last.
 */
function writeWrkScript(headers: Record<string, string>, paths: string[]): string {
  const script = join(dir, 'load.lua');
  const headerLines = Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`).join('\n');
  writeFileSync(script, `${headerLines}
local paths = { ${paths.map((p) => JSON.stringify(p)).join(',')} }
local requests = {}
-- In init, which runs in the thread once wrk knows the host (the Host header).
init = function(args)
  for k, p in ipairs(paths) do requests[k] = wrk.format('GET', p) end
end
local i = 0
request = function()
  i = i + 1
  if i > #requests then i = 1 end
  return requests[i]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\n{"rps":%f,"p50":%f,"p99":%f,"total":%d,"non2xx":%d,"errors":%d}\\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
`);
  return script;
}
let wrkScript: string | undefined;
function loadWithWrk(url: string, connections: number, duration: number, headers: Record<string, string>, paths: string[]): Promise<LoadResult> {
  const script = (wrkScript ??= writeWrkScript(headers, paths));
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '-s', script, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as LoadResult);
      else reject(new Error(`wrk exited ${code}: ${out}`));
    });
  });
}
function loadWithAutocannon(url: string, connections: number, duration: number, headers: Record<string, string>, paths: string[]): Promise<LoadResult> {
  // The plan goes through a file: ten thousand paths do not fit on a command line.
  const plan = join(dir, `load-${loads++}.json`);
  writeFileSync(plan, JSON.stringify({ url, connections, duration, headers, paths }));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--load', plan], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited ${code}`))));
  });
}

const { loadConfig } = await import('../src/config.ts');
const { openDatabase } = await import('../src/db/database.ts');
const { migrateToLatest } = await import('../src/db/migrate.ts');
const { createServices } = await import('../src/main/services.ts');
const { buildApp } = await import('../src/http/app.ts');
const { createMemorySource } = await import('../src/exchange/index.ts');
const { idNumberCheckChar } = await import('../src/standards/index.ts');
const { resourceInput } = await import('../src/catalog/fixtures.ts');
const { threadCpuMs } = await import('../src/shared/thread-cpu.ts');
const { systemClock } = await import('../src/shared/clock.ts');

try {
  note('setting up the county: departments, a published 无条件共享 resource, a grant, an API key…');
  // The server's own default for the audit writer thread (decision 0533) unless AUDIT_WRITER_THREAD says otherwise.
  const config = loadConfig({ DATA_DIR: dir, SHUTONG_DEMO: 'false', LOG_LEVEL: 'warn', HOST: '127.0.0.1', AUDIT_WRITER_THREAD: process.env.AUDIT_WRITER_THREAD });
  note(`audit writer thread: ${config.auditWriterThread ? 'on' : 'off'}; load generator: ${GENERATOR}`);
  const handle = await openDatabase({ engine: 'sqlite', file: join(dir, 'shutong.db') });
  await migrateToLatest(handle);
  const services = createServices({ config, handle, clock: systemClock, passwordCost: { N: 1024, r: 8, p: 1 }, auditWriterThread: config.auditWriterThread });
  const { identity, catalog, exchange } = services;
  for (const [code, name] of [['GAJ', '县公安局'], ['RSJ', '县人社局'], ['SJJ', '县数据局']] as const) await identity.createDepartment({ code, name, level: '县' });
  await identity.createUser({ username: 'admin', displayName: '管理员', password: 'bench-password', departmentCode: 'SJJ', roles: ['platform_admin'] });
  await identity.createUser({ username: 'rsj', displayName: '人社局数据专员', password: 'bench-password', departmentCode: 'RSJ', roles: ['data_officer'] });
  const admin = (await identity.login('admin', 'bench-password', '127.0.0.1')).principal;
  const officer = (await identity.login('rsj', 'bench-password', '127.0.0.1')).principal;
  const { resource } = await catalog.create(resourceInput('GAJ', {
    name: '常住人口基本信息', category: { class: '1', item: '01', catalog: '001' }, summary: '户籍人口的身份信息',
    items: [{ name: '公民身份号码', dataType: 'C', element: '公民身份号码', isKey: true }, { name: '姓名', dataType: 'C', element: '姓名' }, { name: '民族', dataType: 'C', element: '民族' }, { name: '住址', dataType: 'C' }],
    sharing: { type: '无条件共享', method: '接口' },
  }), admin);
  await catalog.submit(resource.code, admin);
  await catalog.review(resource.code, admin, { approve: true });
  await catalog.publish(resource.code, admin);

  // The lookup source is in memory so that the figure is the exchange layer's own cost (no ingest store yet).
  const memory = createMemorySource('bench');
  exchange.sources.register(memory);
  await exchange.bindSource(admin, resource.code, 'bench');
  const people = Array.from({ length: 10_000 }, (_, i) => {
    const body = `330102${1950 + (i % 60)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    return `${body}${idNumberCheckChar(body)}`;
  });
  for (const [i, id] of people.entries()) memory.put(resource.code, id, { 公民身份号码: id, 姓名: `居民${i}`, 民族: '汉族', 住址: `城关镇${i}号` });
  await exchange.grants.subscribe(officer, { resource: resource.code, purpose: '社保待遇资格认证', items: ['公民身份号码', '姓名'] });
  const key = await identity.createApiKey({ departmentCode: 'RSJ', name: '社保业务系统', createdBy: officer.id });
  const headers = { 'x-api-key': key.key };
  const purpose = encodeURIComponent('社保待遇资格认证');
  const paths = people.map((id) => `/api/exchange/resources/${resource.code}/records/${id}?purpose=${purpose}`);

  const app = await buildApp({ config, services, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const sample = await fetch(`${url}${paths[0]}`, { headers });
  const sampleBody = await sample.json() as Record<string, unknown>;
  if (sample.status !== 200 || !sampleBody.found) throw new Error(`setup lookup failed: ${sample.status} ${JSON.stringify(sampleBody)}`);
  note(`sample answer: ${JSON.stringify(sampleBody)}`);

  // Baseline: the same JSON from a bare Fastify route, no hooks, no database. Both servers are up for the
  // whole run and measured alternately, so that a change in machine load hits both alike.
  const bare = Fastify({ logger: false });
  bare.get('/api/exchange/resources/:class/:seq/records/:key', async () => sampleBody);
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;

  note(`machine load average (1 min) at start: ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores`);
  note('warming up both (3 s each)…');
  await load(url, 32, 3, headers, paths);
  await load(bareUrl, 32, 3, headers, paths);
  await new Promise((done) => setTimeout(done, 200));
  const before = (await services.audit.listEntries({ limit: 1 }))[0]?.index ?? -1;
  let answered = 0;
  for (const c of CONNECTIONS) {
    // Short alternating rounds, and the median of each side: this VM's speed drifts by up to 2× over tens of
    // seconds, and a drift then lands on both sides instead of on whichever ran second.
    const apps: Array<Awaited<ReturnType<typeof measured>>> = [];
    const bares: Array<Awaited<ReturnType<typeof measured>>> = [];
    for (let round = 0; round < ROUNDS; round++) {
      // The request thread's event-loop delay says whether a slow p99 comes from the server blocking.
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      const r = await measured(() => load(url, c, DURATION, headers, paths));
      delay.disable();
      note(`app ${c} connections, round ${round + 1}/${ROUNDS}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}, server CPU ${r.cpuUs.toFixed(1)} µs/request (main thread ${r.mainUs.toFixed(1)}), event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`);
      if (r.non2xx > 0 || r.errors > 0) note(`  WARNING: the app answered ${r.non2xx} non-2xx and ${r.errors} errors at ${c} connections`);
      const b = await measured(() => load(bareUrl, c, DURATION, headers, paths));
      note(`bare ${c} connections, round ${round + 1}/${ROUNDS}: ${Math.round(b.rps)} req/s, p50 ${b.p50} ms, p99 ${b.p99} ms, server CPU ${b.cpuUs.toFixed(1)} µs/request`);
      apps.push(r);
      bares.push(b);
      answered += r.total;
    }
    const med = (rs: typeof apps, f: (r: (typeof apps)[number]) => number) => median(rs.map(f));
    // CPU time per request in the server process is what a dedicated core would be limited by; it is far
    // less sensitive than req/s to other work on a shared machine.
    emit({ bench: 'exchange', metric: `server_cpu_us_per_request_c${c}`, value: med(apps, (r) => r.cpuUs), unit: 'µs', baseline: med(bares, (r) => r.cpuUs) });
    // The thread that answers requests is the one that caps throughput; the audit writer thread runs beside it.
    emit({ bench: 'exchange', metric: `main_thread_cpu_us_per_request_c${c}`, value: med(apps, (r) => r.mainUs), unit: 'µs', baseline: med(bares, (r) => r.mainUs) });
    emit({ bench: 'exchange', metric: `lookup_req_per_s_c${c}`, value: med(apps, (r) => r.rps), unit: 'req/s', baseline: med(bares, (r) => r.rps) });
    // The worst round's p99, not the median: the target is a bound.
    emit({ bench: 'exchange', metric: `lookup_p99_ms_c${c}`, value: Math.max(...apps.map((r) => r.p99)), unit: 'ms', baseline: Math.max(...bares.map((r) => r.p99)) });
  }
  await bare.close();
  await app.close();
  await new Promise((done) => setTimeout(done, 200));
  const appended = ((await services.audit.listEntries({ limit: 1 }))[0]?.index ?? -1) - before;
  await services.closeAudit();
  const report = await services.audit.verifyLog();
  note(`audit entries appended during the measured runs: ${appended}; lookups answered: ${answered}; the log verifies: ${report.ok} (${report.entries} entries)`);
  await handle.close();
  emit({ bench: 'exchange', metric: 'audit_entries_per_answer', value: appended / Math.max(1, answered), unit: 'entries/answer', baseline: null });
  emit({ bench: 'exchange', metric: 'machine_load_avg_1m_at_end', value: loadavg()[0]!, unit: 'load', baseline: null });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
