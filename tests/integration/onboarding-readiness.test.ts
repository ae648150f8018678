// 上线准备: a new county's administrator reads what the county still lacks before its first real
// day, each item naming the page that puts it right, and sees it go as each is set up; the units,
// categories and users a county lacks are named so that nothing needs a developer to find.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, type Client, makeTestApp, PASSWORD, type TestApp } from '../fixtures/app';

const SLUG = 'shiqiao';
let t: TestApp;
let root: Client;

beforeEach(async () => {
  t = await makeTestApp();
  root = t.client();
  await root.login(ADMIN.login, ADMIN.password);
});
afterEach(async () => {
  await t.close();
});

const path = (p: string) => `/api/t/${SLUG}${p}`;
async function readiness(c: Client) {
  const r = await c.get(path('/readiness'));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const byKey = Object.fromEntries(
    (r.body.items as Array<{ key: string; ok: boolean; text: string; href: string }>).map((i) => [i.key, i]),
  );
  return { ready: r.body.ready as boolean, byKey };
}
const ok = async (res: Promise<{ status: number; body: any }>) => {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  return r.body;
};

/** An account `by` creates in the county, its password kept (login = name). */
const addUser = (by: Client, login: string, role: string, unitId?: string) =>
  ok(
    by.post(path('/users'), {
      login,
      name: login,
      role,
      unitId,
      password: PASSWORD,
      mustChangePassword: false,
    }),
  );

describe('上线准备', () => {
  it('names what a new county lacks, and each item goes once it is set up', async () => {
    const tenant = await ok(root.post('/api/admin/tenants', { slug: SLUG, name: '石桥县' }));
    await addUser(root, 'sq.admin', 'tenant_admin');
    const admin = t.client();
    await admin.login('sq.admin');

    let r = await readiness(admin);
    expect(r.ready).toBe(false);
    for (const key of ['units', 'dispatcher', 'handlers', 'categories', 'routing', 'holidays'])
      expect(r.byKey[key]!.ok, key).toBe(false);
    expect(r.byKey.units!.href).toBe('/admin/units');
    expect(r.byKey.dispatcher!.text).toContain('尚无启用的信访局工作人员');
    // the clock stands in 2026: the package knows 2026's holidays, not 2027's
    expect(r.byKey.holidays!.text).toContain('2027年全国节假日安排尚未录入');
    expect(r.byKey.templates).toMatchObject({ ok: false, optional: true });

    const town = (await ok(admin.post(path('/units'), { name: '石桥镇', kind: 'township' }))).id;
    const dept = (await ok(admin.post(path('/units'), { name: '县民政局', kind: 'department' }))).id;
    const user = (login: string, role: string, unitId?: string) => addUser(admin, login, role, unitId);
    await user('sq.disp', 'dispatcher', tenant.bureauUnitId);
    await user('sq.h1', 'handler', town);
    const parent = (await ok(admin.post(path('/categories'), { name: '社会保障' }))).id;
    const child = (await ok(admin.post(path('/categories'), { name: '低保救助', parentId: parent }))).id;
    await ok(admin.post(path('/categories'), { name: '城乡建设', routeToTownship: true }));

    r = await readiness(admin);
    expect(r.byKey.units!.ok).toBe(true);
    expect(r.byKey.dispatcher!.ok).toBe(true);
    expect(r.byKey.categories!.ok).toBe(true);
    // the bureau takes no cases: only the department lacks a handler
    expect(r.byKey.handlers).toMatchObject({ ok: false, href: '/admin/users' });
    expect(r.byKey.handlers!.text).toContain('县民政局');
    expect(r.byKey.handlers!.text).not.toContain('石桥镇');
    expect(r.byKey.handlers!.text).not.toContain('信访局');
    // reply review is on by default: a unit with nobody to approve can send no reply
    expect(r.byKey.leaders!.ok).toBe(false);
    expect(r.byKey.leaders!.text).toMatch(/石桥镇.*县民政局|县民政局.*石桥镇/);
    // the grouping category is never chosen itself: only the sub-category lacks a routing map
    expect(r.byKey.routing!.ok).toBe(false);
    expect(r.byKey.routing!.text).toContain('低保救助');
    expect(r.byKey.routing!.text).not.toContain('社会保障');
    expect(r.byKey.routing!.text).not.toContain('城乡建设');

    await user('sq.mz', 'handler', dept);
    await user('sq.l1', 'unit_leader', town);
    await ok(admin.patch(path(`/categories/${child}`), { routeUnitIds: [dept] }));
    r = await readiness(admin);
    expect(r.byKey.handlers!.ok).toBe(true);
    expect(r.byKey.routing!.ok).toBe(true);
    expect(r.byKey.leaders!.text).toContain('县民政局');
    expect(r.byKey.leaders!.text).not.toContain('石桥镇');

    // without reply review nobody need approve: the item is not asked
    const settings = await ok(admin.get(path('/settings')));
    await ok(
      admin.patch(path('/settings'), { version: settings.version, patch: { requireReplyReview: false } }),
    );
    r = await readiness(admin);
    expect(r.byKey.leaders).toBeUndefined();
    // all that is needed is there but next year's holidays, which the platform enters
    expect(
      Object.values(r.byKey)
        .filter((i) => !i.ok && !(i as { optional?: boolean }).optional)
        .map((i) => i.key),
    ).toEqual(['holidays']);

    // a dispatcher's account that is switched off no longer counts
    const accounts = await ok(admin.get(path('/users')));
    const disp = accounts.items.find((u: { login: string }) => u.login === 'sq.disp');
    await ok(admin.patch(path(`/users/${disp.id}`), { active: false }));
    expect((await readiness(admin)).byKey.dispatcher!.ok).toBe(false);
  });

  it('is the administrator’s: staff are refused', async () => {
    await ok(root.post('/api/admin/tenants', { slug: SLUG, name: '石桥县' }));
    const town = (await ok(root.post(path('/units'), { name: '石桥镇', kind: 'township' }))).id;
    await addUser(root, 'sq.h1', 'handler', town);
    const handler = t.client();
    await handler.login('sq.h1');
    expect((await handler.get(path('/readiness'))).status).toBe(403);
  });
});
