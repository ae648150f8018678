// A citizen's case from the portal through the bureau and back: tracked, answered, rated, and
// (when unsatisfied) sent back for rework or review; a 问政 answer reaching the public board.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSweepAllTenants } from '../../workers/services/workflow/sweep';
import { as, makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import {
  answerThroughStaff,
  idemKey,
  inquiry,
  petition,
  portal,
  publishThroughStaff,
  townStaff,
} from './portal-helpers';

let t: TestApp;
let f: TenantFixture;
beforeEach(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'qingshan');
});
afterEach(async () => t.close());

const DAY = 86_400_000;

const staff = () => townStaff(t, f);

/** A petition from the portal, answered by 东山镇: the citizen's client and receipt, the case id. */
async function answeredPetition() {
  const citizen = t.client();
  const sub = await citizen.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
  const creds = { queryCode: sub.body.queryCode, secret: sub.body.secret };
  const { caseId } = await answerThroughStaff(
    await staff(),
    f.slug,
    sub.body.number,
    f.units.townA,
    '经核实，不属实。',
  );
  const review = (reason: string) =>
    citizen.post(`${portal(f.slug)}/review`, { ...creds, kind: 'review', reason });
  return { citizen, sub, creds, caseId, review };
}

describe('a complaint from the portal, answered by a township', () => {
  it('the citizen follows each step, reads the reply and rates the unit and the bureau apart', async () => {
    const citizen = t.client();
    const sub = await citizen.post(`${portal(f.slug)}/cases`, petition({ townshipUnitId: f.units.townA }), {
      'idempotency-key': idemKey(),
    });
    expect(sub.status).toBe(201);
    const creds = { queryCode: sub.body.queryCode, secret: sub.body.secret };

    t.clock.advance(DAY);
    const s = await staff();
    const { assignmentId } = await answerThroughStaff(
      s,
      f.slug,
      sub.body.number,
      f.units.townA,
      '路灯已于本周更换，感谢您的反映。',
    );

    const view = await citizen.post(`${portal(f.slug)}/track`, creds);
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('replied');
    const lines = view.body.timeline.map((e: { text: string }) => e.text);
    expect(lines).toEqual([
      '已收到您反映的事项，等待分派办理',
      '已转交东山镇办理',
      '东山镇已签收',
      '东山镇已受理',
      '东山镇已答复',
    ]);
    expect(view.body.replies).toEqual([
      { assignmentId, unitName: '东山镇', body: '路灯已于本周更换，感谢您的反映。', at: expect.any(Number) },
    ]);
    // the reply as a paper (答复意见书) and the acceptance notice, printed by the citizen; not with
    // a wrong secret, not for another case's assignment, and never the bureau's internal papers
    const paper = (body: Record<string, unknown>) => citizen.post(`${portal(f.slug)}/papers`, body);
    const printed = await paper({ ...creds, assignmentId, kind: 'reply' });
    expect(printed.status).toBe(200);
    expect(printed.headers.get('content-type')).toMatch(/text\/html/);
    expect(printed.body).toContain('信访事项答复意见书');
    expect(printed.body).toContain('路灯已于本周更换，感谢您的反映。');
    expect((await paper({ ...creds, assignmentId, kind: 'decision' })).body).toContain('受理告知书');
    expect((await paper({ ...creds, secret: '000000', assignmentId, kind: 'reply' })).status).toBe(404);
    expect((await paper({ ...creds, assignmentId, kind: 'dispatch' })).status).toBe(400);
    const other = await answeredPetition();
    const theirs = (await other.citizen.post(`${portal(f.slug)}/track`, other.creds)).body.rating
      .assignments[0].id;
    expect((await paper({ ...creds, assignmentId: theirs, kind: 'reply' })).status).toBe(404);
    // Internal steps (draft, review by the leader) and staff names never reach the citizen.
    const text = JSON.stringify(view.body);
    expect(text).not.toMatch(/审核|拟写|handlerA|leaderA|dispatcher/);
    expect(view.body.rating).toMatchObject({
      open: true,
      assignments: [{ id: assignmentId, unitName: '东山镇' }],
      given: [],
    });
    expect(view.body.rating.dueAt).toBeGreaterThan(t.clock.now());

    // One unit rated twice in one request is refused whole: no rating is written.
    const twice = await citizen.post(`${portal(f.slug)}/rate`, {
      ...creds,
      ratings: [
        { assignmentId, value: 'unsatisfied' },
        { assignmentId, value: 'satisfied' },
      ],
    });
    expect(twice.status).toBe(400);
    expect((await citizen.post(`${portal(f.slug)}/track`, creds)).body.rating.given).toEqual([]);

    const rated = await citizen.post(`${portal(f.slug)}/rate`, {
      ...creds,
      ratings: [{ assignmentId, value: 'satisfied' }],
      bureau: 'basic',
      comment: '处理及时',
    });
    expect(rated.status).toBe(200);
    expect(rated.body.status).toBe('rated');
    expect(rated.body.rating.open).toBe(false);
    expect(rated.body.rating.given).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target: 'unit', unitName: '东山镇', value: 'satisfied' }),
        expect.objectContaining({ target: 'bureau', unitName: '信访部门', value: 'basic' }),
      ]),
    );
    expect(rated.body.timeline.at(-1).text).toBe('您已对东山镇的办理作出评价');

    // Rating twice is refused: the answer was already rated.
    const again = await citizen.post(`${portal(f.slug)}/rate`, {
      ...creds,
      ratings: [{ assignmentId, value: 'unsatisfied' }],
    });
    expect(again.status).toBe(409);
  });

  it('shows handler names only where the county allows it', async () => {
    const admin = await as(t, f, 'admin');
    expect(
      (await admin.patch(`/api/t/${f.slug}/settings`, { patch: { showHandlerNames: true } })).status,
    ).toBe(200);
    const citizen = t.client();
    const sub = await citizen.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    await answerThroughStaff(await staff(), f.slug, sub.body.number, f.units.townA, '已处理。');
    const view = await citizen.post(`${portal(f.slug)}/track`, {
      queryCode: sub.body.queryCode,
      secret: sub.body.secret,
    });
    expect(view.body.timeline.map((e: { text: string }) => e.text)).toContain(
      '东山镇已签收（经办人：handlerA）',
    );
  });

  it('after an unsatisfied rating the citizen asks for rework, then for a review', async () => {
    const citizen = t.client();
    const sub = await citizen.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const creds = { queryCode: sub.body.queryCode, secret: sub.body.secret };
    const { assignmentId } = await answerThroughStaff(
      await staff(),
      f.slug,
      sub.body.number,
      f.units.townA,
      '经核实，不属实。',
    );
    const before = await citizen.post(`${portal(f.slug)}/track`, creds);
    expect(before.body.canRequestRework).toBe(false);
    expect(before.body.canRequestReview).toBe(true);

    const rated = await citizen.post(`${portal(f.slug)}/rate`, {
      ...creds,
      ratings: [{ assignmentId, value: 'unsatisfied' }],
    });
    expect(rated.body.canRequestRework).toBe(true);

    const tooShort = await citizen.post(`${portal(f.slug)}/review`, {
      ...creds,
      kind: 'rework',
      reason: '不行',
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.details[0].path).toBe('reason');

    const rework = await citizen.post(`${portal(f.slug)}/review`, {
      ...creds,
      kind: 'rework',
      reason: '路灯仍然不亮，请重新处理。',
    });
    expect(rework.status).toBe(200);
    expect(rework.body.timeline.at(-1).text).toBe('您已申请重新办理');
    expect(rework.body.canRequestRework).toBe(false);
    const twice = await citizen.post(`${portal(f.slug)}/review`, {
      ...creds,
      kind: 'rework',
      reason: '再申请一次重新办理。',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('您已申请重新办理，请等待信访部门处理');

    const review = await citizen.post(`${portal(f.slug)}/review`, {
      ...creds,
      kind: 'review',
      reason: '对答复不服，申请复查。',
    });
    expect(review.status).toBe(200);
    expect(review.body.reviewLevel).toBe(1);
    // 复核 waits for the answer to the review.
    expect(review.body.canRequestReview).toBe(false);
    const early = await citizen.post(`${portal(f.slug)}/review`, {
      ...creds,
      kind: 'review',
      reason: '申请复核，请重新审查。',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('收到复查答复后');
  });

  it('the bureau answers a 复查 with its opinion; 复核 counts 30 days from that answer; then no more', async () => {
    const { citizen, creds, caseId, review } = await answeredPetition();
    const base = `/api/t/${f.slug}`;
    t.clock.advance(25 * DAY);
    let s = await staff(); // sessions end after 30 idle minutes
    const asked = await review('对答复不服，申请复查。');
    expect(asked.status).toBe(200);

    // the workbench shows it waiting, with its deadline (30 days from the request)
    const counts = await s.dispatcher.get(`${base}/queues`);
    expect(counts.body).toMatchObject({ reviewRequests: 1 });
    const waiting = await s.dispatcher.get(`${base}/cases?review=pending`);
    expect(waiting.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    let detail = (await s.dispatcher.get(`${base}/cases/${caseId}`)).body;
    expect(detail.actions).toContain('answer-review');
    expect(detail.review).toMatchObject({ level: 1, pending: true, light: 'green' });
    expect(detail.review.dueAt - detail.review.requestedAt).toBeGreaterThanOrEqual(29 * DAY);

    // only the bureau answers, on the current version, with an opinion
    const byUnit = await s.handler.post(`${base}/cases/${caseId}/answer-review`, {
      version: detail.case.version,
      decision: 'upheld',
      opinion: '维持原处理意见。',
    });
    expect(byUnit.status).toBe(403);
    const empty = await s.dispatcher.post(`${base}/cases/${caseId}/answer-review`, {
      version: detail.case.version,
      decision: 'upheld',
      opinion: '  ',
    });
    expect(empty.status).toBe(400);
    const stale = await s.dispatcher.post(`${base}/cases/${caseId}/answer-review`, {
      version: detail.case.version - 1,
      decision: 'upheld',
      opinion: '维持原处理意见。',
    });
    expect(stale.status).toBe(409);

    t.clock.advance(25 * DAY); // 50 days after the reply, 25 after the request
    s = await staff();
    const answered = await s.dispatcher.post(`${base}/cases/${caseId}/answer-review`, {
      version: detail.case.version,
      decision: 'upheld',
      opinion: '经复查，原处理意见认定事实清楚，予以维持。',
    });
    expect(answered.status).toBe(200);
    detail = answered.body;
    expect(detail.review).toMatchObject({ level: 1, pending: false, dueAt: null });
    expect(detail.review.history.map((h: { kind: string }) => h.kind)).toEqual(['request', 'answer']);
    expect(detail.actions).not.toContain('answer-review');
    expect(detail.timeline.at(-1).text).toBe('复查意见：维持原处理意见');
    expect((await s.dispatcher.get(`${base}/queues`)).body.reviewRequests).toBe(0);
    const again = await s.dispatcher.post(`${base}/cases/${caseId}/answer-review`, {
      version: detail.case.version,
      decision: 'revised',
      opinion: '再答一次。',
    });
    expect(again.status).toBe(409);

    // the citizen reads the opinion; 复核 may be asked though the reply is 60 days old
    t.clock.advance(10 * DAY);
    const view = await citizen.post(`${portal(f.slug)}/track`, creds);
    expect(view.body.reviewAnswers).toEqual([
      expect.objectContaining({
        level: 1,
        decision: 'upheld',
        opinion: '经复查，原处理意见认定事实清楚，予以维持。',
      }),
    ]);
    expect(view.body.timeline.at(-1).text).toBe('信访部门已出具复查意见（维持原处理意见）');
    expect(view.body.reviewPending).toBe(false);
    expect(view.body.canRequestReview).toBe(true);
    const second = await citizen.post(`${portal(f.slug)}/review`, {
      ...creds,
      kind: 'review',
      reason: '对复查意见不服，申请复核。',
    });
    expect(second.status).toBe(200);
    expect(second.body.reviewLevel).toBe(2);
    s = await staff();
    detail = (await s.dispatcher.get(`${base}/cases/${caseId}`)).body;
    const final = await s.dispatcher.post(`${base}/cases/${caseId}/answer-review`, {
      version: detail.case.version,
      decision: 'revised',
      opinion: '经复核，变更原处理意见，责成东山镇重新核查。',
    });
    expect(final.body.timeline.at(-1).text).toBe('复核意见：撤销或变更原处理意见');
    // each opinion is the bureau's paper to the citizen: the 复查意见书 and then the 复核意见书
    const paper = async (who: 'dispatcher' | 'handler', q = '') => {
      const r = await s[who].get(`${base}/cases/${caseId}/documents/review${q}`);
      return { status: r.status, text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body) };
    };
    const first = await paper('dispatcher', '?level=1');
    expect(first.status).toBe(200);
    for (const text of [
      '信访事项复查意见书',
      '张大山',
      '复查结论：维持原处理意见',
      '经复查，原处理意见认定事实清楚，予以维持。',
    ])
      expect(first.text).toContain(text);
    expect(first.text).toContain('内请求复核');
    const latest = await paper('dispatcher');
    expect(latest.text).toContain('信访事项复核意见书');
    expect(latest.text).toContain('撤销或变更原处理意见');
    expect(latest.text).toContain('不再受理');
    expect(latest.text).not.toContain('请求复核');
    // the bureau's paper: a unit has none; a level that is not one is refused
    expect((await paper('handler')).status).toBe(404);
    expect((await paper('dispatcher', '?level=3')).status).toBe(400);
    // after 复核 the same claim is not taken again
    const after = await citizen.post(`${portal(f.slug)}/track`, creds);
    expect(after.body.canRequestReview).toBe(false);
    const third = await citizen.post(`${portal(f.slug)}/review`, {
      ...creds,
      kind: 'review',
      reason: '还要再申请一次。',
    });
    expect(third.status).toBe(409);
  });

  it('the sweep reminds the bureau a day before a 复查 answer is due, and when it is late', async () => {
    const { sub, review } = await answeredPetition();
    let s = await staff();
    await review('对答复不服，申请复查。');
    const base = `/api/t/${f.slug}`;
    const reviewReminders = async () =>
      (await s.dispatcher.get(`${base}/reminders`)).body.items.filter((r: { message: string }) =>
        r.message.includes('复查意见'),
      );
    await runSweepAllTenants(t.deps);
    s = await staff();
    expect(await reviewReminders()).toEqual([]);
    const caseId = (await s.dispatcher.get(`${base}/cases?review=pending`)).body.items[0].id;
    const due = (await s.dispatcher.get(`${base}/cases/${caseId}`)).body.review.dueAt as number;
    t.clock.set(due - 12 * 3_600_000);
    await runSweepAllTenants(t.deps);
    await runSweepAllTenants(t.deps);
    s = await staff();
    expect(
      (await reviewReminders()).map((r: { kind: string; message: string }) => [r.kind, r.message]),
    ).toEqual([['due_soon', `${sub.body.number} 复查意见将于 24 小时内到期`]]);
    t.clock.advance(2 * DAY);
    await runSweepAllTenants(t.deps);
    await runSweepAllTenants(t.deps);
    s = await staff();
    expect((await reviewReminders()).map((r: { kind: string }) => r.kind).sort()).toEqual([
      'due_soon',
      'overdue',
    ]);
    // units never see the bureau's reminders
    expect(
      (await s.handler.get(`${base}/reminders`)).body.items.filter((r: { message: string }) =>
        r.message.includes('复查'),
      ),
    ).toEqual([]);
    const detail = (await s.dispatcher.get(`${base}/cases/${caseId}`)).body;
    expect(detail.review).toMatchObject({ pending: true, light: 'red' });
    expect((await reviewReminders()).every((r: { caseId: string }) => r.caseId === caseId)).toBe(true);
  });

  it('复核 must come within 30 days of the answer to the 复查', async () => {
    const { caseId, review } = await answeredPetition();
    await review('对答复不服，申请复查。');
    const base = `/api/t/${f.slug}`;
    t.clock.advance(DAY);
    const s = await staff();
    const detail = (await s.dispatcher.get(`${base}/cases/${caseId}`)).body;
    const answered = await s.dispatcher.post(`${base}/cases/${caseId}/answer-review`, {
      version: detail.case.version,
      decision: 'upheld',
      opinion: '维持。',
    });
    expect(answered.status).toBe(200);
    t.clock.advance(35 * DAY);
    const late = await review('申请复核，请重新审查。');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('期限');
  });

  it('a review (复查) must be asked within 30 days of the written reply', async () => {
    const citizen = t.client();
    const sub = await citizen.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const creds = { queryCode: sub.body.queryCode, secret: sub.body.secret };
    await answerThroughStaff(await staff(), f.slug, sub.body.number, f.units.townA, '经核实，不属实。');
    t.clock.advance(40 * DAY);
    expect((await citizen.post(`${portal(f.slug)}/track`, creds)).body.canRequestReview).toBe(false);
    const late = await citizen.post(`${portal(f.slug)}/review`, {
      ...creds,
      kind: 'review',
      reason: '对答复不服，申请复查。',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('期限');
  });

  it('the rating window closes after the tenant window', async () => {
    const citizen = t.client();
    const sub = await citizen.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const creds = { queryCode: sub.body.queryCode, secret: sub.body.secret };
    const { assignmentId } = await answerThroughStaff(
      await staff(),
      f.slug,
      sub.body.number,
      f.units.townA,
      '已处理。',
    );
    t.clock.advance(20 * DAY);
    const view = await citizen.post(`${portal(f.slug)}/track`, creds);
    expect(view.body.rating.open).toBe(false);
    const late = await citizen.post(`${portal(f.slug)}/rate`, {
      ...creds,
      ratings: [{ assignmentId, value: 'satisfied' }],
    });
    expect(late.status).toBe(409);
  });
});

describe('a public question (问政)', () => {
  it('appears on the board only after the dispatcher publishes the answer', async () => {
    const citizen = t.client();
    const sub = await citizen.post(
      `${portal(f.slug)}/cases`,
      inquiry({
        title: '东山镇卫生院何时开通夜间门诊',
        content: '家里老人晚上看病不方便，请问卫生院什么时候开夜间门诊？',
        categoryId: f.categoryId,
      }),
      { 'idempotency-key': idemKey() },
    );
    const s = await staff();
    const { caseId } = await answerThroughStaff(
      s,
      f.slug,
      sub.body.number,
      f.units.townA,
      '卫生院将于下月起开通夜间门诊。',
    );
    expect((await citizen.get(`${portal(f.slug)}/board`)).body.items).toEqual([]);

    await publishThroughStaff(s.dispatcher, f.slug, caseId);
    const board = await citizen.get(`${portal(f.slug)}/board?q=${encodeURIComponent('夜间门诊')}`);
    expect(board.body.items).toEqual([
      expect.objectContaining({
        number: sub.body.number,
        title: '东山镇卫生院何时开通夜间门诊',
        answer: '卫生院将于下月起开通夜间门诊。',
        unitName: '东山镇',
        categoryName: '城乡建设',
      }),
    ]);
    const byUnit = await citizen.get(`${portal(f.slug)}/board?unitId=${f.units.townA}`);
    expect(byUnit.body.items).toHaveLength(1);
    expect((await citizen.get(`${portal(f.slug)}/board?unitId=${f.units.townB}`)).body.items).toHaveLength(0);
    const track = await citizen.post(`${portal(f.slug)}/track`, {
      queryCode: sub.body.queryCode,
      secret: sub.body.secret,
    });
    expect(track.body.timeline.at(-1).text).toBe('答复已在网上问政栏目公开');
  });

  it('a question the bureau answers itself reads as one step', async () => {
    const citizen = t.client();
    const sub = await citizen.post(`${portal(f.slug)}/cases`, inquiry(), { 'idempotency-key': idemKey() });
    const dispatcher = await as(t, f, 'dispatcher');
    const list = await dispatcher.get(`/api/t/${f.slug}/cases?q=${sub.body.number}`);
    const c = list.body.items[0];
    const r = await dispatcher.post(`/api/t/${f.slug}/cases/${c.id}/self-handle`, {
      version: c.version,
      reply: '缴费标准为每人每年 400 元。',
    });
    expect(r.status).toBe(200);
    const view = await citizen.post(`${portal(f.slug)}/track`, {
      queryCode: sub.body.queryCode,
      secret: sub.body.secret,
    });
    expect(view.body.timeline.map((e: { text: string }) => e.text)).toEqual([
      '已收到您反映的事项，等待分派办理',
      '由信访部门直接办理',
      expect.stringContaining('已答复'),
    ]);
  });
});
