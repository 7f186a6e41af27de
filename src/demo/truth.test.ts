import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateDate, validateIdNumber, validatePersonName, validateUscc } from '../standards/index.ts';
import { parseDay } from './dates.ts';
import { generateDemoCounty } from './generate.ts';
import type { ManifestColumn, ManifestFile } from './manifest.ts';
import { GARBAGE_SYMBOLS } from './noise.ts';
import { loadGenerated, TEST_NOISE, type Generated, type TruthRecord, type TruthRow } from './testing.ts';

const STATUS: Record<string, string> = { alive: '正常', dead: '死亡', moved_out: '迁出' };

function isoOf(value: string | number, f: ManifestFile): string | undefined {
  const day = typeof value === 'number' ? value - 25569 : parseDay(String(value), f.dateStyle === 'excel' ? 'iso' : f.dateStyle);
  if (day === undefined) return undefined;
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

/** What a clean cell of this column must hold for the row's entity, or undefined when the truth has no such field. */
function expected(g: Generated, f: ManifestFile, col: ManifestColumn, rec: TruthRecord): string | undefined {
  const person = f.entity === 'person' ? g.persons.get(rec.entity_id) : g.persons.get(rec.person_id);
  const business = f.entity === 'business' ? g.businesses.get(rec.entity_id) : person ? g.businesses.get(person.employer_id ?? '') : undefined;
  const house = f.entity === 'house' ? g.houses.get(rec.entity_id) : undefined;
  const p = person as TruthRow;
  const local = (full: string) => (f.addressForm === 'county' ? full.slice(full.indexOf(g.manifest.county.name)) : full);
  switch (col.meaning) {
    case 'person.name': case 'business.legal_rep.name': case 'house.owner.name': return p.name;
    case 'person.id_number': case 'business.legal_rep.id_number': case 'house.owner.id_number': return p.id_number;
    case 'person.sex': return col.values?.includes('1') ? (p.sex === '男' ? '1' : '2') : p.sex;
    case 'person.birth_date': return p.birth_date;
    case 'person.ethnicity': return col.format?.startsWith('GB/T') ? p.ethnicity_code : col.format?.startsWith('简称') ? p.ethnicity!.replace(/族$/, '') : p.ethnicity;
    case 'person.phone': return p.phone;
    case 'person.household_no': return p.household_no;
    case 'person.relation': return p.relation;
    case 'person.status': return STATUS[p.status as string];
    case 'person.chronic': return p.chronic;
    case 'person.address': return local(p.house_id ? (p.address as string) : (p.prev_address as string));
    case 'business.uscc': return business?.uscc ?? '';
    case 'business.name': return business?.name ?? '';
    case 'business.type': return business?.type;
    case 'business.status': return business?.status;
    case 'business.address': return business?.address;
    case 'house.unit_no': return house?.unit_no;
    case 'house.address': return house?.address;
    default: return undefined;
  }
}

/** Standards-based judgement of a required cell, independent of the generator's own checks. */
function validUnderStandards(col: ManifestColumn, v: string | number): boolean {
  const s = typeof v === 'number' ? String(v) : v;
  if (s.trim() === '' || (GARBAGE_SYMBOLS as readonly string[]).includes(s.trim())) return false;
  switch (col.check) {
    case 'id': return validateIdNumber(s).ok;
    case 'name': return validatePersonName(s).ok;
    case 'uscc': return validateUscc(s).ok;
    case 'date': return validateDate(s).ok;
    case 'enum': return col.values?.includes(s) ?? true;
    case 'number': return /^\d+(\.\d+)?$/.test(s);
    default: return true;
  }
}

describe('truth of a generated county', () => {
  let g: Generated;
  let out = '';
  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'demo-truth-'));
    await generateDemoCounty({ persons: 3000, seed: 11, out, parallel: false, noise: TEST_NOISE });
    g = await loadGenerated(out);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('names an existing entity for every row of every file', () => {
    for (const { manifest: f, table, records } of g.files.values()) {
      assert.equal(records.length, table.rows.length, f.key);
      const entities = f.entity === 'person' ? g.persons : f.entity === 'business' ? g.businesses : g.houses;
      for (const r of records) {
        assert.ok(entities.has(r.entity_id), `${f.key} row ${r.row}: ${r.entity_id}`);
        if (r.person_id) assert.ok(g.persons.has(r.person_id), `${f.key} row ${r.row}: ${r.person_id}`);
      }
    }
  });

  it('holds the true value in every cell noise did not touch, and records the true value of those it did', () => {
    let compared = 0;
    for (const { manifest: f, table, records } of g.files.values()) {
      records.forEach((rec, i) => {
        const cells = table.rows[i] as (string | number)[];
        f.columns.forEach((col, c) => {
          const want = expected(g, f, col, rec);
          if (want === undefined) return;
          const got = col.header in rec.true_values ? rec.true_values[col.header]! : cells[c]!;
          if (col.header in rec.true_values && rec.noise.some((n) => n.kind === 'stale_moved' && n.column === col.header)) {
            // A stale address: the truth holds where the person lives now (or 迁往…).
            const p = g.persons.get(rec.entity_id)!;
            assert.ok(p.address!.endsWith(String(got)) || String(got) === p.address, `${f.key} row ${rec.row} ${col.header}`);
            return;
          }
          const value = col.meaning === 'person.birth_date' ? isoOf(got, f) : String(got);
          assert.equal(value, want, `${f.key} row ${rec.row} ${col.header} (${rec.noise.map((n) => n.kind).join(',')})`);
          compared++;
        });
      });
    }
    assert.ok(compared > 50000, `compared ${compared} cells`);
  });

  it('marks a row invalid exactly when a required cell fails the unified standards', () => {
    let invalid = 0;
    for (const { manifest: f, table, records } of g.files.values()) {
      records.forEach((rec, i) => {
        const cells = table.rows[i] as (string | number)[];
        const failing = f.columns.filter((col, c) => col.required && !validUnderStandards(col, cells[c]!)).map((col) => col.header);
        assert.equal(rec.invalid, failing.length > 0, `${f.key} row ${rec.row}: failing ${failing.join(',')} / reason ${rec.reason}`);
        for (const header of failing) assert.ok(rec.reason.includes(`${header}:`), `${f.key} row ${rec.row}: reason names ${header}`);
        if (rec.invalid) invalid++;
      });
      assert.equal(records.filter((r) => r.invalid).length, f.invalidRows, `${f.key} invalid count in manifest`);
    }
    assert.ok(invalid > 100, `${invalid} invalid rows`);
  });

  it('keeps blank optional cells and legacy or normalisable IDs valid', () => {
    const kinds = new Map<string, number>();
    for (const { manifest: f, records } of g.files.values()) {
      for (const r of records) {
        if (r.invalid) continue;
        for (const n of r.noise) {
          const col = f.columns.find((c) => c.header === n.column);
          if (n.kind === 'blank_cell' && col && !col.required) kinds.set('optional blank', (kinds.get('optional blank') ?? 0) + 1);
          if (['id_legacy15', 'id_lowercase_x', 'id_fullwidth'].includes(n.kind)) kinds.set(n.kind, (kinds.get(n.kind) ?? 0) + 1);
        }
      }
    }
    for (const k of ['optional blank', 'id_legacy15', 'id_lowercase_x', 'id_fullwidth']) assert.ok((kinds.get(k) ?? 0) > 0, `${k} occurs in valid rows`);
  });
});
