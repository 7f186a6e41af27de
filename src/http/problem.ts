import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldProblem } from '../shared/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  deadline_passed: 422,
};

const TITLES: Record<number, string> = {
  400: '请求有误 / Bad Request',
  401: '未登录 / Unauthenticated',
  403: '无权限 / Forbidden',
  404: '未找到 / Not Found',
  409: '冲突 / Conflict',
  413: '内容过大 / Payload Too Large',
  415: '不支持的媒体类型 / Unsupported Media Type',
  422: '无法处理 / Unprocessable',
  429: '请求过多 / Too Many Requests',
  500: '服务器错误 / Internal Server Error',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, errors: readonly FieldProblem[] = [], extra: Record<string, unknown> = {}) {
  const body: ProblemBody = {
    type: `https://shutong.local/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: reply.request.url,
    ...(errors.length > 0 ? { errors: [...errors] } : {}),
    ...extra,
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').send(body);
}

/** The one place errors become HTTP answers. Unknown errors are logged and answered without internals. */
export function errorHandler(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.code === 'too_many_requests' && typeof error.details.retryAfterSeconds === 'number') reply.header('retry-after', String(error.details.retryAfterSeconds));
    return sendProblem(reply, STATUS[error.code], error.code, error.message, error.fields, error.details);
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const errors = fe.validation.map((v) => {
      const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
      const base = v.instancePath || '';
      return { path: `/${fe.validationContext ?? 'body'}${base}${missing ? `/${missing}` : ''}`, message: v.message ?? 'invalid' };
    });
    return sendProblem(reply, 400, 'invalid_input', `请求字段有误 / invalid request: ${errors.map((e) => e.path).join(', ')}`, errors);
  }
  const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status === 500) {
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 500, 'internal', `服务器内部错误，请求编号 ${request.id} / internal error, request id ${request.id}`);
  }
  const code = status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'invalid_input';
  return sendProblem(reply, status, code, fe.message);
}
