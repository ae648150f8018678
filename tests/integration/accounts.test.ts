// Staff accounts as a county's administrator and its staff live them: what ends a session that is
// already open, the password a user chose themselves, logins that say nothing about who exists,
// logins that differ only by case, the county's last administrator, and counties that are not
// (or no longer) open to citizens.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  as,
  type Client,
  makeTenant,
  makeTestApp,
  PASSWORD,
  type Res,
  type TenantFixture,
  type TestApp,
} from '../fixtures/app';
import { fromIp } from './portal-helpers';
import { phoneCase } from './workflow-helpers';

let t: TestApp;
let f: TenantFixture;
beforeEach(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'alpha');
});
afterEach(async () => t.close());

const NEW_PASSWORD = 'Chosen#2026mine';

function expectError(r: Res, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message).toMatch(/\S/);
  expect(r.body.error.requestId).toMatch(/\S/);
}

async function root() {
  const c = t.client();
  await c.login(ADMIN.login, ADMIN.password);
  return c;
}

async function eventsOfType(type: string) {
  return (await t.deps.db.query.events.findMany()).filter((e) => e.type === type);
}

/** A case routed to 东山镇 (townA): the assignment its handler would sign. */
async function assignmentForTownA() {
  const dispatcher = await as(t, f, 'dispatcher');
  const created = await dispatcher.post('/api/t/alpha/cases', phoneCase());
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const routed = await dispatcher.post(`/api/t/alpha/cases/${created.body.case.id}/route`, {
    version: created.body.case.version,
    units: [{ unitId: f.units.townA, role: 'lead' }],
    instructions: '请按程序办理',
  });
  expect(routed.status, JSON.stringify(routed.body)).toBe(200);
  const a = routed.body.assignments[0];
  return { id: a.id as string, version: a.version as number };
}

describe('an administrator’s change to an account ends its open sessions', () => {
  it('a locked handler’s open session stops working at once: no counts, no moves', async () => {
    const handler = await as(t, f, 'handlerA');
    const a = await assignmentForTownA();
    expect((await handler.get('/api/t/alpha/inbox/counts')).status).toBe(200);
    const admin = await as(t, f, 'admin');
    expect((await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { lock: true })).status).toBe(200);
    expectError(await handler.get('/api/t/alpha/inbox/counts'), 401, 'UNAUTHORIZED');
    expectError(
      await handler.post(`/api/t/alpha/assignments/${a.id}/sign`, { version: a.version }),
      401,
      'UNAUTHORIZED',
    );
    const [updated] = (await eventsOfType('user.updated')).filter(
      (e) => e.payload?.userId === f.users.handlerA,
    );
    expect(updated?.payload).toMatchObject({ lock: true, sessionsEnded: true });
  });

  it('five wrong passwords typed elsewhere lock new logins but leave the open session be', async () => {
    const handler = await as(t, f, 'handlerA');
    // anyone who knows the login name can type them: ending the session would let them sign the
    // official out at will (tests/integration/security-sessions.test.ts)
    for (let i = 0; i < 5; i++)
      await t.client().post('/api/auth/login', { login: 'alpha.handlerA', password: 'Wrong#2026pass' });
    expect((await handler.get('/api/t/alpha/inbox/counts')).status).toBe(200);
  });

  it.each([
    ['deactivated', () => ({ active: false })],
    ['given a new password', () => ({ password: 'Reset#2026pass' })],
    ['moved to another unit', () => ({ unitId: f.units.townB })],
    ['given another role', () => ({ role: 'unit_leader' })],
  ])('a handler %s is signed out everywhere', async (_what, change) => {
    const body = change();
    const handler = await as(t, f, 'handlerA');
    expect((await handler.get('/api/t/alpha/inbox/counts')).status).toBe(200);
    const admin = await as(t, f, 'admin');
    const r = await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expectError(await handler.get('/api/t/alpha/inbox/counts'), 401, 'UNAUTHORIZED');
  });

  it('renaming a user, or saving the same role and unit again, keeps their session', async () => {
    const handler = await as(t, f, 'handlerA');
    const admin = await as(t, f, 'admin');
    const r = await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, {
      name: '王春和',
      role: 'handler',
      unitId: f.units.townA,
      active: true,
    });
    expect(r.status).toBe(200);
    expect((await handler.get('/api/t/alpha/inbox/counts')).status).toBe(200);
  });
});

describe('an account locked at one address, as its administrator sees it', () => {
  const DESK = '198.51.100.20';
  const HOME = '203.0.113.9';
  const QUARTER = 15 * 60 * 1000;
  const attempt = (ip: string, password = PASSWORD) =>
    fromIp(t, ip, 'POST', '/api/auth/login', { login: 'alpha.handlerA', password });
  const listed = async () => {
    const admin = await as(t, f, 'admin');
    const r = await admin.get('/api/t/alpha/users');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return {
      text: JSON.stringify(r.body),
      row: r.body.items.find((u: { id: string }) => u.id === f.users.handlerA),
    };
  };

  it('five wrong passwords at the official’s own desk show in the list with the lock’s end, and unlock lifts it', async () => {
    expect((await listed()).row).toMatchObject({ locked: false, addressLockedUntil: null });
    for (let i = 0; i < 5; i++) expect((await attempt(DESK, 'Wrong#2026pass')).status).toBe(401);
    const fromDesk = t.clock.now() + QUARTER;
    t.clock.advance(60 * 1000);
    for (let i = 0; i < 5; i++) expect((await attempt(HOME, 'Wrong#2026pass')).status).toBe(401);
    const fromHome = t.clock.now() + QUARTER;
    expect(fromHome).toBeGreaterThan(fromDesk);
    const { text, row } = await listed();
    // the account is not locked everywhere, but it is somewhere: the latest such lock, never where
    expect(row).toMatchObject({ locked: false, lockedUntil: null, addressLockedUntil: fromHome });
    expect(text).not.toContain(DESK);
    expect(text).not.toContain(HOME);
    // nobody else is shown locked
    for (const u of JSON.parse(text).items)
      if (u.id !== f.users.handlerA) expect(u.addressLockedUntil).toBeNull();
    expect((await attempt(DESK)).status).toBe(401);
    const admin = await as(t, f, 'admin');
    expect((await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { unlock: true })).status).toBe(200);
    expect((await listed()).row).toMatchObject({ locked: false, addressLockedUntil: null });
    expect((await attempt(DESK)).status).toBe(200);
  });

  it('nothing is shown once the lock has lapsed, nor for fewer than five wrong passwords', async () => {
    for (let i = 0; i < 4; i++) await attempt(HOME, 'Wrong#2026pass');
    expect((await listed()).row.addressLockedUntil).toBeNull();
    for (let i = 0; i < 5; i++) await attempt(DESK, 'Wrong#2026pass');
    const until = t.clock.now() + QUARTER;
    t.clock.advance(QUARTER - 1);
    expect((await listed()).row.addressLockedUntil).toBe(until);
    t.clock.advance(1);
    expect((await listed()).row.addressLockedUntil).toBeNull();
    expect((await attempt(DESK)).status).toBe(200);
  });
});

describe('a user’s own password', () => {
  async function newUser(login: string, extra: Record<string, unknown> = {}) {
    const admin = await as(t, f, 'admin');
    const r = await admin.post('/api/t/alpha/users', {
      login,
      password: PASSWORD,
      name: '新同事',
      role: 'handler',
      unitId: f.units.townA,
      ...extra,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; mustChangePassword: boolean };
  }

  it('a new account must replace the password its administrator chose before doing anything else', async () => {
    const created = await newUser('alpha.newbie');
    expect(created.mustChangePassword).toBe(true);
    const c = t.client();
    const logged = await c.login('alpha.newbie');
    expect(logged.user.mustChangePassword).toBe(true);
    // who am I: yes; anything else: refused with a code the console acts on
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.mustChangePassword).toBe(true);
    const refused = await c.get('/api/t/alpha/inbox/counts');
    expectError(refused, 403, 'PASSWORD_CHANGE_REQUIRED');
    expect(refused.body.error.message).toContain('修改');
    expectError(await c.get('/api/t/alpha/units'), 403, 'PASSWORD_CHANGE_REQUIRED');
    // the citizen portal is not staff work: it stays open to the same browser
    expect((await c.get('/api/t/alpha/portal/info')).status).toBe(200);

    const changed = await c.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect((await c.get('/api/t/alpha/inbox/counts')).status).toBe(200);
    expect(
      (await t.client().post('/api/auth/login', { login: 'alpha.newbie', password: PASSWORD })).status,
    ).toBe(401);
    expect(
      (await t.client().post('/api/auth/login', { login: 'alpha.newbie', password: NEW_PASSWORD })).status,
    ).toBe(200);
  });

  it('while the change is pending the user can still log out', async () => {
    await newUser('alpha.newbie');
    const c = t.client();
    await c.login('alpha.newbie');
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expectError(await c.get('/api/auth/me'), 401, 'UNAUTHORIZED');
  });

  it('a password reset by the administrator must be replaced at the next login', async () => {
    const admin = await as(t, f, 'admin');
    await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { password: 'Reset#2026pass' });
    const c = t.client();
    await c.login('alpha.handlerA', 'Reset#2026pass');
    expectError(await c.get('/api/t/alpha/inbox/counts'), 403, 'PASSWORD_CHANGE_REQUIRED');
    await c.post('/api/auth/password', { currentPassword: 'Reset#2026pass', newPassword: NEW_PASSWORD });
    expect((await c.get('/api/t/alpha/inbox/counts')).status).toBe(200);
  });

  it('an account the administrator marks as not needing a change works at once', async () => {
    await newUser('alpha.kept', { mustChangePassword: false });
    const c = t.client();
    await c.login('alpha.kept');
    expect((await c.get('/api/t/alpha/inbox/counts')).status).toBe(200);
  });

  it('a wrong current password, a weak new one or the same one again are refused and change nothing', async () => {
    const c = await as(t, f, 'handlerA');
    const wrong = await c.post('/api/auth/password', {
      currentPassword: 'Wrong#2026pass',
      newPassword: NEW_PASSWORD,
    });
    expectError(wrong, 400, 'VALIDATION');
    expect(wrong.body.error.details[0].path).toBe('currentPassword');
    const weak = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'password' });
    expectError(weak, 400, 'VALIDATION');
    expect(weak.body.error.details[0].path).toBe('newPassword');
    const same = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expectError(same, 400, 'VALIDATION');
    expect(same.body.error.message).toContain('相同');
    expectError(await c.post('/api/auth/password', { currentPassword: PASSWORD }), 400, 'VALIDATION');
    expect(
      (await t.client().post('/api/auth/login', { login: 'alpha.handlerA', password: PASSWORD })).status,
    ).toBe(200);
  });

  it('other sessions of the user end, the one that changed it stays; the change is audited without the password', async () => {
    const here = await as(t, f, 'handlerA');
    const elsewhere = await as(t, f, 'handlerA');
    const r = await here.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(r.status).toBe(200);
    expect((await here.get('/api/t/alpha/inbox/counts')).status).toBe(200);
    expectError(await elsewhere.get('/api/t/alpha/inbox/counts'), 401, 'UNAUTHORIZED');
    const [event] = await eventsOfType('user.password_changed');
    expect(event).toMatchObject({ tenantId: f.id, actorId: f.users.handlerA });
    expect(JSON.stringify(event)).not.toContain(NEW_PASSWORD);
    expect(JSON.stringify(event)).not.toContain(PASSWORD);
    const admin = await as(t, f, 'admin');
    const audit = await admin.get('/api/t/alpha/audit?type=user.');
    expect(audit.body.items.map((i: { typeLabel: string }) => i.typeLabel)).toContain('修改密码');
  });

  it('guessing the current password counts like failed logins: the fifth locks the account and ends the session', async () => {
    const c = await as(t, f, 'handlerA');
    const guess = () =>
      c.post('/api/auth/password', { currentPassword: 'Guess#2026pass', newPassword: NEW_PASSWORD });
    for (let i = 0; i < 4; i++) expectError(await guess(), 400, 'VALIDATION');
    const fifth = await guess();
    expectError(fifth, 429, 'RATE_LIMITED');
    expectError(await c.get('/api/auth/me'), 401, 'UNAUTHORIZED');
    expectError(
      await t.client().post('/api/auth/login', { login: 'alpha.handlerA', password: PASSWORD }),
      401,
      'UNAUTHORIZED',
    );
    expect((await eventsOfType('user.locked')).map((e) => e.payload?.during)).toEqual(['password_change']);
  });

  it('a bearer token has no password to change', async () => {
    const admin = await as(t, f, 'admin');
    const tok = await admin.post('/api/t/alpha/tokens', { name: '12345 对接', role: 'dispatcher' });
    const r = await t
      .client()
      .post(
        '/api/auth/password',
        { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        { authorization: `Bearer ${tok.body.token}` },
      );
    expectError(r, 403, 'FORBIDDEN');
  });
});

describe('the login form tells nobody which logins exist', () => {
  it('a locked account answers exactly like an unknown login, even with the right password', async () => {
    const admin = await as(t, f, 'admin');
    await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { lock: true });
    const locked = await t.client().post('/api/auth/login', { login: 'alpha.handlerA', password: PASSWORD });
    const unknown = await t.client().post('/api/auth/login', { login: 'alpha.nobody', password: PASSWORD });
    const wrong = await t.client().post('/api/auth/login', { login: 'alpha.dispatcher', password: 'x' });
    expectError(locked, 401, 'UNAUTHORIZED');
    expect([locked.status, locked.body.error.message]).toEqual([unknown.status, unknown.body.error.message]);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(locked.headers.get('retry-after')).toBeNull();
    // the attempt on the locked account is still on record
    expect(
      (await eventsOfType('user.login_failed')).some(
        (e) => e.payload?.userId === f.users.handlerA && e.payload?.whileLocked,
      ),
    ).toBe(true);
  });

  it('a failed login for an unknown account is recorded, with the login typed and never the password', async () => {
    await t.client().post('/api/auth/login', { login: 'ghost.user', password: 'Secret#2026typed' });
    const failed = (await eventsOfType('user.login_failed')).filter((e) => e.payload?.login === 'ghost.user');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.payload).toMatchObject({ unknownLogin: true });
    expect(JSON.stringify(failed[0])).not.toContain('Secret#2026typed');
  });
});

describe('logins are one regardless of case', () => {
  it('a login that differs from another only by case cannot be created or given', async () => {
    const admin = await as(t, f, 'admin');
    const dup = await admin.post('/api/t/alpha/users', {
      login: 'ALPHA.DISPATCHER',
      password: PASSWORD,
      name: '重名',
      role: 'dispatcher',
      unitId: f.units.bureau,
    });
    expectError(dup, 409, 'CONFLICT');
    expectError(
      await admin.patch(`/api/t/alpha/users/${f.users.handlerB}`, { login: 'Alpha.HandlerA' }),
      409,
      'CONFLICT',
    );
    const renamed = await admin.patch(`/api/t/alpha/users/${f.users.handlerB}`, { login: 'alpha.xishui' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.login).toBe('alpha.xishui');
    // a user may change the case of their own login
    const recased = await admin.patch(`/api/t/alpha/users/${f.users.handlerB}`, { login: 'Alpha.XiShui' });
    expect(recased.status).toBe(200);
  });

  it('two administrators creating one login in two cases at the same moment: one account, the other reads 409', async () => {
    const [first, second] = await Promise.all([as(t, f, 'admin'), root()]);
    const body = (login: string) => ({
      login,
      password: PASSWORD,
      name: '张三',
      role: 'dispatcher',
      unitId: f.units.bureau,
    });
    // both pass the service's check before either writes: the database decides
    const answers = await Promise.all([
      first.post('/api/t/alpha/users', body('Zhang.San')),
      second.post('/api/t/alpha/users', body('zhang.san')),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    expectError(refused, 409, 'CONFLICT');
    expect(Object.keys(refused.body)).toEqual(['error']);
    expect(refused.body.error.message).toContain('登录名已被使用');
    const rows = (await t.deps.db.query.users.findMany()).filter(
      (u) => u.login.toLowerCase() === 'zhang.san',
    );
    expect(rows).toHaveLength(1);
    expect(
      (await eventsOfType('user.created')).filter((e) => e.payload?.login === rows[0]!.login),
    ).toHaveLength(1);
  });

  it('two accounts renamed to one login in two cases at the same moment: one keeps it, the other reads 409', async () => {
    const admin = await as(t, f, 'admin');
    const answers = await Promise.all([
      admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { login: 'Li.Si' }),
      admin.patch(`/api/t/alpha/users/${f.users.handlerB}`, { login: 'li.si' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expectError(answers.find((r) => r.status === 409)!, 409, 'CONFLICT');
    const rows = (await t.deps.db.query.users.findMany()).filter((u) => u.login.toLowerCase() === 'li.si');
    expect(rows).toHaveLength(1);
  });

  it('the login form takes the login in any case', async () => {
    const c = t.client();
    const r = await c.login('ALPHA.HANDLERA');
    expect(r.user.id).toBe(f.users.handlerA);
  });
});

describe('a county always keeps an administrator', () => {
  it('an administrator cannot deactivate, lock or demote themselves', async () => {
    const admin = await as(t, f, 'admin');
    const me = (await admin.get('/api/auth/me')).body.actor.id as string;
    for (const change of [
      { active: false },
      { role: 'dispatcher', unitId: f.units.bureau },
      { lock: true },
    ]) {
      const r = await admin.patch(`/api/t/alpha/users/${me}`, change);
      expectError(r, 409, 'CONFLICT');
      expect(r.body.error.message).toContain('自己');
    }
    // saving their own name with the same role is fine
    expect(
      (await admin.patch(`/api/t/alpha/users/${me}`, { name: '陈管理', role: 'tenant_admin' })).status,
    ).toBe(200);
    expect((await admin.get('/api/t/alpha/units')).status).toBe(200);
  });

  it('the last active administrator cannot be deactivated or demoted, a second one makes it possible', async () => {
    const platform = await root();
    const me = (await (await as(t, f, 'admin')).get('/api/auth/me')).body.actor.id as string;
    const last = await platform.patch(`/api/t/alpha/users/${me}`, { active: false });
    expectError(last, 409, 'CONFLICT');
    expect(last.body.error.message).toContain('最后');
    expectError(await platform.patch(`/api/t/alpha/users/${me}`, { role: 'county_leader' }), 409, 'CONFLICT');
    const second = await platform.post('/api/t/alpha/users', {
      login: 'alpha.admin2',
      password: PASSWORD,
      name: '第二管理员',
      role: 'tenant_admin',
    });
    expect(second.status).toBe(201);
    expect((await platform.patch(`/api/t/alpha/users/${me}`, { active: false })).status).toBe(200);
  });
});

describe('counties that are not open to citizens', () => {
  it('a slug must start with a letter and not end with a hyphen', async () => {
    const platform = await root();
    for (const slug of ['-bad-', 'bad-', '1county', 'Qinghe', 'a', 'qing_he'])
      expectError(await platform.post('/api/admin/tenants', { slug, name: '某县' }), 400, 'VALIDATION');
    expect((await platform.post('/api/admin/tenants', { slug: 'qing-he2', name: '青河县' })).status).toBe(
      201,
    );
  });

  it('a new county is listed for citizens only once it has a category and someone to route cases', async () => {
    const platform = await root();
    const listed = async () =>
      ((await t.client().get('/api/portal/tenants')).body.items as { slug: string }[]).map((x) => x.slug);
    const created = await platform.post('/api/admin/tenants', { slug: 'baishi', name: '白石县' });
    expect(created.status).toBe(201);
    expect(await listed()).toEqual(['alpha']);
    const row = async () =>
      (await platform.get('/api/admin/tenants')).body.items.find(
        (x: { slug: string }) => x.slug === 'baishi',
      );
    expect(await row()).toMatchObject({ active: true, listed: false });
    expect((await row()).missing).toHaveLength(2);
    // the front page lists the same counties
    expect(String((await t.client().get('/')).body)).not.toContain('白石县');

    await platform.post('/api/t/baishi/categories', { name: '城乡建设' });
    expect(await listed()).toEqual(['alpha']);
    await platform.post('/api/t/baishi/users', {
      login: 'baishi.dispatcher',
      password: PASSWORD,
      name: '调度员',
      role: 'dispatcher',
      unitId: created.body.bureauUnitId,
    });
    expect(await listed()).toEqual(['alpha', 'baishi']);
    expect(await row()).toMatchObject({ listed: true, missing: [] });
  });

  it('a disabled county disappears: no listing, portal and API answer 404, its staff cannot log in; enabling restores it', async () => {
    const platform = await root();
    const dispatcher = await as(t, f, 'dispatcher');
    expect((await dispatcher.get('/api/t/alpha/units')).status).toBe(200);

    const off = await platform.patch(`/api/admin/tenants/${f.id}`, { active: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ active: false, listed: false });
    expect((await t.client().get('/api/portal/tenants')).body.items).toEqual([]);
    expectError(await t.client().get('/api/t/alpha/portal/info'), 404, 'NOT_FOUND');
    expectError(await t.client().post('/api/t/alpha/portal/cases', { kind: 'petition' }), 404, 'NOT_FOUND');
    expectError(await platform.get('/api/t/alpha/units'), 404, 'NOT_FOUND');
    // the open session ended, and a new login says why
    expectError(await dispatcher.get('/api/auth/me'), 401, 'UNAUTHORIZED');
    const login = await t.client().post('/api/auth/login', { login: 'alpha.dispatcher', password: PASSWORD });
    expectError(login, 403, 'FORBIDDEN');
    expect(login.body.error.message).toContain('停用');
    // a wrong password still reads like any other refusal
    const wrong = await t.client().post('/api/auth/login', { login: 'alpha.dispatcher', password: 'x' });
    expectError(wrong, 401, 'UNAUTHORIZED');

    const on = await platform.patch(`/api/admin/tenants/${f.id}`, { active: true });
    expect(on.body).toMatchObject({ active: true, listed: true });
    expect((await t.client().get('/api/t/alpha/portal/info')).status).toBe(200);
    const again: Client = await as(t, f, 'dispatcher');
    expect((await again.get('/api/t/alpha/units')).status).toBe(200);
    expect((await eventsOfType('tenant.disabled')).map((e) => e.tenantId)).toEqual([f.id]);
    expect((await eventsOfType('tenant.enabled')).map((e) => e.tenantId)).toEqual([f.id]);
  });

  it('only the platform admin disables a county, and an unknown county is NOT_FOUND', async () => {
    const admin = await as(t, f, 'admin');
    expectError(await admin.patch(`/api/admin/tenants/${f.id}`, { active: false }), 403, 'FORBIDDEN');
    const platform = await root();
    expectError(await platform.patch('/api/admin/tenants/nope', { active: false }), 404, 'NOT_FOUND');
    expectError(await platform.patch(`/api/admin/tenants/${f.id}`, { active: 'no' }), 400, 'VALIDATION');
  });
});
