import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { invalidInput } from '../shared/errors.ts';

/**
 * Rows of the first worksheet of an XLSX file, streamed with exceljs's WorkbookReader (so a large
 * workbook is never loaded whole), each cell turned into the text a person sees: dates in
 * date-formatted cells as YYYY-MM-DD (or with the time when it is not midnight), numbers as written,
 * rich text joined, formulas by their cached result, error values such as #N/A as that text.
 *
 * A damaged zip can leave exceljs waiting forever for data that will never come (its unzip stream
 * neither errors nor ends). A watchdog turns that into a clear error: once the whole input has been
 * handed over, the reader must keep making progress.
 *
 * @example
 * for await (const batch of xlsxRows(stream)) for (const { rowNo, cells } of batch) …
 */
export interface XlsxRow {
  /** 1-based row number as Excel shows it. */
  readonly rowNo: number;
  readonly cells: string[];
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const STALL_MS = 3000;

/** The text of one exceljs cell value. */
export function xlsxCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // Excel dates carry no zone: exceljs gives them as UTC instants of the wall-clock time.
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const h = value.getUTCHours();
    const m = value.getUTCMinutes();
    const s = value.getUTCSeconds();
    return h === 0 && m === 0 && s === 0 ? date : `${date} ${pad(h)}:${pad(m)}:${pad(s)}`;
  }
  if (typeof value === 'object') {
    const v = value as { richText?: Array<{ text?: string }>; text?: unknown; result?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? '').join('');
    if (v.formula !== undefined || v.sharedFormula !== undefined) return xlsxCellText(v.result);
    if (v.error !== undefined) return String(v.error);
    if (v.text !== undefined) return xlsxCellText(v.text);
  }
  return String(value);
}

const unreadable = (detail: string) => invalidInput(`无法读取 Excel 文件：${detail} / cannot read the XLSX file`, [{ path: '/file', message: 'unreadable xlsx' }]);

/** Streams the first worksheet in batches of rows; blank rows are skipped by Excel and by us. */
export async function* xlsxRows(input: Readable, batchSize = 2000): AsyncGenerator<XlsxRow[]> {
  let inputDone = false;
  let lastProgress = Date.now();
  input.once('end', () => { inputDone = true; lastProgress = Date.now(); });
  input.once('close', () => { inputDone = true; });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    entries: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit',
  });

  // Awaits one step of an exceljs iterator, failing if the input is exhausted and nothing moves.
  async function step<T>(it: AsyncIterator<T>): Promise<IteratorResult<T>> {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setInterval(() => {
        if (inputDone && Date.now() - lastProgress > STALL_MS) reject(unreadable('文件不完整或已损坏 / truncated or damaged'));
      }, 250);
    });
    try {
      const r = await Promise.race([it.next(), stalled]);
      lastProgress = Date.now();
      return r;
    } finally {
      clearInterval(timer);
    }
  }

  let batch: XlsxRow[] = [];
  let sheets = 0;
  try {
    const books = reader[Symbol.asyncIterator]();
    for (let w = await step(books); !w.done; w = await step(books)) {
      sheets++;
      if (sheets > 1) break;
      const rows = (w.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
      for (let r = await step(rows); !r.done; r = await step(rows)) {
        const values = r.value.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(xlsxCellText(values[i]));
        batch.push({ rowNo: r.value.number, cells });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
  } catch (error) {
    input.destroy();
    if ((error as { code?: string }).code === 'invalid_input') throw error;
    throw unreadable((error as Error)?.message ?? String(error));
  }
  // Later worksheets are not read; let go of the input.
  input.destroy();
  if (sheets === 0) throw unreadable('没有工作表 / no worksheet');
  if (batch.length > 0) yield batch;
}
