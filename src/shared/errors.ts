/**
 * Domain errors carry a code that the HTTP layer maps to a status once, and the
 * paths of the fields at fault so that a person can see what to fix.
 *
 * @example
 * throw new AppError('invalid_input', '不予共享须填写法律政策依据', [{ path: '/sharing/basis', message: '必填' }]);
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests'
  | 'deadline_passed'
  | 'payload_too_large';

export interface FieldProblem {
  /** JSON-pointer-like path of the offending field, e.g. `/items/2/element`. */
  readonly path: string;
  readonly message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: readonly FieldProblem[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, fields: readonly FieldProblem[] = [], details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export const invalidInput = (message: string, fields: readonly FieldProblem[] = [], details: Record<string, unknown> = {}) =>
  new AppError('invalid_input', message, fields, details);
export const notFound = (message: string) => new AppError('not_found', message);
export const forbidden = (message: string) => new AppError('forbidden', message);
export const conflict = (message: string, details: Record<string, unknown> = {}, fields: readonly FieldProblem[] = []) =>
  new AppError('conflict', message, fields, details);
