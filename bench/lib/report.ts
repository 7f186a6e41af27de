/**
 * One JSON line per figure on stdout; everything else a benchmark says goes to stderr.
 * `ratio` is value / baseline, so its meaning (higher or lower is better) follows the metric.
 *
 * @example
 * emit({ bench: 'ingest', metric: 'rows_per_s', value: 310000, unit: 'rows/s', baseline: 520000 });
 */
export interface Figure {
  readonly bench: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
}

export function emit(figure: Figure): void {
  const ratio = figure.baseline ? round(figure.value / figure.baseline) : null;
  process.stdout.write(`${JSON.stringify({ ...figure, value: round(figure.value), baseline: figure.baseline === null ? null : round(figure.baseline), ratio })}\n`);
}

export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

function round(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10000) / 10000;
}

/** Peak resident memory of this process so far, in MB (Linux VmHWM). */
export async function peakRssMb(): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : process.memoryUsage().rss / 1048576;
}
