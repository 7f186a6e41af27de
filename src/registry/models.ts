/**
 * The linkage model of each registry: which fields the linker compares (and as which kind), which
 * field anchors training, the entity id prefix, and prior level probabilities that stand in while
 * a registry holds too little data to learn from (a new county's first batch).
 *
 * @example
 * const spec = REGISTRY_MODELS.person;
 * spec.fields // [{ column: 'name', kind: 'full_name' }, { column: 'id_number', kind: 'id_number' }, …]
 */
import type { FieldKind, FieldSpec, LinkageParams, RecordStore } from '../linkage/index.ts';
import type { Field, RegistryKind } from './fields.ts';
import { trainFromAnchor, type Compared } from './train.ts';

export interface RegistryModel {
  readonly kind: RegistryKind;
  readonly prefix: string;
  readonly fields: readonly (FieldSpec & { readonly column: Field })[];
  readonly anchor: Field;
  /** Registry fields kept for golden records, in display order. */
  readonly golden: readonly Field[];
}

const spec = (column: Field, kind: FieldKind) => ({ column, kind });

export const REGISTRY_MODELS: Readonly<Record<RegistryKind, RegistryModel>> = {
  person: {
    kind: 'person',
    prefix: 'P',
    anchor: 'id_number',
    fields: [
      spec('name', 'full_name'), spec('id_number', 'id_number'), spec('birth_date', 'birth_date'), spec('sex', 'sex'),
      spec('phone', 'phone'), spec('address', 'address'), spec('ethnicity', 'ethnicity'), spec('dept_ref', 'other_id'),
    ],
    golden: ['name', 'id_number', 'sex', 'birth_date', 'ethnicity', 'phone', 'address', 'household_no', 'relation', 'status'],
  },
  business: {
    kind: 'business',
    prefix: 'L',
    anchor: 'credit_code',
    fields: [spec('credit_code', 'credit_code'), spec('org_name', 'other'), spec('phone', 'phone'), spec('address', 'address')],
    golden: ['credit_code', 'org_name', 'org_status', 'established', 'phone', 'address'],
  },
  house: {
    kind: 'house',
    prefix: 'H',
    anchor: 'unit_no',
    fields: [spec('unit_no', 'other_id'), spec('cert_no', 'other_id'), spec('address', 'address')],
    golden: ['unit_no', 'cert_no', 'address', 'area'],
  },
};

/**
 * [m, u] per level, learned on a 100 000-person demo county (bench/registry.ts) and rounded;
 * levels a kind lacks fall back to `else`-like values.
 */
const PRIORS: Readonly<Partial<Record<FieldKind, Readonly<Record<string, readonly [number, number]>>>>> = {
  full_name: { exact: [0.97, 3e-5], same_sound: [0.02, 5e-5], similar: [0.001, 1.5e-5], weak: [0.005, 0.002], else: [0.002, 0.998] },
  other: { exact: [0.9, 1e-4], squeezed: [0.05, 1e-4], same_sound: [0.03, 1e-4], similar: [0.01, 1e-3], weak: [0.005, 0.01], else: [0.005, 0.99] },
  id_number: { exact: [0.97, 1e-5], checksum_typo: [0.02, 3e-6], near: [0.002, 3e-6], same_birth_region: [1e-7, 2e-5], else: [0.002, 1] },
  credit_code: { exact: [0.98, 1e-5], checksum_typo: [0.015, 3e-6], else: [0.005, 1] },
  birth_date: { exact: [0.995, 5e-5], day_month_swapped: [1e-4, 3e-5], one_edit: [5e-4, 1e-3], two_edits: [5e-4, 0.013], else: [0.004, 0.986] },
  sex: { exact: [0.999, 0.5], else: [0.001, 0.5] },
  phone: { exact: [0.94, 1e-5], one_edit: [1e-3, 6e-6], same_suffix: [1e-3, 6e-6], else: [0.058, 1] },
  address: { exact: [0.29, 1.5e-5], compatible: [0.46, 1.5e-5], same_street: [0.01, 0.006], same_area: [0.09, 0.2], else: [0.15, 0.79] },
  ethnicity: { exact: [0.997, 0.95], else: [0.003, 0.05] },
  other_id: { exact: [0.99, 1e-5], one_edit: [1e-3, 3e-5], two_edits: [1e-3, 3e-5], else: [0.008, 1] },
};

/** Pseudo-pairs the prior m counts for, and pseudo-records for u. */
const M_PRIOR_WEIGHT = 50;
const U_PRIOR_RECORDS = 2000;

/** Trains from the store's anchor and blends with the priors, so that a small registry still links sensibly. */
export function trainRegistryModel(model: RegistryModel, store: RecordStore, options: { seed?: number; compared?: Compared } = {}): LinkageParams {
  const { labelledPairs: labelled, ...learned } = trainFromAnchor(store, { anchor: model.anchor, seed: options.seed }, options.compared);
  const n = store.size;
  const mWeight = labelled / (labelled + M_PRIOR_WEIGHT);
  const uWeight = n / (n + U_PRIOR_RECORDS);
  return {
    ...learned,
    comparisons: learned.comparisons.map((c) => {
      const prior = PRIORS[c.kind];
      const pm = (l: number) => prior?.[c.levels[l]!]?.[0] ?? (l === c.levels.length - 1 ? 0.01 : 0.001);
      const pu = (l: number) => prior?.[c.levels[l]!]?.[1] ?? (l === c.levels.length - 1 ? 0.99 : 0.001);
      const m = normalise(c.m.map((v, l) => (l === 0 ? 0 : mWeight * v + (1 - mWeight) * pm(l))));
      const u = normalise(c.u.map((v, l) => (l === 0 ? 0 : uWeight * v + (1 - uWeight) * pu(l))));
      return { ...c, m, u, uBlocked: u };
    }),
  };
}

function normalise(p: number[]): number[] {
  let s = 0;
  for (let l = 1; l < p.length; l++) s += p[l]!;
  return p.map((v, l) => (l === 0 ? 0 : v / s));
}
