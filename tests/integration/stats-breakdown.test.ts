// GET /stats/breakdown, the dashboard's hot spots: volume by channel and by top-level category, the
// twelve months ending with the period, and today's lights by unit. Volume is the bulletin's (and
// /stats') received: assignments, a case routed to two units counted for each, returned ones not.
// Another county's cases never show, and a unit's staff see their own unit only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { caseLine, importLines, stats } from './stats-helpers';
import {
  type Desk,
  type Desks,
  desks,
  expectError,
  expectOk,
  register,
  routeTo,
  sh,
  step,
} from './workflow-helpers';

let t: TestApp;
let f: TenantFixture;
let s: Desks;
let other: TenantFixture;
let o: Desks;
let labourId = '';
let propertyId = '';

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

async function breakdown(d: Desk, query: Record<string, string> = MARCH) {
  return expectOk(await d.get('/stats/breakdown', query));
}

beforeAll(async () => {
  t = await makeTestApp({ now: sh(2026, 3, 20, 9) });
  f = await makeTenant(t, 'bda');
  s = desks(t, f);
  other = await makeTenant(t, 'bdb');
  o = desks(t, other);

  // 城乡建设 (the fixture's) with a sub-category, and a second top-level category
  propertyId = expectOk(
    await s.admin.post('/categories', { name: '物业管理', parentId: f.categoryId }),
    201,
  ).id;
  labourId = expectOk(await s.admin.post('/categories', { name: '劳动和社会保障' }), 201).id;

  // History, imported: one case a year ago (outside the twelve months), one eleven months ago,
  // two in January (one of them closed and rated), one in February; all at 东山镇.
  await importLines(s.dispatcher, [
    caseLine('H-1', '2025-03', 1, '东山镇'),
    caseLine('H-2', '2025-04', 1, '东山镇'),
    caseLine('H-3', '2026-01', 1, '东山镇'),
    caseLine('H-4', '2026-01', 2, '东山镇', 'satisfied'),
    caseLine('H-5', '2026-02', 1, '东山镇'),
  ]);

  // March, live, on the 20th:
  // a phone call on 物业管理 routed to 东山镇 (lead) and 县教育局 (co): two assignments
  const c1 = await register(s.dispatcher, { channel: 'phone', categoryId: propertyId });
  const r1 = await routeTo(s.dispatcher, c1.case, [
    [f.units.townA, 'lead'],
    [f.units.deptA, 'co'],
  ]);
  const town1 = r1.assignments.find((a: { unitId: string }) => a.unitId === f.units.townA);
  await step(s.handlerA, town1, 'sign');
  // a letter on 劳动和社会保障 to 西水乡
  const c2 = await register(s.dispatcher, {
    channel: 'letter',
    categoryId: labourId,
    petitioner: { name: '高翠兰', phone: '13900002222' },
  });
  await routeTo(s.dispatcher, c2.case, [[f.units.townB, 'lead']]);
  // a visit, misrouted to 东山镇 and returned: not received by anyone
  const c3 = await register(s.dispatcher, {
    channel: 'visit',
    petitioner: { name: '韩立新', phone: '13900003333' },
  });
  const r3 = await routeTo(s.dispatcher, c3.case, [[f.units.townA, 'lead']]);
  const back = await step(s.handlerA, r3.assignments[0], 'return', { reason: '不属于本镇职责' });
  await step(s.dispatcher, back, 'approve-return');
  // a phone call without a category to 县教育局
  const c4 = await register(s.dispatcher, {
    channel: 'phone',
    petitioner: { name: '顾晓梅', phone: '13900004444' },
  });
  await routeTo(s.dispatcher, c4.case, [[f.units.deptA, 'lead']]);

  // The other county: a mailbox case and imported March history — none of it may show in bda's answer.
  const cat = other.categoryId;
  const x = await register(o.dispatcher, { channel: 'mailbox', categoryId: cat });
  await routeTo(o.dispatcher, x.case, [
    [other.units.townA, 'lead'],
    [other.units.deptB, 'co'],
  ]);
  await importLines(
    o.dispatcher,
    [0, 1, 2].map((i) => caseLine(`B-${i}`, '2026-03', i, '西水乡')),
  );

  // The next morning: the lights are read at this instant.
  t.clock.set(sh(2026, 3, 21, 9));
});
afterAll(async () => t.close());

describe('GET /stats/breakdown', () => {
  it('counts March by channel and by top-level category, as /stats counts received', async () => {
    const body = await breakdown(s.county);
    expect(body.period).toMatchObject({ kind: 'range', from: '2026-03-01', to: '2026-03-31' });
    expect(body.byChannel).toEqual([
      { channel: 'phone', label: '电话', count: 3 },
      { channel: 'letter', label: '来信', count: 1 },
    ]);
    expect(body.byCategory).toEqual([
      { categoryId: f.categoryId, name: '城乡建设', count: 2 },
      { categoryId: labourId, name: '劳动和社会保障', count: 1 },
      { categoryId: null, name: '未分类', count: 1 },
    ]);
    // the same total as the figures of the period
    const figures = await stats(s.county, MARCH);
    expect(figures.tenant.received).toBe(4);
    const sum = (rows: { count: number }[]) => rows.reduce((a, r) => a + r.count, 0);
    expect(sum(body.byChannel)).toBe(figures.tenant.received);
    expect(sum(body.byCategory)).toBe(figures.tenant.received);
  });

  it('gives the twelve months ending with the period, zeros included, the last one ending at `to`', async () => {
    const body = await breakdown(s.dispatcher);
    expect(body.byMonth.map((m: { month: string }) => m.month)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    const counts = Object.fromEntries(
      body.byMonth.map((m: { month: string; count: number }) => [m.month, m.count]),
    );
    expect(counts).toMatchObject({ '2025-04': 1, '2025-05': 0, '2026-01': 2, '2026-02': 1, '2026-03': 4 });
    expect(Object.values(counts).reduce((a: number, b) => a + (b as number), 0)).toBe(8);
    // each month as /stats counts it
    expect((await stats(s.dispatcher, { month: '2026-01' })).tenant.received).toBe(2);
    // a period ending mid-month: the last month runs to that day only
    const early = await breakdown(s.dispatcher, { from: '2026-03-01', to: '2026-03-10' });
    expect(early.byMonth.at(-1)).toEqual({ month: '2026-03', count: 0 });
    expect(early.byMonth[0]).toEqual({ month: '2025-04', count: 1 });
    expect(early.byChannel).toEqual([]);
    // the other spellings of a period work as for /stats
    const byMonthKey = await breakdown(s.dispatcher, { month: '2026-03' });
    expect(byMonthKey.byChannel).toEqual((await breakdown(s.dispatcher)).byChannel);
  });

  it("shows today's lights by unit as the queues count them, whatever the period", async () => {
    const body = await breakdown(s.county, { from: '2026-02-01', to: '2026-02-28' });
    const rows = new Map(body.lightsByUnit.map((r: { unitId: string }) => [r.unitId, r]));
    // the open history at 东山镇 is past its reply deadline; the case it signed yesterday is green
    expect(rows.get(f.units.townA)).toEqual({
      unitId: f.units.townA,
      unitName: '东山镇',
      unitKind: 'township',
      red: 4,
      redSupervision: 0,
      yellow: 0,
      green: 1,
    });
    // not signed yet, due tonight at 24:00
    expect(rows.get(f.units.deptA)).toMatchObject({ red: 0, yellow: 2, green: 0 });
    expect(rows.get(f.units.townB)).toMatchObject({ red: 0, yellow: 1, green: 0 });
    // a quiet unit is listed with zeros; the bureau, holding no work, is not
    expect(rows.get(f.units.deptB)).toMatchObject({ unitName: '县住建局', red: 0, yellow: 0, green: 0 });
    expect(rows.has(f.units.bureau)).toBe(false);
    // townships first, then departments, as in the bulletin
    expect(body.lightsByUnit.map((r: { unitKind: string }) => r.unitKind)).toEqual([
      'township',
      'township',
      'department',
      'department',
    ]);

    // the same as each assignment's own light in the list, and the workbench's red and yellow counts
    const list = expectOk(await s.dispatcher.get('/assignments', { limit: 200 }));
    for (const r of body.lightsByUnit) {
      const mine = list.items.filter((a: { unitId: string }) => a.unitId === r.unitId);
      for (const light of ['red', 'yellow', 'green'] as const)
        expect(r[light], `${r.unitName} ${light}`).toBe(
          mine.filter((a: { light: string | null }) => a.light === light).length,
        );
    }
    const queues = expectOk(await s.dispatcher.get('/queues'));
    const total = (k: 'red' | 'yellow') =>
      body.lightsByUnit.reduce((a: number, r: Record<string, number>) => a + r[k]!, 0);
    expect(total('red')).toBe(queues.overdue);
    expect(total('yellow')).toBe(queues.dueSoon);
  });

  it("never shows another county's cases, categories or units", async () => {
    const body = await breakdown(s.county);
    const text = JSON.stringify(body);
    expect(body.byChannel.map((r: { channel: string }) => r.channel)).not.toContain('mailbox');
    expect(body.byChannel.map((r: { channel: string }) => r.channel)).not.toContain('web');
    for (const id of [other.id, other.categoryId, ...Object.values(other.units)])
      expect(text).not.toContain(id);
    expect(body.byMonth.at(-1).count).toBe(4);

    // and the other county sees only its own
    const theirs = await breakdown(o.county);
    expect(theirs.byChannel).toEqual([
      { channel: 'web', label: '网上平台', count: 2 },
      { channel: 'mailbox', label: '领导信箱', count: 2 },
      { channel: 'letter', label: '来信', count: 1 },
    ]);
    const theirText = JSON.stringify(theirs);
    for (const id of [f.id, f.categoryId, labourId, propertyId, ...Object.values(f.units)])
      expect(theirText).not.toContain(id);

    // their staff cannot read ours through our address
    const r = await o.dispatcher.get(`/api/t/${f.slug}/stats/breakdown`, MARCH);
    expect([403, 404]).toContain(r.status);
    expect(JSON.stringify(r.body)).not.toContain('东山镇');
  });

  it('says when the lights were read, and how many are red for a 督办 deadline rather than a step of the unit', async () => {
    t.clock.set(sh(2026, 3, 20, 9));
    const g = await makeTenant(t, 'bdc');
    const d = desks(t, g);
    // routed at 09:00 on the 20th: its sign deadline is 24:00 on the 21st; supervised to 18:00
    const c = await register(d.dispatcher);
    const r = await routeTo(d.dispatcher, c.case, [[g.units.townA, 'lead']]);
    await step(d.dispatcher, r.assignments[0], 'supervise', {
      note: '群众多次来电，请当日签收',
      dueAt: sh(2026, 3, 20, 18),
    });
    try {
      t.clock.set(sh(2026, 3, 20, 20));
      const body = await breakdown(d.county, { month: '2026-03' });
      expect(body.asOf).toBe(sh(2026, 3, 20, 20));
      const row = body.lightsByUnit.find((x: { unitId: string }) => x.unitId === g.units.townA);
      expect(row).toMatchObject({ red: 1, redSupervision: 1 });
      // the statistics' 逾期 counts the unit's own steps: the sign is not late yet
      expect((await stats(d.county, { month: '2026-03' })).tenant.overdue).toBe(0);
      expect(expectOk(await d.county.get('/queues')).overdue).toBe(1);
    } finally {
      t.clock.set(sh(2026, 3, 20, 9));
    }
  });

  it("a unit's staff see their own unit only", async () => {
    const mine = await breakdown(s.handlerA);
    // 东山镇 received its part of the phone call; the visit it returned does not count
    expect(mine.byChannel).toEqual([{ channel: 'phone', label: '电话', count: 1 }]);
    expect(mine.byCategory).toEqual([{ categoryId: f.categoryId, name: '城乡建设', count: 1 }]);
    const months = Object.fromEntries(
      mine.byMonth.map((m: { month: string; count: number }) => [m.month, m.count]),
    );
    expect(months).toMatchObject({ '2025-04': 1, '2026-01': 2, '2026-02': 1, '2026-03': 1 });
    expect(mine.lightsByUnit).toEqual([
      {
        unitId: f.units.townA,
        unitName: '东山镇',
        unitKind: 'township',
        red: 4,
        redSupervision: 0,
        yellow: 0,
        green: 1,
      },
    ]);
    // the unit's figures agree
    const figures = await stats(s.leaderA, MARCH);
    expect(figures.units.map((u: { unitId: string }) => u.unitId)).toEqual([f.units.townA]);
    expect(figures.units[0].received).toBe(1);

    const dept = await breakdown(s.leaderDept);
    expect(dept.byChannel).toEqual([{ channel: 'phone', label: '电话', count: 2 }]);
    expect(dept.byCategory).toEqual([
      { categoryId: f.categoryId, name: '城乡建设', count: 1 },
      { categoryId: null, name: '未分类', count: 1 },
    ]);
    expect(dept.lightsByUnit.map((r: { unitId: string }) => r.unitId)).toEqual([f.units.deptA]);
    const deptText = JSON.stringify(dept);
    for (const id of [f.units.townA, f.units.townB, f.units.deptB, labourId])
      expect(deptText).not.toContain(id);
  });

  it('refuses a malformed period in Chinese', async () => {
    expectError(await s.county.get('/stats/breakdown', { from: '2026-03-01' }), 400, 'VALIDATION');
    expectError(
      await s.county.get('/stats/breakdown', { from: '2026-02-30', to: '2026-03-31' }),
      400,
      'VALIDATION',
    );
    expectError(
      await s.county.get('/stats/breakdown', { month: '2026-03', from: '2026-03-01', to: '2026-03-31' }),
      400,
      'VALIDATION',
    );
    const r = await s.county.get('/stats/breakdown', { from: '2026-03-31', to: '2026-03-01' });
    expectError(r, 400, 'VALIDATION');
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('is described in the OpenAPI document with its query and answer', async () => {
    const doc = (await t.client().get('/api/openapi.json')).body;
    const op = doc.paths['/api/t/{tenant}/stats/breakdown'].get;
    expect(op.summary).toMatch(/分类/);
    const params = op.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['tenant', 'from', 'to']));
    const answer = op.responses['200'].content['application/json'].schema;
    expect(Object.keys(answer.properties)).toEqual(
      expect.arrayContaining(['period', 'byChannel', 'byCategory', 'byMonth', 'lightsByUnit']),
    );
  });
});
