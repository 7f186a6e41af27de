import { isUtf8 } from 'node:buffer';
import type { DetectedEncoding } from './text-decode.ts';

/**
 * A file's bytes as chunks of valid UTF-8 that end on character boundaries, whatever the file's
 * encoding: UTF-8 passes through untouched (checked with the engine's native `isUtf8`, and the BOM
 * dropped); GB18030/GBK and UTF-16 are decoded and re-encoded; bytes that are not valid in the
 * file's encoding become U+FFFD, as a text decoder would make them, so that the cell holding them is
 * quarantined as undecodable.
 *
 * @example
 * for await (const chunk of utf8Chunks(readChunks(), detectEncoding(head))) parser.push(chunk);
 */
export async function* utf8Chunks(bytes: AsyncIterable<Buffer>, detected: DetectedEncoding): AsyncGenerator<Buffer> {
  if (detected.encoding !== 'utf-8') {
    const decoder = new TextDecoder(detected.encoding, { ignoreBOM: false });
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) yield Buffer.from(text, 'utf8');
    }
    const tail = decoder.decode();
    if (tail.length > 0) yield Buffer.from(tail, 'utf8');
    return;
  }
  let carry: Buffer | undefined;
  let first = true;
  for await (const raw of bytes) {
    let chunk = carry ? Buffer.concat([carry, raw]) : raw;
    carry = undefined;
    if (first && detected.bom) {
      if (chunk.length < 3) {
        carry = chunk;
        continue;
      }
      chunk = chunk.subarray(3);
    }
    first = false;
    const cut = completeLength(chunk);
    if (cut < chunk.length) carry = Buffer.from(chunk.subarray(cut));
    if (cut > 0) yield asUtf8(chunk.subarray(0, cut));
  }
  if (carry && carry.length > 0 && !(first && detected.bom)) yield asUtf8(carry);
}

function asUtf8(chunk: Buffer): Buffer {
  return isUtf8(chunk) ? chunk : Buffer.from(new TextDecoder('utf-8').decode(chunk), 'utf8');
}

/**
 * Length of the longest prefix that does not end inside a multi-byte character: a lead byte in the
 * last three bytes whose sequence runs past the end is held back for the next chunk.
 */
export function completeLength(chunk: Uint8Array): number {
  const n = chunk.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = chunk[n - back]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? n - back : n;
    }
  }
  return n;
}
