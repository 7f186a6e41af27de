import { HOMOPHONE_TABLE, TRADITIONAL_TABLE } from './char-variant-table.ts';
import { LOOKALIKES } from './name-data.ts';

/**
 * The three ways a name gets miswritten, as per-character substitution tables:
 * same sound (dictated: 晓→小, 张→章), same look (copied by hand: 王→玉) and traditional
 * forms (typed on a traditional-character input method: 刘→劉). The sound and traditional
 * tables are stored (char-variant-table.ts, derived from pinyin-pro and OpenCC and checked
 * against them by a test) so that the generator loads neither dictionary.
 *
 * @example
 * const v = charVariants();
 * v.homophones.get('晓');   // ['小', '筱', '肖']
 * v.traditional.get('刘');  // '劉'
 */
export interface CharVariants {
  readonly homophones: ReadonlyMap<string, readonly string[]>;
  readonly lookalikes: ReadonlyMap<string, string>;
  readonly traditional: ReadonlyMap<string, string>;
}

let cached: CharVariants | undefined;

export function charVariants(): CharVariants {
  cached ??= {
    homophones: new Map(Object.entries(HOMOPHONE_TABLE).map(([ch, list]) => [ch, [...list]])),
    lookalikes: new Map(Object.entries(LOOKALIKES).filter(([from, to]) => from !== to)),
    traditional: new Map(Object.entries(TRADITIONAL_TABLE)),
  };
  return cached;
}
