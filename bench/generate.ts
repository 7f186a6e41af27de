/**
 * `npm run bench -- generate`: demo-county generation throughput and peak memory for
 * 100,000 and 1,000,000 persons.
 *
 * Each size runs in its own child process (so peak RSS is per size and includes the second
 * generator thread). Baseline, measured in the same run, also in a child: the writers alone —
 * the same files with the same row and column counts, encodings and formats (GBK CSV, XLSX
 * with deflate, truth records and tables), but constant cells and one thread. The ratio
 * therefore says how much generating people, noise and truth costs on top of merely
 * writing that much output; it is not a comparison with another generator.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emit, note, peakRssMb } from './lib/report.ts';
import { generateDemoCounty } from '../src/demo/generate.ts';
import type { Manifest } from '../src/demo/manifest.ts';
import { CsvWriter } from '../src/demo/writers/csv.ts';
import { XlsxWriter } from '../src/demo/writers/xlsx.ts';

interface ChildResult {
  readonly seconds: number;
  /** User + system CPU of the whole process, both threads: robust when other work shares the cores. */
  readonly cpuSeconds: number;
  readonly peakMb: number;
  readonly rows: number;
}

async function child(mode: string, persons: number, out: string): Promise<void> {
  const started = performance.now();
  let rows = 0;
  if (mode === 'generate') {
    const m = await generateDemoCounty({ persons, seed: 7, out });
    rows = m.files.reduce((a, f) => a + f.rowCount, 0);
  } else {
    rows = await writersOnly(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest, join(out, 'baseline'));
  }
  const cpu = process.cpuUsage();
  const result: ChildResult = { seconds: (performance.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMb: await peakRssMb(), rows };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The same output shape as a generated county, written with constant cells. */
async function writersOnly(m: Manifest, dir: string): Promise<number> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  const cell = '沂南县界湖街道12';
  let rows = 0;
  const csv = async (path: string, width: number, count: number, encoding: 'utf-8' | 'utf-8-bom' | 'gbk') => {
    const w = await CsvWriter.open(path, { encoding, lineEnding: '\n' });
    const row = Array.from({ length: width }, () => cell);
    for (let i = 0; i <= count; i++) {
      w.row(row);
      if (w.needsDrain) await w.drain();
    }
    await w.close();
  };
  for (const [i, f] of m.files.entries()) {
    rows += f.rowCount;
    if (f.fileType === 'csv') await csv(join(dir, `${i}.csv`), f.columns.length, f.rowCount, f.encoding);
    else {
      const x = await XlsxWriter.open(join(dir, `${i}.xlsx`), { sheet: 'Sheet1', columns: f.columns.length });
      const row = Array.from({ length: f.columns.length }, () => cell);
      for (let r = 0; r <= f.rowCount; r++) {
        x.row(row);
        if (x.needsFlush) await x.flush();
      }
      await x.close();
    }
    await csv(join(dir, `${i}-records.csv`), 8, f.rowCount, 'utf-8');
  }
  for (const [name, t] of Object.entries(m.truth)) await csv(join(dir, `${name}.csv`), name === 'persons' ? 23 : 12, t.rows, 'utf-8');
  return rows;
}

function run(mode: string, persons: number, out: string): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/generate.ts', '--child', mode, String(persons), out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode} ${persons} failed with ${r.status}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as ChildResult;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1] as string, Number(args[2]), args[3] as string);
} else {
  for (const persons of [100_000, 1_000_000]) {
    const out = mkdtempSync(join(tmpdir(), 'bench-generate-'));
    try {
      const label = persons >= 1_000_000 ? '1m' : `${persons / 1000}k`;
      note(`generate ${persons} persons …`);
      const gen = run('generate', persons, out);
      note(`  ${gen.seconds.toFixed(1)} s (CPU ${gen.cpuSeconds.toFixed(1)} s), ${gen.rows} department rows, peak ${gen.peakMb.toFixed(0)} MB; writers-only baseline …`);
      const base = run('baseline', persons, out);
      note(`  baseline ${base.seconds.toFixed(1)} s (CPU ${base.cpuSeconds.toFixed(1)} s), peak ${base.peakMb.toFixed(0)} MB`);
      emit({ bench: 'generate', metric: `persons_per_s_${label}`, value: persons / gen.seconds, unit: 'persons/s', baseline: persons / base.seconds });
      emit({ bench: 'generate', metric: `seconds_${label}`, value: gen.seconds, unit: 's', baseline: base.seconds });
      emit({ bench: 'generate', metric: `cpu_seconds_${label}`, value: gen.cpuSeconds, unit: 's', baseline: base.cpuSeconds });
      emit({ bench: 'generate', metric: `peak_rss_mb_${label}`, value: gen.peakMb, unit: 'MB', baseline: base.peakMb });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
}
