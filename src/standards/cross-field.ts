/**
 * Checks between fields of one record. Each answers `consistent`,
 * `inconsistent` (with a precise reason) or `not_checked` (a field is itself
 * invalid or carries no information, e.g. sex code 9), so the ingest pipeline
 * does not report one bad value twice.
 *
 * @example
 * checkBirthDateAgainstId('11010519491231002X', '1949-12-30');
 * // { status: 'inconsistent', reason: { zh: '出生日期 1949-12-30 与身份号码中的 1949-12-31 不一致', … } }
 * checkRegionAgainstAddress('340121', '水湖镇幸福路 12 号'); // { status: 'consistent' }
 */
import { validateBirthDate } from './date.ts';
import { validateIdNumber, birthDateFromId, sexFromId } from './id-number.ts';
import { allCounties, regionChildren, regionEntry, type RegionEntry } from './region-data.ts';
import { regionNameVariants } from './region-names.ts';
import { regionPath, validateRegionCode } from './region.ts';
import type { Reason } from './result.ts';
import { validateSex } from './sex.ts';
import { compact } from './normalize.ts';

export type CrossFieldResult =
  | { readonly status: 'consistent' }
  | { readonly status: 'inconsistent'; readonly reason: Reason }
  | { readonly status: 'not_checked'; readonly reason: Reason };

const CONSISTENT: CrossFieldResult = Object.freeze({ status: 'consistent' });
const notChecked = (zh: string, en: string): CrossFieldResult => ({ status: 'not_checked', reason: { zh, en } });
const inconsistent = (zh: string, en: string): CrossFieldResult => ({ status: 'inconsistent', reason: { zh, en } });

const BAD_ID = (r: Reason) => notChecked(`身份号码无效，未比对：${r.zh}`, `ID number invalid, not compared: ${r.en}`);

/** The birth date field against the date embedded in the ID number. */
export function checkBirthDateAgainstId(idNumber: string, birthDate: string): CrossFieldResult {
  const id = validateIdNumber(idNumber);
  if (!id.ok) return BAD_ID(id.reason);
  const date = validateBirthDate(birthDate);
  if (!date.ok) return notChecked(`出生日期无效，未比对：${date.reason.zh}`, `birth date invalid, not compared: ${date.reason.en}`);
  const fromId = birthDateFromId(id.value)!;
  if (fromId === date.value) return CONSISTENT;
  return inconsistent(`出生日期 ${date.value} 与身份号码中的 ${fromId} 不一致`, `birth date ${date.value} does not match ${fromId} in the ID number`);
}

const SEX_ZH: Readonly<Record<string, string>> = { '1': '男', '2': '女' };
const SEX_EN: Readonly<Record<string, string>> = { '1': 'male', '2': 'female' };

/** The sex field against the parity of the ID number's sequence digit. */
export function checkSexAgainstId(idNumber: string, sex: string): CrossFieldResult {
  const id = validateIdNumber(idNumber);
  if (!id.ok) return BAD_ID(id.reason);
  const s = validateSex(sex);
  if (!s.ok) return notChecked(`性别无效，未比对：${s.reason.zh}`, `sex invalid, not compared: ${s.reason.en}`);
  if (s.value === '0' || s.value === '9') return notChecked('性别未知或未说明，未比对', 'sex unknown or not stated, not compared');
  const fromId = sexFromId(id.value)!;
  if (fromId === s.value) return CONSISTENT;
  return inconsistent(
    `性别“${SEX_ZH[s.value]}”与身份号码不符：第 17 位 ${id.value[16]} 为${fromId === '1' ? '奇数（男）' : '偶数（女）'}`,
    `sex '${SEX_EN[s.value]}' does not match the ID number: digit 17 (${id.value[16]}) is ${fromId === '1' ? 'odd (male)' : 'even (female)'}`,
  );
}

function mentions(address: string, entry: RegionEntry): string | undefined {
  for (const v of regionNameVariants(entry)) if (address.includes(v)) return v;
  return undefined;
}

/**
 * Whether an address mentions the division of a region code: for a county
 * code, the county or any of its townships; for a township code, the
 * township or its county; for a village code, the village, township or
 * county; for a province or city code, that province or city. Short forms
 * (长丰 for 长丰县) count.
 */
export function checkRegionAgainstAddress(regionCode: string, address: string): CrossFieldResult {
  const code = validateRegionCode(regionCode);
  if (!code.ok) return notChecked(`区划代码无效，未比对：${code.reason.zh}`, `region code invalid, not compared: ${code.reason.en}`);
  const text = compact(address);
  if (text.length === 0) return notChecked('地址为空，未比对', 'address empty, not compared');
  const path = regionPath(code.value)!;
  const self = regionEntry(code.value)!;
  const candidates = [self, path.township, path.county].filter((e, i, all): e is RegionEntry => e !== undefined && all.indexOf(e) === i);
  for (const e of candidates) if (mentions(text, e)) return CONSISTENT;
  // For a county code (or a city without counties) naming one of its townships is enough.
  if (path.county && !path.township) for (const t of regionChildren(path.county.code)) if (mentions(text, t)) return CONSISTENT;

  const target = path.county ?? self;
  const other = conflictingMention(text, target);
  const expected = [...new Set(candidates.map((e) => e.name))].join('、');
  if (other) {
    return inconsistent(
      `地址提到“${other.name}”（${other.code}），与区划代码 ${code.value}（${expected}）不符`,
      `address mentions ${other.name} (${other.code}), which does not match region code ${code.value} (${expected})`,
    );
  }
  const short = regionNameVariants(self).slice(1);
  return inconsistent(
    `地址未提及区划代码 ${code.value} 对应的${expected}${short.length ? `（或简称${short.join('、')}）` : ''}`,
    `address does not mention ${expected}${short.length ? ` (or ${short.join(', ')})` : ''} of region code ${code.value}`,
  );
}

// Another division the address names instead: a sibling first (same city or
// county), then any county in the country by its full name.
function conflictingMention(text: string, target: RegionEntry): RegionEntry | undefined {
  const parent = target.level === 'county' ? target.code.slice(0, 4) : target.level === 'township' ? target.code.slice(0, 6) : undefined;
  if (parent) {
    for (const sibling of regionChildren(parent)) if (sibling.code !== target.code && mentions(text, sibling)) return sibling;
  }
  if (target.level === 'province' || target.level === 'city') return undefined;
  for (const c of allCounties()) if (c.code !== target.code && text.includes(c.name) && c.name.length >= 3) return c;
  return undefined;
}
