import type { ResourceView } from './model.ts';
import type { UpdateCycle } from './taxonomy.ts';

const EU_FREQUENCY = 'http://publications.europa.eu/resource/authority/frequency/';
const EU_ACCESS = 'http://publications.europa.eu/resource/authority/access-right/';

/** 更新周期 → the EU frequency vocabulary that DCAT-AP 3 uses for dct:accrualPeriodicity. */
export const FREQUENCY: Record<UpdateCycle, string> = {
  实时: 'UPDATE_CONT', 每日: 'DAILY', 每周: 'WEEKLY', 每月: 'MONTHLY', 每季度: 'QUARTERLY', 每年: 'ANNUAL',
};

/** 共享/开放属性 → dct:accessRights: open to the public, shared within government, or not shared. */
function accessRight(v: ResourceView): string {
  if (v.open.isOpen) return `${EU_ACCESS}PUBLIC`;
  return v.sharing.type === '不予共享' ? `${EU_ACCESS}NON_PUBLIC` : `${EU_ACCESS}RESTRICTED`;
}

const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  adms: 'http://www.w3.org/ns/adms#',
  st: 'https://shutong.local/ns#',
};

const lit = (value: string, lang = 'zh-CN') => ({ '@value': value, '@language': lang });
const ref = (id: string) => ({ '@id': id });

/**
 * The published catalog as DCAT-AP 3 JSON-LD. Every dataset carries dct:title and dct:description,
 * every distribution dcat:accessURL; publisher, theme and update frequency are mapped.
 */
export function catalogToDcat(resources: readonly ResourceView[], options: { baseUrl: string; title?: string; publisherName?: string }) {
  const base = options.baseUrl.replace(/\/$/, '');
  const datasetId = (code: string) => `${base}/catalog/resources/${code}`;
  const publisherId = (deptCode: string) => `${base}/departments/${encodeURIComponent(deptCode)}`;
  const themeId = (v: ResourceView) => `${base}/catalog/themes/${v.category.class}${v.category.item}`;
  return {
    '@context': CONTEXT,
    '@id': `${base}/catalog`,
    '@type': 'dcat:Catalog',
    'dct:title': lit(options.title ?? '政务信息资源目录'),
    'dct:description': lit('本县政务信息资源目录（依据《政务信息资源目录编制指南》编制）'),
    'dct:publisher': { '@id': `${base}/departments/platform`, '@type': 'foaf:Agent', 'foaf:name': lit(options.publisherName ?? '数据主管部门') },
    'dct:modified': { '@value': new Date().toISOString(), '@type': 'xsd:dateTime' },
    'dcat:dataset': resources.map((v) => ({
      '@id': datasetId(v.code),
      '@type': 'dcat:Dataset',
      'dct:identifier': v.code,
      'dct:title': lit(v.name),
      'dct:description': lit(v.summary),
      'dct:publisher': { '@id': publisherId(v.provider.departmentCode), '@type': 'foaf:Agent', 'foaf:name': lit(v.provider.departmentName), 'dct:identifier': v.provider.providerCode },
      'dcat:theme': { '@id': themeId(v), '@type': 'skos:Concept', 'skos:prefLabel': lit(v.category.itemName ?? v.category.className) },
      'dct:accrualPeriodicity': ref(`${EU_FREQUENCY}${FREQUENCY[v.updateCycle as UpdateCycle] ?? 'UNKNOWN'}`),
      'dct:accessRights': ref(accessRight(v)),
      ...(v.publishedAt ? { 'dct:issued': { '@value': v.publishedAt, '@type': 'xsd:dateTime' } } : {}),
      'dct:modified': { '@value': v.updatedAt, '@type': 'xsd:dateTime' },
      'dcat:keyword': v.items.slice(0, 20).map((i) => lit(i.name)),
      ...(v.relatedCodes.length ? { 'dct:relation': v.relatedCodes.map((c) => ref(datasetId(c))) } : {}),
      'st:sharingType': v.sharing.type,
      ...(v.sharing.condition ? { 'st:sharingCondition': v.sharing.condition } : {}),
      ...(v.sharing.basis ? { 'st:sharingBasis': v.sharing.basis } : {}),
      'dcat:distribution': [
        {
          '@id': `${datasetId(v.code)}#distribution`,
          '@type': 'dcat:Distribution',
          'dct:title': lit(`${v.name}（${v.sharing.method}）`),
          'dcat:accessURL': ref(`${base}/api/catalog/resources/${v.code}`),
          'dct:format': lit(v.format),
          'dct:accessRights': ref(accessRight(v)),
        },
      ],
    })),
  };
}
