import type { FieldProblem } from '../../api/client.ts';
import type { FormInstance } from 'antd';

export type NamePath = Array<string | number>;

/**
 * Turns a problem path into an Ant Design form name: `/sharing/basis` → ['sharing', 'basis'],
 * `/items/2/element` → ['items', 2, 'element']. Request-validation paths carry a `/body` prefix, which is dropped.
 *
 * @example
 * pathToName('/body/items/0/name') // → ['items', 0, 'name']
 */
export function pathToName(path: string): NamePath {
  const parts = path.split('/').filter((p) => p !== '').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts[0] === 'body') parts.shift();
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Server paths that point at a group rather than a field: the field that stands for the group. */
const ALIASES: ReadonlyArray<[RegExp, (name: NamePath) => NamePath]> = [
  [/^category$/, () => ['category', 'class']],
  [/^relatedCodes(\.\d+)?$/, () => ['relatedCodes']],
  [/^sharing$/, () => ['sharing', 'type']],
  [/^open$/, () => ['open', 'isOpen']],
];

const key = (name: NamePath) => name.join('.');

/**
 * Splits a problem's field errors into those a form can show beside a field (grouped by field, in
 * order) and those it cannot, which go into the alert above the form.
 */
export function placeProblems(errors: readonly FieldProblem[], registered: ReadonlyArray<NamePath>, translate: (message: string) => string = (m) => m) {
  const known = new Map(registered.map((n) => [key(n), n]));
  const placed = new Map<string, { name: NamePath; errors: string[] }>();
  const unplaced: FieldProblem[] = [];
  for (const problem of errors) {
    let name = pathToName(problem.path);
    const alias = ALIASES.find(([re]) => re.test(key(name)));
    if (alias) name = alias[1](name);
    const target = known.get(key(name));
    if (!target) {
      unplaced.push(problem);
      continue;
    }
    const entry = placed.get(key(target)) ?? { name: target, errors: [] };
    const message = translate(problem.message);
    if (!entry.errors.includes(message)) entry.errors.push(message);
    placed.set(key(target), entry);
  }
  return { fields: [...placed.values()], unplaced };
}

/**
 * Shows a problem's field errors beside the form's fields and returns those no field can show.
 *
 * @example
 * const unplaced = showProblems(form, error.problem.errors ?? [], bi);
 */
export function showProblems(form: FormInstance, errors: readonly FieldProblem[], translate: (message: string) => string): FieldProblem[] {
  const { fields, unplaced } = placeProblems(errors, form.getFieldsError().map((f) => f.name as NamePath), translate);
  form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
  serverErrors.set(form, new Map(fields.map((f) => [key(f.name), f.name])));
  const first = fields[0];
  if (first) form.scrollToField(first.name, { block: 'center' });
  return unplaced;
}

// Fields showing a server problem, per form: the message goes once the person changes that field
// (a field without rules of its own would otherwise keep it until the next save).
const serverErrors = new WeakMap<FormInstance, Map<string, NamePath>>();

/** Leaf paths of an Ant Design `onValuesChange` delta: `{ items: [, { authoritative: false }] }` → items.1.authoritative. */
export function changedPaths(delta: unknown, prefix: NamePath = []): NamePath[] {
  if (delta === null || typeof delta !== 'object') return [prefix];
  const entries = Array.isArray(delta) ? delta.map((v, i) => [i, v] as const) : Object.entries(delta);
  const out = entries.filter(([, v]) => v !== undefined).flatMap(([k, v]) => changedPaths(v, [...prefix, k]));
  return out.length > 0 ? out : [prefix];
}

/** For a form's onValuesChange: clears the server's message on the fields the person just changed. */
export function clearServerErrors(form: FormInstance, delta: unknown): void {
  const shown = serverErrors.get(form);
  if (!shown || shown.size === 0) return;
  const changed = changedPaths(delta).map(key);
  for (const [k, name] of shown) {
    if (changed.some((c) => c === k || c.startsWith(`${k}.`) || k.startsWith(`${c}.`))) {
      form.setFields([{ name, errors: [] }]);
      shown.delete(k);
    }
  }
}
