import { addressParts, type AddressParts } from '../housing.ts';
import { hashKey, hashUnit, type Rng } from '../prng.ts';
import { truthAddress } from '../person-format.ts';
import type { World } from '../world.ts';
import type { RowContext } from './types.ts';

/**
 * Helpers the department files share: how a person who died or moved shows up in a
 * department that should list only living residents, orderings, and department-only codes.
 */
export interface ResidentView {
  /** Address the department has for the person. */
  readonly address: AddressParts;
  /** Noise the department's staleness caused: 'stale_dead' or 'stale_moved'. */
  readonly stale?: 'stale_dead' | 'stale_moved';
  /** The true address (for stale_moved), as the truth records it. */
  readonly trueAddress?: string;
  /** Where the person lives now (for stale_moved); undefined after leaving the county. */
  readonly current?: AddressParts;
}

/**
 * A department that should list only living residents: the dead and those who left are
 * still there at the file's stale_dead / stale_moved rate; people who moved within the
 * county keep their old address at the stale_moved rate. Null means "not listed".
 */
export function residentView(ctx: RowContext, i: number, trueAddressText: (parts: AddressParts) => string): ResidentView | null {
  const w = ctx.world;
  const p = w.persons;
  const house = p.house[i] as number;
  const prev = p.prevHouse[i] as number;
  if (p.death[i] !== 0) {
    if (!ctx.decide('stale_dead')) return null;
    return { address: addressParts(w, house >= 0 ? house : prev), stale: 'stale_dead' };
  }
  if (prev >= 0) {
    if (ctx.decide('stale_moved')) {
      const current = house >= 0 ? addressParts(w, house) : undefined;
      const trueAddress = current ? trueAddressText(current) : truthAddress(w, i);
      return { address: addressParts(w, prev), stale: 'stale_moved', trueAddress, ...(current ? { current } : {}) };
    }
    if (house < 0) return null;
  }
  if (house < 0) return null;
  return { address: addressParts(w, house) };
}

const orderCache = new WeakMap<World, Int32Array>();

/** Households ordered by village (of the house they live or last lived in), as ledgers are kept. */
export function householdsByVillage(w: World): Int32Array {
  const cached = orderCache.get(w);
  if (cached) return cached;
  const hh = w.households;
  const villageOf = new Int32Array(hh.count);
  const counts = new Int32Array(w.county.villages.length + 1);
  for (let h = 0; h < hh.count; h++) {
    const head = hh.start[h] as number;
    const house = (w.persons.house[head] as number) >= 0 ? (w.persons.house[head] as number) : (w.persons.prevHouse[head] as number);
    const v = house >= 0 ? (w.houses.village[house] as number) : 0;
    villageOf[h] = v;
    counts[v + 1]!++;
  }
  for (let v = 1; v < counts.length; v++) counts[v]! += counts[v - 1] as number;
  const order = new Int32Array(hh.count);
  for (let h = 0; h < hh.count; h++) order[counts[villageOf[h] as number]!++] = h;
  orderCache.set(w, order);
  return order;
}

/** '界湖街道' → '界湖', '岸堤镇' → '岸堤'. */
export function townshipShort(name: string): string {
  return name.replace(/(街道|镇|乡|办事处)$/, '') || name;
}

/** A 7-digit number unique per person that does not reveal the person's index. */
const offsets = new Map<string, number>();
export function scrambled7(seed: string, salt: string, i: number): string {
  const name = `${seed}\u0000${salt}`;
  let offset = offsets.get(name);
  if (offset === undefined) {
    offset = hashKey(seed, salt) % 10000000;
    offsets.set(name, offset);
  }
  return String((i * 7368787 + offset) % 10000000).padStart(7, '0');
}

/** A per-person coin shared by every file that asks the same question. */
export function personCoin(seed: string, question: string): (i: number) => number {
  const key = hashKey(seed, question);
  return (i) => hashUnit(key, i);
}

const STAFF_SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const STAFF_GIVEN = '建明华丽静伟芳军敏强磊洋艳勇娟涛超霞平刚桂英红玉秀';

/** A plausible staff name (doctor, grid worker) not tied to any generated person. */
export function staffName(rng: Rng): string {
  const g = STAFF_GIVEN[rng.int(STAFF_GIVEN.length)] as string;
  return `${STAFF_SURNAMES[rng.int(STAFF_SURNAMES.length)]}${g}${rng.chance(0.6) ? STAFF_GIVEN[rng.int(STAFF_GIVEN.length)] : ''}`;
}
