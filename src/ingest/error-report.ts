import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutralise } from './formula-guard.ts';
import { ORIGIN_HEADER } from './produce.ts';
import type { QuarantineView } from './views.ts';

/**
 * The Excel error report of a batch: the quarantined rows with their original columns, each bad
 * cell filled yellow with a note explaining the problem in Chinese, a 错误说明 column with every
 * reason, and 原行号 so that the corrected sheet can be uploaded again and the quarantine entries it
 * fixes are closed. Written with exceljs's streaming writer, so a large report never sits in memory.
 *
 * Every text cell goes through `neutralise` (formula-guard.ts) so that a value such as
 * "=cmd|' /C calc'!A0" stays text when the report is opened.
 *
 * @example
 * await writeErrorReport(res, { title: '户籍人口信息 第 3 批', header, rows: pages(), warnings: [] });
 */
export interface ErrorReportInput {
  readonly title: string;
  readonly summary: ReadonlyArray<readonly [string, string | number]>;
  readonly header: readonly string[];
  readonly rows: AsyncIterable<QuarantineView[]>;
  readonly warnings: ReadonlyArray<{ rowNo: number; item: string; raw: string; reason: string }>;
}

const BAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB3B' } };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
export const REASON_HEADER = '错误说明';

export async function writeErrorReport(out: Writable, input: ErrorReportInput): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('错误数据');
  const headRow = sheet.addRow([ORIGIN_HEADER, ...input.header.map(neutralise), REASON_HEADER]);
  headRow.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEAD_FILL;
  });
  headRow.commit();
  const columnOf = new Map(input.header.map((h, i) => [h, i]));
  for await (const page of input.rows) {
    for (const q of page) {
      const width = Math.max(input.header.length, q.cells.length);
      const cells: string[] = [];
      for (let i = 0; i < width; i++) cells.push(neutralise(q.cells[i] ?? ''));
      const reasons = q.errors.map((e) => `${e.column ?? e.item ?? '整行'}：${e.zh}`).join('；');
      const row = sheet.addRow([q.rowNo, ...cells, neutralise(reasons)]);
      const notes = new Map<number, string[]>();
      for (const e of q.errors) {
        const col = e.column === null ? undefined : columnOf.get(e.column);
        if (col !== undefined) notes.set(col, [...(notes.get(col) ?? []), e.zh]);
      }
      for (const [col, texts] of notes) {
        const cell = row.getCell(col + 2);
        cell.fill = BAD_FILL;
        cell.note = texts.join('\n');
      }
      row.getCell(width + 2).font = { color: { argb: 'FFC00000' } };
      row.commit();
    }
  }
  await sheet.commit();

  // The data sheet comes first: the importer reads the first sheet of a corrected report.
  const info = wb.addWorksheet('说明');
  info.addRow([neutralise(input.title)]).commit();
  for (const [k, v] of input.summary) info.addRow([k, typeof v === 'number' ? v : neutralise(v)]).commit();
  info.addRow([]).commit();
  info.addRow(['请在“错误数据”表中更正标黄的单元格（批注说明了原因），保留“原行号”列，删除“错误说明”列可选，然后将该表另存为 .xlsx 重新上传。']).commit();
  info.addRow(['Fix the yellow cells in 错误数据 (each has a note), keep the 原行号 column and upload the sheet again.']).commit();
  await info.commit();

  if (input.warnings.length > 0) {
    const warn = wb.addWorksheet('警告');
    warn.addRow(['行号', '信息项', '原值（已置空）', '说明']).commit();
    for (const w of input.warnings) warn.addRow([w.rowNo, neutralise(w.item), neutralise(w.raw), neutralise(w.reason)]).commit();
    await warn.commit();
  }
  await wb.commit();
}
