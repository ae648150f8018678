// Deadlines and lights at fixed clocks (every deadline ends at 24:00 Asia/Shanghai; yellow within a
// day; red from the deadline on), working-day rules across 调休 and a county's own closure, and the
// sweep: overdue steps flagged once with one reminder each, 超期未评 after the rating window, and a
// second run that changes nothing.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { runSweepAllTenants } from '../../workers/services/workflow/sweep';
import {
  assignmentRow,
  caseAt,
  caseRow,
  eventsOfAssignment,
  expectOk,
  remindersOf,
  replyFully,
  sh,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county, sweep } = workflowBench('dl');

describe('deadlines and lights at fixed clocks', () => {
  it('the accept deadline ends at 24:00 Shanghai: green, yellow within a day, red from the deadline on', async () => {
    const { s } = await county();
    // routed Monday 2 March 09:00: 5 natural days to accept → the end of Saturday 7 March
    const { a } = await caseAt(s, ['sign']);
    expect(a.acceptDueAt).toBe(sh(2026, 3, 8));
    expect(a.acceptDueAt).toBe(Date.UTC(2026, 2, 7, 16, 0));
    expect(a.due).toEqual({ step: 'accept', dueAt: sh(2026, 3, 8) });
    const lightAt = async (at: number) => {
      t.clock.set(at);
      const row = expectOk(await s.handlerA.get('/assignments')).items[0];
      return row.light;
    };
    expect(await lightAt(sh(2026, 3, 6, 23, 59, 59, 999))).toBe('green');
    expect(await lightAt(sh(2026, 3, 7, 0, 0))).toBe('yellow');
    expect(await lightAt(sh(2026, 3, 7, 23, 59, 59, 999))).toBe('yellow');
    expect(await lightAt(sh(2026, 3, 8, 0, 0))).toBe('red');
    expect(await lightAt(sh(2026, 3, 9, 10))).toBe('red');
  });

  it('the light filters and the workbench agree with the light at the exact instants', async () => {
    const { s } = await county();
    const { a } = await caseAt(s);
    const ids = async (light: string) =>
      expectOk(await s.dispatcher.get('/assignments', { light })).items.map((x: any) => x.id);
    // exactly one day before the sign deadline: yellow
    t.clock.set(a.signDueAt - 86_400_000);
    expect(await ids('yellow')).toEqual([a.id]);
    expect(await ids('green')).toEqual([]);
    expect(expectOk(await s.dispatcher.get('/queues')).dueSoon).toBe(1);
    // at the deadline itself: red, not yellow
    t.clock.set(a.signDueAt);
    expect(await ids('red')).toEqual([a.id]);
    expect(await ids('yellow')).toEqual([]);
    const q = expectOk(await s.dispatcher.get('/queues'));
    expect([q.overdue, q.dueSoon]).toEqual([1, 0]);
    // signing late is allowed, but the next step starts counting
    const x = await step(s.handlerA, { id: a.id, version: a.version }, 'sign');
    expect(x).toMatchObject({
      state: 'signed',
      light: 'green',
      due: { step: 'accept', dueAt: sh(2026, 3, 8) },
    });
  });

  it('a 12345 work order signed within 1 working day counts Saturday 28 February, a make-up working day', async () => {
    const { s } = await county();
    t.clock.set(sh(2026, 2, 27, 16));
    const { a } = await caseAt(s, [], { kind: 'hotline', purpose: 'question' });
    expect(a.signDueAt).toBe(sh(2026, 3, 1));
    // a question gets 2 working days to answer, so accepted on Friday 6 March it is due Tuesday
    t.clock.set(sh(2026, 3, 6, 9));
    let x = await step(s.handlerA, a, 'sign');
    x = await step(s.handlerA, x, 'accept');
    expect(x.replyDueAt).toBe(sh(2026, 3, 11));
  });

  it('a county’s own closure day moves a working-day deadline', async () => {
    const { s } = await county();
    expectOk(
      await s.admin.req('PUT', '/holidays', { day: '2026-03-09', workday: false, note: '县城停电停止办公' }),
    );
    // the calendar is cached for a minute per county
    t.clock.set(sh(2026, 3, 6, 10));
    const { a } = await caseAt(s, [], { kind: 'hotline', purpose: 'help' });
    expect(a.signDueAt).toBe(sh(2026, 3, 11));
  });

  it('a 最多投一次 case must be signed the day it is routed', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, [], { flags: { fastTrack: true } });
    expect(a.signDueAt).toBe(sh(2026, 3, 3));
    t.clock.set(sh(2026, 3, 2, 23));
    expect(expectOk(await s.handlerA.get('/assignments')).items[0].light).toBe('yellow');
  });
});

describe('the sweep (晨提醒亮灯)', () => {
  it('flags a newly overdue step once, with one reminder, and a second run changes nothing', async () => {
    const { s, f } = await county();
    const { a, number } = await caseAt(s);
    // the evening before the deadline: only a due-soon reminder
    t.clock.set(sh(2026, 3, 3, 8));
    expect(await sweep(f)).toEqual({
      overdueFlagged: 0,
      ratingsExpired: 0,
      remindersWritten: 1,
      orphanFilesRemoved: 0,
    });
    expect(await sweep(f)).toEqual({
      overdueFlagged: 0,
      ratingsExpired: 0,
      remindersWritten: 0,
      orphanFilesRemoved: 0,
    });
    // the next morning the sign step is overdue
    t.clock.set(sh(2026, 3, 4, 7));
    expect(await sweep(f)).toEqual({
      overdueFlagged: 1,
      ratingsExpired: 0,
      remindersWritten: 1,
      orphanFilesRemoved: 0,
    });
    const before = {
      events: await eventsOfAssignment(t, a.id),
      reminders: await remindersOf(t, f),
      row: await assignmentRow(t, a.id),
    };
    expect(before.row).toMatchObject({ overdueFlags: 'sign', version: 1 });
    expect(before.events.filter((e) => e.type === 'assignment.overdue').map((e) => e.payload)).toEqual([
      { step: 'sign' },
    ]);
    const overdue = before.reminders.filter((r) => r.kind === 'overdue');
    expect(overdue).toMatchObject([
      { unitId: f.units.townA, assignmentId: a.id, message: `${number} 签收已逾期，请尽快办理` },
    ]);
    // a second run, and a third an hour later: nothing more
    expect(await sweep(f)).toEqual({
      overdueFlagged: 0,
      ratingsExpired: 0,
      remindersWritten: 0,
      orphanFilesRemoved: 0,
    });
    t.clock.set(sh(2026, 3, 4, 8));
    expect(await sweep(f)).toEqual({
      overdueFlagged: 0,
      ratingsExpired: 0,
      remindersWritten: 0,
      orphanFilesRemoved: 0,
    });
    expect(await eventsOfAssignment(t, a.id)).toEqual(before.events);
    expect(await remindersOf(t, f)).toEqual(before.reminders);
    expect(await assignmentRow(t, a.id)).toEqual(before.row);
    // the unit sees its reminders; another unit sees none
    const mine = expectOk(await s.handlerA.get('/reminders'))
      .items.map((r: any) => r.kind)
      .sort();
    expect(mine).toEqual(['due_soon', 'overdue']);
    expect(expectOk(await s.handlerB.get('/reminders')).items).toEqual([]);
    // read: one by id, another unit cannot touch it, then all; nothing named is a clear 400
    const ids = expectOk(await s.handlerA.get('/reminders?unread=1')).items.map((r: any) => r.id);
    expect(expectOk(await s.handlerB.post('/reminders/read', { ids })).read).toBe(0);
    expect(expectOk(await s.handlerA.post('/reminders/read', { ids: [ids[0]] })).read).toBe(1);
    expect(expectOk(await s.handlerA.get('/reminders?unread=1')).items).toHaveLength(1);
    expect(expectOk(await s.handlerA.post('/reminders/read', { all: true })).read).toBe(1);
    expect(expectOk(await s.handlerA.get('/reminders?unread=1')).items).toEqual([]);
    expect(expectOk(await s.handlerA.get('/reminders')).items).toHaveLength(2);
    // each person marks their own: the handler reading them hides them neither from the unit's
    // leader nor from the bureau, and the bureau reading them does not hide them from the unit
    expect(expectOk(await s.leaderA.get('/reminders?unread=1')).items).toHaveLength(2);
    const bureauUnread = expectOk(await s.dispatcher.get('/reminders?unread=1')).items;
    expect(bureauUnread.map((r: any) => r.kind).sort()).toEqual(['due_soon', 'overdue']);
    expect(expectOk(await s.dispatcher.post('/reminders/read', { all: true })).read).toBe(2);
    expect(expectOk(await s.dispatcher.get('/reminders?unread=1')).items).toEqual([]);
    expect(expectOk(await s.leaderA.get('/reminders?unread=1')).items).toHaveLength(2);
    expect(expectOk(await s.leaderA.post('/reminders/read', { all: true })).read).toBe(2);
    expect(expectOk(await s.leaderA.post('/reminders/read', { all: true })).read).toBe(0);
    const nothing = await s.handlerA.post('/reminders/read', {});
    expect(nothing.status).toBe(400);
  });

  it('each step late is flagged on its own: sign, then accept, one reminder per step', async () => {
    const { s, f } = await county();
    const { a } = await caseAt(s);
    t.clock.set(sh(2026, 3, 4, 7));
    await sweep(f);
    let x = await step(s.handlerA, a, 'sign');
    t.clock.set(sh(2026, 3, 8, 7));
    expect((await sweep(f)).overdueFlagged).toBe(1);
    expect(await sweep(f)).toMatchObject({ overdueFlagged: 0, remindersWritten: 0, orphanFilesRemoved: 0 });
    x = await step(s.handlerA, x, 'accept');
    const overdue = (await remindersOf(t, f)).filter((r) => r.kind === 'overdue');
    expect(overdue.map((r) => r.message.split(' ')[1]).sort()).toEqual([
      '受理已逾期，请尽快办理',
      '签收已逾期，请尽快办理',
    ]);
    expect((await assignmentRow(t, a.id)).overdueFlags).toBe('sign,accept');
    expect(x.state).toBe('accepted');
  });

  it('marks 超期未评 once the rating window passed, and not before', async () => {
    const { s, f } = await county();
    const { a, caseId } = await caseAt(s, ['sign', 'accept']);
    const replied = await replyFully(s, a);
    expect(replied.ratingDueAt).toBe(sh(2026, 3, 18));
    t.clock.set(sh(2026, 3, 17, 23, 59));
    expect((await sweep(f)).ratingsExpired).toBe(0);
    t.clock.set(sh(2026, 3, 18, 0, 0));
    expect((await sweep(f)).ratingsExpired).toBe(1);
    const row = await assignmentRow(t, a.id);
    expect(row).toMatchObject({ state: 'unrated', unratedAt: sh(2026, 3, 18) });
    expect((await caseRow(t, caseId)).status).toBe('closed');
    const ev = (await eventsOfAssignment(t, a.id)).at(-1)!;
    expect(ev).toMatchObject({
      type: 'assignment.rating_expired',
      actorRole: 'system',
      fromState: 'replied',
      toState: 'unrated',
    });
    expect(await sweep(f)).toEqual({
      overdueFlagged: 0,
      ratingsExpired: 0,
      remindersWritten: 0,
      orphanFilesRemoved: 0,
    });
    // too late to rate now
    const late = await s.dispatcher.post(`/assignments/${a.id}/rate`, {
      version: row.version,
      value: 'satisfied',
    });
    expect(late.status).toBe(409);
  });

  it('sweeps every county, each only its own cases', async () => {
    const a = await county();
    const b = await county();
    const inA = await caseAt(a.s);
    const inB = await caseAt(b.s);
    // county B supervises with an earlier deadline, so its queue works against supervision
    await step(b.s.dispatcher, inB.a, 'supervise', { note: '请当天签收', dueAt: sh(2026, 3, 3) });
    t.clock.set(sh(2026, 3, 5, 7));
    // sweeping county A alone leaves county B untouched
    expect((await sweep(a.f)).overdueFlagged).toBe(1);
    expect((await assignmentRow(t, inB.a.id)).overdueFlags).toBe('');
    // (county B holds only the 督办's own notice to its unit)
    expect((await remindersOf(t, b.f)).map((r) => r.kind)).toEqual(['supervised']);
    const foreign = await t.deps.db
      .select()
      .from(events)
      .where(and(eq(events.tenantId, a.f.id), eq(events.assignmentId, inB.a.id)));
    expect(foreign).toEqual([]);
    const all = await runSweepAllTenants(t.deps);
    // county B's sign step and its 督办 deadline, each flagged
    expect(all[b.f.slug]).toMatchObject({ overdueFlagged: 2 });
    expect(all[a.f.slug]).toMatchObject({ overdueFlagged: 0 });
    expect((await assignmentRow(t, inB.a.id)).overdueFlags).toBe(`sign,supervision@${sh(2026, 3, 3)}`);
    expect((await assignmentRow(t, inA.a.id)).overdueFlags).toBe('sign');
    expect((await remindersOf(t, b.f)).map((r) => r.tenantId)).toEqual([b.f.id, b.f.id, b.f.id]);
  });
});
