import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { RegistryKind } from './fields.ts';
import type { RegistryService } from './service.ts';

const tags = ['registry'];
const Page = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};
const KIND = Type.Union([Type.Literal('person'), Type.Literal('business'), Type.Literal('house')]);
const PATHS: ReadonlyArray<readonly [string, RegistryKind, string]> = [
  ['persons', 'person', '人口库 / persons'],
  ['businesses', 'business', '法人库 / businesses and organisations'],
  ['houses', 'house', '房屋库 / houses'],
];

/**
 * 基础库: search and the 360-degree view of persons, businesses and houses, the review queue for
 * uncertain pairs, and the discrepancies between departments.
 */
export function registryRoutes(app: App, deps: { registry: RegistryService }) {
  const { registry } = deps;
  // Follow the change log only in a listening server (not in tests or one-off CLI commands).
  let stop: (() => void) | undefined;
  app.addHook('onListen', async () => {
    stop = registry.subscribe();
  });
  app.addHook('onClose', async () => stop?.());

  for (const [path, kind, label] of PATHS) {
    app.get(`/registry/${path}`, {
      config: { access: 'registry:read' },
      schema: {
        tags, summary: `检索${label}（按证件号码或名称；无核对权限者看到脱敏结果）/ search (by identifier or name; masked unless you may review)`,
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }), ...Page }),
      },
    }, async (request) => registry.search(kind, request.query.q, request.principal!, { limit: request.query.limit ?? 20, offset: request.query.offset ?? 0 }));

    app.get(`/registry/${path}/:id`, {
      config: { access: 'registry:read' },
      schema: { tags, summary: `${label} 360 视图：主记录及逐项来源、各部门记录、关联关系、未决差异 / golden record with provenance, every department's records, links, open discrepancies`, params: Type.Object({ id: Type.String({ maxLength: 40 }) }) },
    }, async (request) => registry.entity(kind, request.params.id, request.principal!));
  }

  app.get('/registry/households/:no', {
    config: { access: 'registry:read' },
    schema: { tags, summary: '户：成员及与户主关系、居住或拥有的房屋 / a household: members, relations, houses', params: Type.Object({ no: Type.String({ maxLength: 40 }) }) },
  }, async (request) => registry.household(request.params.no, request.principal!));

  app.get('/registry/review', {
    config: { access: 'registry:review' },
    schema: {
      tags, summary: '待人工核对的记录对（两条记录并列及逐项比对依据）/ uncertain pairs side by side with the evidence',
      querystring: Type.Object({ kind: Type.Optional(KIND), status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('decided'), Type.Literal('obsolete')])), ...Page }),
    },
  }, async (request) => registry.reviewQueue({ kind: request.query.kind, status: request.query.status, limit: request.query.limit ?? 20, offset: request.query.offset ?? 0 }));

  app.post('/registry/review/:pairId', {
    config: { access: 'registry:review' },
    schema: {
      tags, summary: '核对结论（同一/非同一），此后优先于模型 / decide a pair; overrides the model from then on',
      params: Type.Object({ pairId: Type.String({ maxLength: 40 }) }),
      body: Type.Object({ decision: Type.Union([Type.Literal('match'), Type.Literal('non_match')]) }),
    },
  }, async (request) => registry.decide(request.params.pairId, request.body.decision, request.principal!));

  app.get('/registry/discrepancies', {
    config: { access: 'registry:read' },
    schema: {
      tags, summary: '部门间数据差异（相互打架）及已提出的数据异议 / contradictions between departments and the objections raised',
      querystring: Type.Object({
        kind: Type.Optional(KIND),
        type: Type.Optional(Type.String({ maxLength: 40 })),
        field: Type.Optional(Type.String({ maxLength: 40 })),
        department: Type.Optional(Type.String({ maxLength: 40 })),
        entity: Type.Optional(Type.String({ maxLength: 40 })),
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
        ...Page,
      }),
    },
  }, async (request) => {
    const q = request.query;
    return registry.discrepancies({ kind: q.kind, type: q.type, field: q.field, department: q.department, entityId: q.entity, status: q.status ?? 'open', limit: q.limit ?? 20, offset: q.offset ?? 0 });
  });

  app.get('/registry/status', { config: { access: 'registry:read' }, schema: { tags, summary: '基础库概况 / registry counts and sync position' } }, async () => registry.status());

  app.post('/registry/sync', { config: { access: 'registry:review' }, schema: { tags, summary: '立即同步归集变更 / link pending changes now' } }, async () => registry.sync());
}
