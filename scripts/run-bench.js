#!/usr/bin/env node
// `npm run bench [-- NAME...]`: runs bench/NAME.ts (all when none named), each in its own process
// so that peak-memory figures are per benchmark. Figures go to stdout as JSON lines.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const all = readdirSync('bench').filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3)).sort();
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${all.join(', ')}`);
  process.exit(1);
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : all) {
  process.stderr.write(`== bench ${name}\n`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${name}.ts`], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
