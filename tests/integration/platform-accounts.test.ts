// The platform's own operators: each has an account of their own (等保: one person, one ID), made
// and kept by another platform admin as a county administrator keeps the county's: created with a
// password its owner must replace, reset, locked and unlocked, disabled — every change audited on
// the platform's log, sessions ended where access changed, never the last usable platform admin
// lost, never oneself locked or disabled. A lock on one address shows in the list with its end.
// Counties' administrators cannot reach any of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, as, makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { fromIp } from './portal-helpers';
import { expectError } from './workflow-helpers';

let t: TestApp;
let f: TenantFixture;
beforeEach(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'alpha');
});
afterEach(async () => t.close());

const OPERATOR = { login: 'ops.zhou', password: 'Ops#2026first', name: '周运维' };
const CHOSEN = 'Ops#2026chosen';

const tryLogin = (login: string, password: string) => t.client().post('/api/auth/login', { login, password });

async function root() {
  const c = t.client();
  await c.login(ADMIN.login, ADMIN.password);
  return c;
}

/** root creates the operator, who signs in and chooses their own password */
async function operator() {
  const platform = await root();
  const created = await platform.post('/api/admin/users', OPERATOR);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const c = t.client();
  await c.login(OPERATOR.login, OPERATOR.password);
  const changed = await c.post('/api/auth/password', {
    currentPassword: OPERATOR.password,
    newPassword: CHOSEN,
  });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  return { platform, id: created.body.id as string, client: c };
}

const listed = async (platform: Awaited<ReturnType<typeof root>>, id: string) => {
  const r = await platform.get('/api/admin/users');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items.find((u: { id: string }) => u.id === id);
};

describe('platform admins keep each other’s accounts', () => {
  it('a new operator is a platform admin who must replace the first password, and can then manage counties', async () => {
    const platform = await root();
    const created = await platform.post('/api/admin/users', OPERATOR);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'platform_admin', tenantId: null, mustChangePassword: true });
    expect(JSON.stringify(created.body)).not.toContain(OPERATOR.password);
    const c = t.client();
    await c.login(OPERATOR.login, OPERATOR.password);
    // the administrator's password is not theirs yet: nothing but changing it
    expectError(await c.get('/api/admin/tenants'), 403, 'PASSWORD_CHANGE_REQUIRED');
    await c.post('/api/auth/password', { currentPassword: OPERATOR.password, newPassword: CHOSEN });
    expect((await c.get('/api/admin/tenants')).status).toBe(200);
    // the platform's log says who made whom, and never the password
    const log = await platform.get('/api/admin/audit?category=user');
    expect(log.status, JSON.stringify(log.body)).toBe(200);
    const text = JSON.stringify(log.body);
    expect(text).toContain('user.created');
    expect(text).not.toContain(OPERATOR.password);
  });

  it('a login taken in any case, a weak password or a missing name are refused and create nothing', async () => {
    const platform = await root();
    const before = (await platform.get('/api/admin/users')).body.items.length;
    expectError(
      await platform.post('/api/admin/users', { ...OPERATOR, login: ADMIN.login.toUpperCase() }),
      409,
      'CONFLICT',
    );
    expectError(
      await platform.post('/api/admin/users', { ...OPERATOR, login: 'alpha.admin' }),
      409,
      'CONFLICT',
    );
    expectError(
      await platform.post('/api/admin/users', { ...OPERATOR, password: 'short' }),
      400,
      'VALIDATION',
    );
    expectError(
      await platform.post('/api/admin/users', { login: 'ops.x', password: CHOSEN }),
      400,
      'VALIDATION',
    );
    expect((await platform.get('/api/admin/users')).body.items.length).toBe(before);
    // no role or county to smuggle in: what the body does not take is not used
    const smuggled = await platform.post('/api/admin/users', {
      ...OPERATOR,
      login: 'ops.y',
      role: 'tenant_admin',
      tenantId: f.id,
    });
    expect(smuggled.status).toBe(201);
    expect(smuggled.body).toMatchObject({ role: 'platform_admin', tenantId: null });
  });

  it('a reset ends the operator’s sessions and must be replaced; disabling shuts them out; enabling lets them in', async () => {
    const { platform, id, client } = await operator();
    expect((await client.get('/api/admin/tenants')).status).toBe(200);
    const reset = await platform.patch(`/api/admin/users/${id}`, { password: 'Ops#2026reset' });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body.mustChangePassword).toBe(true);
    expect((await client.get('/api/admin/tenants')).status).toBe(401);
    const again = t.client();
    await again.login(OPERATOR.login, 'Ops#2026reset');
    expect((await platform.patch(`/api/admin/users/${id}`, { active: false })).status).toBe(200);
    expect((await again.get('/api/auth/me')).status).toBe(401);
    expect((await tryLogin(OPERATOR.login, 'Ops#2026reset')).status).toBe(401);
    expect((await platform.patch(`/api/admin/users/${id}`, { active: true })).status).toBe(200);
    expect((await tryLogin(OPERATOR.login, 'Ops#2026reset')).status).toBe(200);
  });

  it('nobody locks or disables themselves, and the last usable platform admin stays', async () => {
    const platform = await root();
    const me = (await platform.get('/api/auth/me')).body.actor.id as string;
    for (const change of [{ active: false }, { lock: true }]) {
      const r = await platform.patch(`/api/admin/users/${me}`, change);
      expectError(r, 409, 'CONFLICT');
      expect(r.body.error.message).toContain('自己');
    }
    // with a second operator root can be locked (by them); then the operator is the last usable one
    const { id, client } = await operator();
    expect((await client.patch(`/api/admin/users/${me}`, { lock: true })).status).toBe(200);
    expect((await tryLogin(ADMIN.login, ADMIN.password)).status).toBe(401);
    // with root locked the operator is the last usable one: disabling them is refused (by anyone)
    const r = await client.patch(`/api/admin/users/${id}`, { active: false });
    expectError(r, 409, 'CONFLICT');
    expect((await client.patch(`/api/admin/users/${me}`, { unlock: true })).status).toBe(200);
    expect((await tryLogin(ADMIN.login, ADMIN.password)).status).toBe(200);
  });

  it('a platform admin has no role or unit to change, and a county’s account is not theirs to reach here', async () => {
    const { platform, id } = await operator();
    expectError(await platform.patch(`/api/admin/users/${id}`, { role: 'dispatcher' }), 400, 'VALIDATION');
    expectError(
      await platform.patch(`/api/admin/users/${f.users.handlerA}`, { name: '改名' }),
      404,
      'NOT_FOUND',
    );
    expectError(await platform.patch('/api/admin/users/nope', { name: '改名' }), 404, 'NOT_FOUND');
  });

  it('five wrong passwords from one address show in the list with the lock’s end, and unlock lifts it', async () => {
    const { platform, id } = await operator();
    expect(await listed(platform, id)).toMatchObject({ locked: false, addressLockedUntil: null });
    for (let i = 0; i < 5; i++)
      expect(
        (
          await fromIp(t, '198.51.100.7', 'POST', '/api/auth/login', {
            login: OPERATOR.login,
            password: 'Wrong#2026pass',
          })
        ).status,
      ).toBe(401);
    const until = t.clock.now() + 15 * 60 * 1000;
    expect(await listed(platform, id)).toMatchObject({ locked: false, addressLockedUntil: until });
    expect((await platform.patch(`/api/admin/users/${id}`, { unlock: true })).status).toBe(200);
    expect(await listed(platform, id)).toMatchObject({ addressLockedUntil: null });
    expect(
      (
        await fromIp(t, '198.51.100.7', 'POST', '/api/auth/login', {
          login: OPERATOR.login,
          password: CHOSEN,
        })
      ).status,
    ).toBe(200);
  });

  it('a county administrator reaches none of it', async () => {
    const admin = await as(t, f, 'admin');
    expectError(await admin.get('/api/admin/users'), 403, 'FORBIDDEN');
    expectError(await admin.post('/api/admin/users', OPERATOR), 403, 'FORBIDDEN');
    const me = (await admin.get('/api/auth/me')).body.actor.id as string;
    expectError(await admin.patch(`/api/admin/users/${me}`, { name: 'x' }), 403, 'FORBIDDEN');
  });
});
