import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { CatalogService } from '../catalog/service.ts';
import type { ResourceView } from '../catalog/model.ts';
import type { Principal } from '../identity/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, conflict, forbidden, invalidInput, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { threadCpuMs } from '../shared/thread-cpu.ts';
import type { SavedMapping } from './header.ts';
import type { PrepareStats } from './prepare.ts';
import type { StartInfo } from './produce.ts';
import { CYCLE_DAYS, qualityOf } from './quality.ts';
import { customSpecs, parseProfile, specOf, type IngestProfile } from './resource-spec.ts';
import { runProducer } from './run-producer.ts';
import { CONTENT_HASH, type SourceInput } from './source.ts';
import type { IngestStore } from './store.ts';
import { batchReport, type BatchReport, type StoredReport } from './views.ts';
import type { BodyOutcome, RecordWriter, SortedKeys } from './writer.ts';

/**
 * Submitting data for a published catalog resource: the batch engine behind the HTTP upload, the
 * JSON API, the CLI and the demo loader. A submission is read (worker or in-thread), validated,
 * written in one transaction, scored, and announced to change listeners after it commits.
 *
 * @example
 * const report = await batches.submit('101001/000001', { kind: 'file', path: 'hukou.csv' }, { actor, source: 'cli' });
 */
export interface SubmitOptions {
  readonly actor: Principal;
  readonly source: 'file' | 'api' | 'cli' | 'resubmit' | 'objection' | 'demo';
  readonly mode?: 'snapshot' | 'incremental' | undefined;
  readonly fileName?: string | undefined;
  /** CLI --department: the submitting department, which must be the provider. */
  readonly departmentCode?: string | undefined;
  readonly correctsBatchId?: string | undefined;
  /** Force (true) or forbid (false) the parse worker; by default large files use it. */
  readonly worker?: boolean | undefined;
  readonly skipDuplicateCheck?: boolean | undefined;
  readonly onProgress?: ((rowsRead: number) => void) | undefined;
  /** CPU milliseconds the batch cost the reading thread and the calling (writing) thread, where the platform tells. */
  readonly onCpu?: ((cpu: { readMs: number | undefined; writeMs: number | undefined }) => void) | undefined;
}

export interface ChangeNotice {
  readonly batchId: string;
  readonly resourceCode: string;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
}

export type ChangeListener = (notice: ChangeNotice) => void | Promise<void>;

/** Files at least this large are parsed in a worker thread. */
export const WORKER_THRESHOLD_BYTES = 8 * 1024 * 1024;

export interface BatchDeps {
  readonly store: IngestStore;
  readonly writer: RecordWriter;
  readonly catalog: CatalogService;
  readonly clock: Clock;
  readonly listeners: Set<ChangeListener>;
  readonly log?: ((message: string, error?: unknown) => void) | undefined;
}

export const isAdmin = (actor: Principal) => actor.roles.includes('platform_admin');

async function fileHash(path: string): Promise<string> {
  const hash = createHash(CONTENT_HASH);
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch (error) {
    throw invalidInput(`无法读取文件：${(error as NodeJS.ErrnoException).code ?? (error as Error).message} / cannot read the file`, [{ path: '/file', message: 'unreadable' }]);
  }
  return hash.digest('hex');
}

export function createBatches(deps: BatchDeps) {
  const { store, writer, catalog, clock, listeners } = deps;
  const nowIso = () => clock.now().toISOString();

  async function publishedResource(code: string, actor: Principal): Promise<ResourceView> {
    const view = await catalog.get(code, actor);
    if (view.status !== 'published') throw conflict(`信息资源 ${code} 尚未发布，不能归集数据 / resource ${code} is not published`);
    return view;
  }

  function assertProvider(actor: Principal, view: ResourceView) {
    if (!isAdmin(actor) && actor.departmentId !== view.provider.departmentId) {
      throw forbidden(`只有提供方 ${view.provider.departmentName} 可以报送该资源的数据 / only the provider department submits data for this resource`);
    }
  }

  async function specFor(view: ResourceView, rid: number) {
    const row = (await store.resourcesByRid([rid]))[0];
    const profile: IngestProfile = parseProfile(row?.profile ?? '{}');
    return specOf(view, profile, customSpecs(await store.customElements()));
  }

  async function savedMapping(departmentId: string, rid: number): Promise<SavedMapping> {
    const row = await store.mapping(departmentId, rid);
    return row ? (JSON.parse(row.mapping) as SavedMapping) : {};
  }

  async function wantsWorker(input: SourceInput, forced: boolean | undefined): Promise<boolean> {
    if (forced !== undefined) return forced;
    if (input.kind === 'buffer') return input.buffer.length >= WORKER_THRESHOLD_BYTES;
    if (input.kind === 'file') return (await stat(input.path).catch(() => ({ size: 0 }))).size >= WORKER_THRESHOLD_BYTES;
    return false;
  }

  async function notify(notice: ChangeNotice) {
    for (const listener of listeners) {
      try {
        await listener(notice);
      } catch (error) {
        deps.log?.('change listener failed', error);
      }
    }
  }

  async function submit(code: string, input: SourceInput, options: SubmitOptions): Promise<BatchReport> {
    const { actor } = options;
    const view = await publishedResource(code, actor);
    assertProvider(actor, view);
    if (options.departmentCode && options.departmentCode !== view.provider.departmentCode) {
      throw invalidInput(`部门 ${options.departmentCode} 不是该资源的提供方（${view.provider.departmentName}）/ not the provider department`, [{ path: '/department', message: options.departmentCode }]);
    }
    const mode = options.mode ?? 'incremental';
    const rid = await store.ensureResource(view.id, view.code, nowIso());
    const corrected = options.correctsBatchId ? await store.batchById(options.correctsBatchId) : undefined;
    if (options.correctsBatchId && (!corrected || corrected.rid !== rid)) throw notFound(`批次 ${options.correctsBatchId} 不存在 / batch not found`);
    const spec = await specFor(view, rid);
    const saved = await savedMapping(view.provider.departmentId, rid);
    const previous = await store.lastApplied(rid);
    const useWorker = await wantsWorker(input, options.worker);
    const at = nowIso();
    const header = {
      id: newId(), rid, departmentId: view.provider.departmentId, submittedBy: actor.id, submittedByName: actor.name, source: options.source,
      fileName: options.fileName ?? (input.kind === 'file' ? input.path.split(/[\\/]/).pop() ?? null : null), mode, correctsBatchNo: corrected ? Number(corrected.no) : null, at,
      items: spec.items.map((i) => i.name),
    } as const;
    let info: StartInfo | undefined;
    let stats: PrepareStats | undefined;
    let blankRows = 0;
    let readCpuMs: number | undefined;
    const cpuAtStart = threadCpuMs();

    const body = async (sink: Parameters<Parameters<RecordWriter['applyBatch']>[1]>[0]): Promise<BodyOutcome> => {
      // A file already applied is given up as soon as its hash, taken while the reader works, shows
      // it; the hash of what was read is checked again at the end.
      let repeated: { id: string; no: number } | undefined;
      if (input.kind === 'file' && !options.skipDuplicateCheck) {
        fileHash(input.path).then(async (h) => (repeated = await sink.appliedWithHash(h, mode))).catch(() => {});
      }
      const run = runProducer(input, spec, saved, { worker: useWorker, sortKeys: sink.wantsSortedKeys });
      let hash = '';
      let sortedKeys: SortedKeys | undefined;
      try {
        for await (const msg of run.messages) {
          if (repeated) return { duplicateOf: repeated };
          if (msg.type === 'start') info = msg.info;
          else if (msg.type === 'chunk') {
            await sink.write(msg.chunk);
            options.onProgress?.(msg.rowsRead);
          } else {
            info = msg.info;
            stats = msg.stats;
            hash = msg.hash;
            blankRows = msg.blankRows;
            sortedKeys = msg.sortedKeys;
            readCpuMs = msg.cpuMs;
          }
        }
      } finally {
        await run.close();
      }
      if (!stats || !info) throw new Error('producer ended without a summary');
      const dup = options.skipDuplicateCheck ? undefined : await sink.appliedWithHash(hash, mode);
      if (dup) return { duplicateOf: dup };
      return { contentHash: hash, format: info.format, encoding: info.encoding, rowsRead: stats.rowsRead, accepted: stats.accepted, quarantined: stats.quarantined, warnings: stats.warnings, sortedKeys };
    };

    const cycleDays = CYCLE_DAYS[view.updateCycle] ?? null;
    const daysSincePrevious = previous ? (Date.parse(at) - Date.parse(previous.started_at)) / 86_400_000 : null;
    const elementOf = new Map(view.items.map((i) => [i.name, i.element?.name ?? null]));
    let result;
    try {
      result = await writer.applyBatch(header, body, ({ counts }) => {
        const quality = qualityOf(stats!, counts, { cycleDays, daysSincePrevious }, (item) => elementOf.get(item) ?? null);
        const report: StoredReport = {
          header: info!.header, headerRowNo: info!.headerRowNo, mapping: info!.mapping, unmappedHeaders: [...info!.unmappedHeaders], unmappedItems: [...info!.unmappedItems],
          blankRows, problems: stats!.problems, quality, correctsBatchId: corrected?.id ?? null,
        };
        // A correction is not a delivery: it neither dates the resource nor enters its quality history.
        return { report: JSON.stringify(report), score: quality.score, metrics: options.source === 'objection' ? null : JSON.stringify(quality) };
      });
    } catch (error) {
      await recordFailure(header, error);
      throw error;
    }
    const cpuAtEnd = threadCpuMs();
    options.onCpu?.({ readMs: readCpuMs, writeMs: cpuAtEnd === undefined || cpuAtStart === undefined ? undefined : cpuAtEnd - cpuAtStart });
    if (result.kind === 'duplicate') {
      const original = (await store.batchById(result.duplicateOf.id))!;
      return batchReport(original, code, original.id);
    }
    const row = (await store.batchByNo(result.batchNo))!;
    if (result.counts.firstSeq !== null) {
      await notify({ batchId: row.id, resourceCode: code, firstSeq: result.counts.firstSeq, lastSeq: result.counts.lastSeq!, inserted: result.counts.inserted, updated: result.counts.updated, deleted: result.counts.deleted });
    }
    return batchReport(row, code);
  }

  async function recordFailure(header: { id: string; rid: number; departmentId: string | null; submittedBy: string; submittedByName: string; source: string; fileName: string | null; mode: string; correctsBatchNo: number | null; at: string }, error: unknown) {
    const message = error instanceof AppError ? error.message : `内部错误 / internal error: ${(error as Error)?.message ?? String(error)}`;
    await store.insertFailedBatch({
      id: header.id, rid: header.rid, department_id: header.departmentId, submitted_by: header.submittedBy, submitted_by_name: header.submittedByName,
      source: header.source, file_name: header.fileName, format: '', encoding: null, content_hash: '', mode: header.mode, status: 'failed',
      corrects_batch_no: header.correctsBatchNo, rows_read: 0, accepted: 0, quarantined: 0, inserted: 0, updated: 0, deleted: 0, unchanged: 0, duplicates: 0, warnings: 0,
      first_seq: null, last_seq: null, started_at: header.at, finished_at: nowIso(), report: '{}', error: message.slice(0, 2000),
    }).catch((e: unknown) => deps.log?.('could not record a failed batch', e));
  }

  return { submit, publishedResource, assertProvider, specFor, savedMapping };
}

export type Batches = ReturnType<typeof createBatches>;
