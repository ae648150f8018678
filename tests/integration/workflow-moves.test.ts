// Every move of an assignment and every refusal: wrong role, wrong unit, wrong state, stale
// version, too late to return, extension beyond the limit, a reply sent before the leader approved
// it, rework only after an unsatisfied rating, and the citizen's review (复查) window.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { citizenActor } from '../../workers/services/workflow/common';
import { requestByCitizen } from '../../workers/services/workflow/citizen';
import { moveAssignment } from '../../workers/services/workflow/moves';
import { routeCase } from '../../workers/services/workflow/routing';
import {
  assignmentRow,
  caseAt,
  caseRow,
  DAY,
  type Desks,
  eventsOf,
  eventsOfAssignment,
  expectError,
  expectOk,
  HOUR,
  move,
  register,
  replyFully,
  routeTo,
  serviceCtxFor,
  sh,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('mv');

describe('a case goes the whole way, from the phone call to the citizen rating', () => {
  it('sign, accept, reply with leader approval, close, rate: the case follows its assignment', async () => {
    const { s } = await county();
    const { caseId, a } = await caseAt(s);
    expect(a.state).toBe('dispatched');
    let x = await step(s.handlerA, a, 'sign');
    expect(x).toMatchObject({ state: 'signed', version: 2, caseStatus: 'in_progress' });
    t.clock.advance(2 * HOUR);
    x = await step(s.handlerA, x, 'accept');
    expect(x.state).toBe('accepted');
    // a petition for help: 15 natural days from acceptance, ending at 24:00 Shanghai
    expect(x.replyDueAt).toBe(sh(2026, 3, 18));
    x = await step(s.handlerA, x, 'reply', { body: '已安排施工队修复。' });
    // a move answers the row as the queue shows it
    expect(x).toMatchObject({
      state: 'accepted',
      replyStatus: 'draft',
      unitName: '东山镇',
      caseNumber: '2026-000001',
    });
    x = await step(s.handlerA, x, 'submit-reply');
    expect(x.replyStatus).toBe('pending_review');
    const queued = expectOk(await s.leaderA.get('/assignments')).items[0];
    expect(queued).toMatchObject({ id: a.id, replyStatus: 'pending_review', title: x.title });
    x = await step(s.leaderA, x, 'approve-reply', { note: '同意答复' });
    x = await step(s.handlerA, x, 'send-reply');
    expect(x).toMatchObject({ state: 'replied', caseStatus: 'replied' });
    expect(x.ratingDueAt).toBe(sh(2026, 3, 18));
    x = await step(s.handlerA, x, 'close');
    expect(x).toMatchObject({ state: 'closed', caseStatus: 'closed' });
    // a call-back (回访): the dispatcher records the citizen's rating
    x = await step(s.dispatcher, x, 'rate', { value: 'satisfied', bureauValue: 'basic' });
    expect(x).toMatchObject({ state: 'rated', rating: 'satisfied', caseStatus: 'rated' });
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(detail.case.status).toBe('rated');
    expect(detail.ratings.map((r: any) => [r.target, r.value]).sort()).toEqual([
      ['bureau', 'basic'],
      ['unit', 'satisfied'],
    ]);
    expect(detail.replies).toMatchObject([{ status: 'sent', body: '已安排施工队修复。' }]);
  });

  it('a unit refuses a case with a reason and a written notice; the case is closed', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign']);
    expectError(await move(s.handlerA, a, 'refuse', { reason: '不属于信访事项' }), 400, 'VALIDATION');
    const x = await step(s.handlerA, a, 'refuse', {
      reason: '属于诉讼程序处理的事项',
      notice: '您反映的事项已进入诉讼程序，依法不予受理。',
    });
    expect(x).toMatchObject({
      state: 'refused',
      refuseReason: '属于诉讼程序处理的事项',
      caseStatus: 'closed',
    });
  });
});

describe('who may make a move', () => {
  it('a county leader reads but every move is 403, and nothing changes', async () => {
    const { s } = await county();
    const { a } = await caseAt(s);
    for (const m of ['sign', 'accept', 'urge', 'supervise', 'close'])
      expectError(await move(s.county, a, m, { note: '看看', message: '快办' }), 403, 'FORBIDDEN');
    expect(expectOk(await s.county.get(`/assignments/${a.id}`)).assignmentId).toBe(a.id);
    expect((await assignmentRow(t, a.id)).version).toBe(1);
  });

  it('a handler cannot make the dispatcher’s moves, and the dispatcher cannot sign for a unit', async () => {
    const { s } = await county();
    const { a } = await caseAt(s);
    expectError(await move(s.handlerA, a, 'urge', { message: '催' }), 403, 'FORBIDDEN');
    expectError(await move(s.handlerA, a, 'supervise', { note: '督办' }), 403, 'FORBIDDEN');
    expectError(await move(s.dispatcher, a, 'sign'), 403, 'FORBIDDEN');
    const x = await step(s.handlerA, a, 'return', { reason: '不属于本镇管辖' });
    expectError(await move(s.handlerA, x, 'approve-return'), 403, 'FORBIDDEN');
    expectError(await move(s.leaderA, x, 'approve-return'), 403, 'FORBIDDEN');
  });

  it('only a unit leader approves a reply; a handler approving their own draft is 403', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    let x = await step(s.handlerA, a, 'reply', { body: '答复内容' });
    x = await step(s.handlerA, x, 'submit-reply');
    expectError(await move(s.handlerA, x, 'approve-reply'), 403, 'FORBIDDEN');
    expectError(await move(s.dispatcher, x, 'approve-reply'), 403, 'FORBIDDEN');
    expectError(await move(s.leaderA, x, 'reject-reply', { note: ' ' }), 400, 'VALIDATION');
    x = await step(s.leaderA, x, 'reject-reply', { note: '答复过于简单，请补充整改时限' });
    expect(x.state).toBe('accepted');
  });

  it('a handler or leader of another unit gets 404 and never sees the case', async () => {
    const { s } = await county();
    const { a, caseId } = await caseAt(s);
    for (const who of ['handlerB', 'leaderB', 'handlerDept'] as const) {
      expectError(await move(s[who], a, 'sign'), 404, 'NOT_FOUND');
      expectError(await s[who].get(`/assignments/${a.id}`), 404, 'NOT_FOUND');
      expectError(await s[who].get(`/cases/${caseId}`), 404, 'NOT_FOUND');
      expect(expectOk(await s[who].get('/assignments')).items).toEqual([]);
    }
    expect((await eventsOfAssignment(t, a.id)).map((e) => e.type)).toEqual(['assignment.dispatched']);
  });

  it('an unknown assignment or an unknown move is 404', async () => {
    const { s } = await county();
    expectError(await move(s.handlerA, { id: 'nope', version: 1 }, 'sign'), 404, 'NOT_FOUND');
    const { a } = await caseAt(s);
    expectError(await move(s.handlerA, a, 'teleport'), 404, 'NOT_FOUND');
  });
});

describe('every move refuses the roles it is not for, whatever the state', () => {
  const UNIT_MOVES = [
    'sign',
    'accept',
    'refuse',
    'return',
    'request-extension',
    'reply',
    'submit-reply',
    'send-reply',
  ];
  const LEADER_MOVES = ['approve-reply', 'reject-reply'];
  const BUREAU_MOVES = [
    'approve-return',
    'reject-return',
    'approve-extension',
    'deny-extension',
    'reopen',
    'supervise',
    'urge',
  ];
  const body = {
    reason: '理由',
    notice: '告知',
    note: '意见',
    days: 3,
    body: '答复',
    message: '催办',
    value: 'satisfied',
  };

  it('403 FORBIDDEN for the wrong role, 404 for another unit, and nothing is written', async () => {
    const { s } = await county();
    const { a } = await caseAt(s);
    const refusals: [keyof Desks, string[], number][] = [
      ['dispatcher', [...UNIT_MOVES, ...LEADER_MOVES], 403],
      ['admin', [...UNIT_MOVES, ...LEADER_MOVES], 403],
      ['handlerA', [...LEADER_MOVES, ...BUREAU_MOVES, 'rate'], 403],
      ['leaderA', [...BUREAU_MOVES, 'rate'], 403],
      ['county', [...UNIT_MOVES, ...LEADER_MOVES, ...BUREAU_MOVES, 'close', 'rate'], 403],
      ['handlerB', [...UNIT_MOVES, ...LEADER_MOVES, 'close'], 404],
      ['leaderDept', [...UNIT_MOVES, ...LEADER_MOVES], 404],
    ];
    for (const [who, moves, status] of refusals)
      for (const m of moves) {
        const r = await move(s[who], a, m, body);
        expect(`${who} ${m} ${r.status}`).toBe(`${who} ${m} ${status}`);
        expect(r.body.error.code).toBe(status === 403 ? 'FORBIDDEN' : 'NOT_FOUND');
      }
    expect((await eventsOfAssignment(t, a.id)).map((e) => e.type)).toEqual(['assignment.dispatched']);
    expect(await assignmentRow(t, a.id)).toMatchObject({ version: 1, state: 'dispatched' });
  });
});

describe('moves from the wrong state and stale versions', () => {
  it('every move from the wrong state is 409 and writes nothing', async () => {
    const { s } = await county();
    const { a } = await caseAt(s);
    const before = (await eventsOfAssignment(t, a.id)).length;
    for (const m of ['accept', 'reply', 'submit-reply', 'send-reply', 'close'])
      expectError(await move(s.handlerA, a, m, { body: 'x', reason: 'x', notice: 'x' }), 409, 'CONFLICT');
    expectError(await move(s.handlerA, a, 'refuse', { reason: '理由', notice: '告知' }), 409, 'CONFLICT');
    for (const m of ['approve-return', 'reject-return', 'approve-extension', 'deny-extension', 'reopen'])
      expectError(await move(s.dispatcher, a, m, { reason: '重办' }), 409, 'CONFLICT');
    expectError(await move(s.dispatcher, a, 'rate', { value: 'satisfied' }), 409, 'CONFLICT');
    expectError(await move(s.leaderA, a, 'approve-reply'), 409, 'CONFLICT');
    const x = await step(s.handlerA, a, 'sign');
    expectError(await move(s.handlerA, x, 'sign'), 409, 'CONFLICT');
    expect((await eventsOfAssignment(t, a.id)).length).toBe(before + 1);
    expect((await assignmentRow(t, a.id)).version).toBe(2);
  });

  it('a stale version is 409 CONFLICT and nothing changed: no event, same version', async () => {
    const { s } = await county();
    const { a } = await caseAt(s);
    const signed = await step(s.handlerA, a, 'sign');
    const evBefore = await eventsOf(t, a.caseId);
    // the page still shows version 1
    const r = await move(s.handlerA, a, 'accept');
    expectError(r, 409, 'CONFLICT');
    expect(r.body.error.details[0]).toMatchObject({ path: 'version', currentVersion: 2 });
    expectError(await move(s.dispatcher, a, 'urge', { message: '请尽快办理' }), 409, 'CONFLICT');
    const row = await assignmentRow(t, a.id);
    expect(row).toMatchObject({ state: 'signed', version: signed.version, urgeCount: 0 });
    expect(await eventsOf(t, a.caseId)).toEqual(evBefore);
  });

  it('ten parallel signs of one assignment: exactly one wins, nine are 409, one event is written', async () => {
    const { s } = await county();
    const { a } = await caseAt(s);
    await s.handlerA.login();
    await s.leaderA.login();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => move(i % 2 ? s.leaderA : s.handlerA, a, 'sign')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.error.code).toBe('CONFLICT');
    const signed = await t.deps.db.select().from(events).where(eq(events.assignmentId, a.id));
    expect(signed.filter((e) => e.type === 'assignment.signed')).toHaveLength(1);
    expect(await assignmentRow(t, a.id)).toMatchObject({ state: 'signed', version: 2 });
  });
});

describe('compare-and-set underneath the version check', () => {
  it('ten signs that all read version 1 before any writes: the database lets exactly one through', async () => {
    const { s, f } = await county();
    const { a } = await caseAt(s);
    const ctx = await serviceCtxFor(t, f, {
      kind: 'user',
      id: f.users.handlerA,
      name: 'handlerA',
      role: 'handler',
      tenantId: f.id,
      unitId: f.units.townA,
    });
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, () => moveAssignment(ctx, a.id, 'sign', { version: 1 })),
    );
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of settled.filter((r) => r.status === 'rejected'))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    const evs = await eventsOfAssignment(t, a.id);
    expect(evs.map((e) => e.type)).toEqual(['assignment.dispatched', 'assignment.signed']);
    expect(await assignmentRow(t, a.id)).toMatchObject({ state: 'signed', version: 2 });
  });
});

describe('returning a misrouted case (退件)', () => {
  it('is allowed within 5 working days of receipt, counted across a weekend and the Qingming holiday', async () => {
    const { s } = await county();
    // Thursday 2 April 2026; 4–6 April is Qingming (Sat, Sun and Monday off)
    t.clock.set(sh(2026, 4, 2, 10));
    const { a } = await caseAt(s);
    // working days: Fri 3, Tue 7, Wed 8, Thu 9, Fri 10 → the window ends at 24:00 on Friday 10 April
    expect(a.returnDueAt).toBe(sh(2026, 4, 11));
    t.clock.set(sh(2026, 4, 10, 23, 59));
    const x = await step(s.handlerA, a, 'return', { reason: '该路段属西水乡管辖' });
    expect(x).toMatchObject({ state: 'return_requested', caseStatus: 'routed' });
  });

  it('is refused after the fifth working day, and nothing changes', async () => {
    const { s } = await county();
    t.clock.set(sh(2026, 4, 2, 10));
    const { a } = await caseAt(s, ['sign']);
    t.clock.set(sh(2026, 4, 11, 0, 0));
    const r = await move(s.handlerA, a, 'return', { reason: '该路段属西水乡管辖' });
    expectError(r, 409, 'CONFLICT');
    expect(r.body.error.message).toContain('退件期限');
    expect(await assignmentRow(t, a.id)).toMatchObject({ state: 'signed', version: a.version });
  });

  it('a return needs a reason; the dispatcher approves it and re-routes the case to the right unit', async () => {
    const { s, f } = await county();
    const { a, caseId } = await caseAt(s, ['sign']);
    expectError(await move(s.handlerA, a, 'return', { reason: '' }), 400, 'VALIDATION');
    let x = await step(s.handlerA, a, 'return', { reason: '该路段属西水乡管辖' });
    x = await step(s.dispatcher, x, 'approve-return', { note: '同意' });
    expect(x).toMatchObject({ state: 'returned', caseStatus: 'new' });
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(detail.actions).toContain('route');
    const rerouted = await routeTo(s.dispatcher, detail.case, [[f.units.townB, 'lead']]);
    expect(rerouted.case.status).toBe('routed');
    const fresh = rerouted.assignments.find((y: any) => y.unitId === f.units.townB);
    expect(fresh.state).toBe('dispatched');
    expect(detail.timeline.map((e: any) => e.text)).toContain('同意东山镇退件：同意');
    expect(rerouted.timeline.at(-2).text).toBe('重新交办：请按程序办理并及时答复');
  });

  it('a rejected return goes back to where it was: signed when the unit had signed', async () => {
    const { s } = await county();
    const { a } = await caseAt(s);
    let x = await step(s.handlerA, a, 'return', { reason: '不属于本镇' });
    x = await step(s.dispatcher, x, 'reject-return', { note: '属地管理，请办理' });
    expect(x.state).toBe('dispatched');
    x = await step(s.handlerA, x, 'sign');
    x = await step(s.handlerA, x, 'return', { reason: '不属于本镇' });
    x = await step(s.dispatcher, x, 'reject-return', { note: '请办理' });
    expect(x.state).toBe('signed');
  });
});

describe('extensions (延期)', () => {
  it('a 申诉求决 case gets 60 days and at most 30 more; a request beyond the limit is refused', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept'], { purpose: 'claim' });
    expect(a.replyDueAt).toBe(sh(2026, 5, 2));
    const over = await move(s.handlerA, a, 'request-extension', { days: 31, reason: '需要现场勘验' });
    expectError(over, 400, 'VALIDATION');
    expect(over.body.error.message).toContain('30');
    let x = await step(s.handlerA, a, 'request-extension', { days: 20, reason: '需要现场勘验' });
    expect(x.pendingExtensionDays).toBe(20);
    expectError(await move(s.handlerA, x, 'request-extension', { days: 5, reason: '再延' }), 409, 'CONFLICT');
    expectError(await move(s.handlerA, x, 'approve-extension'), 403, 'FORBIDDEN');
    x = await step(s.dispatcher, x, 'approve-extension');
    expect(x).toMatchObject({ extensionDays: 20, pendingExtensionDays: null, replyDueAt: sh(2026, 5, 22) });
    // 10 days are left of the 30
    expectError(
      await move(s.handlerA, x, 'request-extension', { days: 11, reason: '仍需勘验' }),
      400,
      'VALIDATION',
    );
    x = await step(s.handlerA, x, 'request-extension', { days: 10, reason: '仍需勘验' });
    x = await step(s.dispatcher, x, 'deny-extension', { note: '请按期办结' });
    expect(x).toMatchObject({ extensionDays: 20, pendingExtensionDays: null, replyDueAt: sh(2026, 5, 22) });
  });

  it('the dispatcher may grant fewer days than asked, never more', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    let x = await step(s.handlerA, a, 'request-extension', { days: 10, reason: '需协调多个部门' });
    expectError(await move(s.dispatcher, x, 'approve-extension', { days: 11 }), 400, 'VALIDATION');
    x = await step(s.dispatcher, x, 'approve-extension', { days: 4 });
    expect(x).toMatchObject({ extensionDays: 4, replyDueAt: sh(2026, 3, 22) });
    const ev = (await eventsOfAssignment(t, a.id)).at(-1)!;
    expect(ev.payload).toEqual({ days: 4, replyDueAt: sh(2026, 3, 22) });
  });

  it('an ordinary petition may be extended by at most 15 days', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    expectError(
      await move(s.handlerA, a, 'request-extension', { days: 16, reason: '需协调' }),
      400,
      'VALIDATION',
    );
    expectError(await move(s.handlerA, a, 'request-extension', { days: 5 }), 400, 'VALIDATION');
  });

  it('an extension cannot be asked for after the reply deadline passed', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    t.clock.set(a.replyDueAt);
    expectError(
      await move(s.handlerA, a, 'request-extension', { days: 5, reason: '来不及' }),
      409,
      'CONFLICT',
    );
  });
});

describe('replies and the leader’s review (审核)', () => {
  it('a reply cannot be sent before the unit leader approved it when the county requires review', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    expectError(await move(s.handlerA, a, 'send-reply'), 409, 'CONFLICT');
    let x = await step(s.handlerA, a, 'reply', { body: '已修复。' });
    const r = await move(s.handlerA, x, 'send-reply');
    expectError(r, 409, 'CONFLICT');
    expect(r.body.error.message).toContain('审核');
    x = await step(s.handlerA, x, 'submit-reply');
    expectError(await move(s.handlerA, x, 'send-reply'), 409, 'CONFLICT');
    expectError(await move(s.handlerA, x, 'reply', { body: '改一下' }), 409, 'CONFLICT');
    x = await step(s.leaderA, x, 'approve-reply');
    x = await step(s.handlerA, x, 'send-reply');
    expect(x.state).toBe('replied');
    expectError(await move(s.handlerA, x, 'send-reply'), 409, 'CONFLICT');
  });

  it('an empty draft is refused', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    expectError(await move(s.handlerA, a, 'reply', { body: '  ' }), 400, 'VALIDATION');
    expect((await assignmentRow(t, a.id)).version).toBe(a.version);
  });

  it('a county that does not require review lets the handler send the draft directly', async () => {
    const { s, f } = await county();
    const admin = s.admin;
    const cur = expectOk(await admin.get('/settings'));
    expectOk(
      await admin.req('PATCH', '/settings', { version: cur.version, patch: { requireReplyReview: false } }),
    );
    const { a } = await caseAt(s, ['sign', 'accept']);
    let x = await step(s.handlerA, a, 'reply', { body: '已修复。' });
    x = await step(s.handlerA, x, 'send-reply');
    expect(x.state).toBe('replied');
    expect(f.slug).toMatch(/^mv/);
  });
});

describe('rating and rework (重办)', () => {
  it('a rating needs a value', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    const x = await replyFully(s, a);
    expectError(await move(s.dispatcher, x, 'rate', {}), 400, 'VALIDATION');
    expectError(await move(s.dispatcher, x, 'rate', { value: 'great' }), 400, 'VALIDATION');
    expect((await assignmentRow(t, a.id)).state).toBe('replied');
  });

  it('only an unsatisfied rating can be reopened, and the rework is counted', async () => {
    const { s } = await county();
    const good = await caseAt(s, ['sign', 'accept']);
    let g = await replyFully(s, good.a);
    g = await step(s.dispatcher, g, 'rate', { value: 'satisfied' });
    expectError(await move(s.dispatcher, g, 'reopen', { reason: '再办一次' }), 409, 'CONFLICT');

    const bad = await caseAt(s, ['sign', 'accept'], {
      title: '路灯不亮',
      content: '村口路灯坏了一个月没人修。',
    });
    let x = await replyFully(s, bad.a);
    x = await step(s.handlerA, x, 'close');
    x = await step(s.dispatcher, x, 'rate', { value: 'unsatisfied' });
    expectError(await move(s.handlerA, x, 'reopen', { reason: '群众不满意' }), 403, 'FORBIDDEN');
    expectError(await move(s.dispatcher, x, 'reopen', { reason: '' }), 400, 'VALIDATION');
    t.clock.advance(3 * DAY);
    x = await step(s.dispatcher, x, 'reopen', { reason: '群众反映路灯仍未修好' });
    expect(x).toMatchObject({ state: 'accepted', reworkCount: 1, rating: null, caseStatus: 'in_progress' });
    expect(x.replyDueAt).toBe(sh(2026, 3, 21));
    // the second round gets its own reply
    x = await replyFully(s, x, '已更换灯具，经现场核实路灯正常。');
    x = await step(s.dispatcher, x, 'rate', { value: 'satisfied' });
    const row = await assignmentRow(t, bad.a.id);
    expect(row).toMatchObject({ reworkCount: 1, firstRating: 'unsatisfied', rating: 'satisfied' });
    const detail = expectOk(await s.dispatcher.get(`/cases/${bad.caseId}`));
    expect(detail.replies.map((r: any) => [r.round, r.status])).toEqual([
      [0, 'sent'],
      [1, 'sent'],
    ]);
  });
});

/** What the citizen does on the portal with the query code and secret from their receipt. */
function portal(f: { slug: string }, receipt: { queryCode: string; secret: string }) {
  const c = t.client();
  const url = `/api/t/${f.slug}/portal`;
  const creds = { queryCode: receipt.queryCode, secret: receipt.secret };
  return {
    track: () => c.post(`${url}/track`, creds),
    rate: (ratings: { assignmentId: string; value: string }[], bureau?: string) =>
      c.post(`${url}/rate`, { ...creds, ratings, ...(bureau ? { bureau } : {}) }),
    review: (kind: 'rework' | 'review', reason: string) =>
      c.post(`${url}/review`, { ...creds, kind, reason }),
  };
}

describe('the citizen’s review (复查)', () => {
  it('may be asked for within 30 days of the written reply, and is refused after', async () => {
    const { s } = await county();
    const { a, caseId, created } = await caseAt(s, ['sign', 'accept']);
    t.clock.set(sh(2026, 3, 5, 15));
    await replyFully(s, a);
    // the window ends at 24:00 on 4 April, 30 days after 5 March
    t.clock.set(sh(2026, 4, 4, 23, 59));
    const citizen = portal(s.dispatcher.f, created);
    expect(expectOk(await citizen.track()).canRequestReview).toBe(true);
    const asked = expectOk(await citizen.review('review', '对答复不服，申请复查'));
    expect(asked.reviewLevel).toBe(1);
    expect(await caseRow(t, caseId)).toMatchObject({
      reviewLevel: 1,
      reviewRequestedAt: sh(2026, 4, 4, 23, 59),
    });
    const staff = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(staff.timeline.at(-1)).toMatchObject({ text: '群众申请复查', actorName: '群众' });

    const late = await caseAt(s, ['sign', 'accept'], {
      title: '噪音扰民',
      content: '夜间施工噪音扰民严重。',
    });
    t.clock.set(sh(2026, 4, 6, 10));
    await replyFully(s, late.a);
    t.clock.set(sh(2026, 5, 7, 0, 0));
    const lateCitizen = portal(s.dispatcher.f, late.created);
    expect(expectOk(await lateCitizen.track()).canRequestReview).toBe(false);
    expectError(await lateCitizen.review('review', '不服答复意见'), 409, 'CONFLICT');
    expect(await caseRow(t, late.caseId)).toMatchObject({ reviewLevel: 0 });
    const types = (await eventsOf(t, late.caseId)).map((e) => e.type);
    expect(types).not.toContain('case.review_requested');
  });

  it('before any reply there is nothing to review', async () => {
    const { s, f } = await county();
    const { caseId } = await caseAt(s, ['sign', 'accept']);
    const ctx = await serviceCtxFor(t, f, citizenActor(f.id));
    await expect(requestByCitizen(ctx, caseId, { kind: 'review', reason: '申请复查' })).rejects.toMatchObject(
      { code: 'CONFLICT' },
    );
  });

  it('two review requests sent at once raise the level once and record one event', async () => {
    const { s, f } = await county();
    const { a, caseId } = await caseAt(s, ['sign', 'accept']);
    await replyFully(s, a);
    const ctx = await serviceCtxFor(t, f, citizenActor(f.id));
    const results = await Promise.allSettled([
      requestByCitizen(ctx, caseId, { kind: 'review', reason: '申请复查' }),
      requestByCitizen(ctx, caseId, { kind: 'review', reason: '申请复查' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await caseRow(t, caseId)).reviewLevel).toBe(1);
    expect((await eventsOf(t, caseId)).filter((e) => e.type === 'case.review_requested')).toHaveLength(1);
  });
});

describe('the citizen rates on the portal, and an unsatisfied rating is reworked', () => {
  it('unsatisfied, asks for rework, the dispatcher reopens it: one rework on the unit’s record', async () => {
    const { s } = await county();
    const { a, caseId, created } = await caseAt(s, ['sign', 'accept']);
    const x = await replyFully(s, a);
    const citizen = portal(s.dispatcher.f, created);
    expectError(await citizen.review('rework', '我对处理结果不满意'), 409, 'CONFLICT');
    const rated = expectOk(await citizen.rate([{ assignmentId: a.id, value: 'unsatisfied' }], 'basic'));
    expect(rated.canRequestRework).toBe(true);
    expectOk(await citizen.review('rework', '路面只是简单填补，下雨还是积水'));
    const row = await assignmentRow(t, a.id);
    expect(row).toMatchObject({ state: 'rated', rating: 'unsatisfied', bureauRating: 'basic' });
    expect(expectOk(await s.dispatcher.get('/queues')).unsatisfied).toBe(1);
    const reopened = await step(s.dispatcher, { id: a.id, version: row.version }, 'reopen', {
      reason: '群众反映仍然积水，请重新处理',
    });
    expect(reopened).toMatchObject({ state: 'accepted', reworkCount: 1, caseStatus: 'in_progress' });
    expect(x.reworkCount).toBe(0);
    const texts = expectOk(await s.dispatcher.get(`/cases/${caseId}`)).timeline.map((e: any) => e.text);
    expect(texts.slice(-3)).toEqual([
      '群众评价东山镇：不满意',
      '群众不满意，申请重办',
      '东山镇重办：群众反映仍然积水，请重新处理',
    ]);
  });
});

describe('a case routed to a lead and a co-handler', () => {
  it('is in progress when one unit signed, replied only when both replied', async () => {
    const { s, f } = await county();
    const c = await register(s.dispatcher);
    const routed = await routeTo(s.dispatcher, c.case, [
      [f.units.townA, 'lead'],
      [f.units.deptA, 'co'],
    ]);
    const lead = routed.assignments.find((x: any) => x.role === 'lead');
    const co = routed.assignments.find((x: any) => x.role === 'co');
    let l = await step(s.handlerA, lead, 'sign');
    expect(l.caseStatus).toBe('in_progress');
    l = await step(s.handlerA, l, 'accept');
    l = await replyFully(s, l);
    expect(l.caseStatus).toBe('in_progress');
    let o = await step(s.handlerDept, co, 'sign');
    o = await step(s.handlerDept, o, 'accept');
    o = await step(s.handlerDept, o, 'reply', { body: '配合核查完毕。' });
    o = await step(s.handlerDept, o, 'submit-reply');
    expectError(await move(s.leaderA, o, 'approve-reply'), 404, 'NOT_FOUND');
    o = await step(s.leaderDept, o, 'approve-reply');
    o = await step(s.handlerDept, o, 'send-reply');
    expect(o.caseStatus).toBe('replied');
  });
});

describe('two units moving at the same time', () => {
  it('the case is replied when the lead and the co-handler send their replies at once', async () => {
    const { s, f } = await county();
    const c = await register(s.dispatcher);
    const routed = await routeTo(s.dispatcher, c.case, [
      [f.units.townA, 'lead'],
      [f.units.townB, 'co'],
    ]);
    const byUnit = (u: string) => routed.assignments.find((x: any) => x.unitId === u);
    let l = await step(s.handlerA, byUnit(f.units.townA), 'sign');
    l = await step(s.handlerA, l, 'accept');
    l = await step(s.handlerA, l, 'reply', { body: '主办答复' });
    l = await step(s.handlerA, l, 'submit-reply');
    l = await step(s.leaderA, l, 'approve-reply');
    let o = await step(s.handlerB, byUnit(f.units.townB), 'sign');
    o = await step(s.handlerB, o, 'accept');
    o = await step(s.handlerB, o, 'reply', { body: '协办答复' });
    o = await step(s.handlerB, o, 'submit-reply');
    o = await step(s.leaderB, o, 'approve-reply');
    const actor = (who: 'handlerA' | 'handlerB', unitId: string) => ({
      kind: 'user' as const,
      id: f.users[who],
      name: who,
      role: 'handler' as const,
      tenantId: f.id,
      unitId,
    });
    const [ctxA, ctxB] = await Promise.all([
      serviceCtxFor(t, f, actor('handlerA', f.units.townA)),
      serviceCtxFor(t, f, actor('handlerB', f.units.townB)),
    ]);
    await Promise.all([
      moveAssignment(ctxA, l.id, 'sendReply', { version: l.version }),
      moveAssignment(ctxB, o.id, 'sendReply', { version: o.version }),
    ]);
    expect((await caseRow(t, c.case.id)).status).toBe('replied');
  });

  it('a co-handler added while the lead sends its reply leaves the case in progress', async () => {
    const { s, f } = await county();
    const { a, caseId } = await caseAt(s, ['sign', 'accept']);
    let x = await step(s.handlerA, a, 'reply', { body: '答复' });
    x = await step(s.handlerA, x, 'submit-reply');
    x = await step(s.leaderA, x, 'approve-reply');
    const c = await caseRow(t, caseId);
    const handler = await serviceCtxFor(t, f, {
      kind: 'user',
      id: f.users.handlerA,
      name: 'handlerA',
      role: 'handler',
      tenantId: f.id,
      unitId: f.units.townA,
    });
    const dispatcher = await serviceCtxFor(t, f, {
      kind: 'user',
      id: f.users.dispatcher,
      name: 'dispatcher',
      role: 'dispatcher',
      tenantId: f.id,
      unitId: f.units.bureau,
    });
    const [sent, routed] = await Promise.allSettled([
      moveAssignment(handler, x.id, 'sendReply', { version: x.version }),
      routeCase(dispatcher, caseId, { version: c.version, units: [{ unitId: f.units.deptA, role: 'co' }] }),
    ]);
    expect(sent.status).toBe('fulfilled');
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    // whichever won, the case says what its assignments say
    const states = detail.assignments.map((y: any) => y.state).sort();
    if (routed.status === 'fulfilled') {
      expect(states).toEqual(['dispatched', 'replied']);
      expect(detail.case.status).toBe('in_progress');
    } else {
      expect((routed.reason as { code: string }).code).toBe('CONFLICT');
      expect(states).toEqual(['replied']);
      expect(detail.case.status).toBe('replied');
    }
  });
});
