import { AS_OF, ageOn, ymdOf } from './dates.ts';
import { addressParts, formatAddress, type AddressParts } from './housing.ts';
import { ETHNIC_GROUPS } from './name-data.ts';
import { NO_CHAR, type Persons, type World } from './world.ts';

/**
 * True values of a person's fields as strings, computed from the typed arrays on demand.
 *
 * @example
 * personName(world, 0);  // '王晓明'
 * idNumber(world, 0);    // '371321199003071234'
 */
export function personName(w: World, i: number): string {
  const p = w.persons;
  const g2 = p.given2[i] as number;
  return (w.surnames[p.surname[i] as number] as string) + (w.givenChars[p.given1[i] as number] as string) + (g2 === NO_CHAR ? '' : (w.givenChars[g2] as string));
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const regionSums = new WeakMap<readonly string[], Int32Array>();

/** Weighted digit sums of each region code, so an ID costs arithmetic, not string scans. */
function regionSum(regions: readonly string[], r: number): number {
  let sums = regionSums.get(regions);
  if (!sums) {
    sums = new Int32Array(regions.map((code) => {
      let s = 0;
      for (let k = 0; k < 6; k++) s += (code.charCodeAt(k) - 48) * (ID_WEIGHTS[k] as number);
      return s;
    }));
    regionSums.set(regions, sums);
  }
  return sums[r] as number;
}

export function idNumber(w: World, i: number): string {
  const p = w.persons;
  const r = p.region[i] as number;
  const seq = p.seq[i] as number;
  let ymd = ymdOf(p.birth[i] as number);
  const date = ymd;
  let sum = regionSum(w.regions, r) + Math.floor(seq / 100) * 8 + (Math.floor(seq / 10) % 10) * 4 + (seq % 10) * 2;
  for (let k = 13; k >= 6; k--) {
    sum += (ymd % 10) * (ID_WEIGHTS[k] as number);
    ymd = Math.floor(ymd / 10);
  }
  return `${w.regions[r]}${date}${seq < 10 ? '00' : seq < 100 ? '0' : ''}${seq}${ID_CHECK[sum % 11]}`;
}

/** The 15-digit form the same person had before 1999 (century and check character dropped). */
export function legacyId(id18: string): string {
  return id18.slice(0, 6) + id18.slice(8, 17);
}

const PREFIXES = Array.from({ length: 200 }, (_, k) => String(k));

export function phoneText(w: World, i: number): string {
  const n = w.persons.phone[i] as number;
  if (n <= 0) return '';
  // Two small-integer conversions are much cheaper than one of an 11-digit double.
  const hi = Math.floor(n / 1e8);
  return (PREFIXES[hi] as string) + String(n - hi * 1e8 + 1e8).slice(1);
}

const ages = new WeakMap<Persons, Uint8Array>();

/** Age in whole years on 2024-06-30 (cached per population: many files ask repeatedly). */
export function ageNow(p: Persons, i: number): number {
  let table = ages.get(p);
  if (!table) {
    table = new Uint8Array(p.count);
    for (let k = 0; k < p.count; k++) table[k] = ageOn(p.birth[k] as number, AS_OF);
    ages.set(p, table);
  }
  return table[i] as number;
}

export function sexText(w: World, i: number): '男' | '女' {
  return w.persons.sex[i] === 1 ? '男' : '女';
}

export function ethnicityName(w: World, i: number): string {
  return ETHNIC_GROUPS[w.persons.ethnicity[i] as number]?.[1] ?? '汉族';
}

export function ethnicityCode(w: World, i: number): string {
  return ETHNIC_GROUPS[w.persons.ethnicity[i] as number]?.[0] ?? '01';
}

/** Where the person lives now (undefined after moving out of the county). */
export function currentAddress(w: World, i: number): AddressParts | undefined {
  const h = w.persons.house[i] as number;
  return h >= 0 ? addressParts(w, h) : undefined;
}

/** Where the person lived before the last move (undefined when never moved). */
export function previousAddress(w: World, i: number): AddressParts | undefined {
  const h = w.persons.prevHouse[i] as number;
  return h >= 0 ? addressParts(w, h) : undefined;
}

/** The canonical address truth files carry: current, or for people who left, the destination. */
export function truthAddress(w: World, i: number): string {
  const cur = currentAddress(w, i);
  if (cur) return formatAddress(cur, 'full');
  const to = w.households.movedTo[w.persons.household[i] as number] as number;
  const dest = w.county.otherCounties[to];
  return dest ? `迁往${dest.name}` : '';
}
