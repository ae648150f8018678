// Fixed-window rate limits on the rate_limits table: one upsert per request, refused by a CHECK
// constraint past the limit, so it works the same on libSQL and D1 with no interactive
// transaction, and can ride in the batch of the write it limits. Keys always carry the county.
import { inArray, lt, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client';
import { bound, ph, preparedSet } from '../../../db/prepared';
import { rateLimits } from '../../../db/schema';
import { AppError } from '../../lib/errors';

export interface Limit {
  /** requests allowed per window */
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// The submission limits are each county's setting (settings.portalLimits); these protect the rest.
export const PORTAL_LIMITS = {
  uploadPerIp: { limit: 120, windowMs: HOUR },
  captchaPerIp: { limit: 120, windowMs: 10 * MINUTE },
  trackPerIp: { limit: 60, windowMs: 10 * MINUTE },
  /** wrong secrets for one query code from one address */
  trackMissPerCodeIp: { limit: 10, windowMs: HOUR },
  /**
   * wrong secrets for one query code from anywhere: 100 an hour leaves a 6-digit secret ~5,000
   * hours of guessing on average, and its owner is not shut out by a stranger's 20 wrong tries
   */
  trackMissPerCode: { limit: 100, windowMs: HOUR },
} as const satisfies Record<string, Limit>;

export interface Check {
  key: string;
  limit: Limit;
  /** what is limited, for the message (提交, 查询 …) */
  what?: string;
}

export type Checks = readonly [Check] | readonly [Check, Check];

/** One upsert per number of keys counted at once (1 or 2): the keys of a request count together. */
const upserts = preparedSet((db) => {
  const build = (n: number) =>
    db
      .insert(rateLimits)
      .values(
        Array.from({ length: n }, (_, i) => ({
          key: ph(`key${i}`),
          windowStart: ph(`window${i}`),
          count: 1,
          cap: ph(`cap${i}`),
        })),
      )
      .onConflictDoUpdate({
        target: rateLimits.key,
        // SET sees the old row: a new window starts the count again. Past the cap, the CHECK
        // constraint fails the statement and nothing of it is written.
        set: {
          count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
          windowStart: sql`excluded.window_start`,
          cap: sql`excluded.cap`,
        },
      })
      .prepare();
  return [build(1), build(2)] as const;
});

const windowOf = (c: Check, now: number) => Math.floor(now / c.limit.windowMs) * c.limit.windowMs;

function values(checks: Checks, now: number) {
  const v: Record<string, unknown> = {};
  checks.forEach((c, i) => {
    v[`key${i}`] = c.key;
    v[`window${i}`] = windowOf(c, now);
    v[`cap${i}`] = c.limit.limit;
  });
  return v;
}

/**
 * The statement that counts this request against its keys, for a db.batch: the batch fails with
 * a CHECK constraint error when a key is over its limit (then call refusal()).
 */
export function countRequest(db: Db, checks: Checks, now: number): BatchItem<'sqlite'> {
  return bound(upserts(db)[checks.length - 1], values(checks, now));
}

/** True for the error a batch with countRequest() fails with when a limit is reached. */
export function isOverLimit(e: unknown): boolean {
  const text = (x: unknown): string =>
    x instanceof Error ? `${x.message} ${text((x as { cause?: unknown }).cause)}` : '';
  return /rate_limits_within_cap|CHECK constraint failed/.test(text(e));
}

/** The first of these keys that has used up its current window, read as it stands. */
async function fullKey(db: Db, checks: Checks, now: number): Promise<Check | null> {
  const rows = await db
    .select({ key: rateLimits.key, windowStart: rateLimits.windowStart, count: rateLimits.count })
    .from(rateLimits)
    .where(
      inArray(
        rateLimits.key,
        checks.map((c) => c.key),
      ),
    );
  return (
    checks.find((c) => {
      const r = rows.find((x) => x.key === c.key);
      return r && r.windowStart === windowOf(c, now) && r.count >= c.limit.limit;
    }) ?? null
  );
}

function tooMany(over: Check, now: number): AppError {
  const seconds = Math.max(1, Math.ceil((windowOf(over, now) + over.limit.windowMs - now) / 1000));
  return new AppError(
    'RATE_LIMITED',
    `${over.what ?? '操作'}过于频繁，请 ${waitText(seconds)}后再试`,
    [{ message: 'retryAfterSeconds', retryAfterSeconds: seconds }],
    { 'Retry-After': String(seconds) },
  );
}

/** The 429 for the first of these keys that has used up its window (read only), or null. */
export async function reached(db: Db, checks: Checks, now: number): Promise<AppError | null> {
  const over = await fullKey(db, checks, now);
  return over ? tooMany(over, now) : null;
}

/** The 429 for a request countRequest() refused: which limit, and when it opens again. */
export async function refusal(db: Db, checks: Checks, now: number): Promise<AppError> {
  return tooMany((await fullKey(db, checks, now)) ?? checks[0], now);
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

/** Counts the request against its keys on its own and throws 429 RATE_LIMITED when over a limit. */
export async function enforce(db: Db, checks: Checks, now: number): Promise<void> {
  try {
    await db.batch([countRequest(db, checks, now)]);
  } catch (e) {
    if (isOverLimit(e)) throw await refusal(db, checks, now);
    throw e;
  }
}
