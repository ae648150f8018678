// The one error shape: {"error":{"code","message","requestId","details"}}, built only here.
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /** signed in with an initial or reset password: change it first (POST /api/auth/password) */
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** an Idempotency-Key sent again with another body */
  IDEMPOTENCY_MISMATCH: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** the service cannot start as configured (a Worker's secrets): the operator must fix it */
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path?: string;
  message: string;
  [k: string]: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;
  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetail[] = [],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = '资源') => new AppError('NOT_FOUND', `${what}不存在`);
export const forbidden = (message = '无权执行此操作') => new AppError('FORBIDDEN', message);
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError('CONFLICT', message, details);
export const invalid = (message: string, details: ErrorDetail[] = []) =>
  new AppError('VALIDATION', message, details);

/** An update that names nothing to change is refused rather than run as an empty UPDATE. */
export function requireChanges<T extends object>(patch: T): T {
  if (!Object.values(patch).some((v) => v !== undefined)) throw invalid('没有要修改的内容');
  return patch;
}

/**
 * `s` cut to `max` characters (an ellipsis the last), never inside a surrogate pair. An error names
 * the sender's own text where a field is unknown (the key itself) and may quote a value: a 12 MB
 * body could otherwise be echoed back whole, or stored whole (D1 refuses a value past 2 MB).
 */
export function clipText(s: string, max = 200): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** Details an error answer carries at most; a refused import reports its first 1,000 problems. */
const MAX_DETAILS = 1000;

export function errorBody(code: ErrorCode, message: string, requestId: string, details: ErrorDetail[] = []) {
  const shown = details.slice(0, MAX_DETAILS).map((d) => ({
    ...d,
    ...(typeof d.path === 'string' ? { path: clipText(d.path) } : {}),
    message: clipText(d.message),
  }));
  return { error: { code, message: clipText(message, 1000), requestId, details: shown } };
}
