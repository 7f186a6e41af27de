import { charVariants } from './char-variants.ts';
import { USCC_CHARSET } from './check-codes.ts';
import { formatDay, type DateStyle } from './dates.ts';
import { formatAddress, shortCountyName, type AddressForm, type AddressParts } from './housing.ts';
import type { NoiseKind, NoiseRole } from './noise-kinds.ts';
import type { Rng } from './prng.ts';

/**
 * What each noise kind does to a cell. `applies` says whether the kind can change this
 * value at all (eligibility, counted for the rate); `apply` returns the noisy value.
 *
 * @example
 * CELL_NOISE.id_transpose.apply('371321199003071234', rng, ctx); // '371321199030071234'
 */
export interface CellContext {
  readonly address: AddressParts | undefined;
  readonly addressForm: AddressForm;
  readonly xlsx: boolean;
  /** Another address in the county, for contradicting values. */
  otherAddress(rng: Rng): string;
}

export type CellValue = string | number;

export interface CellNoise {
  readonly role: Exclude<NoiseRole, 'row'>;
  applies(value: CellValue, ctx: CellContext): boolean;
  apply(value: CellValue, rng: Rng, ctx: CellContext): CellValue;
}

const FULL_WIDTH_OFFSET = 0xfee0;
export function toFullWidth(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c > 0x20 && c < 0x7f ? String.fromCharCode(c + FULL_WIDTH_OFFSET) : s[i];
  }
  return out;
}

function replaceOneChar(name: string, table: ReadonlyMap<string, string | readonly string[]>, rng: Rng): string {
  const chars = [...name];
  const positions = chars.flatMap((ch, i) => (table.has(ch) ? [i] : []));
  const at = positions[rng.int(positions.length)] as number;
  const sub = table.get(chars[at] as string) as string | readonly string[];
  chars[at] = typeof sub === 'string' ? sub : (rng.pick(sub) as string);
  return chars.join('');
}

function hasAny(name: CellValue, table: ReadonlyMap<string, unknown>): boolean {
  const s = String(name);
  // Names here are BMP characters, so indexing by code unit is indexing by character.
  for (let i = 0; i < s.length; i++) if (table.has(s[i] as string)) return true;
  return false;
}

const ID18 = (v: CellValue) => typeof v === 'string' && v.length === 18;
const DIGITS = '0123456789';
const HAND_DATE_STYLES: readonly DateStyle[] = ['dot', 'cjk', 'compact', 'slash', 'iso'];
const PHONE_FORMATS = [
  (d: string) => `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`,
  (d: string) => `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`,
  (d: string) => `+86 ${d}`,
  (d: string) => `+86-${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`,
  (d: string) => `0086${d}`,
  (d: string) => `${d.slice(0, 3)}.${d.slice(3, 7)}.${d.slice(7)}`,
];

export const CELL_NOISE: Readonly<Record<Exclude<NoiseKind, 'stale_dead' | 'stale_moved' | 'duplicate_row' | 'blank_cell' | 'garbage_cell'>, CellNoise>> = {
  name_homophone: { role: 'name', applies: (v) => hasAny(v, charVariants().homophones), apply: (v, rng) => replaceOneChar(String(v), charVariants().homophones, rng) },
  name_lookalike: { role: 'name', applies: (v) => hasAny(v, charVariants().lookalikes), apply: (v, rng) => replaceOneChar(String(v), charVariants().lookalikes, rng) },
  name_traditional: {
    role: 'name',
    applies: (v) => hasAny(v, charVariants().traditional),
    apply: (v) => [...String(v)].map((ch) => charVariants().traditional.get(ch) ?? ch).join(''),
  },
  name_space: {
    role: 'name',
    applies: (v) => String(v).length >= 2,
    apply: (v, rng) => {
      const s = String(v);
      const cut = s.length === 2 ? 1 : 1 + rng.int(s.length - 1);
      return `${s.slice(0, cut)}${rng.chance(0.5) ? '\u3000' : ' '}${s.slice(cut)}`;
    },
  },
  id_digit_typo: {
    role: 'id',
    applies: ID18,
    apply: (v, rng) => {
      const s = String(v);
      const at = rng.int(18);
      const pool = at === 17 ? '0123456789X' : DIGITS;
      let c = s[at] as string;
      while (c === s[at]) c = pool[rng.int(pool.length)] as string;
      return s.slice(0, at) + c + s.slice(at + 1);
    },
  },
  id_transpose: {
    role: 'id',
    applies: ID18,
    apply: (v, rng) => {
      const s = String(v);
      const spots: number[] = [];
      for (let i = 0; i < 17; i++) if (s[i] !== s[i + 1]) spots.push(i);
      const i = spots[rng.int(spots.length)] as number;
      return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    },
  },
  id_missing: { role: 'id', applies: ID18, apply: () => '' },
  id_legacy15: {
    role: 'id',
    // Only numbers issued before 1999, to people born 1900–1989: '19' then a decade digit below 9.
    applies: (v) => ID18(v) && (v as string).charCodeAt(6) === 49 && (v as string).charCodeAt(7) === 57 && (v as string).charCodeAt(8) < 57,
    apply: (v) => String(v).slice(0, 6) + String(v).slice(8, 17),
  },
  id_lowercase_x: { role: 'id', applies: (v) => ID18(v) && String(v).endsWith('X'), apply: (v) => `${String(v).slice(0, 17)}x` },
  id_fullwidth: { role: 'id', applies: ID18, apply: (v) => toFullWidth(String(v)) },
  id_excel_number: {
    role: 'id',
    applies: (v, ctx) => ctx.xlsx && ID18(v) && !String(v).endsWith('X'),
    // Excel keeps 15 significant digits of a number typed into a General cell.
    apply: (v) => Number(String(v).slice(0, 15)) * 1000,
  },
  phone_format: { role: 'phone', applies: (v) => String(v).length === 11, apply: (v, rng) => rng.pick(PHONE_FORMATS)(String(v)) },
  phone_fullwidth: { role: 'phone', applies: (v) => String(v).length === 11, apply: (v) => toFullWidth(String(v)) },
  phone_conflict: {
    role: 'phone',
    applies: (v) => String(v).length === 11,
    apply: (v, rng) => {
      const s = String(v);
      let out = s;
      while (out === s) out = `1${rng.pick(['3', '5', '8'])}${String(rng.int(10))}${String(rng.int(1e8)).padStart(8, '0')}`;
      return out;
    },
  },
  addr_abbrev: {
    role: 'address',
    applies: (_v, ctx) => ctx.address !== undefined,
    apply: (_v, _rng, ctx) => {
      const p = ctx.address as AddressParts;
      return `${shortCountyName(p.county)}${p.township}${p.village}${p.shortTail}`;
    },
  },
  addr_missing_level: {
    role: 'address',
    applies: (_v, ctx) => ctx.address !== undefined,
    apply: (_v, rng, ctx) => {
      const p = ctx.address as AddressParts;
      return formatAddress(rng.chance(0.5) ? { ...p, township: '' } : { ...p, village: '' }, ctx.addressForm);
    },
  },
  addr_old_name: {
    role: 'address',
    applies: (_v, ctx) => ctx.address?.oldVillage !== undefined,
    apply: (_v, _rng, ctx) => {
      const p = ctx.address as AddressParts;
      return formatAddress({ ...p, village: p.oldVillage as string }, ctx.addressForm);
    },
  },
  addr_conflict: {
    role: 'address',
    applies: (v, ctx) => ctx.address !== undefined && v !== '',
    apply: (v, rng, ctx) => {
      let out = String(v);
      for (let tries = 0; tries < 5 && out === v; tries++) out = ctx.otherAddress(rng);
      return out;
    },
  },
  date_text: {
    role: 'date',
    applies: (v, ctx) => ctx.xlsx && typeof v === 'number',
    apply: (v, rng) => {
      const style = rng.pick(HAND_DATE_STYLES);
      const text = formatDay((v as number) - 25569, style);
      // People type 1990.3.7 as often as 1990.03.07.
      return style === 'dot' && rng.chance(0.5) ? text.replace(/\.0/g, '.') : text;
    },
  },
  uscc_typo: {
    role: 'uscc',
    applies: (v) => typeof v === 'string' && v.length === 18,
    apply: (v, rng) => {
      const s = String(v);
      const at = rng.int(18);
      let c = s[at] as string;
      while (c === s[at]) c = USCC_CHARSET[rng.int(31)] as string;
      return s.slice(0, at) + c + s.slice(at + 1);
    },
  },
};

/** Cell garbage: symbols for required columns (so a validator can see there is no value), plus words elsewhere. */
export const GARBAGE_SYMBOLS = ['/', '-', '#N/A', '？', '.', '——', '…', '*'] as const;
export const GARBAGE_WORDS = ['无', '不详', '待补充', '见备注', '暂无', '空', 'NULL'] as const;
export const GARBAGE_VALUES: ReadonlySet<string> = new Set([...GARBAGE_SYMBOLS, ...GARBAGE_WORDS]);
