import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { CatalogService } from './service.ts';
import type { ResourceInput } from './model.ts';
import { CodeParams, ResourceInputSchema, SearchQuerySchema } from './schemas.ts';
import { catalogToDcat } from './dcat.ts';
import { exportCatalogXlsx, importCatalogXlsx } from './xlsx.ts';
import { invalidInput } from '../shared/errors.ts';
import { DATA_TYPE_LABELS, FORMATS, RESOURCE_CLASSES, BASE_KINDS, THEME_ITEMS, SHARING_METHODS, SHARING_TYPES, UPDATE_CYCLES, STATUS_LABELS } from './taxonomy.ts';

const tags = ['catalog'];
// Resource codes contain a slash (分类码/顺序码), so routes take them as two path segments.
const codeOf = (p: { class: string; seq: string }) => `${p.class}/${p.seq}`;

export function catalogRoutes(app: App, deps: { catalog: CatalogService }) {
  const { catalog } = deps;

  app.get('/catalog/vocabulary', { config: { access: 'catalog:read' }, schema: { tags, summary: '目录编制词表 / cataloguing vocabularies' } }, async () => ({
    classes: RESOURCE_CLASSES, baseKinds: BASE_KINDS, themes: THEME_ITEMS, formats: FORMATS, dataTypes: DATA_TYPE_LABELS, sharingTypes: SHARING_TYPES, sharingMethods: SHARING_METHODS, updateCycles: UPDATE_CYCLES, statuses: STATUS_LABELS,
  }));

  app.get('/catalog/resources', { config: { access: 'catalog:read' }, schema: { tags, summary: '检索信息资源 / search resources', querystring: SearchQuerySchema } }, async (request) => {
    const q = request.query;
    return catalog.search({ q: q.q, departmentCode: q.department, sharingType: q.sharingType, open: q.open, element: q.element, status: q.status, limit: q.limit, offset: q.offset }, request.principal!);
  });

  app.post('/catalog/resources', { config: { access: 'catalog:write' }, schema: { tags, summary: '登记信息资源（返回重复采集提示）/ register a resource (returns duplicate-collection warnings)', body: ResourceInputSchema } }, async (request, reply) =>
    reply.code(201).send(await catalog.create(request.body as ResourceInput, request.principal!)));

  app.get('/catalog/resources/:class/:seq', { config: { access: 'catalog:read' }, schema: { tags, summary: '信息资源详情 / resource detail', params: CodeParams } }, async (request) => catalog.get(codeOf(request.params), request.principal!));

  app.put('/catalog/resources/:class/:seq', { config: { access: 'catalog:write' }, schema: { tags, summary: '修改信息资源 / edit a resource', params: CodeParams, body: ResourceInputSchema } }, async (request) =>
    catalog.update(codeOf(request.params), request.body as ResourceInput, request.principal!));

  app.get('/catalog/resources/:class/:seq/history', { config: { access: 'catalog:read' }, schema: { tags, summary: '变更历史 / version history', params: CodeParams } }, async (request) => catalog.history(codeOf(request.params), request.principal!));

  app.post('/catalog/resources/:class/:seq/submit', { config: { access: 'catalog:write' }, schema: { tags, summary: '提交审核 / submit for review', params: CodeParams } }, async (request) => catalog.submit(codeOf(request.params), request.principal!));

  app.post('/catalog/resources/:class/:seq/review', {
    config: { access: 'catalog:review' },
    schema: { tags, summary: '审核 / review', params: CodeParams, body: Type.Object({ approve: Type.Boolean(), comment: Type.Optional(Type.String({ maxLength: 2000 })) }) },
  }, async (request) => catalog.review(codeOf(request.params), request.principal!, request.body));

  app.post('/catalog/resources/:class/:seq/publish', { config: { access: 'catalog:review' }, schema: { tags, summary: '发布 / publish', params: CodeParams } }, async (request) => catalog.publish(codeOf(request.params), request.principal!));

  app.post('/catalog/resources/:class/:seq/retire', {
    config: { access: 'catalog:write' },
    schema: { tags, summary: '停用 / retire', params: CodeParams, body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }) },
  }, async (request) => catalog.retire(codeOf(request.params), request.principal!, request.body.reason));

  app.get('/catalog/elements', { config: { access: 'catalog:read' }, schema: { tags, summary: '数据元 / data elements' } }, async () => catalog.elements());

  app.post('/catalog/elements', {
    config: { access: 'standards:write' },
    schema: {
      tags, summary: '新增本县数据元 / add a county data element',
      body: Type.Object({ code: Type.String(), name: Type.String(), dataType: Type.String(), maxLength: Type.Optional(Type.Integer()), pattern: Type.Optional(Type.String({ maxLength: 500 })), enumValues: Type.Optional(Type.Array(Type.Object({ code: Type.String(), label: Type.String() }))), description: Type.Optional(Type.String()) }),
    },
  }, async (request, reply) => reply.code(201).send(await catalog.createCustomElement(request.body, request.principal!)));

  app.get('/catalog/authorities', { config: { access: 'catalog:read' }, schema: { tags, summary: '一数一源：权威来源 / authoritative sources' } }, async () => catalog.authorities());

  app.post('/catalog/authorities', {
    config: { access: 'catalog:write' },
    schema: { tags, summary: '声明权威来源 / claim an authoritative source', body: Type.Object({ element: Type.String(), departmentCode: Type.String(), resourceCode: Type.Optional(Type.String()) }) },
  }, async (request, reply) => reply.code(201).send(await catalog.claimAuthority(request.body, request.principal!)));

  app.delete('/catalog/authorities/:element', { config: { access: 'catalog:write' }, schema: { tags, summary: '撤销权威来源声明 / release a claim', params: Type.Object({ element: Type.String() }) } }, async (request, reply) => {
    await catalog.releaseAuthority(request.params.element, request.principal!);
    return reply.code(204).send();
  });

  app.post('/catalog/reuse-report', {
    config: { access: 'catalog:read' },
    schema: { tags, summary: '新建系统数据复用审查 / reuse review for a proposed system', body: Type.Object({ items: Type.Array(Type.Object({ name: Type.String({ minLength: 1 }), element: Type.Optional(Type.String()) }), { minItems: 1, maxItems: 1000 }) }) },
  }, async (request) => catalog.reuseReport(request.body.items, request.principal!.departmentId ?? undefined));

  app.get('/catalog/export.jsonld', { config: { access: 'catalog:read' }, schema: { tags, summary: '导出 DCAT-AP 3 JSON-LD / export DCAT-AP 3' } }, async (request, reply) => {
    const doc = catalogToDcat(await catalog.published(), { baseUrl: `${request.protocol}://${request.host}` });
    return reply.type('application/ld+json; charset=utf-8').send(JSON.stringify(doc, null, 2));
  });

  app.get('/catalog/export.xlsx', { config: { access: 'catalog:read' }, schema: { tags, summary: '导出目录Excel模板 / export the Excel template' } }, async (_request, reply) => {
    const buffer = await exportCatalogXlsx(await catalog.published());
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', 'attachment; filename="catalog.xlsx"').send(buffer);
  });

  app.post('/catalog/import', { config: { access: 'catalog:write' }, schema: { tags, summary: '从Excel模板导入（全部成功或全部不保存）/ import the Excel template (all or nothing)' } }, async (request, reply) => {
    const file = await request.file();
    if (!file) throw invalidInput('请上传 Excel 文件 / upload an Excel file', [{ path: '/file', message: '缺少文件 missing file' }]);
    const buffer = await file.toBuffer();
    return reply.code(201).send(await importCatalogXlsx(buffer, catalog, request.principal!));
  });
}
