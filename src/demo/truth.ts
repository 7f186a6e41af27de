import { join } from 'node:path';
import { formatDay } from './dates.ts';
import { unitNumber } from './departments/bdc-property.ts';
import { diseaseText } from './departments/wjw-health.ts';
import { addressParts, formatAddress } from './housing.ts';
import { ethnicityCode, ethnicityName, idNumber, personName, phoneText, previousAddress, sexText, truthAddress } from './person-format.ts';
import { businessId, DISABILITY_CATEGORIES, DISABILITY_LEVELS, householdNo, houseId, personId, RELATIONS, type World } from './world.ts';
import { CsvWriter } from './writers/csv.ts';

/**
 * The ground truth: every person, house, business and village as they really are on
 * 2024-06-30, as UTF-8 CSV under OUT/truth/. Department rows point here by entity id.
 *
 * @example
 * await writeTruth(world, '/tmp/c'); // → { persons: 5000, houses: 1890, businesses: 227, villages: 305 }
 */
const iso = (day: number) => (day === 0 ? '' : formatDay(day, 'iso'));

async function table(path: string, header: readonly string[], fill: (w: CsvWriter) => Promise<void>): Promise<number> {
  const csv = await CsvWriter.open(path, { encoding: 'utf-8', lineEnding: '\n' });
  csv.row(header);
  await fill(csv);
  await csv.close();
  return csv.rows - 1;
}

export async function writeTruth(w: World, out: string): Promise<Record<string, number>> {
  const dir = join(out, 'truth');
  const p = w.persons;
  const persons = await table(join(dir, 'persons.csv'), [
    'person_id', 'name', 'sex', 'birth_date', 'ethnicity_code', 'ethnicity', 'id_number', 'phone', 'household_no', 'relation',
    'status', 'house_id', 'address', 'village_code', 'prev_house_id', 'prev_address', 'move_date', 'moved_out', 'death_date',
    'employer_id', 'chronic', 'disability', 'assistance',
  ], async (csv) => {
    for (let i = 0; i < p.count; i++) {
      const house = p.house[i] as number;
      const prev = p.prevHouse[i] as number;
      const prevParts = previousAddress(w, i);
      const dis = p.disability[i] as number;
      const assistance = w.households.assistance[p.household[i] as number];
      csv.row([
        personId(i), personName(w, i), sexText(w, i), iso(p.birth[i] as number), ethnicityCode(w, i), ethnicityName(w, i), idNumber(w, i),
        phoneText(w, i), householdNo(p.household[i] as number), RELATIONS[p.relation[i] as number] as string,
        p.death[i] !== 0 ? 'dead' : p.movedOut[i] === 1 ? 'moved_out' : 'alive',
        house >= 0 ? houseId(house) : '', truthAddress(w, i), house >= 0 ? w.county.villages[w.houses.village[house] as number]!.code : '',
        prev >= 0 ? houseId(prev) : '', prevParts ? formatAddress(prevParts, 'full') : '', iso(p.moveDay[i] as number), String(p.movedOut[i]),
        iso(p.death[i] as number), (p.employer[i] as number) >= 0 ? businessId(p.employer[i] as number) : '', diseaseText(p.health[i] as number),
        dis ? `${DISABILITY_CATEGORIES[Math.floor(dis / 10) - 1]}${DISABILITY_LEVELS[(dis % 10) - 1]}` : '',
        assistance === 1 ? '低保' : assistance === 2 ? '特困' : '',
      ]);
      if (csv.needsDrain) await csv.drain();
    }
  });

  const t = w.houses;
  const houses = await table(join(dir, 'houses.csv'), [
    'house_id', 'unit_no', 'village_code', 'address', 'kind', 'estate', 'building', 'unit', 'room', 'area_m2', 'owner_household_no', 'registered_date',
  ], async (csv) => {
    for (let h = 0; h < t.count; h++) {
      const flat = (t.estate[h] as number) >= 0;
      csv.row([
        houseId(h), unitNumber(w, h), w.county.villages[t.village[h] as number]!.code, formatAddress(addressParts(w, h), 'full'),
        flat ? 'flat' : 'rural', flat ? w.estates[t.estate[h] as number]!.name : '', String(t.building[h]), flat ? String(t.unit[h]) : '',
        flat ? String(t.room[h]) : '', ((t.area[h] as number) / 100).toFixed(2), (t.owner[h] as number) >= 0 ? householdNo(t.owner[h] as number) : '',
        iso(t.registered[h] as number),
      ]);
      if (csv.needsDrain) await csv.drain();
    }
  });

  const businesses = await table(join(dir, 'businesses.csv'), [
    'business_id', 'uscc', 'name', 'type', 'legal_rep_id', 'legal_rep_name', 'legal_rep_id_number', 'established', 'status',
    'capital_10k_yuan', 'address', 'phone', 'scope',
  ], async (csv) => {
    w.businesses.forEach((b, i) => {
      csv.row([
        businessId(i), b.uscc, b.name, b.type, personId(b.legalRep), personName(w, b.legalRep), idNumber(w, b.legalRep), iso(b.established),
        b.status, b.capital > 0 ? String(b.capital) : '', b.address, b.phone, b.scope,
      ]);
    });
  });

  const villages = await table(join(dir, 'villages.csv'), [
    'village_code', 'name', 'official_name', 'kind', 'township_code', 'township_name', 'old_name',
  ], async (csv) => {
    for (const v of w.county.villages) {
      const t2 = w.county.townships[v.townshipIndex]!;
      csv.row([v.code, v.name, v.officialName, v.kind, t2.code, t2.name, w.oldVillageNames[w.county.villages.indexOf(v)] ?? '']);
    }
  });
  return { persons, houses, businesses, villages };
}
