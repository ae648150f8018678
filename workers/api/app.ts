// Builds the Hono app. Knows no runtime: the Node and Worker entries hand in the database, clock,
// file store and a way to read the built front ends.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './context';
import { loadActor } from '../middleware/auth';
import { notFoundHandler, onError, requestContext } from '../middleware/request';
import { loadTenant, requireTenantMember } from '../middleware/tenant';
import { AppError } from '../lib/errors';
import { buildOpenApi } from '../lib/openapi';
import { authRoutes } from '../routes/auth';
import { caseRoutes } from '../routes/cases';
import { docsPage } from '../routes/docs';
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
  api.use(
    '*',
    bodyLimit({
      maxSize: 12 * 1024 * 1024,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', '请求内容过大');
      },
    }),
  );
  api.use('*', loadActor);
  api.route('/auth', authRoutes);
  api.route('/admin', platformRoutes);
  api.route('/portal', publicTenantRoutes);

  // Public citizen routes of a county: no staff session needed.
  api.use('/t/:tenant/portal/*', loadTenant);
  api.route('/t/:tenant/portal', portalRoutes);

  // Staff routes of a county.
  api.use('/t/:tenant/*', async (c, next) => {
    if (c.req.path.includes('/portal/') || c.req.path.endsWith('/portal')) return next();
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
