/**
 * Stored record data as item values: a positional JSON array read with its layout's item names, or
 * (records written before layouts existed, layout null) a JSON object keyed by item name. Empty
 * items are absent from the result either way.
 *
 * @example
 * decodeRecord('["张三",null,"1"]', ['姓名', '出生日期', '性别']); // { 姓名: '张三', 性别: '1' }
 */
export function decodeRecord(data: string, items: readonly string[] | null): Record<string, string> {
  const parsed = JSON.parse(data) as unknown;
  if (!Array.isArray(parsed)) return (parsed ?? {}) as Record<string, string>;
  if (!items) throw new Error('positional record data without a layout');
  const out: Record<string, string> = {};
  for (let i = 0; i < parsed.length && i < items.length; i++) {
    const v = parsed[i] as string | null;
    if (v !== null) out[items[i]!] = v;
  }
  return out;
}

/** The same items with the same values, whatever the order. */
export function sameRecord(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
