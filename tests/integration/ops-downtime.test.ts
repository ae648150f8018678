// The server was down over deadlines and rating windows (a holiday, a broken disk): the sweep at the
// next start catches up (overdue flags with their reminders, 超期未评) exactly once; a restart at
// the same time finds nothing more to do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibsql } from '../../db/client';
import { ManualClock } from '../../workers/lib/clock';
import { start } from '../../workers/api/node';

const dir = mkdtempSync(join(tmpdir(), 'minsheng-ops-downtime-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const env = {
  DATABASE_URL: `file:${join(dir, 'down.db')}`,
  FILES_DIR: join(dir, 'files'),
  SESSION_SECRET: 'ops-downtime-secret-0123456789abcdefghij',
  SEED_DEMO: '1',
  DEMO_CASES: '150',
  PASSWORD_ITERATIONS: '10000',
  SWEEP_INTERVAL_SECONDS: '0',
  LOG_LEVEL: 'error',
};

async function state(now: number) {
  const h = await openLibsql({ url: env.DATABASE_URL });
  const one = async (q: ReturnType<typeof sql>) => Number((await h.db.all<{ n: number }>(q))[0]!.n);
  const s = {
    overdue: await one(sql`SELECT count(*) AS n FROM events WHERE type = 'assignment.overdue'`),
    overdueTwice: await one(sql`SELECT count(*) AS n FROM (SELECT 1 FROM events
      WHERE type = 'assignment.overdue' GROUP BY assignment_id, payload HAVING count(*) > 1)`),
    expired: await one(sql`SELECT count(*) AS n FROM events WHERE type = 'assignment.rating_expired'`),
    expiredTwice: await one(sql`SELECT count(*) AS n FROM (SELECT 1 FROM events
      WHERE type = 'assignment.rating_expired' GROUP BY assignment_id HAVING count(*) > 1)`),
    ratingWindowsPast:
      await one(sql`SELECT count(*) AS n FROM assignments WHERE state IN ('replied', 'closed')
      AND rating_due_at IS NOT NULL AND rating_due_at <= ${now}`),
    reminders: await one(sql`SELECT count(*) AS n FROM reminders`),
  };
  await h.close();
  return s;
}

describe('a start after the server was down', () => {
  it('catches up every missed deadline once', async () => {
    const t0 = Date.UTC(2026, 9, 12, 2, 0); // a Monday, 10:00 in the county
    const first = await start(env, { http: false, clock: new ManualClock(t0) });
    await first.seeding;
    await first.caughtUp;
    await first.stop('test');
    const before = await state(t0);
    expect(before.ratingWindowsPast).toBe(0);

    // forty days later: the start's sweep has weeks to catch up on
    const later = t0 + 40 * DAY;
    const second = await start(env, { http: false, clock: new ManualClock(later) });
    await second.caughtUp;
    await second.stop('test');
    const after = await state(later);
    expect(after.ratingWindowsPast).toBe(0);
    expect(after.expired).toBeGreaterThan(before.expired);
    expect(after.overdue).toBeGreaterThan(before.overdue);
    expect(after.reminders).toBeGreaterThan(before.reminders);
    expect(after.overdueTwice).toBe(0);
    expect(after.expiredTwice).toBe(0);

    // started again at the same time (a restart loop): nothing more to do
    const third = await start(env, { http: false, clock: new ManualClock(later + 60_000) });
    await third.caughtUp;
    await third.stop('test');
    expect(await state(later + 60_000)).toEqual(after);
  }, 180_000); // a demo county of 150 cases and 40 days of sweeps: over 30 s on a loaded machine
});
