import { AS_OF, dayOf, ymdOf } from './dates.ts';
import type { County } from './division.ts';
import { addHouse, createHouseTable, planHousing, type HouseTable, type HousingPlan } from './housing.ts';
import { createNameBook, type NameBook } from './names.ts';
import { rngFor, Weighted, type Rng } from './prng.ts';
import { DIABETES, HYPERTENSION, REL, type Households, type Persons } from './world.ts';

/**
 * Households and the people in them, with births, deaths and moves up to AS_OF.
 * A household is drawn from a template (single elder, couple, nuclear family, three
 * generations, left-behind grandparents with grandchildren …) with ages that fit together,
 * so the age pyramid, sex ratio and household sizes come out close to a rural county's.
 *
 * @example
 * const pop = buildPopulation(loadCounty('371321'), '7', 5000);
 * pop.persons.count; // 5000
 */
export interface Population {
  readonly persons: Persons;
  readonly households: Households;
  readonly houses: HouseTable;
  readonly plan: HousingPlan;
  readonly regions: readonly string[];
  readonly names: NameBook;
}

type Member = { rel: number; age: number; sex: number; surname: number; ethnicity: number; outsider: boolean };

const TEMPLATES = new Weighted([8, 7, 16, 38, 14, 9, 5, 3]);
const MOBILE_PREFIXES = [130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151, 152, 153, 155, 156, 157, 158, 159, 176, 177, 178, 180, 181, 182, 183, 185, 186, 187, 188, 189, 198, 199];
const FIRST_MOVE = dayOf(2015, 1, 1);
const MIN_BIRTH = dayOf(1900, 1, 1);

export function mobileNumber(rng: Rng): number {
  return (rng.pick(MOBILE_PREFIXES) as number) * 1e8 + rng.int(1e8);
}

function deathChance(age: number): number {
  if (age < 50) return 0.003;
  if (age < 60) return 0.01;
  if (age < 70) return 0.04;
  if (age < 80) return 0.12;
  if (age < 90) return 0.3;
  return 0.5;
}

export function buildPopulation(county: County, seed: string, count: number): Population {
  const rng = rngFor(seed, 'population');
  const names = createNameBook();
  const plan = planHousing(county, rngFor(seed, 'housing-plan'));
  const regions = [county.code, ...county.otherCounties.map((c) => c.code)];
  const outsiderDraw = new Weighted(county.otherCounties.map((c) => (c.sameCity ? 70 : c.sameProvince ? 6 : 2)));
  const villageDraw = new Weighted(county.villages.map((v) => (v.kind === 'community' ? 2.5 : 1)));
  const communities = county.villages.flatMap((v, i) => (v.kind === 'community' ? [i] : []));

  const p = {
    count,
    sex: new Uint8Array(count), birth: new Int32Array(count), ethnicity: new Uint8Array(count),
    surname: new Uint16Array(count), given1: new Uint16Array(count), given2: new Uint16Array(count),
    region: new Uint16Array(count), seq: new Uint16Array(count), phone: new Float64Array(count),
    household: new Int32Array(count), relation: new Uint8Array(count), house: new Int32Array(count),
    prevHouse: new Int32Array(count).fill(-1), moveDay: new Int32Array(count), movedOut: new Uint8Array(count),
    death: new Int32Array(count), employer: new Int32Array(count).fill(-1), health: new Uint8Array(count),
    disability: new Uint8Array(count),
  };
  const hh = { count: 0, start: new Int32Array(count), size: new Uint8Array(count), assistance: new Uint8Array(count), movedTo: new Int16Array(count).fill(-1) };
  const houses = createHouseTable(Math.ceil(count * 0.75) + 64);
  // Sequence counters per birth day, so (birth day, sequence) and hence ID numbers are unique.
  const seqNext = new Int16Array((AS_OF - MIN_BIRTH + 1) * 2).fill(-1);

  let n = 0;
  while (n < count) {
    const kind = TEMPLATES.sample(rng);
    const members = householdTemplate(kind, rng, names).slice(0, count - n);
    const h = hh.count++;
    hh.start[h] = n;
    hh.size[h] = members.length;
    const village = villageDraw.sample(rng);
    const home = addHouse(houses, plan, village, h, dayOf(1998, 1, 1) + rng.int(AS_OF - dayOf(1998, 1, 1)), rng);
    if (communities.length > 0 && rng.chance(0.06)) {
      addHouse(houses, plan, rng.pick(communities), h, dayOf(2008, 1, 1) + rng.int(AS_OF - dayOf(2008, 1, 1)), rng);
    }
    const first = n;
    for (const m of members) {
      const i = n++;
      p.sex[i] = m.sex;
      const birth = Math.max(MIN_BIRTH, AS_OF - Math.floor(m.age * 365.25) - rng.int(365));
      p.birth[i] = birth;
      p.ethnicity[i] = m.ethnicity;
      p.surname[i] = m.surname;
      const [g1, g2] = names.given(rng, m.sex, Math.floor(ymdOf(birth) / 10000));
      p.given1[i] = g1;
      p.given2[i] = g2;
      p.region[i] = m.outsider ? 1 + outsiderDraw.sample(rng) : 0;
      const slot = (birth - MIN_BIRTH) * 2 + (m.sex === 1 ? 1 : 0);
      if ((seqNext[slot] as number) < 0) seqNext[slot] = 2 + rng.int(50);
      const k = (seqNext[slot] as number) % 500;
      seqNext[slot] = k + 1;
      p.seq[i] = k * 2 + (m.sex === 1 ? 1 : 0);
      p.household[i] = h;
      p.relation[i] = m.rel;
      p.house[i] = home;
      const ownPhone = m.age >= 18 && m.age < 75 ? 0.95 : m.age >= 75 ? 0.45 : m.age >= 14 ? 0.3 : 0;
      if (rng.chance(ownPhone)) p.phone[i] = mobileNumber(rng);
      if (i !== first && members.length > 1 && rng.chance(deathChance(m.age))) {
        const died = Math.max(birth + 30, AS_OF - 1 - rng.int(8 * 365));
        if (died < AS_OF) p.death[i] = died;
      }
      healthAndDisability(p, i, m.age, rng);
    }
    if (members.length === 1 && rng.chance(deathChance(members[0]!.age) * 0.5)) {
      const died = Math.max((p.birth[first] as number) + 30, AS_OF - 1 - rng.int(8 * 365));
      if (died < AS_OF) p.death[first] = died;
    }
    // Old people without a phone give a family member's number.
    for (let i = first; i < n; i++) {
      if (p.phone[i] === 0 && AS_OF - (p.birth[i] as number) > 60 * 365 && rng.chance(0.7)) {
        for (let j = first; j < n; j++) if ((p.phone[j] as number) > 0) { p.phone[i] = p.phone[j] as number; break; }
      }
    }
    const rural = county.villages[village]!.kind === 'village';
    if (rng.chance(rural ? 0.04 : 0.015)) hh.assistance[h] = 1;
    else if (members.length === 1 && (kind === 0 || p.disability[first] !== 0) && rng.chance(0.12)) hh.assistance[h] = 2;

    moveHousehold(h, p, hh, houses, plan, county, rng, villageDraw);
  }
  return { persons: p, households: hh, houses, plan, regions, names };
}

function moveHousehold(h: number, p: Persons, hh: Households & { movedTo: Int16Array }, houses: HouseTable, plan: HousingPlan, county: County, rng: Rng, villageDraw: Weighted): void {
  const roll = rng.next();
  if (roll >= 0.08) return;
  let day = FIRST_MOVE + rng.int(AS_OF - 30 - FIRST_MOVE);
  const start = hh.start[h] as number;
  const end = start + (hh.size[h] as number);
  if (roll >= 0.06) {
    // A family leaving the county takes everyone born so far; later births register elsewhere.
    for (let i = start; i < end; i++) day = Math.max(day, (p.birth[i] as number) + 30);
    if (day >= AS_OF - 1) return;
  }
  const old = p.house[start] as number;
  let target = -1;
  if (roll < 0.06) {
    let village = villageDraw.sample(rng);
    if (village === houses.village[old]) village = (village + 1) % county.villages.length;
    target = addHouse(houses, plan, village, h, day, rng);
  } else {
    hh.movedTo[h] = rng.int(county.otherCounties.length);
  }
  for (let i = start; i < end; i++) {
    const died = p.death[i] as number;
    if (died !== 0 && died < day) continue;
    if ((p.birth[i] as number) >= day) {
      p.house[i] = target;
      if (target < 0) p.movedOut[i] = 1;
      continue;
    }
    p.prevHouse[i] = old;
    p.house[i] = target;
    p.moveDay[i] = day;
    if (target < 0) p.movedOut[i] = 1;
  }
}

function healthAndDisability(p: Persons, i: number, age: number, rng: Rng): void {
  const htn = age < 35 ? 0.01 : age < 45 ? 0.08 : age < 60 ? 0.22 : age < 70 ? 0.4 : 0.5;
  const dm = age < 35 ? 0.005 : age < 45 ? 0.04 : age < 60 ? 0.1 : 0.16;
  let flags = 0;
  if (rng.chance(htn)) flags |= HYPERTENSION;
  if (rng.chance(dm)) flags |= DIABETES;
  p.health[i] = flags;
  const dis = age < 18 ? 0.015 : age < 60 ? 0.04 : age < 80 ? 0.1 : 0.2;
  if (rng.chance(dis)) {
    const category = 1 + DISABILITY_DRAW.sample(rng);
    const level = 1 + LEVEL_DRAW.sample(rng);
    p.disability[i] = category * 10 + level;
  }
}

const DISABILITY_DRAW = new Weighted([13, 24, 1.5, 30, 7, 8, 16]);
const LEVEL_DRAW = new Weighted([10, 20, 30, 40]);

/** Collects the members of one household; a class so that tsx (keepNames) adds no per-household closures. */
class Household {
  readonly out: Member[] = [];
  constructor(readonly rng: Rng, readonly names: NameBook, readonly eth: number) {}

  add(rel: number, age: number, sex: number, sn: number, e = this.eth, outsider = false): void {
    this.out.push({ rel, age: Math.max(0, Math.min(104, Math.round(age))), sex, surname: sn, ethnicity: e, outsider });
  }

  spouseOf(headAge: number, headSex: number): void {
    const { rng, names } = this;
    this.add(REL.配偶, Math.max(20, headAge + rng.normal() * 3 + (headSex === 1 ? -2 : 2)), 3 - headSex, names.surname(rng), rng.chance(0.92) ? this.eth : names.ethnicity(rng), rng.chance(0.25));
  }

  kids(parentAge: number, count: number, fatherSurname: number, relSon: number = REL.子, relDaughter: number = REL.女): void {
    const { rng, names } = this;
    for (let k = 0; k < count; k++) {
      const age = parentAge - rng.between(21, 38);
      if (age < 0) continue;
      const sex = rng.chance(0.52) ? 1 : 2;
      this.add(sex === 1 ? relSon : relDaughter, age, sex, rng.chance(0.95) ? fatherSurname : names.surname(rng));
    }
  }
}

function householdTemplate(kind: number, rng: Rng, names: NameBook): Member[] {
  const eth = names.ethnicity(rng);
  const surname = names.surname(rng);
  const hh = new Household(rng, names, eth);
  const out = hh.out;
  switch (kind) {
    case 0: // single elder
      hh.add(REL.户主, rng.between(65, 95), rng.chance(0.6) ? 2 : 1, surname);
      break;
    case 1: // single adult
      hh.add(REL.户主, rng.between(20, 64), rng.chance(0.65) ? 1 : 2, surname);
      break;
    case 2: { // couple without children at home
      const age = rng.chance(0.3) ? rng.between(22, 35) : rng.between(50, 88);
      const sex = rng.chance(0.85) ? 1 : 2;
      hh.add(REL.户主, age, sex, surname);
      hh.spouseOf(age, sex);
      break;
    }
    case 3: case 6: { // nuclear family, single parent
      const age = kind === 3 ? rng.between(25, 60) : rng.between(28, 55);
      const sex = kind === 3 ? (rng.chance(0.85) ? 1 : 2) : rng.chance(0.5) ? 1 : 2;
      hh.add(REL.户主, age, sex, surname);
      if (kind === 3) hh.spouseOf(age, sex);
      const father = sex === 1 || kind === 6 ? surname : (out[1]?.surname ?? surname);
      hh.kids(age, kind === 3 ? (rng.chance(0.4) ? 1 : rng.chance(0.75) ? 2 : 3) : rng.between(1, 2), father);
      break;
    }
    case 4: { // young head with children and his or her parents
      const age = rng.between(28, 50);
      hh.add(REL.户主, age, 1, surname);
      hh.spouseOf(age, 1);
      hh.kids(age, rng.between(1, 2), surname);
      const withFather = rng.chance(0.7);
      if (withFather) hh.add(REL.父亲, age + rng.between(22, 35), 1, surname);
      if (!withFather || rng.chance(0.85)) hh.add(REL.母亲, age + rng.between(20, 32), 2, names.surname(rng));
      break;
    }
    case 5: { // old head with a son's family
      const age = rng.between(55, 80);
      hh.add(REL.户主, age, 1, surname);
      if (rng.chance(0.85)) hh.spouseOf(age, 1);
      const sonAge = age - rng.between(22, 35);
      hh.add(REL.子, sonAge, 1, surname);
      hh.add(REL.儿媳, sonAge + rng.normal() * 2, 2, names.surname(rng), eth, rng.chance(0.25));
      hh.kids(sonAge, rng.between(1, 2), surname, REL.孙子, REL.孙女);
      break;
    }
    default: { // grandparents with left-behind grandchildren
      const age = rng.between(58, 80);
      hh.add(REL.户主, age, 1, surname);
      hh.spouseOf(age, 1);
      for (let k = rng.between(1, 2); k > 0; k--) {
        const sex = rng.chance(0.52) ? 1 : 2;
        hh.add(sex === 1 ? REL.孙子 : REL.孙女, rng.between(3, 16), sex, surname);
      }
    }
  }
  return out;
}
