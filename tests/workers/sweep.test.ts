// The Worker's cron on D1: the deadline sweep runs, and once an hour D1 brings the planner's
// statistics up to date (PRAGMA optimize), so a county's lookups keep their indexed plans.
import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker, { type Env } from '../../workers/api/worker';
import { county } from './client';

async function tick(at: Date) {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ scheduledTime: at.getTime(), cron: '*/10 * * * *' }),
    env as unknown as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

const statTables = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'").first<{
    n: number;
  }>())!.n;

describe('the cron on D1', () => {
  it('sweeps every tick and gathers the planner statistics at the first tick of an hour', async () => {
    await county('wcron');
    await tick(new Date(Date.UTC(2026, 11, 6, 3, 20)));
    expect(await statTables()).toBe(0);
    await tick(new Date(Date.UTC(2026, 11, 6, 4, 0)));
    expect(await statTables()).toBe(1);
  });
});
