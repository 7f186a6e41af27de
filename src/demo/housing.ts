import type { County } from './division.ts';
import type { Rng } from './prng.ts';
import type { Houses, World } from './world.ts';

/**
 * Houses: rural houses numbered along a village (东村128号) and flats in residential estates
 * of urban communities (阳光花园3号楼2单元502室). Houses are handed out on demand as
 * households form and move; numbering is sequential so nothing needs remembering per slot.
 *
 * @example
 * const parts = addressParts(world, 17);
 * formatAddress(parts, 'full'); // '山东省临沂市沂南县界湖街道南村社区阳光花园3号楼2单元502室'
 */
export interface Estate {
  readonly village: number;
  readonly name: string;
  readonly units: number;
  readonly floors: number;
  /** Next free slot; flats are filled building by building. */
  next: number;
}

const ESTATE_NAMES = [
  '阳光花园', '金色家园', '幸福小区', '滨河花园', '锦绣华庭', '翡翠城', '御景苑', '世纪花园', '和谐家园', '名都华府',
  '新城佳苑', '书香门第', '香榭丽舍', '学府雅居', '盛世嘉园', '怡景苑', '文苑小区', '教师公寓', '农机小区', '建设小区',
  '福泰花园', '丽景豪庭', '紫金城', '城市之光', '东方明珠苑', '泰和园', '康乐小区', '银河湾', '丰华园', '清华园',
  '悦府', '天润城', '九龙花园', '凤凰城', '华府一品', '新世纪家园', '明珠花园', '金桂苑', '花园小区', '供销小区',
];
const OLD_PREFIX = ['东', '西', '南', '北', '前', '后', '上', '下', '大', '小'];
const CN_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface HousingPlan {
  readonly estates: Estate[];
  /** Estates of each village (empty for rural villages). */
  readonly villageEstates: readonly number[][];
  readonly oldVillageNames: (string | undefined)[];
  /** Next rural house number per village. */
  readonly nextNumber: Uint16Array;
}

export function planHousing(county: County, rng: Rng): HousingPlan {
  const estates: Estate[] = [];
  const villageEstates: number[][] = [];
  const oldVillageNames: (string | undefined)[] = [];
  let named = 0;
  county.villages.forEach((v, vi) => {
    const own: number[] = [];
    if (v.kind === 'community') {
      const n = 2 + rng.int(3);
      for (let k = 0; k < n; k++) {
        const round = Math.floor(named / ESTATE_NAMES.length);
        const name = `${ESTATE_NAMES[named % ESTATE_NAMES.length]}${round === 0 ? '' : `${CN_NUM[Math.min(round + 1, 10)]}期`}`;
        named++;
        own.push(estates.length);
        estates.push({ village: vi, name, units: 2 + rng.int(2), floors: rng.pick([6, 6, 11, 18]), next: 0 });
      }
    }
    villageEstates.push(own);
    // About a third of places kept an older name in people's mouths: merged villages, or a
    // community that was a village before 撤村建居.
    const base = v.name.replace(/(社区|村)$/, '');
    if (rng.chance(0.35)) oldVillageNames.push(v.kind === 'community' ? `${base}村` : `${rng.pick(OLD_PREFIX)}${base.slice(0, 2)}庄村`);
    else oldVillageNames.push(undefined);
  });
  return { estates, villageEstates, oldVillageNames, nextNumber: new Uint16Array(county.villages.length) };
}

export interface HouseTable extends Houses {
  count: number;
}

export function createHouseTable(capacity: number): HouseTable {
  return {
    count: 0,
    village: new Uint16Array(capacity),
    estate: new Int32Array(capacity),
    building: new Uint16Array(capacity),
    unit: new Uint8Array(capacity),
    room: new Uint16Array(capacity),
    area: new Uint32Array(capacity),
    owner: new Int32Array(capacity),
    registered: new Int32Array(capacity),
  };
}

/** A new house in a village: a flat in one of its estates, or the next rural house number. */
export function addHouse(t: HouseTable, plan: HousingPlan, village: number, owner: number, day: number, rng: Rng): number {
  const i = t.count++;
  if (i >= t.village.length) throw new Error('house table full');
  t.village[i] = village;
  t.owner[i] = owner;
  t.registered[i] = day;
  const own = plan.villageEstates[village] ?? [];
  if (own.length > 0) {
    const ei = own[rng.int(own.length)] as number;
    const e = plan.estates[ei] as Estate;
    const perBuilding = e.units * e.floors * 2;
    const slot = e.next++;
    const inBuilding = slot % perBuilding;
    t.estate[i] = ei;
    t.building[i] = Math.floor(slot / perBuilding) + 1;
    t.unit[i] = Math.floor(inBuilding / (e.floors * 2)) + 1;
    t.room[i] = (Math.floor((inBuilding % (e.floors * 2)) / 2) + 1) * 100 + (inBuilding % 2) + 1;
    t.area[i] = 6000 + rng.int(8000);
  } else {
    t.estate[i] = -1;
    t.building[i] = ++(plan.nextNumber[village] as number);
    t.unit[i] = 0;
    t.room[i] = 0;
    t.area[i] = 8000 + rng.int(12000);
  }
  return i;
}

export interface AddressParts {
  readonly province: string;
  /** Empty for the '市辖区' of a municipality. */
  readonly city: string;
  readonly county: string;
  readonly township: string;
  readonly village: string;
  /** Index into County.villages (names repeat across townships). */
  readonly villageIndex: number;
  readonly oldVillage: string | undefined;
  /** Below the village: '128号' or '阳光花园3号楼2单元502室'. */
  readonly tail: string;
  /** The same as people jot it down: '128号' or '阳光花园3-2-502'. */
  readonly shortTail: string;
}

export function addressParts(world: World, house: number): AddressParts {
  const h = world.houses;
  const vi = h.village[house] as number;
  const v = world.county.villages[vi]!;
  const t = world.county.townships[v.townshipIndex]!;
  const ei = h.estate[house] as number;
  let tail: string;
  let shortTail: string;
  if (ei >= 0) {
    const e = world.estates[ei] as Estate;
    const b = h.building[house];
    const u = h.unit[house];
    const r = h.room[house];
    tail = `${e.name}${b}号楼${u}单元${r}室`;
    shortTail = `${e.name}${b}-${u}-${r}`;
  } else {
    tail = `${h.building[house]}号`;
    shortTail = tail;
  }
  const city = world.county.city.name;
  return {
    province: world.county.province.name,
    city: city === '市辖区' || city === '县' || city === '省直辖县级行政区划' ? '' : city,
    county: world.county.name,
    township: t.name,
    village: v.name,
    villageIndex: vi,
    oldVillage: world.oldVillageNames[vi],
    tail,
    shortTail,
  };
}

/** How a department writes addresses: from the province down, or from the county down. */
export type AddressForm = 'full' | 'county';

export function formatAddress(p: AddressParts, form: AddressForm): string {
  const local = `${p.county}${p.township}${p.village}${p.tail}`;
  return form === 'full' ? `${p.province}${p.city}${local}` : local;
}

/** '沂南县' → '沂南'; names of two characters keep their suffix (城区 stays). */
export function shortCountyName(name: string): string {
  return name.length > 2 && /[县区市旗]$/.test(name) && !/自治[县旗]$/.test(name) ? name.slice(0, -1) : name;
}
