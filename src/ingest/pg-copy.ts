import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Rows into a PostgreSQL table with COPY … FROM STDIN (text format), the fastest way in: one round
 * trip and no SQL parsing per row. Values are strings (escaped here), numbers, or null.
 *
 * @example
 * await copyRows(client, 'ingest_stage (ord, record_key)', [[1, 'a'], [2, 'b\\tc']]);
 */
export async function copyRows(client: pg.PoolClient | pg.Client, target: string, rows: Iterable<ReadonlyArray<string | number | null>>): Promise<void> {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(copyText).join('\t'));
  if (lines.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
  const done = once(stream, 'finish');
  stream.end(`${lines.join('\n')}\n`);
  await done;
}

// eslint-disable-next-line no-control-regex
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: backslash, tab and line breaks escaped, null as \N. */
export function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(SPECIAL, (c) => ESCAPES[c]!);
}
