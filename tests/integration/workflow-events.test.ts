// The event log is the audit trail: every move appends exactly one event with its actor, time and
// states; the table refuses UPDATE and DELETE; a case's timeline is read from it, in order, in
// Chinese.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  assignmentRow,
  caseAt,
  DAY,
  type Desk,
  eventsOf,
  eventsOfAssignment,
  expectError,
  expectOk,
  HOUR,
  register,
  move,
  type Ref,
  replyFully,
  routeTo,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('ev');

/** Makes a move an hour later and checks it wrote exactly one event that says who, when, from, to. */
async function audited(d: Desk, a: Ref & { state: string }, name: string, type: string, body = {}) {
  t.clock.advance(HOUR);
  const before = await eventsOfAssignment(t, a.id);
  const x = await step(d, a, name, body);
  const after = await eventsOfAssignment(t, a.id);
  expect(after).toHaveLength(before.length + 1);
  const e = after.at(-1)!;
  expect(e).toMatchObject({
    type,
    actorId: d.f.users[d.who],
    at: t.clock.now(),
    fromState: a.state,
    toState: x.state,
  });
  expect(e.actorRole).toBeTruthy();
  return x;
}

describe('every move is one event', () => {
  it('through sign, extension, review, reply, close, rating and rework', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, [], { purpose: 'claim' });
    let x = await audited(s.handlerA, a, 'sign', 'assignment.signed');
    x = await audited(s.handlerA, x, 'accept', 'assignment.accepted');
    x = await audited(s.dispatcher, x, 'supervise', 'assignment.supervised', { note: '加快办理' });
    x = await audited(s.dispatcher, x, 'urge', 'assignment.urged', { message: '请加快' });
    x = await audited(s.handlerA, x, 'request-extension', 'assignment.extension_requested', {
      days: 10,
      reason: '需要调查取证',
    });
    x = await audited(s.dispatcher, x, 'deny-extension', 'assignment.extension_denied', { note: '不同意' });
    x = await audited(s.handlerA, x, 'request-extension', 'assignment.extension_requested', {
      days: 5,
      reason: '需要调查取证',
    });
    x = await audited(s.dispatcher, x, 'approve-extension', 'assignment.extension_approved');
    x = await audited(s.handlerA, x, 'reply', 'assignment.reply_drafted', { body: '初稿' });
    x = await audited(s.handlerA, x, 'submit-reply', 'assignment.reply_submitted');
    x = await audited(s.leaderA, x, 'reject-reply', 'assignment.reply_rejected', { note: '补充依据' });
    x = await audited(s.handlerA, x, 'reply', 'assignment.reply_drafted', {
      body: '依据有关规定，答复如下。',
    });
    x = await audited(s.handlerA, x, 'submit-reply', 'assignment.reply_submitted');
    x = await audited(s.leaderA, x, 'approve-reply', 'assignment.reply_approved');
    x = await audited(s.handlerA, x, 'send-reply', 'assignment.replied');
    x = await audited(s.handlerA, x, 'close', 'assignment.closed');
    x = await audited(s.dispatcher, x, 'rate', 'assignment.rated', { value: 'unsatisfied' });
    x = await audited(s.dispatcher, x, 'reopen', 'assignment.reopened', { reason: '群众认为未解决' });
    expect(x).toMatchObject({ state: 'accepted', reworkCount: 1 });
  });

  it('through refusal, and through a return asked, rejected, asked again and approved', async () => {
    const { s, f } = await county();
    const one = await caseAt(s);
    let x = await audited(s.handlerA, one.a, 'sign', 'assignment.signed');
    await audited(s.handlerA, x, 'refuse', 'assignment.refused', {
      reason: '不属受理范围',
      notice: '告知书',
    });
    const two = await caseAt(s, [], { title: '另一件' }, [[f.units.townB, 'lead']]);
    x = await audited(s.handlerB, two.a, 'return', 'assignment.return_requested', { reason: '非本乡' });
    x = await audited(s.dispatcher, x, 'reject-return', 'assignment.return_rejected');
    x = await audited(s.leaderB, x, 'return', 'assignment.return_requested', { reason: '确非本乡' });
    x = await audited(s.dispatcher, x, 'approve-return', 'assignment.return_approved');
    expect(x.state).toBe('returned');
  });

  it('the bureau’s own answer (平台自办) records each of its moves with their states', async () => {
    const { s } = await county();
    const c = (await register(s.dispatcher)).case;
    expectOk(
      await s.dispatcher.post(`/cases/${c.id}/self-handle`, { version: c.version, reply: '已答复。' }),
    );
    const evs = (await eventsOf(t, c.id)).map((e) => [e.type, e.fromState, e.toState, e.actorRole]);
    expect(evs).toEqual([
      ['case.created', null, 'new', 'dispatcher'],
      ['case.self_handled', 'new', 'replied', 'dispatcher'],
      ['assignment.dispatched', null, 'dispatched', 'dispatcher'],
      ['assignment.signed', 'dispatched', 'signed', 'dispatcher'],
      ['assignment.accepted', 'signed', 'accepted', 'dispatcher'],
      ['assignment.replied', 'accepted', 'replied', 'dispatcher'],
    ]);
  });
});

/** The statement fails, and it is the append-only trigger that stopped it (drizzle wraps the cause). */
async function refused(statement: ReturnType<typeof sql>) {
  const err = await t.deps.db.run(statement).then(
    () => null,
    (e: unknown) => e as Error & { cause?: unknown },
  );
  expect(err).not.toBeNull();
  expect(String(err?.cause ?? err)).toMatch(/events are append-only/);
}

describe('the event log cannot be edited', () => {
  it('UPDATE and DELETE on events are refused by the database, and the rows stay as they were', async () => {
    const { s } = await county();
    const { caseId } = await caseAt(s, ['sign']);
    const before = await eventsOf(t, caseId);
    const id = before[0]!.id;
    await refused(sql`UPDATE events SET type = 'case.tampered' WHERE id = ${id}`);
    await refused(sql`UPDATE events SET at = 0 WHERE case_id = ${caseId}`);
    await refused(sql`DELETE FROM events WHERE id = ${id}`);
    await refused(sql`DELETE FROM events WHERE case_id = ${caseId}`);
    expect(await eventsOf(t, caseId)).toEqual(before);
  });
});

describe('the timeline of a case', () => {
  it('is built from its events, in order, in Chinese, with who did what', async () => {
    const { s } = await county();
    const c = await register(s.dispatcher, { channel: 'visit' });
    const routed = await routeTo(s.dispatcher, c.case, [[s.dispatcher.f.units.townA, 'lead']]);
    let a = routed.assignments[0];
    t.clock.advance(2 * HOUR);
    a = await step(s.handlerA, a, 'sign');
    a = await step(s.handlerA, a, 'accept');
    a = await step(s.dispatcher, a, 'urge', { message: '请尽快' });
    a = await step(s.handlerA, a, 'reply', { body: '已处理。' });
    a = await step(s.handlerA, a, 'submit-reply');
    a = await step(s.leaderA, a, 'approve-reply');
    t.clock.advance(DAY);
    a = await step(s.handlerA, a, 'send-reply');
    a = await step(s.handlerA, a, 'close');
    a = await step(s.dispatcher, a, 'rate', { value: 'basic' });
    const detail = expectOk(await s.dispatcher.get(`/cases/${c.case.id}`));
    expect(detail.timeline.map((e: any) => e.text)).toEqual([
      '登记（来访）',
      '交办：请按程序办理并及时答复',
      '转主办单位：东山镇',
      '东山镇签收',
      '东山镇受理',
      '催办东山镇：请尽快',
      '东山镇拟写答复',
      '东山镇答复提交领导审核',
      '东山镇领导审核通过',
      '东山镇答复',
      '东山镇办结',
      '群众评价东山镇：基本满意',
    ]);
    const evs = await eventsOf(t, c.case.id);
    expect(detail.timeline.map((e: any) => e.id)).toEqual(evs.map((e) => e.id));
    const ats = detail.timeline.map((e: any) => e.at);
    expect([...ats].sort((x, y) => x - y)).toEqual(ats);
    expect(detail.timeline.map((e: any) => e.actorName)).toEqual([
      'dispatcher',
      'dispatcher',
      'dispatcher',
      'handlerA',
      'handlerA',
      'dispatcher',
      'handlerA',
      'handlerA',
      'leaderA',
      'handlerA',
      'handlerA',
      'dispatcher',
    ]);
    // every line is Chinese text, never a raw event type
    for (const e of detail.timeline) {
      expect(e.text).not.toBe(e.type);
      expect(e.text).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('after 不满意: rework or keep the answer', () => {
  it('the bureau keeps the answer once, with reasons; the case leaves the queue until a rework', async () => {
    const { s } = await county();
    const { caseId, a, created } = await caseAt(s, ['sign', 'accept']);
    let x = await replyFully(s, a);
    x = await step(s.handlerA, x, 'close');
    x = await step(s.dispatcher, x, 'rate', { value: 'unsatisfied' });
    const creds = { queryCode: created.queryCode, secret: created.secret };
    const citizen = t.client();
    const portal = `/api/t/${s.dispatcher.f.slug}/portal`;
    const track = async () => expectOk(await citizen.post(`${portal}/track`, creds));
    expect(await track()).toMatchObject({ canRequestRework: true, reworkKept: false });
    const pending = async () => ({
      listed: expectOk(await s.dispatcher.get('/assignments?reworkPending=true')).items.map(
        (i: { id: string }) => i.id,
      ),
      counted: expectOk(await s.dispatcher.get('/queues')).unsatisfied,
    });
    expect(await pending()).toEqual({ listed: [x.id], counted: 1 });

    expectError(await move(s.handlerA, x, 'keep-answer', { reason: '已答复' }), 403, 'FORBIDDEN');
    expectError(await move(s.dispatcher, x, 'keep-answer', { reason: '  ' }), 400, 'VALIDATION');
    expect((await assignmentRow(t, x.id)).version).toBe(x.version);
    x = await audited(s.dispatcher, x, 'keep-answer', 'assignment.rework_declined', {
      reason: '经审查，原答复符合政策规定',
    });
    expect(x).toMatchObject({ state: 'rated', rating: 'unsatisfied', reworkDeclinedAt: t.clock.now() });
    expect(await pending()).toEqual({ listed: [], counted: 0 });
    expectError(await move(s.dispatcher, x, 'keep-answer', { reason: '再次' }), 409, 'CONFLICT');

    // the citizen reads the decision; a rework can no longer be asked for, a 复查 can
    const seen = await track();
    expect(seen).toMatchObject({ canRequestRework: false, reworkKept: true, canRequestReview: true });
    expect(seen.timeline.map((e: { text: string }) => e.text)).toContain(
      '信访部门经审查，维持东山镇的答复意见',
    );
    const again = await citizen.post(`${portal}/review`, {
      ...creds,
      kind: 'rework',
      reason: '我还是不满意',
    });
    expectError(again, 409, 'CONFLICT');
    expect(again.body.error.message).toContain('维持原答复');

    // the timeline says it, to staff with the reasons
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(detail.timeline.map((e: { text: string }) => e.text).join('\n')).toContain(
      '不予重办：经审查，原答复符合政策规定',
    );

    // the bureau may still change its mind: a rework clears the decision
    x = await audited(s.dispatcher, x, 'reopen', 'assignment.reopened', { reason: '群众补充了新情况' });
    expect(x).toMatchObject({ state: 'accepted', reworkDeclinedAt: null });
  });

  it('only an unsatisfied rating leaves a decision to make', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    let x = await replyFully(s, a);
    x = await step(s.dispatcher, x, 'rate', { value: 'basic' });
    expectError(await move(s.dispatcher, x, 'keep-answer', { reason: '维持' }), 409, 'CONFLICT');
  });
});
