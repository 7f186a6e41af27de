/**
 * Some packages ship ES modules without `"type": "module"`, so TypeScript (NodeNext) types them as
 * CommonJS — their default import looks like `{ default: T }` — while Vite hands over `T` itself.
 * This takes the default export either way.
 *
 * @example
 * const zhCN = esmDefault<Locale>(zhCNModule);
 */
export function esmDefault<T>(mod: unknown): T {
  const m = mod as { default?: unknown } | null;
  return (m !== null && (typeof m === 'object' || typeof m === 'function') && 'default' in m && m.default !== undefined ? m.default : mod) as T;
}
