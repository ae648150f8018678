// First start: the platform admin account, so someone can log in at all.
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { AppDeps } from '../api/context';
import { randomString } from '../lib/ids';
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
  const generated = password ? undefined : `Ms-${randomString(6)}-${randomString(6).toUpperCase()}`;
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
