import { AppError, type ErrorCode, type FieldProblem } from '../shared/errors.ts';

/**
 * Why an exchange call or grant request was refused. The code goes into the audit entry and the
 * problem+json body (`reason`), the message to the person reading it.
 */
export const REFUSALS = {
  invalid_request: { code: 'invalid_input', zh: '请求字段有误', en: 'invalid request' },
  malformed_key: { code: 'invalid_input', zh: '查询键格式不正确', en: 'malformed key' },
  purpose_missing: { code: 'invalid_input', zh: '须说明用途（事由）', en: 'a purpose must be stated' },
  batch_too_large: { code: 'invalid_input', zh: '一次至多 1000 个查询键', en: 'at most 1,000 keys per call' },
  unknown_resource: { code: 'not_found', zh: '信息资源不存在或未发布', en: 'resource not found or not published' },
  not_shared: { code: 'forbidden', zh: '该资源不予共享', en: 'this resource is not shared' },
  no_department: { code: 'forbidden', zh: '调用方不属于任何部门', en: 'the caller belongs to no department' },
  no_grant: { code: 'forbidden', zh: '本部门没有该资源的共享授权', en: 'your department holds no grant for this resource' },
  grant_other_department: { code: 'forbidden', zh: '该授权属于其他部门', en: 'the grant belongs to another department' },
  grant_revoked: { code: 'forbidden', zh: '授权已撤销', en: 'the grant has been revoked' },
  grant_expired: { code: 'forbidden', zh: '授权已过期', en: 'the grant has expired' },
  grant_not_yet_valid: { code: 'forbidden', zh: '授权尚未生效', en: 'the grant is not yet valid' },
  purpose_not_covered: { code: 'forbidden', zh: '所述用途不在授权范围内（谁使用谁负责）', en: 'the stated purpose is not covered by the grant' },
  item_not_granted: { code: 'forbidden', zh: '请求的信息项超出授权范围', en: 'items outside the grant' },
  mode_not_granted: { code: 'forbidden', zh: '该授权仅允许核验，不允许查询原值', en: 'the grant allows verification only' },
  rate_limited: { code: 'too_many_requests', zh: '调用过于频繁', en: 'rate limit exceeded' },
  quota_exceeded: { code: 'too_many_requests', zh: '今日调用量已达授权配额', en: 'daily quota exhausted' },
  source_unavailable: { code: 'not_found', zh: '该资源暂无可查询的数据', en: 'no data source serves this resource yet' },
} as const satisfies Record<string, { code: ErrorCode; zh: string; en: string }>;

export type RefusalReason = keyof typeof REFUSALS;

export interface Refusal {
  readonly reason: RefusalReason;
  /** Extra words for the message, e.g. which items or until when. */
  readonly detail?: string;
  readonly fields?: readonly FieldProblem[];
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly retryAfterSeconds?: number;
}

export function refusalMessage(r: Refusal): string {
  const t = REFUSALS[r.reason];
  return r.detail ? `${t.zh}：${r.detail} / ${t.en}` : `${t.zh} / ${t.en}`;
}

/** The error an exchange route throws after the refusal has been written to the audit log. */
export function refusalError(r: Refusal, auditIndex: number): AppError {
  const extra: Record<string, unknown> = { reason: r.reason, auditIndex, ...(r.extra ?? {}) };
  if (r.retryAfterSeconds !== undefined) extra.retryAfterSeconds = r.retryAfterSeconds;
  return new AppError(REFUSALS[r.reason].code, refusalMessage(r), r.fields ?? [], extra);
}

export const refuse = (reason: RefusalReason, more: Omit<Refusal, 'reason'> = {}): Refusal => ({ reason, ...more });
