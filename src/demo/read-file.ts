import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ManifestFile } from './manifest.ts';

/**
 * Reads a generated department file back through the manifest (encoding, sheet, header
 * row), with independent readers — csv-parse and iconv-lite for CSV, exceljs for XLSX —
 * so tests see the files as an ingest pipeline would. Whole-file: for test-sized counties.
 * XLSX date cells come back as Excel serial numbers, other numbers as numbers.
 *
 * @example
 * const { header, rows } = await readDemoFile('/tmp/c', manifest.files[0]);
 * rows[0]?.[header.indexOf('姓名')]; // '王晓明'
 */
export interface DemoTable {
  readonly header: string[];
  readonly rows: (string | number)[][];
}

export async function readDemoFile(outDir: string, file: ManifestFile): Promise<DemoTable> {
  const path = join(outDir, file.path);
  if (file.fileType === 'csv') {
    const bytes = await readFile(path);
    let text = file.encoding === 'gbk' ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const records = parse(text, { relax_column_count: false }) as string[][];
    const [header, ...rows] = records;
    return { header: header ?? [], rows };
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = file.sheet ? workbook.getWorksheet(file.sheet) : workbook.worksheets[0];
  if (!sheet) throw new Error(`no sheet ${file.sheet ?? ''} in ${file.path}`);
  const width = file.columns.length;
  const read = (r: number): (string | number)[] => {
    const row = sheet.getRow(r);
    const out: (string | number)[] = [];
    for (let c = 1; c <= width; c++) {
      const v = row.getCell(c).value;
      if (v === null || v === undefined) out.push('');
      else if (v instanceof Date) out.push(Math.round(v.getTime() / 86400000 + 25569));
      else if (typeof v === 'number' || typeof v === 'string') out.push(v);
      else out.push(String(v));
    }
    return out;
  };
  const header = read(file.headerRow).map(String);
  const rows: (string | number)[][] = [];
  for (let r = file.firstDataRow; r <= sheet.rowCount; r++) rows.push(read(r));
  return { header, rows };
}
