// What the 12345 handling table calls 逾期查阅 (viewed late) and 逾期办理 (handled late): a step done
// after its deadline stays late once done — "超期办结1件" — unlike the overdue figures, which count
// only the steps still open at the cut-off. And the fast track (最多投一次) of a month.
import { describe, expect, it } from 'vitest';
import { fastTrackOf, latenessByUnit, overdueAssignments } from '../../workers/domain/stats/handling';
import { at, dayOf, endOf, fold, history } from './stats-fixtures';

const JULY = { from: '2026-07-01', to: '2026-07-31', cutoff: at('2026-08-10', 0), dayOf };

/** dispatched 1 July (sign due 2 July 24:00, accept due 6 July 24:00), accepted with reply due 20 July */
const base = (id: string, unitId = 'u1') =>
  history(id)
    .dispatched(at('2026-07-01'), { unitId })
    .signed(at('2026-07-01', 10))
    .accepted(at('2026-07-02'), endOf('2026-07-20'));

describe('逾期查阅 and 逾期办理', () => {
  it('a unit that signed two days late still counts as 逾期查阅 after signing, but not as overdue', () => {
    const late = fold(
      history('a1')
        .dispatched(at('2026-07-01'), { unitId: 'u1' })
        .signed(at('2026-07-04'))
        .accepted(at('2026-07-04', 10), endOf('2026-07-20'))
        .replied(at('2026-07-10'))
        .closed(at('2026-07-10', 10)),
      JULY.cutoff,
    );
    expect(latenessByUnit([late], JULY).get('u1')).toEqual({ signLate: 1, handleLate: 0 });
    expect(overdueAssignments([late], JULY)).toEqual([]);
  });

  it('a reply after its deadline is 逾期办理 (超期办结), once, even with the acceptance late too', () => {
    const replied = fold(
      history('a1')
        .dispatched(at('2026-07-01'), { unitId: 'u1' })
        .signed(at('2026-07-01', 10))
        .accepted(at('2026-07-08'), endOf('2026-07-20'))
        .replied(at('2026-07-22'))
        .closed(at('2026-07-22', 10)),
      JULY.cutoff,
    );
    expect(latenessByUnit([replied], JULY).get('u1')).toEqual({ signLate: 0, handleLate: 1 });
  });

  it('a reply on the last day is in time; one at 24:00 is late', () => {
    const onTime = fold(base('a1').replied(at('2026-07-20', 23, 59)), JULY.cutoff);
    const atMidnight = fold(base('a2').replied(endOf('2026-07-20')), JULY.cutoff);
    expect(latenessByUnit([onTime], JULY).size).toBe(0);
    expect(latenessByUnit([atMidnight], JULY).get('u1')).toEqual({ signLate: 0, handleLate: 1 });
  });

  it('a reply still owed past its deadline at the cut-off is late; before the deadline it is not', () => {
    const owed = fold(base('a1'), JULY.cutoff);
    expect(latenessByUnit([owed], JULY).get('u1')?.handleLate).toBe(1);
    const early = { ...JULY, cutoff: at('2026-07-15') };
    expect(latenessByUnit([fold(base('a1'), early.cutoff)], early).size).toBe(0);
  });

  it('an extension approved in time makes a later reply on time', () => {
    const extended = fold(
      base('a1')
        .extensionRequested(at('2026-07-15'), 10)
        .extensionApproved(at('2026-07-16'), 10, endOf('2026-07-30'))
        .replied(at('2026-07-28')),
      JULY.cutoff,
    );
    expect(latenessByUnit([extended], JULY).size).toBe(0);
  });

  it('a rework round owed past its own deadline is late; returned and other months do not count', () => {
    const rework = fold(
      base('a1')
        .replied(at('2026-07-10'))
        .closed(at('2026-07-10', 10))
        .rated(at('2026-07-11'), 'unsatisfied')
        .reopened(at('2026-07-12'), endOf('2026-07-25')),
      JULY.cutoff,
    );
    const returned = fold(
      history('a2')
        .dispatched(at('2026-07-01'), { unitId: 'u1' })
        .returnRequested(at('2026-07-05'))
        .returnApproved(at('2026-07-06')),
      JULY.cutoff,
    );
    const june = fold(history('a3').dispatched(at('2026-06-30'), { unitId: 'u1' }), JULY.cutoff);
    expect(latenessByUnit([rework, returned, june], JULY).get('u1')).toEqual({ signLate: 0, handleLate: 1 });
    expect(overdueAssignments([rework, returned, june], JULY)).toEqual([
      { unitId: 'u1', caseId: 'c1', sign: false, accept: false, reply: true },
    ]);
  });
});

describe('a return request waiting on the dispatcher', () => {
  const MARCH = { from: '2026-03-01', to: '2026-03-31', cutoff: at('2026-03-10', 0), dayOf };
  const requested = () =>
    history('a1').dispatched(at('2026-03-02'), { unitId: 'u1' }).returnRequested(at('2026-03-02', 15));

  it('is neither 逾期办理 nor overdue while undecided at C, past the acceptance deadline', () => {
    const f = fold(requested(), MARCH.cutoff);
    expect(latenessByUnit([f], MARCH).size).toBe(0);
    expect(overdueAssignments([f], MARCH)).toEqual([]);
  });

  it('once rejected, the signature and acceptance still owed past their original deadlines are both', () => {
    // the request was no signature: the rejection sent it back to 待签收
    const f = fold(requested().returnRejected(at('2026-03-05')), MARCH.cutoff);
    expect(latenessByUnit([f], MARCH).get('u1')).toEqual({ signLate: 1, handleLate: 1 });
    expect(overdueAssignments([f], MARCH)).toEqual([
      { unitId: 'u1', caseId: 'c1', sign: true, accept: true, reply: false },
    ]);
  });

  it('rejected, then signed late and accepted in time: 逾期查阅 by the real signature, not 逾期办理', () => {
    // asked to return it on 2 March (in time to sign), rejected on the 4th, signed on the 5th:
    // the sign deadline (3 March 24:00) was missed by the signature the unit actually made
    const h = requested().returnRejected(at('2026-03-04', 10));
    const owed = fold(h, at('2026-03-05', 0));
    expect(overdueAssignments([owed], { ...MARCH, cutoff: at('2026-03-05', 0) })).toEqual([
      { unitId: 'u1', caseId: 'c1', sign: true, accept: false, reply: false },
    ]);
    const f = fold(h.signed(at('2026-03-05', 9)).accepted(at('2026-03-06')), MARCH.cutoff);
    expect(latenessByUnit([f], MARCH).get('u1')).toEqual({ signLate: 1, handleLate: 0 });
    expect(overdueAssignments([f], MARCH)).toEqual([]);
  });

  it('once approved, the returned assignment is in neither', () => {
    const f = fold(requested().returnApproved(at('2026-03-09')), MARCH.cutoff);
    expect(latenessByUnit([f], MARCH).size).toBe(0);
    expect(overdueAssignments([f], MARCH)).toEqual([]);
  });
});

describe('the fast track (最多投一次)', () => {
  it('counts the first-time cases that took it, their share, and their assignments handled on time', () => {
    const fast = fold(base('a1').replied(at('2026-07-10')).closed(at('2026-07-12')), JULY.cutoff, {
      caseId: 'k1',
    });
    const slow = fold(base('a2'), JULY.cutoff, { caseId: 'k2' });
    const repeat = fold(base('a3'), JULY.cutoff, { caseId: 'k3', isRepeat: true });
    const c = (caseId: string, fastTrack: boolean, isRepeat = false) => ({
      caseId,
      receivedDay: '2026-07-01',
      receivedAt: at('2026-07-01', 8),
      isRepeat,
      fastTrack,
    });
    const ft = fastTrackOf(
      [fast, slow, repeat],
      [c('k1', true), c('k2', false), c('k3', true, true), c('k4', false)],
      JULY,
    );
    // 1 of 3 first-time cases (k3 is a repeat, so not 初件 even on the track)
    expect(ft).toMatchObject({ cases: 1, firstTimeCases: 3 });
    expect(ft.share).toBeCloseTo(1 / 3, 12);
    expect(ft.figures).toMatchObject({ received: 1, closed: 1, onTimeReplyRate: 1, avgDays: 11 });
  });
});
