import { FileSink } from './sink.ts';
import { ZipWriter, type ZipStream } from './zip.ts';

/**
 * Streams one worksheet of an XLSX workbook: inline strings, numbers, and numbers shown as
 * dates (style 1, built-in format 14), with an optional merged title row above the header,
 * as departments' hand-made spreadsheets have.
 *
 * Why not exceljs's WorkbookWriter: measured here at 2.0–3.1 s of CPU per 100,000 rows of 12
 * text columns against 0.85 s for this writer (the grid ledger of a million-person county has
 * 770,000 rows), it has no backpressure (rows pile up in memory while archiver deflates) and
 * it stamps wall-clock times into the zip. This writer awaits the deflate stream and is
 * byte-for-byte deterministic. exceljs remains the reader in tests.
 *
 * @example
 * const x = await XlsxWriter.open('/tmp/a.xlsx', { sheet: '台账', title: '2024年居民台账', columns: 3, dateColumns: [2] });
 * x.row(['姓名', '身份证号', '出生日期']);
 * x.row(['王小明', '37132119900307123X', 32939]);
 * if (x.needsFlush) await x.flush();
 * await x.close();
 */
export type XlsxCell = string | number;

export interface XlsxOptions {
  readonly sheet: string;
  readonly columns: number;
  /** Zero-based columns whose numbers are dates (Excel serials). */
  readonly dateColumns?: readonly number[];
  /** A merged first row across all columns, e.g. '沂南县2024年第二季度救助对象花名册'. */
  readonly title?: string;
}

const CHUNK_CHARS = 1 << 20;
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function escapeXml(s: string): string {
  if (!XML_SPECIAL.test(s)) return s;
  // eslint-disable-next-line no-control-regex
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export class XlsxWriter {
  private readonly sink: FileSink;
  private readonly zip: ZipWriter;
  private readonly sheet: ZipStream;
  private readonly letters: string[];
  private readonly isDate: boolean[];
  private readonly hasTitle: boolean;
  private pending: string[] = [];
  private pendingChars = 0;
  private rowNo = 0;

  private constructor(sink: FileSink, options: XlsxOptions) {
    this.sink = sink;
    this.zip = new ZipWriter(sink);
    const sheetName = escapeXml(options.sheet);
    this.zip.addFile('[Content_Types].xml', Buffer.from(`${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`));
    this.zip.addFile('_rels/.rels', Buffer.from(`${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`));
    this.zip.addFile('xl/workbook.xml', Buffer.from(`${HEAD}<workbook ${NS} ${NS_R}><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`));
    this.zip.addFile('xl/_rels/workbook.xml.rels', Buffer.from(`${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`));
    this.zip.addFile('xl/styles.xml', Buffer.from(`${HEAD}<styleSheet ${NS}><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`));
    this.sheet = this.zip.beginStream('xl/worksheets/sheet1.xml');
    this.letters = Array.from({ length: options.columns }, (_, i) => columnLetter(i));
    this.isDate = Array.from({ length: options.columns }, (_, i) => options.dateColumns?.includes(i) ?? false);
    this.push(`${HEAD}<worksheet ${NS} ${NS_R}><sheetData>`);
    this.hasTitle = options.title !== undefined;
    if (options.title !== undefined) {
      this.rowNo = 1;
      this.push(`<row r="1"><c r="A1" t="inlineStr"><is><t>${escapeXml(options.title)}</t></is></c></row>`);
    }
  }

  static async open(path: string, options: XlsxOptions): Promise<XlsxWriter> {
    return new XlsxWriter(await FileSink.open(path), options);
  }

  row(cells: readonly (XlsxCell | null)[]): void {
    const r = ++this.rowNo;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined || v === '') continue;
      const ref = `${this.letters[i] ?? columnLetter(i)}${r}`;
      if (typeof v === 'number') {
        xml += this.isDate[i] ? `<c r="${ref}" s="1"><v>${v}</v></c>` : `<c r="${ref}"><v>${v}</v></c>`;
      } else {
        const space = v.charCodeAt(0) === 32 || v.charCodeAt(v.length - 1) === 32 ? ' xml:space="preserve"' : '';
        xml += `<c r="${ref}" t="inlineStr"><is><t${space}>${escapeXml(v)}</t></is></c>`;
      }
    }
    this.push(`${xml}</row>`);
  }

  private push(xml: string): void {
    this.pending.push(xml);
    this.pendingChars += xml.length;
  }

  get needsFlush(): boolean {
    return this.pendingChars >= CHUNK_CHARS;
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    await this.sheet.write(Buffer.from(text, 'utf8'));
  }

  async close(): Promise<void> {
    this.push('</sheetData>');
    if (this.hasTitle && this.letters.length > 1) this.push(`<mergeCells count="1"><mergeCell ref="A1:${this.letters[this.letters.length - 1]}1"/></mergeCells>`);
    this.push('</worksheet>');
    await this.flush();
    await this.sheet.end();
    await this.zip.finish();
    await this.sink.close();
  }

  get bytes(): number {
    return this.sink.bytes;
  }
}
