import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { T0 } from '../fixtures/app';
import { expectStatsInStep, near, replyAs, routed, stats, unitOf } from './stats-helpers';
import { expectError, expectOk, move, register, routeTo, sh, step, workflowBench } from './workflow-helpers';

const { t, county, sweep } = workflowBench('sf');

const MARCH = { month: '2026-03' };

/** SQL straight on the test database, as a database written by older code would hold it. */
const run = (q: string) =>
  (t.deps.db as unknown as { $client: { execute(q: string): Promise<unknown> } }).$client.execute(q);

/** Applies a migration file to the test database again, statement by statement, as the migrator does. */
async function applyMigration(name: string) {
  const migration = readFileSync(`db/migrations/${name}.sql`, 'utf8');
  for (const statement of migration.split('--> statement-breakpoint')) await run(statement);
}

describe('GET /stats answers the contract', () => {
  it('period, cut-off, the tenant and every unit with every figure; townships and departments apart', async () => {
    const { f, s } = await county();
    await routed(s, [[f.units.townA, 'lead']]);
    const body = await stats(s.county, MARCH);
    expect(body.period).toMatchObject({
      kind: 'month',
      key: '2026-03',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(body.cutoff).toBe(new Date(T0).toISOString());
    for (const k of [
      'received',
      'closed',
      'completionRate',
      'timelyAcceptanceRate',
      'onTimeReplyRate',
      'toBeRated',
      'rated',
      'unratedOverdue',
      'participationRate',
      'satisfied',
      'basicallySatisfied',
      'unsatisfied',
      'satisfactionRate',
      'bureauSatisfactionRate',
      'oneTimeResolutionRate',
      'repeatRate',
      'avgDays',
      'returned',
      'overdue',
    ])
      expect(body.tenant).toHaveProperty(k);
    // townships first, then departments, then the bureau; each with its name and kind
    expect(body.units.map((u: any) => [u.unitName, u.unitKind])).toEqual([
      ['东山镇', 'township'],
      ['西水乡', 'township'],
      ['县教育局', 'department'],
      ['县住建局', 'department'],
      [`${f.slug}县信访局`, 'bureau'],
    ]);
    const towns = await stats(s.county, { ...MARCH, unitKind: 'township' });
    expect(towns.units.map((u: any) => u.unitKind)).toEqual(['township', 'township']);
    expect(towns.tenant.received).toBe(1);
    // every other way to name a period
    for (const [q, key] of [
      [{ quarter: '2026-Q1' }, '2026-Q1'],
      [{ half: '2026-H1' }, '2026-H1'],
      [{ year: '2026' }, '2026'],
      [{ ytd: '2026-03' }, 'ytd:2026-03'],
      [{ from: '2026-03-01', to: '2026-03-02' }, '2026-03-01~2026-03-02'],
    ] as const) {
      const r = await stats(s.county, q);
      expect(r.period.key).toBe(key);
      expect(r.tenant.received).toBe(1);
    }
    // no period: this month
    expect((await stats(s.county, {})).period.key).toBe('2026-03');
  });

  it('refuses a malformed period or cut-off with VALIDATION', async () => {
    const { s } = await county();
    expectError(await s.county.get('/stats', { month: '2026-13' }), 400, 'VALIDATION');
    expectError(await s.county.get('/stats', { from: '2026-03-05', to: '2026-03-01' }), 400, 'VALIDATION');
    expectError(await s.county.get('/stats', { from: '2026-03-05' }), 400, 'VALIDATION');
    expectError(await s.county.get('/stats', { month: '2026-03', year: '2026' }), 400, 'VALIDATION');
    expectError(await s.county.get('/stats', { month: '2026-03', cutoff: 'yesterday' }), 400, 'VALIDATION');
    expectError(
      await s.county.get('/stats', { month: '2026-03', cutoff: '2026-03-05T10:00' }),
      400,
      'VALIDATION',
    );
  });
});

describe('worked examples, one figure at a time', () => {
  it('a rate with nothing to divide is null, never 0% or 100%; a unit with no case has nulls', async () => {
    const { f, s } = await county();
    await routed(s, [[f.units.townA, 'lead']]);
    t.clock.set(T0 + 3_600_000);
    const body = await stats(s.county, MARCH);
    const a = unitOf(body, f.units.townA);
    expect(a).toMatchObject({
      received: 1,
      closed: 0,
      completionRate: 0,
      timelyAcceptanceRate: null,
      onTimeReplyRate: null,
      toBeRated: 0,
      participationRate: null,
      satisfactionRate: null,
      bureauSatisfactionRate: null,
      oneTimeResolutionRate: null,
      repeatRate: 0,
      avgDays: null,
      overdue: 0,
    });
    const b = unitOf(body, f.units.townB);
    expect(b).toMatchObject({
      received: 0,
      completionRate: null,
      repeatRate: null,
      timelyAcceptanceRate: null,
    });
    expect(body.tenant).toMatchObject({ received: 1, repeatRate: 0, completionRate: 0 });
    await expectStatsInStep(t, f.id);
  });

  it('东山镇 signed a day late but accepted and replied on time: overdue while unsigned, on time after', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [[f.units.townA, 'lead']]);
    let a = byUnit.get(f.units.townA)!;
    // the sign deadline is 24:00 on 3 March; on the morning of the 4th it is overdue (逾期未签收)
    t.clock.set(sh(2026, 3, 4, 10));
    const late = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(late).toMatchObject({ overdue: 1, timelyAcceptanceRate: null });
    a = await step(s.handlerA, a, 'sign');
    a = await step(s.handlerA, a, 'accept');
    t.clock.set(sh(2026, 3, 12, 15));
    await replyAs(s, f, f.units.townA, a);
    const now = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(now).toMatchObject({ overdue: 0, timelyAcceptanceRate: 1, onTimeReplyRate: 1, toBeRated: 0 });
    // the same morning, asked afterwards with a cut-off: the event log is replayed up to it
    const then = await stats(s.county, { ...MARCH, cutoff: '2026-03-04T09:30:00+08:00' });
    expect(then.source).toBe('replay');
    expect(unitOf(then, f.units.townA)).toMatchObject({ overdue: 1, received: 1, onTimeReplyRate: null });
    await expectStatsInStep(t, f.id);
  });

  it('西水乡 decided after its acceptance deadline: timely acceptance 0%, due from 24:00 exactly', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [[f.units.townB, 'lead']]);
    // accept deadline: 5 natural days → 24:00 on 7 March
    t.clock.set(sh(2026, 3, 7, 23, 59));
    expect(unitOf(await stats(s.county, MARCH), f.units.townB)).toMatchObject({
      timelyAcceptanceRate: null,
      overdue: 1, // unsigned since the 4th
    });
    t.clock.set(sh(2026, 3, 8));
    expect(unitOf(await stats(s.county, MARCH), f.units.townB)).toMatchObject({
      timelyAcceptanceRate: 0,
      overdue: 1,
    });
    t.clock.set(sh(2026, 3, 9, 9));
    let a = await step(s.handlerB, byUnit.get(f.units.townB)!, 'sign');
    a = await step(s.handlerB, a, 'accept');
    expect(unitOf(await stats(s.county, MARCH), f.units.townB)).toMatchObject({
      timelyAcceptanceRate: 0,
      overdue: 0,
    });
    await expectStatsInStep(t, f.id);
  });

  it('a case returned as misrouted (退件) is counted apart; the unit it is re-routed to receives it', async () => {
    const { f, s } = await county();
    const { caseId, byUnit } = await routed(s, [[f.units.townA, 'lead']]);
    const a = await step(s.handlerA, byUnit.get(f.units.townA)!, 'return', { reason: '该路段属西水乡管辖' });
    await step(s.dispatcher, a, 'approve-return', { note: '同意退回' });
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    await routeTo(s.dispatcher, detail.case, [[f.units.townB, 'lead']]);
    const body = await stats(s.county, MARCH);
    expect(unitOf(body, f.units.townA)).toMatchObject({ received: 0, returned: 1, completionRate: null });
    expect(unitOf(body, f.units.townB)).toMatchObject({ received: 1, returned: 0 });
    expect(body.tenant).toMatchObject({ received: 1, returned: 1 });
    await expectStatsInStep(t, f.id);
  });

  it('a return request the dispatcher leaves undecided holds nothing against the unit; rejected, the original deadlines apply', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [[f.units.townA, 'lead']]);
    // dispatched 2 March (sign due 3 March, accept due 7 March); 东山镇 asks to return it the same day
    let a = await step(s.handlerA, byUnit.get(f.units.townA)!, 'return', { reason: '该路段属西水乡管辖' });
    t.clock.set(sh(2026, 3, 10, 9));
    const waiting = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(waiting).toMatchObject({
      received: 1,
      returned: 0,
      overdue: 0,
      overdueSign: 0,
      overdueAccept: 0,
      acceptanceDue: 0,
      timelyAcceptanceRate: null,
    });
    // as the lights and the dispatcher's queues show it: no step of the unit, nothing overdue
    const rows = expectOk(await s.dispatcher.get('/assignments', {})).items as any[];
    expect(rows.find((x) => x.id === a.id)).toMatchObject({ state: 'return_requested', light: null });
    expect(expectOk(await s.dispatcher.get('/queues')).overdue).toBe(0);
    await expectStatsInStep(t, f.id);

    // rejected on the 10th: back to 待签收 (the unit never signed); the signature was due on the
    // 3rd and the acceptance on the 7th, both overdue at once, the assignment once in all
    a = await step(s.dispatcher, a, 'reject-return', { note: '属东山镇职责' });
    expect(a).toMatchObject({ state: 'dispatched', due: { step: 'sign' }, light: 'red' });
    const rejected = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(rejected).toMatchObject({
      overdue: 1,
      overdueSign: 1,
      overdueAccept: 1,
      acceptanceDue: 1,
      timelyAcceptanceRate: 0,
    });
    await expectStatsInStep(t, f.id);
    // asked afterwards with a cut-off before the rejection, the request was still waiting then
    const then = await stats(s.county, { ...MARCH, cutoff: '2026-03-09T18:00:00+08:00' });
    expect(then.source).toBe('replay');
    expect(unitOf(then, f.units.townA)).toMatchObject({
      overdue: 0,
      acceptanceDue: 0,
      timelyAcceptanceRate: null,
    });

    // accepted late after the rejection: decided, late
    a = await step(s.handlerA, a, 'sign');
    a = await step(s.handlerA, a, 'accept');
    const accepted = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(accepted).toMatchObject({
      overdue: 0,
      acceptanceDue: 1,
      acceptedInTime: 0,
      timelyAcceptanceRate: 0,
    });
    await expectStatsInStep(t, f.id);
  });

  it('a return rejected before the unit signed: the statistics count the sign step overdue, as the light shows', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [[f.units.townA, 'lead']]);
    // dispatched 2 March 09:00: sign due 3 March 24:00, accept due 7 March 24:00
    let a = await step(s.handlerA, byUnit.get(f.units.townA)!, 'return', { reason: '该路段属西水乡管辖' });
    expect([a.signDueAt, a.acceptDueAt]).toEqual([sh(2026, 3, 4), sh(2026, 3, 8)]);
    t.clock.set(sh(2026, 3, 4, 10));
    a = await step(s.dispatcher, a, 'reject-return', { note: '属东山镇职责' });
    // the light and the queues: 待签收, the signature overdue
    expect(a).toMatchObject({ state: 'dispatched', signedAt: null, due: { step: 'sign' }, light: 'red' });
    t.clock.set(sh(2026, 3, 5, 9));
    expect(expectOk(await s.dispatcher.get('/queues')).overdue).toBe(1);
    // the statistics: the same step (they had counted nothing overdue: the request taken for a signature)
    const fifth = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(fifth).toMatchObject({
      overdue: 1,
      overdueSign: 1,
      overdueAccept: 0,
      acceptanceDue: 0,
      timelyAcceptanceRate: null,
    });
    await expectStatsInStep(t, f.id);

    // signed late on the 9th: the light and the overdue step move to 受理, past its deadline too
    t.clock.set(sh(2026, 3, 9, 9));
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      overdue: 1,
      overdueSign: 1,
      overdueAccept: 1,
    });
    a = await step(s.handlerA, a, 'sign');
    expect(a).toMatchObject({ state: 'signed', due: { step: 'accept' }, light: 'red' });
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      overdue: 1,
      overdueSign: 0,
      overdueAccept: 1,
    });
    await expectStatsInStep(t, f.id);
    // and accepted late
    t.clock.set(sh(2026, 3, 9, 10));
    a = await step(s.handlerA, a, 'accept');
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      overdue: 0,
      overdueSign: 0,
      overdueAccept: 0,
      acceptanceDue: 1,
      acceptedInTime: 0,
      timelyAcceptanceRate: 0,
    });
    await expectStatsInStep(t, f.id);

    // read back at the 5th (a replay of the log), the same as it was counted then
    const then = await stats(s.county, { ...MARCH, cutoff: '2026-03-05T09:00:00+08:00' });
    expect(then.source).toBe('replay');
    expect(unitOf(then, f.units.townA)).toMatchObject({ overdue: 1, overdueSign: 1, overdueAccept: 0 });

    // the bulletin: at the 5th, 逾期未签收 in the overdue table; at the month's end, 逾期查阅 (signed
    // late, by the signature it made on the 9th) and 逾期办理 (accepted late) in the handling table
    t.clock.set(sh(2026, 4, 2, 9));
    const early = expectOk(
      await s.dispatcher.post('/bulletins', { month: '2026-03', cutoff: '2026-03-05T09:00:00+08:00' }),
      201,
    ).document;
    const overdue = early.tables.find((x: any) => x.key === 'overdue');
    expect(overdue.rows.map((r: any) => r.slice(1, 6))).toEqual([['东山镇', 1, 0, 0, 1]]);
    expect(early.summary.join('')).toContain('逾期件1件（逾期未签收1件）');
    const doc = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-03' }), 201).document;
    const handling = doc.tables.find((x: any) => x.key === 'handling-township');
    expect(handling.rows.find((r: any) => r[1] === '东山镇').slice(5, 7)).toEqual([1, 1]);
  });

  it('migration 0018 brings a database written before the rule in line: the waiting request no longer counts', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [[f.units.townA, 'lead']]);
    const a = await step(s.handlerA, byUnit.get(f.units.townA)!, 'return', { reason: '该路段属西水乡管辖' });
    // as the code before it left the row: the sign and accept deadlines still open
    await run(
      `INSERT INTO stats_open (tenant_id, assignment_id, case_id, unit_id, dispatched_at, dispatch_day, is_repeat, sign_due_at, accept_due_at)
       VALUES ('${f.id}', '${a.id}', '${a.caseId}', '${f.units.townA}', ${T0}, '2026-03-02', 0, ${sh(2026, 3, 3)}, ${sh(2026, 3, 8)})
       ON CONFLICT DO UPDATE SET sign_due_at = excluded.sign_due_at, accept_due_at = excluded.accept_due_at`,
    );
    t.clock.set(sh(2026, 3, 10, 9));
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      overdue: 1,
      acceptanceDue: 1,
    });
    await applyMigration('0018_stats_open_return_pending');
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      overdue: 0,
      acceptanceDue: 0,
      timelyAcceptanceRate: null,
    });
    await expectStatsInStep(t, f.id);
  });

  it('migration 0019 brings a database written before the rule in line: the rejected return owes the signature', async () => {
    const { f, s } = await county();
    const one = await routed(s, [[f.units.townA, 'lead']]);
    const two = await routed(s, [[f.units.townB, 'lead']]);
    // 东山镇 asks to return it before signing, 西水乡 after signing; both rejected on the 4th
    let a = await step(s.handlerA, one.byUnit.get(f.units.townA)!, 'return', {
      reason: '该路段属西水乡管辖',
    });
    let b = await step(s.handlerB, two.byUnit.get(f.units.townB)!, 'sign');
    b = await step(s.handlerB, b, 'return', { reason: '该路段属东山镇管辖' });
    t.clock.set(sh(2026, 3, 4, 10));
    a = await step(s.dispatcher, a, 'reject-return', { note: '属东山镇职责' });
    b = await step(s.dispatcher, b, 'reject-return', { note: '属西水乡职责' });
    expect([a.state, b.state]).toEqual(['dispatched', 'signed']);
    // as the code before it left 东山镇's row: the request taken for a signature, no sign deadline
    await run(
      `UPDATE stats_open SET sign_due_at = NULL WHERE tenant_id = '${f.id}' AND assignment_id = '${a.id}'`,
    );
    t.clock.set(sh(2026, 3, 5, 9));
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({ overdue: 0, overdueSign: 0 });
    await applyMigration('0019_stats_open_rejected_return_sign');
    const body = await stats(s.county, MARCH);
    expect(unitOf(body, f.units.townA)).toMatchObject({ overdue: 1, overdueSign: 1, overdueAccept: 0 });
    // 西水乡 had signed: nothing owed yet (acceptance due 7 March 24:00), its row untouched
    expect(unitOf(body, f.units.townB)).toMatchObject({ overdue: 0, overdueSign: 0, overdueAccept: 0 });
    await expectStatsInStep(t, f.id);
    // applied again, it changes nothing
    await applyMigration('0019_stats_open_rejected_return_sign');
    await expectStatsInStep(t, f.id);
  });

  it('a return request approved after the acceptance deadline: returned, never overdue', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [[f.units.townA, 'lead']]);
    const a = await step(s.handlerA, byUnit.get(f.units.townA)!, 'return', { reason: '该路段属西水乡管辖' });
    t.clock.set(sh(2026, 3, 10, 9));
    await step(s.dispatcher, a, 'approve-return', { note: '同意退回' });
    const body = await stats(s.county, MARCH);
    expect(unitOf(body, f.units.townA)).toMatchObject({
      received: 0,
      returned: 1,
      overdue: 0,
      acceptanceDue: 0,
      timelyAcceptanceRate: null,
    });
    await expectStatsInStep(t, f.id);
  });

  it('an approved extension moves the reply deadline: replied on the 25th is on time for 东山镇 only', async () => {
    const { f, s } = await county();
    const one = await routed(s, [[f.units.townA, 'lead']]);
    const two = await routed(s, [[f.units.townB, 'lead']]);
    let a = await step(s.handlerA, one.byUnit.get(f.units.townA)!, 'sign');
    a = await step(s.handlerA, a, 'accept');
    let b = await step(s.handlerB, two.byUnit.get(f.units.townB)!, 'sign');
    b = await step(s.handlerB, b, 'accept');
    // both due 24:00 on 17 March; 东山镇 asks for 10 more days and gets them
    expect(a.replyDueAt).toBe(sh(2026, 3, 18));
    t.clock.set(sh(2026, 3, 10, 9));
    a = await step(s.handlerA, a, 'request-extension', { days: 10, reason: '需现场测量后再答复' });
    a = await step(s.dispatcher, a, 'approve-extension', {});
    expect(a.replyDueAt).toBe(sh(2026, 3, 28));
    t.clock.set(sh(2026, 3, 25, 16));
    await replyAs(s, f, f.units.townA, a);
    await replyAs(s, f, f.units.townB, b);
    const body = await stats(s.county, MARCH);
    expect(unitOf(body, f.units.townA).onTimeReplyRate).toBe(1);
    expect(unitOf(body, f.units.townB).onTimeReplyRate).toBe(0);
    expect(body.tenant.onTimeReplyRate).toBe(0.5);
    await expectStatsInStep(t, f.id);
  });

  it('no rating within the window: 超期未评 at 24:00 of its last day, before and after the sweep; a late rating is refused', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [[f.units.townA, 'lead']]);
    let a = await step(s.handlerA, byUnit.get(f.units.townA)!, 'sign');
    a = await step(s.handlerA, a, 'accept');
    a = await replyAs(s, f, f.units.townA, a);
    a = await step(s.handlerA, a, 'close');
    expect(a.ratingDueAt).toBe(sh(2026, 3, 18));
    t.clock.set(sh(2026, 3, 17, 23, 59));
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      toBeRated: 0,
      participationRate: null,
      closed: 1,
      completionRate: 1,
    });
    t.clock.set(sh(2026, 3, 18));
    const before = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(before).toMatchObject({ toBeRated: 1, unratedOverdue: 1, rated: 0, participationRate: 0 });
    expect((await sweep(f)).ratingsExpired).toBe(1);
    const after = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(after).toEqual(before);
    const row = expectOk(await s.dispatcher.get(`/assignments/${a.id}`));
    const version = row.assignments.find((x: any) => x.id === a.id).version;
    expectError(
      await move(s.dispatcher, { id: a.id, version }, 'rate', { value: 'satisfied' }),
      409,
      'CONFLICT',
    );
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toEqual(before);
    await expectStatsInStep(t, f.id);
  });

  it('rework after 不满意: the latest rating counts for satisfaction, not for one-time resolution', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [[f.units.townA, 'lead']]);
    let a = await step(s.handlerA, byUnit.get(f.units.townA)!, 'sign');
    a = await step(s.handlerA, a, 'accept');
    a = await replyAs(s, f, f.units.townA, a);
    a = await step(s.handlerA, a, 'close');
    a = await step(s.dispatcher, a, 'rate', { value: 'unsatisfied' });
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      rated: 1,
      unsatisfied: 1,
      satisfactionRate: 0,
      oneTimeResolutionRate: 0,
      closed: 1,
    });
    t.clock.set(sh(2026, 3, 3, 9));
    a = await step(s.dispatcher, a, 'reopen', { reason: '群众反映路面仍有积水' });
    // reopened: no longer closed; the citizen's 不满意 stands until a new rating replaces it
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      rated: 1,
      unsatisfied: 1,
      closed: 0,
      satisfactionRate: 0,
      onTimeReplyRate: 1,
      avgDays: null,
    });
    t.clock.set(sh(2026, 3, 6, 9));
    a = await replyAs(s, f, f.units.townA, a, '已重新铺设路面并加装排水口。');
    a = await step(s.handlerA, a, 'close');
    a = await step(s.dispatcher, a, 'rate', { value: 'satisfied' });
    const body = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(body).toMatchObject({
      rated: 1,
      satisfied: 1,
      unsatisfied: 0,
      satisfactionRate: 1,
      oneTimeResolutionRate: 0,
      onTimeReplyRate: 1,
      closed: 1,
      avgDays: 4,
    });
    await expectStatsInStep(t, f.id);
  });

  it('a confirmed repeat (重复信访) counts in the repeat rate of the county and of its unit, not in one-time resolution', async () => {
    const { f, s } = await county();
    const first = await register(s.dispatcher);
    const second = await register(s.dispatcher, {
      title: '青石路小区门口道路积水仍未修复',
      content: '上次反映青石路小区门口道路破损积水，至今没有修复，下雨天出行不便。',
    });
    expect(second.repeatSuggestions.length).toBeGreaterThan(0);
    await routeTo(s.dispatcher, first.case, [[f.units.townA, 'lead']]);
    const r2 = await routeTo(s.dispatcher, second.case, [[f.units.townA, 'lead']]);
    // the second is replied and rated before the dispatcher confirms it as a repeat
    let a = await step(s.handlerA, r2.assignments[0], 'sign');
    a = await step(s.handlerA, a, 'accept');
    a = await replyAs(s, f, f.units.townA, a);
    a = await step(s.dispatcher, a, 'rate', { value: 'satisfied' });
    expect(unitOf(await stats(s.county, MARCH), f.units.townA).oneTimeResolutionRate).toBe(1);
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${second.repeatSuggestions[0].id}/confirm`));
    const body = await stats(s.county, MARCH);
    expect(body.tenant.repeatRate).toBe(0.5);
    expect(unitOf(body, f.units.townA)).toMatchObject({
      received: 2,
      repeatRate: 0.5,
      rated: 1,
      satisfactionRate: 1,
      // the only rated case is a repeat: no first-time case is due for one-time resolution
      oneTimeResolutionRate: null,
    });
    await expectStatsInStep(t, f.id);
  });

  it('a case routed to two units counts once for each unit and once as a case', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [
      [f.units.townA, 'lead'],
      [f.units.deptA, 'co'],
    ]);
    let a = await step(s.handlerA, byUnit.get(f.units.townA)!, 'sign');
    a = await step(s.handlerA, a, 'accept');
    let d = await step(s.handlerDept, byUnit.get(f.units.deptA)!, 'sign');
    d = await step(s.handlerDept, d, 'accept');
    t.clock.set(sh(2026, 3, 5, 10));
    a = await replyAs(s, f, f.units.townA, a);
    await step(s.handlerA, a, 'close');
    const body = await stats(s.county, MARCH);
    expect(body.tenant).toMatchObject({ received: 2, closed: 1, completionRate: 0.5, repeatRate: 0 });
    expect(unitOf(body, f.units.townA)).toMatchObject({
      received: 1,
      closed: 1,
      completionRate: 1,
      avgDays: 3,
    });
    expect(unitOf(body, f.units.deptA)).toMatchObject({ received: 1, closed: 0, completionRate: 0 });
    await expectStatsInStep(t, f.id);
  });

  it('average days counts cases closed in the month, whenever dispatched; 不予受理 closes at once', async () => {
    const { f, s } = await county();
    // dispatched 20 February, closed 3 March: 11 days, in March's average but not its received
    t.clock.set(sh(2026, 2, 20, 9));
    const feb = await routed(s, [[f.units.townA, 'lead']]);
    let a = await step(s.handlerA, feb.byUnit.get(f.units.townA)!, 'sign');
    a = await step(s.handlerA, a, 'accept');
    t.clock.set(sh(2026, 3, 3, 9));
    a = await replyAs(s, f, f.units.townA, a);
    await step(s.handlerA, a, 'close');
    // dispatched 3 March, refused the same day: 0 days, closed (办结) by the refusal
    const mar = await routed(s, [[f.units.townA, 'lead']]);
    const r = await step(s.handlerA, mar.byUnit.get(f.units.townA)!, 'sign');
    await step(s.handlerA, r, 'refuse', {
      reason: '属于诉讼程序',
      notice: '不予受理告知书：请依法向人民法院起诉。',
    });
    const body = unitOf(await stats(s.county, MARCH), f.units.townA);
    expect(body).toMatchObject({
      received: 1,
      closed: 1,
      completionRate: 1,
      timelyAcceptanceRate: 1,
      avgDays: 5.5,
    });
    const february = unitOf(await stats(s.county, { month: '2026-02' }), f.units.townA);
    expect(february).toMatchObject({ received: 1, closed: 1, avgDays: null });
    await expectStatsInStep(t, f.id);
  });

  it('satisfaction of the unit and of the bureau are kept apart; 基本满意 counts as satisfied', async () => {
    const { f, s } = await county();
    const one = await routed(s, [
      [f.units.townA, 'lead'],
      [f.units.deptA, 'co'],
    ]);
    const two = await routed(s, [[f.units.townA, 'lead']]);
    const finish = async (unitId: string, ref: any, value: string, bureauValue?: string) => {
      const h = unitId === f.units.townA ? s.handlerA : s.handlerDept;
      let x = await step(h, ref, 'sign');
      x = await step(h, x, 'accept');
      x = await replyAs(s, f, unitId, x);
      return step(s.dispatcher, x, 'rate', { value, ...(bureauValue ? { bureauValue } : {}) });
    };
    await finish(f.units.townA, one.byUnit.get(f.units.townA), 'basic', 'satisfied');
    await finish(f.units.deptA, one.byUnit.get(f.units.deptA), 'unsatisfied');
    await finish(f.units.townA, two.byUnit.get(f.units.townA), 'satisfied', 'unsatisfied');
    const body = await stats(s.county, MARCH);
    expect(unitOf(body, f.units.townA)).toMatchObject({
      rated: 2,
      satisfied: 1,
      basicallySatisfied: 1,
      satisfactionRate: 1,
      bureauSatisfactionRate: 0.5,
      participationRate: 1,
      oneTimeResolutionRate: 1,
    });
    expect(unitOf(body, f.units.deptA)).toMatchObject({ satisfactionRate: 0, bureauSatisfactionRate: null });
    near(body.tenant.satisfactionRate, 2 / 3);
    expect(body.tenant.bureauSatisfactionRate).toBe(0.5);
    await expectStatsInStep(t, f.id);
  });
});

describe('the bureau itself', () => {
  it('a case the bureau answers itself (平台自办) counts for the bureau unit, accepted and replied at once', async () => {
    const { f, s } = await county();
    const c = await register(s.dispatcher);
    expectOk(
      await s.dispatcher.post(`/cases/${c.case.id}/self-handle`, {
        version: c.case.version,
        reply: '已电话答复群众。',
      }),
    );
    const body = await stats(s.county, MARCH);
    expect(unitOf(body, f.units.bureau)).toMatchObject({
      received: 1,
      timelyAcceptanceRate: 1,
      onTimeReplyRate: 1,
      closed: 0,
      toBeRated: 0,
    });
    expect(body.tenant).toMatchObject({ received: 1, repeatRate: 0 });
    await expectStatsInStep(t, f.id);
  });
});

describe('who sees what', () => {
  it('a unit sees its own row beside the county total; rankings and deductions are for the bureau and leaders', async () => {
    const { f, s } = await county();
    await routed(s, [[f.units.townA, 'lead']]);
    await routed(s, [[f.units.townB, 'lead']]);
    const mine = await stats(s.handlerA, MARCH);
    expect(mine.units.map((u: any) => u.unitId)).toEqual([f.units.townA]);
    expect(mine.tenant.received).toBe(2);
    const cmp = expectOk(await s.leaderA.get('/stats/compare', MARCH));
    expect(cmp.units.map((u: any) => u.unitId)).toEqual([f.units.townA]);
    expectError(await s.handlerA.get('/rankings', MARCH), 403, 'FORBIDDEN');
    expectError(await s.handlerA.get('/deductions', MARCH), 403, 'FORBIDDEN');
    expect((await stats(s.county, MARCH)).units.length).toBe(5);
    expect(expectOk(await s.county.get('/rankings', MARCH)).ranked.length).toBe(2);
  });
});
