// A citizen whose case the bureau merged into another (合并办理) tracks it with their own query code.
// They are told which case holds the matter, how far it has come and by when each unit owes its next
// step. The answer, its rating and the review go with the case the answer was given on: the same
// person (same identity key, as repeats are told) reads and rates it through either code, and it is
// rated and counted once; another person's answer is addressed to them and is not shown, and its
// rating stays theirs.
import { describe, expect, it } from 'vitest';
import { idemKey, petition, portal } from './portal-helpers';
import { expectStatsInStep, stats, unitOf } from './stats-helpers';
import { type Desks, expectOk, replyFully, routeTo, step, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('merged');

type Creds = { queryCode: string; secret: string };

async function submit(slug: string, over: Record<string, unknown> = {}) {
  const r = await t.client().post(`${portal(slug)}/cases`, petition(over), { 'idempotency-key': idemKey() });
  expect(r.status).toBe(201);
  const creds: Creds = { queryCode: r.body.queryCode, secret: r.body.secret };
  return { number: r.body.number as string, creds };
}

async function track(slug: string, creds: Creds) {
  return expectOk(await t.client().post(`${portal(slug)}/track`, creds));
}

async function caseByNumber(s: Desks, number: string) {
  const list = expectOk(await s.dispatcher.get('/cases', { q: number }));
  return expectOk(await s.dispatcher.get(`/cases/${list.items.find((c: any) => c.number === number).id}`));
}

/** The dispatcher confirms the suggested repeat (when there is one) and merges the later case. */
async function mergeLater(s: Desks, later: string, earlier: string) {
  const b = await caseByNumber(s, later);
  const a = await caseByNumber(s, earlier);
  for (const sug of b.repeatSuggestions)
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${sug.id}/confirm`));
  const fresh = await caseByNumber(s, later);
  expectOk(
    await s.dispatcher.post(`/cases/${fresh.case.id}/merge`, {
      version: fresh.case.version,
      intoCaseId: a.case.id,
    }),
  );
  return { a, suggested: b.repeatSuggestions.length as number };
}

const ANSWER = '张大山同志：您好！您反映的村道路灯已于本周全部更换，感谢您的监督。';

describe('merged into a case of the same person', () => {
  it('reads the answer with its own code, rates it there once, and it counts once', async () => {
    const { f, s } = await county();
    const slug = f.slug;
    const A = await submit(slug);
    t.clock.advance(3_600_000);
    const B = await submit(slug);
    const { a, suggested } = await mergeLater(s, B.number, A.number);
    // the same phone and the same words: the system suggested the repeat the dispatcher confirmed
    expect(suggested).toBe(1);
    expect(a.case.status).toBe('new');

    let view = await track(slug, B.creds);
    expect(view.status).toBe('merged');
    expect(view.timeline.at(-1).text).toBe(`已与编号 ${A.number} 的同一事项合并办理`);
    expect(view.mergedInto).toMatchObject({
      number: A.number,
      samePerson: true,
      status: 'new',
      routeDueAt: a.case.routeDueAt,
      units: [],
    });

    const routed = await routeTo(s.dispatcher, a.case, [[f.units.townA, 'lead']]);
    let asg = await step(s.handlerA, routed.assignments[0], 'sign');
    asg = await step(s.handlerA, asg, 'accept');
    view = await track(slug, B.creds);
    expect(view.mergedInto.status).toBe('in_progress');
    expect(view.mergedInto.units).toEqual([
      { unitName: '东山镇', role: 'lead', step: 'reply', dueAt: asg.replyDueAt, at: null },
    ]);
    // the same person sees that case's own timeline too
    expect(view.mergedInto.timeline.map((e: { text: string }) => e.text)).toContain('东山镇已受理');
    expect(view.replies).toEqual([]);

    asg = await replyFully(s, asg, ANSWER);
    view = await track(slug, B.creds);
    expect(view.mergedInto.units).toEqual([
      { unitName: '东山镇', role: 'lead', step: 'replied', dueAt: null, at: asg.repliedAt },
    ]);
    expect(view.replies.map((r: { body: string }) => r.body)).toEqual([ANSWER]);
    expect(view.rating).toMatchObject({ open: true, assignments: [{ id: asg.id, unitName: '东山镇' }] });
    expect(view.canRequestReview).toBe(true);

    // the 答复意见书 prints with this code too
    const paper = await t
      .client()
      .post(`${portal(slug)}/papers`, { ...B.creds, assignmentId: asg.id, kind: 'reply' });
    expect(paper.status).toBe(200);
    expect(paper.body).toContain('已于本周全部更换');

    const rated = expectOk(
      await t.client().post(`${portal(slug)}/rate`, {
        ...B.creds,
        ratings: [{ assignmentId: asg.id, value: 'satisfied' }],
        bureau: 'basic',
      }),
    );
    expect(rated.rating.open).toBe(false);
    expect(rated.rating.given.map((g: { value: string }) => g.value).sort()).toEqual(['basic', 'satisfied']);
    // one answer, one rating: not again with the first case's code
    const again = await t.client().post(`${portal(slug)}/rate`, {
      ...A.creds,
      ratings: [{ assignmentId: asg.id, value: 'unsatisfied' }],
    });
    expect(again.status).toBe(409);
    const first = await track(slug, A.creds);
    expect(first.rating.open).toBe(false);
    expect(first.rating.given).toHaveLength(2);

    const march = await stats(s.dispatcher, { month: '2026-03' });
    expect(unitOf(march, f.units.townA)).toMatchObject({
      received: 1,
      toBeRated: 1,
      rated: 1,
      satisfied: 1,
      unsatisfied: 0,
      satisfactionRate: 1,
      bureauSatisfactionRate: 1,
    });
    expect(march.tenant).toMatchObject({ received: 1, rated: 1 });
    await expectStatsInStep(t, f.id);

    // 复查 of that answer, asked with this code, is asked of that case: both codes show it pending
    const asked = expectOk(
      await t
        .client()
        .post(`${portal(slug)}/review`, { ...B.creds, kind: 'review', reason: '路灯还有两盏没有换。' }),
    );
    expect(asked.reviewPending).toBe(true);
    expect(asked.timeline.at(-1).text).toBe(`已与编号 ${A.number} 的同一事项合并办理`);
    expect(asked.mergedInto.timeline.at(-1).text).toBe('您已申请复查');
    expect((await track(slug, A.creds)).reviewPending).toBe(true);
  });
});

describe("merged into another person's case", () => {
  it('says where and how far it is, with deadlines, but neither shows nor lets rate the answer', async () => {
    const { f, s } = await county();
    const slug = f.slug;
    const A = await submit(slug, { name: '张大山', phone: '13812348000' });
    const B = await submit(slug, { name: '李小河', phone: '13700001111' });
    const { a, suggested } = await mergeLater(s, B.number, A.number);
    expect(suggested).toBe(0);

    const routed = await routeTo(s.dispatcher, a.case, [[f.units.townA, 'lead']]);
    let view = await track(slug, B.creds);
    expect(view.mergedInto).toEqual({
      number: A.number,
      samePerson: false,
      status: 'routed',
      routeDueAt: null,
      units: [
        {
          unitName: '东山镇',
          role: 'lead',
          step: 'accept',
          dueAt: routed.assignments[0].acceptDueAt,
          at: null,
        },
      ],
      timeline: null,
    });

    let asg = await step(s.handlerA, routed.assignments[0], 'sign');
    asg = await step(s.handlerA, asg, 'accept');
    asg = await replyFully(s, asg, ANSWER);
    view = await track(slug, B.creds);
    expect(view.mergedInto).toMatchObject({
      status: 'replied',
      units: [{ unitName: '东山镇', step: 'replied', at: asg.repliedAt }],
    });
    expect(view.replies).toEqual([]);
    expect(view.rating).toMatchObject({ open: false, assignments: [], given: [] });
    expect(view.canRequestReview).toBe(false);
    expect(view.canRequestRework).toBe(false);
    const shown = JSON.stringify(view);
    for (const other of ['张大山', '全部更换', '13812348000', A.creds.queryCode])
      expect(shown).not.toContain(other);

    // the other person's answer is theirs to rate, and is rated once
    const tried = await t.client().post(`${portal(slug)}/rate`, {
      ...B.creds,
      ratings: [{ assignmentId: asg.id, value: 'unsatisfied' }],
    });
    expect(tried.status).toBeGreaterThanOrEqual(400);
    const papers = await t
      .client()
      .post(`${portal(slug)}/papers`, { ...B.creds, assignmentId: asg.id, kind: 'reply' });
    expect(papers.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(papers.body)).not.toContain('全部更换');

    const theirs = await track(slug, A.creds);
    expect(theirs.rating.open).toBe(true);
    expect(theirs.timeline.map((e: { text: string }) => e.text)).toContain(
      '反映同一事项的另一来件已并入本件合并办理',
    );
    expectOk(
      await t.client().post(`${portal(slug)}/rate`, {
        ...A.creds,
        ratings: [{ assignmentId: asg.id, value: 'satisfied' }],
      }),
    );
    // how the other person rated is theirs: the case reads as 办结
    view = await track(slug, B.creds);
    expect(view.mergedInto.status).toBe('closed');
    expect(view.rating.given).toEqual([]);
    expect(unitOf(await stats(s.dispatcher, { month: '2026-03' }), f.units.townA)).toMatchObject({
      rated: 1,
      satisfied: 1,
    });
  });
});
