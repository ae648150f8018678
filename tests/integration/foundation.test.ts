import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, as, makeTenant, makeTestApp, PASSWORD, type TestApp } from '../fixtures/app';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => t.close());

const expectError = (r: { status: number; body: any }, status: number, code: string) => {
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(typeof r.body.error.message).toBe('string');
  expect(r.body.error.requestId).toMatch(/\S+/);
};

describe('the service answers', () => {
  it('health check says ok', async () => {
    const r = await t.client().get('/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true });
  });

  it('an unknown path answers NOT_FOUND in the error shape with a request id header', async () => {
    const r = await t.client().get('/api/nope');
    expectError(r, 404, 'NOT_FOUND');
    expect(r.headers.get('x-request-id')).toBe(r.body.error.requestId);
  });

  it('a body over 12 MB is refused whether its length is declared or streamed', async () => {
    const declared = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(13 * 1024 * 1024) },
      body: '{}',
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as any).error.code).toBe('PAYLOAD_TOO_LARGE');
    const streamed = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([new Uint8Array(13 * 1024 * 1024)]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const bad = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '12abc' },
      body: '{}',
    });
    expect(bad.status).toBe(413);
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas, and a docs page', async () => {
    const r = await t.client().get('/api/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    const login = r.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('login');
    expect(
      r.body.paths['/api/t/{tenant}/units'].post.requestBody.content['application/json'].schema.required,
    ).toContain('kind');
    expect(r.body.paths['/api/admin/tenants'].post).toBeTruthy();
    const docs = await t.client().get('/api/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('民声');
  });
});

describe('staff accounts', () => {
  it('login sets an HttpOnly SameSite session cookie; me and logout work', async () => {
    const c = t.client();
    const r = await c.post('/api/auth/login', { login: ADMIN.login, password: ADMIN.password });
    expect(r.status).toBe(200);
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await c.get('/api/auth/me')).body.actor.role).toBe('platform_admin');
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expectError(await c.get('/api/auth/me'), 401, 'UNAUTHORIZED');
  });

  it('a wrong password is refused without saying whether the login exists', async () => {
    const a = await t.client().post('/api/auth/login', { login: ADMIN.login, password: 'wrong-password' });
    const b = await t.client().post('/api/auth/login', { login: 'nobody', password: 'wrong-password' });
    expectError(a, 401, 'UNAUTHORIZED');
    expect(b.body.error.message).toBe(a.body.error.message);
  });

  it('five failures within 15 minutes lock the account; it opens again after 15 minutes', async () => {
    for (let i = 0; i < 4; i++)
      expectError(
        await t.client().post('/api/auth/login', { login: ADMIN.login, password: 'bad' }),
        401,
        'UNAUTHORIZED',
      );
    const fifth = await t.client().post('/api/auth/login', { login: ADMIN.login, password: 'bad' });
    // the lock answers like any refusal, so it does not tell that the login exists
    expectError(fifth, 401, 'UNAUTHORIZED');
    // even the right password is refused while locked
    expectError(await t.client().post('/api/auth/login', ADMIN), 401, 'UNAUTHORIZED');
    const events = await t.deps.db.query.events.findMany();
    expect(events.map((e) => e.type)).toContain('user.locked');
    t.clock.advance(15 * 60 * 1000 + 1);
    expect((await t.client().post('/api/auth/login', ADMIN)).status).toBe(200);
  });

  it('failures spread over more than 15 minutes do not lock', async () => {
    for (let i = 0; i < 8; i++) {
      await t.client().post('/api/auth/login', { login: ADMIN.login, password: 'bad' });
      t.clock.advance(4 * 60 * 1000);
      if (i % 4 === 3) t.clock.advance(16 * 60 * 1000);
    }
    expect((await t.client().post('/api/auth/login', ADMIN)).status).toBe(200);
  });

  it('an idle session expires after 30 minutes; activity keeps it alive', async () => {
    const c = t.client();
    await c.login(ADMIN.login, ADMIN.password);
    t.clock.advance(25 * 60 * 1000);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    t.clock.advance(25 * 60 * 1000);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    t.clock.advance(31 * 60 * 1000);
    expectError(await c.get('/api/auth/me'), 401, 'UNAUTHORIZED');
  });

  it('passwords are stored as PBKDF2-SHA256 with their iterations and salt', async () => {
    const rows = await t.deps.db.query.users.findMany();
    expect(rows[0]!.passwordHash).toMatch(/^pbkdf2-sha256\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  });
});

describe('tenants and their administration', () => {
  it('the platform admin creates a county with its bureau; a duplicate slug conflicts', async () => {
    const root = t.client();
    await root.login(ADMIN.login, ADMIN.password);
    const r = await root.post('/api/admin/tenants', { slug: 'anxi', name: '安溪县' });
    expect(r.status).toBe(201);
    expect(r.body.bureauUnitId).toBeTruthy();
    expectError(await root.post('/api/admin/tenants', { slug: 'anxi', name: '又一个' }), 409, 'CONFLICT');
    expectError(await root.post('/api/admin/tenants', { slug: 'console', name: '保留' }), 400, 'VALIDATION');
  });

  it('only the platform admin creates tenants', async () => {
    const f = await makeTenant(t, 'alpha');
    const admin = await as(t, f, 'admin');
    expectError(await admin.post('/api/admin/tenants', { slug: 'beta', name: '乙县' }), 403, 'FORBIDDEN');
    expectError(
      await t.client().post('/api/admin/tenants', { slug: 'beta', name: '乙县' }),
      401,
      'UNAUTHORIZED',
    );
  });

  it('the tenant admin manages units and users; a handler cannot', async () => {
    const f = await makeTenant(t, 'alpha');
    const admin = await as(t, f, 'admin');
    const unit = await admin.post('/api/t/alpha/units', { name: '南岭镇', kind: 'township', parentId: null });
    expect(unit.status).toBe(201);
    const sub = await admin.post('/api/t/alpha/units', {
      name: '南岭镇社会事务办',
      kind: 'township',
      parentId: unit.body.id,
    });
    expect(sub.body.parentId).toBe(unit.body.id);
    const user = await admin.post('/api/t/alpha/users', {
      login: 'alpha.newbie',
      password: PASSWORD,
      name: '新人',
      role: 'handler',
      unitId: unit.body.id,
    });
    expect(user.status).toBe(201);
    expect(user.body).not.toHaveProperty('passwordHash');
    const handler = await as(t, f, 'handlerA');
    expectError(
      await handler.post('/api/t/alpha/units', { name: '北岭镇', kind: 'township' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await handler.post('/api/t/alpha/users', {
        login: 'x.y',
        password: PASSWORD,
        name: 'x',
        role: 'dispatcher',
      }),
      403,
      'FORBIDDEN',
    );
  });

  it('a weak password, a handler without a unit and a taken login are refused', async () => {
    const f = await makeTenant(t, 'alpha');
    const admin = await as(t, f, 'admin');
    expectError(
      await admin.post('/api/t/alpha/users', {
        login: 'a.b',
        password: 'short',
        name: 'x',
        role: 'dispatcher',
      }),
      400,
      'VALIDATION',
    );
    expectError(
      await admin.post('/api/t/alpha/users', {
        login: 'a.b',
        password: PASSWORD,
        name: 'x',
        role: 'handler',
      }),
      400,
      'VALIDATION',
    );
    expectError(
      await admin.post('/api/t/alpha/users', {
        login: 'alpha.dispatcher',
        password: PASSWORD,
        name: 'x',
        role: 'dispatcher',
      }),
      409,
      'CONFLICT',
    );
  });

  it('locking a user ends their logins; unlocking restores them; a reset password works', async () => {
    const f = await makeTenant(t, 'alpha');
    const admin = await as(t, f, 'admin');
    await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { lock: true });
    expectError(
      await t.client().post('/api/auth/login', { login: 'alpha.handlerA', password: PASSWORD }),
      401,
      'UNAUTHORIZED',
    );
    await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { unlock: true, password: 'Fresh#2026pass' });
    expect(
      (await t.client().post('/api/auth/login', { login: 'alpha.handlerA', password: 'Fresh#2026pass' }))
        .status,
    ).toBe(200);
  });

  it('an API token works as a Bearer credential until revoked, and is shown only once', async () => {
    const f = await makeTenant(t, 'alpha');
    const admin = await as(t, f, 'admin');
    const tok = await admin.post('/api/t/alpha/tokens', { name: '12345 对接', role: 'dispatcher' });
    expect(tok.status).toBe(201);
    expect(tok.body.token).toMatch(/^mst_/);
    const list = await admin.get('/api/t/alpha/tokens');
    expect(JSON.stringify(list.body)).not.toContain(tok.body.token);
    const bearer = { authorization: `Bearer ${tok.body.token}` };
    expect((await t.client().get('/api/t/alpha/units', bearer)).status).toBe(200);
    await admin.req('DELETE', `/api/t/alpha/tokens/${tok.body.id}`);
    expectError(await t.client().get('/api/t/alpha/units', bearer), 401, 'UNAUTHORIZED');
  });

  it('settings are read with defaults and patched by the admin with compare-and-set', async () => {
    const f = await makeTenant(t, 'alpha');
    const admin = await as(t, f, 'admin');
    const s = await admin.get('/api/t/alpha/settings');
    expect(s.body.settings.timeZone).toBe('Asia/Shanghai');
    const p = await admin.patch('/api/t/alpha/settings', {
      version: s.body.version,
      patch: { branding: { notice: '公告' } },
    });
    expect(p.status).toBe(200);
    expect(p.body.settings.branding.notice).toBe('公告');
    expectError(
      await admin.patch('/api/t/alpha/settings', {
        version: s.body.version,
        patch: { branding: { notice: '旧' } },
      }),
      409,
      'CONFLICT',
    );
  });

  it('every administrative change is an event in the audit log', async () => {
    const f = await makeTenant(t, 'alpha');
    const types = (await t.deps.db.query.events.findMany())
      .filter((e) => e.tenantId === f.id)
      .map((e) => e.type);
    expect(types).toContain('tenant.created');
    expect(types).toContain('unit.created');
    expect(types).toContain('user.created');
    expect(types).toContain('category.created');
  });
});

describe('bad input never reaches the data', () => {
  it('malformed JSON, wrong types and overlong strings answer VALIDATION', async () => {
    const f = await makeTenant(t, 'alpha');
    const admin = await as(t, f, 'admin');
    const bad = await admin.req('POST', '/api/t/alpha/units', '{"name":', {
      'content-type': 'application/json',
    });
    expectError(bad, 400, 'VALIDATION');
    expectError(await admin.post('/api/t/alpha/units', { name: 42, kind: 'township' }), 400, 'VALIDATION');
    const long = await admin.post('/api/t/alpha/units', { name: '长'.repeat(500), kind: 'township' });
    expectError(long, 400, 'VALIDATION');
    expect(long.body.error.details[0].path).toBe('name');
    expectError(await admin.post('/api/t/alpha/units', { name: '某镇', kind: 'village' }), 400, 'VALIDATION');
    const units = await admin.get('/api/t/alpha/units');
    expect(units.body.items.map((u: any) => u.name)).not.toContain('某镇');
  });

  it('an unknown tenant is NOT_FOUND and a missing session is UNAUTHORIZED', async () => {
    const root = t.client();
    await root.login(ADMIN.login, ADMIN.password);
    expectError(await root.get('/api/t/nowhere/units'), 404, 'NOT_FOUND');
    await makeTenant(t, 'alpha');
    expectError(await t.client().get('/api/t/alpha/units'), 401, 'UNAUTHORIZED');
  });

  it('staff of one county cannot even see that another county has units', async () => {
    const a = await makeTenant(t, 'alpha');
    await makeTenant(t, 'beta');
    const admin = await as(t, a, 'admin');
    expectError(await admin.get('/api/t/beta/units'), 404, 'NOT_FOUND');
  });
});
