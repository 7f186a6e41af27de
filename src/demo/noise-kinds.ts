import { AppError } from '../shared/errors.ts';

/**
 * The kinds of noise the generator puts into department files, each with a default base
 * rate. A file's effective rate is base × the file's `dirtiness` (the household register is
 * clean, the grid worker's ledger is the dirtiest), capped at 0.9. Rates are per eligible
 * row: a name kind per row whose name has a character with such a variant, `id_lowercase_x`
 * per row whose ID ends in X, `stale_dead` per dead person the department had on its books,
 * and so on (see docs/demo-data.md).
 *
 * Kinds with the same role are exclusive within a cell: one draw decides which, if any, of
 * them hits the cell, so each happens at exactly its rate.
 *
 * @example
 * const rates = resolveRates(parseNoiseOverrides('name_homophone=0.02,blank_cell=0'));
 * rates.name_homophone; // 0.02
 */
export type NoiseRole = 'name' | 'id' | 'phone' | 'address' | 'date' | 'uscc' | 'row';

interface KindInfo {
  readonly role: NoiseRole;
  readonly rate: number;
  readonly zh: string;
}

export const NOISE_KINDS = {
  name_homophone: { role: 'name', rate: 0.01, zh: '姓名同音字（王晓明→王小明，张→章）' },
  name_lookalike: { role: 'name', rate: 0.005, zh: '姓名形近字（王→玉）' },
  name_traditional: { role: 'name', rate: 0.005, zh: '姓名繁体字（刘→劉）' },
  name_space: { role: 'name', rate: 0.006, zh: '姓名中夹半角或全角空格（王　明）' },
  id_digit_typo: { role: 'id', rate: 0.006, zh: '身份证号某一位录错' },
  id_transpose: { role: 'id', rate: 0.004, zh: '身份证号相邻两位颠倒' },
  id_missing: { role: 'id', rate: 0.01, zh: '身份证号缺失' },
  id_legacy15: { role: 'id', rate: 0.004, zh: '15 位旧身份证号（仅 1990 年前出生者）' },
  id_lowercase_x: { role: 'id', rate: 0.2, zh: '校验位写成小写 x（仅校验位为 X 者）' },
  id_fullwidth: { role: 'id', rate: 0.005, zh: '身份证号全角数字' },
  id_excel_number: { role: 'id', rate: 0.01, zh: 'XLSX 中身份证号存成数字，后 3 位丢失（仅校验位为数字者）' },
  phone_format: { role: 'phone', rate: 0.05, zh: '电话格式不一（138-1234-5678、+86 …）' },
  phone_fullwidth: { role: 'phone', rate: 0.005, zh: '电话全角数字' },
  phone_conflict: { role: 'phone', rate: 0.03, zh: '电话与真实值不同（部门间矛盾）' },
  addr_abbrev: { role: 'address', rate: 0.05, zh: '地址简写（省市省略，沂南县→沂南，3号楼2单元502室→3-2-502）' },
  addr_missing_level: { role: 'address', rate: 0.03, zh: '地址缺少乡镇或村（社区）一级' },
  addr_old_name: { role: 'address', rate: 0.1, zh: '地址使用村（社区）旧名（仅有旧名者）' },
  addr_conflict: { role: 'address', rate: 0.02, zh: '地址与真实值不同（部门间矛盾）' },
  date_text: { role: 'date', rate: 0.03, zh: 'XLSX 日期单元格被手工录成文本（1990.3.7 等）' },
  uscc_typo: { role: 'uscc', rate: 0.006, zh: '统一社会信用代码某一位录错' },
  stale_dead: { role: 'row', rate: 0.3, zh: '已死亡人员仍在册（陈旧记录）' },
  stale_moved: { role: 'row', rate: 0.25, zh: '已迁居人员仍登记旧地址或仍在册（陈旧记录）' },
  duplicate_row: { role: 'row', rate: 0.01, zh: '同一部门内重复行' },
  blank_cell: { role: 'row', rate: 0.02, zh: '某一单元格为空' },
  garbage_cell: { role: 'row', rate: 0.01, zh: '某一单元格为无意义内容（/、#N/A、无 …）' },
} as const satisfies Record<string, KindInfo>;

export type NoiseKind = keyof typeof NOISE_KINDS;
export type NoiseRates = Readonly<Record<NoiseKind, number>>;
export const NOISE_KIND_NAMES = Object.keys(NOISE_KINDS) as NoiseKind[];

export function isNoiseKind(s: string): s is NoiseKind {
  return Object.hasOwn(NOISE_KINDS, s);
}

/** Parses `kind=rate,kind=rate`; rates in [0, 1]. */
export function parseNoiseOverrides(text: string | undefined): Partial<Record<NoiseKind, number>> {
  const out: Partial<Record<NoiseKind, number>> = {};
  if (!text) return out;
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [kind, value] = part.split('=').map((s) => s.trim());
    if (!kind || !isNoiseKind(kind)) {
      throw new AppError('invalid_input', `未知的噪声类型 ${kind} / unknown noise kind ${kind}; 可选 known: ${NOISE_KIND_NAMES.join(', ')}`, [{ path: '/noise', message: part }]);
    }
    const rate = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new AppError('invalid_input', `噪声比例应在 0 到 1 之间 / noise rate must be within [0, 1]: ${part}`, [{ path: '/noise', message: part }]);
    }
    out[kind] = rate;
  }
  return out;
}

export function resolveRates(overrides: Partial<Record<NoiseKind, number>> = {}): NoiseRates {
  const rates = {} as Record<NoiseKind, number>;
  for (const k of NOISE_KIND_NAMES) rates[k] = overrides[k] ?? NOISE_KINDS[k].rate;
  return rates;
}

/** Effective rates of one file: base × dirtiness, capped; exclusive groups scaled to sum ≤ 0.95. */
export function fileRates(base: NoiseRates, dirtiness: number): Record<NoiseKind, number> {
  const out = {} as Record<NoiseKind, number>;
  for (const k of NOISE_KIND_NAMES) out[k] = Math.min(0.9, base[k] * dirtiness);
  const roles: NoiseRole[] = ['name', 'id', 'phone', 'address', 'date', 'uscc'];
  for (const role of roles) {
    const kinds = NOISE_KIND_NAMES.filter((k) => NOISE_KINDS[k].role === role);
    const sum = kinds.reduce((a, k) => a + out[k], 0);
    if (sum > 0.95) for (const k of kinds) out[k] = (out[k] * 0.95) / sum;
  }
  const cellSum = out.blank_cell + out.garbage_cell;
  if (cellSum > 0.95) {
    out.blank_cell = (out.blank_cell * 0.95) / cellSum;
    out.garbage_cell = (out.garbage_cell * 0.95) / cellSum;
  }
  return out;
}
