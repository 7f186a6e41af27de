import { readFileSync } from 'node:fs';

/**
 * CPU time the calling thread has used, in milliseconds (Linux `/proc/thread-self/schedstat`), or
 * undefined elsewhere. Wall time on a shared machine counts other work too; this is what one
 * thread of a pipeline really cost.
 *
 * @example
 * const before = threadCpuMs(); work(); const used = (threadCpuMs() ?? 0) - (before ?? 0);
 */
export function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}
