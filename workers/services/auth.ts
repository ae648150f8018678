// Staff login and logout. Five failures within 15 minutes lock the account for 15 minutes.
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../db/schema';
import type { Db } from '../../db/client';
import type { AppDeps } from '../api/context';
import { AppError } from '../lib/errors';
import { randomString, sha256Hex } from '../lib/ids';
import { hashPassword, verifyPassword } from '../lib/password';
import { insertEvent } from '../repo/events';
import { findUserByLogin } from '../repo/tenancy';

export const LOCK_AFTER_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

let dummyHash: Promise<string> | null = null;

export async function login(deps: AppDeps, input: { login: string; password: string; userAgent?: string }) {
  const { db, clock } = deps;
  const now = clock.now();
  const user = await findUserByLogin(db, input.login);
  if (!user?.active) {
    // Spend the same time as a real check so logins cannot be discovered by timing.
    dummyHash ??= hashPassword('x', deps.passwordIterations);
    await verifyPassword(input.password, await dummyHash, deps.passwordIterations);
    throw new AppError('UNAUTHORIZED', '账号或密码错误');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const minutes = Math.ceil((user.lockedUntil - now) / 60000);
    throw new AppError('RATE_LIMITED', `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`, [], {
      'Retry-After': String(Math.ceil((user.lockedUntil - now) / 1000)),
    });
  }
  const result = await verifyPassword(input.password, user.passwordHash, deps.passwordIterations);
  if (!result.ok) {
    const windowOpen = user.firstFailedAt != null && now - user.firstFailedAt < FAILURE_WINDOW_MS;
    const failures = windowOpen ? user.failedLogins + 1 : 1;
    const locked = failures >= LOCK_AFTER_FAILURES;
    await db.batch([
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
        payload: { userId: user.id, failures },
      }),
    ]);
    if (locked)
      throw new AppError('RATE_LIMITED', '登录失败次数过多，账号已锁定 15 分钟', [], {
        'Retry-After': '900',
      });
    throw new AppError('UNAUTHORIZED', '账号或密码错误');
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
    insertEvent(
      db,
      {
        kind: 'user',
        id: user.id,
        name: user.name,
        role: user.role,
        tenantId: user.tenantId,
        unitId: user.unitId,
      },
      { tenantId: user.tenantId, type: 'user.login', at: now, payload: { userId: user.id } },
    ),
  ]);
  return { token, user };
}

export async function logout(db: Db, sessionId: string, now: number) {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, sessionId));
}
