import type { Command } from 'commander';
import { CliError, type CommandRegistrar } from '../main/cli-support.ts';
import { DATA_TYPES } from './element-types.ts';
import { findElement, suggestElements } from './element-lookup.ts';
import { builtinElements } from './elements.ts';

/** `shutong validate <element> <value>` and `shutong elements`. */
export const registerStandardsCommands: CommandRegistrar = (program: Command) => {
  program
    .command('validate')
    .description('校验数据元取值 / validate a value against a data element')
    .argument('<element>', '数据元名称、代码或同义词，如 公民身份号码、DE0001、身份证号 / element name, code or synonym')
    .argument('<value>', '待校验的取值（以 - 开头时请写在 -- 之后）/ the value to check (put it after -- if it starts with -)')
    .action((elementName: string, value: string) => {
      const element = findElement(elementName);
      if (!element) {
        const close = suggestElements(elementName);
        const list = close.length > 0 ? close : builtinElements.map((e) => e.name);
        throw new CliError(
          `未知数据元“${elementName}”，${close.length > 0 ? '相近的有' : '可用的有'}：${list.join('、')} / unknown element '${elementName}'; ${close.length > 0 ? 'close matches' : 'available'}: ${list.join(', ')}`,
          2,
        );
      }
      const result = element.validate(value);
      if (result.ok) {
        process.stdout.write(`有效 valid: ${result.value}\n`);
        for (const n of result.notes ?? []) process.stdout.write(`  注 note: ${n}\n`);
      } else {
        process.stdout.write(`无效 invalid: ${result.reason.zh} / ${result.reason.en}\n`);
        process.exitCode = 1;
      }
    });

  program
    .command('elements')
    .description('列出内置数据元 / list the built-in data elements')
    .option('--json', '以 JSON 输出（含同义词）/ print JSON, synonyms included')
    .action((options: { json?: boolean }) => {
      if (options.json) {
        const rows = builtinElements.map(({ validate: _v, ...rest }) => rest);
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      for (const e of builtinElements) {
        process.stdout.write(`${e.code}\t${e.name}\t${e.standard}\t${e.dataType} ${DATA_TYPES[e.dataType].zh}\n`);
      }
    });
};
