import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js/t2cn';
import { pinyin } from 'pinyin-pro';
import { upgradeLegacyId, validateIdNumber, validateMobile, validateUscc } from '../standards/index.ts';
import { parseDay } from './dates.ts';
import { generateDemoCounty } from './generate.ts';
import type { ManifestFile } from './manifest.ts';
import { LOOKALIKES } from './name-data.ts';
import { fileRates, NOISE_KIND_NAMES, resolveRates, type NoiseKind } from './noise-kinds.ts';
import { GARBAGE_VALUES } from './noise.ts';
import { loadGenerated, TEST_NOISE, type Generated, type TruthRecord } from './testing.ts';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const sound = (s: string) => [...s].map((ch) => pinyin(ch, { toneType: 'none', type: 'string' })).join(' ');
const nfkc = (s: string) => s.normalize('NFKC');
const differsInOneChar = (a: string, b: string) => a.length === b.length && [...a].filter((ch, i) => ch !== b[i]).length === 1;

/** Why the noisy cell does not look like `kind` applied to `base`, or '' when it does. */
function problem(kind: string, noisy: string | number, base: string | number, ctx: { oldNames: Set<string>; f: ManifestFile }): string {
  const n = String(noisy);
  const b = String(base);
  const ok = (cond: boolean, why: string) => (cond ? '' : why);
  switch (kind) {
    case 'name_homophone': return ok(differsInOneChar(n, b) && sound(n) === sound(b), 'not a same-sounding character');
    case 'name_lookalike': return ok(differsInOneChar(n, b) && [...b].some((ch, i) => LOOKALIKES[ch] === [...n][i]), 'not a look-alike character');
    case 'name_traditional': return ok(n !== b && toSimplified(n) === b, 'not the traditional form');
    case 'name_space': return ok(/[ \u3000]/.test(n) && n.replace(/[ \u3000]/g, '') === b, 'no space added');
    case 'id_digit_typo': return ok(differsInOneChar(n, b) && !validateIdNumber(n).ok, 'not a single wrong character that breaks the check');
    case 'id_transpose': {
      const i = [...n].findIndex((ch, k) => ch !== b[k]);
      return ok(i >= 0 && n[i] === b[i + 1] && n[i + 1] === b[i] && n.slice(i + 2) === b.slice(i + 2) && !validateIdNumber(n).ok, 'not an adjacent swap');
    }
    case 'id_missing': case 'blank_cell': return ok(n === '' && b !== '', 'not blank');
    case 'id_legacy15': return ok(n.length === 15 && upgradeLegacyId(n) === b, 'not the 15-digit form');
    case 'id_lowercase_x': return ok(n.endsWith('x') && n.toUpperCase() === b, 'no lower-case x');
    case 'id_fullwidth': case 'phone_fullwidth': return ok(n !== b && nfkc(n) === b, 'not full-width');
    case 'id_excel_number': return ok(typeof noisy === 'number' && n.slice(0, 15) === b.slice(0, 15) && n !== b, 'not an Excel number');
    case 'phone_format': { const m = validateMobile(n); return ok(n !== b && m.ok && m.value === b, 'not the same number written differently'); }
    case 'phone_conflict': return ok(n !== b && validateMobile(n).ok, 'not a different valid mobile number');
    case 'addr_abbrev': return ok(n.length < b.length && !n.startsWith(ctx.f.addressForm === 'full' ? g0(b) : '\u0000'), 'not shorter');
    case 'addr_missing_level': {
      const k = b.length - n.length;
      let found = false;
      for (let p = 0; p <= n.length && !found; p++) {
        found = k > 0 && b.slice(0, p) === n.slice(0, p) && b.slice(p + k) === n.slice(p) && /(街道|镇|乡|村|社区)$/.test(b.slice(p, p + k));
      }
      return ok(found, 'no level removed');
    }
    case 'addr_old_name': return ok([...ctx.oldNames].some((o) => n.includes(o) && !b.includes(o)), 'no old village name');
    case 'addr_conflict': return ok(n !== b && n.length > 0, 'same address');
    case 'date_text': return ok(typeof noisy === 'string' && typeof base === 'number' && ['dot', 'cjk', 'compact', 'slash', 'iso'].some((s) => parseDay(n.replace(/\.(\d)(?=\.|$)/g, '.0$1'), s as 'iso') === Number(base) - 25569), 'not the same date as text');
    case 'uscc_typo': return ok(differsInOneChar(n, b) && !validateUscc(n).ok, 'not a broken code');
    case 'garbage_cell': return ok(GARBAGE_VALUES.has(n) && b !== n, 'not garbage');
    default: return `unexpected kind ${kind}`;
  }
}
const g0 = (full: string) => full.slice(0, 3);

describe('noise in a generated county', () => {
  let g: Generated;
  let out = '';
  before(async () => {
    out = mkdtempSync(join(tmpdir(), 'demo-noise-'));
    await generateDemoCounty({ persons: 3000, seed: 11, out, parallel: false, noise: TEST_NOISE });
    g = await loadGenerated(out);
  });
  after(() => rmSync(out, { recursive: true, force: true }));

  it('shows each recorded kind in the file as described', () => {
    const oldNames = new Set([...g.villages.values()].map((v) => v.old_name as string).filter(Boolean));
    let checked = 0;
    for (const { manifest: f, table, records } of g.files.values()) {
      records.forEach((rec, i) => {
        const cells = table.rows[i]!;
        for (const n of rec.noise) {
          if (!n.column || n.kind.startsWith('stale_')) continue;
          const c = f.columns.findIndex((col) => col.header === n.column);
          const staleAddress = rec.noise.some((m) => m.kind === 'stale_moved' && m.column === n.column);
          const person = g.persons.get(rec.entity_id);
          const prev = person?.prev_address ?? '';
          const base = staleAddress ? (f.addressForm === 'county' ? prev.slice(prev.indexOf(g.manifest.county.name)) : prev) : rec.true_values[n.column]!;
          const why = problem(n.kind, cells[c]!, base, { oldNames, f });
          assert.equal(why, '', `${f.key} row ${rec.row} ${n.kind}@${n.column}: '${cells[c]}' vs '${base}'`);
          checked++;
        }
        if (rec.dup_of > 0) {
          const serial = f.columns.findIndex((col) => col.meaning === 'dept.serial');
          const same = (row: (string | number)[]) => row.filter((_, k) => k !== serial);
          assert.deepEqual(same(cells), same(table.rows[rec.dup_of - 1]!), `${f.key} row ${rec.row} duplicates row ${rec.dup_of}`);
        }
        if (rec.noise.some((n) => n.kind === 'stale_dead')) assert.equal(g.persons.get(f.entity === 'person' ? rec.entity_id : rec.person_id)?.status, 'dead');
        if (rec.noise.some((n) => n.kind === 'stale_moved')) assert.ok(g.persons.get(rec.entity_id)?.prev_house_id, `${f.key} row ${rec.row} moved`);
      });
    }
    assert.ok(checked > 1000, `checked ${checked}`);
  });

  it('applies every kind at about its configured rate', () => {
    const base = resolveRates(TEST_NOISE);
    const total = new Map<NoiseKind, number>();
    for (const { manifest: f, records } of g.files.values()) {
      const originals = records.filter((r) => r.dup_of === 0);
      const expectedRates = fileRates(base, f.dirtiness);
      for (const kind of NOISE_KIND_NAMES) {
        const stat = f.noise[kind];
        // Follow-ups decide staleness once per patient, who may have several ghost visits.
        const perPatient = f.key === 'wjw-followup' && kind.startsWith('stale_');
        const inRecords = perPatient ? new Set(originals.filter((r) => r.noise.some((m) => m.kind === kind)).map((r) => r.entity_id)).size : count(kind === 'duplicate_row' ? records : originals, kind);
        if (!stat) {
          assert.equal(inRecords, 0, `${f.key} ${kind} recorded without a statistic`);
          continue;
        }
        assert.equal(inRecords, stat.applied, `${f.key} ${kind}: truth records vs manifest`);
        assert.equal(stat.rate, expectedRates[kind], `${f.key} ${kind}: rate = base × dirtiness`);
        const mean = stat.eligible * stat.rate;
        const tolerance = 4.5 * Math.sqrt(mean * (1 - stat.rate)) + 3;
        assert.ok(Math.abs(stat.applied - mean) <= tolerance, `${f.key} ${kind}: ${stat.applied} of ${stat.eligible} at rate ${stat.rate}`);
        total.set(kind, (total.get(kind) ?? 0) + stat.applied);
      }
      // Eligibility is checked independently for the row-level kinds: every original row qualifies.
      assert.equal(f.noise.blank_cell?.eligible, originals.length, `${f.key} blank_cell eligibility`);
      assert.equal(f.noise.duplicate_row?.eligible, originals.length, `${f.key} duplicate_row eligibility`);
    }
    for (const kind of NOISE_KIND_NAMES) assert.ok((total.get(kind) ?? 0) > 0, `${kind} occurs somewhere`);
  });
});

function count(records: readonly TruthRecord[], kind: string): number {
  let n = 0;
  for (const r of records) for (const m of r.noise) if (m.kind === kind) n++;
  return n;
}
