// Fixed-window rate limits on the rate_limits table: one upsert per hit, so it works the same on
// libSQL and D1 with no interactive transaction. Keys always carry the county.
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { ph, preparedSet } from '../../../db/prepared';
import { rateLimits } from '../../../db/schema';
import { AppError } from '../../lib/errors';

export interface Limit {
  /** requests allowed per window */
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Mobile carriers put whole villages behind one address (CGNAT), so per-address limits are
// generous; the per-phone limit is what stops one person flooding the bureau.
export const PORTAL_LIMITS = {
  submitPerIp: { limit: 30, windowMs: HOUR },
  submitPerPhone: { limit: 5, windowMs: 24 * HOUR },
  uploadPerIp: { limit: 120, windowMs: HOUR },
  captchaPerIp: { limit: 120, windowMs: 10 * MINUTE },
  trackPerIp: { limit: 30, windowMs: 10 * MINUTE },
  /** guesses at the secret of one query code, from anywhere */
  trackPerCode: { limit: 20, windowMs: HOUR },
} as const satisfies Record<string, Limit>;

export interface Hit {
  ok: boolean;
  count: number;
  retryAfterSeconds: number;
}

/** One upsert per number of keys counted at once (1 or 2): keys of a request count together. */
const upserts = preparedSet((db) => {
  const build = (n: number) =>
    db
      .insert(rateLimits)
      .values(
        Array.from({ length: n }, (_, i) => ({
          key: ph(`key${i}`),
          windowStart: ph(`window${i}`),
          count: 1,
        })),
      )
      .onConflictDoUpdate({
        target: rateLimits.key,
        // SET sees the old row: a new window starts the count again.
        set: {
          count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
          windowStart: sql`excluded.window_start`,
        },
      })
      .returning({ key: rateLimits.key, count: rateLimits.count })
      .prepare();
  return [build(1), build(2)] as const;
});

export interface Check {
  key: string;
  limit: Limit;
}

/** Counts one request against one or two keys (one statement) and says whether each is within its limit. */
export async function hit(
  db: Db,
  checks: readonly [Check] | readonly [Check, Check],
  now: number,
): Promise<Hit[]> {
  const values: Record<string, unknown> = {};
  const windows = checks.map((c, i) => {
    const windowStart = Math.floor(now / c.limit.windowMs) * c.limit.windowMs;
    values[`key${i}`] = c.key;
    values[`window${i}`] = windowStart;
    return windowStart;
  });
  const counts = new Map<string, number>();
  for (const r of await upserts(db)[checks.length - 1]!.all(values)) counts.set(r.key, r.count);
  return checks.map((c, i) => {
    const count = counts.get(c.key) ?? 1;
    return {
      ok: count <= c.limit.limit,
      count,
      retryAfterSeconds: Math.max(1, Math.ceil((windows[i]! + c.limit.windowMs - now) / 1000)),
    };
  });
}

/** Windows older than two days can no longer limit anything (the sweep calls this). */
export async function pruneRateLimits(db: Db, now: number): Promise<void> {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, now - 2 * 24 * HOUR));
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`;
  return `${Math.ceil(seconds / 3600)} 小时`;
}

/**
 * Counts the request against every key given (in one statement) and throws 429 RATE_LIMITED with
 * Retry-After for the first limit it is over.
 */
export async function enforce(
  db: Db,
  checks:
    | readonly [Check & { what?: string }]
    | readonly [Check & { what?: string }, Check & { what?: string }],
  now: number,
): Promise<void> {
  const results = await hit(db, checks, now);
  results.forEach((r, i) => {
    if (r.ok) return;
    throw new AppError(
      'RATE_LIMITED',
      `${checks[i]!.what ?? '操作'}过于频繁，请 ${waitText(r.retryAfterSeconds)}后再试`,
      [{ message: 'retryAfterSeconds', retryAfterSeconds: r.retryAfterSeconds }],
      { 'Retry-After': String(r.retryAfterSeconds) },
    );
  });
}
