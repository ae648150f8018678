// Work queues: the assignment inbox filtered by state, light, unit, category, channel, purpose,
// dates and Chinese text (2 characters by LIKE, 3+ through the FTS5 trigram index), sorted by due
// time and paged by cursor without duplicates or gaps; the dispatcher's workbench counts; the
// bureau's case list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, T0, type TenantFixture, type TestApp } from '../fixtures/app';
import {
  caseAt,
  DAY,
  type Desk,
  desks,
  type Desks,
  expectError,
  expectOk,
  register,
  replyFully,
  routeTo,
  sh,
  step,
} from './workflow-helpers';

let t: TestApp;
let f: TenantFixture;
let s: Desks;
const ids: Record<string, { caseId: string; number: string; a: any }> = {};
/** when the queue is read: Tuesday 3 March, noon */
const NOW = sh(2026, 3, 3, 12);

beforeAll(async () => {
  t = await makeTestApp({ now: sh(2026, 2, 27, 9) });
  f = await makeTenant(t, 'queues');
  s = desks(t, f);
  const { townA, townB, deptA, deptB } = f.units;
  // Friday 27 February: a call nobody signed for (red by Tuesday)
  ids.late = await caseAt(s, [], {
    title: '楼道堆放杂物存在消防隐患',
    content: '三单元楼道长期堆放杂物，存在消防隐患。',
  });
  // Monday 2 March
  t.clock.set(T0);
  ids.lamp = await caseAt(s, [], {
    categoryId: f.categoryId,
    townshipUnitId: townA,
    title: '青石路路灯不亮',
    content: '青石路东段三盏灯坏了一个多月，晚上出行不便。',
  });
  ids.wages = await caseAt(
    s,
    [],
    {
      channel: 'letter',
      purpose: 'claim',
      title: '建筑工地拖欠农民工工资',
      content: '城南某建筑工地拖欠二十多名农民工工资三个月，多次讨要无果。',
    },
    [[deptA, 'lead']],
  );
  ids.bribe = await caseAt(
    s,
    [],
    {
      channel: 'visit',
      purpose: 'accusation',
      title: '反映村干部优亲厚友',
      content: '某村干部在低保评定中优亲厚友，请求调查。',
    },
    [[townB, 'lead']],
  );
  ids.parking = await caseAt(
    s,
    ['sign'],
    {
      kind: 'inquiry',
      channel: 'mailbox',
      purpose: 'question',
      title: '城区停车收费标准',
      content: '请问城区路边停车怎么收费，节假日是否免费？',
    },
    [
      [townA, 'lead'],
      [deptB, 'co'],
    ],
  );
  // Tuesday 3 March, 09:00
  t.clock.set(sh(2026, 3, 3, 9));
  ids.noise = await caseAt(s, [], {
    channel: 'phone',
    title: '夜间施工噪音扰民',
    content: '工地晚上十一点后仍在施工，噪音扰民严重。',
  });
  t.clock.set(NOW);
});
afterAll(async () => t.close());

const list = async (d: Desk, q: Record<string, string | number | undefined> = {}) =>
  expectOk(await d.get('/assignments', q)).items as any[];
const titles = async (d: Desk, q: Record<string, string | number | undefined> = {}) =>
  (await list(d, q)).map((x) => `${x.title}@${x.unitName}`);

describe('the assignment inbox', () => {
  it('is sorted by the deadline the unit works against, soonest first, with its light', async () => {
    const rows = await list(s.dispatcher);
    const view = rows.map((x) => `${x.title}/${x.due?.step}/${x.light}`);
    expect(view[0]).toBe('楼道堆放杂物存在消防隐患/sign/red');
    // four signing deadlines at 24:00 tonight: the same instant, the newest dispatched first
    expect(view.slice(1, 5).sort()).toEqual(
      [
        '青石路路灯不亮/sign/yellow',
        '建筑工地拖欠农民工工资/sign/yellow',
        '反映村干部优亲厚友/sign/yellow',
        '城区停车收费标准/sign/yellow',
      ].sort(),
    );
    expect(rows.slice(1, 5).map((x) => x.id)).toEqual(
      rows
        .slice(1, 5)
        .map((x) => x.id)
        .sort()
        .reverse(),
    );
    expect(view.slice(5)).toEqual(['夜间施工噪音扰民/sign/green', '城区停车收费标准/accept/green']);
    const dues = rows.map((x) => x.due.dueAt);
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    expect(rows[0]).toMatchObject({ caseNumber: '2026-000001', kind: 'petition', channel: 'phone' });
  });

  it('filters by state, light, unit, category, channel, purpose and kind', async () => {
    expect(await titles(s.dispatcher, { state: 'signed' })).toEqual(['城区停车收费标准@东山镇']);
    expect(await titles(s.dispatcher, { state: 'signed,dispatched', unitId: f.units.townA })).toEqual([
      '楼道堆放杂物存在消防隐患@东山镇',
      '青石路路灯不亮@东山镇',
      '夜间施工噪音扰民@东山镇',
      '城区停车收费标准@东山镇',
    ]);
    expect(await titles(s.dispatcher, { light: 'red' })).toEqual(['楼道堆放杂物存在消防隐患@东山镇']);
    expect((await titles(s.dispatcher, { light: 'yellow' })).length).toBe(4);
    expect(await titles(s.dispatcher, { light: 'green' })).toEqual([
      '夜间施工噪音扰民@东山镇',
      '城区停车收费标准@东山镇',
    ]);
    expect(await titles(s.dispatcher, { unitId: f.units.deptB })).toEqual(['城区停车收费标准@县住建局']);
    expect(await titles(s.dispatcher, { categoryId: f.categoryId })).toEqual(['青石路路灯不亮@东山镇']);
    expect(await titles(s.dispatcher, { channel: 'letter' })).toEqual(['建筑工地拖欠农民工工资@县教育局']);
    expect(await titles(s.dispatcher, { purpose: 'accusation' })).toEqual(['反映村干部优亲厚友@西水乡']);
    expect(await titles(s.dispatcher, { kind: 'inquiry' })).toEqual([
      '城区停车收费标准@县住建局',
      '城区停车收费标准@东山镇',
    ]);
    expectError(await s.dispatcher.get('/assignments', { light: 'blue' }), 400, 'VALIDATION');
    expectError(await s.dispatcher.get('/assignments', { from: '2026-13-01' }), 400, 'VALIDATION');
  });

  it('filters by the day of dispatch, in Shanghai days', async () => {
    expect(await titles(s.dispatcher, { from: '2026-03-03', to: '2026-03-03' })).toEqual([
      '夜间施工噪音扰民@东山镇',
    ]);
    expect(await titles(s.dispatcher, { to: '2026-02-28' })).toEqual(['楼道堆放杂物存在消防隐患@东山镇']);
    expect((await titles(s.dispatcher, { from: '2026-03-02', to: '2026-03-02' })).length).toBe(5);
  });

  it('finds Chinese text: two characters by LIKE, three or more through the trigram index', async () => {
    expect(await titles(s.dispatcher, { q: '路灯' })).toEqual(['青石路路灯不亮@东山镇']);
    expect(await titles(s.dispatcher, { q: '噪音' })).toEqual(['夜间施工噪音扰民@东山镇']);
    expect(await titles(s.dispatcher, { q: '农民工' })).toEqual(['建筑工地拖欠农民工工资@县教育局']);
    // in the content only, not the title
    expect(await titles(s.dispatcher, { q: '低保评定' })).toEqual(['反映村干部优亲厚友@西水乡']);
    expect(await titles(s.dispatcher, { q: '十一点后' })).toEqual(['夜间施工噪音扰民@东山镇']);
    // by case number
    expect(await titles(s.dispatcher, { q: '2026-000003' })).toEqual(['建筑工地拖欠农民工工资@县教育局']);
    expect(await titles(s.dispatcher, { q: '没有的词' })).toEqual([]);
    // quotes and LIKE wildcards are text, not syntax
    expect(await titles(s.dispatcher, { q: '"路灯' })).toEqual([]);
    expect(await titles(s.dispatcher, { q: '%' })).toEqual([]);
    // and a unit searches only its own
    expect(await titles(s.handlerB, { q: '农民工' })).toEqual([]);
  });

  it('a unit sees its own queue only, with the same filters', async () => {
    expect(await titles(s.handlerA, { light: 'yellow' })).toEqual(['青石路路灯不亮@东山镇']);
    expect(await titles(s.handlerA, { light: 'green' })).toEqual([
      '夜间施工噪音扰民@东山镇',
      '城区停车收费标准@东山镇',
    ]);
    expect(await titles(s.handlerDept)).toEqual(['建筑工地拖欠农民工工资@县教育局']);
    expect(await titles(s.leaderB)).toEqual(['反映村干部优亲厚友@西水乡']);
  });
});

describe('paging the inbox with a cursor', () => {
  it('walks every assignment once, in due order, ties newest first and finished ones last (newest first)', async () => {
    const p = await makeTenant(t, 'paging');
    const ps = desks(t, p);
    t.clock.set(T0);
    const made: string[] = [];
    // 14 cases routed in the same minute share one sign deadline: only the id breaks the tie
    for (let i = 0; i < 14; i++) made.push((await caseAt(ps, [], { title: `同一时刻 ${i}` })).a.id);
    t.clock.set(T0 + DAY);
    for (let i = 0; i < 4; i++) made.push((await caseAt(ps, ['sign'], { title: `次日签收 ${i}` })).a.id);
    for (let i = 0; i < 3; i++) {
      const x = await caseAt(ps, ['sign'], { title: `不予受理 ${i}` });
      made.push(x.a.id);
      // refused: the unit owes nothing, so no due time, and it sorts last
      await step(ps.handlerA, x.a, 'refuse', { reason: '不属受理范围', notice: '告知书' });
    }
    t.clock.set(T0 + DAY + 3_600_000);
    const full = await list(ps.dispatcher, { limit: 200 });
    expect(full).toHaveLength(21);
    for (const who of ['dispatcher', 'handlerA'] as const) {
      const seen: any[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = expectOk(await ps[who].get('/assignments', { limit: 4, cursor }));
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(6);
      expect(seen.map((x) => x.id)).toEqual(full.map((x) => x.id));
      expect(new Set(seen.map((x) => x.id)).size).toBe(21);
      expect(new Set(seen.map((x) => x.id))).toEqual(new Set(made));
    }
    const key = (x: any) => [x.due?.dueAt ?? Number.MAX_SAFE_INTEGER, x.id] as const;
    for (let i = 1; i < full.length; i++) {
      const [d0, i0] = key(full[i - 1]);
      const [d1, i1] = key(full[i]);
      expect(d0 < d1 || (d0 === d1 && i0 > i1)).toBe(true);
    }
    expect(full.slice(-3).every((x) => x.state === 'refused' && x.due === null)).toBe(true);
    // a page boundary inside the tie of 14
    const first = expectOk(await ps.dispatcher.get('/assignments', { limit: 5, state: 'dispatched' }));
    const second = expectOk(
      await ps.dispatcher.get('/assignments', { limit: 5, state: 'dispatched', cursor: first.nextCursor }),
    );
    expect(second.items[0].id < first.items[4].id).toBe(true);
    expectError(await ps.dispatcher.get('/assignments', { cursor: 'not-a-cursor' }), 400, 'VALIDATION');
  });
});

describe('the dispatcher’s workbench', () => {
  it('counts what waits on the bureau', async () => {
    const w = await makeTenant(t, 'workbench');
    const ws = desks(t, w);
    t.clock.set(T0);
    await register(ws.dispatcher, { title: '尚未分派' });
    const ret = await caseAt(ws, [], { title: '要退件的' });
    await step(ws.handlerA, ret.a, 'return', { reason: '不属本镇' });
    const ext = await caseAt(ws, ['sign', 'accept'], { title: '要延期的' });
    await step(ws.handlerA, ext.a, 'request-extension', { days: 5, reason: '需调查' });
    const sup = await caseAt(ws, ['sign'], { title: '督办的' });
    await step(ws.dispatcher, sup.a, 'supervise', { note: '督办' });
    const rev = await caseAt(ws, ['sign', 'accept'], { title: '待审核的' });
    let r = await step(ws.handlerA, rev.a, 'reply', { body: '答复稿' });
    r = await step(ws.handlerA, r, 'submit-reply');
    const q = await caseAt(ws, ['sign', 'accept'], {
      kind: 'inquiry',
      purpose: 'question',
      isPublic: true,
      title: '问政待公开',
      content: '请问公积金怎么提取？',
    });
    await replyFully(ws, q.a);
    const bad = await caseAt(ws, ['sign', 'accept'], {
      title: '不满意的',
      content: '换一件事说说排水沟堵塞。',
    });
    let b = await replyFully(ws, bad.a);
    b = await step(ws.dispatcher, b, 'rate', { value: 'unsatisfied' });
    // a repeat from the same caller about the first matter
    await register(ws.dispatcher, { title: '尚未分派的事再次反映', channel: 'letter' });
    t.clock.set(sh(2026, 3, 3, 12));
    const counts = expectOk(await ws.dispatcher.get('/queues'));
    expect(counts).toMatchObject({
      new: 2,
      returned: 1,
      extensionRequests: 1,
      supervised: 1,
      repeatSuggestions: expect.any(Number),
      toPublish: 1,
      pendingReview: 1,
      unsatisfied: 1,
    });
    expect(counts.repeatSuggestions).toBeGreaterThanOrEqual(1);
    // every unit has signed (the return request waits on the bureau): nothing due within a day
    expect(counts.overdue).toBe(0);
    expect(counts.dueSoon).toBe(0);
    t.clock.set(sh(2026, 3, 8));
    const later = expectOk(await ws.dispatcher.get('/queues'));
    // the return request waits on the bureau and shows no light; the others are late by Sunday
    expect(later.overdue).toBeGreaterThanOrEqual(1);
    expect(expectOk(await ws.county.get('/queues')).new).toBe(2);
  });
});

describe('the bureau’s case list', () => {
  it('lists cases newest first with masked contacts, filters, searches and pages', async () => {
    const all = expectOk(await s.dispatcher.get('/cases')).items;
    // newest first; five came in on Monday 09:00, one at the same instant as the next
    expect(
      all
        .map((c: any) => c.number)
        .sort()
        .reverse(),
    ).toEqual(['2026-000006', '2026-000005', '2026-000004', '2026-000003', '2026-000002', '2026-000001']);
    expect(all[0].number).toBe('2026-000006');
    expect(all.at(-1).number).toBe('2026-000001');
    const received = all.map((c: any) => c.receivedAt);
    expect([...received].sort((a, b) => b - a)).toEqual(received);
    expect(all[0].petitioner.phone).toBe('138****8000');
    expect(
      expectOk(await s.dispatcher.get('/cases', { channel: 'visit' })).items.map((c: any) => c.title),
    ).toEqual(['反映村干部优亲厚友']);
    expect(
      expectOk(await s.dispatcher.get('/cases', { status: 'in_progress' })).items.map((c: any) => c.title),
    ).toEqual(['城区停车收费标准']);
    expect(expectOk(await s.dispatcher.get('/cases', { q: '工资' })).items.map((c: any) => c.title)).toEqual([
      '建筑工地拖欠农民工工资',
    ]);
    expect(expectOk(await s.dispatcher.get('/cases', { from: '2026-03-03' })).items).toHaveLength(1);
    const p1 = expectOk(await s.dispatcher.get('/cases', { limit: 4 }));
    const p2 = expectOk(await s.dispatcher.get('/cases', { limit: 4, cursor: p1.nextCursor }));
    expect(p2.nextCursor).toBeNull();
    expect([...p1.items, ...p2.items].map((c: any) => c.id)).toEqual(all.map((c: any) => c.id));
  });

  it('shows a light on the routing deadline of cases not routed yet', async () => {
    const w = await makeTenant(t, 'routelight');
    const ws = desks(t, w);
    t.clock.set(T0);
    const c = (await register(ws.dispatcher)).case;
    t.clock.advance(60_000);
    await routeTo(ws.dispatcher, (await register(ws.dispatcher, { title: '已分派' })).case, [
      [w.units.townA, 'lead'],
    ]);
    t.clock.set(c.routeDueAt - 3_600_000);
    const items = expectOk(await ws.dispatcher.get('/cases')).items;
    expect(items.map((x: any) => [x.title, x.routeLight])).toEqual([
      ['已分派', null],
      ['小区门口道路破损多处积水', 'yellow'],
    ]);
  });
});

describe('a unit’s inbox counts', () => {
  it('are the lengths of the lists its tabs show; another unit counts none of them; the bureau has its own', async () => {
    const p = await makeTenant(t, 'inboxcounts');
    const d = desks(t, p);
    await caseAt(d, []);
    await caseAt(d, ['sign']);
    await caseAt(d, ['sign', 'accept']);
    const r = await caseAt(d, ['sign', 'accept']);
    const x = await step(d.handlerA, r.a, 'reply', { body: '经核查，已安排维修。' });
    await step(d.handlerA, x, 'submit-reply');
    const tabs: Record<string, Record<string, string>> = {
      todo: { state: 'dispatched,signed,accepted,return_requested' },
      sign: { state: 'dispatched' },
      accept: { state: 'signed' },
      reply: { state: 'accepted' },
      review: { state: 'accepted', replyStatus: 'pending_review' },
      red: { light: 'red' },
      yellow: { light: 'yellow' },
      waiting: { waiting: 'true' },
    };
    const counts = expectOk(await d.leaderA.get('/inbox/counts'));
    for (const [tab, q] of Object.entries(tabs))
      expect([tab, counts[tab]]).toEqual([tab, (await list(d.leaderA, q)).length]);
    expect(counts).toMatchObject({ todo: 4, sign: 1, accept: 1, reply: 2, review: 1, waiting: 0 });
    expect(expectOk(await d.handlerB.get('/inbox/counts')).todo).toBe(0);
    expectError(await d.dispatcher.get('/inbox/counts'), 403, 'FORBIDDEN');
  });
});
