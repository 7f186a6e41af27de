import { invalidInput } from '../shared/errors.ts';

/**
 * Records from JSON pushed by department systems: a top-level array of objects (streamed element by
 * element, so a large file never sits in memory whole) or NDJSON (one object per line). Each object
 * becomes a row of cells aligned with a header of field names that grows as new fields appear.
 * A malformed element becomes a row of its own with `error` set, so it is quarantined rather than
 * failing the whole batch; a document that is not JSON at all is a clear error.
 *
 * @example
 * const r = new JsonRows((row) => rows.push(row));
 * r.push('[{"姓名":"张三","年龄":30},'); r.push('{"姓名":"李四"}]'); r.end();
 * r.header; // ['姓名', '年龄'];  rows[1].cells // ['李四', '']
 */
export interface JsonRow {
  readonly cells: string[];
  readonly error?: { zh: string; en: string } | undefined;
}

const MAX_RECORD_CHARS = 1 << 20;
const MAX_DOCUMENT_CHARS = 64 << 20;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A JSON value as cell text; objects and arrays keep their JSON. */
export function jsonCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export class JsonRows {
  readonly header: string[] = [];
  private readonly columnOf = new Map<string, number>();
  private mode: 'unknown' | 'array' | 'ndjson' | 'document' = 'unknown';
  private buf = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private elementStart = -1;
  private scan = 0;
  rows = 0;

  constructor(private readonly onRow: (row: JsonRow) => void) {}

  /** Adds one already-parsed record (the batch JSON API). */
  record(value: unknown): void {
    this.rows++;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.onRow({ cells: [jsonCellText(value)], error: { zh: '记录应为 JSON 对象', en: 'a record must be a JSON object' } });
      return;
    }
    const cells: string[] = new Array(this.header.length).fill('');
    for (const [field, v] of Object.entries(value as Record<string, unknown>)) {
      let col = this.columnOf.get(field);
      if (col === undefined) {
        col = this.header.length;
        this.header.push(field);
        this.columnOf.set(field, col);
      }
      cells[col] = jsonCellText(v);
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    this.onRow({ cells });
  }

  private parsed(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.rows++;
      this.onRow({ cells: [text.length > 200 ? `${text.slice(0, 200)}…` : text], error: { zh: `不是有效的 JSON：${(error as Error).message}`, en: `not valid JSON: ${(error as Error).message}` } });
      return;
    }
    this.record(value);
  }

  push(chunk: string): void {
    this.buf += chunk;
    if (this.mode === 'unknown') {
      const first = this.buf.search(/\S/);
      if (first < 0) return;
      const c = this.buf[first];
      if (c === '[') {
        this.mode = 'array';
        this.scan = first + 1;
      } else if (c === '{') this.mode = 'ndjson';
      else throw invalidInput('JSON 文件应为对象数组或每行一个对象（NDJSON）/ JSON must be an array of objects or NDJSON', [{ path: '/file', message: `starts with ${JSON.stringify(c)}` }]);
    }
    if (this.mode === 'ndjson') this.lines(false);
    else if (this.mode === 'array') this.elements();
    else if (this.mode === 'document' && this.buf.length > MAX_DOCUMENT_CHARS) throw tooLong(1);
  }

  end(): void {
    if (this.mode === 'ndjson') this.lines(true);
    if (this.mode === 'document') this.document();
    else if (this.mode === 'array') {
      this.elements();
      if (this.buf.slice(this.scan).trim() !== '' || this.depth !== -1) {
        throw invalidInput('JSON 数组不完整（缺少结尾的 ]）/ the JSON array is incomplete (no closing ])', [{ path: '/file', message: 'truncated' }]);
      }
    }
    this.buf = '';
  }

  private lines(final: boolean): void {
    let pos = 0;
    for (;;) {
      const nl = this.buf.indexOf('\n', pos);
      if (nl < 0) break;
      const line = this.buf.slice(pos, nl).trim();
      // A pretty-printed object ({ "records": [...] }) is not NDJSON: its first line is no record.
      if (this.rows === 0 && line && !isJson(line)) {
        this.mode = 'document';
        return;
      }
      if (line) this.parsed(line);
      pos = nl + 1;
    }
    this.buf = this.buf.slice(pos);
    if (final && this.buf.trim()) {
      // A single line may be a whole { "records": [...] } document.
      if (this.rows === 0 && pos === 0) {
        this.mode = 'document';
        return;
      }
      this.parsed(this.buf.trim());
    }
    if (this.buf.length > MAX_RECORD_CHARS) throw tooLong(this.rows + 1);
  }

  // Scans for top-level elements of the array: depth 0 is inside the array, -1 after its closing bracket.
  private elements(): void {
    const s = this.buf;
    let i = this.scan;
    for (; i < s.length && this.depth >= 0; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (c === 34) {
        this.inString = true;
        if (this.depth === 0 && this.elementStart < 0) this.elementStart = i;
      } else if (c === 123 || c === 91) {
        if (this.depth === 0 && this.elementStart < 0) this.elementStart = i;
        this.depth++;
      } else if (c === 125 || c === 93) {
        if (this.depth === 0) {
          if (c === 93) this.finishElement(s, i);
          this.depth = -1;
          continue;
        }
        this.depth--;
      } else if (c === 44 && this.depth === 0) {
        this.finishElement(s, i);
      } else if (this.depth === 0 && this.elementStart < 0 && c > 32) {
        this.elementStart = i;
      }
    }
    // Keep only the unfinished element.
    const keep = this.elementStart >= 0 ? this.elementStart : i;
    this.buf = s.slice(keep);
    this.scan = i - keep;
    if (this.elementStart >= 0) this.elementStart = 0;
    if (this.buf.length > MAX_RECORD_CHARS) throw tooLong(this.rows + 1);
  }

  /** A whole document: `{ records: [...] }` (the batch API's shape) or one object. */
  private document(): void {
    let value: unknown;
    try {
      value = JSON.parse(this.buf);
    } catch (error) {
      throw invalidInput(`不是有效的 JSON：${(error as Error).message} / not valid JSON`, [{ path: '/file', message: 'invalid JSON' }]);
    }
    const records = (value as { records?: unknown }).records;
    if (Array.isArray(records)) for (const r of records) this.record(r);
    else this.record(value);
  }

  private finishElement(s: string, end: number): void {
    if (this.elementStart >= 0) {
      const text = s.slice(this.elementStart, end).trim();
      if (text) this.parsed(text);
    }
    this.elementStart = -1;
  }
}

function tooLong(row: number) {
  return invalidInput(`第 ${row} 条记录超过 1M 字符仍未结束 / record ${row} runs past 1M characters without ending`, [{ path: `/records/${row}`, message: 'record too long' }]);
}
