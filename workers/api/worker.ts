// Cloudflare Workers entry: D1 for data, R2 for files, static assets for both front ends, and the
// deadline sweep on a cron. Secrets: SESSION_SECRET, ADMIN_LOGIN, ADMIN_PASSWORD (wrangler secret put).
import { openD1 } from '../../db/client';
import { systemClock } from '../lib/clock';
import { r2FileStore } from '../lib/files';
import { jsonLogger } from '../lib/logger';
import { WORKERS_MAX_ITERATIONS } from '../lib/password';
import { ensurePlatformAdmin } from '../services/bootstrap';
import { runSweepAllTenants } from '../services/sweep';
import { createApp } from './app';
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
  if (!env.SESSION_SECRET || env.SESSION_SECRET.length < 32) {
    throw new Error('SESSION_SECRET 未设置或少于 32 个字符：wrangler secret put SESSION_SECRET');
  }
  const { db } = await openD1(env.DB);
  const deps: AppDeps = {
    db,
    clock: systemClock,
    files: r2FileStore(env.FILES),
    logger: jsonLogger(
      undefined,
      (['debug', 'info', 'warn', 'error'] as const).find((l) => l === env.LOG_LEVEL) ?? 'info',
    ),
    secret: env.SESSION_SECRET,
    // WebCrypto in workerd refuses PBKDF2 above 100,000 iterations.
    passwordIterations: Math.min(
      Number(env.PASSWORD_ITERATIONS ?? WORKERS_MAX_ITERATIONS),
      WORKERS_MAX_ITERATIONS,
    ),
    secureCookies: env.SECURE_COOKIES !== '0',
    runtime: 'workers',
    captcha: { disabled: env.PORTAL_CAPTCHA === '0' },
  };
  await ensurePlatformAdmin(deps, env.ADMIN_LOGIN, env.ADMIN_PASSWORD);
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

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const { app } = await getApp(env);
    return app.fetch(request, env, ctx);
  },
  async scheduled(event: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const { deps } = await getApp(env);
    ctx.waitUntil(
      runSweepAllTenants(deps).then(async () => {
        // Once an hour (the cron runs every 10 minutes) D1 brings the planner's statistics up to
        // date, as the Node process does at its sweep: without them SQLite may walk a county's
        // cases where a lookup's own index answers at once (bench/RESULTS.md, queues).
        if (new Date(event.scheduledTime).getUTCMinutes() < 10) await env.DB.exec('PRAGMA optimize');
      }),
    );
  },
} satisfies ExportedHandler<Env>;
