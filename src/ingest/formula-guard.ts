/**
 * Spreadsheet formula injection: a cell whose text starts with = + - @ (or their full-width forms),
 * a tab or a CR can be taken for a formula (`=cmd|' /C calc'!A0`) when a person opens an exported
 * sheet. Exports prefix such text with an apostrophe, which spreadsheets show as plain text; the
 * importer drops that apostrophe again when a corrected sheet comes back.
 *
 * @example
 * neutralise('=1+1');    // "'=1+1"
 * unneutralise("'=1+1"); // '=1+1'
 * neutralise('张三');    // '张三'
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

export function neutralise(value: string): string {
  return value.length > 0 && FORMULA_START.has(value[0]!) ? `'${value}` : value;
}

export function unneutralise(value: string): string {
  return value.length > 1 && value.charCodeAt(0) === 39 && FORMULA_START.has(value[1]!) ? value.slice(1) : value;
}
