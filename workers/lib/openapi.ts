// Validation at the edge of every route, and the OpenAPI 3.1 document generated from the very same
// valibot schemas: each validator/describe middleware carries its schema, and the document is built
// by walking app.routes.
import type { Context, MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import * as v from 'valibot';
import { toJsonSchema } from '@valibot/to-json-schema';
import { AppError, type ErrorDetail } from './errors';

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

export function parseOrThrow<S extends AnySchema>(
  schema: S,
  value: unknown,
  message = '请求内容有误',
): v.InferOutput<S> {
  const r = v.safeParse(schema, value);
  if (!r.success) throw new AppError('VALIDATION', message, issuesToDetails(r.issues));
  return r.output;
}

/** Validate a part of the request with a valibot schema; documents it in the OpenAPI as well. */
export function valid<T extends Target, S extends AnySchema>(target: T, schema: S) {
  const mw = validator(target, (value) => parseOrThrow(schema, value));
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
          enum: [
            'VALIDATION',
            'UNAUTHORIZED',
            'FORBIDDEN',
            'NOT_FOUND',
            'CONFLICT',
            'RATE_LIMITED',
            'INTERNAL',
          ],
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
