/** Pure parsing helpers of the catalog pages (no React), shared with tests. */

/**
 * Lines pasted from a spreadsheet or typed: "名称" or "名称<tab or comma>数据元".
 *
 * @example
 * parseItemLines('姓名\n身份证号\t公民身份号码') // → [{ name: '姓名' }, { name: '身份证号', element: '公民身份号码' }]
 */
export function parseItemLines(text: string): Array<{ name: string; element?: string }> {
  return text.split(/\r?\n/).flatMap((line) => {
    const [name = '', element = ''] = line.split(/\t|,|，/).map((s) => s.trim());
    if (!name) return [];
    return [element ? { name, element } : { name }];
  });
}

/** `/rows/7/信息资源名称` → 7: the spreadsheet row a problem points at. */
export function rowOf(path: string): number | null {
  const m = /^\/rows\/(\d+)/.exec(path);
  return m ? Number(m[1]) : null;
}
