import ExcelJS from 'exceljs';
import { AppError, invalidInput, type FieldProblem } from '../shared/errors.ts';
import type { Principal } from '../identity/principal.ts';
import type { ItemInput, ResourceInput, ResourceView } from './model.ts';
import type { CatalogService } from './service.ts';

/** The Excel template departments already fill in: one row per information item. */
export const TEMPLATE_COLUMNS = [
  '信息资源代码', '信息资源名称', '类', '项', '目', '细目', '提供方', '提供方代码', '摘要', '格式',
  '信息项名称', '数据类型', '数据元', '数据长度', '是否主键', '是否权威来源',
  '共享类型', '共享条件', '共享依据', '共享方式', '是否向社会开放', '开放条件', '更新周期', '发布日期', '关联资源代码',
] as const;
type Column = (typeof TEMPLATE_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['信息资源名称', '类', '项', '目', '提供方', '摘要', '格式', '信息项名称', '数据类型', '共享类型', '共享方式', '更新周期'];
const MAX_ROWS = 50_000;

/** Neutralises text that a spreadsheet would run as a formula (=, +, -, @ at the start). */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function exportCatalogXlsx(resources: readonly ResourceView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Shutong';
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet('政务信息资源目录');
  sheet.addRow([...TEMPLATE_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of resources) {
    for (const item of r.items) {
      sheet.addRow([
        r.code, r.name, r.category.class, r.category.item, r.category.catalog, r.category.detail ?? '', r.provider.departmentName, r.provider.providerCode,
        r.summary, r.format, item.name, item.dataType, item.element?.name ?? '', item.length ?? '', item.isKey ? '是' : '否', item.authoritative ? '是' : '否',
        r.sharing.type, r.sharing.condition ?? '', r.sharing.basis ?? '', r.sharing.method, r.open.isOpen ? '是' : '否', r.open.condition ?? '', r.updateCycle,
        r.publishedAt?.slice(0, 10) ?? '', r.relatedCodes.join(';'),
      ].map((v) => (typeof v === 'string' ? safeCell(v) : v)));
    }
  }
  TEMPLATE_COLUMNS.forEach((_, i) => (sheet.getColumn(i + 1).width = i === 8 ? 40 : 16));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellText(cell: ExcelJS.CellValue): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.replace(/^'(?=[=+\-@])/, '').trim();
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object' && 'richText' in cell) return cell.richText.map((r) => r.text).join('').trim();
  if (typeof cell === 'object' && 'text' in cell) return String(cell.text).trim();
  if (typeof cell === 'object' && 'result' in cell) return cell.result === undefined ? '' : cellText(cell.result as ExcelJS.CellValue);
  return String(cell);
}

const yes = (v: string) => ['是', 'y', 'yes', 'true', '1'].includes(v.toLowerCase());

export interface ParsedGroup {
  readonly code: string | undefined;
  readonly rows: number[];
  readonly input: ResourceInput;
}

/** Reads the template into resources; problems name the row and column (`/rows/12/共享类型`). */
export async function parseCatalogXlsx(buffer: Buffer, resolveDepartment: (nameOrCode: string) => Promise<string | undefined>): Promise<{ groups: ParsedGroup[]; problems: FieldProblem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw invalidInput(`无法读取 Excel 文件：${(error as Error).message} / not a readable .xlsx file`, [{ path: '/file', message: '文件格式错误 malformed file' }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalidInput('Excel 中没有工作表 / the workbook has no sheet', [{ path: '/file', message: '无工作表 no sheet' }]);
  if (sheet.rowCount > MAX_ROWS + 1) throw invalidInput(`最多 ${MAX_ROWS} 行 / at most ${MAX_ROWS} rows`, [{ path: '/file', message: '行数过多 too many rows' }]);
  const header = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => header.set(cellText(cell.value), col));
  const missing = REQUIRED.filter((c) => !header.has(c));
  if (missing.length) throw invalidInput(`缺少列：${missing.join('、')} / missing columns`, missing.map((c) => ({ path: `/header/${c}`, message: '缺少该列 missing column' })));

  const problems: FieldProblem[] = [];
  const groups = new Map<string, { code: string | undefined; rows: number[]; input: ResourceInput }>();
  const departments = new Map<string, string | undefined>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (c: Column) => (header.has(c) ? cellText(row.getCell(header.get(c)!).value) : '');
    if (TEMPLATE_COLUMNS.every((c) => get(c) === '')) continue;
    for (const c of REQUIRED) if (!get(c)) problems.push({ path: `/rows/${r}/${c}`, message: `第${r}行「${c}」必填 / row ${r}: ${c} is required` });
    const providerName = get('提供方');
    if (!departments.has(providerName)) departments.set(providerName, await resolveDepartment(providerName));
    const providerCode = departments.get(providerName);
    if (providerName && !providerCode) problems.push({ path: `/rows/${r}/提供方`, message: `第${r}行未知部门「${providerName}」/ row ${r}: unknown department` });
    const length = get('数据长度');
    if (length && !/^\d+$/.test(length)) problems.push({ path: `/rows/${r}/数据长度`, message: `第${r}行数据长度须为整数 / row ${r}: length must be an integer` });
    const code = get('信息资源代码') || undefined;
    const key = code ?? `${get('信息资源名称')}|${providerName}`;
    const item: ItemInput = {
      name: get('信息项名称'),
      dataType: get('数据类型').toUpperCase(),
      element: get('数据元') || undefined,
      isKey: yes(get('是否主键')),
      length: length && /^\d+$/.test(length) ? Number(length) : undefined,
      authoritative: yes(get('是否权威来源')),
    };
    const existing = groups.get(key);
    if (existing) {
      existing.rows.push(r);
      existing.input.items.push(item);
      continue;
    }
    groups.set(key, {
      code,
      rows: [r],
      input: {
        name: get('信息资源名称'),
        providerCode: providerCode ?? providerName,
        category: { class: get('类'), item: get('项').padStart(2, '0'), catalog: get('目').padStart(3, '0'), detail: get('细目') ? get('细目').padStart(3, '0') : undefined },
        summary: get('摘要'),
        format: get('格式'),
        items: [item],
        sharing: { type: get('共享类型'), condition: get('共享条件') || undefined, basis: get('共享依据') || undefined, method: get('共享方式') },
        open: { isOpen: yes(get('是否向社会开放')), condition: get('开放条件') || undefined },
        updateCycle: get('更新周期'),
        relatedCodes: get('关联资源代码') ? get('关联资源代码').split(/[;；,，\s]+/).filter(Boolean) : undefined,
      },
    });
  }
  if (groups.size === 0 && problems.length === 0) problems.push({ path: '/rows', message: '模板中没有数据行 / the template has no data rows' });
  return { groups: [...groups.values()], problems };
}

/**
 * Imports the template all-or-nothing: any row problem (template or cataloguing rules) means nothing is saved,
 * and every problem is reported against its spreadsheet row.
 */
export async function importCatalogXlsx(buffer: Buffer, catalog: CatalogService, actor: Principal) {
  const { groups, problems } = await parseCatalogXlsx(buffer, (n) => catalog.resolveDepartmentCode(n));
  if (problems.length) throw invalidInput(`导入失败，共 ${problems.length} 处错误，未保存任何内容 / import failed, nothing saved`, problems);
  const result = await catalog.saveMany(groups.map((g) => ({ code: g.code, input: g.input })), actor);
  if (result.failures.length) {
    const rowProblems = result.failures.flatMap(({ index, error }) => {
      const group = groups[index]!;
      const fields = error.fields.length ? error.fields : [{ path: '', message: error.message }];
      return fields.map((f) => ({ path: `/rows/${rowFor(group, f.path)}${f.path}`, message: `第${rowFor(group, f.path)}行：${f.message}` }));
    });
    throw new AppError(result.failures.some((f) => f.error.code !== 'invalid_input') ? result.failures[0]!.error.code : 'invalid_input', `导入失败，共 ${rowProblems.length} 处错误，未保存任何内容 / import failed, nothing saved`, rowProblems);
  }
  return { imported: result.saved.length, resources: result.saved.map((r) => ({ code: r.code, name: r.name, status: r.status })) };
}

/** An item-level problem points at that item's row; a resource-level one at the resource's first row. */
function rowFor(group: ParsedGroup, path: string): number {
  const m = /^\/items\/(\d+)/.exec(path);
  return m ? group.rows[Number(m[1])] ?? group.rows[0]! : group.rows[0]!;
}
