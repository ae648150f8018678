// Who is calling: a staff session (cookie) or an integration token (Bearer). Sessions expire after
// 30 idle minutes (等保 practice); last-seen is written at most once a minute to spare the database.
import { eq } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { apiTokens, sessions, tenants, users } from '../../db/schema';
import type { Role } from '../../db/schema/tenancy';
import type { Actor, AppEnv } from '../api/context';
import { AppError } from '../lib/errors';
import { sha256Hex } from '../lib/ids';
import { findToken } from '../repo/tenancy';

export const SESSION_COOKIE = 'ms_session';
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/**
 * However busy, a session ends a day after its login (the cookie's own lifetime): a session id
 * copied off a desk and kept alive by a script must not last for ever.
 */
export const SESSION_MAX_MS = 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

interface SessionActor {
  actor: Actor;
  /** an initial or reset password: the session may only read who it is and change it */
  mustChangePassword: boolean;
}

async function actorFromSession(c: Context<AppEnv>, token: string): Promise<SessionActor | null> {
  const { db, clock } = c.get('deps');
  const id = await sha256Hex(token);
  // One read for the session, its user and the user's county: this runs on every staff request.
  const row = (
    await db
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        revokedAt: sessions.revokedAt,
        id: users.id,
        name: users.name,
        role: users.role,
        tenantId: users.tenantId,
        unitId: users.unitId,
        active: users.active,
        mustChangePassword: users.mustChangePassword,
        tenantActive: tenants.active,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .leftJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(sessions.id, id))
      .limit(1)
  )[0];
  const now = clock.now();
  if (!row || row.revokedAt || now - row.lastSeenAt > SESSION_IDLE_MS || !row.active) return null;
  if (now - row.createdAt > SESSION_MAX_MS) return null;
  // A disabled county ends the sessions already open, not only the next login. A lock does not by
  // itself: what should end the sessions (an administrator's lock, guessing the current password)
  // revokes them, and wrong passwords typed at the login form by anyone must not sign the owner out.
  if (row.tenantActive === false) return null;
  if (now - row.lastSeenAt > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    actor: {
      kind: 'user',
      id: row.id,
      name: row.name,
      role: row.role,
      tenantId: row.tenantId,
      unitId: row.unitId,
      sessionId: id,
    },
    mustChangePassword: row.mustChangePassword,
  };
}

/** What a session that must change its password may still call; the citizen portal is not staff work. */
function allowedBeforePasswordChange(method: string, path: string): boolean {
  if (/^\/api\/(portal\/|t\/[^/]+\/portal(\/|$))/.test(path)) return true;
  return (
    (method === 'GET' && path === '/api/auth/me') ||
    (method === 'POST' && ['/api/auth/password', '/api/auth/logout', '/api/auth/login'].includes(path))
  );
}

async function actorFromToken(c: Context<AppEnv>, token: string): Promise<Actor | null> {
  const { db, clock } = c.get('deps');
  const t = await findToken(db, await sha256Hex(token));
  if (!t || t.revokedAt) return null;
  const now = clock.now();
  if (!t.lastUsedAt || now - t.lastUsedAt > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, t.id));
  }
  return { kind: 'token', id: t.id, name: t.name, role: t.role, tenantId: t.tenantId, unitId: t.unitId };
}

/** Resolves the actor if there is one; never rejects by itself. */
export const loadActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  const auth = c.req.header('authorization');
  let actor: Actor | null = null;
  if (auth?.startsWith('Bearer ')) {
    actor = await actorFromToken(c, auth.slice(7).trim());
    if (!actor) throw new AppError('UNAUTHORIZED', '访问令牌无效或已吊销');
  } else {
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await actorFromSession(c, token) : null;
    if (token && !session) deleteCookie(c, SESSION_COOKIE, { path: '/' });
    if (session?.mustChangePassword && !allowedBeforePasswordChange(c.req.method, c.req.path))
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '请先修改初始密码（或管理员重置的密码）后再继续使用');
    actor = session?.actor ?? null;
  }
  c.set('actor', actor);
  await next();
};

export function currentActor(c: Context<AppEnv>): Actor {
  const a = c.get('actor');
  if (!a) throw new AppError('UNAUTHORIZED', '请先登录，或登录已超时');
  return a;
}

export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  currentActor(c);
  await next();
};

export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const a = currentActor(c);
    if (!roles.includes(a.role as Role)) throw new AppError('FORBIDDEN', '当前角色无权执行此操作');
    await next();
  };
}
