// What a unit waits to hear reaches it as a reminder on its console home: the bureau's answer to
// its 退件 and 延期 requests, a 重办, and its leader's word on a submitted reply. Before, the unit
// learnt of them only by opening each case, or by phoning the bureau. And its 督办件 are counted for
// its inbox, as the bureau's own queue counts them.
import { describe, expect, it } from 'vitest';
import { caseAt, expectError, expectOk, move, replyFully, step, workflowBench } from './workflow-helpers';

const { t, county, sweep } = workflowBench('ur');

const unread = async (d: { get: (p: string, q?: Record<string, string>) => Promise<{ body: any }> }) =>
  ((await d.get('/reminders', { unread: '1' })).body.items as { kind: string; message: string }[]).map(
    (r) => [r.kind, r.message],
  );

describe('a unit hears of decisions on its case without phoning the bureau', () => {
  it('a refused extension and a granted one each reach the unit, with the date the reply is due', async () => {
    const { s } = await county();
    const { a, number } = await caseAt(s, ['sign', 'accept']);
    let x = await step(s.handlerA, a, 'request-extension', { days: 5, reason: '需协调供电公司' });
    // written as a sentence, full stop and all: the reminder goes on after it without a 。，
    x = await step(s.dispatcher, x, 'deny-extension', { note: '路灯维修无需延期。 ' });
    x = await step(s.handlerA, x, 'request-extension', { days: 3, reason: '配件到货需三天' });
    x = await step(s.dispatcher, x, 'approve-extension', { days: 2 });
    const mine = await unread(s.handlerA);
    expect(mine).toHaveLength(2);
    expect(mine[1]![0]).toBe('extension_denied');
    expect(mine[1]![1]).toMatch(
      new RegExp(`^${number} 延期申请未获批准：路灯维修无需延期，请于\\d{4}年\\d+月\\d+日前答复$`),
    );
    expect(mine[0]![0]).toBe('extension_approved');
    expect(mine[0]![1]).toMatch(
      new RegExp(`^${number} 延期申请已批准，延期 2 天，请于\\d{4}年\\d+月\\d+日前答复$`),
    );
    // the leader of the unit sees them; another unit does not
    expect(await unread(s.leaderA)).toHaveLength(2);
    expect(await unread(s.handlerB)).toEqual([]);
  });

  it('a return refused or granted reaches the unit; a stale decision writes nothing', async () => {
    const { s } = await county();
    const { a, number } = await caseAt(s, ['sign']);
    let x = await step(s.handlerA, a, 'return', { reason: '不属本镇职责' });
    expectError(await move(s.dispatcher, a, 'reject-return', { note: '过期的页面' }), 409, 'CONFLICT');
    x = await step(s.dispatcher, x, 'reject-return', { note: '经核实属本镇管辖！' });
    expect(await unread(s.handlerA)).toEqual([
      ['return_rejected', `${number} 退件申请被驳回：经核实属本镇管辖。请继续办理`],
    ]);
    x = await step(s.handlerA, x, 'return', { reason: '确属县住建局职责' });
    await step(s.dispatcher, x, 'approve-return', {});
    expect((await unread(s.handlerA))[0]).toEqual(['return_approved', `${number} 退件申请已同意`]);
  });

  it("the leader's send-back and approval reach the handler, and a 重办 reaches the unit with its reason", async () => {
    const { s } = await county();
    const { a, number } = await caseAt(s, ['sign', 'accept']);
    let x = await step(s.handlerA, a, 'reply', { body: '已修复。' });
    x = await step(s.handlerA, x, 'submit-reply');
    x = await step(s.leaderA, x, 'reject-reply', { note: '请写明修复日期' });
    expect(await unread(s.handlerA)).toEqual([
      ['reply_rejected', `${number} 答复被领导退回修改：请写明修复日期`],
    ]);
    x = await replyFully(s, x);
    expect((await unread(s.handlerA))[0]).toEqual([
      'reply_approved',
      `${number} 答复已经领导审核通过，请答复群众`,
    ]);
    x = await step(s.dispatcher, x, 'rate', { value: 'unsatisfied' });
    await step(s.dispatcher, x, 'reopen', { reason: '群众反映路灯仍不亮' });
    const [kind, message] = (await unread(s.handlerA))[0]!;
    expect(kind).toBe('reopened');
    expect(message).toMatch(
      new RegExp(`^${number} 重办：群众反映路灯仍不亮（请于\\d{4}年\\d+月\\d+日前重新答复）$`),
    );
  });
});

describe('a unit’s 督办件', () => {
  it('are counted for its inbox while being handled, as many as its 督办件 list shows, and no other unit’s', async () => {
    const { s } = await county();
    const open = await caseAt(s, ['sign']);
    await step(s.dispatcher, open.a, 'supervise', { note: '群众多次来电，请加快办理' });
    const done = await caseAt(s, ['sign', 'accept']);
    let x = await step(s.dispatcher, done.a, 'supervise', { note: '请按期答复' });
    await replyFully(s, x);
    await caseAt(s, ['sign']);
    x = (await caseAt(s, [], {}, [[s.dispatcher.f.units.townB, 'lead']])).a;
    await step(s.dispatcher, x, 'supervise', { note: '请尽快签收' });

    const counts = expectOk(await s.handlerA.get('/inbox/counts'));
    expect(counts.supervised).toBe(1);
    const listed = expectOk(
      await s.handlerA.get('/assignments', {
        state: 'dispatched,signed,accepted,return_requested',
        supervised: 'true',
      }),
    ).items;
    expect(listed.map((y: { id: string }) => y.id)).toEqual([open.a.id]);
    expect(expectOk(await s.handlerB.get('/inbox/counts')).supervised).toBe(1);
    expect(expectOk(await s.dispatcher.get('/queues')).supervised).toBe(2);
  });
});

describe('退件/延期审批中', () => {
  it('holds what the unit waits for the bureau to decide, a return and an extension alike, count and list the same', async () => {
    const { s } = await county();
    const ext = await caseAt(s, ['sign', 'accept']);
    let x = await step(s.handlerA, ext.a, 'request-extension', { days: 5, reason: '需协调供电公司' });
    const ret = await caseAt(s, ['sign']);
    const y = await step(s.handlerA, ret.a, 'return', { reason: '不属本镇职责' });
    await caseAt(s, ['sign', 'accept']);
    const waiting = async () => ({
      count: expectOk(await s.handlerA.get('/inbox/counts')).waiting,
      ids: expectOk(await s.handlerA.get('/assignments', { waiting: 'true' }))
        .items.map((a: { id: string }) => a.id)
        .sort(),
    });
    expect(await waiting()).toEqual({ count: 2, ids: [ext.a.id, ret.a.id].sort() });
    x = await step(s.dispatcher, x, 'approve-extension', {});
    await step(s.dispatcher, y, 'reject-return', {});
    expect(await waiting()).toEqual({ count: 0, ids: [] });
  });

  it('a reminder that a step is due or overdue leaves the unread list once the unit has taken the step', async () => {
    const { f, s } = await county();
    const { a, number } = await caseAt(s);
    // 20 hours on, 签收 is due within the day
    t.clock.advance(20 * 3_600_000);
    await sweep(f);
    expect(await unread(s.handlerA)).toEqual([['due_soon', `${number} 签收将于 24 小时内到期`]]);
    let x = await step(s.handlerA, a, 'sign');
    expect(await unread(s.handlerA)).toEqual([]);
    // 受理 let slip: overdue, then taken
    t.clock.advance(8 * 86_400_000);
    await sweep(f);
    expect(
      (await unread(s.handlerA)).map(([kind, message]) => [kind, String(message).startsWith(number)]),
    ).toEqual([['overdue', true]]);
    x = await step(s.handlerA, x, 'accept');
    expect(await unread(s.handlerA)).toEqual([]);
    // the whole list still holds both, for the record
    const all = (await s.handlerA.get('/reminders')).body.items as { kind: string }[];
    expect(all.map((r) => r.kind).sort()).toEqual(['due_soon', 'overdue']);
  });
});
