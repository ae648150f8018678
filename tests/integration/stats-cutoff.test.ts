// The cut-off decides what counts, not the clock: a report at C is the state as of C even when
// the clock has been set back behind events already stored (the demo seeder writes every case's
// whole life first, then drafts each month's bulletin at the 3rd of the next month).
import { describe, expect, it } from 'vitest';
import { figuresFromReplay } from '../../workers/services/stats/report';
import { replyAs, routed, stats, unitOf } from './stats-helpers';
import { sh, step, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('sc');

describe('a cut-off before events already written', () => {
  it('the clock set back to a day before the reply: /stats counts the case as not yet answered', async () => {
    const { f, s } = await county();
    const { byUnit } = await routed(s, [[f.units.townA, 'lead']]);
    let a = byUnit.get(f.units.townA)!;
    t.clock.set(sh(2026, 3, 3, 10));
    a = await step(s.handlerA, a, 'sign');
    a = await step(s.handlerA, a, 'accept');
    t.clock.set(sh(2026, 3, 12, 15));
    await replyAs(s, f, f.units.townA, a);
    // back to the 10th: the reply of the 12th is stored, but at the 10th it had not happened
    t.clock.set(sh(2026, 3, 10, 9));
    const then = await stats(s.county, { month: '2026-03' });
    expect(then.cutoff).toBe(new Date(sh(2026, 3, 10, 9)).toISOString());
    expect(then.source).toBe('replay');
    expect(unitOf(then, f.units.townA)).toMatchObject({ received: 1, replyDue: 0, closed: 0 });
    const replayed = await figuresFromReplay(
      { db: t.deps.db, tenantId: f.id, settings: { timeZone: 'Asia/Shanghai' }, now: sh(2026, 3, 10, 9) },
      '2026-03-01',
      '2026-03-31',
      sh(2026, 3, 10, 9),
      [f.units.townA],
    );
    expect(then.tenant).toEqual(replayed.tenant);
    // once the clock is past every event, the aggregates answer, with the same figures as a replay
    t.clock.set(sh(2026, 3, 12, 16));
    const now = await stats(s.county, { month: '2026-03' });
    expect(now.source).toBe('aggregates');
    expect(unitOf(now, f.units.townA)).toMatchObject({ received: 1, replyDue: 1, repliedInTime: 1 });
    // a cut-off in the past but after the last event: nothing changed since, the aggregates hold
    t.clock.set(sh(2026, 3, 20, 9));
    const quiet = await stats(s.county, { month: '2026-03', cutoff: '2026-03-15' });
    expect(quiet.source).toBe('aggregates');
    expect(quiet.tenant).toMatchObject({ received: 1, repliedInTime: 1 });
  });
});
