// The county's audit log (审计日志): every event of the county, newest first, readable and
// exportable by its administrators only; filtered by local days, category and person; paginated
// without gaps or repeats; no phone number in it; another county's events never.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { DAY, desks, expectError, expectOk, register, routeTo, step } from './workflow-helpers';

let t: TestApp;
let f: TenantFixture;
let caseNumber: string;
/** one administrator's desk throughout (a new desk would log in, which is itself an event) */
let admin: ReturnType<typeof desks>['admin'];
beforeAll(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'sj');
  const s = desks(t, f);
  const c = (await register(s.dispatcher)).case;
  caseNumber = c.number;
  const routed = await routeTo(s.dispatcher, c, [[f.units.townA, 'lead']]);
  t.clock.advance(60_000);
  await step(s.handlerA, routed.assignments[0], 'sign');
  expectOk(await s.dispatcher.post(`/cases/${c.id}/reveal`, { field: 'phone' }));
  admin = s.admin;
});
afterAll(async () => t.close());

const all = async (q: Record<string, string> = {}) => {
  const items: any[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = expectOk(await admin.get('/audit', { ...q, limit: '7', cursor }));
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return items;
};

describe('the audit log', () => {
  it("lists the county's events newest first, with who, which case and what, and no phone number", async () => {
    const page = expectOk(await admin.get('/audit'));
    expect(page.types.map((x: any) => x.prefix)).toContain('assignment.');
    const ats = page.items.map((x: any) => x.at);
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    const signed = page.items.find((x: any) => x.type === 'assignment.signed');
    expect(signed).toMatchObject({
      typeLabel: '签收',
      actorId: f.users.handlerA,
      actorName: 'handlerA',
      actorRole: 'handler',
      caseNumber,
      fromState: 'dispatched',
      toState: 'signed',
      summary: '东山镇签收',
    });
    expect(page.items.find((x: any) => x.type === 'case.contact_revealed')).toMatchObject({
      actorName: 'dispatcher',
      summary: '查看完整联系电话',
    });
    expect(
      page.items.find((x: any) => x.type === 'user.created' && x.summary.startsWith('sj.handlerA')),
    ).toMatchObject({
      typeLabel: '新增账号',
      actorName: '管理员',
      summary: 'sj.handlerA（承办人，东山镇）',
    });
    expect(page.items.some((x: any) => x.type === 'user.login' && x.actorName === 'handlerA')).toBe(true);
    expect(JSON.stringify(page)).not.toContain('13800138000');
  });

  it('pages by cursor without gaps or repeats, and filters by category, person and local days', async () => {
    const everything = expectOk(await admin.get('/audit', { limit: '200' })).items;
    const paged = await all();
    expect(paged.map((x) => x.id)).toEqual(everything.map((x: any) => x.id));

    const logins = await all({ type: 'user.' });
    expect(logins.length).toBeGreaterThan(0);
    expect(logins.every((x) => x.type.startsWith('user.'))).toBe(true);
    const handler = await all({ actor: f.users.handlerA });
    expect(new Set(handler.map((x) => x.type))).toEqual(new Set(['user.login', 'assignment.signed']));

    const today = new Date(t.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect((await all({ from: today, to: today })).length).toBe(everything.length);
    const before = new Date(t.clock.now() + 8 * 3_600_000 - 3 * DAY).toISOString().slice(0, 10);
    expect(await all({ from: before, to: before })).toEqual([]);
  });

  it('is for administrators only; bad filters are refused in the one error shape', async () => {
    const s = desks(t, f);
    for (const who of ['dispatcher', 'county', 'handlerA', 'leaderA'] as const)
      expectError(await s[who].get('/audit'), 403, 'FORBIDDEN');
    expectError(await s.dispatcher.get('/audit/export.csv'), 403, 'FORBIDDEN');
    expectError(await admin.get('/audit', { type: 'secret.' }), 400, 'VALIDATION');
    expectError(await admin.get('/audit', { from: '2026-02-30' }), 400, 'VALIDATION');
    expectError(await admin.get('/audit', { from: '2026-05-02', to: '2026-05-01' }), 400, 'VALIDATION');
    expectError(await admin.get('/audit', { cursor: 'not-a-cursor' }), 400, 'VALIDATION');
  });

  it("never shows another county's events", async () => {
    const other = await makeTenant(t, 'sj2');
    const theirs = await desks(t, other).admin.get('/audit', { limit: '200' });
    const items = expectOk(theirs).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((x: any) => x.caseNumber === caseNumber || x.actorId === f.users.handlerA)).toBe(false);
    expect(JSON.stringify(items)).not.toContain('sj.handlerA');
    expect(JSON.stringify(items)).toContain('sj2.handlerA');
  });

  it('exports the same rows as CSV with Chinese headers and a BOM', async () => {
    const rows = (await all({ type: 'assignment.' })).length;
    const { res, bytes, text } = await admin.download('/audit/export.csv?type=assignment.');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="audit-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.startsWith('时间,事件,事件类型,操作人,角色,案件编号,原状态,新状态,说明')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(rows + 1);
    // states and roles named as the console names them
    expect(text).toMatch(/,签收,assignment\.signed,handlerA,承办人,\d{4}-\d{6},待签收,已签收,东山镇签收\r\n/);
  });

  it('taking data out is itself logged: the audit export, a bulletin export, a statistics rebuild', async () => {
    await admin.download('/audit/export.csv?type=case.');
    const s = desks(t, f);
    const draft = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-03' }), 201);
    expect((await s.dispatcher.download(`/bulletins/${draft.id}/export.xlsx`)).res.status).toBe(200);
    expect((await s.dispatcher.download(`/bulletins/${draft.id}/export.csv`)).res.status).toBe(200);
    expectOk(await admin.post('/stats/rebuild', {}));
    const items = await all({ type: 'export.' });
    expect(items.map((x) => x.type).sort()).toEqual(
      expect.arrayContaining(['export.audit', 'export.bulletin', 'export.bulletin']),
    );
    expect(items.find((x) => x.type === 'export.audit').summary).toMatch(/行（CSV）/);
    expect(items.filter((x) => x.type === 'export.bulletin').map((x) => x.summary)).toEqual(
      expect.arrayContaining(['2026-03 工作通报（Excel）', '2026-03 工作通报（CSV）']),
    );
    expect((await all({ type: 'stats.' })).map((x) => x.type)).toEqual(['stats.rebuilt']);
  });
});
