import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';
import { once } from 'node:events';
import type { FileSink } from './sink.ts';

/**
 * A minimal zip writer for XLSX packages: deflated entries, one of which may be streamed
 * (sizes and CRC go in a data descriptor after it). Every entry carries the same fixed
 * DOS timestamp and no extra fields, so equal content gives byte-identical archives.
 * Limited to 4 GiB per entry and archive (no Zip64), far above what the generator writes.
 *
 * @example
 * const zip = new ZipWriter(sink);
 * zip.addFile('a.xml', Buffer.from('<a/>'));
 * const s = zip.beginStream('big.xml'); await s.write(buf); await s.end();
 * await zip.finish();
 */
interface Entry {
  readonly name: Buffer;
  readonly offset: number;
  readonly crc: number;
  readonly compressed: number;
  readonly size: number;
  readonly streamed: boolean;
}

// 2024-06-30 00:00:00 in MS-DOS format: the county's "as of" date, not the wall clock.
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (6 << 5) | 30;
const LIMIT = 0xffffffff;

export interface ZipStream {
  write(buf: Buffer): Promise<void>;
  end(): Promise<void>;
}

export class ZipWriter {
  private readonly sink: FileSink;
  private readonly entries: Entry[] = [];
  private readonly level: number;

  constructor(sink: FileSink, level = 1) {
    this.sink = sink;
    this.level = level;
  }

  private localHeader(name: Buffer, crc: number, compressed: number, size: number, streamed: boolean): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(streamed ? 0x0808 : 0x0800, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(DOS_TIME, 10);
    h.writeUInt16LE(DOS_DATE, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, name]);
  }

  addFile(path: string, data: Buffer): void {
    const name = Buffer.from(path, 'utf8');
    const body = deflateRawSync(data, { level: this.level });
    const crc = crc32(data);
    const offset = this.sink.bytes;
    this.sink.write(this.localHeader(name, crc, body.length, data.length, false));
    this.sink.write(body);
    this.entries.push({ name, offset, crc, compressed: body.length, size: data.length, streamed: false });
  }

  /** Starts an entry whose content arrives in pieces; await each write (it applies backpressure). */
  beginStream(path: string): ZipStream {
    const name = Buffer.from(path, 'utf8');
    const offset = this.sink.bytes;
    this.sink.write(this.localHeader(name, 0, 0, 0, true));
    const start = this.sink.bytes;
    const deflate = createDeflateRaw({ level: this.level });
    let crc = 0;
    let size = 0;
    const resume = () => deflate.resume();
    this.sink.onDrain(resume);
    deflate.on('data', (chunk: Buffer) => {
      if (!this.sink.write(chunk)) deflate.pause();
    });
    const ended = once(deflate, 'end');
    return {
      write: async (buf) => {
        crc = crc32(buf, crc);
        size += buf.length;
        if (size > LIMIT) throw new Error('XLSX 工作表超过 4 GiB / worksheet exceeds 4 GiB');
        if (!deflate.write(buf)) await once(deflate, 'drain');
      },
      end: async () => {
        deflate.end();
        await ended;
        this.sink.offDrain(resume);
        const compressed = this.sink.bytes - start;
        const d = Buffer.alloc(16);
        d.writeUInt32LE(0x08074b50, 0);
        d.writeUInt32LE(crc, 4);
        d.writeUInt32LE(compressed, 8);
        d.writeUInt32LE(size, 12);
        this.sink.write(d);
        this.entries.push({ name, offset, crc, compressed, size, streamed: true });
      },
    };
  }

  async finish(): Promise<void> {
    const cdStart = this.sink.bytes;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(e.streamed ? 0x0808 : 0x0800, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(DOS_TIME, 12);
      h.writeUInt16LE(DOS_DATE, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      this.sink.write(Buffer.concat([h, e.name]));
    }
    const cdSize = this.sink.bytes - cdStart;
    if (this.sink.bytes > LIMIT) throw new Error('XLSX 文件超过 4 GiB / file exceeds 4 GiB');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdStart, 16);
    this.sink.write(end);
    await this.sink.drain();
  }
}
