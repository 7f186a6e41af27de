import { Command, CommanderError } from 'commander';
import { CliError, type CommandRegistrar } from './cli-support.ts';
import { AppError } from '../shared/errors.ts';
import { registerCommands } from './commands.ts';

const program = new Command('shutong')
  .description('数通 Shutong — 县域政务数据共享平台 / county data-sharing platform')
  .showHelpAfterError()
  .exitOverride();

for (const register of registerCommands as CommandRegistrar[]) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof CliError) {
    process.stderr.write(`错误 error: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  if (error instanceof AppError) {
    process.stderr.write(`错误 error: ${error.message}\n`);
    for (const f of error.fields) process.stderr.write(`  ${f.path}: ${f.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`错误 error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
}
