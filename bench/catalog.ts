// Catalog search on 10,000 resources: the in-memory bigram index against the baseline of a plain
// SQL LIKE scan over names and summaries of the same rows in the same SQLite database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { newId } from '../src/shared/ids.ts';
import { testKit } from '../src/main/testing.ts';
import { emit, note } from './lib/report.ts';

const RESOURCES = 10_000;
const WORDS = ['人口', '户籍', '低保', '特困', '高龄', '津贴', '医保', '慢病', '随访', '企业', '登记', '不动产', '房屋', '残疾', '网格', '台账', '社保', '就业', '救助', '教育', '学籍', '婚姻', '殡葬', '养老', '优抚'];
const QUERIES = ['低保', '高龄 津贴', '不动产', '慢病 随访', '网格 台账', '养老', '户籍 人口', '残疾'];

const dir = mkdtempSync(join(tmpdir(), 'shutong-bench-catalog-'));
const handle = await openDatabase({ engine: 'sqlite', file: join(dir, 'bench.db') });
await migrateToLatest(handle);
const t = testKit(handle);
const dept = await t.newDepartment({ name: '县民政局' });
const admin = await t.newUser(['platform_admin']);
note(`inserting ${RESOURCES} resources…`);
const now = new Date().toISOString();
const pick = (i: number, k: number) => WORDS[(i * 7 + k * 13) % WORDS.length]!;
await handle.db.transaction().execute(async (trx) => {
  for (let i = 0; i < RESOURCES; i += 500) {
    const rows = [];
    const items = [];
    for (let j = i; j < Math.min(i + 500, RESOURCES); j++) {
      const id = newId();
      rows.push({
        id, code: `301${String(1 + (j % 999)).padStart(3, '0')}/${String(j + 1).padStart(6, '0')}`, name: `${pick(j, 0)}${pick(j, 1)}信息${j}`, class_code: '3', item_code: '01', catalog_code: String(1 + (j % 999)).padStart(3, '0'), detail_code: null,
        provider_department_id: dept.id, provider_code: dept.code, summary: `本资源记录${pick(j, 2)}与${pick(j, 3)}相关的业务数据，按${pick(j, 4)}口径统计。`, format: '电子表格',
        sharing_type: '无条件共享', sharing_condition: null, sharing_basis: null, sharing_method: '接口', open_flag: 0, open_condition: null, update_cycle: '每月', related_codes: '[]',
        status: 'published', version: 1, published_at: now, created_by: admin.principal.id, created_at: now, updated_at: now,
      });
      for (let k = 0; k < 6; k++) items.push({ id: newId(), resource_id: id, position: k, name: `${pick(j, k + 5)}字段${k}`, data_type: 'C', element_code: null, length: null, is_key: 0, authoritative: 0 });
    }
    await trx.insertInto('catalog_resources').values(rows).execute();
    await trx.insertInto('catalog_items').values(items).execute();
  }
});

const { catalog } = t.services;
let start = performance.now();
await catalog.searchIndex();
emit({ bench: 'catalog', metric: 'index_build_ms_10k', value: performance.now() - start, unit: 'ms', baseline: null });

const rounds = 20;
const latencies: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const q of QUERIES) {
    const s = performance.now();
    const result = await catalog.search({ q, limit: 20 }, admin.principal);
    latencies.push(performance.now() - s);
    if (r === 0 && result.total === 0) throw new Error(`no hits for ${q}`);
  }
}
latencies.sort((a, b) => a - b);
const median = latencies[Math.floor(latencies.length / 2)]!;

const baseline: number[] = [];
const stmt = handle.sqlite!.prepare("select id from catalog_resources where name like ? or summary like ? order by code limit 20");
for (let r = 0; r < rounds; r++) {
  for (const q of QUERIES) {
    const s = performance.now();
    stmt.all(`%${q}%`, `%${q}%`);
    baseline.push(performance.now() - s);
  }
}
baseline.sort((a, b) => a - b);
emit({ bench: 'catalog', metric: 'search_median_ms_10k', value: median, unit: 'ms', baseline: baseline[Math.floor(baseline.length / 2)]! });
emit({ bench: 'catalog', metric: 'search_p99_ms_10k', value: latencies[Math.floor(latencies.length * 0.99)]!, unit: 'ms', baseline: baseline[Math.floor(baseline.length * 0.99)]! });
await handle.close();
rmSync(dir, { recursive: true, force: true });
