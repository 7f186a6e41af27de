/** Pure text helpers of the i18n layer (no React), shared by the provider and tests. */

/**
 * Splits "不予共享须提供依据 / not-shared requires a basis" into its two halves. The English half is the
 * tail after the first " / " (or "）/ ") whose remainder holds no Chinese; a text without one is returned whole.
 *
 * @example
 * splitBilingual('请先登录 / sign in') // → { zh: '请先登录', en: 'sign in' }
 */
export function splitBilingual(text: string): { zh: string; en: string } {
  const m = /^([\s\S]*?\S)\s*\/\s+([^\u3400-\u9fff\uff00-\uffef]+)$/.exec(text);
  if (!m || !/[\u3400-\u9fff]/.test(m[1]!)) return { zh: text, en: text };
  return { zh: m[1]!.trim(), en: m[2]!.trim() };
}

export function interpolate(template: string, vars?: Readonly<Record<string, string | number>>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
