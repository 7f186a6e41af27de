import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoCounty } from '../demo/index.ts';
import { loadDemoSource, type DemoSource } from './testing/demo-source.ts';
import { pairwiseMetrics } from './testing/evaluate.ts';
import { linkDemo, type DemoRun } from './testing/run-demo.ts';

// A demo county at the default noise rates, every department, read straight from its files
// (rows aggregation would quarantine included): the accuracy bar on a small county.
const dir = mkdtempSync(join(tmpdir(), 'registry-accuracy-'));
let src: DemoSource;
let run: DemoRun;

before(async () => {
  await generateDemoCounty({ persons: 3000, seed: 'registry-accuracy', out: dir, parallel: false });
  src = await loadDemoSource(dir);
  run = await linkDemo(src, { later: ['clj-disability'] });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const PLANTED: Readonly<Record<string, string>> = {
  phone_conflict: 'phone', addr_conflict: 'address', name_homophone: 'name', name_lookalike: 'name', id_digit_typo: 'id_number', id_transpose: 'id_number',
};

describe('人口库 accuracy on the demo county', () => {
  it('meets the bar: pairwise precision ≥ 0.995 and recall ≥ 0.99; with a missing or mistyped ID, ≥ 0.99 and ≥ 0.95', () => {
    const persons = run.mentions.person;
    const dept = new Map(persons.map((m) => [m.ref, m.departmentCode]));
    const m = pairwiseMetrics(persons.map((p) => p.ref), (r) => run.engines.person.entityOf(r), (r) => src.truth.get(r), (r) => dept.get(r)!, src.badId);
    const pairs = [...m.byDepartmentPair].map(([k, v]) => `${k} P=${v.precision.toFixed(4)} R=${v.recall.toFixed(4)}`).join('\n');
    assert.ok(m.overall.precision >= 0.995 && m.overall.recall >= 0.99, `overall ${JSON.stringify(m.overall)}\n${pairs}`);
    assert.ok(m.subset.tp > 100, 'enough pairs with a bad ID to judge');
    assert.ok(m.subset.precision >= 0.99 && m.subset.recall >= 0.95, `missing/mistyped ID ${JSON.stringify(m.subset)}`);
    assert.ok(m.byDepartmentPair.size >= 28, 'every department pair is reported');
  });

  it('links a later department batch incrementally without moving anyone already linked', () => {
    assert.ok(run.incremental && run.incremental.mentions > 20);
    assert.equal(run.incremental.moved, 0);
    const created = run.incremental.outcome.events.filter((e) => e.type === 'created').length;
    assert.ok(created <= run.incremental.mentions * 0.05, `${created} new entities for ${run.incremental.mentions} records of known persons`);
  });

  it('keeps one golden record per true person', () => {
    const entities = new Set(run.mentions.person.map((m) => run.engines.person.entityOf(m.ref)));
    const truePersons = new Set(run.mentions.person.map((m) => src.truth.get(m.ref)));
    assert.ok(Math.abs(entities.size - truePersons.size) <= truePersons.size * 0.005, `${entities.size} entities for ${truePersons.size} persons`);
  });

  it('finds the contradictions the generator planted and asks the department that holds them', () => {
    const targeted = new Set<string>();
    let targets = 0;
    for (const e of run.outcomes.person.entities.values()) {
      for (const d of e.discrepancies) {
        if (!d.raise) continue;
        for (const t of d.targets) {
          targets++;
          targeted.add(`${t.resourceCode}|${t.recordKey}|${d.field}`);
        }
      }
    }
    const found = new Map<string, [number, number]>();
    for (const m of run.mentions.person) {
      if (m.departmentCode === 'GAJ') continue;
      for (const k of src.noise.get(m.ref) ?? []) {
        const [kind, column] = k.split('@') as [string, string | undefined];
        const field = kind === 'stale_dead' ? 'status' : PLANTED[kind];
        if (!field || (column && !Object.values(m.items).includes(column))) continue;
        const c = found.get(kind) ?? [0, 0];
        c[0]++;
        if (targeted.has(`${m.resourceCode}|${m.recordKey}|${field}`)) c[1]++;
        found.set(kind, c);
      }
    }
    const summary = [...found].map(([k, [n, hit]]) => `${k} ${hit}/${n}`).join(', ');
    for (const [kind, [n, hit]] of found) assert.ok(n < 10 || hit / n >= 0.85, `${kind}: ${summary}`);
    assert.ok(targets > 0);
  });
});
