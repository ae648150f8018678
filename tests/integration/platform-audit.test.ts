// The platform's audit log (平台审计日志): the events that belong to no county — the platform admins'
// logins and accounts, failed logins for logins that do not exist, the national holiday schedule, its
// own exports — and the opening, disabling and enabling of counties, newest first, with the county's
// audit log's filters and pages; exportable as CSV (the export logged). Platform admins only: a
// county's administrator reads 403 here, and never finds platform events in their county's log.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  as,
  type Client,
  makeTenant,
  makeTestApp,
  type TenantFixture,
  type TestApp,
} from '../fixtures/app';
import { expectError, expectOk } from './workflow-helpers';

let t: TestApp;
let f: TenantFixture;
let other: TenantFixture;
/** one platform admin's session throughout (a new one would log in, itself an event) */
let root: Client;
let rootId: string;

beforeAll(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'pa');
  other = await makeTenant(t, 'pb');
  root = t.client();
  await root.login(ADMIN.login, ADMIN.password);
  rootId = (await root.get('/api/auth/me')).body.actor.id;
  t.clock.advance(60_000);
  // someone tries a login that does not exist, and a county's account with a wrong password
  await t.client().post('/api/auth/login', { login: 'ghost.user', password: 'Guess#2026pass' });
  await t.client().post('/api/auth/login', { login: 'pa.dispatcher', password: 'Guess#2026pass' });
  t.clock.advance(60_000);
  expectOk(
    await root.req('PUT', '/api/admin/holidays', {
      days: [{ day: '2027-01-01', workday: false, note: '元旦' }],
    }),
  );
  t.clock.advance(60_000);
  expectOk(await root.patch(`/api/admin/tenants/${other.id}`, { active: false }));
  expectOk(await root.patch(`/api/admin/tenants/${other.id}`, { active: true }));
  t.clock.advance(60_000);
  // what migration 0016 records when it renames a platform admin's login equal but for case to another
  await t.deps.db.run(sql`INSERT INTO events (tenant_id, type, actor_role, at, payload)
    VALUES (NULL, 'user.login_renamed', 'system', ${t.clock.now()},
      ${JSON.stringify({ userId: rootId, login: 'Root-2', previousLogin: 'Root', reason: 'case_duplicate' })})`);
});
afterAll(async () => t.close());

const all = async (q: Record<string, string> = {}) => {
  const items: any[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const qs = new URLSearchParams({ ...q, limit: '3', ...(cursor ? { cursor } : {}) });
    const page = expectOk(await root.get(`/api/admin/audit?${qs}`));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return items;
};

describe('the platform audit log', () => {
  it('lists what belongs to no county and the counties opened and closed, newest first, in Chinese', async () => {
    const page = expectOk(await root.get('/api/admin/audit'));
    expect(page.types.map((x: any) => x.prefix)).toEqual(['user.', 'holiday.', 'export.', 'tenant.']);
    const ats = page.items.map((x: any) => x.at);
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    const find = (type: string, extra: (x: any) => boolean = () => true) =>
      page.items.find((x: any) => x.type === type && extra(x));

    expect(find('user.login_failed')).toMatchObject({
      typeLabel: '登录失败',
      actorId: null,
      actorName: null,
      tenantName: null,
      summary: '不存在的登录名“ghost.user”',
    });
    expect(find('user.login')).toMatchObject({
      typeLabel: '登录',
      actorId: rootId,
      actorName: '平台管理员',
      actorRole: 'platform_admin',
    });
    // the first start created the platform admin: the system did, not the account itself
    expect(find('user.created')).toMatchObject({
      typeLabel: '新增账号',
      actorName: '系统',
      actorRole: 'system',
      summary: 'root（平台管理员）',
    });
    expect(find('holiday.set')).toMatchObject({
      typeLabel: '设置节假日',
      actorName: '平台管理员',
      summary: '2027-01-01 放假（元旦）',
    });
    expect(find('tenant.created', (x) => x.tenantName === 'pa县')).toMatchObject({
      typeLabel: '开通县区',
      actorName: '平台管理员',
      summary: 'pa县（pa）',
    });
    expect(find('tenant.disabled')).toMatchObject({ typeLabel: '停用县区', tenantName: 'pb县' });
    expect(find('tenant.enabled')).toMatchObject({ typeLabel: '启用县区', tenantName: 'pb县' });
    // the system renamed it, not the account it names
    expect(find('user.login_renamed')).toMatchObject({
      typeLabel: '登录名自动更改',
      actorId: null,
      actorName: '系统',
      actorRole: 'system',
      summary: '登录名“Root”与更早的账号仅大小写不同，系统升级时改为“Root-2”，请告知本人',
    });

    // nothing of a county's own work: its units, its staff's logins, the wrong password typed for one of them
    const types = new Set(page.items.map((x: any) => x.type));
    expect([...types].every((x) => /^(user|holiday|tenant|export)\./.test(x as string))).toBe(true);
    expect(page.items.some((x: any) => x.type === 'user.login' && x.actorId !== rootId)).toBe(false);
    expect(page.items.filter((x: any) => x.type === 'user.login_failed')).toHaveLength(1);
    expect(page.items.filter((x: any) => x.type === 'user.created')).toHaveLength(1);
  });

  it('pages by cursor without gaps or repeats, and filters by category, person and local days', async () => {
    const everything = expectOk(await root.get('/api/admin/audit?limit=200')).items;
    expect(everything.length).toBeGreaterThan(6);
    expect((await all()).map((x) => x.id)).toEqual(everything.map((x: any) => x.id));

    const counties = await all({ type: 'tenant.' });
    expect(counties.map((x) => x.type).sort()).toEqual([
      'tenant.created',
      'tenant.created',
      'tenant.disabled',
      'tenant.enabled',
    ]);
    expect((await all({ type: 'holiday.' })).map((x) => x.type)).toEqual(['holiday.set']);
    const mine = await all({ actor: rootId });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.actorId === rootId)).toBe(true);
    expect(new Set(mine.map((x) => x.type))).toEqual(
      new Set(['user.login', 'holiday.set', 'tenant.created', 'tenant.disabled', 'tenant.enabled']),
    );

    const today = new Date(t.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await all({ from: today, to: today })).length).toBe(everything.length);
    expect(await all({ from: '2026-01-01', to: '2026-01-31' })).toEqual([]);
  });

  it('is for platform admins only; a county admin reads 403, and bad filters 400, in the one error shape', async () => {
    const admin = await as(t, f, 'admin');
    for (const path of ['/api/admin/audit', '/api/admin/audit/export.csv', '/api/admin/users'])
      expectError(await admin.get(path), 403, 'FORBIDDEN');
    expectError(await (await as(t, f, 'dispatcher')).get('/api/admin/audit'), 403, 'FORBIDDEN');
    expectError(await t.client().get('/api/admin/audit'), 401, 'UNAUTHORIZED');
    // a county's categories are not the platform's
    expectError(await root.get('/api/admin/audit?type=case.'), 400, 'VALIDATION');
    expectError(await root.get('/api/admin/audit?from=2026-02-30'), 400, 'VALIDATION');
    expectError(await root.get('/api/admin/audit?from=2026-05-02&to=2026-05-01'), 400, 'VALIDATION');
    expectError(await root.get('/api/admin/audit?cursor=not-a-cursor'), 400, 'VALIDATION');
  });

  it("a county's log never shows platform events, nor another county's", async () => {
    const admin = await as(t, f, 'admin');
    const items = expectOk(await admin.get('/api/t/pa/audit?limit=200')).items;
    expect(items.some((x: any) => x.type === 'tenant.created')).toBe(true);
    const text = JSON.stringify(items);
    expect(text).not.toContain('ghost.user');
    expect(text).not.toContain('pb县');
    expect(items.some((x: any) => x.type === 'holiday.set' || x.type === 'user.login_renamed')).toBe(false);
    expect(items.some((x: any) => x.actorId === rootId && x.type.startsWith('user.login'))).toBe(false);
    // the wrong password for one of its accounts is the county's
    expect(items.some((x: any) => x.type === 'user.login_failed' && x.actorId === f.users.dispatcher)).toBe(
      true,
    );
  });

  it('exports the same rows as CSV, names the county, and the export is in the platform log only', async () => {
    const rows = (await all({ type: 'tenant.' })).length;
    const res = await t.app.request('/api/admin/audit/export.csv?type=tenant.', {
      headers: { cookie: root.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="platform-audit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('时间,事件,事件类型,操作人,角色,县区,说明');
    expect(lines).toHaveLength(rows + 1);
    expect(text).toMatch(/,停用县区,tenant\.disabled,平台管理员,平台管理员,pb县,pb县（pb）\r\n/);

    const exports = await all({ type: 'export.' });
    expect(exports).toHaveLength(1);
    expect(exports[0]).toMatchObject({ type: 'export.audit', actorId: rootId, typeLabel: '导出审计日志' });
    expect(exports[0].summary).toMatch(/行（CSV）/);
    const county = expectOk(await (await as(t, f, 'admin')).get('/api/t/pa/audit?type=export.')).items;
    expect(county).toEqual([]);
  });

  it('lists the platform admin accounts for the 操作人 filter', async () => {
    const users = expectOk(await root.get('/api/admin/users')).items;
    expect(users.map((u: any) => [u.login, u.role])).toEqual([['root', 'platform_admin']]);
    expect(JSON.stringify(users)).not.toContain('passwordHash');
  });
});
