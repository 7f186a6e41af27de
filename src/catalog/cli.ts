import { readFile, writeFile } from 'node:fs/promises';
import type { CommandRegistrar } from '../main/cli-support.ts';
import { CliError } from '../main/cli-support.ts';
import { CLI_OPERATOR, withServices } from '../main/cli-runtime.ts';

export const registerCatalogCommands: CommandRegistrar = (program) => {
  const catalog = program.command('catalog').description('政务信息资源目录 / the data catalog');
  catalog
    .command('export')
    .description('导出已发布目录 / export the published catalog')
    .option('--format <format>', 'dcat（DCAT-AP 3 JSON-LD）或 xlsx（Excel 模板）/ dcat or xlsx', 'dcat')
    .option('--out <file>', '输出文件（默认标准输出）/ output file (default stdout)')
    .option('--base-url <url>', '数据集地址前缀 / base URL for dataset ids')
    .action(async (o: { format: string; out?: string; baseUrl?: string }) => {
      if (o.format !== 'dcat' && o.format !== 'xlsx') throw new CliError(`--format 须为 dcat 或 xlsx / unknown format ${o.format}`);
      const { catalogToDcat } = await import('./dcat.ts');
      const { exportCatalogXlsx } = await import('./xlsx.ts');
      await withServices(async (services) => {
        const published = await services.catalog.published();
        const data = o.format === 'dcat'
          ? Buffer.from(`${JSON.stringify(catalogToDcat(published, { baseUrl: o.baseUrl ?? services.config.publicUrl }), null, 2)}\n`)
          : await exportCatalogXlsx(published);
        if (o.out) await writeFile(o.out, data);
        else process.stdout.write(data);
        process.stderr.write(`已导出 ${published.length} 项信息资源 / exported ${published.length} resources\n`);
      });
    });
  catalog
    .command('import')
    .description('从 Excel 模板导入（全部成功或不保存）/ import the Excel template (all or nothing)')
    .requiredOption('--file <file>', 'Excel 文件 / .xlsx file')
    .action(async (o: { file: string }) => {
      const buffer = await readFile(o.file).catch(() => {
        throw new CliError(`无法读取文件 cannot read ${o.file}`);
      });
      const { importCatalogXlsx } = await import('./xlsx.ts');
      await withServices(async (services) => {
        const result = await importCatalogXlsx(buffer, services.catalog, CLI_OPERATOR);
        process.stdout.write(`已导入 ${result.imported} 项 / imported ${result.imported} resources\n`);
      });
    });
};
