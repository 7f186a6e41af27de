import type { Command } from 'commander';

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
