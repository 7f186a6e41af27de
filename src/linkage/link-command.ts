/**
 * The body of `shutong link` (loaded lazily by cli.ts): parse options, read files, run the
 * pipeline, write pairs and clusters, report per-rule candidate counts and the model on stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CliError } from '../main/cli-support.ts';
import { AppError } from '../shared/errors.ts';
import { parseFieldSpecs } from './kinds.ts';
import { createStore } from './encode/store.ts';
import { assertReadableFile, fileHasCjk } from './table-io.ts';
import { readTables } from './read-tables.ts';
import { linkStore } from './pipeline.ts';
import { LineWriter, formatCsvField } from './csv.ts';
import { loadChineseTools } from './chinese/tools.ts';
import type { LinkageParams } from './train.ts';

/** `log` receives the progress and report lines (stderr by default). */
export async function runLinkCommand(opts: Record<string, string | undefined>, log: (line: string) => void = note): Promise<void> {
  try {
    await run(opts, log);
  } catch (error) {
    if (error instanceof AppError) throw new CliError(error.message);
    throw error;
  }
}

async function run(opts: Record<string, string | undefined>, note: (line: string) => void): Promise<void> {
  const started = performance.now();
  const fields = parseFieldSpecs(opts.fields ?? '');
  const delimiter = (opts.delimiter ?? ',').replace(/\\t/g, '\t');
  if (delimiter === '') throw new CliError('分隔符不能为空 / --delimiter must not be empty');
  const threads = opts.threads === undefined ? undefined : Number(opts.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new CliError(`--threads 须为正整数 / --threads must be a positive integer, got "${opts.threads}"`);
  const threshold = Number(opts.threshold ?? '0.5');
  if (!(threshold > 0 && threshold < 1)) throw new CliError(`--threshold 须在 0 与 1 之间 / --threshold must be between 0 and 1 (exclusive), got "${opts.threshold}"`);
  const idColumn = opts.id!;
  const leftPath = opts.left!;
  const rightPath = opts.right;
  assertReadableFile(leftPath, '左侧');
  if (rightPath !== undefined) assertReadableFile(rightPath, '右侧');
  const params = opts.model === undefined ? undefined : readModel(opts.model);
  // Opened now so that an unwritable path fails before the work, not after it.
  const pairs = openOut(opts.out!);
  const clusterOut = opts.clusters === undefined ? undefined : openOut(opts.clusters);

  const needsChinese = fileHasCjk(leftPath) || (rightPath !== undefined && fileHasCjk(rightPath));
  const store = createStore(fields, { chinese: needsChinese ? await loadChineseTools() : undefined });
  const onProgress = (rows: number) => note(`读取 reading: ${rows}`);
  const onThreads = (report: readonly { readonly columns: readonly string[]; readonly ms?: number }[]) => {
    if (report.length < 2) return;
    note(`读取线程 read threads: ${report.map((t, k) => `${k === 0 ? 'main' : `helper ${k}`} [${t.columns.join(', ')}]${t.ms === undefined ? '' : ` ${Math.round(t.ms)} ms`}`).join('; ')}`);
  };
  const [left, right] = await readTables(store, rightPath === undefined ? [leftPath] : [leftPath, rightPath], { delimiter, idColumn, onProgress, threads, onThreads });
  const leftSize = right === undefined ? undefined : left!.rows;
  const readMs = performance.now() - started;
  note(`读取 read ${left!.rows}${right ? ` + ${right.rows}` : ''} 条记录 / records${needsChinese ? '（含中文 / Chinese text found）' : ''}`);
  for (const r of [left, right]) if (r && r.shortRows > 0) note(`  ${r.shortRows} 行字段少于表头，缺失按空值处理 / rows shorter than the header, missing values taken as empty`);

  const out = linkStore(store, { leftSize, threshold, params, onStage: (s, d) => note(`${s}: ${d}`) });
  for (const s of out.candidates.stats) {
    note(`  规则 rule ${s.rule}: +${s.pairs} 新对 new pairs (${s.generated} in blocks)${s.oversizedBlocks ? `, ${s.oversizedBlocks} 超大块跳过 oversized blocks skipped` : ''}${s.skipped ? `, 跳过 skipped: ${s.skipped}` : ''}`);
  }

  // Each id quoted (where needed) once, not once per line it appears on.
  const ids = store.recordIds.map((id) => formatCsvField(id));
  pairs.line('left_id,right_id,match_probability');
  const { left: pl, right: pr, probability, count } = out.pairs;
  for (let p = 0; p < count; p++) pairs.line(`${ids[pl[p]!]!},${ids[pr[p]!]!},${roundP(probability[p]!)}`);
  pairs.close();

  if (clusterOut !== undefined) {
    const w = clusterOut;
    const { clusterOf, memberStart, memberList, confidence, clusterCount } = out.clustering;
    w.line(`record_id,cluster_id,cluster_confidence${leftSize === undefined ? '' : ',source'}`);
    const tail = Array.from({ length: clusterCount }, (_, c) => `${ids[memberList[memberStart[c]!]!]!},${roundP(confidence[c]!)}`);
    for (let i = 0; i < store.size; i++) {
      const side = leftSize === undefined ? '' : i < leftSize ? ',left' : ',right';
      w.line(`${ids[i]!},${tail[clusterOf[i]!]!}${side}`);
    }
    w.close();
  }
  if (opts.saveModel !== undefined) writeFileSync(opts.saveModel, `${JSON.stringify(out.params, null, 2)}\n`);
  if (opts.explain !== undefined) note(explain(opts.explain, store.recordIds, out.scorer.explain));

  const { memberStart, clusterCount } = out.clustering;
  let multi = 0;
  for (let c = 0; c < clusterCount; c++) if (memberStart[c + 1]! - memberStart[c]! > 1) multi++;
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const stages = Object.entries({ read: readMs, ...out.timings }).map(([k, v]) => `${k} ${Math.round(v)}`);
  note(`阶段 stages (ms): ${stages.join(', ')}`);
  const cpu = process.cpuUsage();
  note(`输出 wrote ${count} 对 pairs ≥ ${threshold}; ${multi} 个多记录簇 multi-record clusters; ${Math.round(performance.now() - started)} ms; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; 峰值内存 peak RSS ${peakMb} MB`);
}

function explain(spec: string, ids: readonly string[], explainPair: (i: number, j: number) => unknown): string {
  const [a, b] = spec.split(',').map((s) => s.trim());
  const i = ids.indexOf(a ?? '');
  const j = ids.indexOf(b ?? '');
  if (i < 0 || j < 0) throw new CliError(`--explain 的记录不存在 / record not found for --explain: ${i < 0 ? a : b}`);
  return JSON.stringify(explainPair(i, j), null, 2);
}

function readModel(path: string): LinkageParams {
  try {
    const params = JSON.parse(readFileSync(path, 'utf8')) as LinkageParams;
    if (params.version !== 1 || !Array.isArray(params.comparisons)) throw new Error('version');
    return params;
  } catch (error) {
    throw new CliError(`无法读取模型文件 / cannot read model file ${path}: ${(error as Error).message}`);
  }
}

function openOut(path: string): LineWriter {
  try {
    return new LineWriter(path);
  } catch (error) {
    throw new CliError(`无法写入输出文件 / cannot write output file ${path}: ${(error as Error).message}`);
  }
}

function roundP(p: number): string {
  return p >= 0.999999 ? '1' : p.toFixed(6);
}

function note(s: string): void {
  process.stderr.write(`${s}\n`);
}
