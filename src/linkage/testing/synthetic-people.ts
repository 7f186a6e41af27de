/**
 * Seeded noisy Chinese person records with known truth, for tests and benchmarks until the demo
 * county's generator supplies real-looking data: homophone and traditional-character names,
 * ID typos / transpositions / legacy 15-digit numbers, phone and address writing variants.
 *
 * @example
 * const { records, personOf } = syntheticPeople({ persons: 200, seed: 7 });
 * records[0] // { id: 'r0', values: { name: '王晓明', id_number: '4105…', … } }
 */
import { mulberry32 } from '../train.ts';
import { residentIdCheck } from '../values/resident-id.ts';
import type { IncomingRecord } from '../linker.ts';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文单欧阳';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美淑惠珠翠雅芝玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽秀飞';
const HOMOPHONE: Record<string, string> = { 晓: '小', 明: '鸣', 伟: '玮', 华: '化', 丽: '莉', 军: '君', 静: '婧', 杰: '洁', 芳: '方', 红: '虹', 玲: '铃', 霞: '侠', 欣: '新', 婷: '亭', 勇: '永', 涛: '韬' };
const TRADITIONAL: Record<string, string> = { 张: '張', 刘: '劉', 陈: '陳', 杨: '楊', 赵: '趙', 黄: '黃', 吴: '吳', 晓: '曉', 华: '華', 丽: '麗', 军: '軍', 东: '東', 红: '紅', 伟: '偉', 芳: '芳', 涛: '濤', 静: '靜', 云: '雲' };
const TOWNS = ['城关镇', '河东镇', '新华乡', '石桥镇', '白沙乡', '青山镇', '柳园镇', '南岗乡', '北关镇', '五里铺乡', '杨庄镇', '高平乡'];
// About 300 village names, as in a real county.
const VILLAGES = [...'幸福红星胜利和平向阳光明团结建设新民东风'.match(/../g)!].flatMap((a) => [...'张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁'].map((b) => `${b}${a}村`));
const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const COUNTIES = [['410522', '某某县'], ['410523', '汤阴县'], ['410526', '滑县']] as const;

export interface SyntheticOptions {
  readonly persons: number;
  readonly seed?: number;
  /** Largest number of records per person (1 + extra copies). */
  readonly maxCopies?: number;
}

export interface SyntheticPeople {
  readonly records: IncomingRecord[];
  readonly personOf: Map<string, number>;
}

interface Person {
  name: string;
  sex: 1 | 2;
  birth: string;
  id: string;
  phone: string;
  county: string;
  town: string;
  village: string;
  group: number;
  number: number;
  ethnicity: string;
}

export function syntheticPeople(options: SyntheticOptions): SyntheticPeople {
  const rand = mulberry32(options.seed ?? 1);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rand() * xs.length)]!;
  const maxCopies = options.maxCopies ?? 3;
  const records: IncomingRecord[] = [];
  const personOf = new Map<string, number>();
  for (let p = 0; p < options.persons; p++) {
    const person = makePerson(rand, pick, p);
    const copies = 1 + Math.floor(rand() * maxCopies);
    for (let c = 0; c < copies; c++) {
      const id = `r${records.length}`;
      records.push({ id, values: c === 0 && rand() < 0.5 ? clean(person) : noisy(person, rand, pick) });
      personOf.set(id, p);
    }
  }
  // Shuffle so that copies of a person do not arrive together.
  for (let i = records.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [records[i], records[j]] = [records[j]!, records[i]!];
  }
  return { records, personOf };
}

// Sequence numbers already given out per region + birth date (module-wide, so repeated calls in
// one process never reuse a number).
const issued = new Map<string, number>();

function makePerson(rand: () => number, pick: <T>(xs: ArrayLike<T>) => T, _p: number): Person {
  const surname = rand() < 0.01 ? '欧阳' : pick(SURNAMES.slice(0, -2));
  const given = pick(GIVEN) + (rand() < 0.8 ? pick(GIVEN) : '');
  const sex: 1 | 2 = rand() < 0.5 ? 1 : 2;
  const y = 1940 + Math.floor(rand() * 70);
  const birth = `${y}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  const [code, county] = pick(COUNTIES);
  // Odd sequence for men, even for women, as the standard requires; unique per county and day.
  const day = `${code}${birth}`;
  const n = (issued.get(day) ?? 0) + 1;
  issued.set(day, n);
  const seq = String(((n * 2 + (sex === 1 ? 1 : 0)) % 1000)).padStart(3, '0');
  const body = `${day}${seq}`;
  return {
    name: surname + given,
    sex,
    birth,
    id: body + residentIdCheck(body),
    phone: `1${pick('3456789')}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`,
    county,
    town: pick(TOWNS),
    village: pick(VILLAGES),
    group: 1 + Math.floor(rand() * 12),
    number: 1 + Math.floor(rand() * 200),
    ethnicity: rand() < 0.9 ? '汉族' : pick(['回族', '满族', '蒙古族', '壮族']),
  };
}

function clean(x: Person): Record<string, string> {
  return {
    name: x.name,
    id_number: x.id,
    birth_date: x.birth,
    sex: x.sex === 1 ? '男' : '女',
    phone: x.phone,
    address: `${x.county}${x.town}${x.village}${x.group}组${x.number}号`,
    ethnicity: x.ethnicity,
  };
}

function noisy(x: Person, rand: () => number, pick: <T>(xs: ArrayLike<T>) => T): Record<string, string> {
  const v = clean(x);
  const chance = (p: number) => rand() < p;
  let name = x.name;
  if (chance(0.12)) name = [...name].map((ch, i) => (i > 0 && HOMOPHONE[ch] && chance(0.7) ? HOMOPHONE[ch] : ch)).join('');
  if (chance(0.12)) name = [...name].map((ch) => TRADITIONAL[ch] ?? ch).join('');
  if (chance(0.03)) name = name.slice(0, -1) + pick(GIVEN);
  v.name = name;
  const id = x.id;
  if (chance(0.06)) {
    const at = Math.floor(rand() * 17);
    v.id_number = id.slice(0, at) + String((Number(id[at]) + 1 + Math.floor(rand() * 8)) % 10) + id.slice(at + 1);
  } else if (chance(0.04)) {
    const at = 6 + Math.floor(rand() * 10);
    v.id_number = id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2);
  } else if (chance(0.1)) delete v.id_number;
  else if (chance(0.06) && x.birth < '20000000') v.id_number = id.slice(0, 6) + id.slice(8, 17);
  if (chance(0.05)) delete v.birth_date;
  else if (chance(0.3)) v.birth_date = `${x.birth.slice(0, 4)}-${x.birth.slice(4, 6)}-${x.birth.slice(6)}`;
  else if (chance(0.02)) v.birth_date = x.birth.slice(0, 4) + x.birth.slice(6) + x.birth.slice(4, 6);
  v.sex = pick(x.sex === 1 ? ['男', '1', 'M', '男性'] : ['女', '2', 'F', '女性']);
  if (chance(0.3)) delete v.phone;
  else if (chance(0.25)) v.phone = `+86 ${x.phone.slice(0, 3)}-${x.phone.slice(3, 7)}-${x.phone.slice(7)}`;
  else if (chance(0.08)) v.phone = `1${pick('3456789')}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
  const group = chance(0.3) ? `${NUMERALS[x.group]}组` : `${x.group}组`;
  const county = chance(0.4) ? '' : x.county;
  v.address = chance(0.08) ? `${x.county}${x.town}${pick(VILLAGES)}${group}${x.number}号` : `${county}${x.town}${x.village}${group}${x.number}号`;
  if (chance(0.1)) delete v.address;
  v.ethnicity = chance(0.5) ? x.ethnicity.replace(/族$/, '') : x.ethnicity;
  return v;
}

export interface SyntheticFilesOptions {
  readonly persons: number;
  /** Share of the persons that appear in both files (the rest appear in one file only). */
  readonly overlap?: number;
  readonly seed?: number;
  readonly leftPath: string;
  readonly rightPath: string;
}

const COLUMNS = ['record_id', 'person', 'name', 'id_number', 'birth_date', 'sex', 'phone', 'address', 'ethnicity'] as const;

/**
 * Two department files for a link benchmark, streamed to disk: the left file holds one clean or
 * lightly noisy record per person, the right file a noisy copy of `overlap` of them plus as many
 * other persons. The `person` column is the truth and is not given to the linker.
 */
export function writeSyntheticLinkFiles(options: SyntheticFilesOptions, write: (path: string) => { line(s: string): void; close(): void }): { truePairs: number } {
  const rand = mulberry32(options.seed ?? 1);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rand() * xs.length)]!;
  const overlap = options.overlap ?? 0.6;
  const left = write(options.leftPath);
  const right = write(options.rightPath);
  left.line(COLUMNS.join(','));
  right.line(COLUMNS.join(','));
  const row = (id: string, p: number, v: Record<string, string>) => [id, String(p), v.name ?? '', v.id_number ?? '', v.birth_date ?? '', v.sex ?? '', v.phone ?? '', v.address ?? '', v.ethnicity ?? ''].map(csvSafe).join(',');
  let truePairs = 0;
  let r = 0;
  for (let p = 0; p < options.persons; p++) {
    const person = makePerson(rand, pick, p);
    left.line(row(`L${p}`, p, rand() < 0.7 ? clean(person) : noisy(person, rand, pick)));
    if (rand() < overlap) {
      right.line(row(`R${r++}`, p, noisy(person, rand, pick)));
      truePairs++;
    } else {
      const other = makePerson(rand, pick, options.persons + p);
      right.line(row(`R${r++}`, options.persons + p, noisy(other, rand, pick)));
    }
  }
  left.close();
  right.close();
  return { truePairs };
}

function csvSafe(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
