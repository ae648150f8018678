// A citizen whose case the bureau merged into another (合并办理) tracks it with their own query code.
// They are told which case holds the matter, how far it has come and by when each unit owes its next
// step. The answer, its papers, its rating and the review stay with the case the answer was given on,
// under that case's own code — even when both were filed with the same phone number, which anyone
// may type: a stranger typing a citizen's number must not read, print, rate or contest their answer.
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

describe('merged into a case filed with the same phone number', () => {
  it("never opens that case's answer, papers, rating or review: the phone proves no one", async () => {
    const { f, s } = await county();
    const slug = f.slug;
    const A = await submit(slug, { name: '张大山', phone: '13812348000' });
    t.clock.advance(3_600_000);
    // someone else, typing 张大山's number
    const B = await submit(slug, { name: '王小二', phone: '13812348000' });
    const { a, suggested } = await mergeLater(s, B.number, A.number);
    // the same phone and the same words: the system suggested the repeat the dispatcher confirmed
    expect(suggested).toBe(1);

    let view = await track(slug, B.creds);
    expect(view.status).toBe('merged');
    expect(view.timeline.at(-1).text).toBe(`已与编号 ${A.number} 的同一事项合并办理`);
    expect(view.mergedInto).toEqual({
      number: A.number,
      status: 'new',
      routeDueAt: a.case.routeDueAt,
      units: [],
    });

    const routed = await routeTo(s.dispatcher, a.case, [[f.units.townA, 'lead']]);
    let asg = await step(s.handlerA, routed.assignments[0], 'sign');
    asg = await step(s.handlerA, asg, 'accept');
    asg = await replyFully(s, asg, ANSWER);
    view = await track(slug, B.creds);
    expect(view.mergedInto.units).toEqual([
      { unitName: '东山镇', role: 'lead', step: 'replied', dueAt: null, at: asg.repliedAt },
    ]);
    expect(view.replies).toEqual([]);
    expect(view.rating).toMatchObject({ open: false, assignments: [], given: [] });
    expect(view.canRequestReview).toBe(false);
    const shown = JSON.stringify(view);
    for (const theirs of ['张大山', '全部更换', A.creds.queryCode]) expect(shown).not.toContain(theirs);

    const papers = await t
      .client()
      .post(`${portal(slug)}/papers`, { ...B.creds, assignmentId: asg.id, kind: 'reply' });
    expect(papers.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(papers.body)).not.toContain('全部更换');
    const rated = await t.client().post(`${portal(slug)}/rate`, {
      ...B.creds,
      ratings: [{ assignmentId: asg.id, value: 'unsatisfied' }],
    });
    expect(rated.status).toBeGreaterThanOrEqual(400);
    expect(rated.status).toBeLessThan(500);
    const review = await t
      .client()
      .post(`${portal(slug)}/review`, { ...B.creds, kind: 'review', reason: '路灯还有两盏没有换。' });
    expect(review.status).toBeGreaterThanOrEqual(400);
    expect(review.status).toBeLessThan(500);

    // the petitioner rates their own answer with their own code, once, and it counts once
    const first = await track(slug, A.creds);
    expect(first.rating.open).toBe(true);
    expect(first.reviewPending).toBe(false);
    expectOk(
      await t.client().post(`${portal(slug)}/rate`, {
        ...A.creds,
        ratings: [{ assignmentId: asg.id, value: 'satisfied' }],
        bureau: 'basic',
      }),
    );
    expect((await track(slug, B.creds)).mergedInto.status).toBe('closed');
    const march = await stats(s.dispatcher, { month: '2026-03' });
    expect(unitOf(march, f.units.townA)).toMatchObject({
      received: 1,
      rated: 1,
      satisfied: 1,
      unsatisfied: 0,
    });
    await expectStatsInStep(t, f.id);
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
