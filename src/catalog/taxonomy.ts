/**
 * Vocabulary of the national cataloguing guide (《政务信息资源目录编制指南（试行）》, 发改高技〔2017〕1272号).
 * Resource codes are `前段码/后段码`: the classification (类 1 digit, 项 2, 目 3, optional 细目 3) and a
 * 6-digit sequence within that classification, e.g. `101001/000003`.
 */
export const RESOURCE_CLASSES = { '1': '基础信息资源', '2': '主题信息资源', '3': '部门信息资源' } as const;
export type ResourceClass = keyof typeof RESOURCE_CLASSES;

/** The five base resource kinds: 以共享为原则、不共享为例外 — their base items are always 无条件共享. */
export const BASE_KINDS: Record<string, string> = {
  '01': '人口基础信息',
  '02': '法人单位基础信息',
  '03': '自然资源和空间地理基础信息',
  '04': '社会信用信息',
  '05': '电子证照信息',
};

export const THEME_ITEMS: Record<string, string> = {
  '01': '社会保障',
  '02': '医疗健康',
  '03': '市场监管',
  '04': '城乡建设',
  '05': '社会治理',
  '06': '公共安全',
  '07': '教育文化',
  '08': '民生服务',
};

export const FORMATS = ['电子文件', '电子表格', '数据库', '图形图像', '流媒体', '自描述格式'] as const;
export const DATA_TYPES = ['C', 'N', 'Y', 'D', 'T', 'L', 'M', 'G', 'B', 'I', 'F'] as const;
export const DATA_TYPE_LABELS: Record<(typeof DATA_TYPES)[number], string> = {
  C: '字符型', N: '数值型', Y: '货币型', D: '日期型', T: '日期时间型', L: '逻辑型', M: '备注型', G: '通用型', B: '二进制', I: '整数型', F: '浮点型',
};
export const SHARING_TYPES = ['无条件共享', '有条件共享', '不予共享'] as const;
export const SHARING_METHODS = ['文件', '数据库', '接口'] as const;
export const UPDATE_CYCLES = ['实时', '每日', '每周', '每月', '每季度', '每年'] as const;
export const STATUSES = ['draft', 'submitted', 'reviewed', 'published', 'retired'] as const;
export const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = {
  draft: '草稿', submitted: '待审核', reviewed: '已审核', published: '已发布', retired: '已停用',
};

export type ResourceFormat = (typeof FORMATS)[number];
export type DataType = (typeof DATA_TYPES)[number];
export type SharingType = (typeof SHARING_TYPES)[number];
export type SharingMethod = (typeof SHARING_METHODS)[number];
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];
export type ResourceStatus = (typeof STATUSES)[number];

/** Days after which a resource with this update cycle counts as overdue (used by quality/timeliness). */
export const UPDATE_CYCLE_DAYS: Record<UpdateCycle, number> = { 实时: 1, 每日: 1, 每周: 7, 每月: 31, 每季度: 92, 每年: 366 };

export function classificationName(cls: string, item: string): string | undefined {
  if (cls === '1') return BASE_KINDS[item];
  if (cls === '2') return THEME_ITEMS[item];
  return undefined;
}
