// First start: the platform admin account, so someone can log in at all.
import { and, asc, eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { users } from '../../db/schema';
import type { AppDeps } from '../api/context';
import { notFound } from '../lib/errors';
import { randomString } from '../lib/ids';
import { hashPassword } from '../lib/password';
import { insertEvent } from '../repo/events';
import { endSessionsOf } from '../repo/tenancy';
import { createUser } from './tenancy';
import { systemActor } from './workflow/common';

/** Creates the platform admin when none exists. Returns the generated password, if one was made. */
export async function ensurePlatformAdmin(
  deps: AppDeps,
  login?: string,
  password?: string,
): Promise<{ login: string; generatedPassword?: string } | null> {
  const existing = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.role, 'platform_admin'))
    .limit(1);
  if (existing.length) return null;
  const finalLogin = login ?? 'admin';
  const generated = password ? undefined : generatedPassword();
  await createUser(deps, systemActor(null), null, {
    login: finalLogin,
    password: password ?? generated!,
    name: '平台管理员',
    role: 'platform_admin',
    // a generated password has been printed to the log: it is replaced at first login
    mustChangePassword: !password,
  });
  return { login: finalLogin, generatedPassword: generated };
}

const generatedPassword = () => `Ms-${randomString(6)}-${randomString(6).toUpperCase()}`;

/**
 * The operator's way back in when the platform admin's password is lost (the one printed at the
 * first start scrolled away, say): a new one-time password, to be changed at the next login. The
 * account is unlocked, its sessions end, and the audit log says so. Run from the server's machine
 * (`npm run admin:reset`), never over HTTP.
 */
export async function resetPlatformAdmin(
  deps: AppDeps,
  login?: string,
): Promise<{ login: string; password: string }> {
  const [admin] = await deps.db
    .select({ id: users.id, login: users.login })
    .from(users)
    .where(
      login
        ? and(eq(users.role, 'platform_admin'), eq(users.login, login))
        : eq(users.role, 'platform_admin'),
    )
    .orderBy(asc(users.createdAt))
    .limit(1);
  if (!admin) throw notFound(login ? `平台管理员账号“${login}”` : '平台管理员账号');
  const password = generatedPassword();
  const now = deps.clock.now();
  const writes: BatchItem<'sqlite'>[] = [
    deps.db
      .update(users)
      .set({
        passwordHash: await hashPassword(password, deps.passwordIterations),
        mustChangePassword: true,
        active: true,
        lockedUntil: null,
        failedLogins: 0,
        firstFailedAt: null,
      })
      .where(eq(users.id, admin.id)),
    insertEvent(deps.db, systemActor(null), {
      tenantId: null,
      type: 'user.updated',
      at: now,
      payload: { userId: admin.id, passwordReset: true, unlock: true, sessionsEnded: true, by: 'console' },
    }),
    endSessionsOf(deps.db, admin.id, now),
  ];
  await deps.db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return { login: admin.login, password };
}
