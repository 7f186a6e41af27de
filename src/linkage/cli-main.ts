/**
 * Entry of `shutong link` when bin/shutong.js runs it from the prebuilt bundle (see
 * bin/link-bundle.js): only the linkage command is registered, and the same file serves as the
 * bundle's read helper thread, since a bundle has no separate worker module to start.
 */
import { isMainThread } from 'node:worker_threads';
import { Command } from 'commander';
import { runProgram } from '../main/cli-support.ts';
import { registerLinkageCommands } from './cli.ts';
import { isReadWorker, runReadWorker } from './read-worker.ts';

if (isMainThread) {
  const program = new Command('shutong').description('数通 Shutong — 记录关联 / record linkage').showHelpAfterError().exitOverride();
  registerLinkageCommands(program);
  await runProgram(program);
} else if (isReadWorker()) await runReadWorker();
