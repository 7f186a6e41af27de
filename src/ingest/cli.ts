import { access } from 'node:fs/promises';
import type { CommandRegistrar } from '../main/cli-support.ts';
import { CliError } from '../main/cli-support.ts';
import { CLI_OPERATOR, withServices } from '../main/cli-runtime.ts';
import { AppError } from '../shared/errors.ts';

/**
 * `npx shutong import --resource 101001/000001 --file 户籍.csv [--mode snapshot]`: progress on
 * stderr, the batch report as JSON on stdout, a non-zero exit when the file cannot be read.
 * `npx shutong objections overdue`: open objections past their deadline.
 */
export const registerIngestCommands: CommandRegistrar = (program) => {
  program
    .command('import')
    .description('归集：导入部门数据文件（CSV/XLSX/JSON）/ import a department data file')
    .requiredOption('--resource <code>', '信息资源代码，如 101001/000001 / catalog resource code')
    .requiredOption('--file <path>', '数据文件（CSV UTF-8/GBK、XLSX、JSON、NDJSON）/ data file')
    .option('--mode <mode>', 'snapshot（全量，缺失记录标记删除）或 incremental（增量）/ snapshot or incremental', 'incremental')
    .option('--department <code>', '报送部门代码（须为提供方）/ submitting department code (must be the provider)')
    .action(async (o: { resource: string; file: string; mode: string; department?: string }) => {
      if (o.mode !== 'snapshot' && o.mode !== 'incremental') throw new CliError(`--mode 须为 snapshot 或 incremental / unknown mode ${o.mode}`);
      await access(o.file).catch(() => {
        throw new CliError(`无法读取文件 cannot read ${o.file}`);
      });
      await withServices(async (services) => {
        let last = 0;
        const started = Date.now();
        try {
          const report = await services.ingest.submit(o.resource, { kind: 'file', path: o.file }, {
            actor: CLI_OPERATOR, source: 'cli', mode: o.mode as 'snapshot' | 'incremental', departmentCode: o.department,
            onProgress: (rows) => {
              if (rows - last < 50_000 && last !== 0) return;
              last = rows;
              process.stderr.write(`已处理 ${rows} 行 / processed ${rows} rows (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
            },
          });
          process.stderr.write(report.duplicateOf
            ? `与已导入批次 ${report.duplicateOf} 内容相同，未作更改 / same content as batch ${report.duplicateOf}; nothing changed\n`
            : `完成：读取 ${report.rowsRead} 行，接收 ${report.accepted}，隔离 ${report.quarantined} / done\n`);
          const { rowsRead, accepted, quarantined, inserted, updated, deleted, unchanged, duplicates, warnings, duplicateOf, id, format, encoding } = report;
          process.stdout.write(`${JSON.stringify({ batch: id, format, encoding, rowsRead, accepted, quarantined, inserted, updated, deleted, unchanged, duplicates, warnings, duplicateOf }, null, 2)}\n`);
        } catch (error) {
          if (error instanceof AppError && error.code === 'invalid_input') throw new CliError(`${error.message}${error.fields.length ? `\n  ${error.fields.map((f) => `${f.path}: ${f.message}`).join('\n  ')}` : ''}`, 1);
          throw error;
        }
      });
    });

  const objections = program.command('objections').description('数据异议 / data objections');
  objections
    .command('overdue')
    .description('列出逾期未校核的异议 / list objections past their deadline')
    .action(async () => {
      await withServices(async (services) => {
        const list = await services.ingest.objections.overdue(null);
        for (const o of list) process.stdout.write(`${JSON.stringify({ id: o.id, resource: o.resourceCode, key: o.recordKey, item: o.item, deadline: o.deadline, reason: o.reason })}\n`);
        process.stderr.write(`逾期异议 ${list.length} 条 / ${list.length} overdue\n`);
      });
    });
};
