import { Type } from 'typebox';
import type { AuditEntry, AuditService } from '../audit/index.ts';
import type { App } from '../http/types.ts';
import type { Principal } from '../identity/principal.ts';
import { rolesGrant } from '../identity/permissions.ts';
import { AppError, notFound } from '../shared/errors.ts';

const tags = ['audit'];
const NonNegative = Type.Integer({ minimum: 0 });

/** Auditors see every entry; otherwise only the parties: the acting department, the provider, the person. */
export function isParty(p: Principal, entry: AuditEntry): boolean {
  if (rolesGrant(p.roles, 'audit:read')) return true;
  if (p.kind === 'citizen') return entry.subject === p.id;
  const dept = p.departmentCode;
  if (!dept) return false;
  const details = entry.details as Record<string, unknown>;
  return entry.actor.department === dept || details.provider === dept || details.consumer === dept;
}

type AuditReader = Pick<AuditService, 'getCheckpoint' | 'getVerifierKey' | 'listEntries' | 'inclusionProof' | 'consistencyProof' | 'checkpointNow'>;

/**
 * HTTP for the audit log: the signed checkpoint and its verifier key are public (anyone may check the
 * log has not been rewritten); entries and proofs are for auditors and for the parties to an entry.
 */
export function auditRoutes(app: App, deps: { audit: AuditReader }) {
  const { audit } = deps;

  async function entryAt(index: number): Promise<AuditEntry> {
    const [hit] = await audit.listEntries({ beforeSeq: index + 1, limit: 1 });
    if (!hit || hit.index !== index) throw notFound(`没有序号为 ${index} 的审计记录 / no audit entry ${index}`);
    return hit.entry;
  }

  async function partyEntry(p: Principal, index: number): Promise<AuditEntry> {
    const entry = await entryAt(index);
    // Someone who is not a party learns nothing, not even that the entry exists.
    if (!isParty(p, entry)) throw notFound(`没有序号为 ${index} 的审计记录 / no audit entry ${index}`);
    return entry;
  }

  app.get('/audit/checkpoint', { config: { access: 'public' }, schema: { tags, summary: '最新签名检查点（C2SP signed note）/ latest signed checkpoint' } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(await audit.getCheckpoint()));

  app.get('/audit/key', { config: { access: 'public' }, schema: { tags, summary: '检查点验证公钥 / checkpoint verifier key' } }, async (_request, reply) =>
    reply.type('text/plain; charset=utf-8').send(`${await audit.getVerifierKey()}\n`));

  app.get('/audit/entries', {
    config: { access: 'audit:read' },
    schema: {
      tags, summary: '检索审计记录（新的在前）/ search audit entries (newest first)',
      querystring: Type.Object({
        department: Type.Optional(Type.String()), subject: Type.Optional(Type.String()), action: Type.Optional(Type.String()),
        decision: Type.Optional(Type.Union([Type.Literal('allowed'), Type.Literal('refused')])),
        from: Type.Optional(Type.String()), to: Type.Optional(Type.String()), before: Type.Optional(NonNegative), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      }),
    },
  }, async (request) => {
    const q = request.query;
    return audit.listEntries({ department: q.department, subject: q.subject, action: q.action, decision: q.decision, from: q.from, to: q.to, beforeSeq: q.before, limit: q.limit });
  });

  app.get('/audit/entries/:index', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '一条审计记录（审计员或当事方）/ one entry (auditors or the parties)', params: Type.Object({ index: NonNegative }) },
  }, async (request) => ({ index: request.params.index, entry: await partyEntry(request.principal!, request.params.index) }));

  app.get('/audit/entries/:index/proof', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'RFC 9162 包含证明 / inclusion proof', params: Type.Object({ index: NonNegative }), querystring: Type.Object({ size: Type.Optional(NonNegative) }) },
  }, async (request) => {
    const { index } = request.params;
    await partyEntry(request.principal!, index);
    try {
      return await audit.inclusionProof(index, request.query.size);
    } catch (error) {
      // A fresh entry is not under a checkpoint yet: sign one now rather than make the caller wait a second.
      if (!(error instanceof AppError) || request.query.size !== undefined) throw error;
      await audit.checkpointNow();
      return audit.inclusionProof(index);
    }
  });

  app.get('/audit/consistency', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'RFC 9162 一致性证明 / consistency proof between two tree sizes', querystring: Type.Object({ from: NonNegative, to: Type.Optional(NonNegative) }) },
  }, async (request) => audit.consistencyProof(request.query.from, request.query.to));

  app.get('/exchange/access-log', {
    config: { access: 'exchange:use' },
    schema: {
      tags: ['exchange'], summary: '本部门的交换记录：作为使用方或提供方 / your department\'s exchange log, as consumer or provider',
      querystring: Type.Object({ side: Type.Optional(Type.Union([Type.Literal('consumer'), Type.Literal('provider')])), before: Type.Optional(NonNegative), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
    },
  }, async (request) => {
    const p = request.principal!;
    const dept = p.departmentCode ?? '-';
    const limit = request.query.limit ?? 100;
    if (request.query.side !== 'provider') return audit.listEntries({ department: dept, beforeSeq: request.query.before, limit });
    // Provider-side entries are not indexed by provider: page backwards through exchange entries (bounded).
    const out: Array<{ index: number; entry: AuditEntry }> = [];
    let before = request.query.before;
    for (let page = 0; page < 20 && out.length < limit; page++) {
      const rows = await audit.listEntries({ beforeSeq: before, limit: 1000 });
      if (rows.length === 0) break;
      for (const r of rows) if (r.entry.action.startsWith('exchange.') && (r.entry.details as Record<string, unknown>).provider === dept && out.length < limit) out.push(r);
      before = rows[rows.length - 1]!.index;
    }
    return out;
  });
}
