// Validation at the edge of every route, and the OpenAPI 3.1 document generated from the very same
// valibot schemas: each validator/describe middleware carries its schema, and the document is built
// by walking app.routes.
import type { Context, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import * as v from 'valibot';
import { toJsonSchema } from '@valibot/to-json-schema';
import { AppError, ERROR_STATUS, type ErrorDetail } from './errors';

const META = Symbol.for('minsheng.openapi');
type Target = 'json' | 'query' | 'param';
type AnySchema = v.GenericSchema;

interface RouteMeta {
  summary?: string;
  description?: string;
  tags?: string[];
  public?: boolean;
  response?: AnySchema;
  responses?: Record<string, string>;
  input?: { target: Target; schema: AnySchema };
}

function withMeta<T>(mw: T, meta: RouteMeta): T {
  (mw as unknown as Record<symbol, RouteMeta>)[META] = meta;
  return mw;
}

export function issuesToDetails(issues: readonly v.BaseIssue<unknown>[]): ErrorDetail[] {
  return issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  boolean: 'true 或 false',
  array: '列表',
  object: '对象',
  strict_object: '对象',
  loose_object: '对象',
};

/**
 * The message of an issue whose schema gives none of its own, in Chinese (valibot's defaults read
 * "Invalid key: Expected \"title\" but received undefined").
 */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  const n = issue.requirement as number;
  const text = typeof issue.input === 'string';
  switch (issue.type) {
    case 'min_length':
      return text ? `至少 ${n} 个字` : `至少 ${n} 项`;
    case 'max_length':
      return text ? `不能超过 ${n} 个字` : `最多 ${n} 项`;
    case 'min_value':
      return `不能小于 ${n}`;
    case 'max_value':
      return `不能大于 ${n}`;
    case 'integer':
      return '应为整数';
    case 'finite':
      return '应为有限的数字';
    case 'picklist':
    case 'literal':
    case 'enum':
      return '不是可选的值';
  }
  if (issue.kind !== 'schema') return '格式不正确';
  if (issue.input === undefined) return '缺少此项';
  if (issue.expected === 'never') return '不应有此项';
  const name = TYPE_NAMES[issue.type];
  return name ? `应为${name}` : '类型不正确';
}

/** Parse options for input from outside: messages in Chinese. */
export const PARSE_CONFIG = { message: issueMessage } as const;

export function parseOrThrow<S extends AnySchema>(
  schema: S,
  value: unknown,
  message = '请求内容有误',
): v.InferOutput<S> {
  const r = v.safeParse(schema, value, PARSE_CONFIG);
  if (!r.success) throw new AppError('VALIDATION', message, issuesToDetails(r.issues));
  return r.output;
}

// C0 control characters other than tab, line feed and carriage return: nobody types them, and a
// NUL cuts the stored text short (SQLite reads TEXT up to the first NUL) or breaks a search.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const MAX_CONTROL_DETAILS = 20;

/** The dot paths of the strings (and keys) in `value` that hold a control character. */
export function controlCharPaths(value: unknown): string[] {
  const found: string[] = [];
  // a stack, not recursion: a body nested a million levels deep must not overflow the call stack
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0 && found.length < MAX_CONTROL_DETAILS) {
    const [x, path] = stack.pop()!;
    if (typeof x === 'string') {
      if (CONTROL_CHAR.test(x)) found.push(path);
    } else if (x !== null && typeof x === 'object') {
      for (const [k, inner] of Object.entries(x)) {
        const at = path ? `${path}.${k}` : k;
        if (CONTROL_CHAR.test(k)) found.push(at);
        else stack.push([inner, at]);
      }
    }
  }
  return found;
}

/** Refuses a request part with a control character in any of its strings, naming each field. */
export function refuseControlChars(value: unknown): void {
  const paths = controlCharPaths(value);
  if (paths.length === 0) return;
  throw new AppError(
    'VALIDATION',
    `内容中有不允许的控制字符（如 NUL），请删除后重试：${paths.join('、')}`,
    paths.map((path) => ({ path, message: '不能含有控制字符' })),
  );
}

/**
 * Validate a part of the request with a valibot schema; documents it in the OpenAPI as well. Every
 * string of it, known to the schema or not, is first checked for control characters.
 */
export function valid<T extends Target, S extends AnySchema>(target: T, schema: S) {
  const mw = validator(target, (value) => {
    refuseControlChars(value);
    return parseOrThrow(schema, value);
  });
  return withMeta(mw, { input: { target, schema } }) as typeof mw;
}

/** Attach a summary, tags and the response schema to a route (no-op at run time). */
export function describe(meta: Omit<RouteMeta, 'input'>): MiddlewareHandler {
  return withMeta(async (_c: Context, next) => next(), meta);
}

function jsonSchema(schema: AnySchema): Record<string, unknown> {
  return toJsonSchema(schema, { errorMode: 'ignore', target: 'draft-2020-12' }) as Record<string, unknown>;
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: {
          type: 'string',
          enum: Object.keys(ERROR_STATUS),
        },
        message: { type: 'string' },
        requestId: { type: 'string' },
        details: { type: 'array', items: { type: 'object' } },
      },
    },
  },
};

export function buildOpenApi(
  app: { routes: readonly { method: string; path: string; handler: unknown }[] },
  info: { title: string; version: string; description: string },
) {
  const paths: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const r of app.routes) {
    if (r.method === 'ALL' || (!r.path.startsWith('/api') && r.path !== '/healthz')) continue;
    const meta = (r.handler as unknown as Record<symbol, RouteMeta>)[META];
    const path = r.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
    const method = r.method.toLowerCase();
    paths[path] ??= {};
    paths[path][method] ??= {
      parameters: [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      responses: {
        '4XX': {
          description: '错误（统一错误格式）',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
    const op = paths[path][method];
    if (!meta) continue;
    if (meta.summary) op.summary = meta.summary;
    if (meta.description) op.description = meta.description;
    if (meta.tags) op.tags = meta.tags;
    if (meta.public) op.security = [];
    if (meta.response) {
      (op.responses as Record<string, unknown>)['200'] = {
        description: 'OK',
        content: { 'application/json': { schema: jsonSchema(meta.response) } },
      };
    }
    for (const [code, description] of Object.entries(meta.responses ?? {})) {
      (op.responses as Record<string, unknown>)[code] ??= { description };
    }
    if (meta.input?.target === 'json') {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(meta.input.schema) } },
      };
    } else if (meta.input?.target === 'query') {
      const s = jsonSchema(meta.input.schema) as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      const params = op.parameters as unknown[];
      for (const [name, schema] of Object.entries(s.properties ?? {})) {
        params.push({ name, in: 'query', required: s.required?.includes(name) ?? false, schema });
      }
    }
  }
  for (const ops of Object.values(paths)) {
    for (const op of Object.values(ops)) {
      const responses = op.responses as Record<string, unknown>;
      if (!responses['200'] && !responses['201'] && !responses['204'])
        responses['200'] = { description: 'OK' };
    }
  }
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'ms_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: { Error: ERROR_SCHEMA },
    },
    security: [{ session: [] }, { bearer: [] }],
    paths,
  };
}
