/** The longest cell Excel can hold; longer text is refused for items without a length of their own. */
export const MAX_CELL_CHARS = 32767;

/**
 * Cell values that mean "nothing here" in department spreadsheets: folded to empty, so that they
 * count against completeness rather than passing as text (a `/` is not an address).
 */
export const PLACEHOLDERS: ReadonlySet<string> = new Set([
  '/', '／', '-', '--', '－', '—', '——', '_', '.', '。', '…', '……', '...', '*', '＊', '?', '？', '??', '？？',
  '#N/A', '#n/a', 'N/A', 'n/a', 'NA', 'na', 'NULL', 'null', 'Null', 'None', 'none', 'nil', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?',
  '无', '不详', '待补充', '见备注', '暂无', '空',
]);
