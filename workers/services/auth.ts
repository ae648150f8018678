// Staff login, logout and a user's own password change. Five wrong passwords for an account from
// one address within 15 minutes lock that account for that address for 15 minutes; twenty from
// anywhere lock it everywhere.
import { and, eq, gt, gte, lt, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { rateLimits, sessions, users } from '../../db/schema';
import type { Db } from '../../db/client';
import type { Actor, AppDeps } from '../api/context';
import { AppError, invalid } from '../lib/errors';
import { randomString, sha256Hex } from '../lib/ids';
import { hashPassword, passwordProblem, verifyPassword } from '../lib/password';
import { insertEvent } from '../repo/events';
import { endSessionsOf, findTenantById, findUserById, findUserByLogin, inScope } from '../repo/tenancy';
import { type Check, enforce, reached } from './portal/rate-limit';

/** Wrong passwords for one account from one address (or, inside a session, its current password). */
export const LOCK_AFTER_FAILURES = 5;
/**
 * Wrong passwords for one account from all addresses together, which lock it everywhere. Twenty:
 * a stranger at one address is stopped at five and can never reach it alone (so cannot shut the
 * official out of their own desk), and the official's own typos from two or three places neither;
 * a guesser needs four addresses to lock the account everywhere, and all of them together get at
 * most 19 guesses a quarter hour at it (under 2,000 a day against a 10-character password of
 * three kinds). Lower (10) and a stranger with a phone and one other address locks anyone out;
 * higher and a botnet guesses more before it is stopped.
 */
export const LOCK_EVERYWHERE_AFTER_FAILURES = 20;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;
/**
 * Wrong logins from one address, whatever the accounts: the per-account lock leaves four guesses
 * a quarter hour on every login there is, which one address can spray across a platform's
 * accounts; and each attempt costs a password hash. Generous for a county office behind one
 * address (a forgotten password is a few tries).
 */
export const ADDRESS_FAILURES = { limit: 30, windowMs: 15 * 60 * 1000 } as const;

const addressCheck = (clientKey: string): [Check] => [
  { key: `login:miss:${clientKey}`, limit: ADDRESS_FAILURES, what: '登录失败' },
];

let dummyHash: Promise<string> | null = null;

/**
 * The one answer to every refused login: an unknown login, a wrong password, a locked or a
 * deactivated account read the same, so the form cannot be used to find out which logins exist.
 */
const LOGIN_REFUSED = '账号或密码错误，或账号已被锁定';
const refusedLogin = () => new AppError('UNAUTHORIZED', LOGIN_REFUSED);

type UserRow = typeof users.$inferSelect;

const asActor = (user: UserRow): Actor => ({
  kind: 'user',
  id: user.id,
  name: user.name,
  role: user.role,
  tenantId: user.tenantId,
  unitId: user.unitId,
});

const MISS_PREFIX = 'login:miss:user:';
/**
 * Wrong passwords at the login form, on the rate_limits table (the sweep prunes it): a row for the
 * account from one address, and one for the account from anywhere. Unlike the fixed windows of
 * rate-limit.ts a row here is a run: window_start is its first failure, and the failure that brings
 * it to its cap moves window_start to that moment, so a lock lasts the full 15 minutes after it
 * (a fixed window would free five failures typed at 14:59 a second later). The next failure after
 * the run has lapsed, or after it reached its cap, starts a new run. One atomic upsert for both rows:
 * two requests at once both count.
 */
const missKey = (userId: string, clientKey?: string) =>
  `${MISS_PREFIX}${userId}${clientKey === undefined ? '' : `@${clientKey}`}`;

function countMisses(db: Db, userId: string, clientKey: string, now: number) {
  const lapsed = sql`${now} - ${rateLimits.windowStart} >= ${FAILURE_WINDOW_MS}`;
  const restart = sql`(${lapsed} OR ${rateLimits.count} >= excluded.cap)`;
  return db
    .insert(rateLimits)
    .values([
      { key: missKey(userId, clientKey), windowStart: now, count: 1, cap: LOCK_AFTER_FAILURES },
      { key: missKey(userId), windowStart: now, count: 1, cap: LOCK_EVERYWHERE_AFTER_FAILURES },
    ])
    .onConflictDoUpdate({
      target: rateLimits.key,
      // SET sees the old row
      set: {
        count: sql`CASE WHEN ${restart} THEN 1 ELSE MIN(${rateLimits.count} + 1, excluded.cap) END`,
        windowStart: sql`CASE WHEN ${restart} OR ${rateLimits.count} + 1 >= excluded.cap THEN ${now} ELSE ${rateLimits.windowStart} END`,
        cap: sql`excluded.cap`,
      },
    })
    .returning({ key: rateLimits.key, count: rateLimits.count });
}

/** This address has brought the account to its cap within the last 15 minutes. */
async function lockedForAddress(db: Db, userId: string, clientKey: string, now: number) {
  const [row] = await db
    .select({ count: rateLimits.count, cap: rateLimits.cap, windowStart: rateLimits.windowStart })
    .from(rateLimits)
    .where(eq(rateLimits.key, missKey(userId, clientKey)));
  return row != null && row.count >= row.cap && now - row.windowStart < LOCK_MS;
}

/**
 * Forgets an account's wrong logins from every address (an administrator unlocks it), for a batch.
 * A range on the key, not LIKE: a login's address is the caller's to write.
 */
export const forgetLoginFailures = (db: Db, userId: string) => {
  const from = `${missKey(userId)}@`;
  return db
    .delete(rateLimits)
    .where(
      or(
        eq(rateLimits.key, missKey(userId)),
        and(gte(rateLimits.key, from), lt(rateLimits.key, `${from}\uffff`)),
      ),
    );
};

/**
 * For the administrator's list of a county's accounts, or with null the platform admins': by
 * account, when the latest lock on one of its addresses ends (accounts with none are absent; the
 * addresses are not given). One statement of five parameters whatever the county's size (D1
 * allows 100): for each account a subquery on its range of keys, as in forgetLoginFailures, which
 * reads that range of the key's index whatever the planner thinks of the table's size.
 */
export async function addressLocksUntil(db: Db, tenantId: string | null, now: number) {
  const from = sql`${MISS_PREFIX} || ${users.id} || '@'`;
  const latest = db
    .select({ at: sql<number | null>`MAX(${rateLimits.windowStart})` })
    .from(rateLimits)
    .where(
      and(
        gte(rateLimits.key, from),
        lt(rateLimits.key, sql`${from} || ${'\uffff'}`),
        gte(rateLimits.count, rateLimits.cap),
        gt(rateLimits.windowStart, now - LOCK_MS),
      ),
    );
  const rows = await db
    .select({ userId: users.id, lockedAt: sql<number | null>`(${latest})` })
    .from(users)
    .where(inScope(tenantId));
  const locks = new Map<string, number>();
  for (const r of rows) if (r.lockedAt != null) locks.set(r.userId, Number(r.lockedAt) + LOCK_MS);
  return locks;
}

/**
 * A wrong password at the login form. Five from this address lock the account for this address;
 * twenty from anywhere lock it everywhere (lockedUntil, which the administrator sees and can lift).
 *
 * Neither ends the sessions the owner opened with the right one: anyone who knows a login name can
 * type wrong passwords, and ending sessions would let a stranger sign any official out.
 */
async function recordLoginFailure(db: Db, user: UserRow, clientKey: string, now: number) {
  const counted = await countMisses(db, user.id, clientKey, now);
  const failures = counted.find((r) => r.key === missKey(user.id, clientKey))?.count ?? 1;
  const accountFailures = counted.find((r) => r.key === missKey(user.id))?.count ?? 1;
  const everywhere = accountFailures >= LOCK_EVERYWHERE_AFTER_FAILURES;
  const locked = everywhere || failures >= LOCK_AFTER_FAILURES;
  const event = insertEvent(db, null, {
    tenantId: user.tenantId,
    type: locked ? 'user.locked' : 'user.login_failed',
    at: now,
    payload: {
      userId: user.id,
      failures,
      accountFailures,
      address: clientKey,
      ...(locked ? { everywhere } : {}),
    },
  });
  if (everywhere)
    await db.batch([
      db
        .update(users)
        .set({ lockedUntil: now + LOCK_MS })
        .where(eq(users.id, user.id)),
      event,
    ]);
  else await event;
}

/**
 * The current password typed wrong inside a session: five within 15 minutes lock the account
 * everywhere for 15 minutes and end the user's sessions (the session itself is under suspicion).
 * Counted on the account alone: a stranger's wrong logins do not bring it nearer. Returns whether
 * it locked.
 */
async function recordPasswordGuess(db: Db, user: UserRow, now: number) {
  const windowOpen = user.firstFailedAt != null && now - user.firstFailedAt < FAILURE_WINDOW_MS;
  const failures = windowOpen ? user.failedLogins + 1 : 1;
  const locked = failures >= LOCK_AFTER_FAILURES;
  const writes: BatchItem<'sqlite'>[] = [
    db
      .update(users)
      .set({
        failedLogins: locked ? 0 : failures,
        firstFailedAt: locked ? null : windowOpen ? user.firstFailedAt : now,
        lockedUntil: locked ? now + LOCK_MS : user.lockedUntil,
      })
      .where(eq(users.id, user.id)),
    insertEvent(db, null, {
      tenantId: user.tenantId,
      type: locked ? 'user.locked' : 'user.login_failed',
      at: now,
      payload: { userId: user.id, failures, during: 'password_change' },
    }),
  ];
  if (locked) writes.push(endSessionsOf(db, user.id, now));
  await db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return locked;
}

export async function login(
  deps: AppDeps,
  input: { login: string; password: string; userAgent?: string; clientKey: string },
) {
  const { db, clock } = deps;
  const now = clock.now();
  const fromAddress = addressCheck(input.clientKey);
  const shut = await reached(db, fromAddress, now);
  if (shut) throw shut;
  // every refusal below counts against the address (and answers 429 once it is over its limit)
  const refused = async () => {
    await enforce(db, fromAddress, now);
    return refusedLogin();
  };
  const user = await findUserByLogin(db, input.login);
  if (!user?.active) {
    // Spend the same time as a real check so logins cannot be discovered by timing.
    dummyHash ??= hashPassword('x', deps.passwordIterations);
    await verifyPassword(input.password, await dummyHash, deps.passwordIterations);
    // Recorded without the password: the login typed is what the administrator looks for.
    await insertEvent(db, null, {
      tenantId: user?.tenantId ?? null,
      type: 'user.login_failed',
      at: now,
      payload: user ? { userId: user.id, inactive: true } : { login: input.login, unknownLogin: true },
    });
    throw await refused();
  }
  const result = await verifyPassword(input.password, user.passwordHash, deps.passwordIterations);
  // Checked after the hash, so a locked account answers as slowly as any other. Locked for this
  // address only, the owner elsewhere signs in as usual; tries while locked count for the address
  // alone, or one address could go on to lock the account everywhere.
  const lockedEverywhere = user.lockedUntil != null && user.lockedUntil > now;
  if (lockedEverywhere || (await lockedForAddress(db, user.id, input.clientKey, now))) {
    await insertEvent(db, null, {
      tenantId: user.tenantId,
      type: 'user.login_failed',
      at: now,
      payload: {
        userId: user.id,
        whileLocked: true,
        address: input.clientKey,
        ...(lockedEverywhere ? {} : { lockedHere: true }),
      },
    });
    throw await refused();
  }
  if (!result.ok) {
    await recordLoginFailure(db, user, input.clientKey, now);
    throw await refused();
  }
  if (user.tenantId) {
    const tenant = await findTenantById(db, user.tenantId);
    if (!tenant?.active) throw new AppError('FORBIDDEN', '所在县区已停用，暂不能登录，请联系平台管理员');
  }
  const token = randomString(40);
  const sessionId = await sha256Hex(token);
  const newHash = result.needsRehash ? await hashPassword(input.password, deps.passwordIterations) : null;
  await db.batch([
    db.insert(sessions).values({
      id: sessionId,
      userId: user.id,
      tenantId: user.tenantId,
      createdAt: now,
      lastSeenAt: now,
      userAgent: input.userAgent?.slice(0, 200) ?? null,
    }),
    db
      .update(users)
      .set({
        failedLogins: 0,
        firstFailedAt: null,
        lockedUntil: null,
        lastLoginAt: now,
        ...(newHash ? { passwordHash: newHash } : {}),
      })
      .where(eq(users.id, user.id)),
    // the owner's own slips from this address are forgiven; the account's count from elsewhere is not
    db.delete(rateLimits).where(eq(rateLimits.key, missKey(user.id, input.clientKey))),
    insertEvent(db, asActor(user), {
      tenantId: user.tenantId,
      type: 'user.login',
      at: now,
      payload: { userId: user.id },
    }),
  ]);
  return { token, user };
}

export async function logout(db: Db, sessionId: string, now: number) {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}

/**
 * A signed-in user changes their own password: the current one first (a wrong one counts towards
 * the lockout like a failed login), the same rules as everywhere, never the current one again.
 * Their other sessions end; the one in use stays, and the must-change flag of an initial or reset
 * password is cleared.
 */
export async function changePassword(
  deps: AppDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
) {
  const { db, clock } = deps;
  const now = clock.now();
  const user = actor.kind === 'user' ? await findUserById(db, actor.id) : null;
  if (!user?.active) throw new AppError('FORBIDDEN', '只有登录的工作人员才能修改自己的密码');
  const current = await verifyPassword(input.currentPassword, user.passwordHash, deps.passwordIterations);
  if (!current.ok) {
    if (await recordPasswordGuess(db, user, now))
      throw new AppError('RATE_LIMITED', '当前密码连续输错次数过多，账号已锁定 15 分钟，请稍后重新登录', [], {
        'Retry-After': String(LOCK_MS / 1000),
      });
    throw invalid('当前密码不正确', [{ path: 'currentPassword', message: '当前密码不正确' }]);
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalid(problem, [{ path: 'newPassword', message: problem }]);
  if (input.newPassword === input.currentPassword)
    throw invalid('新密码不能与当前密码相同', [{ path: 'newPassword', message: '不能与当前密码相同' }]);
  await db.batch([
    db
      .update(users)
      .set({
        passwordHash: await hashPassword(input.newPassword, deps.passwordIterations),
        mustChangePassword: false,
        failedLogins: 0,
        firstFailedAt: null,
      })
      .where(eq(users.id, user.id)),
    endSessionsOf(db, user.id, now, actor.sessionId),
    insertEvent(db, actor, {
      tenantId: user.tenantId,
      type: 'user.password_changed',
      at: now,
      payload: { userId: user.id, wasRequired: user.mustChangePassword },
    }),
  ]);
  return { ...user, mustChangePassword: false };
}
