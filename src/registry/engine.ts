/**
 * One registry's linking engine: the incremental linker (src/linkage) over the registry's live
 * mentions, kept in memory by the process and rebuilt from the stored assignments on start, so
 * that entity ids survive restarts. Adds what the registry needs on top:
 *  - a changed record is re-placed under a fresh linker id; its old version stays in the linker as
 *    a ghost (no longer a member anywhere) until the next rebuild;
 *  - two different valid ID numbers (or credit codes) are never one entity: a guard splits any
 *    entity holding them with recorded rule decisions;
 *  - links between the two thresholds are returned for the review queue.
 *
 * @example
 * const engine = await RegistryEngine.open(REGISTRY_MODELS.person, params, { records: [], decisions: [], nextEntity: 1 });
 * const r = engine.upsert([{ ref, values: { name: '王明', id_number: '…' } }]);
 * r.assignments.get(ref) // 'P00000001'
 */
import { createLinker, loadChineseTools, type Decision, type EntityEvent, type LinkageParams, type Linker, type PairExplanation } from '../linkage/index.ts';
import type { Field } from './fields.ts';
import type { RegistryModel } from './models.ts';

export interface EngineRecord {
  readonly ref: string;
  /** Cleaned values for the linker (see values.ts linkValue). */
  readonly values: Readonly<Partial<Record<Field, string>>>;
  /** The valid anchor (ID number, credit code, unit number) if any: two different ones never merge. */
  readonly anchor?: string | undefined;
}

export interface StoredDecision {
  readonly a: string;
  readonly b: string;
  readonly decision: Decision;
}

export interface EngineState {
  /** Live mentions with their entity, in a stable order. */
  readonly records: ReadonlyArray<EngineRecord & { readonly entityId: string }>;
  readonly decisions: readonly StoredDecision[];
  readonly nextEntity: number;
}

export interface UncertainLink {
  readonly a: string;
  readonly b: string;
  readonly probability: number;
}

export interface EngineResult {
  /** Entity of every mention whose entity may have changed. */
  readonly assignments: ReadonlyMap<string, string>;
  /** Linker events translated to mention refs. */
  readonly events: readonly EntityEvent[];
  /** Entities whose membership changed (for golden records). */
  readonly touched: ReadonlySet<string>;
  readonly uncertain: readonly UncertainLink[];
  /** Non-match decisions the distinct-anchor guard made. */
  readonly ruleDecisions: readonly StoredDecision[];
}


export interface EngineOptions {
  /** Probability at which the linker links (the lower review threshold). */
  readonly lower?: number;
  /** Links below this probability go to review. */
  readonly upper?: number;
}

const GHOST = '\u0002';

export class RegistryEngine {
  private readonly current = new Map<string, string>();
  private readonly refOf = new Map<string, string>();
  private readonly anchors = new Map<string, string>();
  private generation = 0;

  private constructor(
    readonly model: RegistryModel,
    readonly params: LinkageParams,
    private readonly linker: Linker,
    private readonly upper: number,
  ) {}

  /** Builds the engine and restores the stored assignments (no entity changes on restore). */
  static async open(model: RegistryModel, params: LinkageParams, state: EngineState, options: EngineOptions = {}): Promise<RegistryEngine> {
    const chinese = model.fields.some((f) => f.kind === 'full_name' || f.kind === 'address' || f.kind === 'other') ? await loadChineseTools() : null;
    const linker = await createLinker({
      fields: model.fields,
      params,
      prefix: model.prefix,
      threshold: options.lower ?? 0.5,
      chinese,
      state: {
        assignments: state.records.map((r) => [r.ref, r.entityId] as const),
        decisions: state.decisions.map((d) => [d.a, d.b, d.decision] as const),
        nextEntity: state.nextEntity,
      },
    });
    const engine = new RegistryEngine(model, params, linker, options.upper ?? 0.99);
    if (state.records.length > 0) {
      linker.addRecords(state.records.map((r) => ({ id: r.ref, values: r.values })));
      for (const r of state.records) engine.track(r.ref, r.ref, r.anchor);
    }
    return engine;
  }

  get nextEntity(): number {
    return this.linker.exportState().nextEntity;
  }

  get size(): number {
    return this.current.size;
  }

  /** Every live mention. */
  refs(): IterableIterator<string> {
    return this.current.keys();
  }

  has(ref: string): boolean {
    return this.current.has(ref);
  }

  entityOf(ref: string): string | undefined {
    const id = this.current.get(ref);
    return id === undefined ? undefined : this.linker.entityOf(id);
  }

  /** Live mentions of an entity. */
  members(entityId: string): string[] {
    return this.linker.members(entityId).flatMap((id) => {
      const ref = this.refOf.get(id);
      return ref !== undefined && this.current.get(ref) === id ? [ref] : [];
    });
  }

  explain(a: string, b: string): PairExplanation {
    return this.linker.explain(this.idOf(a), this.idOf(b));
  }

  /** Adds new mentions and re-places changed ones. */
  upsert(records: readonly EngineRecord[]): EngineResult {
    const touched = new Set<string>();
    const before = new Map<string, string>();
    const batch = records.map((r) => {
      const old = this.current.get(r.ref);
      if (old !== undefined) {
        before.set(r.ref, this.linker.entityOf(old)!);
        touched.add(this.linker.entityOf(old)!);
      }
      const id = old === undefined ? r.ref : `${r.ref}${GHOST}${++this.generation}`;
      this.track(r.ref, id, r.anchor);
      return { id, values: r.values };
    });
    const result = this.linker.addRecords(batch);
    const events = [...result.events];
    const uncertain: UncertainLink[] = [];
    for (const l of result.links) {
      if (l.probability >= this.upper) continue;
      const a = this.refOf.get(l.recordId);
      const b = this.refOf.get(l.otherId);
      if (a !== undefined && b !== undefined && this.current.get(b) === l.otherId) uncertain.push({ a, b, probability: l.probability });
    }
    for (const a of result.assignments) touched.add(a.entityId);
    for (const e of events) touched.add(e.entityId), e.from?.forEach((f) => touched.add(f));
    const ruleDecisions = this.guard(touched, events);
    const assignments = new Map<string, string>();
    for (const entity of touched) for (const ref of this.members(entity)) assignments.set(ref, this.entityOf(ref)!);
    for (const [ref, entity] of before) if (!assignments.has(ref)) assignments.set(ref, entity);
    return { assignments, events: events.map((e) => this.translate(e)), touched, uncertain, ruleDecisions };
  }

  /** Drops mentions (deleted records); they stay in the linker as ghosts until the next rebuild. */
  remove(refs: readonly string[]): Set<string> {
    const touched = new Set<string>();
    for (const ref of refs) {
      const id = this.current.get(ref);
      if (id === undefined) continue;
      touched.add(this.linker.entityOf(id)!);
      this.current.delete(ref);
      this.anchors.delete(ref);
    }
    return touched;
  }

  /**
   * A reviewer's decision on a pair; overrides the model from then on. A non-match that the rest
   * of the entity would bridge (both records strongly like a third) still separates them: every
   * other member goes with the one it resembles more, and the pairs across are decided non-match
   * too (returned as `implied`).
   */
  decide(a: string, b: string, decision: Decision): { events: EntityEvent[]; touched: Set<string>; implied: StoredDecision[] } {
    const ea = this.entityOf(a);
    const eb = this.entityOf(b);
    const events: EntityEvent[] = [];
    const touched = new Set<string>([ea, eb].filter((e): e is string => e !== undefined));
    const take = (r: { events: readonly EntityEvent[]; assignments: readonly { entityId: string }[] }) => {
      for (const e of r.events) events.push(e), touched.add(e.entityId), e.from?.forEach((f) => touched.add(f));
      for (const x of r.assignments) touched.add(x.entityId);
    };
    take(this.linker.decide(this.idOf(a), this.idOf(b), decision));
    const implied: StoredDecision[] = [];
    if (decision === 'non_match' && this.entityOf(a) === this.entityOf(b)) {
      const sideA = [a];
      const sideB = [b];
      for (const m of this.members(this.entityOf(a)!)) {
        if (m === a || m === b) continue;
        (this.explain(m, a).matchWeight >= this.explain(m, b).matchWeight ? sideA : sideB).push(m);
      }
      for (const x of sideA) {
        for (const y of sideB) {
          if (x === a && y === b) continue;
          take(this.linker.decide(this.idOf(x), this.idOf(y), 'non_match'));
          implied.push({ a: x, b: y, decision: 'non_match' });
        }
      }
    }
    return { events: events.map((e) => this.translate(e)), touched, implied };
  }

  private idOf(ref: string): string {
    const id = this.current.get(ref);
    if (id === undefined) throw new Error(`unknown mention ${ref}`);
    return id;
  }

  private track(ref: string, id: string, anchor: string | undefined): void {
    this.current.set(ref, id);
    this.refOf.set(id, ref);
    if (anchor) this.anchors.set(ref, anchor);
    else this.anchors.delete(ref);
  }

  translate(e: EntityEvent): EntityEvent {
    const recordIds = e.recordIds.flatMap((id) => {
      const ref = this.refOf.get(id);
      return ref !== undefined && this.current.get(ref) === id ? [ref] : [];
    });
    return { ...e, recordIds };
  }

  /** Splits entities that hold two different valid anchors (recorded as rule decisions); pushes the split events. */
  guard(touched: Set<string>, events: EntityEvent[]): StoredDecision[] {
    const made: StoredDecision[] = [];
    const queue = [...touched];
    for (let guardRounds = 0; queue.length > 0 && guardRounds < 10_000; guardRounds++) {
      const entity = queue.pop()!;
      const byAnchor = new Map<string, string[]>();
      for (const ref of this.members(entity)) {
        const a = this.anchors.get(ref);
        if (a !== undefined) byAnchor.set(a, [...(byAnchor.get(a) ?? []), ref]);
      }
      if (byAnchor.size < 2) continue;
      const groups = [...byAnchor.values()];
      for (let x = 0; x < groups.length; x++) {
        for (let y = x + 1; y < groups.length; y++) {
          for (const a of groups[x]!) for (const b of groups[y]!) {
            const r = this.linker.decide(this.idOf(a), this.idOf(b), 'non_match');
            made.push({ a, b, decision: 'non_match' });
            for (const e of r.events) {
              events.push(e);
              touched.add(e.entityId);
              queue.push(e.entityId);
            }
          }
        }
      }
      touched.add(entity);
    }
    return made;
  }
}
