import type { FieldProblem } from '../shared/errors.ts';
import type { ItemInput, ResourceInput } from './model.ts';
import { BASE_KINDS, DATA_TYPES, FORMATS, RESOURCE_CLASSES, SHARING_METHODS, SHARING_TYPES, UPDATE_CYCLES } from './taxonomy.ts';

const oneOf = (values: readonly string[], value: string) => values.includes(value);
const blank = (s: string | undefined | null) => s === undefined || s === null || s.trim() === '';

/**
 * The cataloguing rules that need no database: required fields, vocabularies and the sharing principles
 * (不予共享 needs a legal or policy basis, 有条件共享 its conditions, base resources are 无条件共享).
 * Returns every problem at once so that a form can mark all bad fields.
 */
export function checkResourceInput(input: ResourceInput, resolveElement: (name: string) => { code: string } | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (path: string, ok: boolean, message: string) => {
    if (!ok) problems.push({ path, message });
  };
  need('/name', !blank(input.name) && input.name.trim().length <= 100, '信息资源名称必填，不超过100字 / name required, at most 100 characters');
  need('/providerCode', !blank(input.providerCode), '提供方必填 / provider required');
  need('/summary', !blank(input.summary), '摘要必填 / summary required');
  const cat = input.category;
  need('/category/class', oneOf(Object.keys(RESOURCE_CLASSES), cat.class), '类须为 1 基础、2 主题、3 部门 / class must be 1, 2 or 3');
  need('/category/item', /^\d{2}$/.test(cat.item), '项须为2位数字 / item must be 2 digits');
  need('/category/catalog', /^\d{3}$/.test(cat.catalog), '目须为3位数字 / catalog must be 3 digits');
  need('/category/detail', cat.detail === undefined || cat.detail === '' || /^\d{3}$/.test(cat.detail), '细目须为3位数字 / detail must be 3 digits');
  if (cat.class === '1') need('/category/item', BASE_KINDS[cat.item] !== undefined, `基础信息资源的项须为 ${Object.entries(BASE_KINDS).map(([k, v]) => `${k} ${v}`).join('、')} / unknown base kind`);
  need('/format', oneOf(FORMATS, input.format), `格式须为 ${FORMATS.join('/')} / unknown format`);
  need('/updateCycle', oneOf(UPDATE_CYCLES, input.updateCycle), `更新周期须为 ${UPDATE_CYCLES.join('/')} / unknown update cycle`);

  const sharing = input.sharing;
  need('/sharing/type', oneOf(SHARING_TYPES, sharing.type), `共享类型须为 ${SHARING_TYPES.join('/')} / unknown sharing type`);
  need('/sharing/method', oneOf(SHARING_METHODS, sharing.method), `共享方式须为 ${SHARING_METHODS.join('/')} / unknown sharing method`);
  if (sharing.type === '不予共享') need('/sharing/basis', !blank(sharing.basis), '不予共享须提供法律、行政法规或政策依据 / not-shared requires a legal or policy basis');
  if (sharing.type === '有条件共享') need('/sharing/condition', !blank(sharing.condition), '有条件共享须写明共享条件 / conditional sharing requires its conditions');
  if (cat.class === '1' && sharing.type !== '无条件共享' && oneOf(SHARING_TYPES, sharing.type)) {
    problems.push({ path: '/sharing/type', message: `基础信息资源（${BASE_KINDS[cat.item] ?? '基础库'}）须无条件共享（以共享为原则、不共享为例外）/ base resources must be shared unconditionally` });
  }
  if (input.open.isOpen && sharing.type === '不予共享') problems.push({ path: '/open/isOpen', message: '不予共享的资源不能向社会开放 / a not-shared resource cannot be open' });
  if (input.open.isOpen) need('/open/condition', input.open.condition === undefined || input.open.condition.length <= 500, '开放条件过长 / open condition too long');

  need('/items', input.items.length > 0, '至少需要一个信息项 / at least one information item');
  const seen = new Set<string>();
  input.items.forEach((item: ItemInput, i) => {
    const at = `/items/${i}`;
    need(`${at}/name`, !blank(item.name), '信息项名称必填 / item name required');
    if (!blank(item.name)) {
      need(`${at}/name`, !seen.has(item.name.trim()), `信息项名称重复：${item.name} / duplicate item name`);
      seen.add(item.name.trim());
    }
    need(`${at}/dataType`, oneOf(DATA_TYPES, item.dataType), `数据类型须为 ${DATA_TYPES.join('/')} / unknown data type`);
    if (!blank(item.element)) need(`${at}/element`, resolveElement(item.element!) !== undefined, `未知数据元：${item.element} / unknown data element`);
    if (item.authoritative) need(`${at}/element`, !blank(item.element), '声明权威来源的信息项须绑定数据元 / an authoritative item must carry a data element');
    if (item.length !== undefined) need(`${at}/length`, Number.isInteger(item.length) && item.length > 0 && item.length <= 100000, '长度须为正整数 / length must be a positive integer');
  });
  (input.relatedCodes ?? []).forEach((code, i) => need(`/relatedCodes/${i}`, /^\d{6}(\d{3})?\/\d{6}$/.test(code), '资源代码格式应为 分类码/顺序码 / code must look like 101001/000001'));
  return problems;
}

/** 前段码: 类 + 项 + 目 (+ 细目). */
export function classificationPrefix(category: ResourceInput['category']): string {
  return `${category.class}${category.item}${category.catalog}${category.detail ?? ''}`;
}
