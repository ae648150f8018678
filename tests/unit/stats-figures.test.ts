import { describe, expect, it } from 'vitest';
import type { AssignmentEvent } from '../../workers/domain/events';
import {
  type CaseFact,
  COUNT_KEYS,
  computeFigures,
  emptyFigures,
  overdueSteps,
  RATE_KEYS,
  sumFigures,
} from '../../workers/domain/stats/figures';
import { assignmentLight, overdueStep } from '../../workers/domain/lights';
import { foldAssignment } from '../../workers/domain/stats/fold';
import { at, dayOf, endOf, history } from './stats-fixtures';

const JULY = { from: '2026-07-01', to: '2026-07-31' };
const AUG_10 = at('2026-08-10', 0); // the bulletin's cut-off: 统计以8月10日为时间节点

type H = { events: AssignmentEvent[] };
function report(
  hs: (H | { h: H; isRepeat?: boolean; caseId?: string })[],
  cutoff = AUG_10,
  period = JULY,
  caseFacts: CaseFact[] = [],
  unitIds?: string[],
) {
  const facts = hs.flatMap((x, i) => {
    const { h, isRepeat, caseId } = 'h' in x ? x : { h: x, isRepeat: false, caseId: undefined };
    const f = foldAssignment(h.events, cutoff, { caseId: caseId ?? `c${i}`, isRepeat: isRepeat ?? false });
    return f ? [f] : [];
  });
  return computeFigures(facts, { ...period, cutoff, dayOf, unitIds }, caseFacts);
}

/** dispatched, signed and accepted in time, replied in time, closed */
function handled(id: string, unitId: string, day = '2026-07-01') {
  return history(id)
    .dispatched(at(day), { unitId })
    .signed(at(day, 10))
    .accepted(at(day, 11), endOf('2026-07-20'))
    .replied(at('2026-07-15'), endOf('2026-07-30'))
    .closed(at('2026-07-15', 10));
}

describe('volume: received, returned, closed, completion rate', () => {
  it('a case routed to two units counts once for each unit, and once as a case', () => {
    const lead = history('a1').dispatched(at('2026-07-03'), { unitId: 'u-zhujian', role: 'lead' });
    const co = history('a2').dispatched(at('2026-07-03'), { unitId: 'u-chengguan', role: 'co' });
    const r = report(
      [
        { h: lead, caseId: 'c1' },
        { h: co, caseId: 'c1' },
      ],
      AUG_10,
      JULY,
      [{ caseId: 'c1', receivedAt: at('2026-07-02'), receivedDay: '2026-07-02', isRepeat: false }],
    );
    expect(r.units['u-zhujian']?.received).toBe(1);
    expect(r.units['u-chengguan']?.received).toBe(1);
    expect(r.tenant.received).toBe(2);
    expect(r.tenant.cases).toBe(1);
  });

  it('a returned assignment is counted apart and in no other figure', () => {
    const h = history()
      .dispatched(at('2026-07-03'), { unitId: 'u-jiaotong' })
      .returnRequested(at('2026-07-04'))
      .returnApproved(at('2026-07-05'));
    const u = report([h]).units['u-jiaotong']!;
    expect(u.returned).toBe(1);
    expect(u.received).toBe(0);
    expect(u.acceptanceDue).toBe(0);
    expect(u.overdue).toBe(0);
    expect(u.completionRate).toBeNull();
  });

  it('an assignment belongs to the local day it was dispatched on (Beijing time, not UTC)', () => {
    // 2026-06-30 23:30 in Beijing is 15:30 UTC on the 30th; 2026-07-01 00:30 is 16:30 UTC on June 30th
    const june = history('a1').dispatched(at('2026-06-30', 23, 30), { unitId: 'u-xiangkou' });
    const july = history('a2').dispatched(at('2026-07-01', 0, 30), { unitId: 'u-xiangkou' });
    expect(report([june, july]).units['u-xiangkou']?.received).toBe(1);
    expect(
      report([june, july], AUG_10, { from: '2026-06-01', to: '2026-06-30' }).units['u-xiangkou']?.received,
    ).toBe(1);
  });

  it('closed counts those closed by the cut-off; completion rate = closed / received', () => {
    const done = handled('a1', 'u-renshe');
    const refused = history('a2')
      .dispatched(at('2026-07-02'), { unitId: 'u-renshe' })
      .refused(at('2026-07-03'));
    const closedLate = history('a3')
      .dispatched(at('2026-07-20'), { unitId: 'u-renshe' })
      .accepted(at('2026-07-21'))
      .replied(at('2026-08-12'))
      .closed(at('2026-08-12'));
    const u = report([done, refused, closedLate]).units['u-renshe']!;
    expect(u.received).toBe(3);
    expect(u.closed).toBe(2); // the third closes after the 8月10日 cut-off
    expect(u.completionRate).toBeCloseTo(2 / 3, 12);
  });

  it('an assignment dispatched after the cut-off does not exist yet', () => {
    const h = history().dispatched(at('2026-07-31'), { unitId: 'u-renshe' });
    expect(report([h], at('2026-07-30')).units['u-renshe']).toBeUndefined();
  });
});

describe('timely acceptance rate (及时受理率)', () => {
  it('a unit that signed late but accepted and replied on time keeps both rates at 100%', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-jiaoyu', signDueAt: endOf('2026-07-02') })
      .signed(at('2026-07-04'))
      .accepted(at('2026-07-05'), endOf('2026-07-20'))
      .replied(at('2026-07-18'));
    const u = report([h]).units['u-jiaoyu']!;
    expect(u.timelyAcceptanceRate).toBe(1);
    expect(u.onTimeReplyRate).toBe(1);
    expect(u.overdueSign).toBe(0);
  });

  it('a unit that accepts after the deadline lowers its timely acceptance rate', () => {
    const late = history('a1')
      .dispatched(at('2026-07-01'), { unitId: 'u-shengtai', acceptDueAt: endOf('2026-07-06') })
      .accepted(at('2026-07-07'));
    const ok = history('a2')
      .dispatched(at('2026-07-01'), { unitId: 'u-shengtai', acceptDueAt: endOf('2026-07-06') })
      .accepted(at('2026-07-06', 23, 59));
    const u = report([late, ok]).units['u-shengtai']!;
    expect([u.acceptedInTime, u.acceptanceDue]).toEqual([1, 2]);
    expect(u.timelyAcceptanceRate).toBe(0.5);
  });

  it('an undecided assignment counts against the rate only once its deadline has passed', () => {
    const h = history().dispatched(at('2026-07-28'), {
      unitId: 'u-shengtai',
      acceptDueAt: endOf('2026-08-02'),
    });
    const before = report([h], at('2026-08-02', 20)).units['u-shengtai']!;
    expect(before.acceptanceDue).toBe(0);
    expect(before.timelyAcceptanceRate).toBeNull();
    const after = report([h], endOf('2026-08-02')).units['u-shengtai']!;
    expect(after.acceptanceDue).toBe(1);
    expect(after.timelyAcceptanceRate).toBe(0);
    expect(after.overdueAccept).toBe(1);
  });

  it('a refusal with notice within the deadline is a timely decision', () => {
    const h = history().dispatched(at('2026-07-01'), { unitId: 'u-gongan' }).refused(at('2026-07-03'));
    expect(report([h]).units['u-gongan']?.timelyAcceptanceRate).toBe(1);
  });
});

describe('on-time reply rate (按期答复率)', () => {
  it('an approved extension moves the reply deadline', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-ziranziyuan' })
      .accepted(at('2026-07-02'), endOf('2026-07-17'))
      .extensionApproved(at('2026-07-15'), 30, endOf('2026-08-16'))
      .replied(at('2026-08-05'));
    expect(report([h]).units['u-ziranziyuan']?.onTimeReplyRate).toBe(1);
  });

  it('a requested but denied extension does not', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-ziranziyuan' })
      .accepted(at('2026-07-02'), endOf('2026-07-17'))
      .extensionRequested(at('2026-07-14'), 30)
      .replied(at('2026-08-05'));
    expect(report([h]).units['u-ziranziyuan']?.onTimeReplyRate).toBe(0);
  });

  it('an unreplied assignment counts once its reply deadline has passed, and is overdue', () => {
    const waiting = history('a1')
      .dispatched(at('2026-07-01'), { unitId: 'u-zhujian' })
      .accepted(at('2026-07-02'), endOf('2026-07-17'));
    const notYetDue = history('a2')
      .dispatched(at('2026-07-25'), { unitId: 'u-zhujian' })
      .accepted(at('2026-07-26'), endOf('2026-08-10'));
    const replied = history('a3')
      .dispatched(at('2026-07-01'), { unitId: 'u-zhujian' })
      .accepted(at('2026-07-02'), endOf('2026-07-17'))
      .replied(at('2026-07-10'));
    const u = report([waiting, notYetDue, replied]).units['u-zhujian']!;
    expect([u.repliedInTime, u.replyDue]).toEqual([1, 2]);
    expect(u.overdueReply).toBe(1);
  });

  it('rework does not re-judge the first reply, but an overdue rework round is overdue', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zhujian' })
      .accepted(at('2026-07-02'), endOf('2026-07-17'))
      .replied(at('2026-07-10'))
      .rated(at('2026-07-11'), 'unsatisfied')
      .reopened(at('2026-07-12'), endOf('2026-07-27'));
    const u = report([h]).units['u-zhujian']!;
    expect(u.onTimeReplyRate).toBe(1);
    expect(u.overdueReply).toBe(1);
    expect(u.overdue).toBe(1);
  });
});

describe('ratings: 应评, 超期未评, participation, satisfaction', () => {
  const rated = (id: string, value: 'satisfied' | 'basic' | 'unsatisfied') =>
    history(id)
      .dispatched(at('2026-07-01'), { unitId: 'u-weijian' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'), endOf('2026-07-20'))
      .closed(at('2026-07-05'))
      .rated(at('2026-07-06'), value);

  it('counts satisfied, basically satisfied and unsatisfied; satisfaction = (满意+基本满意) / rated', () => {
    const expired = history('a5')
      .dispatched(at('2026-07-01'), { unitId: 'u-weijian' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'), endOf('2026-07-20'))
      .expired(endOf('2026-07-20'));
    const u = report([
      rated('a1', 'satisfied'),
      rated('a2', 'satisfied'),
      rated('a3', 'basic'),
      rated('a4', 'unsatisfied'),
      expired,
    ]).units['u-weijian']!;
    expect([u.satisfied, u.basicallySatisfied, u.unsatisfied]).toEqual([2, 1, 1]);
    expect([u.rated, u.unratedOverdue, u.toBeRated]).toEqual([4, 1, 5]);
    expect(u.participationRate).toBe(0.8);
    expect(u.satisfactionRate).toBe(0.75);
  });

  it('a rating after the window counts as 超期未评', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-weijian' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'), endOf('2026-07-20'))
      .rated(at('2026-07-25'), 'satisfied');
    const u = report([h]).units['u-weijian']!;
    expect([u.rated, u.unratedOverdue, u.toBeRated]).toEqual([0, 1, 1]);
    expect(u.participationRate).toBe(0);
    expect(u.satisfactionRate).toBeNull();
  });

  it('a window that passed with no rating is 超期未评 even before the sweep records it', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-weijian' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'), endOf('2026-07-20'));
    expect(report([h], at('2026-07-20', 12)).units['u-weijian']?.toBeRated).toBe(0);
    expect(report([h], endOf('2026-07-20')).units['u-weijian']?.unratedOverdue).toBe(1);
  });

  it('the bureau satisfaction rate comes from the bureau ratings on lead assignments', () => {
    const a = history('a1')
      .dispatched(at('2026-07-01'), { unitId: 'u-weijian', role: 'lead' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'))
      .rated(at('2026-07-06'), 'unsatisfied', 'satisfied');
    const b = history('a2')
      .dispatched(at('2026-07-01'), { unitId: 'u-minzheng', role: 'lead' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'))
      .rated(at('2026-07-06'), 'satisfied', 'unsatisfied');
    const co = history('a3')
      .dispatched(at('2026-07-01'), { unitId: 'u-minzheng', role: 'co' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'))
      .rated(at('2026-07-06'), 'satisfied', 'satisfied');
    const r = report([a, b, co]);
    expect([r.tenant.bureauSatisfied, r.tenant.bureauRated]).toEqual([1, 2]);
    expect(r.tenant.bureauSatisfactionRate).toBe(0.5);
    expect(r.tenant.satisfactionRate).toBeCloseTo(2 / 3, 12);
  });
});

describe('one-time resolution rate (一次性化解率)', () => {
  const firstTimeSatisfied = (id: string) =>
    history(id)
      .dispatched(at('2026-07-01'), { unitId: 'u-nongye' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'))
      .rated(at('2026-07-06'), 'basic');

  it('rework spoils one-time resolution, even when the citizen ends satisfied', () => {
    const reworked = history('a2')
      .dispatched(at('2026-07-01'), { unitId: 'u-nongye' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'))
      .rated(at('2026-07-06'), 'unsatisfied')
      .reopened(at('2026-07-07'), endOf('2026-07-22'))
      .replied(at('2026-07-15'))
      .rated(at('2026-07-16'), 'satisfied');
    const u = report([firstTimeSatisfied('a1'), reworked]).units['u-nongye']!;
    expect([u.oneTimeResolved, u.oneTimeDue]).toEqual([1, 2]);
    expect(u.oneTimeResolutionRate).toBe(0.5);
    expect(u.satisfactionRate).toBe(1);
  });

  it('a repeat case is not a first-time case: in neither numerator nor denominator', () => {
    const r = report([firstTimeSatisfied('a1'), { h: firstTimeSatisfied('a2'), isRepeat: true }]);
    expect([r.units['u-nongye']?.oneTimeResolved, r.units['u-nongye']?.oneTimeDue]).toEqual([1, 1]);
  });

  it('a first-time case left unrated past its window counts in the denominator', () => {
    const unrated = history('a2')
      .dispatched(at('2026-07-01'), { unitId: 'u-nongye' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'), endOf('2026-07-20'));
    const u = report([firstTimeSatisfied('a1'), unrated]).units['u-nongye']!;
    expect(u.oneTimeResolutionRate).toBe(0.5);
  });
});

describe('repeat rate (重复率)', () => {
  it('tenant: repeat cases received in P / cases received in P; unit: its assignments of repeat cases', () => {
    const caseFacts: CaseFact[] = [
      { caseId: 'c1', receivedAt: at('2026-07-02'), receivedDay: '2026-07-02', isRepeat: true },
      { caseId: 'c2', receivedAt: at('2026-07-02'), receivedDay: '2026-07-02', isRepeat: false },
      { caseId: 'c3', receivedAt: at('2026-07-03'), receivedDay: '2026-07-03', isRepeat: false },
      { caseId: 'c4', receivedAt: at('2026-07-04'), receivedDay: '2026-07-04', isRepeat: false }, // not routed yet
      { caseId: 'c0', receivedAt: at('2026-06-30'), receivedDay: '2026-06-30', isRepeat: true }, // June
    ];
    const r = report(
      [
        {
          h: history('a1').dispatched(at('2026-07-02'), { unitId: 'u-fayuan' }),
          caseId: 'c1',
          isRepeat: true,
        },
        { h: history('a2').dispatched(at('2026-07-02'), { unitId: 'u-fayuan' }), caseId: 'c2' },
        { h: history('a3').dispatched(at('2026-07-03'), { unitId: 'u-sifa' }), caseId: 'c3' },
      ],
      AUG_10,
      JULY,
      caseFacts,
    );
    expect([r.tenant.repeatCases, r.tenant.cases]).toEqual([1, 4]);
    expect(r.tenant.repeatRate).toBe(0.25);
    expect(r.units['u-fayuan']?.repeatRate).toBe(0.5);
    expect(r.units['u-sifa']?.repeatRate).toBe(0);
  });
});

describe('average days (平均办理天数)', () => {
  it('counts assignments closed in the period, by close day, whatever their dispatch day', () => {
    const juneToJuly = history('a1')
      .dispatched(at('2026-06-28'), { unitId: 'u-chengguan' })
      .accepted(at('2026-06-29'))
      .replied(at('2026-07-02'))
      .closed(at('2026-07-02')); // 4 days, closed in July
    const julyToJuly = history('a2')
      .dispatched(at('2026-07-10'), { unitId: 'u-chengguan' })
      .accepted(at('2026-07-10'))
      .replied(at('2026-07-14'))
      .closed(at('2026-07-14')); // 4 days
    const sameDay = history('a3')
      .dispatched(at('2026-07-20', 9), { unitId: 'u-chengguan' })
      .refused(at('2026-07-23', 17)); // 3 days, a refusal concludes it
    const julyToAugust = history('a4')
      .dispatched(at('2026-07-30'), { unitId: 'u-chengguan' })
      .accepted(at('2026-07-30'))
      .replied(at('2026-08-03'))
      .closed(at('2026-08-03')); // closed in August: not in July's average
    const u = report([juneToJuly, julyToJuly, sameDay, julyToAugust]).units['u-chengguan']!;
    expect([u.closedInPeriod, u.closedDaysSum]).toEqual([3, 11]);
    expect(u.avgDays).toBe(3.7);
    expect(u.received).toBe(3); // the June one belongs to June
  });

  it('rounds half up to one decimal', () => {
    const mk = (id: string, days: number) =>
      history(id)
        .dispatched(at('2026-07-01'), { unitId: 'u-chengguan' })
        .refused(at(`2026-07-${String(1 + days).padStart(2, '0')}`));
    const u = report([mk('a1', 1), mk('a2', 2), mk('a3', 2), mk('a4', 2)]).units['u-chengguan']!;
    expect(u.avgDays).toBe(1.8); // 7/4 = 1.75
  });
});

describe('overdue (逾期) at the cut-off, by step', () => {
  it('an assignment past its sign and accept deadlines counts once in total and once per step', () => {
    const h = history('a1').dispatched(at('2026-07-01'), {
      unitId: 'u-shuiwu',
      signDueAt: endOf('2026-07-02'),
      acceptDueAt: endOf('2026-07-06'),
    });
    const u = report([h]).units['u-shuiwu']!;
    expect([u.overdueSign, u.overdueAccept, u.overdueReply, u.overdue]).toEqual([1, 1, 0, 1]);
  });

  it('nothing done late but done is overdue', () => {
    const h = history('a1')
      .dispatched(at('2026-07-01'), { unitId: 'u-shuiwu', signDueAt: endOf('2026-07-02') })
      .signed(at('2026-07-05'))
      .accepted(at('2026-07-09'), endOf('2026-07-20'))
      .replied(at('2026-07-25'));
    expect(report([h]).units['u-shuiwu']?.overdue).toBe(0);
  });
});

describe('a return request waiting on the dispatcher (退件申请待审核)', () => {
  // the reviewer's case: dispatched 2 March (sign due 3 March, accept due 7 March, both 24:00),
  // the unit asks to return it the same day, the dispatcher has not decided by 10 March
  const MARCH = { from: '2026-03-01', to: '2026-03-31' };
  const MARCH_10 = at('2026-03-10', 0);
  const requested = (id = 'a1') =>
    history(id).dispatched(at('2026-03-02'), { unitId: 'u-chengguan' }).returnRequested(at('2026-03-02', 15));
  const march = (h: H, cutoff = MARCH_10) => report([h], cutoff, MARCH).units['u-chengguan']!;
  const due = (u: ReturnType<typeof march>) => [
    u.acceptanceDue,
    u.acceptedInTime,
    u.overdueSign,
    u.overdueAccept,
    u.overdue,
  ];

  it('undecided at C: the unit owes no step, so nothing is due or overdue (as its light shows none)', () => {
    const h = requested();
    const f = foldAssignment(h.events, MARCH_10, { caseId: 'c1', isRepeat: false })!;
    expect(f.returnPending).toBe(true);
    expect(f.state).toBe('return_requested');
    expect(f.acceptDueAt).toBeLessThanOrEqual(MARCH_10);
    expect(assignmentLight(f, MARCH_10)).toBeNull();
    const u = march(h);
    expect(u.received).toBe(1);
    expect(u.returned).toBe(0);
    expect(due(u)).toEqual([0, 0, 0, 0, 0]);
    expect(u.timelyAcceptanceRate).toBeNull();
  });

  it('rejected before the acceptance deadline and not accepted by C: overdue on the original deadlines', () => {
    // never signed: owed the sign step again (past 3 March) and the acceptance (past 7 March)
    const h = requested().returnRejected(at('2026-03-05'));
    const u = march(h);
    expect(due(u)).toEqual([1, 0, 1, 1, 1]);
    expect(u.timelyAcceptanceRate).toBe(0);
    // at a cut-off before the rejection the request still waited: nothing was due then
    expect(due(march(h, at('2026-03-04')))).toEqual([0, 0, 0, 0, 0]);
  });

  it('rejected after the acceptance deadline: the deadline is not extended, the step is overdue at once', () => {
    const h = requested().returnRejected(at('2026-03-09'));
    expect(due(march(h, at('2026-03-08')))).toEqual([0, 0, 0, 0, 0]);
    expect(due(march(h, at('2026-03-09', 10)))).toEqual([1, 0, 1, 1, 1]);
    // accepted after the rejection but past the original deadline: decided late
    const accepted = requested('a2').returnRejected(at('2026-03-09')).accepted(at('2026-03-09', 11));
    const u = march(accepted);
    expect(due(u)).toEqual([1, 0, 0, 0, 0]);
    expect(u.timelyAcceptanceRate).toBe(0);
  });

  // the reported disagreement: rejected on the 4th, the case's light showed 签收 overdue (it went
  // back to 待签收) while the statistics, taking the request for a signature, counted nothing
  // overdue on the 5th and then only 逾期未受理
  it('rejected when the unit had never signed: the sign step is the one overdue, as its light shows', () => {
    const h = requested().returnRejected(at('2026-03-04', 10));
    const fifth = at('2026-03-05', 9);
    const f = foldAssignment(h.events, fifth, { caseId: 'c1', isRepeat: false })!;
    expect([f.state, f.signedAt]).toEqual(['dispatched', null]);
    expect(assignmentLight(f, fifth)).toBe('red');
    expect(overdueStep(f, fifth)).toBe('sign');
    expect(overdueSteps(f, fifth)).toEqual({ sign: true, accept: false, reply: false });
    expect(due(march(h, fifth))).toEqual([0, 0, 1, 0, 1]);
    // still unsigned on the 9th: both steps past their deadline, counted by step, once in all
    const ninth = at('2026-03-09', 9);
    expect(overdueStep(f, ninth)).toBe('sign');
    expect(due(march(h, ninth))).toEqual([1, 0, 1, 1, 1]);
    // signed late on the 9th: the light moves to 受理, and so does the overdue step
    const signed = requested().returnRejected(at('2026-03-04', 10)).signed(at('2026-03-09', 10));
    const g = foldAssignment(signed.events, at('2026-03-09', 11), { caseId: 'c1', isRepeat: false })!;
    expect(overdueStep(g, at('2026-03-09', 11))).toBe('accept');
    expect(due(march(signed, at('2026-03-09', 11)))).toEqual([1, 0, 0, 1, 1]);
    // and accepted late: decided late, nothing overdue
    const u = march(signed.accepted(at('2026-03-09', 11)));
    expect(due(u)).toEqual([1, 0, 0, 0, 0]);
    expect(u.timelyAcceptanceRate).toBe(0);
    // signed late but accepted in time: the acceptance was timely
    const inTime = requested('a2').returnRejected(at('2026-03-04', 10)).signed(at('2026-03-05', 9));
    const v = march(inTime.accepted(at('2026-03-06')));
    expect(due(v)).toEqual([1, 1, 0, 0, 0]);
    expect(v.timelyAcceptanceRate).toBe(1);
  });

  it('rejected and accepted by the original deadline: a timely decision', () => {
    const h = requested().returnRejected(at('2026-03-04')).accepted(at('2026-03-06'));
    const u = march(h);
    expect(due(u)).toEqual([1, 1, 0, 0, 0]);
    expect(u.timelyAcceptanceRate).toBe(1);
  });

  it('approved: a returned assignment, counted apart and in no other figure', () => {
    const h = requested().returnApproved(at('2026-03-09'));
    const u = march(h);
    expect([u.received, u.returned]).toEqual([0, 1]);
    expect(due(u)).toEqual([0, 0, 0, 0, 0]);
    // still waiting at a cut-off before the approval: received, nothing due
    const before = march(h, at('2026-03-08'));
    expect([before.received, before.returned]).toEqual([1, 0]);
    expect(due(before)).toEqual([0, 0, 0, 0, 0]);
  });

  it('a return request after the decision changes nothing: the reply step stays due', () => {
    const h = history('a1')
      .dispatched(at('2026-03-02'), { unitId: 'u-chengguan' })
      .accepted(at('2026-03-03'), endOf('2026-03-06'))
      .returnRequested(at('2026-03-04'));
    const f = foldAssignment(h.events, MARCH_10, { caseId: 'c1', isRepeat: false })!;
    expect(f.returnPending).toBe(false);
    const u = march(h);
    expect([u.acceptanceDue, u.acceptedInTime, u.overdueReply, u.overdue]).toEqual([1, 1, 1, 1]);
  });
});

describe('zero denominators and sums', () => {
  it('zero denominators are null, not 0% or 100%', () => {
    const r = report([], AUG_10, JULY, [], ['u-liulang']);
    const u = r.units['u-liulang']!;
    for (const k of RATE_KEYS) expect(u[k]).toBeNull();
    expect(u.avgDays).toBeNull();
    expect(u).toEqual(emptyFigures());
    expect(r.tenant.received).toBe(0);
  });

  it('a unit with received assignments but none due yet has null rates, not 100%', () => {
    const h = history().dispatched(at('2026-08-09'), { unitId: 'u-zhujian' });
    const u = report([h], AUG_10, { from: '2026-08-01', to: '2026-08-31' }).units['u-zhujian']!;
    expect(u.received).toBe(1);
    expect(u.timelyAcceptanceRate).toBeNull();
    expect(u.onTimeReplyRate).toBeNull();
    expect(u.completionRate).toBe(0);
  });

  it('the tenant’s assignment counts are the sums of the units’, and rates re-derive from them', () => {
    const r = report([
      handled('a1', 'u-1'),
      handled('a2', 'u-2'),
      history('a3').dispatched(at('2026-07-01'), { unitId: 'u-2' }).accepted(at('2026-07-09')),
    ]);
    const summed = sumFigures(Object.values(r.units));
    for (const k of COUNT_KEYS) if (k !== 'cases' && k !== 'repeatCases') expect(summed[k]).toBe(r.tenant[k]);
    expect(summed.timelyAcceptanceRate).toBe(r.tenant.timelyAcceptanceRate);
    expect(summed.timelyAcceptanceRate).toBeCloseTo(2 / 3, 12);
  });
});
