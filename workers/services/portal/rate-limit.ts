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

const queries = preparedSet((db) => ({
  hit: db
    .insert(rateLimits)
    .values({ key: ph('key'), windowStart: ph('windowStart'), count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      // SET sees the old row: a new window starts the count again.
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ count: rateLimits.count })
    .prepare(),
}));

/** Counts one request against `key` and says whether it is within the limit. */
export async function hit(db: Db, key: string, { limit, windowMs }: Limit, now: number): Promise<Hit> {
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const rows = await queries(db).hit.all({ key, windowStart });
  const count = rows[0]?.count ?? 1;
  // Housekeeping now and then: windows older than two days can no longer limit anything.
  if (Math.random() < 0.01)
    await db.delete(rateLimits).where(lt(rateLimits.windowStart, now - 2 * 24 * HOUR));
  return {
    ok: count <= limit,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)),
  };
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} 分钟`;
  return `${Math.ceil(seconds / 3600)} 小时`;
}

/** Counts the request and throws 429 RATE_LIMITED with Retry-After when over the limit. */
export async function enforce(db: Db, key: string, limit: Limit, now: number, what = '操作'): Promise<void> {
  const r = await hit(db, key, limit, now);
  if (!r.ok) {
    throw new AppError(
      'RATE_LIMITED',
      `${what}过于频繁，请 ${waitText(r.retryAfterSeconds)}后再试`,
      [{ message: 'retryAfterSeconds', retryAfterSeconds: r.retryAfterSeconds }],
      { 'Retry-After': String(r.retryAfterSeconds) },
    );
  }
}
