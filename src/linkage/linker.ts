/**
 * Incremental linkage for the base registries (人口库/法人库/房屋库): records arrive in batches,
 * each is blocked against in-memory indexes, scored with a trained model and attached to an
 * entity. Entity ids are stable: a record keeps its entity unless evidence or a reviewer moves
 * it; merges keep the older id; every merge and split is returned as an event. A reviewer's
 * match / non-match decision on a pair overrides the model from then on.
 *
 * @example
 * const linker = await createLinker({ fields: personModel, params });
 * const r = linker.addRecords([{ id: '公安-001', values: { 姓名: '王晓明', 身份证号: '…' } }]);
 * r.assignments // [{ recordId: '公安-001', entityId: 'P00000001' }]
 * linker.decide('公安-001', '民政-417', 'non_match');
 * const saved = linker.exportState(); // next run: createLinker({ …, state: saved }) keeps the ids
 */
import { createStore, type RecordStore } from './encode/store.ts';
import { defaultBlockingRules, type BlockingRule } from './blocking.ts';
import { createScorer, probabilityOf, type PairExplanation, type Scorer } from './score.ts';
import { clusterRecords } from './cluster.ts';
import { loadChineseTools, type ChineseTools } from './chinese/tools.ts';
import type { FieldSpec } from './kinds.ts';
import type { LinkageParams } from './train.ts';
import { conflict, notFound } from '../shared/errors.ts';

export interface LinkerState {
  readonly assignments: readonly (readonly [recordId: string, entityId: string])[];
  readonly decisions: readonly (readonly [a: string, b: string, decision: Decision])[];
  readonly nextEntity: number;
}
export type Decision = 'match' | 'non_match';
export interface IncomingRecord {
  readonly id: string;
  readonly values: Readonly<Record<string, string | undefined>>;
}
export interface RecordLink {
  readonly recordId: string;
  readonly otherId: string;
  readonly probability: number;
}
export interface EntityEvent {
  readonly type: 'created' | 'joined' | 'merged' | 'split';
  readonly entityId: string;
  /** merged: the ids that were absorbed; split: the id that was split. */
  readonly from?: readonly string[];
  readonly recordIds: readonly string[];
}
export interface LinkerResult {
  readonly links: readonly RecordLink[];
  readonly assignments: readonly { readonly recordId: string; readonly entityId: string }[];
  readonly events: readonly EntityEvent[];
}
export interface LinkerOptions {
  readonly fields: readonly FieldSpec[];
  readonly params: LinkageParams;
  readonly threshold?: number;
  readonly state?: LinkerState;
  /** Entity id prefix, e.g. 'P' for persons, 'L' for legal entities. */
  readonly prefix?: string;
  /** Pass loaded tools, or leave it to createLinker (loads them when a field can hold Chinese). */
  readonly chinese?: ChineseTools | null;
  readonly maxBlockSize?: number;
}
export interface Linker {
  addRecords(batch: readonly IncomingRecord[]): LinkerResult;
  decide(a: string, b: string, decision: Decision): LinkerResult;
  entityOf(recordId: string): string | undefined;
  members(entityId: string): string[];
  explain(a: string, b: string): PairExplanation;
  exportState(): LinkerState;
  readonly size: number;
}

const TEXT_KINDS = new Set(['given_name', 'family_name', 'full_name', 'address', 'address_line', 'locality', 'other']);

export async function createLinker(options: LinkerOptions): Promise<Linker> {
  const wantsChinese = options.chinese === undefined && options.fields.some((f) => TEXT_KINDS.has(f.kind));
  const chinese = options.chinese ?? (wantsChinese ? await loadChineseTools() : undefined);
  return new IncrementalLinker(options, createStore(options.fields, { chinese }));
}

class IncrementalLinker implements Linker {
  private readonly scorer: Scorer;
  private readonly rules: readonly BlockingRule[];
  private readonly index: Map<number, number[]>[];
  private readonly byId = new Map<string, number>();
  private readonly entityOfRecord: string[] = [];
  private readonly entities = new Map<string, number[]>();
  private readonly created = new Map<string, number>();
  private readonly decisions = new Map<string, Decision>();
  private readonly previous: Map<string, string>;
  private readonly cut: number;
  private next: number;

  constructor(private readonly options: LinkerOptions, private readonly store: RecordStore) {
    this.scorer = createScorer(store, options.params);
    this.rules = defaultBlockingRules(store);
    this.index = this.rules.map(() => new Map());
    const t = options.threshold ?? 0.5;
    this.cut = Math.log2(t / (1 - t));
    this.previous = new Map(options.state?.assignments ?? []);
    this.next = options.state?.nextEntity ?? 1;
    for (const [a, b, d] of options.state?.decisions ?? []) this.decisions.set(pairKey(a, b), d);
  }

  get size(): number {
    return this.store.size;
  }

  addRecords(batch: readonly IncomingRecord[]): LinkerResult {
    const links: RecordLink[] = [];
    const events: EntityEvent[] = [];
    const touched = new Set<number>();
    for (const rec of batch) {
      if (this.byId.has(rec.id)) throw conflict(`记录已存在 / record ${rec.id} was already added`, { recordId: rec.id });
      const i = this.store.add(rec.id, (c) => rec.values[c]);
      this.byId.set(rec.id, i);
      touched.add(i);
      const candidates = this.candidates(i);
      this.indexRecord(i);
      const weights = new Map<number, number>();
      for (const j of candidates) {
        const w = this.weight(i, j);
        weights.set(j, w);
        if (w >= this.cut) links.push({ recordId: rec.id, otherId: this.store.recordIds[j]!, probability: probabilityOf(w) });
      }
      const kept = this.previous.get(rec.id);
      if (kept !== undefined) this.attach(i, kept, events, null);
      else this.place(i, weights, events);
    }
    return { links, assignments: [...touched].map((i) => ({ recordId: this.store.recordIds[i]!, entityId: this.entityOfRecord[i]! })), events };
  }

  decide(a: string, b: string, decision: Decision): LinkerResult {
    const i = this.indexOf(a);
    const j = this.indexOf(b);
    this.decisions.set(pairKey(a, b), decision);
    const events: EntityEvent[] = [];
    const ea = this.entityOfRecord[i]!;
    const eb = this.entityOfRecord[j]!;
    if (decision === 'match' && ea !== eb) {
      if (this.hasCannotLink(this.entities.get(ea)!, this.entities.get(eb)!)) {
        throw conflict(`两实体间已有“非同一”判定 / a reviewer non-match decision separates ${ea} and ${eb}`, { a, b });
      }
      this.merge(ea, eb, events);
    } else if (decision === 'non_match' && ea === eb) this.split(ea, events);
    const touched = new Set([...this.entities.get(this.entityOfRecord[i]!)!, ...this.entities.get(this.entityOfRecord[j]!)!]);
    return { links: [], assignments: [...touched].map((k) => ({ recordId: this.store.recordIds[k]!, entityId: this.entityOfRecord[k]! })), events };
  }

  entityOf(recordId: string): string | undefined {
    const i = this.byId.get(recordId);
    return i === undefined ? undefined : this.entityOfRecord[i];
  }

  members(entityId: string): string[] {
    return (this.entities.get(entityId) ?? []).map((i) => this.store.recordIds[i]!);
  }

  explain(a: string, b: string): PairExplanation {
    return this.scorer.explain(this.indexOf(a), this.indexOf(b));
  }

  exportState(): LinkerState {
    return {
      assignments: this.store.recordIds.map((id, i) => [id, this.entityOfRecord[i]!] as const),
      decisions: [...this.decisions].map(([k, d]) => {
        const [a, b] = JSON.parse(k) as [string, string];
        return [a, b, d] as const;
      }),
      nextEntity: this.next,
    };
  }

  private indexOf(id: string): number {
    const i = this.byId.get(id);
    if (i === undefined) throw notFound(`未知记录 / unknown record ${id}`);
    return i;
  }

  private candidates(i: number): Set<number> {
    const out = new Set<number>();
    const max = this.options.maxBlockSize ?? 2000;
    this.rules.forEach((rule, r) => {
      const k = rule.key(i);
      if (k < 0) return;
      const block = this.index[r]!.get(k);
      if (block === undefined || block.length > max) return;
      for (const j of block) out.add(j);
    });
    return out;
  }

  private indexRecord(i: number): void {
    this.rules.forEach((rule, r) => {
      const k = rule.key(i);
      if (k < 0) return;
      const block = this.index[r]!.get(k);
      if (block === undefined) this.index[r]!.set(k, [i]);
      else block.push(i);
    });
  }

  /** Model weight unless a reviewer decided the pair. */
  private weight(i: number, j: number): number {
    const d = this.decisions.get(pairKey(this.store.recordIds[i]!, this.store.recordIds[j]!));
    if (d !== undefined) return d === 'match' ? 80 : -80;
    return this.scorer.weight(i, j);
  }

  private hasCannotLink(a: readonly number[], b: readonly number[]): boolean {
    for (const x of a) for (const y of b) if (this.decisions.get(pairKey(this.store.recordIds[x]!, this.store.recordIds[y]!)) === 'non_match') return true;
    return false;
  }

  private affinity(a: readonly number[], b: readonly number[]): number {
    let s = 0;
    for (const x of a) for (const y of b) s += Math.max(-40, Math.min(40, this.weight(x, y)));
    return s;
  }

  /** Joins the entity with the best positive affinity, then merges others the record bridges to. */
  private place(i: number, weights: Map<number, number>, events: EntityEvent[]): void {
    const near = new Set<string>();
    for (const [j, w] of weights) if (w >= this.cut) near.add(this.entityOfRecord[j]!);
    const ranked = [...near].map((e) => ({ e, gain: this.affinity([i], this.entities.get(e)!) })).filter((x) => x.gain > 0).sort((x, y) => y.gain - x.gain);
    if (ranked.length === 0) {
      this.attach(i, this.newEntityId(), events, 'created');
      return;
    }
    const target = ranked[0]!.e;
    this.attach(i, target, events, 'joined');
    for (const { e } of ranked.slice(1)) {
      const host = this.entityOfRecord[i]!;
      const a = this.entities.get(host)!;
      const b = this.entities.get(e);
      if (b === undefined || this.hasCannotLink(a, b) || this.affinity(a, b) <= 0) continue;
      this.merge(host, e, events);
    }
  }

  /** `event` null: a record restored into the entity it had in the previous run (no news). */
  private attach(i: number, entityId: string, events: EntityEvent[], event: 'created' | 'joined' | null): void {
    this.entityOfRecord[i] = entityId;
    const list = this.entities.get(entityId);
    if (list === undefined) {
      this.entities.set(entityId, [i]);
      this.created.set(entityId, this.created.size);
    } else list.push(i);
    if (event !== null) events.push({ type: event, entityId, recordIds: [this.store.recordIds[i]!] });
  }

  /** The older entity (created first) absorbs the other. */
  private merge(x: string, y: string, events: EntityEvent[]): void {
    const [keep, drop] = (this.created.get(x) ?? 0) <= (this.created.get(y) ?? 0) ? [x, y] : [y, x];
    const moved = this.entities.get(drop)!;
    for (const k of moved) this.entityOfRecord[k] = keep;
    this.entities.get(keep)!.push(...moved);
    this.entities.delete(drop);
    events.push({ type: 'merged', entityId: keep, from: [drop], recordIds: moved.map((k) => this.store.recordIds[k]!) });
  }

  /** Re-clusters one entity's members; the largest part (ties: the one with the oldest record) keeps the id. */
  private split(entityId: string, events: EntityEvent[]): void {
    const list = this.entities.get(entityId)!;
    const local = (k: number) => list[k]!;
    const ea: number[] = [];
    const eb: number[] = [];
    const ew: number[] = [];
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const w = this.weight(local(x), local(y));
        if (w >= this.cut) ea.push(x), eb.push(y), ew.push(w);
      }
    }
    const c = clusterRecords({
      size: list.length,
      edges: { a: Int32Array.from(ea), b: Int32Array.from(eb), w: Float64Array.from(ew), count: ea.length },
      weight: (x, y) => this.weight(local(x), local(y)),
    });
    if (c.clusterCount === 1) return;
    const parts = c.members.map((m) => m.map(local)).sort((p, q) => q.length - p.length || Math.min(...p) - Math.min(...q));
    this.entities.set(entityId, parts[0]!);
    for (const part of parts.slice(1)) {
      const id = this.newEntityId();
      this.entities.set(id, part);
      this.created.set(id, this.created.size);
      for (const k of part) this.entityOfRecord[k] = id;
      events.push({ type: 'split', entityId: id, from: [entityId], recordIds: part.map((k) => this.store.recordIds[k]!) });
    }
  }

  private newEntityId(): string {
    return `${this.options.prefix ?? 'E'}${String(this.next++).padStart(8, '0')}`;
  }
}

function pairKey(a: string, b: string): string {
  return JSON.stringify(a < b ? [a, b] : [b, a]);
}
