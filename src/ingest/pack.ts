import type { PreparedChunk } from './prepare.ts';

/**
 * A prepared chunk as it crosses from the parse worker to the main thread. Thousands of small
 * strings cost the structured clone an allocation each on both sides; the records' JSON joined into
 * one string (it never holds a raw newline: JSON escapes control characters) and the keys as one JSON
 * array are copied in one piece and split again on arrival.
 *
 * @example
 * unpackChunk(packChunk(chunk)).data; // equal to chunk.data
 */
export interface PackedChunk extends Omit<PreparedChunk, 'keys' | 'data'> {
  readonly keys: string;
  readonly data: string;
}

export function packChunk(chunk: PreparedChunk): PackedChunk {
  return { ...chunk, keys: JSON.stringify(chunk.keys), data: chunk.data.join('\n') };
}

export function unpackChunk(packed: PackedChunk): PreparedChunk {
  return { ...packed, keys: JSON.parse(packed.keys) as string[], data: packed.data.length === 0 ? [] : packed.data.split('\n') };
}
