/**
 * 民族 (GB/T 3304-1991): the 56 ethnic groups, 97 其他 and 98 外国血统中国籍人士,
 * each with its 2-digit code. Accepts the code (also unpadded, as Excel leaves
 * it), the name with or without 族, the romanised name and a few common short
 * or historical names.
 *
 * @example
 * validateEthnicity('汉');     // { ok: true, value: '01' }
 * validateEthnicity('维族');   // { ok: true, value: '05' }
 * ethnicityName('56');         // '基诺族'
 */
import { normalize } from './normalize.ts';
import { clip, EMPTY, invalid, valid, type ValidationResult } from './result.ts';

export interface EthnicGroup {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

const ROWS = `01 汉族 Han|02 蒙古族 Mongol|03 回族 Hui|04 藏族 Zang|05 维吾尔族 Uygur|06 苗族 Miao|07 彝族 Yi|08 壮族 Zhuang|
09 布依族 Buyei|10 朝鲜族 Chosen|11 满族 Man|12 侗族 Dong|13 瑶族 Yao|14 白族 Bai|15 土家族 Tujia|16 哈尼族 Hani|
17 哈萨克族 Kazak|18 傣族 Dai|19 黎族 Li|20 傈僳族 Lisu|21 佤族 Va|22 畲族 She|23 高山族 Gaoshan|24 拉祜族 Lahu|25 水族 Sui|
26 东乡族 Dongxiang|27 纳西族 Naxi|28 景颇族 Jingpo|29 柯尔克孜族 Kirgiz|30 土族 Tu|31 达斡尔族 Daur|32 仫佬族 Mulao|
33 羌族 Qiang|34 布朗族 Blang|35 撒拉族 Salar|36 毛南族 Maonan|37 仡佬族 Gelao|38 锡伯族 Xibe|39 阿昌族 Achang|40 普米族 Pumi|
41 塔吉克族 Tajik|42 怒族 Nu|43 乌孜别克族 Uzbek|44 俄罗斯族 Russ|45 鄂温克族 Ewenki|46 德昂族 Deang|47 保安族 Bonan|
48 裕固族 Yugur|49 京族 Gin|50 塔塔尔族 Tatar|51 独龙族 Derung|52 鄂伦春族 Oroqen|53 赫哲族 Hezhen|54 门巴族 Monba|
55 珞巴族 Lhoba|56 基诺族 Jino|97 其他 Other|98 外国血统中国籍人士 Chinese citizen of foreign origin`;

/** The GB/T 3304 table in code order. */
export const ETHNIC_GROUPS: readonly EthnicGroup[] = Object.freeze(
  ROWS.split('|').map((row) => {
    const [code, name, ...en] = row.trim().split(' ');
    return Object.freeze({ code: code!, name: name!, nameEn: en.join(' ') });
  }),
);

// Short and historical names in everyday use.
const ALIASES: Readonly<Record<string, string>> = {
  维族: '05', 蒙族: '02', 崩龙族: '46', 朝族: '10', 哈族: '17', 柯族: '29', 其他族: '97', 其它: '97', 未识别民族: '97',
  外国血统: '98', 入籍: '98',
};

const LOOKUP = new Map<string, string>();
for (const g of ETHNIC_GROUPS) {
  LOOKUP.set(g.code, g.code);
  LOOKUP.set(String(Number(g.code)), g.code);
  LOOKUP.set(g.name, g.code);
  if (g.name.endsWith('族')) LOOKUP.set(g.name.slice(0, -1), g.code);
  LOOKUP.set(g.nameEn.toLowerCase(), g.code);
}
for (const [alias, code] of Object.entries(ALIASES)) LOOKUP.set(alias, code);

const NAME_BY_CODE = new Map(ETHNIC_GROUPS.map((g) => [g.code, g.name]));

/** Name of a 2-digit code, e.g. '01' → '汉族'. */
export function ethnicityName(code: string): string | undefined {
  return NAME_BY_CODE.get(code);
}

/** Validates a 民族 value and returns its 2-digit GB/T 3304 code. */
export function validateEthnicity(raw: string): ValidationResult {
  const s = normalize(raw);
  if (s.length === 0) return EMPTY;
  const code = LOOKUP.get(s) ?? LOOKUP.get(s.toLowerCase());
  if (code !== undefined) return valid(code);
  return invalid(`“${clip(s)}”不是 GB/T 3304 中的民族名称或代码`, `'${clip(s)}' is not an ethnic group name or code in GB/T 3304`);
}
