// A rating taken before the unit pressed 办结 — a 12345 caller rated on the call-back, a citizen
// rating on the portal the day the answer came — or its window lapsing so (超期未评), concludes the
// unit's handling as 办结 would. Before, the assignment went from 已答复 to 已评价/超期未评, from
// which nothing closes, and 办结数 and 办结率 never counted it. The closing is the system's event,
// in the same batch as the rating, and says why; one already closed gets no second.
import { describe, expect, it } from 'vitest';
import { expectStatsInStep, replyAs, routed, stats, unitOf } from './stats-helpers';
import { eventsOfAssignment, expectOk, sh, step, workflowBench } from './workflow-helpers';

const { t, county, sweep } = workflowBench('rc');
const MARCH = { month: '2026-03' };

async function replied() {
  const { f, s } = await county();
  const { byUnit } = await routed(s, [[f.units.townA, 'lead']]);
  let a = await step(s.handlerA, byUnit.get(f.units.townA)!, 'sign');
  a = await step(s.handlerA, a, 'accept');
  a = await replyAs(s, f, f.units.townA, a);
  return { f, s, a };
}

describe('a rating concludes what was replied but not closed', () => {
  it('a call-back rating of a replied assignment counts it closed, with the system’s 办结 on the timeline', async () => {
    const { f, s, a } = await replied();
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      closed: 0,
      completionRate: 0,
    });
    const rated = await step(s.dispatcher, a, 'rate', { value: 'satisfied' });
    expect(rated.state).toBe('rated');
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      closed: 1,
      completionRate: 1,
      rated: 1,
      satisfactionRate: 1,
    });
    const log = await eventsOfAssignment(t, a.id);
    const closed = log.filter((e: { type: string }) => e.type === 'assignment.closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ actorRole: 'system' });
    const detail = expectOk(await s.dispatcher.get(`/cases/${a.caseId}`));
    expect(JSON.stringify(detail.timeline)).toContain('办结（群众已评价，自动办结）');
    await expectStatsInStep(t, f.id);
  });

  it('a rating window that lapses on a replied assignment counts it closed once, by the sweep', async () => {
    const { f, s, a } = await replied();
    t.clock.set(a.ratingDueAt + 1);
    expect((await sweep(f)).ratingsExpired).toBe(1);
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({
      closed: 1,
      unratedOverdue: 1,
    });
    expect((await sweep(f)).ratingsExpired).toBe(0);
    const closed = (await eventsOfAssignment(t, a.id)).filter(
      (e: { type: string }) => e.type === 'assignment.closed',
    );
    expect(closed).toHaveLength(1);
    const detail = expectOk(await s.dispatcher.get(`/cases/${a.caseId}`));
    expect(JSON.stringify(detail.timeline)).toContain('办结（评价期满，自动办结）');
    await expectStatsInStep(t, f.id);
  });

  it('one the unit closed itself gets no second 办结 when rated', async () => {
    const { f, s, a } = await replied();
    t.clock.set(sh(2026, 3, 3, 9));
    let x = await step(s.handlerA, a, 'close');
    x = await step(s.dispatcher, x, 'rate', { value: 'basic' });
    const closed = (await eventsOfAssignment(t, a.id)).filter(
      (e: { type: string }) => e.type === 'assignment.closed',
    );
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ actorRole: 'handler' });
    expect(unitOf(await stats(s.county, MARCH), f.units.townA)).toMatchObject({ closed: 1, rated: 1 });
    await expectStatsInStep(t, f.id);
  });
});
