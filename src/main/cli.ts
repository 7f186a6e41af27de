import { Command } from 'commander';
import { runProgram, type CommandRegistrar } from './cli-support.ts';
import { registerCommands } from './commands.ts';

const program = new Command('shutong')
  .description('数通 Shutong — 县域政务数据共享平台 / county data-sharing platform')
  .showHelpAfterError()
  .exitOverride();

for (const register of registerCommands as CommandRegistrar[]) register(program);

await runProgram(program);
