import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A check for the independent Python RFC 9162 verifier (see rfc9162_verify.py). */
export type PythonCheck =
  | { kind: 'inclusion'; leaf_hash: string; index: number; size: number; path: string[]; root: string }
  | { kind: 'consistency'; from: number; to: number; old_root: string; new_root: string; path: string[] }
  | { kind: 'root'; leaves: string[]; root: string }
  | { kind: 'leaf'; data: string; leaf_hash: string };

const script = fileURLToPath(new URL('./rfc9162_verify.py', import.meta.url));

/** Runs the checks through python3 in one process and returns one boolean per check. */
export function pythonVerify(checks: readonly PythonCheck[]): boolean[] {
  const run = spawnSync('python3', [script], { input: JSON.stringify({ checks }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`python verifier failed (${run.status}): ${run.stderr || run.error?.message}`);
  return (JSON.parse(run.stdout) as { results: boolean[] }).results;
}
