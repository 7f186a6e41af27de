import type { PreparedChunk } from './prepare.ts';

/**
 * A prepared chunk as it crosses from the parse worker to the main thread. The records' bytes and
 * the key and record ends are moved, not copied (`transferList`); the keys go joined into one string,
 * which the structured clone copies in one piece instead of thousands of small strings (and slicing
 * it again costs no copy).
 *
 * @example
 * const packed = packChunk(chunk); port.postMessage(packed, transferList(packed));
 * unpackChunk(packed).keys; // equal to chunk.keys
 */
export interface PackedChunk extends Omit<PreparedChunk, 'keys' | 'keyHashes' | 'data'> {
  readonly keys: string;
  readonly keyEnds: Int32Array;
  readonly keyHashes: Float64Array;
  readonly data: Uint8Array;
}

export function packChunk(chunk: PreparedChunk): PackedChunk {
  const keyEnds = new Int32Array(chunk.keys.length);
  let at = 0;
  for (let i = 0; i < chunk.keys.length; i++) keyEnds[i] = at += chunk.keys[i]!.length;
  return { ...chunk, keys: chunk.keys.join(''), keyEnds, keyHashes: Float64Array.from(chunk.keyHashes as ArrayLike<number>) };
}

export function transferList(packed: PackedChunk): ArrayBuffer[] {
  return [packed.data.buffer as ArrayBuffer, packed.dataEnds.buffer as ArrayBuffer, packed.keyEnds.buffer as ArrayBuffer, packed.keyHashes.buffer as ArrayBuffer];
}

export function unpackChunk(packed: PackedChunk): PreparedChunk {
  const { data, keyEnds, keys: joined, keyHashes, ...rest } = packed;
  const keys = new Array<string>(keyEnds.length);
  for (let i = 0, at = 0; i < keyEnds.length; i++) keys[i] = joined.slice(at, (at = keyEnds[i]!));
  return { ...rest, keys, keyHashes, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
}
