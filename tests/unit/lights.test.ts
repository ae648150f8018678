import { describe, expect, it } from 'vitest';
import {
  type AssignmentDues,
  assignmentLight,
  currentDue,
  isInTime,
  light,
  overdueStep,
} from '../../workers/domain/lights';

const bj = (day: string, time = '00:00:00') => Date.parse(`${day}T${time}+08:00`);
// due by 24:00 on 03-10, Beijing time
const due = bj('2026-03-11');

const assignment = (over: Partial<AssignmentDues> = {}): AssignmentDues => ({
  state: 'dispatched',
  signDueAt: bj('2026-03-03'),
  acceptDueAt: bj('2026-03-07'),
  replyDueAt: null,
  supervisionDueAt: null,
  ...over,
});

describe('the light of a deadline', () => {
  it('is green with more than a day to go', () => {
    expect(light(due, bj('2026-03-09', '23:59:59'))).toBe('green');
  });

  it('turns yellow on the morning of the last day (晨提醒亮灯)', () => {
    expect(light(due, bj('2026-03-10', '00:00:00'))).toBe('yellow');
    expect(light(due, bj('2026-03-10', '08:30:00'))).toBe('yellow');
  });

  it('is still yellow at 23:59:59 on the last day and red at 00:00:00 the next', () => {
    expect(light(due, bj('2026-03-10', '23:59:59'))).toBe('yellow');
    expect(light(due, bj('2026-03-11', '00:00:00'))).toBe('red');
  });

  it('shows nothing when there is no deadline', () => {
    expect(light(null, bj('2026-03-10'))).toBeNull();
    expect(light(undefined, bj('2026-03-10'))).toBeNull();
  });

  it('a reply sent at 23:59:59 on the last day is in time, one at midnight is late', () => {
    expect(isInTime(bj('2026-03-10', '23:59:59'), due)).toBe(true);
    expect(isInTime(bj('2026-03-11', '00:00:00'), due)).toBe(false);
  });
});

describe('the deadline an assignment is working against', () => {
  it('a dispatched case waits on signing, a signed one on acceptance, an accepted one on the reply', () => {
    expect(currentDue(assignment())).toEqual({ step: 'sign', dueAt: bj('2026-03-03') });
    expect(currentDue(assignment({ state: 'signed' }))).toEqual({ step: 'accept', dueAt: bj('2026-03-07') });
    expect(currentDue(assignment({ state: 'accepted', replyDueAt: due }))).toEqual({
      step: 'reply',
      dueAt: due,
    });
  });

  it('a supervision deadline earlier than the reply deadline is the one that counts', () => {
    const supervised = assignment({ state: 'accepted', replyDueAt: due, supervisionDueAt: bj('2026-03-06') });
    expect(currentDue(supervised)).toEqual({ step: 'supervision', dueAt: bj('2026-03-06') });
    const later = assignment({ state: 'accepted', replyDueAt: due, supervisionDueAt: bj('2026-03-20') });
    expect(currentDue(later)?.step).toBe('reply');
  });

  it('nothing is pending on a unit once it has replied, been returned or refused', () => {
    for (const state of ['replied', 'closed', 'rated', 'unrated', 'returned', 'refused'] as const) {
      expect(currentDue(assignment({ state, replyDueAt: due, supervisionDueAt: due }))).toBeNull();
      expect(assignmentLight(assignment({ state, replyDueAt: due }), bj('2026-04-01'))).toBeNull();
    }
  });

  it('a pending return request shows no light for the unit until the dispatcher decides', () => {
    expect(currentDue(assignment({ state: 'return_requested' }))).toBeNull();
  });

  it('a unit that has not signed by 24:00 on 03-02 is red and overdue on signing', () => {
    const a = assignment();
    expect(assignmentLight(a, bj('2026-03-02', '23:59:59'))).toBe('yellow');
    expect(assignmentLight(a, bj('2026-03-03', '00:00:00'))).toBe('red');
    expect(overdueStep(a, bj('2026-03-02', '23:59:59'))).toBeNull();
    expect(overdueStep(a, bj('2026-03-03', '00:00:00'))).toBe('sign');
  });

  it('a missed supervision deadline turns the light red but is not an overdue step of the statistics', () => {
    const a = assignment({ state: 'accepted', replyDueAt: due, supervisionDueAt: bj('2026-03-06') });
    expect(assignmentLight(a, bj('2026-03-06', '12:00:00'))).toBe('red');
    expect(overdueStep(a, bj('2026-03-06', '12:00:00'))).toBeNull();
  });
});
