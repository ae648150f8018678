// Historical import through POST /import: a valid batch lands whole and counts exactly like live
// cases; one bad line rejects the whole batch with an error per line; a re-import skips what was
// imported; the CSV layout of the console works the same way.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assignments, cases, events, importBatches, ratings, replies } from '../../db/schema';
import { makeTenant, makeTestApp, T0, type TenantFixture, type TestApp } from '../fixtures/app';
import { gbk } from '../fixtures/gbk';
import { expectStatsInStep, replyAs, routed, stats, unitOf } from './stats-helpers';
import {
  type Desk,
  type Desks,
  desks,
  eventsOfAssignment,
  expectError,
  expectOk,
  sh,
  step,
} from './workflow-helpers';

let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());
// the county moves in on 1 April 2026 with its first quarter
const MOVE_IN = Date.UTC(2026, 3, 1, 1);
beforeEach(() => t.clock.set(MOVE_IN));

async function county(): Promise<{ f: TenantFixture; s: Desks }> {
  const f = await makeTenant(t, `si${n++}`);
  return { f, s: desks(t, f) };
}

const ndjson = (lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join('\n');

function importAs(d: Desk, body: string, type = 'application/x-ndjson', query = '') {
  return d.req('POST', `/import${query}`, body, { 'content-type': type });
}

const base = (externalId: string, over: Record<string, unknown> = {}) => ({
  externalId,
  kind: 'petition',
  channel: 'letter',
  purpose: 'help',
  category: '城乡建设',
  township: '东山镇',
  title: '东山镇青石路路灯不亮',
  content: '青石路一带路灯坏了半个多月，晚上出行很不安全，请尽快维修。',
  petitioner: { name: '周建国', phone: '13912345678' },
  receivedAt: '2026-03-02 09:00',
  ...over,
});

/** A whole history: letter received, routed to 东山镇, signed, accepted, extended, replied, closed, rated. */
const FULL = base('XF-2026-0001', {
  assignments: [
    {
      unit: '东山镇',
      role: 'lead',
      events: [
        { type: 'dispatched', at: '2026-03-02 10:00' },
        { type: 'signed', at: '2026-03-02 15:00' },
        { type: 'accepted', at: '2026-03-03 09:00' },
        { type: 'extension_requested', at: '2026-03-10 09:00', days: 5, reason: '需协调供电公司' },
        { type: 'extension_approved', at: '2026-03-10 11:00', days: 5 },
        { type: 'replied', at: '2026-03-20 16:00', body: '已更换灯具，路灯恢复照明。' },
        { type: 'closed', at: '2026-03-20 16:05' },
        { type: 'rated', at: '2026-03-22T10:00:00+08:00', value: 'satisfied', bureauValue: 'basic' },
      ],
    },
  ],
});

describe('a valid batch', () => {
  it('writes every case with its whole history, the same rows as the live services, and counts them', async () => {
    const { f, s } = await county();
    const lines = [
      FULL,
      // routed to two units; the co-handler refuses (不予受理)
      base('XF-2026-0002', {
        channel: 'visit',
        purpose: 'claim',
        receivedAt: '2026-03-05T09:30:00+08:00',
        assignments: [
          {
            unit: '东山镇',
            events: [
              { type: 'dispatched', at: '2026-03-05 10:00' },
              { type: 'accepted', at: '2026-03-06 10:00' },
              { type: 'replied', at: '2026-03-25 10:00' },
            ],
          },
          {
            unit: '县教育局',
            role: 'co',
            events: [
              { type: 'dispatched', at: '2026-03-05 10:00' },
              { type: 'signed', at: '2026-03-05 11:00' },
              {
                type: 'refused',
                at: '2026-03-05 15:00',
                reason: '不属于教育局职责',
                notice: '不予受理告知书',
              },
            ],
          },
        ],
      }),
      // returned by 东山镇, re-routed to 西水乡, which replied; the rating came after the window
      base('XF-2026-0003', {
        receivedAt: 1772500000000,
        township: null,
        category: null,
        assignments: [
          {
            unit: '东山镇',
            events: [
              { type: 'dispatched', at: '2026-03-03 10:00' },
              { type: 'return_requested', at: '2026-03-03 14:00', reason: '属西水乡管辖' },
              { type: 'returned', at: '2026-03-04 09:00' },
            ],
          },
          {
            unit: '西水乡',
            events: [
              { type: 'dispatched', at: '2026-03-04 10:00' },
              { type: 'accepted', at: '2026-03-04 11:00' },
              { type: 'replied', at: '2026-03-06 11:00' },
              { type: 'rated', at: '2026-03-28 11:00', value: 'unsatisfied' },
            ],
          },
        ],
      }),
      // a repeat, never routed
      base('XF-2026-0004', { repeat: true, receivedAt: '2026-03-30 09:00' }),
    ];
    const r = expectOk(await importAs(s.dispatcher, ndjson(lines)), 201);
    expect(r).toMatchObject({ status: 'applied', lines: 4, imported: 4, skipped: 0 });
    expect(r.results.map((x: any) => [x.line, x.externalId, x.status])).toEqual([
      [1, 'XF-2026-0001', 'imported'],
      [2, 'XF-2026-0002', 'imported'],
      [3, 'XF-2026-0003', 'imported'],
      [4, 'XF-2026-0004', 'imported'],
    ]);
    // numbered like live cases, in order of receipt
    expect(r.results.map((x: any) => x.number)).toEqual([
      '2026-000001',
      '2026-000003',
      '2026-000002',
      '2026-000004',
    ]);

    const db = t.deps.db;
    const c1 = (await db.select().from(cases).where(eq(cases.id, r.results[0].caseId)))[0]!;
    expect(c1).toMatchObject({
      status: 'rated',
      externalId: 'XF-2026-0001',
      importBatchId: r.batchId,
      receivedDay: '2026-03-02',
      channel: 'letter',
      categoryId: f.categoryId,
      townshipUnitId: f.units.townA,
      petitionerPhone: '13912345678',
      routedAt: sh(2026, 3, 2, 10),
      closedAt: sh(2026, 3, 20, 16, 5),
    });
    expect(c1.identityHash).toMatch(/^[0-9a-f]{64}$/);
    const a1 = (await db.select().from(assignments).where(eq(assignments.caseId, c1.id)))[0]!;
    expect(a1).toMatchObject({
      unitId: f.units.townA,
      state: 'rated',
      dispatchDay: '2026-03-02',
      signDueAt: sh(2026, 3, 4),
      acceptDueAt: sh(2026, 3, 8),
      decidedAt: sh(2026, 3, 3, 9),
      // accepted on the 3rd: 15 days to 24:00 on the 18th, plus 5 approved days
      replyDueAt: sh(2026, 3, 24),
      extensionDays: 5,
      repliedAt: sh(2026, 3, 20, 16),
      ratingDueAt: sh(2026, 4, 5),
      rating: 'satisfied',
      firstRating: 'satisfied',
      bureauRating: 'basic',
      version: 8,
      dueAt: null,
    });
    const ev = await db.select().from(events).where(eq(events.assignmentId, a1.id)).orderBy(events.id);
    expect(ev.map((e) => [e.type, e.fromState, e.toState])).toEqual([
      ['assignment.dispatched', null, 'dispatched'],
      ['assignment.signed', 'dispatched', 'signed'],
      ['assignment.accepted', 'signed', 'accepted'],
      ['assignment.extension_requested', 'accepted', 'accepted'],
      ['assignment.extension_approved', 'accepted', 'accepted'],
      ['assignment.replied', 'accepted', 'replied'],
      ['assignment.closed', 'replied', 'closed'],
      ['assignment.rated', 'closed', 'rated'],
    ]);
    expect((await db.select().from(replies).where(eq(replies.assignmentId, a1.id)))[0]).toMatchObject({
      body: '已更换灯具，路灯恢复照明。',
      status: 'sent',
    });
    expect(
      (await db.select().from(ratings).where(eq(ratings.caseId, c1.id)))
        .map((x) => [x.target, x.value, x.source])
        .sort(),
    ).toEqual([
      ['bureau', 'basic', 'import'],
      ['unit', 'satisfied', 'import'],
    ]);
    // the case detail shows the imported timeline like any other
    const detail = expectOk(await s.dispatcher.get(`/cases/${c1.id}`));
    expect(detail.case.number).toBe('2026-000001');

    const march = await stats(s.county, { month: '2026-03' });
    expect(march.tenant).toMatchObject({ received: 4, returned: 1, repeatRate: 0.25 });
    expect(unitOf(march, f.units.townA)).toMatchObject({
      received: 2,
      returned: 1,
      closed: 1,
      onTimeReplyRate: 1,
      timelyAcceptanceRate: 1,
      bureauSatisfactionRate: 1,
    });
    // 西水乡's rating came after the 15-day window: the product would have refused it, so 超期未评
    expect(unitOf(march, f.units.townB)).toMatchObject({
      received: 1,
      rated: 0,
      unratedOverdue: 1,
      participationRate: 0,
    });
    expect(unitOf(march, f.units.deptA)).toMatchObject({ received: 1, closed: 1, timelyAcceptanceRate: 1 });
    await expectStatsInStep(t, f.id);
    const batch = (await db.select().from(importBatches).where(eq(importBatches.id, r.batchId)))[0]!;
    expect(batch).toMatchObject({ status: 'applied', lineCount: 4, importedCount: 4, skippedCount: 0 });
  });

  it('imported cases count exactly like the same history driven through the live workflow', async () => {
    const live = await county();
    const imported = await county();
    // live: received and routed 2 March 09:00, signed a day late, accepted, replied, closed, rated 基本满意
    t.clock.set(T0);
    const { byUnit } = await routed(live.s, [
      [live.f.units.townA, 'lead'],
      [live.f.units.deptA, 'co'],
    ]);
    t.clock.set(sh(2026, 3, 4, 10));
    let a = await step(live.s.handlerA, byUnit.get(live.f.units.townA)!, 'sign');
    a = await step(live.s.handlerA, a, 'accept');
    t.clock.set(sh(2026, 3, 20, 9));
    a = await replyAs(live.s, live.f, live.f.units.townA, a);
    a = await step(live.s.handlerA, a, 'close');
    t.clock.set(sh(2026, 3, 21, 9));
    await step(live.s.dispatcher, a, 'rate', { value: 'basic', bureauValue: 'satisfied' });
    t.clock.set(MOVE_IN);
    const same = {
      externalId: 'L-1',
      kind: 'petition',
      channel: 'phone',
      purpose: 'help',
      title: '小区门口道路破损多处积水',
      content: '青石路小区门口道路破损，下雨天积水严重，老人孩子出行不便，请尽快修复。',
      petitioner: { name: '郑一鸣', phone: '13800138000' },
      receivedAt: T0,
      assignments: [
        {
          unit: '东山镇',
          role: 'lead',
          events: [
            { type: 'dispatched', at: T0 },
            { type: 'signed', at: sh(2026, 3, 4, 10) },
            { type: 'accepted', at: sh(2026, 3, 4, 10) },
            { type: 'replied', at: sh(2026, 3, 20, 9) },
            { type: 'closed', at: sh(2026, 3, 20, 9) },
            { type: 'rated', at: sh(2026, 3, 21, 9), value: 'basic', bureauValue: 'satisfied' },
          ],
        },
        { unit: '县教育局', role: 'co', events: [{ type: 'dispatched', at: T0 }] },
      ],
    };
    expectOk(await importAs(imported.s.dispatcher, ndjson([same])), 201);
    for (const q of [{ month: '2026-03' }, { month: '2026-03', cutoff: '2026-03-10' }, { year: '2026' }]) {
      const x = await stats(live.s.county, q);
      const y = await stats(imported.s.county, q);
      expect(y.tenant).toEqual(x.tenant);
      const strip = (u: any) => ({ ...u, unitId: undefined, unitName: u.unitName.replace(/^si\d+/, '') });
      expect(y.units.map(strip)).toEqual(x.units.map(strip));
    }
    // the rows too, but for ids, actors and the reply's text
    const rowOf = async (f: TenantFixture) => {
      const r = await t.deps.db.select().from(assignments).where(eq(assignments.tenantId, f.id));
      return (
        r
          // the live reply went through draft, review and approval: more versions, and instructions
          .map(
            ({ id, tenantId, caseId, unitId, dispatchedBy, moveToken, version, instructions, ...rest }) =>
              rest,
          )
          .sort((p, q) => p.role.localeCompare(q.role))
      );
    };
    expect(await rowOf(imported.f)).toEqual(await rowOf(live.f));
    await expectStatsInStep(t, imported.f.id);
  });
});

describe('after 不满意', () => {
  it('a kept answer (维持答复) imports as the live move writes it, and leaves nothing to decide', async () => {
    const { f, s } = await county();
    const kept = base('XF-2026-0100', {
      assignments: [
        {
          unit: '东山镇',
          role: 'lead',
          events: [
            { type: 'dispatched', at: '2026-03-02 10:00' },
            { type: 'replied', at: '2026-03-12 16:00', body: '路灯已纳入维修计划。' },
            { type: 'rated', at: '2026-03-13 10:00', value: 'unsatisfied' },
            { type: 'rework_declined', at: '2026-03-15 09:00', reason: '已按计划维修，答复属实' },
          ],
        },
      ],
    });
    expectOk(await importAs(s.dispatcher, ndjson([kept])), 201);
    const [row] = await t.deps.db.select().from(assignments).where(eq(assignments.tenantId, f.id));
    expect(row).toMatchObject({
      state: 'rated',
      rating: 'unsatisfied',
      reworkDeclinedAt: sh(2026, 3, 15, 9),
    });
    const logged = await eventsOfAssignment(t, row!.id);
    expect(logged.at(-1)).toMatchObject({
      type: 'assignment.rework_declined',
      payload: { reason: '已按计划维修，答复属实' },
    });
    expect(expectOk(await s.dispatcher.get('/queues')).unsatisfied).toBe(0);
    await expectStatsInStep(t, f.id);
  });
});

describe('复查 and 复核', () => {
  const replied = (id: string, reviews: unknown[]) =>
    base(id, {
      assignments: [
        {
          unit: '东山镇',
          events: [
            { type: 'dispatched', at: '2026-03-02 10:00' },
            { type: 'replied', at: '2026-03-10 16:00', body: '路灯已修复。' },
            { type: 'closed', at: '2026-03-10 16:05' },
          ],
        },
      ],
      reviews,
    });

  it('carry over as the live moves write them: a pending 复核 is in the bureau’s queue and can be answered', async () => {
    const { f, s } = await county();
    const line = replied('R-1', [
      {
        level: 1,
        requestedAt: '2026-03-12 09:00',
        reason: '路灯仍时亮时灭',
        answeredAt: '2026-03-20 10:00',
        decision: 'upheld',
        opinion: '经复查，原答复属实，维持。',
      },
      { level: 2, requestedAt: '2026-03-25 09:00', reason: '对复查意见不服' },
    ]);
    const r = expectOk(await importAs(s.dispatcher, ndjson([line])), 201);
    const id = r.results[0].caseId as string;
    const [row] = await t.deps.db.select().from(cases).where(eq(cases.id, id));
    expect(row).toMatchObject({
      reviewLevel: 2,
      reviewRequestedAt: sh(2026, 3, 25, 9),
      reviewAnsweredAt: sh(2026, 3, 20, 10),
    });
    const logged = (await t.deps.db.select().from(events).where(eq(events.caseId, id))).filter((e) =>
      e.type.startsWith('case.review'),
    );
    expect(logged.map((e) => [e.type, e.at, e.payload])).toEqual([
      ['case.review_requested', sh(2026, 3, 12, 9), { kind: 'review', level: 1, reason: '路灯仍时亮时灭' }],
      [
        'case.review_answered',
        sh(2026, 3, 20, 10),
        { level: 1, decision: 'upheld', opinion: '经复查，原答复属实，维持。', late: false },
      ],
      ['case.review_requested', sh(2026, 3, 25, 9), { kind: 'review', level: 2, reason: '对复查意见不服' }],
    ]);
    // the bureau's 复查 queue and filter hold it, its papers print, and it is answered as a live one
    expect(expectOk(await s.dispatcher.get('/queues')).reviewRequests).toBe(1);
    const pending = expectOk(await s.dispatcher.get('/cases?review=pending'));
    expect(pending.items.map((c: any) => c.id)).toEqual([id]);
    const detail = expectOk(await s.dispatcher.get(`/cases/${id}`));
    expect(detail.review).toMatchObject({ level: 2, pending: true });
    expect(detail.actions).toContain('answer-review');
    expect((await s.dispatcher.get(`/cases/${id}/documents/review?level=1`)).status).toBe(200);
    expectOk(
      await s.dispatcher.post(`/cases/${id}/answer-review`, {
        version: detail.case.version,
        decision: 'revised',
        opinion: '经复核，责成东山镇重新处理。',
      }),
    );
    expect(expectOk(await s.dispatcher.get('/queues')).reviewRequests).toBe(0);
    expect((await s.dispatcher.get(`/cases/${id}/documents/review?level=2`)).status).toBe(200);

    // the CSV columns: 复查 answered (撤销或变更); statistics as for live ones, a rebuild agrees
    const csv = [
      '外部编号,来源渠道,信访目的,标题,诉求内容,收件时间,承办单位,交办时间,答复时间,办结时间,复查申请时间,复查理由,复查答复时间,复查结论,复查意见',
      'R-2,来信,求助,路灯不亮,青石路路灯坏了,2026-03-02 09:00,东山镇,2026-03-02 10:00,2026-03-10 16:00,2026-03-10 16:05,2026-03-12 09:00,仍未修好,2026-03-20 10:00,撤销或变更,责成重新处理。',
    ].join('\r\n');
    const c2 = expectOk(await importAs(s.dispatcher, csv, 'text/csv'), 201).results[0].caseId;
    const [row2] = await t.deps.db.select().from(cases).where(eq(cases.id, c2));
    expect(row2).toMatchObject({ reviewLevel: 1, reviewAnsweredAt: sh(2026, 3, 20, 10) });
    const answered = (await t.deps.db.select().from(events).where(eq(events.caseId, c2))).find(
      (e) => e.type === 'case.review_answered',
    );
    expect(answered?.payload).toEqual({
      level: 1,
      decision: 'revised',
      opinion: '责成重新处理。',
      late: false,
    });
    const before = await stats(s.county, { month: '2026-03' });
    expectOk(await s.admin.post('/stats/rebuild'));
    expect(await stats(s.county, { month: '2026-03' })).toEqual(before);
    await expectStatsInStep(t, f.id);
  });

  it('out of order they are refused with their line: before a reply, answered before asked, 复核 before 复查 was answered', async () => {
    const { f, s } = await county();
    const lines = [
      base('O-1', { reviews: [{ requestedAt: '2026-03-12 09:00' }] }),
      replied('O-2', [{ requestedAt: '2026-03-09 09:00' }]),
      replied('O-3', [
        { requestedAt: '2026-03-12 09:00', answeredAt: '2026-03-11 09:00', decision: 'upheld' },
      ]),
      replied('O-4', [{ level: 2, requestedAt: '2026-03-12 09:00' }]),
      replied('O-5', [{ requestedAt: '2026-03-12 09:00' }, { requestedAt: '2026-03-14 09:00' }]),
      replied('O-6', [{ requestedAt: '2026-03-12 09:00', answeredAt: '2026-03-13 09:00' }]),
      replied('O-7', [{ requestedAt: '2026-03-12 09:00', decision: 'maintained' }]),
    ];
    const r = await importAs(s.dispatcher, ndjson(lines));
    expectError(r, 400, 'VALIDATION');
    expect(r.body.error.details.map((d: any) => [d.line, d.path, d.message])).toEqual([
      [1, 'reviews.0.requestedAt', '复查申请须在答复之后：此前该件没有答复'],
      [2, 'reviews.0.requestedAt', '复查申请须在答复之后：此前该件没有答复'],
      [3, 'reviews.0.answeredAt', '复查答复时间不能早于申请时间'],
      [4, 'reviews.0.level', '复核之前须先有复查：第一次申请应为复查（level 1）'],
      [5, 'reviews.1.requestedAt', '复核申请须在复查答复之后'],
      [6, 'reviews.0.decision', '请填写复查结论：upheld（维持）或 revised（撤销或变更）'],
      [7, 'reviews.0.decision', 'decision 应为 upheld（维持）或 revised（撤销或变更）'],
    ]);
    expect(await t.deps.db.select().from(cases).where(eq(cases.tenantId, f.id))).toEqual([]);
  });
});

describe('a big batch', () => {
  it('long texts are split into several statements of one atomic batch: all lines land', async () => {
    const { f, s } = await county();
    const long = '群众反映的情况'.repeat(700); // 4,900 characters, about 15 KB in UTF-8
    const lines = Array.from({ length: 120 }, (_, i) =>
      base(`L-${i}`, {
        content: long,
        assignments: [{ unit: '西水乡', events: [{ type: 'dispatched', at: '2026-03-02 10:00' }] }],
      }),
    );
    const r = expectOk(await importAs(s.dispatcher, ndjson(lines)), 201);
    expect(r.imported).toBe(120);
    expect(new Set(r.results.map((x: any) => x.number)).size).toBe(120);
    expect((await stats(s.county, { month: '2026-03' })).tenant.received).toBe(120);
    await expectStatsInStep(t, f.id);
    // imported cases are in the search index like live ones (trigram FTS and number)
    const found = expectOk(
      await s.dispatcher.get(`/cases?q=${encodeURIComponent('群众反映的情况')}&limit=200`),
    );
    expect(found.items.length).toBe(120);
    const one = expectOk(await s.dispatcher.get(`/cases?q=${r.results[7].number}`));
    expect(one.items.map((c: any) => c.number)).toEqual([r.results[7].number]);
  });
});

describe('a batch with one bad line', () => {
  it('is rejected whole, with an error per line (line, path, message), and nothing is written', async () => {
    const { f, s } = await county();
    const lines = [
      FULL,
      base('XF-2026-0102', {
        petitioner: { name: '吴敏', phone: '12345' },
        assignments: [{ unit: '南山镇', events: [{ type: 'dispatched', at: '2026-03-02 10:00' }] }],
      }),
      base('XF-2026-0103', {
        assignments: [
          {
            unit: '西水乡',
            events: [
              { type: 'dispatched', at: '2026-03-02 10:00' },
              { type: 'rated', at: '2026-03-03 10:00', value: 'satisfied' },
            ],
          },
        ],
      }),
      base('XF-2026-0001'),
    ];
    const body = `${ndjson(lines)}\n{not json\n${JSON.stringify(base('XF-2026-0106', { receivedAt: '2026-03-02 25:00' }))}`;
    const r = await importAs(s.dispatcher, body);
    expectError(r, 400, 'VALIDATION');
    const details = r.body.error.details as { line: number; path: string; message: string }[];
    expect(details.map((d) => [d.line, d.path])).toEqual([
      [2, 'petitioner.phone'],
      [2, 'assignments.0.unit'],
      [3, 'assignments.0.events.1'],
      [4, 'externalId'],
      [5, ''],
      [6, 'receivedAt'],
    ]);
    for (const d of details) expect(d.message).toMatch(/\S/);
    expect(details[2]!.message).toContain('不能评价');
    expect(r.body.error.message).toContain('第 2 行');
    expect(await t.deps.db.select().from(cases).where(eq(cases.tenantId, f.id))).toEqual([]);
    const batches = await t.deps.db.select().from(importBatches).where(eq(importBatches.tenantId, f.id));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ status: 'rejected', lineCount: 5, importedCount: 0 });
    expect(batches[0]!.errors).toHaveLength(6);
    expect(r.headers.get('x-import-batch-id')).toBe(batches[0]!.id);
    await expectStatsInStep(t, f.id);
  });

  it('a dry run reports the same without recording anything; the unit roles may not import', async () => {
    const { f, s } = await county();
    const ok = expectOk(await importAs(s.dispatcher, ndjson([FULL]), 'application/x-ndjson', '?dryRun=1'));
    expect(ok).toMatchObject({ status: 'dry-run', imported: 1, batchId: null });
    expect(await t.deps.db.select().from(cases).where(eq(cases.tenantId, f.id))).toEqual([]);
    expectError(await importAs(s.handlerA, ndjson([FULL])), 403, 'FORBIDDEN');
    expectError(await importAs(s.county, ndjson([FULL])), 403, 'FORBIDDEN');
    expectError(await importAs(s.dispatcher, '<xml/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await importAs(s.dispatcher, ''), 400, 'VALIDATION');
  });

  it('more lines than one atomic batch takes are refused: import in parts', async () => {
    const { s } = await county();
    const many = Array.from({ length: 2001 }, (_, i) => base(`B-${i}`));
    const r = await importAs(s.dispatcher, ndjson(many));
    expectError(r, 400, 'VALIDATION');
    expect(r.body.error.message).toContain('2000');
  });
});

describe('the text’s encoding', () => {
  /** The bytes as a client sends them (Desk.req sends text, which is UTF-8 by construction). */
  async function importBytes(d: Desk, bytes: Uint8Array<ArrayBuffer>, type: string) {
    if (!d.cookie) await d.login();
    const res = await t.app.request(`${d.base}/import`, {
      method: 'POST',
      headers: { cookie: d.cookie, 'content-type': type },
      body: bytes,
    });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  }
  const csv = [
    '外部编号,来源渠道,信访目的,标题,诉求内容,姓名,收件时间',
    'G-1,来信,求助,青石路路灯不亮,青石路一带路灯坏了半个多月。,周建国,2026-03-02 09:00',
  ].join('\r\n');

  it('GBK read as UTF-8 is refused whole, naming the first garbled line; charset=gbk reads it right', async () => {
    const { f, s } = await county();
    const wrong = await importBytes(s.dispatcher, gbk(csv), 'text/csv');
    expectError(wrong, 400, 'VALIDATION');
    expect(wrong.body.error.message).toContain('第 1 行');
    expect(wrong.body.error.message).toContain('UTF-8');
    expect(wrong.body.error.details.map((d: any) => [d.line, d.path])).toEqual([
      [1, ''],
      [2, ''],
    ]);
    expect(await t.deps.db.select().from(cases).where(eq(cases.tenantId, f.id))).toEqual([]);
    expect(await t.deps.db.select().from(importBatches).where(eq(importBatches.tenantId, f.id))).toEqual([]);
    // text that holds U+FFFD already (decoded wrongly before it was sent) is refused the same way
    const mangled = ndjson([base('G-2'), base('G-3', { title: '青石路\uFFFD\uFFFD不亮' })]);
    const r = await importAs(s.dispatcher, mangled);
    expectError(r, 400, 'VALIDATION');
    expect(r.body.error.details).toEqual([{ line: 2, path: '', message: expect.stringContaining('U+FFFD') }]);
    // said in the Content-Type, GBK (and GB18030, its superset) is read as such
    expectOk(await importBytes(s.dispatcher, gbk(csv), 'text/csv; charset=gbk'), 201);
    const [row] = await t.deps.db.select().from(cases).where(eq(cases.tenantId, f.id));
    expect(row).toMatchObject({ title: '青石路路灯不亮', petitionerName: '周建国', externalId: 'G-1' });
    const again = expectOk(await importBytes(s.dispatcher, gbk(csv), 'text/csv; charset="GB18030"'), 201);
    expect(again).toMatchObject({ imported: 0, skipped: 1 });
    // any other charset: send UTF-8
    const latin = await importBytes(
      s.dispatcher,
      new TextEncoder().encode(csv),
      'text/csv; charset=iso-8859-1',
    );
    expectError(latin, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(latin.body.error.message).toContain('UTF-8');
  });
});

describe('instants out of range', () => {
  it('every instant lies between 2000 and 2100, or the line is refused: a deadline of 1e20 ms is no date', async () => {
    const { f, s } = await county();
    const routedWith = (at: Record<string, unknown>, accepted: Record<string, unknown> = {}) => [
      {
        unit: '东山镇',
        events: [
          { type: 'dispatched', at: '2026-03-02 10:00', ...at },
          { type: 'accepted', at: '2026-03-03 09:00', ...accepted },
        ],
      },
    ];
    const lines = [
      base('T-1', { assignments: routedWith({ signDueAt: 1e20 }) }),
      base('T-2', { channel: 'transfer', higherLevelDueAt: 1e20 }),
      base('T-3', { assignments: routedWith({}, { replyDueAt: '2100-01-02 00:00' }) }),
      base('T-4', { receivedAt: '1999-12-31 08:00' }),
      base('T-5', { assignments: routedWith({ returnDueAt: -1e20 }) }),
    ];
    const r = await importAs(s.dispatcher, ndjson(lines));
    expectError(r, 400, 'VALIDATION');
    expect(r.body.error.details).toEqual([
      { line: 1, path: 'assignments.0.events.0.signDueAt', message: '时间不能晚于 2100 年' },
      { line: 2, path: 'higherLevelDueAt', message: '时间不能晚于 2100 年' },
      { line: 3, path: 'assignments.0.events.1.replyDueAt', message: '时间不能晚于 2100 年' },
      { line: 4, path: 'receivedAt', message: '时间不能早于 2000 年' },
      { line: 5, path: 'assignments.0.events.0.returnDueAt', message: '时间不能早于 2000 年' },
    ]);
    expect(await t.deps.db.select().from(cases).where(eq(cases.tenantId, f.id))).toEqual([]);
    // a far deadline inside the range imports, and the case's papers print it
    const ok = expectOk(
      await importAs(
        s.dispatcher,
        ndjson([base('T-6', { assignments: routedWith({ signDueAt: '2099-12-31 17:00' }) })]),
      ),
      201,
    );
    const [a] = await t.deps.db
      .select()
      .from(assignments)
      .where(eq(assignments.caseId, ok.results[0].caseId));
    const paper = await s.dispatcher.get(`/assignments/${a!.id}/documents/dispatch`);
    expect(paper.status).toBe(200);
  });
});

describe('importing again', () => {
  it('skips the lines already imported and says so; only new lines are written', async () => {
    const { f, s } = await county();
    const first = expectOk(await importAs(s.dispatcher, ndjson([FULL])), 201);
    const again = expectOk(await importAs(s.dispatcher, ndjson([FULL, base('XF-2026-0009')])), 201);
    expect(again).toMatchObject({ imported: 1, skipped: 1 });
    expect(again.results[0]).toMatchObject({
      line: 1,
      status: 'skipped',
      caseId: first.results[0].caseId,
      number: '2026-000001',
      message: '该外部编号已导入，跳过',
    });
    expect(again.results[1]).toMatchObject({ line: 2, status: 'imported', number: '2026-000002' });
    const third = expectOk(await importAs(s.dispatcher, ndjson([FULL, base('XF-2026-0009')])), 201);
    expect(third).toMatchObject({ imported: 0, skipped: 2 });
    // an id twice in a batch is an error even when it was imported before: which line is meant?
    // (a corrected title on the second would be lost as a skip)
    const twice = await importAs(s.dispatcher, ndjson([FULL, { ...FULL, title: '青石路路灯不亮（更正）' }]));
    expectError(twice, 400, 'VALIDATION');
    expect(twice.body.error.details).toEqual([
      { line: 2, path: 'externalId', message: '外部编号与第 1 行重复' },
    ]);
    const rows = await t.deps.db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, f.id)));
    expect(rows).toHaveLength(2);
    const before = await stats(s.county, { month: '2026-03' });
    expect(before.tenant.received).toBe(1);
    // a rebuild from the event log changes nothing; only the admin may ask for one
    expectError(await s.dispatcher.post('/stats/rebuild'), 403, 'FORBIDDEN');
    const rebuilt = expectOk(await s.admin.post('/stats/rebuild'));
    expect(rebuilt).toMatchObject({ cases: 2, assignments: 1 });
    expect(await stats(s.county, { month: '2026-03' })).toEqual(before);
    await expectStatsInStep(t, f.id);
  });
});

describe('the console’s CSV upload', () => {
  it('takes the flat layout with Chinese headers, one row per case and unit', async () => {
    const { f, s } = await county();
    const csv = [
      '外部编号,类型,来源渠道,信访目的,内容分类,所属乡镇,标题,诉求内容,姓名,联系电话,收件时间,承办单位,主协办,交办时间,签收时间,受理时间,答复时间,答复内容,办结时间,评价,评价时间,信访部门评价',
      'C-1,信访,来信,求助,城乡建设,东山镇,路灯不亮,"青石路路灯坏了，晚上出行不安全。",周建国,13912345678,2026-03-02 09:00,东山镇,主办,2026-03-02 10:00,2026-03-02 11:00,2026-03-02 12:00,2026-03-05 10:00,"已维修，""恢复照明""。",2026-03-05 11:00,满意,2026-03-06 10:00,基本满意',
      'C-1,信访,来信,求助,城乡建设,东山镇,路灯不亮,青石路路灯坏了,周建国,13912345678,2026-03-02 09:00,县住建局,协办,2026-03-02 10:00,,,,,,,,',
      'C-2,问政,网上投诉,咨询,,,"咨询办证流程",怎么办理居住证,,,2026-03-09 09:00,,,,,,,,,,,',
    ].join('\r\n');
    const r = expectOk(await importAs(s.dispatcher, csv, 'text/csv; charset=utf-8'), 201);
    expect(r).toMatchObject({ imported: 2, lines: 2 });
    expect(r.results.map((x: any) => x.line)).toEqual([2, 4]);
    const march = await stats(s.county, { month: '2026-03' });
    expect(march.tenant).toMatchObject({
      received: 2,
      closed: 1,
      satisfactionRate: 1,
      bureauSatisfactionRate: 1,
    });
    expect(unitOf(march, f.units.deptB)).toMatchObject({ received: 1, closed: 0 });
    const reply = await t.deps.db.select().from(replies).where(eq(replies.tenantId, f.id));
    expect(reply.map((x) => x.body)).toEqual(['已维修，"恢复照明"。']);
    const bad = await importAs(
      s.dispatcher,
      '外部编号,来源渠道,信访目的,标题,诉求内容,收件时间,颜色\r\nC-9,来信,求助,t,c,2026-03-02 09:00,红',
      'text/csv',
    );
    expectError(bad, 400, 'VALIDATION');
    expect(bad.body.error.details).toEqual([{ line: 1, path: '颜色', message: '未知的列：颜色' }]);
    await expectStatsInStep(t, f.id);
  });

  it('a problem of a case’s second row is reported on that row: a row copied twice, a unit twice', async () => {
    const { s } = await county();
    const header = '外部编号,来源渠道,信访目的,标题,诉求内容,收件时间,承办单位,主协办,交办时间,签收时间';
    const row = (id: string, unit: string, role = '主办', signed = '') =>
      `${id},来信,求助,路灯不亮,青石路路灯坏了,2026-03-02 09:00,${unit},${role},2026-03-02 10:00,${signed}`;
    const csv = [
      header,
      row('D-1', '东山镇'),
      row('D-1', '县住建局', '协办'),
      row('D-1', '东山镇'), // line 4: a copy of line 2
      row('D-2', '东山镇'),
      row('D-2', '东山镇', '协办', '2026-03-02 11:00'), // line 6: the same unit again
      row('D-3', '东山镇'),
      row('D-3', '西水乡'), // line 8: a second lead
    ].join('\r\n');
    const r = await importAs(s.dispatcher, csv, 'text/csv');
    expectError(r, 400, 'VALIDATION');
    expect(r.body.error.details).toEqual([
      { line: 4, path: '', message: '与第 2 行完全相同（重复的行），请删除' },
      { line: 6, path: 'assignments.1.unit', message: '同一单位不能重复交办（退件的除外）' },
      { line: 8, path: 'assignments.1.role', message: '同一件只能有一个主办单位（退件的除外）' },
    ]);
    // a header's problem once each: a column twice, an unknown name twice
    const head = await importAs(
      s.dispatcher,
      `${header},标题,颜色,颜色\r\n${row('D-4', '东山镇')},t,红,红`,
      'text/csv',
    );
    expectError(head, 400, 'VALIDATION');
    expect(head.body.error.details).toEqual([
      { line: 1, path: '标题', message: '列“标题”重复（第 4 列和第 11 列）' },
      { line: 1, path: '颜色', message: '未知的列：颜色' },
    ]);
  });
});
