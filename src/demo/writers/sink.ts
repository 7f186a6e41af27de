import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * A file opened for appending large buffers, with backpressure: writers check `needsDrain`
 * after a chunk and await `drain()` so that no more than a chunk or two sits in memory.
 * Counts bytes so that the zip writer knows its offsets.
 *
 * @example
 * const sink = await FileSink.open('/tmp/x.csv');
 * sink.write(Buffer.from('a,b\n'));
 * if (sink.needsDrain) await sink.drain();
 * await sink.close();
 */
export class FileSink {
  private readonly stream: WriteStream;
  bytes = 0;

  private constructor(stream: WriteStream) {
    this.stream = stream;
  }

  static async open(path: string): Promise<FileSink> {
    const stream = createWriteStream(path);
    await once(stream, 'open');
    return new FileSink(stream);
  }

  write(buf: Buffer): boolean {
    this.bytes += buf.length;
    return this.stream.write(buf);
  }

  get needsDrain(): boolean {
    return this.stream.writableNeedDrain;
  }

  async drain(): Promise<void> {
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }

  onDrain(listener: () => void): void {
    this.stream.on('drain', listener);
  }

  offDrain(listener: () => void): void {
    this.stream.off('drain', listener);
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
