import type { Command } from 'commander';
import { CliError, progress, type CommandRegistrar } from '../main/cli-support.ts';
import { DEFAULT_COUNTY } from './division.ts';
import { generateDemoCounty, MAX_PERSONS } from './generate.ts';
import { NOISE_KIND_NAMES, parseNoiseOverrides } from './noise-kinds.ts';

/**
 * `shutong demo generate --persons N --seed S --out DIR [--county CODE] [--noise k=r,…]`
 *
 * @example
 * npx shutong demo generate --persons 100000 --seed 7 --out /tmp/c
 */
interface GenerateFlags {
  out: string;
  persons: string;
  seed: string;
  county: string;
  noise?: string;
  singleThread?: boolean;
}

export const registerDemoCommands: CommandRegistrar = (program: Command) => {
  const demo = program.command('demo').description('演示数据 / demo data');
  demo
    .command('generate')
    .description('生成演示县各部门的导出文件和真值 / generate a demo county: department export files plus ground truth')
    .requiredOption('--out <dir>', '输出目录 / output directory')
    .option('--persons <n>', `人数（100–${MAX_PERSONS}）/ number of persons`, '20000')
    .option('--seed <seed>', '随机种子：相同种子输出逐字节相同 / seed; equal seeds give byte-identical output', '1')
    .option('--county <code>', '6 位区县代码（GB/T 2260）/ 6-digit county code', DEFAULT_COUNTY)
    .option('--noise <rates>', `噪声基准比例，如 name_homophone=0.02,blank_cell=0 / base noise rates; kinds: ${NOISE_KIND_NAMES.join(', ')}`)
    .option('--single-thread', '只用一个线程 / do not use a second thread')
    .action(async (flags: GenerateFlags) => {
      const persons = Number(flags.persons);
      if (!Number.isInteger(persons)) throw new CliError(`--persons 应为整数 / --persons must be an integer: ${flags.persons}`, 2);
      const started = Date.now();
      let last = '';
      const manifest = await generateDemoCounty({
        persons,
        seed: flags.seed,
        out: flags.out,
        county: flags.county,
        noise: parseNoiseOverrides(flags.noise),
        ...(flags.singleThread ? { parallel: false } : {}),
        onProgress: (stage, done, total) => {
          if (process.stderr.isTTY && stage !== last && last !== '') process.stderr.write('\n');
          last = stage;
          progress(stage, done, total);
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      const seconds = (Date.now() - started) / 1000;
      const out = process.stdout;
      out.write(`${manifest.county.province}${manifest.county.city}${manifest.county.name}（${manifest.county.code}），${manifest.persons} 人，种子 seed ${manifest.seed}\n`);
      out.write('部门文件 department files:\n');
      for (const f of manifest.files) {
        out.write(`  ${f.path}\t${f.fileType.toUpperCase()} ${f.encoding}\t${f.rowCount} 行 rows（${f.invalidRows} 行不合规 invalid）\n`);
      }
      out.write('真值 truth:\n');
      for (const [name, t] of Object.entries(manifest.truth)) out.write(`  ${t.path}\t${t.rows} 行 rows (${name})\n`);
      out.write(`  truth/records/<file>.csv\t每个部门文件一份 / one per department file\n`);
      out.write(`清单 manifest: ${flags.out}/manifest.json\n`);
      process.stderr.write(`用时 ${seconds.toFixed(1)} s，${Math.round(persons / seconds)} 人/秒 / persons per second\n`);
    });
};
