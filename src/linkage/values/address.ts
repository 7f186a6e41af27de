/**
 * Chinese addresses split into levels (province … village, road, number, building, unit, room)
 * so that two writings are compared level by level: a level missing on one side is no evidence,
 * a level present on both sides must agree.
 *
 * @example
 * parseAddress('某某县城关镇幸福村三组12号')
 * // { county: '某某县', town: '城关镇', village: '幸福村', group: '3', number: '12', … }
 */
import { chineseUnitNumerals, toHalfWidth } from '../text/normalize.ts';

export const ADDRESS_PARTS = [
  'province', 'city', 'county', 'cityOrCounty', 'town', 'village', 'road', 'estate',
  'group', 'number', 'building', 'unit', 'floor', 'room', 'rest',
] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];
export type ParsedAddress = Partial<Record<AddressPart, string>>;

const MUNICIPALITIES = new Set(['北京市', '天津市', '上海市', '重庆市', '北京', '天津', '上海', '重庆']);

type Step = readonly [AddressPart | 'admin', RegExp];
// Sticky (y) patterns are matched in place at lastIndex, so parsing slices no strings.
const STEPS: readonly Step[] = ([
  ['admin', /[^镇乡村路街号组巷弄道]{1,9}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|盟|地区|县|区|旗)/y],
  ['town', /[^村路街号组巷弄]{1,10}?(?:街道办事处|街道|镇|乡|苏木)/y],
  ['village', /[^路街号组巷弄]{1,10}?(?:村民委员会|村委会|居民委员会|居委会|社区|村|嘎查)/y],
  ['group', /(\d+)(?:村民小组|组|队|社)/y],
  ['road', /[^号组]{1,12}?(?:大道|路|街|巷|弄|胡同)/y],
  ['number', /(\d+(?:-\d+)?)号(?!楼)/y],
  ['estate', /[^号\d]{1,12}?(?:小区|花园|公寓|大厦|家园|苑|广场|新村)/y],
  ['building', /(\d+)(?:号楼|栋|幢|座|楼)/y],
  ['unit', /(\d+)单元/y],
  ['floor', /(\d+)层/y],
  ['room', /(\d+)(?:室|户|房)?$|(\d+)(?:室|户|房)/y],
] as const).map(([p, re]) => [p, re] as Step);

/** Half-width, simplified digits for unit numerals, no spaces or punctuation, no leading 中国. */
export function normalizeAddress(raw: string): string {
  return chineseUnitNumerals(toHalfWidth(raw).toLowerCase())
    .replace(/號/g, '号')
    .replace(/[\s,，、.。#()（）]+/g, '')
    .replace(/^中华人民共和国|^中国/, '');
}

/** Splits a normalised address; text no step recognises is kept, in order, as `rest`. */
export function parseAddress(normalised: string): ParsedAddress {
  const parts = parseAddressParts(normalised, new Array<string | undefined>(ADDRESS_PARTS.length));
  const out: ParsedAddress = {};
  ADDRESS_PARTS.forEach((p, k) => {
    if (parts[k] !== undefined) out[p] = parts[k];
  });
  return out;
}

/**
 * parseAddress into `parts` (indexed as ADDRESS_PARTS, undefined where absent; cleared first):
 * the hot path's form, without an object of changing shape per address.
 */
export function parseAddressParts(normalised: string, parts: (string | undefined)[]): (string | undefined)[] {
  parts.fill(undefined);
  const admin: string[] = [];
  let pos = 0;
  let step = 0;
  let rest = '';
  while (pos < normalised.length) {
    let matched = false;
    for (let k = step; k < STEPS.length; k++) {
      const [part, re] = STEPS[k]!;
      re.lastIndex = pos;
      const m = re.exec(normalised);
      if (!m) continue;
      if (part === 'admin') {
        if (admin.length >= 4) continue;
        admin.push(m[0]);
        step = k;
      } else {
        parts[P[part]] = m[1] ?? m[2] ?? m[0];
        step = k + 1;
      }
      pos += m[0].length;
      matched = true;
      break;
    }
    if (!matched) {
      // Unknown text (a building's brand name, a landmark): keep it and let later levels resume.
      rest += normalised[pos];
      pos++;
      if (step === 0) step = 1;
    }
  }
  if (rest) parts[P.rest] = rest;
  classifyAdmin(admin, parts);
  return parts;
}

function classifyAdmin(units: readonly string[], parts: (string | undefined)[]): void {
  units.forEach((u, i) => {
    const last = i === units.length - 1;
    if (/(省|自治区|特别行政区)$/.test(u) || (i === 0 && MUNICIPALITIES.has(u))) parts[P.province] = u;
    else if (/(州|盟|地区)$/.test(u)) parts[P.city] = u;
    else if (/(县|区|旗)$/.test(u)) parts[P.county] = u;
    else if (!last) parts[P.city] = u;
    else if (parts[P.city] !== undefined) parts[P.county] = u;
    else parts[P.cityOrCounty] = u;
  });
}

/** Outcome of comparing two parsed addresses, best first. */
export type AddressAgreement = 'compatible' | 'same_street' | 'same_area' | 'different';

/** Parts as interned ids in ADDRESS_PARTS order, -1 where absent (the form the dictionary stores). */
export type AddressCodes = ArrayLike<number>;

const P = Object.fromEntries(ADDRESS_PARTS.map((p, i) => [p, i])) as Record<AddressPart, number>;
const STREET = [P.village, P.road, P.estate];
const DETAIL = [P.group, P.number, P.building, P.unit, P.floor, P.room, P.rest];

/**
 * Level-by-level agreement: `compatible` when every level both sides give agrees down to a house
 * detail (number, group, room…), `same_street` when they share a village/road/estate,
 * `same_area` when they share only the town or county.
 */
export function compareAddressCodes(a: AddressCodes, offA: number, b: AddressCodes, offB: number): AddressAgreement {
  if (agree(a, offA, b, offB, P.province) < 0 || agree(a, offA, b, offB, P.city) < 0 || agree(a, offA, b, offB, P.county) < 0) return 'different';
  if (ambiguousConflict(a, offA, b, offB) || ambiguousConflict(b, offB, a, offA)) return 'different';
  const town = agree(a, offA, b, offB, P.town);
  if (town < 0) return 'different';
  const area = town > 0 || agree(a, offA, b, offB, P.county) > 0;
  let streetAgree = false;
  for (const p of STREET) {
    const s = agree(a, offA, b, offB, p);
    if (s < 0) return area ? 'same_area' : 'different';
    if (s > 0) streetAgree = true;
  }
  let detailAgree = false;
  let detailConflict = false;
  for (const p of DETAIL) {
    const s = agree(a, offA, b, offB, p);
    if (s < 0) detailConflict = true;
    else if (s > 0) detailAgree = true;
  }
  if (streetAgree && detailAgree && !detailConflict) return 'compatible';
  if (streetAgree) return 'same_street';
  return area ? 'same_area' : 'different';
}

/** 1 both present and equal, -1 both present and different, 0 otherwise. */
function agree(a: AddressCodes, offA: number, b: AddressCodes, offB: number, p: number): number {
  const x = a[offA + p]!;
  const y = b[offB + p]!;
  if (x < 0 || y < 0) return 0;
  return x === y ? 1 : -1;
}

// A bare 某某市 may be a prefecture or a county-level city: it conflicts only if it matches neither.
function ambiguousConflict(a: AddressCodes, offA: number, b: AddressCodes, offB: number): boolean {
  const u = a[offA + P.cityOrCounty]!;
  if (u < 0) return false;
  const amb = b[offB + P.cityOrCounty]!;
  if (amb >= 0) return amb !== u;
  const city = b[offB + P.city]!;
  const county = b[offB + P.county]!;
  return city >= 0 && county >= 0 && city !== u && county !== u;
}

/** compareAddressCodes for two parsed objects (convenience for callers outside the hot path). */
export function compareAddresses(a: ParsedAddress, b: ParsedAddress): AddressAgreement {
  const ids = new Map<string, number>();
  const code = (x: ParsedAddress): number[] =>
    ADDRESS_PARTS.map((p) => {
      const v = x[p];
      if (v === undefined) return -1;
      let id = ids.get(v);
      if (id === undefined) ids.set(v, (id = ids.size));
      return id;
    });
  return compareAddressCodes(code(a), 0, code(b), 0);
}
