import { Weighted, type Rng } from './prng.ts';
import { COUNTY_HAN_SHARE, ERA_STARTS, ETHNIC_GROUPS, GIVEN_CHARS, SINGLE_CHAR_SHARE, SURNAMES } from './name-data.ts';
import { NO_CHAR } from './world.ts';

/**
 * Draws surnames, given names and ethnic groups from the tables in name-data.ts.
 *
 * @example
 * const book = createNameBook();
 * const s = book.surname(rng);             // index into book.surnames
 * const [g1, g2] = book.given(rng, 1, 1995);
 */
export interface NameBook {
  readonly surnames: readonly string[];
  readonly givenChars: readonly string[];
  surname(rng: Rng): number;
  /** Two indices into givenChars; the second is NO_CHAR for a one-character given name. */
  given(rng: Rng, sex: number, birthYear: number): [number, number];
  ethnicity(rng: Rng): number;
}

export function createNameBook(): NameBook {
  const surnames = SURNAMES.map(([s]) => s);
  const surnameDraw = new Weighted(SURNAMES.map(([, w]) => w));
  const givenChars: string[] = [];
  const indexOf = new Map<string, number>();
  const pools = GIVEN_CHARS.map((pair) =>
    pair.map((chars) => {
      const ids = [...new Set(chars)].map((ch) => {
        let id = indexOf.get(ch);
        if (id === undefined) {
          id = givenChars.length;
          givenChars.push(ch);
          indexOf.set(ch, id);
        }
        return id;
      });
      // Popularity falls off with rank, as in published given-name rankings.
      return { ids, draw: new Weighted(ids.map((_, rank) => 1 / (rank + 4))) };
    }),
  );
  const minorityTotal = ETHNIC_GROUPS.slice(1).reduce((a, [, , w]) => a + w, 0);
  const ethnicDraw = new Weighted(
    ETHNIC_GROUPS.map(([, , w], i) => (i === 0 ? COUNTY_HAN_SHARE : ((1 - COUNTY_HAN_SHARE) * w) / minorityTotal)),
  );

  return {
    surnames,
    givenChars,
    surname: (rng) => surnameDraw.sample(rng),
    given(rng, sex, birthYear) {
      let era = 0;
      for (let e = ERA_STARTS.length - 1; e >= 0; e--) {
        if (birthYear >= (ERA_STARTS[e] as number)) {
          era = e;
          break;
        }
      }
      const pool = pools[era]![sex === 1 ? 0 : 1]!;
      const first = pool.ids[pool.draw.sample(rng)] as number;
      if (rng.chance(SINGLE_CHAR_SHARE[era] as number)) return [first, NO_CHAR];
      let second = pool.ids[pool.draw.sample(rng)] as number;
      // 丽丽 and 婷婷 are real, but mostly the two characters differ.
      if (second === first && rng.chance(0.7)) second = pool.ids[pool.draw.sample(rng)] as number;
      return [first, second];
    },
    ethnicity: (rng) => ethnicDraw.sample(rng),
  };
}
