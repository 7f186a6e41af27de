// Base registries (人口库/法人库/房屋库) on a generated demo county: pairwise precision / recall /
// F1 of the person registry against the generator's truth — overall, per department pair, and for
// pairs touching a record whose ID number is missing or mistyped — plus businesses and houses,
// how well the planted contradictions are found, and the time of each stage.
//
// Input: every department file at the default noise rates, read straight from the files (rows that
// aggregation would quarantine are kept, so this is harder than the registry's real input). One
// department (残联, clj-disability) is held back and linked afterwards as an incremental batch.
//
// Baseline, measured in this run on the same mentions: deterministic matching on the ID number as
// written (trimmed, upper-cased) — what departments do today; records without one stay alone.
// REGISTRY_BENCH_PERSONS sets the county size (default 100 000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, note, peakRssMb } from './lib/report.ts';
import { generateDemoCounty } from '../src/demo/index.ts';
import { loadDemoSource } from '../src/registry/testing/demo-source.ts';
import { pairwiseMetrics, type Metrics } from '../src/registry/testing/evaluate.ts';
import { linkDemo } from '../src/registry/testing/run-demo.ts';
import type { MentionRecord } from '../src/registry/records.ts';

const BENCH = 'registry';
const FIELD_OF: Readonly<Record<string, string>> = {
  phone_conflict: 'phone', addr_conflict: 'address', name_homophone: 'name', name_lookalike: 'name', id_digit_typo: 'id_number', id_transpose: 'id_number', stale_dead: 'status',
};
const PERSONS = Number(process.env.REGISTRY_BENCH_PERSONS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'bench-registry-'));

try {
  let t = performance.now();
  note(`generating a demo county of ${PERSONS} persons …`);
  await generateDemoCounty({ persons: PERSONS, seed: 'bench-registry', out: dir });
  note(`  ${Math.round(performance.now() - t)} ms`);
  t = performance.now();
  const src = await loadDemoSource(dir);
  const readMs = performance.now() - t;
  note(`read ${src.records.length} rows in ${Math.round(readMs)} ms`);
  const run = await linkDemo(src, { later: ['clj-disability'], onStage: (s, ms) => note(`  ${s}: ${Math.round(ms)} ms`) });

  const persons = run.mentions.person;
  const dept = new Map(persons.map((m) => [m.ref, m.departmentCode]));
  const idOnly = baselineEntities(persons);
  const ours = pairwiseMetrics(persons.map((m) => m.ref), (r) => run.engines.person.entityOf(r), (r) => src.truth.get(r), (r) => dept.get(r)!, src.badId);
  const base = pairwiseMetrics(persons.map((m) => m.ref), (r) => idOnly.get(r), (r) => src.truth.get(r), (r) => dept.get(r)!, src.badId);
  const report = (prefix: string, m: Metrics['overall'], b: Metrics['overall']) => {
    emit({ bench: BENCH, metric: `${prefix}_precision`, value: m.precision, unit: 'ratio', baseline: b.precision });
    emit({ bench: BENCH, metric: `${prefix}_recall`, value: m.recall, unit: 'ratio', baseline: b.recall });
    emit({ bench: BENCH, metric: `${prefix}_f1`, value: m.f1, unit: 'ratio', baseline: b.f1 });
  };
  report('person', ours.overall, base.overall);
  report('person_bad_id', ours.subset, base.subset);
  for (const [pair, m] of ours.byDepartmentPair) report(`person_pair_${pair}`, m, base.byDepartmentPair.get(pair) ?? { tp: 0, fp: 0, fn: 0, precision: 1, recall: 0, f1: 0 });
  note(`person pairs: tp ${ours.overall.tp} fp ${ours.overall.fp} fn ${ours.overall.fn}; bad-ID subset tp ${ours.subset.tp} fp ${ours.subset.fp} fn ${ours.subset.fn}`);

  const truePersons = new Set(persons.map((m) => src.truth.get(m.ref))).size;
  const entities = new Set(persons.map((m) => run.engines.person.entityOf(m.ref))).size;
  emit({ bench: BENCH, metric: 'person_entities_per_true_person', value: entities / truePersons, unit: 'ratio', baseline: new Set(persons.map((m) => idOnly.get(m.ref))).size / truePersons });

  for (const kind of ['business', 'house'] as const) {
    const ms = run.mentions[kind];
    const anchor = kind === 'business' ? 'credit_code' : 'unit_no';
    const naive = new Map(ms.map((m) => [m.ref, m.values[anchor]?.trim().toUpperCase() ? `k:${m.values[anchor]!.trim().toUpperCase()}` : `r:${m.ref}`]));
    const k = pairwiseMetrics(ms.map((m) => m.ref), (r) => run.engines[kind].entityOf(r), (r) => src.truth.get(r), () => kind);
    const kb = pairwiseMetrics(ms.map((m) => m.ref), (r) => naive.get(r), (r) => src.truth.get(r), () => kind);
    report(kind, k.overall, kb.overall);
  }

  // Incremental: the held-back department linked against the existing entities.
  if (run.incremental) {
    emit({ bench: BENCH, metric: 'incremental_ms_per_record', value: run.incremental.ms / run.incremental.mentions, unit: 'ms', baseline: null });
    emit({ bench: BENCH, metric: 'incremental_moved_existing', value: run.incremental.moved, unit: 'mentions', baseline: null });
  }

  // Planted contradictions found (a discrepancy that asks the department holding the planted value).
  const planted = plantedFound(run, src.noise);
  for (const [kind, [n, hit]] of planted.byKind) emit({ bench: BENCH, metric: `found_${kind}`, value: n === 0 ? 0 : hit / n, unit: 'ratio', baseline: null });
  emit({ bench: BENCH, metric: 'objection_targets_with_planted_noise', value: planted.targetPrecision, unit: 'ratio', baseline: null });
  emit({ bench: BENCH, metric: 'review_queue_per_1k_persons', value: (run.outcomes.person.uncertain.length / truePersons) * 1000, unit: 'pairs', baseline: null });

  emit({ bench: BENCH, metric: 'read_ms', value: readMs, unit: 'ms', baseline: null });
  for (const [stage, ms] of Object.entries(run.timings)) emit({ bench: BENCH, metric: `${stage}_ms`, value: ms, unit: 'ms', baseline: null });
  emit({ bench: BENCH, metric: 'person_mentions', value: persons.length, unit: 'mentions', baseline: null });
  emit({ bench: BENCH, metric: 'peak_rss_mb', value: await peakRssMb(), unit: 'MB', baseline: null });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Today's practice: the same ID number as written is the same person; no ID, no match. */
function baselineEntities(ms: readonly MentionRecord[]): Map<string, string> {
  return new Map(ms.map((m) => {
    const id = m.values.id_number?.trim().toUpperCase();
    return [m.ref, id ? `id:${id}` : `rec:${m.ref}`];
  }));
}

function plantedFound(run: Awaited<ReturnType<typeof linkDemo>>, noise: ReadonlyMap<string, readonly string[]>) {
  const targeted = new Set<string>();
  let targets = 0;
  let withNoise = 0;
  for (const e of run.outcomes.person.entities.values()) {
    for (const d of e.discrepancies) {
      if (!d.raise) continue;
      for (const tg of d.targets) {
        targets++;
        targeted.add(`${tg.resourceCode}|${tg.recordKey}|${d.field}`);
        const kinds = (noise.get(`${tg.resourceCode}\u0001${tg.recordKey}\u0001`) ?? []).map((k) => k.split('@')[0]!);
        if (kinds.some((k) => FIELD_OF[k] === d.field || (d.field === 'status' && k === 'stale_moved') || (d.field === 'address' && k.startsWith('addr_')) || (d.field === 'address' && k === 'stale_moved'))) withNoise++;
      }
    }
  }
  const byKind = new Map<string, [number, number]>();
  for (const m of run.mentions.person) {
    if (m.departmentCode === 'GAJ') continue;
    for (const k of noise.get(m.ref) ?? []) {
      const [kind, column] = k.split('@') as [string, string | undefined];
      const field = FIELD_OF[kind];
      if (!field || (column && !Object.values(m.items).includes(column))) continue;
      const c = byKind.get(kind) ?? [0, 0];
      c[0]++;
      if (targeted.has(`${m.resourceCode}|${m.recordKey}|${field}`)) c[1]++;
      byKind.set(kind, c);
    }
  }
  return { byKind, targetPrecision: targets === 0 ? 0 : withNoise / targets };
}
