import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Type } from 'typebox';
import type { Config } from '../config.ts';
import type { App } from '../http/types.ts';
import { AppError, invalidInput } from '../shared/errors.ts';
import { objectionRoutes } from './objection-routes.ts';
import type { IngestService } from './service.ts';

const tags = ['ingest'];
// Resource codes contain a slash (分类码/顺序码), so routes take them as two path segments.
const CodeParams = Type.Object({ class: Type.String({ pattern: '^[0-9]{4,9}$' }), seq: Type.String({ pattern: '^[0-9]{6}$' }) });
const codeOf = (p: { class: string; seq: string }) => `${p.class}/${p.seq}`;
const BatchParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Mode = Type.Optional(Type.Union([Type.Literal('snapshot'), Type.Literal('incremental')]));
const JSON_BODY_LIMIT = 64 * 1024 * 1024;

// Some clients percent-encode a non-ASCII file name in the multipart header.
function decodeName(name: string): string {
  if (!/%[0-9a-f]{2}/i.test(name)) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** HTTP for 数据归集: uploads and the batch JSON API, reports, quarantine, mappings, quality, records. */
export function ingestRoutes(app: App, deps: { ingest: IngestService; config: Config }) {
  const { ingest, config } = deps;

  app.post('/ingest/resources/:class/:seq/batches', {
    config: { access: 'ingest:submit' },
    schema: {
      tags, summary: '上传文件报送数据（CSV/XLSX/JSON）/ submit a file (CSV, XLSX, JSON)', params: CodeParams,
      querystring: Type.Object({ mode: Mode, corrects: Type.Optional(Type.String({ maxLength: 64, description: '更正的批次（上传改好的错误报告）/ batch whose error report this corrects' })) }),
    },
  }, async (request, reply) => {
    const file = await request.file();
    if (!file) throw invalidInput('请上传文件 / upload a file', [{ path: '/file', message: '缺少文件 missing file' }]);
    const fileName = decodeName(file.filename);
    const dir = await mkdtemp(join(tmpdir(), 'shutong-upload-'));
    try {
      const path = join(dir, 'upload');
      await pipeline(file.file, createWriteStream(path));
      if (file.file.truncated) {
        throw new AppError('payload_too_large', `文件超过 ${Math.round(config.uploadLimitBytes / 1048576)} MB 上限 / the file exceeds the upload limit`, [{ path: '/file', message: 'too large' }]);
      }
      const report = await ingest.submit(codeOf(request.params), { kind: 'file', path, fileName }, {
        actor: request.principal!, source: request.query.corrects ? 'resubmit' : 'file', mode: request.query.corrects ? 'incremental' : request.query.mode ?? 'incremental',
        fileName, correctsBatchId: request.query.corrects,
      });
      return reply.code(report.duplicateOf ? 200 : 201).send(report);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  app.post('/ingest/resources/:class/:seq/batches/json', {
    config: { access: 'ingest:submit' },
    bodyLimit: JSON_BODY_LIMIT,
    schema: {
      tags, summary: '业务系统批量推送（JSON）/ batch push from a department system', params: CodeParams,
      body: Type.Object({ mode: Mode, records: Type.Array(Type.Object({}, { additionalProperties: true }), { minItems: 1 }) }),
    },
  }, async (request, reply) => {
    const report = await ingest.submitRecords(codeOf(request.params), request.body, { actor: request.principal!, source: 'api' });
    return reply.code(report.duplicateOf ? 200 : 201).send(report);
  });

  app.get('/ingest/resources/:class/:seq/batches', {
    config: { access: 'ingest:read' },
    schema: { tags, summary: '报送批次列表 / batches of a resource', params: CodeParams, querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }) },
  }, async (request) => ingest.listBatches(codeOf(request.params), request.principal!, request.query.limit));

  app.get('/ingest/batches/:id', { config: { access: 'ingest:read' }, schema: { tags, summary: '批次报告 / batch report', params: BatchParams } },
    async (request) => ingest.batch(request.params.id, request.principal!));

  app.get('/ingest/batches/:id/quarantine', {
    config: { access: 'ingest:read' },
    schema: {
      tags, summary: '隔离区数据 / quarantined rows', params: BatchParams,
      querystring: Type.Object({ offset: Type.Optional(Type.Integer({ minimum: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), status: Type.Optional(Type.String({ maxLength: 20 })) }),
    },
  }, async (request) => ingest.quarantine(request.params.id, request.principal!, request.query));

  app.get('/ingest/batches/:id/warnings', { config: { access: 'ingest:read' }, schema: { tags, summary: '警告（可选项无效值）/ warnings', params: BatchParams } },
    async (request) => ingest.warnings(request.params.id, request.principal!));

  app.get('/ingest/batches/:id/error-report.xlsx', { config: { access: 'ingest:read' }, schema: { tags, summary: '下载错误报告（Excel）/ download the error report', params: BatchParams } },
    async (request, reply) => {
      await ingest.batch(request.params.id, request.principal!);
      const out = new PassThrough();
      ingest.errorReport(request.params.id, request.principal!, out).catch((error: unknown) => out.destroy(error as Error));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="error-report-${request.params.id}.xlsx"`)
        .send(out);
    });

  app.post('/ingest/batches/:id/resubmit', {
    config: { access: 'ingest:submit' },
    bodyLimit: JSON_BODY_LIMIT,
    schema: {
      tags, summary: '重新提交更正后的隔离数据 / resubmit corrected rows', params: BatchParams,
      body: Type.Object({ rows: Type.Array(Type.Object({ rowNo: Type.Integer({ minimum: 1 }), values: Type.Record(Type.String(), Type.String()) }), { minItems: 1, maxItems: 50_000 }) }),
    },
  }, async (request, reply) => reply.code(201).send(await ingest.resubmit(request.params.id, request.body.rows, request.principal!)));

  app.get('/ingest/resources/:class/:seq/mapping', { config: { access: 'ingest:read' }, schema: { tags, summary: '列映射 / column mapping', params: CodeParams } },
    async (request) => ingest.getMapping(codeOf(request.params), request.principal!));

  app.put('/ingest/resources/:class/:seq/mapping', {
    config: { access: 'ingest:submit' },
    schema: {
      tags, summary: '保存列映射（表头 → 信息项，null 表示忽略）/ save the column mapping', params: CodeParams,
      body: Type.Object({ mapping: Type.Record(Type.String({ maxLength: 200 }), Type.Union([Type.String({ maxLength: 200 }), Type.Null()])) }),
    },
  }, async (request) => ingest.putMapping(codeOf(request.params), request.body.mapping, request.principal!));

  app.get('/ingest/resources/:class/:seq/profile', { config: { access: 'ingest:read' }, schema: { tags, summary: '归集设置（必填项等）/ ingest profile', params: CodeParams } },
    async (request) => ingest.getProfile(codeOf(request.params), request.principal!));

  app.put('/ingest/resources/:class/:seq/profile', {
    config: { access: 'catalog:write' },
    schema: {
      tags, summary: '设置必填项与跨字段校验策略 / set required items and the cross-field policy', params: CodeParams,
      body: Type.Object({ required: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 500 })), crossField: Type.Optional(Type.Union([Type.Literal('quarantine'), Type.Literal('warn')])) }),
    },
  }, async (request) => ingest.putProfile(codeOf(request.params), request.body, request.principal!));

  app.get('/ingest/resources/:class/:seq/quality', { config: { access: 'ingest:read' }, schema: { tags, summary: '数据质量及历史 / quality and its history', params: CodeParams } },
    async (request) => ingest.quality(codeOf(request.params), request.principal!));

  app.get('/ingest/overdue-resources', { config: { access: 'ingest:read' }, schema: { tags, summary: '逾期未更新的资源 / resources overdue for delivery' } },
    async () => ingest.overdueResources());

  app.get('/ingest/resources/:class/:seq/records/:key', {
    config: { access: 'ingest:read' },
    schema: { tags, summary: '记录及其版本 / a record and its versions', params: Type.Object({ class: Type.String(), seq: Type.String(), key: Type.String({ maxLength: 500 }) }) },
  }, async (request) => ingest.readRecord(codeOf(request.params), request.params.key, request.principal!));

  objectionRoutes(app, { ingest });
}
