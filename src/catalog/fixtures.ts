import type { ResourceInput } from './model.ts';

/** A valid 部门信息资源 input for tests; override what the test is about. */
export function resourceInput(providerCode: string, overrides: Partial<ResourceInput> = {}): ResourceInput {
  return {
    name: '最低生活保障对象名单',
    providerCode,
    category: { class: '3', item: '01', catalog: '001' },
    summary: '全县城乡最低生活保障对象的姓名、身份证号、保障金额和保障起止时间。',
    format: '电子表格',
    items: [
      { name: '姓名', dataType: 'C', element: '姓名' },
      { name: '身份证号', dataType: 'C', element: '公民身份号码', isKey: true },
      { name: '保障金额', dataType: 'N', element: '金额' },
    ],
    sharing: { type: '有条件共享', condition: '仅用于社会救助对象核查', method: '接口' },
    open: { isOpen: false },
    updateCycle: '每月',
    ...overrides,
  };
}
