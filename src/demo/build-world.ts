import { buildBusinesses } from './businesses.ts';
import { loadCounty } from './division.ts';
import { buildPopulation } from './population.ts';
import type { World } from './world.ts';

/**
 * Builds the whole generated county for a seed: people, households, houses, businesses.
 * Pure and deterministic: the same (county, seed, persons) always gives the same world.
 *
 * @example
 * const world = buildWorld('371321', '7', 5000);
 * world.persons.count; // 5000
 */
export function buildWorld(countyCode: string, seed: string | number, persons: number): World {
  const s = String(seed);
  const county = loadCounty(countyCode);
  const pop = buildPopulation(county, s, persons);
  const businesses = buildBusinesses(county, s, pop);
  return {
    seed: s,
    county,
    regions: pop.regions,
    surnames: pop.names.surnames,
    givenChars: pop.names.givenChars,
    persons: pop.persons,
    households: pop.households,
    houses: pop.houses,
    estates: pop.plan.estates,
    oldVillageNames: pop.plan.oldVillageNames,
    businesses,
  };
}
