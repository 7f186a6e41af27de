/**
 * 行政区划代码 (GB/T 2260 6-digit codes; 9-digit township and 12-digit
 * village codes in the statistical GB/T 10114 style), checked against the
 * table described in region-data.ts ({@link REGION_DATA_EDITION}).
 *
 * @example
 * validateRegionCode('340121');        // { ok: true, value: '340121' }
 * regionName('340121');                // '长丰县'
 * regionPath('110101001')?.fullName;   // '北京市东城区东华门街道'
 * countyDivisions('340121')?.townships[0]?.villages.length;
 */
import { compact } from './normalize.ts';
import { countyEntry, regionChildren, regionEntry, regionKey, REGION_DATA_EDITION, type RegionEntry } from './region-data.ts';
import { clip, EMPTY, invalid, note, valid, type ValidationResult } from './result.ts';

export { REGION_DATA_EDITION };

export interface RegionPath {
  readonly code: string;
  readonly level: RegionEntry['level'];
  readonly province: RegionEntry;
  readonly city?: RegionEntry;
  readonly county?: RegionEntry;
  readonly township?: RegionEntry;
  readonly village?: RegionEntry;
  /** Names from province down, placeholders such as 市辖区 left out. */
  readonly names: readonly string[];
  /** The names joined, e.g. '安徽省合肥市长丰县'. */
  readonly fullName: string;
}

// Statistical grouping rows that are not real divisions and never appear in addresses.
const PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** True when the code names a division in the table. */
export function isRegionCode(code: string): boolean {
  return regionEntry(code) !== undefined;
}

/** Name of the division itself, e.g. '340121' → '长丰县'. */
export function regionName(code: string): string | undefined {
  return regionEntry(code)?.name;
}

/** The chain from province down to the division with this code. */
export function regionPath(code: string): RegionPath | undefined {
  const key = regionKey(code);
  const self = key === undefined ? undefined : regionEntry(key);
  if (key === undefined || self === undefined) return undefined;
  const province = regionEntry(key.slice(0, 2));
  if (!province) return undefined;
  const city = key.length >= 4 ? regionEntry(key.slice(0, 4)) : undefined;
  const county = key.length >= 6 ? countyEntry(key.slice(0, 6)) : key.length === 4 ? countyEntry(`${key}00`) : undefined;
  const township = key.length >= 9 ? regionEntry(key.slice(0, 9)) : undefined;
  const village = key.length === 12 ? self : undefined;
  const names: string[] = [];
  for (const e of [province, city, county, township, village]) {
    // A city without counties appears twice (city row and county row) under one name.
    if (e && !PLACEHOLDERS.has(e.name) && names[names.length - 1] !== e.name) names.push(e.name);
  }
  return {
    code: self.code, level: self.level, province,
    ...(city && { city }), ...(county && { county }), ...(township && { township }), ...(village && { village }),
    names, fullName: names.join(''),
  };
}

export { regionChildren };

export interface CountyDivisions {
  readonly county: RegionEntry;
  readonly townships: readonly { readonly township: RegionEntry; readonly villages: readonly RegionEntry[] }[];
}

/**
 * The townships of a county and the villages of each (loads the village
 * table). For demo data and address parsing within one county. A city
 * without counties (东莞 441900) counts as its own county.
 */
export function countyDivisions(countyCode: string): CountyDivisions | undefined {
  const entry = regionEntry(countyCode);
  const county = entry?.level === 'city' ? countyEntry(`${entry.code.slice(0, 4)}00`) : entry;
  if (!county || county.level !== 'county') return undefined;
  const townships = regionChildren(county.code).map((township) => ({ township, villages: regionChildren(township.code) }));
  return { county, townships };
}

const PADDED_NOTE = note('补零的区划代码已规范为本级代码', 'zero-padded code reduced to its own level');

/**
 * Validates a 行政区划代码 of 6 (province, city or county), 9 (township) or 12
 * (village) digits. 12-digit codes with trailing zeros are reduced to the level
 * they denote (340121000000 → 340121).
 */
export function validateRegionCode(raw: string): ValidationResult {
  const s = compact(raw);
  if (s.length === 0) return EMPTY;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return invalid(`区划代码只能包含数字：“${clip(s)}”`, `a region code has digits only: '${clip(s)}'`);
  }
  if (s.length !== 6 && s.length !== 9 && s.length !== 12) {
    return invalid(`区划代码应为 6 位（县级及以上）、9 位（乡级）或 12 位（村级），实际为 ${s.length} 位`, `a region code has 6 (county and above), 9 (township) or 12 (village) digits, got ${s.length}`);
  }
  const entry = regionEntry(s);
  if (!entry) return unknown(s);
  return entry.code === s ? valid(s) : valid(entry.code, [PADDED_NOTE]);
}

function unknown(s: string): ValidationResult {
  return invalid(`区划代码 ${s} 不在区划表中（2023 年统计用区划代码）`, `region code ${s} is not in the division table (2023 statistical division codes)`);
}
