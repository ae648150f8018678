// Staff login, logout and a user's own password change. Five wrong passwords within 15 minutes
// lock the account for 15 minutes.
import { eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { sessions, users } from '../../db/schema';
import type { Db } from '../../db/client';
import type { Actor, AppDeps } from '../api/context';
import { AppError, invalid } from '../lib/errors';
import { randomString, sha256Hex } from '../lib/ids';
import { hashPassword, passwordProblem, verifyPassword } from '../lib/password';
import { insertEvent } from '../repo/events';
import { endSessionsOf, findTenantById, findUserById, findUserByLogin } from '../repo/tenancy';
import { type Check, enforce, reached } from './portal/rate-limit';

export const LOCK_AFTER_FAILURES = 5;
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

/**
 * Counts a wrong password (at login, or as the current password when changing it): five within
 * 15 minutes lock the account for 15 minutes. Returns whether it locked.
 *
 * A lock from wrong logins refuses new logins only: anyone who knows a login name can type five
 * wrong passwords, and ending the sessions the owner opened with the right one would let a stranger
 * sign any official out, again every 15 minutes. Guessing inside a session (the current password
 * when changing it) is the session itself under suspicion: that lock ends the user's sessions.
 */
async function recordFailure(db: Db, user: UserRow, now: number, during?: 'password_change') {
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
      payload: { userId: user.id, failures, ...(during ? { during } : {}) },
    }),
  ];
  if (locked && during === 'password_change') writes.push(endSessionsOf(db, user.id, now));
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
  if (user.lockedUntil && user.lockedUntil > now) {
    // Checked after the hash, so a locked account answers as slowly as any other.
    await insertEvent(db, null, {
      tenantId: user.tenantId,
      type: 'user.login_failed',
      at: now,
      payload: { userId: user.id, whileLocked: true },
    });
    throw await refused();
  }
  if (!result.ok) {
    await recordFailure(db, user, now);
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
    if (await recordFailure(db, user, now, 'password_change'))
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
