// Builds the Hono app. Knows no runtime: the Node and Worker entries hand in the database, clock,
// file store and a way to read the built front ends.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './context';
import { loadActor } from '../middleware/auth';
import { notFoundHandler, onError, requestContext } from '../middleware/request';
import { securityHeaders } from '../middleware/security-headers';
import { loadTenant, requireTenantMember } from '../middleware/tenant';
import { AppError } from '../lib/errors';
import { buildOpenApi } from '../lib/openapi';
import { PRINT_SCRIPT } from '../lib/print';
import { authRoutes } from '../routes/auth';
import { caseRoutes } from '../routes/cases';
import { DOCS_SCRIPT, docsPage } from '../routes/docs';
import { fileRoutes } from '../routes/files';
import { platformRoutes } from '../routes/platform';
import { portalRoutes, publicTenantRoutes } from '../routes/portal';
import { statsRoutes } from '../routes/stats';
import { tenantAdminRoutes } from '../routes/tenant-admin';
import { frontEndRoutes, type AssetReader } from '../routes/front';

/** host of a URL; undefined when absent, null when unparseable (never equal to a real host) */
function hostOf(url: string | undefined): string | null | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** /api/t/{tenant}/portal and below: the citizen routes, which need no staff session. */
const PORTAL_PATH = /^\/api\/t\/[^/]+\/portal(?:\/|$)/;

export interface AppOptions {
  /** reads a built front-end file (dist/…) or returns null; absent in API-only tests */
  assets?: AssetReader;
}

export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', requestContext);
  app.use('*', securityHeaders({ inlineScripts: [PRINT_SCRIPT, DOCS_SCRIPT] }));
  app.onError(onError);
  app.notFound(notFoundHandler);

  app.get('/healthz', (c) => c.json({ ok: true }));

  const api = new Hono<AppEnv>();
  api.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  // Cookie sessions are SameSite=Lax; a cross-site Origin on a state-changing request closes the
  // remaining form-post CSRF hole (JSON bodies and DELETE already need a CORS preflight).
  api.use('*', async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      const origin = hostOf(c.req.header('origin'));
      if (
        origin !== undefined &&
        origin !== hostOf(c.req.url) &&
        origin !== c.req.header('x-forwarded-host')
      ) {
        throw new AppError('FORBIDDEN', '请求来源不被允许');
      }
    }
    await next();
  });
  const MAX_BODY = 12 * 1024 * 1024;
  const tooLarge = () => {
    throw new AppError('PAYLOAD_TOO_LARGE', '请求内容过大');
  };
  const streamedLimit = bodyLimit({ maxSize: MAX_BODY, onError: tooLarge });
  api.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    // A declared length is enforced by the HTTP parser: checking the header is enough, and it
    // leaves the body to be read straight from the socket (hono's bodyLimit asks for the body
    // stream first, which makes the Node adapter build a whole web Request for every POST).
    const length = c.req.header('content-length');
    if (length !== undefined && !c.req.header('transfer-encoding')) {
      if (!/^\d+$/.test(length) || Number(length) > MAX_BODY) tooLarge();
      return next();
    }
    return streamedLimit(c, next);
  });
  api.use('*', loadActor);
  api.route('/auth', authRoutes);
  api.route('/admin', platformRoutes);
  api.route('/portal', publicTenantRoutes);

  // Public citizen routes of a county: no staff session needed.
  api.use('/t/:tenant/portal/*', loadTenant);
  api.route('/t/:tenant/portal', portalRoutes);

  // Staff routes of a county: everything under it but its portal sub-app, which is matched by the
  // segment right after the tenant (a staff path such as /cases/portal is not the portal).
  api.use('/t/:tenant/*', async (c, next) => {
    if (PORTAL_PATH.test(c.req.path)) return next();
    await loadTenant(c, async () => {
      await requireTenantMember(c, next);
    });
  });
  api.route('/t/:tenant', tenantAdminRoutes);
  api.route('/t/:tenant', caseRoutes);
  api.route('/t/:tenant', fileRoutes);
  api.route('/t/:tenant', statsRoutes);

  api.get('/openapi.json', (c) =>
    c.json(
      buildOpenApi(app, {
        title: '民声 Minsheng API',
        version: '0.1.0',
        description:
          '县级信访与网上问政平台接口。错误统一为 {"error":{"code","message","requestId","details"}}。',
      }),
    ),
  );
  api.get('/docs', (c) => c.html(docsPage()));
  api.all('*', notFoundHandler);
  app.route('/api', api);

  app.route('/', frontEndRoutes(options.assets));
  return app;
}

export type App = ReturnType<typeof createApp>;
