// Request id, JSON-lines access log, and the mapping of every thrown error to the one error shape.
import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../api/context';
import { AppError, clipText, ERROR_STATUS, errorBody } from '../lib/errors';
import { randomString } from '../lib/ids';
import { setResponseHeaders } from './security-headers';

export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomString(16);
  c.set('requestId', requestId);
  c.set('actor', null);
  const started = performance.now();
  await next();
  setResponseHeaders(c, [['x-request-id', requestId]]);
  const deps = c.get('deps');
  if (c.req.path !== '/healthz') {
    deps.logger.log('info', 'request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      actor: c.get('actor')?.id,
    });
  }
};

function respond(c: Context<AppEnv>, err: AppError) {
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  return c.json(errorBody(err.code, err.message, c.get('requestId') ?? '', err.details), err.status as 400);
}

/** Codes of a store that cannot write (SQLite's and the file system's), whatever the request. */
const STORAGE_CODES =
  /^(SQLITE_(READONLY|FULL|IOERR|CANTOPEN)\w*|EROFS|ENOSPC|EDQUOT|EACCES|EPERM|EIO|ENOTDIR)$/;

/** The reason, as one line, when an error (or one of its causes) is the storage failing. */
function storageFailure(err: unknown): string | null {
  for (let x = err, i = 0; x instanceof Error && i < 10; x = x.cause, i++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string' && STORAGE_CODES.test(code)) return `${code}: ${x.message.split('\n')[0]}`;
  }
  return null;
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) return respond(c, err);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 401
          ? 'UNAUTHORIZED'
          : status === 403
            ? 'FORBIDDEN'
            : status === 404
              ? 'NOT_FOUND'
              : 'VALIDATION';
    const message =
      status === 413
        ? '请求内容过大'
        : status === 403
          ? '请求来源不被允许'
          : /JSON/i.test(err.message)
            ? '请求内容不是有效的 JSON'
            : '请求有误';
    return respond(c, new AppError(code, message));
  }
  const deps = c.get('deps');
  const storage = storageFailure(err);
  if (storage) {
    // the disk, not the request: a read-only or full disk, a folder without write permission
    deps?.logger.log('error', 'storage unavailable', { requestId: c.get('requestId'), error: storage });
    return respond(c, new AppError('UNAVAILABLE', '服务器暂时无法保存，请稍后再试'));
  }
  deps?.logger.log('error', 'unhandled error', {
    requestId: c.get('requestId'),
    // drizzle's "Failed query: … params: …" carries every bound value: a 12 MB import in one line
    error: clipText(err instanceof Error ? `${err.name}: ${err.message}` : String(err), 4000),
    // the stack repeats the message on its first line: the frames alone, the message is above
    stack: err instanceof Error ? err.stack?.replace(err.message, '(message above)') : undefined,
  });
  return c.json(
    errorBody('INTERNAL', '服务器内部错误，请稍后再试', c.get('requestId') ?? ''),
    ERROR_STATUS.INTERNAL,
  );
};

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  c.json(errorBody('NOT_FOUND', '请求的地址不存在', c.get('requestId') ?? ''), 404);
