import type { Writable } from 'node:stream';
import type { CalendarService } from '../calendar/index.ts';
import type { CatalogService } from '../catalog/service.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { Principal } from '../identity/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden, invalidInput, notFound } from '../shared/errors.ts';
import { createBatches, isAdmin, type ChangeListener, type SubmitOptions } from './batches.ts';
import { writeErrorReport } from './error-report.ts';
import { mapColumns, type SavedMapping } from './header.ts';
import { createObjections, defaultCanRead, type ObjectionListener } from './objections.ts';
import { createPgWriter } from './pg-writer.ts';
import { ORIGIN_HEADER } from './produce.ts';
import { CYCLE_DAYS, currentQuality, type QualityMetrics } from './quality.ts';
import { createRecords } from './records.ts';
import { warmParseWorker } from './run-producer.ts';
import { checkProfile, parseProfile, type IngestProfile } from './resource-spec.ts';
import { createSqliteWriter } from './sqlite-writer.ts';
import { createIngestStore } from './store.ts';
import { batchReport, quarantineView, type BatchReport } from './views.ts';

/**
 * 数据归集: the ingest service wired over one database. Batches (submit, reports, quarantine, error
 * reports, resubmission), per-department column mappings, per-resource profiles and quality, the
 * record/change-log API that later modules use, and objections.
 *
 * @example
 * const ingest = createIngestService({ handle, catalog, calendar, clock });
 * const report = await ingest.submit('301001/000001', { kind: 'file', path: 'a.csv' }, { actor, source: 'cli', mode: 'snapshot' });
 * ingest.onChanges((n) => console.log(n.resourceCode, n.firstSeq, n.lastSeq));
 */
export interface IngestDeps {
  readonly handle: DatabaseHandle;
  readonly catalog: CatalogService;
  readonly calendar: CalendarService;
  readonly clock: Clock;
  /** Working days a provider has to verify an objection (default 5). */
  readonly objectionWorkingDays?: number | undefined;
  readonly canRead?: ((actor: Principal, view: import('../catalog/model.ts').ResourceView) => boolean | Promise<boolean>) | undefined;
  readonly log?: ((message: string, error?: unknown) => void) | undefined;
}

/** Rows one call of the batch JSON API may carry; larger pushes are split by the caller. */
export const MAX_API_ROWS = 50_000;

export type IngestService = ReturnType<typeof createIngestService>;

export function createIngestService(deps: IngestDeps) {
  const { handle, catalog, calendar, clock } = deps;
  const store = createIngestStore(handle.db);
  const writer = handle.engine === 'sqlite' ? createSqliteWriter(handle) : createPgWriter(handle);
  const changeListeners = new Set<ChangeListener>();
  const objectionListeners = new Set<ObjectionListener>();
  const batches = createBatches({ store, writer, catalog, clock, listeners: changeListeners, log: deps.log });
  const records = createRecords(store);
  const canRead = deps.canRead ?? defaultCanRead;
  const objections = createObjections({
    store, records, batches, catalog, calendar, clock, workingDays: deps.objectionWorkingDays ?? 5, listeners: objectionListeners, canRead,
  });
  const days = (from: string | null | undefined) => (from ? (clock.now().getTime() - Date.parse(from)) / 86_400_000 : null);

  /** A batch the actor may see: the platform, auditors, and the provider department. */
  async function visibleBatch(batchId: string, actor: Principal) {
    const row = await store.batchById(batchId);
    const mayRead = row && (isAdmin(actor) || actor.roles.includes('auditor') || actor.departmentId === row.department_id);
    if (!row || !mayRead) throw notFound(`批次 ${batchId} 不存在 / batch not found`);
    const resource = (await store.resourcesByRid([row.rid]))[0]!;
    return { row, code: resource.resource_code };
  }

  async function ownResource(code: string, actor: Principal) {
    const view = await catalog.get(code, actor);
    if (!isAdmin(actor) && actor.departmentId !== view.provider.departmentId) throw forbidden('只能管理本部门资源的归集设置 / only the provider department manages this');
    const rid = await store.ensureResource(view.id, view.code, clock.now().toISOString());
    return { view, rid };
  }

  return {
    submit: batches.submit,

    /** Starts the thread that parses large files, so that the first large batch does not wait for it. */
    warmUp: (): Promise<void> => warmParseWorker(),

    /** The batch JSON API: `{ mode, records: [{ 姓名: '张三', … }] }` from a department system. */
    async submitRecords(code: string, body: { mode?: 'snapshot' | 'incremental' | undefined; records: readonly unknown[] }, options: Omit<SubmitOptions, 'mode'>): Promise<BatchReport> {
      if (!Array.isArray(body.records) || body.records.length === 0) throw invalidInput('records 不能为空 / records must not be empty', [{ path: '/records', message: 'empty' }]);
      if (body.records.length > MAX_API_ROWS) throw invalidInput(`一次最多 ${MAX_API_ROWS} 条 / at most ${MAX_API_ROWS} records per call`, [{ path: '/records', message: String(body.records.length) }]);
      return batches.submit(code, { kind: 'records', records: body.records }, { ...options, mode: body.mode ?? 'incremental', worker: false });
    },

    async batch(batchId: string, actor: Principal): Promise<BatchReport> {
      const { row, code } = await visibleBatch(batchId, actor);
      return batchReport(row, code);
    },

    async listBatches(code: string, actor: Principal, limit = 50): Promise<BatchReport[]> {
      const view = await catalog.get(code, actor);
      if (!isAdmin(actor) && !actor.roles.includes('auditor') && actor.departmentId !== view.provider.departmentId) throw forbidden('只能查看本部门的报送批次 / only your own department\'s batches');
      const rid = await store.ensureResource(view.id, view.code, clock.now().toISOString());
      return (await store.batchesOf(rid, Math.min(limit, 500))).map((r) => batchReport(r, code));
    },

    async quarantine(batchId: string, actor: Principal, page: { offset?: number | undefined; limit?: number | undefined; status?: string | undefined } = {}) {
      const { row } = await visibleBatch(batchId, actor);
      const rows = await store.quarantine(Number(row.no), page.offset ?? 0, Math.min(page.limit ?? 100, 1000), page.status);
      return { batchId, counts: await store.quarantineCounts(Number(row.no)), rows: rows.map(quarantineView) };
    },

    async warnings(batchId: string, actor: Principal, limit = 1000) {
      const { row } = await visibleBatch(batchId, actor);
      return (await store.warnings(Number(row.no), Math.min(limit, 100_000))).map((w) => ({ rowNo: Number(w.row_no), item: w.item, raw: w.raw, reason: w.reason, recordKey: w.record_key }));
    },

    /** Streams the Excel error report of a batch to `out`. */
    async errorReport(batchId: string, actor: Principal, out: Writable): Promise<void> {
      const { row, code } = await visibleBatch(batchId, actor);
      const report = batchReport(row, code);
      const no = Number(row.no);
      async function* pages() {
        for (let offset = 0; ; offset += 1000) {
          const page = await store.quarantine(no, offset, 1000);
          if (page.length === 0) return;
          yield page.map(quarantineView);
        }
      }
      const warnings = (await store.warnings(no, 50_000)).map((w) => ({ rowNo: Number(w.row_no), item: w.item, raw: w.raw, reason: w.reason }));
      await writeErrorReport(out, {
        title: `${code} 报送批次 ${row.id} 错误报告 / error report`,
        summary: [['文件 / file', row.file_name ?? ''], ['读取行数 / rows read', report.rowsRead], ['接收 / accepted', report.accepted], ['隔离 / quarantined', report.quarantined], ['警告 / warnings', report.warnings]],
        header: report.header,
        rows: pages(),
        warnings,
      });
    },

    /** Corrected quarantine rows as JSON: `[{ rowNo, values: { header: value } }]`, applied as an incremental batch. */
    async resubmit(batchId: string, rows: ReadonlyArray<{ rowNo: number; values: Readonly<Record<string, string>> }>, actor: Principal): Promise<BatchReport> {
      const { code } = await visibleBatch(batchId, actor);
      if (rows.length === 0) throw invalidInput('没有要重新提交的行 / no rows', [{ path: '/rows', message: 'empty' }]);
      const records = rows.map((r) => ({ ...r.values, [ORIGIN_HEADER]: String(r.rowNo) }));
      return batches.submit(code, { kind: 'records', records }, { actor, source: 'resubmit', mode: 'incremental', correctsBatchId: batchId, worker: false });
    },

    async getMapping(code: string, actor: Principal) {
      const { view, rid } = await ownResource(code, actor);
      const saved = await batches.savedMapping(view.provider.departmentId, rid);
      const last = await store.lastApplied(rid);
      const header = last ? batchReport(last, code).header : [];
      const spec = await batches.specFor(view, rid);
      const effective = header.length > 0 ? mapColumns(header, spec, saved) : undefined;
      return {
        resourceCode: code, departmentCode: view.provider.departmentCode, saved,
        items: spec.items.map((i) => ({ name: i.name, element: i.element?.name ?? null, required: i.required, isKey: i.isKey, synonyms: i.element?.synonyms ?? [] })),
        lastHeader: header, effective: effective?.byHeader ?? {},
      };
    },

    async putMapping(code: string, mapping: SavedMapping, actor: Principal) {
      const { view, rid } = await ownResource(code, actor);
      const names = new Set(view.items.map((i) => i.name));
      // JSON null arrives as '' once the schema coerces types: both mean "ignore this column".
      mapping = Object.fromEntries(Object.entries(mapping).map(([h, item]) => [h, item === '' ? null : item]));
      const bad = Object.entries(mapping).filter(([, item]) => item !== null && !names.has(item));
      if (bad.length > 0) throw invalidInput('列映射指向不存在的信息项 / the mapping names unknown items', bad.map(([h, item]) => ({ path: `/mapping/${h}`, message: `${item} 不存在 / unknown` })));
      await store.saveMapping(view.provider.departmentId, rid, JSON.stringify(mapping), actor.id, clock.now().toISOString());
      return { resourceCode: code, saved: mapping };
    },

    async getProfile(code: string, actor: Principal): Promise<IngestProfile> {
      const { rid } = await ownResource(code, actor);
      return checkProfile(parseProfile((await store.resourcesByRid([rid]))[0]?.profile ?? '{}'), await catalog.get(code, actor));
    },

    async putProfile(code: string, profile: IngestProfile, actor: Principal): Promise<IngestProfile> {
      const { view, rid } = await ownResource(code, actor);
      const checked = checkProfile(profile, view);
      await store.setProfile(rid, JSON.stringify(checked));
      return checked;
    },

    /** Quality now (timeliness measured to today) and its history, newest first. */
    async quality(code: string, actor: Principal) {
      const view = await catalog.get(code, actor);
      const rid = await store.ensureResource(view.id, view.code, clock.now().toISOString());
      const history = await store.qualityHistory(rid, 200);
      const lastBatch = await store.lastApplied(rid);
      const cycle = CYCLE_DAYS[view.updateCycle] ?? null;
      const latest = history[0] ? (JSON.parse(history[0].metrics) as QualityMetrics) : undefined;
      return {
        resourceCode: code,
        updateCycle: view.updateCycle,
        lastDeliveryAt: lastBatch?.started_at ?? null,
        current: currentQuality(latest, cycle, days(lastBatch?.started_at)),
        history: history.map((h) => ({ at: h.at, score: h.score, batchNo: h.batch_no === null ? null : Number(h.batch_no) })),
      };
    },

    /** Published resources whose last delivery is older than their 更新周期 (or that never delivered). */
    async overdueResources() {
      const published = await catalog.published();
      const out: Array<{ resourceCode: string; name: string; departmentCode: string; updateCycle: string; lastDeliveryAt: string | null; daysSince: number | null }> = [];
      for (const view of published) {
        const cycle = CYCLE_DAYS[view.updateCycle];
        if (cycle === undefined) continue;
        const row = await store.resourceByCode(view.code);
        const last = row ? await store.lastApplied(row.rid) : undefined;
        const since = days(last?.started_at);
        if (since === null || since > cycle) out.push({ resourceCode: view.code, name: view.name, departmentCode: view.provider.departmentCode, updateCycle: view.updateCycle, lastDeliveryAt: last?.started_at ?? null, daysSince: since === null ? null : Math.floor(since) });
      }
      return out;
    },

    /** A record for a person or system, after checking that they may read the resource. */
    async readRecord(code: string, key: string, actor: Principal) {
      const view = await catalog.get(code, actor);
      if (!(await canRead(actor, view))) throw forbidden('无权读取该资源的数据 / you may not read this resource');
      const record = await records.getRecord(code, key);
      if (!record) throw notFound(`记录 ${key} 不存在 / record not found`);
      return { ...record, history: await records.recordHistory(code, key) };
    },

    getRecord: records.getRecord,
    findRecords: records.findRecords,
    recordHistory: records.recordHistory,
    changesSince: records.changesSince,
    latestChangeSeq: records.latestChangeSeq,
    /** Called after each batch commits with the change-log range it wrote; returns an unsubscribe function. */
    onChanges(listener: ChangeListener): () => void {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },

    objections,
    /** Called when an objection is raised (the provider's notification); returns an unsubscribe function. */
    onObjection(listener: ObjectionListener): () => void {
      objectionListeners.add(listener);
      return () => objectionListeners.delete(listener);
    },
  };
}
