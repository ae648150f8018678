import { describe, expect, it } from 'vitest';
import { unitStepDue } from '../../workers/domain/lights';
import { foldAssignment } from '../../workers/domain/stats/fold';
import { at, endOf, fold, history } from './stats-fixtures';

describe('foldAssignment: the state of one assignment as of a cut-off', () => {
  it('is null before the assignment was dispatched', () => {
    const h = history().dispatched(at('2026-07-03'), { unitId: 'u-zj' });
    expect(foldAssignment(h.events, at('2026-07-02'), { caseId: 'c1', isRepeat: false })).toBeNull();
  });

  it('replays only the events up to the cut-off', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .signed(at('2026-07-01', 15))
      .accepted(at('2026-07-03'))
      .replied(at('2026-07-10'))
      .closed(at('2026-07-10', 10));
    const mid = fold(h, at('2026-07-05'));
    expect(mid.state).toBe('accepted');
    expect(mid.repliedAt).toBeNull();
    expect(mid.closedAt).toBeNull();
    expect(mid.openDeadlines.reply).toBe(endOf('2026-07-18'));
    const end = fold(h);
    expect(end.state).toBe('closed');
    expect(end.closedAt).toBe(at('2026-07-10', 10));
    expect(end.openDeadlines.rating).toBe(endOf('2026-07-25'));
  });

  it('reads events in time order, whatever order they were stored in', () => {
    const h = history()
      .accepted(at('2026-07-02'))
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .signed(at('2026-07-01', 10));
    const f = fold(h);
    expect(f.signedAt).toBe(at('2026-07-01', 10));
    expect(f.decidedAt).toBe(at('2026-07-02'));
  });

  it('a unit that accepts without signing first has signed when it accepted', () => {
    const h = history().dispatched(at('2026-07-01'), { unitId: 'u-zj' }).accepted(at('2026-07-04'));
    expect(fold(h).signedAt).toBe(at('2026-07-04'));
  });

  it('a refusal with its notice concludes the unit’s handling (counted closed at the refusal)', () => {
    const h = history().dispatched(at('2026-07-01'), { unitId: 'u-zj' }).refused(at('2026-07-02'));
    const f = fold(h);
    expect(f.state).toBe('refused');
    expect(f.closedAt).toBe(at('2026-07-02'));
    expect(f.openDeadlines).toEqual({
      sign: null,
      accept: null,
      firstReply: null,
      reply: null,
      rating: null,
    });
  });

  it('a returned assignment is terminal and keeps no open deadline', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .returnRequested(at('2026-07-02'))
      .returnApproved(at('2026-07-03'))
      .accepted(at('2026-07-04'));
    const f = fold(h);
    expect(f.returned).toBe(true);
    expect(f.state).toBe('returned');
    expect(f.accepted).toBe(false);
    expect(f.openDeadlines.accept).toBeNull();
  });

  it('a pending return request is carried as of the cut-off and pauses the sign and accept steps', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .returnRequested(at('2026-07-02'))
      .returnRejected(at('2026-07-05'));
    const waiting = fold(h, at('2026-07-04'));
    expect([waiting.returnPending, waiting.state]).toEqual([true, 'return_requested']);
    expect([waiting.openDeadlines.sign, waiting.openDeadlines.accept]).toEqual([null, null]);
    // the unit asked without signing: the rejection sends it back to 待签收 (state machine's
    // rejectReturn), so the sign step is owed again, as its light shows
    const rejected = fold(h, at('2026-07-05'));
    expect([rejected.returnPending, rejected.state, rejected.signedAt]).toEqual([false, 'dispatched', null]);
    expect(rejected.openDeadlines.sign).toBe(rejected.signDueAt);
    expect(rejected.openDeadlines.accept).toBe(rejected.acceptDueAt);
    expect(rejected.returnRequestedAt).toBe(at('2026-07-02'));
    expect(unitStepDue(rejected)).toEqual({ step: 'sign', dueAt: rejected.signDueAt });
  });

  it('a return request is not a signature: a unit that had signed is back at acceptance after a rejection', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .signed(at('2026-07-01', 15))
      .returnRequested(at('2026-07-02'))
      .returnRejected(at('2026-07-05'));
    const f = fold(h);
    expect([f.state, f.signedAt]).toEqual(['signed', at('2026-07-01', 15)]);
    expect([f.openDeadlines.sign, f.openDeadlines.accept]).toEqual([null, f.acceptDueAt]);
    expect(unitStepDue(f)).toEqual({ step: 'accept', dueAt: f.acceptDueAt });
  });

  it('an approved extension moves the reply deadline; a denied one does not', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .accepted(at('2026-07-02'), endOf('2026-08-31'))
      .extensionRequested(at('2026-08-20'), 30)
      .extensionApproved(at('2026-08-21'), 30, endOf('2026-09-30'));
    const f = fold(h);
    expect(f.replyDueAt).toBe(endOf('2026-09-30'));
    expect(f.firstReplyDueAt).toBe(endOf('2026-09-30'));
    expect(f.extensionDays).toBe(30);
  });

  it('a repeated accept in imported history does not undo an approved extension', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .accepted(at('2026-07-02'), endOf('2026-07-17'))
      .extensionApproved(at('2026-07-15'), 30, endOf('2026-08-16'))
      .accepted(at('2026-07-16'), endOf('2026-07-31'));
    expect(fold(h).replyDueAt).toBe(endOf('2026-08-16'));
    expect(fold(h).decidedAt).toBe(at('2026-07-02'));
  });

  it('a reopen for rework sets a new reply deadline and leaves the first one as it was', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .accepted(at('2026-07-02'), endOf('2026-07-17'))
      .replied(at('2026-07-10'))
      .closed(at('2026-07-10'))
      .rated(at('2026-07-11'), 'unsatisfied')
      .reopened(at('2026-07-12'), endOf('2026-07-27'));
    const f = fold(h);
    expect(f.reworkCount).toBe(1);
    expect(f.state).toBe('accepted');
    expect(f.closedAt).toBeNull();
    expect(f.replyDueAt).toBe(endOf('2026-07-27'));
    expect(f.firstReplyDueAt).toBe(endOf('2026-07-17'));
    expect(f.rating).toBe('unsatisfied');
    expect(f.openDeadlines.reply).toBe(endOf('2026-07-27'));
    expect(f.openDeadlines.firstReply).toBeNull();
  });

  it('closing a reopened assignment without a new reply ends the rework round', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'))
      .rated(at('2026-07-06'), 'unsatisfied')
      .reopened(at('2026-07-07'), endOf('2026-07-10'))
      .closed(at('2026-07-09'));
    const f = fold(h);
    expect(f.state).toBe('rated');
    expect(f.closedAt).toBe(at('2026-07-09'));
    expect(f.openDeadlines.reply).toBeNull();
  });

  it('a rating after the window is refused and proves the window closed (超期未评)', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'), endOf('2026-07-20'))
      .closed(at('2026-07-05'))
      .rated(at('2026-07-22'), 'satisfied');
    const f = fold(h);
    expect(f.rating).toBeNull();
    expect(f.unrated).toBe(true);
    expect(f.state).toBe('unrated');
  });

  it('the first rating is kept for one-time resolution, the latest counts for satisfaction', () => {
    const h = history()
      .dispatched(at('2026-07-01'), { unitId: 'u-zj' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'))
      .rated(at('2026-07-06'), 'unsatisfied')
      .reopened(at('2026-07-07'), endOf('2026-07-20'))
      .replied(at('2026-07-15'))
      .rated(at('2026-07-16'), 'satisfied');
    const f = fold(h);
    expect(f.firstRating).toBe('unsatisfied');
    expect(f.rating).toBe('satisfied');
    expect(f.firstRatingOnFirstReply).toBe(true);
    expect(f.replyCount).toBe(2);
    expect(f.firstRepliedAt).toBe(at('2026-07-05'));
    expect(f.repliedAt).toBe(at('2026-07-15'));
  });

  it('the bureau rating is kept on the lead assignment only', () => {
    const lead = history('a1')
      .dispatched(at('2026-07-01'), { unitId: 'u-zj', role: 'lead' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'))
      .rated(at('2026-07-06'), 'basic', 'satisfied');
    const co = history('a2')
      .dispatched(at('2026-07-01'), { unitId: 'u-gt', role: 'co' })
      .accepted(at('2026-07-02'))
      .replied(at('2026-07-05'))
      .rated(at('2026-07-06'), 'basic', 'satisfied');
    expect(fold(lead).bureauRating).toBe('satisfied');
    expect(fold(co).bureauRating).toBeNull();
  });

  it('an unsigned assignment shows its sign and accept deadlines as open', () => {
    const h = history().dispatched(at('2026-07-01'), {
      unitId: 'u-zj',
      signDueAt: endOf('2026-07-02'),
      acceptDueAt: endOf('2026-07-06'),
    });
    expect(fold(h).openDeadlines).toEqual({
      sign: endOf('2026-07-02'),
      accept: endOf('2026-07-06'),
      firstReply: null,
      reply: null,
      rating: null,
    });
  });
});
