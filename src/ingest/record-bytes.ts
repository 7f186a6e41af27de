// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029]/;
const NULL_COMMA = Buffer.from(',null');

/**
 * Records as positional JSON arrays — `["v0",null,"v2"]`, one element per item in item order, trailing
 * nulls dropped — written as UTF-8 into one growing buffer, each record's end recorded. A value comes
 * as a string or as bytes already known to need no escaping.
 *
 * @example
 * const b = new RecordBytes();
 * b.open(); b.value(0, '张三', false); b.value(2, '1', true); b.close();
 * b.take().data.toString(); // '["张三",null,"1"]'
 */
export class RecordBytes {
  private buf = Buffer.allocUnsafeSlow(1 << 16);
  private len = 0;
  private ends = new Int32Array(256);
  private count = 0;
  /** Elements written in the open record. */
  private written = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.len + extra));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }

  /** Where the open record starts, for `abandon`. */
  private recordStart = 0;

  /** Starts a record with room for `room` bytes, so that values copied from a row need no further checks. */
  open(room = 1): void {
    this.ensure(room);
    this.recordStart = this.len;
    this.buf[this.len++] = 0x5b;
    this.written = 0;
  }

  /** Drops the open record. */
  abandon(): void {
    this.len = this.recordStart;
  }

  /** Nulls for the items skipped since the last value, then the separator. */
  private lead(index: number): void {
    this.ensure((index - this.written) * 5 + 1);
    for (let j = this.written; j < index; j++) {
      if (j === 0) {
        this.buf.write('null', this.len, 'latin1');
        this.len += 4;
      } else {
        NULL_COMMA.copy(this.buf, this.len);
        this.len += 5;
      }
    }
    if (index > 0) this.buf[this.len++] = 0x2c;
    this.written = index + 1;
  }

  value(index: number, v: string, plain: boolean): void {
    this.lead(index);
    const n = v.length;
    this.ensure(n * 3 + 2);
    const buf = this.buf;
    let at = this.len;
    buf[at++] = 0x22;
    // Printable ASCII (codes, dates, numbers) is copied here; anything else goes through the encoder.
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        const text = !plain && NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
        this.ensure(text.length * 3);
        this.len += this.buf.write(text, this.len, 'utf8');
        return;
      }
      buf[at++] = c;
    }
    buf[at++] = 0x22;
    this.len = at;
  }

  /**
   * A value given as UTF-8 bytes that need no escaping. The room for it (its bytes, quotes and
   * separator) must have been reserved by `open`.
   */
  rawValue(index: number, src: Buffer, start: number, end: number): void {
    this.lead(index);
    const n = end - start;
    const buf = this.buf;
    let at = this.len;
    buf[at++] = 0x22;
    if (n < 64) {
      // Four bytes a step: the bounds checks of a plain loop cost more than the copy itself.
      let i = start;
      for (; i + 4 <= end; i += 4, at += 4) {
        buf[at] = src[i]!;
        buf[at + 1] = src[i + 1]!;
        buf[at + 2] = src[i + 2]!;
        buf[at + 3] = src[i + 3]!;
      }
      for (; i < end; i++) buf[at++] = src[i]!;
    } else at += src.copy(buf, at, start, end);
    buf[at++] = 0x22;
    this.len = at;
  }

  close(): void {
    this.ensure(1);
    this.buf[this.len++] = 0x5d;
    if (this.count === this.ends.length) {
      const bigger = new Int32Array(this.ends.length * 2);
      bigger.set(this.ends);
      this.ends = bigger;
    }
    this.ends[this.count++] = this.len;
  }

  /** The records written since the last take, in a buffer of their own (it is handed over, not copied). */
  take(): { data: Buffer; ends: Int32Array } {
    const data = this.buf.subarray(0, this.len);
    const ends = this.ends.slice(0, this.count);
    // The next chunk starts with room for as much as this one held.
    this.buf = Buffer.allocUnsafeSlow(Math.max(1 << 16, Math.ceil(this.len * 1.25)));
    this.len = 0;
    this.count = 0;
    return { data, ends };
  }
}
