// Cloudflare Workers entry: D1 for data, R2 for files, static assets for both front ends, and the
// deadline sweep on a cron. Secrets: SESSION_SECRET, ADMIN_LOGIN, ADMIN_PASSWORD (wrangler secret put).
import { openD1 } from '../../db/client';
import { systemClock } from '../lib/clock';
import { errorBody } from '../lib/errors';
import { r2FileStore } from '../lib/files';
import { randomString } from '../lib/ids';
import { jsonLogger } from '../lib/logger';
import { WORKERS_MAX_ITERATIONS } from '../lib/password';
import { ensurePlatformAdmin } from '../services/bootstrap';
import { runSweepAllTenants } from '../services/sweep';
import { removeStrayFiles } from '../services/portal/attachments';
import { createApp } from './app';
import { ConfigError, loadWorkerConfig } from './config';
import type { AppDeps } from './context';

export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  ASSETS: Fetcher;
  SESSION_SECRET?: string;
  ADMIN_LOGIN?: string;
  ADMIN_PASSWORD?: string;
  PASSWORD_ITERATIONS?: string;
  SECURE_COOKIES?: string;
  SEED_DEMO?: string;
  /** '0' turns the portal's proof-of-work captcha off (load tests on a trusted network only) */
  PORTAL_CAPTCHA?: string;
  LOG_LEVEL?: string;
}

let booted: Promise<{ deps: AppDeps; app: ReturnType<typeof createApp> }> | null = null;

async function boot(env: Env) {
  const config = loadWorkerConfig(env as unknown as Record<string, unknown>);
  const { db } = await openD1(env.DB);
  const deps: AppDeps = {
    db,
    clock: systemClock,
    files: r2FileStore(env.FILES),
    logger: jsonLogger(undefined, config.LOG_LEVEL),
    secret: config.SESSION_SECRET!,
    // WebCrypto in workerd refuses PBKDF2 above 100,000 iterations.
    passwordIterations: Math.min(
      env.PASSWORD_ITERATIONS ? config.PASSWORD_ITERATIONS : WORKERS_MAX_ITERATIONS,
      WORKERS_MAX_ITERATIONS,
    ),
    secureCookies: env.SECURE_COOKIES !== '0',
    runtime: 'workers',
    captcha: { disabled: env.PORTAL_CAPTCHA === '0' },
  };
  await ensurePlatformAdmin(deps, config.ADMIN_LOGIN, config.ADMIN_PASSWORD);
  if (env.SEED_DEMO === '1') {
    const { seedDemoTenancy } = await import('../../db/seed/demo-tenancy');
    await seedDemoTenancy(deps);
  }
  const app = createApp(deps, {
    assets: async (path) => {
      const res = await env.ASSETS.fetch(new Request(new URL(path, 'https://assets.invalid')));
      return res.status === 404 ? null : (res as unknown as Response);
    },
  });
  return { deps, app };
}

function getApp(env: Env) {
  booted ??= boot(env).catch((e) => {
    booted = null;
    throw e;
  });
  return booted;
}

/** For `wrangler tail`: what stopped the Worker, without the secrets (loadConfig hides them). */
function logFailure(msg: string, e: unknown) {
  console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg, error: String(e) }));
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let app: Awaited<ReturnType<typeof getApp>>['app'];
    try {
      ({ app } = await getApp(env));
    } catch (e) {
      // Every request would fail the same way: say so in the one error shape, not a bare 500.
      logFailure(e instanceof ConfigError ? 'configuration error' : 'boot failed', e);
      const requestId = randomString(16);
      return Response.json(
        errorBody(
          'UNAVAILABLE',
          e instanceof ConfigError
            ? '服务配置有误，暂时无法使用，请联系平台运营方（详见运行日志）'
            : '服务暂时无法启动，请稍后再试',
          requestId,
        ),
        { status: 503, headers: { 'x-request-id': requestId, 'retry-after': '60' } },
      );
    }
    return app.fetch(request, env, ctx);
  },
  async scheduled(event: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const sweep = async () => {
      const { deps } = await getApp(env);
      await runSweepAllTenants(deps);
      // Once an hour (the cron runs every 10 minutes) D1 brings the planner's statistics up to
      // date, as the Node process does at its sweep: without them SQLite may walk a county's
      // cases where a lookup's own index answers at once (bench/RESULTS.md, queues).
      const at = new Date(event.scheduledTime);
      if (at.getUTCMinutes() < 10) await env.DB.exec('PRAGMA optimize');
      // once a day (03:00 in China), bytes no attachment row names: an upload cut off between the two
      if (at.getUTCHours() === 19 && at.getUTCMinutes() < 10) await removeStrayFiles(deps);
    };
    // logged as on Node ('sweep failed'), and rethrown so the cron's own record shows it failed
    ctx.waitUntil(
      sweep().catch((e) => {
        logFailure('sweep failed', e);
        throw e;
      }),
    );
  },
} satisfies ExportedHandler<Env>;
