import { type Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import type { AppEnv } from '../api/context';
import { currentActor, SESSION_COOKIE, SESSION_IDLE_MS, SESSION_MAX_MS } from '../middleware/auth';
import { describe, valid } from '../lib/openapi';
import { findUserById } from '../repo/tenancy';
import { changePassword, login, logout } from '../services/auth';
import { publicUser } from '../services/tenancy';
import { clientKey } from './portal';
import { Login, Password } from './schemas';
import { tenants } from '../../db/schema';
import { eq } from 'drizzle-orm';

/**
 * The request reached us over HTTPS: directly, or through a reverse proxy the operator trusts
 * (TRUST_PROXY) that says so. Then the cookie is Secure even where SECURE_COOKIES was forgotten.
 */
function cameOverHttps(c: Context<AppEnv>): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return c.get('deps').trustProxy === true && proto === 'https';
}

export const authRoutes = new Hono<AppEnv>()
  .post(
    '/login',
    describe({ summary: '员工登录（设置会话 Cookie）', tags: ['账号'], public: true }),
    valid('json', v.object({ login: Login, password: Password })),
    async (c) => {
      const deps = c.get('deps');
      const input = c.req.valid('json');
      const { token, user } = await login(deps, {
        ...input,
        userAgent: c.req.header('user-agent'),
        clientKey: clientKey(c),
      });
      // The session this browser held before (another official at a shared desk, or one planted
      // in it) ends: its cookie is replaced, and it must not live on for whoever copied it.
      const before = c.get('actor')?.sessionId;
      if (before) await logout(deps.db, before, deps.clock.now());
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: deps.secureCookies || cameOverHttps(c),
        path: '/',
        maxAge: SESSION_MAX_MS / 1000,
      });
      const tenant = user.tenantId
        ? (await deps.db.select().from(tenants).where(eq(tenants.id, user.tenantId)).limit(1))[0]
        : null;
      return c.json({
        user: publicUser(user, deps.clock.now()),
        tenant: tenant ? { id: tenant.id, slug: tenant.slug, name: tenant.name } : null,
      });
    },
  )
  .post('/logout', describe({ summary: '退出登录', tags: ['账号'] }), async (c) => {
    const actor = c.get('actor');
    if (actor?.sessionId) await logout(c.get('deps').db, actor.sessionId, c.get('deps').clock.now());
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  })
  .post(
    '/password',
    describe({
      summary: '修改本人密码（须输入当前密码；其他设备上的登录随之退出，本次登录保留）',
      tags: ['账号'],
    }),
    valid('json', v.object({ currentPassword: Password, newPassword: Password })),
    async (c) => {
      const { clock } = c.get('deps');
      const user = await changePassword(c.get('deps'), currentActor(c), c.req.valid('json'));
      return c.json({ ok: true, user: publicUser(user, clock.now()) });
    },
  )
  .get('/me', describe({ summary: '当前登录用户', tags: ['账号'] }), async (c) => {
    const actor = currentActor(c);
    const { db, clock } = c.get('deps');
    const user = actor.kind === 'user' ? await findUserById(db, actor.id) : null;
    const tenant = actor.tenantId
      ? (await db.select().from(tenants).where(eq(tenants.id, actor.tenantId)).limit(1))[0]
      : null;
    return c.json({
      actor: {
        kind: actor.kind,
        id: actor.id,
        name: actor.name,
        role: actor.role,
        tenantId: actor.tenantId,
        unitId: actor.unitId,
      },
      user: user ? publicUser(user, clock.now()) : null,
      tenant: tenant ? { id: tenant.id, slug: tenant.slug, name: tenant.name } : null,
      sessionIdleSeconds: SESSION_IDLE_MS / 1000,
    });
  });
