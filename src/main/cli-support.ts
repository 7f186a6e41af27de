import { CommanderError, type Command } from 'commander';
import { AppError } from '../shared/errors.ts';

/** An error the CLI prints to stderr (without a stack) before exiting non-zero. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Each module exports one of these to add its commands to `npx shutong`. */
export type CommandRegistrar = (program: Command) => void;

/** Progress for long CLI work: goes to stderr so stdout stays machine-readable. */
export function progress(label: string, done: number, total?: number): void {
  if (!process.stderr.isTTY && total !== undefined && done !== total && done % 1 !== 0) return;
  const text = total ? `${label}: ${done}/${total} (${Math.floor((done / total) * 100)}%)` : `${label}: ${done}`;
  process.stderr.write(process.stderr.isTTY ? `\r${text}` : `${text}\n`);
}

/** Parses argv with `program` and turns errors into a message on stderr and an exit code. */
export async function runProgram(program: Command, argv: readonly string[] = process.argv): Promise<void> {
  try {
    await program.parseAsync(argv);
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
}
