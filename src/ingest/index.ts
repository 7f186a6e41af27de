/**
 * 数据归集 (ingest): department data in, validated, normalised, versioned, with a change log.
 * Later modules read records and follow changes through this surface only.
 *
 * @example
 * const rec = await services.ingest.getRecord('101001/000001', '11010519491231002X');
 * const hits = await services.ingest.findRecords('101001/000001', '姓名', '张三');
 * let seq = 0;
 * for (const change of await services.ingest.changesSince(seq, 1000, ['101001/000001'])) seq = change.seq;
 * services.ingest.onChanges(async (n) => sync(n.resourceCode, n.firstSeq, n.lastSeq));
 *
 * The demo loader is imported on its own (it pulls in the generator):
 * `const { loadDemoData } = await import('../ingest/demo-load.ts')`.
 */
export { createIngestService, MAX_API_ROWS, type IngestService, type IngestDeps } from './service.ts';
export type { ChangeListener, ChangeNotice, SubmitOptions } from './batches.ts';
export type { IngestRecord, ChangeEntry } from './records.ts';
export type { BatchReport, ObjectionView, QuarantineView } from './views.ts';
export type { QualityMetrics } from './quality.ts';
export type { IngestProfile } from './resource-spec.ts';
export { neutralise } from './formula-guard.ts';
export { ingestRoutes } from './routes.ts';
