// Deadlines at their edges, each found wrong by an audit against DOMAIN.md: a year begun without
// its national holiday schedule, a higher level's deadline that no county extension may pass, the
// bureau's 30 days to answer a 复查 apart from the citizen's window to ask for one, a reply deadline
// missed again after a late extension, and a 督办 deadline that passed.
import { describe, expect, it } from 'vitest';
import { ADMIN, as } from '../fixtures/app';
import { answerThroughStaff, idemKey, petition, portal, townStaff } from './portal-helpers';
import {
  assignmentRow,
  caseAt,
  eventsOfAssignment,
  expectOk,
  move,
  remindersOf,
  replyFully,
  sh,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county, sweep } = workflowBench('edge');

describe('a year without its national schedule', () => {
  it('is warned of in the county and on the platform while it runs, not only the year before', async () => {
    const { s } = await county();
    // December 2026: 2026 is known (the package), 2027 is the coming year
    t.clock.set(sh(2026, 12, 20, 9));
    const before = expectOk(await s.admin.get('/settings')).warnings as string[];
    expect(before).toHaveLength(1);
    expect(before[0]).toMatch(/^2027年全国节假日安排尚未录入/);
    // 5 January 2027, nothing entered: this year's schedule is missing, and said first
    t.clock.set(sh(2027, 1, 5, 9));
    const county2027 = expectOk(await s.admin.get('/settings')).warnings as string[];
    expect(county2027[0]).toMatch(
      /^今年（2027年）的全国节假日安排尚未录入：今年的工作日期限正按普通周末计算/,
    );
    expect(county2027[1]).toMatch(/^2028年全国节假日安排尚未录入/);
    const root = t.client();
    await root.login(ADMIN.login, ADMIN.password);
    const platform = (await root.get('/api/admin/holidays')).body.warnings as string[];
    expect(platform[0]).toMatch(/^今年（2027年）的全国节假日安排尚未录入/);
    expect(platform).toHaveLength(2);
    // New Year entered alone: begun, not known; with the Spring Festival and National Day, known
    const put = (days: string[]) =>
      root.req('PUT', '/api/admin/holidays', { days: days.map((day) => ({ day, workday: false })) });
    expect((await put(['2027-01-01'])).status).toBe(200);
    const begun = expectOk(await s.admin.get('/settings')).warnings as string[];
    expect(begun[0]).toMatch(/^2027年全国节假日安排录入不完整（尚缺元旦、春节或国庆）/);
    expect((await root.get('/api/admin/holidays')).body.warnings[0]).toMatch(
      /^2027年全国节假日安排录入不完整/,
    );
    expect((await put(['2027-02-08', '2027-10-01'])).status).toBe(200);
    const known = expectOk(await s.admin.get('/settings')).warnings as string[];
    expect(known).toHaveLength(1);
    expect(known[0]).toMatch(/^2028年/);
  });
});

describe('a case transferred from a higher level', () => {
  it('is never extended past the higher level’s deadline; with room left, up to it', async () => {
    const { s } = await county();
    // the higher level wants the answer by 24:00 on 9 March; the county's own 15 days run to the 17th
    const { a } = await caseAt(s, ['sign', 'accept'], {
      channel: 'transfer',
      higherLevelDueAt: sh(2026, 3, 10),
    });
    expect(a.replyDueAt).toBe(sh(2026, 3, 10));
    const asked = await move(s.handlerA, a, 'request-extension', { days: 10, reason: '需现场测量' });
    expect(asked.status).toBe(409);
    expect(asked.body.error.message).toContain('上级限定的期限');
    expect((await assignmentRow(t, a.id)).pendingExtensionDays).toBeNull();
    // the case page does not offer what the server refuses
    const detail = expectOk(await s.handlerA.get(`/cases/${a.caseId}`));
    expect(detail.assignments[0].actions).not.toContain('request-extension');

    // a later higher-level deadline (the 25th) leaves 8 days after the county's own (the 17th)
    const roomy = await caseAt(s, ['sign', 'accept'], {
      channel: 'transfer',
      higherLevelDueAt: sh(2026, 3, 26),
    });
    expect(roomy.a.replyDueAt).toBe(sh(2026, 3, 18));
    let x = await step(s.handlerA, roomy.a, 'request-extension', { days: 15, reason: '需现场测量' });
    x = await step(s.dispatcher, x, 'approve-extension', {});
    expect(x.replyDueAt).toBe(sh(2026, 3, 26));
  });
});

describe('the bureau’s answer to a 复查', () => {
  it('is due 30 days after the request, whatever window the county gives citizens to ask', async () => {
    const { f } = await county();
    const admin = await as(t, f, 'admin');
    const settings = await admin.get(`/api/t/${f.slug}/settings`);
    expect(
      (
        await admin.patch(`/api/t/${f.slug}/settings`, {
          version: settings.body.version,
          patch: { deadlines: { reviewWindow: { days: 60, unit: 'natural' } } },
        })
      ).status,
    ).toBe(200);
    t.clock.set(sh(2026, 3, 2, 9));
    const citizen = t.client();
    const sub = await citizen.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const staff = await townStaff(t, f);
    const { caseId } = await answerThroughStaff(
      staff,
      f.slug,
      sub.body.number,
      f.units.townA,
      '经核实，不属实。',
    );
    t.clock.set(sh(2026, 3, 3, 10));
    const asked = await citizen.post(`${portal(f.slug)}/review`, {
      queryCode: sub.body.queryCode,
      secret: sub.body.secret,
      kind: 'review',
      reason: '对答复不服，申请复查。',
    });
    expect(asked.status).toBe(200);
    const dispatcher = await as(t, f, 'dispatcher');
    const detail = (await dispatcher.get(`/api/t/${f.slug}/cases/${caseId}`)).body;
    expect(detail.review.dueAt).toBe(sh(2026, 4, 3));
    // the sweep says so the day the 30 days end, naming them
    t.clock.set(sh(2026, 4, 3, 7));
    await sweep(f);
    const overdue = (await remindersOf(t, f)).filter((r) => r.caseId === caseId && r.kind === 'overdue');
    expect(overdue.map((r) => r.message)).toEqual([
      `${sub.body.number} 复查意见已逾期（收到申请后 30 日），请尽快答复`,
    ]);
  });
});

describe('the sweep after a deadline moved', () => {
  it('flags a reply overdue again when it misses the deadline an extension granted late', async () => {
    const { s, f } = await county();
    // accepted 2 March: 15 days → due 24:00 on the 17th
    let a = (await caseAt(s, ['sign', 'accept'])).a;
    expect(a.replyDueAt).toBe(sh(2026, 3, 18));
    a = await step(s.handlerA, a, 'request-extension', { days: 10, reason: '需现场测量' });
    t.clock.set(sh(2026, 3, 18, 7));
    expect((await sweep(f)).overdueFlagged).toBe(1);
    // the bureau grants it after the deadline: due 24:00 on the 27th, the flag taken off
    t.clock.set(sh(2026, 3, 18, 9));
    a = await step(s.dispatcher, a, 'approve-extension', {});
    expect(a.replyDueAt).toBe(sh(2026, 3, 28));
    expect((await assignmentRow(t, a.id)).overdueFlags).toBe('');
    t.clock.set(sh(2026, 3, 27, 7));
    expect(await sweep(f)).toMatchObject({ overdueFlagged: 0, remindersWritten: 1 });
    t.clock.set(sh(2026, 3, 28, 7));
    expect(await sweep(f)).toMatchObject({ overdueFlagged: 1, remindersWritten: 1 });
    const late = (await eventsOfAssignment(t, a.id)).filter((e) => e.type === 'assignment.overdue');
    expect(late.map((e) => e.payload)).toEqual([{ step: 'reply' }, { step: 'reply' }]);
    const reminders = (await remindersOf(t, f)).filter((r) => r.kind === 'overdue');
    expect(reminders).toHaveLength(2);
  });

  it('says a 督办 deadline passed, once, and still warns of the reply coming due behind it', async () => {
    const { s, f } = await county();
    let a = (await caseAt(s, ['sign', 'accept'])).a;
    // supervised to 24:00 on the 5th; the reply is due 24:00 on the 17th
    a = await step(s.dispatcher, a, 'supervise', { note: '请加快核查', dueAt: sh(2026, 3, 6) });
    t.clock.set(sh(2026, 3, 6, 7));
    expect(await sweep(f)).toMatchObject({ overdueFlagged: 1, remindersWritten: 1 });
    expect(await sweep(f)).toMatchObject({ overdueFlagged: 0, remindersWritten: 0 });
    const flagged = (await eventsOfAssignment(t, a.id)).filter((e) => e.type === 'assignment.overdue');
    expect(flagged.map((e) => e.payload)).toEqual([{ step: 'supervision', dueAt: sh(2026, 3, 6) }]);
    expect((await remindersOf(t, f)).filter((r) => r.kind === 'overdue').map((r) => r.message)).toEqual([
      expect.stringContaining('督办期限已过'),
    ]);
    // the morning of the reply's last day: its due-soon reminder, though the light is red for 督办
    t.clock.set(sh(2026, 3, 17, 7));
    expect(await sweep(f)).toMatchObject({ overdueFlagged: 0, remindersWritten: 1 });
    const soon = (await remindersOf(t, f)).filter((r) => r.kind === 'due_soon').map((r) => r.message);
    expect(soon).toContainEqual(expect.stringContaining('答复将于 24 小时内到期'));
    // the next day the reply is overdue as well, flagged on its own
    t.clock.set(sh(2026, 3, 18, 7));
    expect(await sweep(f)).toMatchObject({ overdueFlagged: 1 });
    // a new 督办 with a new deadline can be missed again
    a = expectOk(await s.dispatcher.get(`/cases/${a.caseId}`)).assignments[0];
    a = await step(s.dispatcher, a, 'supervise', { note: '再次督办', dueAt: sh(2026, 3, 21) });
    t.clock.set(sh(2026, 3, 21, 7));
    expect(await sweep(f)).toMatchObject({ overdueFlagged: 1 });
    expect((await assignmentRow(t, a.id)).overdueFlags).toBe(
      `supervision@${sh(2026, 3, 6)},reply,supervision@${sh(2026, 3, 21)}`,
    );
  });

  it('a rating window closed during downtime is recorded as closed when it ended', async () => {
    const { s, f } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    const replied = await replyFully(s, a);
    expect(replied.ratingDueAt).toBe(sh(2026, 3, 18));
    // the first sweep after a fortnight down
    t.clock.set(sh(2026, 4, 1, 7));
    expect((await sweep(f)).ratingsExpired).toBe(1);
    expect(await assignmentRow(t, a.id)).toMatchObject({ state: 'unrated', unratedAt: sh(2026, 3, 18) });
  });
});

describe('an extension request still waiting when the reply goes out', () => {
  it('lapses with the reply: out of the 延期申请 queue and count, said on the timeline', async () => {
    const { s } = await county();
    const { a, caseId } = await caseAt(s, ['sign', 'accept']);
    await step(s.handlerA, a, 'request-extension', { days: 10, reason: '需现场测量' });
    expect(expectOk(await s.dispatcher.get('/queues')).extensionRequests).toBe(1);
    const row = expectOk(await s.dispatcher.get(`/cases/${caseId}`)).assignments[0];
    const sent = await replyFully(s, row);
    expect(sent).toMatchObject({ state: 'replied', pendingExtensionDays: null });
    expect(expectOk(await s.dispatcher.get('/queues')).extensionRequests).toBe(0);
    expect(expectOk(await s.dispatcher.get('/assignments', { pendingExtension: 'true' })).items).toEqual([]);
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(detail.assignments[0].actions).not.toContain('approve-extension');
    expect(detail.timeline.map((e: { text: string }) => e.text)).toContainEqual(
      expect.stringContaining('尚未审批的延期申请 10 天随之失效'),
    );
  });
});

describe('督办 and the reminders that carry it', () => {
  it('a second 督办 without a date keeps the deadline the unit was given, and each reaches the unit', async () => {
    const { s, f } = await county();
    let a = (await caseAt(s, ['sign', 'accept'])).a;
    a = await step(s.dispatcher, a, 'supervise', { note: '请于10日前办结', dueAt: sh(2026, 3, 11) });
    a = await step(s.dispatcher, a, 'supervise', { note: '再次督办：请尽快答复' });
    expect(a.supervisionDueAt).toBe(sh(2026, 3, 11));
    const ev = (await eventsOfAssignment(t, a.id)).filter((e) => e.type === 'assignment.supervised');
    expect(ev.map((e) => e.payload?.dueAt)).toEqual([sh(2026, 3, 11), sh(2026, 3, 11)]);
    // the 督办单 still gives the date
    const paper = await s.handlerA.download(`/assignments/${a.id}/documents/supervision`);
    expect(paper.text).toContain('请于2026年3月10日前办结');
    // the unit is told of each, with the date it owes
    const told = (await remindersOf(t, f)).filter((r) => r.kind === 'supervised').map((r) => r.message);
    expect(told).toHaveLength(2);
    expect(told[1]).toMatch(/督办：再次督办：请尽快答复（请于2026年3月10日前办结）$/);
    const mine = expectOk(await s.handlerA.get('/reminders?unread=1')).items.map((r: any) => r.kind);
    expect(mine).toEqual(['supervised', 'supervised']);
  });

  it('全部标为已读 marks what the reader’s list held, not a reminder written after it was loaded', async () => {
    const { s } = await county();
    let a = (await caseAt(s, ['sign', 'accept'])).a;
    a = await step(s.dispatcher, a, 'urge', { message: '请加快办理' });
    const shown = expectOk(await s.handlerA.get('/reminders?unread=1')).items;
    t.clock.advance(60_000);
    await step(s.dispatcher, a, 'urge', { message: '县领导批示，今天下班前报送进展' });
    const upTo = Math.max(...shown.map((r: any) => r.createdAt));
    expect(expectOk(await s.handlerA.post('/reminders/read', { all: true, upTo })).read).toBe(1);
    const left = expectOk(await s.handlerA.get('/reminders?unread=1')).items.map((r: any) => r.message);
    expect(left).toEqual([expect.stringContaining('县领导批示')]);
  });
});
