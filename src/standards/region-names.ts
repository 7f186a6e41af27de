/**
 * Short forms of division names as people write them in addresses: 长丰县 →
 * 长丰, 峨边彝族自治县 → 峨边, 水湖镇 → 水湖, 锦湖社区居民委员会 → 锦湖社区 / 锦湖.
 * Short forms of one character are dropped: 赵县 must be written in full.
 *
 * @example
 * regionNameVariants({ code: '511132', name: '峨边彝族自治县', level: 'county' }); // ['峨边彝族自治县', '峨边县', '峨边']
 */
import { ETHNIC_GROUPS } from './ethnicity.ts';
import type { RegionEntry, RegionLevel } from './region-data.ts';

// Longest first, so 自治县 wins over 县 and 街道办事处 over 办事处.
const SUFFIXES: Readonly<Record<RegionLevel, readonly string[]>> = {
  province: ['维吾尔自治区', '自治区', '特别行政区', '省', '市'],
  city: ['自治州', '地区', '盟', '市'],
  county: ['自治县', '自治旗', '林区', '特区', '县', '区', '市', '旗'],
  township: ['街道办事处', '民族乡', '民族苏木', '办事处', '街道', '苏木', '镇', '乡', '区'],
  village: ['社区居民委员会', '社区居委会', '居民委员会', '村民委员会', '村委会', '居委会', '社区', '村'],
};

// Ethnic names that precede 自治县/民族乡 etc.; longest first (土家族 before 土族).
const ETHNIC_NAMES = ETHNIC_GROUPS.filter((g) => g.name.endsWith('族')).map((g) => g.name).sort((a, b) => b.length - a.length);

function stripEthnic(name: string): string {
  let s = name;
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC_NAMES) {
      if (s.endsWith(e) && s.length > e.length) {
        s = s.slice(0, -e.length);
        changed = true;
        break;
      }
    }
  }
  return s;
}

/** The full name followed by its usual short forms (each of two characters or more). */
export function regionNameVariants(entry: Pick<RegionEntry, 'name' | 'level'>): string[] {
  const out = [entry.name];
  const add = (v: string) => {
    if (v.length >= 2 && !out.includes(v)) out.push(v);
  };
  for (const suffix of SUFFIXES[entry.level]) {
    if (!entry.name.endsWith(suffix) || entry.name.length === suffix.length) continue;
    const stem = entry.name.slice(0, -suffix.length);
    const core = stripEthnic(stem);
    if (entry.level === 'county' && core !== stem && suffix.startsWith('自治')) add(`${core}${suffix.slice(2)}`);
    if (entry.level === 'village' && suffix.startsWith('社区') && suffix.length > 2) add(`${core}社区`);
    if (entry.level === 'village' && suffix.startsWith('村')) add(`${core}村`);
    add(core);
    break;
  }
  return out;
}
