import { describe, expect, it } from 'vitest';
import type { AssignmentState } from '../../db/schema/cases';
import {
  type ActorRole,
  caseStatusFromAssignments,
  checkMove,
  eventOf,
  MOVES,
  type Move,
  type MoveContext,
  type MoveFacts,
  type RoutedState,
} from '../../workers/domain/state-machine';

const bj = (day: string, time = '00:00:00') => Date.parse(`${day}T${time}+08:00`);
const now = bj('2026-03-05', '10:00:00');
const later = bj('2026-03-10');
const earlier = bj('2026-03-01');

const STATES: readonly AssignmentState[] = [
  'dispatched',
  'signed',
  'accepted',
  'refused',
  'return_requested',
  'returned',
  'replied',
  'closed',
  'rated',
  'unrated',
];
const ROLES: readonly ActorRole[] = [
  'platform_admin',
  'tenant_admin',
  'dispatcher',
  'handler',
  'unit_leader',
  'county_leader',
  'citizen',
  'system',
];

type Valid = { [M in Move]: { state: AssignmentState; role: ActorRole } & MoveFacts[M] };

/** A context in which each move is allowed. */
const VALID: Valid = {
  sign: { state: 'dispatched', role: 'handler' },
  accept: { state: 'signed', role: 'handler' },
  refuse: {
    state: 'signed',
    role: 'handler',
    reason: '诉求已通过诉讼渠道处理',
    notice: '不予受理告知书：……',
  },
  requestReturn: { state: 'dispatched', role: 'handler', reason: '不属于本单位辖区', returnDueAt: later },
  approveReturn: { state: 'return_requested', role: 'dispatcher' },
  rejectReturn: { state: 'return_requested', role: 'dispatcher', signedAt: null },
  requestExtension: {
    state: 'accepted',
    role: 'handler',
    days: 10,
    reason: '需要现场勘验',
    extensionDays: 0,
    pendingExtensionDays: null,
    maxExtensionDays: 30,
    replyDueAt: later,
  },
  approveExtension: {
    state: 'accepted',
    role: 'dispatcher',
    pendingExtensionDays: 10,
    extensionDays: 0,
    maxExtensionDays: 30,
  },
  denyExtension: { state: 'accepted', role: 'dispatcher', pendingExtensionDays: 10 },
  draftReply: { state: 'accepted', role: 'handler', replyStatus: null },
  submitReply: { state: 'accepted', role: 'handler', replyStatus: 'draft' },
  approveReply: { state: 'accepted', role: 'unit_leader', replyStatus: 'pending_review' },
  rejectReply: {
    state: 'accepted',
    role: 'unit_leader',
    replyStatus: 'pending_review',
    note: '请补充政策依据',
  },
  sendReply: { state: 'accepted', role: 'handler', replyStatus: 'approved', requireReplyReview: true },
  close: { state: 'replied', role: 'dispatcher' },
  rate: { state: 'replied', role: 'citizen', ratingDueAt: later, value: 'satisfied' },
  expireRating: { state: 'closed', role: 'system', ratingDueAt: earlier },
  reopen: { state: 'rated', role: 'dispatcher', rating: 'unsatisfied', reason: '群众反映问题未解决' },
  keepAnswer: {
    state: 'rated',
    role: 'dispatcher',
    rating: 'unsatisfied',
    reworkDeclinedAt: null,
    reason: '已按政策答复，诉求超出政策范围',
  },
  supervise: { state: 'accepted', role: 'dispatcher', note: '请于3月8日前报告进展', dueAt: later },
  urge: { state: 'signed', role: 'dispatcher', message: '请尽快受理' },
};

const EXPECTED_TO: Record<Move, AssignmentState> = {
  sign: 'signed',
  accept: 'accepted',
  refuse: 'refused',
  requestReturn: 'return_requested',
  approveReturn: 'returned',
  rejectReturn: 'dispatched',
  requestExtension: 'accepted',
  approveExtension: 'accepted',
  denyExtension: 'accepted',
  draftReply: 'accepted',
  submitReply: 'accepted',
  approveReply: 'accepted',
  rejectReply: 'accepted',
  sendReply: 'replied',
  close: 'closed',
  rate: 'rated',
  expireRating: 'unrated',
  reopen: 'accepted',
  keepAnswer: 'rated',
  supervise: 'accepted',
  urge: 'signed',
};

const moves = Object.keys(MOVES) as Move[];

function check<M extends Move>(move: M, over: Partial<MoveContext<M>> = {}) {
  return checkMove(move, { ...VALID[move], now, ...over } as MoveContext<M>);
}

describe('every move, done right', () => {
  it.each(moves)('%s is allowed and leads to the expected state, writing its event', (move) => {
    expect(check(move)).toEqual({ ok: true, to: EXPECTED_TO[move], event: MOVES[move].event });
    expect(eventOf(move)).toBe(MOVES[move].event);
  });
});

describe('every move, from the wrong state', () => {
  it.each(moves)('%s is refused as a conflict from any state it does not start from', (move) => {
    const wrong = STATES.filter((s) => !MOVES[move].from.includes(s));
    expect(wrong.length).toBeGreaterThan(0);
    for (const state of wrong) {
      const result = check(move, { state });
      expect(result, `${move} from ${state}`).toMatchObject({ ok: false, code: 'CONFLICT' });
      if (!result.ok) expect(result.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('every move, by the wrong role', () => {
  it.each(moves)('%s is forbidden to every role not listed for it', (move) => {
    const wrong = ROLES.filter((r) => !MOVES[move].roles.includes(r));
    for (const role of wrong) {
      expect(check(move, { role }), `${move} by ${role}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });

  it('a county leader reads dashboards and never moves a case', () => {
    for (const move of moves)
      expect(check(move, { role: 'county_leader' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a citizen cannot sign, and a handler cannot approve a return', () => {
    expect(check('sign', { role: 'citizen' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(check('approveReturn', { role: 'handler' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a handler cannot approve or reject his own reply: only the unit leader reviews', () => {
    expect(check('approveReply', { role: 'handler' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(check('rejectReply', { role: 'handler' })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a unit leader may do whatever the handler may', () => {
    for (const move of moves.filter((m) => MOVES[m].roles.includes('handler'))) {
      expect(MOVES[move].roles).toContain('unit_leader');
    }
  });

  it('the tenant admin may do whatever the dispatcher may, except record a rating', () => {
    for (const move of moves.filter((m) => MOVES[m].roles.includes('dispatcher') && m !== 'rate')) {
      expect(MOVES[move].roles).toContain('tenant_admin');
    }
  });
});

describe('refusing and returning', () => {
  it('a refusal needs a reason and a written notice', () => {
    expect(check('refuse', { reason: '  ' })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: '请填写不予受理的理由',
    });
    expect(check('refuse', { notice: null })).toMatchObject({
      code: 'VALIDATION',
      message: '请填写不予受理告知书',
    });
  });

  it('a unit can ask to return a misrouted case after signing it, with a reason', () => {
    expect(check('requestReturn', { state: 'signed' })).toMatchObject({ ok: true, to: 'return_requested' });
    expect(check('requestReturn', { reason: '' })).toMatchObject({ code: 'VALIDATION' });
  });

  it('a unit asking to return a case at 23:59:59 on the last day is in time, at 00:00:00 too late', () => {
    const returnDueAt = bj('2026-03-11');
    expect(check('requestReturn', { returnDueAt, now: bj('2026-03-10', '23:59:59') })).toMatchObject({
      ok: true,
    });
    expect(check('requestReturn', { returnDueAt, now: bj('2026-03-11', '00:00:00') })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringContaining('已超过退件期限'),
    });
  });

  it('a rejected return sends the case back to where it was: signed if the unit had signed', () => {
    expect(check('rejectReturn', { signedAt: null })).toMatchObject({ ok: true, to: 'dispatched' });
    expect(check('rejectReturn', { signedAt: bj('2026-03-04') })).toMatchObject({ ok: true, to: 'signed' });
  });
});

describe('extensions', () => {
  it('a claim may be extended by at most 30 days in all: 20 granted leaves 10', () => {
    expect(check('requestExtension', { extensionDays: 20, days: 10 })).toMatchObject({ ok: true });
    expect(check('requestExtension', { extensionDays: 20, days: 11 })).toMatchObject({
      ok: false,
      code: 'VALIDATION',
      message: '延期天数超出上限，最多还可延期 10 天',
    });
  });

  it('a case with no extension days left cannot ask for more', () => {
    expect(check('requestExtension', { extensionDays: 30, days: 1 })).toMatchObject({ code: 'CONFLICT' });
    expect(check('requestExtension', { maxExtensionDays: 0, days: 1 })).toMatchObject({ code: 'CONFLICT' });
  });

  it('a second request waits until the first is decided', () => {
    expect(check('requestExtension', { pendingExtensionDays: 5 })).toMatchObject({
      code: 'CONFLICT',
      message: '已有延期申请待审批，不能重复申请',
    });
  });

  it('an extension is asked for before the reply deadline passes, not after', () => {
    const replyDueAt = bj('2026-03-11');
    expect(check('requestExtension', { replyDueAt, now: bj('2026-03-10', '23:59:59') })).toMatchObject({
      ok: true,
    });
    expect(check('requestExtension', { replyDueAt, now: bj('2026-03-11') })).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('extension days are whole and positive, and a reason is given', () => {
    for (const days of [0, -3, 2.5, Number.NaN]) {
      expect(check('requestExtension', { days }), String(days)).toMatchObject({ code: 'VALIDATION' });
    }
    expect(check('requestExtension', { reason: undefined })).toMatchObject({ code: 'VALIDATION' });
  });

  it('the dispatcher may grant fewer days than asked, never more, and only on a pending request', () => {
    expect(check('approveExtension', { days: 5 })).toMatchObject({ ok: true });
    expect(check('approveExtension', { days: 11 })).toMatchObject({ code: 'VALIDATION' });
    expect(check('approveExtension', { extensionDays: 25 })).toMatchObject({ code: 'VALIDATION' });
    expect(check('approveExtension', { pendingExtensionDays: null })).toMatchObject({ code: 'CONFLICT' });
    expect(check('denyExtension', { pendingExtensionDays: null })).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('replies and review (审核)', () => {
  it('a handler may redraft a rejected or approved reply, not one under review', () => {
    expect(check('draftReply', { replyStatus: 'rejected' })).toMatchObject({ ok: true });
    expect(check('draftReply', { replyStatus: 'approved' })).toMatchObject({ ok: true });
    expect(check('draftReply', { replyStatus: 'pending_review' })).toMatchObject({ code: 'CONFLICT' });
  });

  it('only a draft or a rejected reply goes to review', () => {
    expect(check('submitReply', { replyStatus: 'rejected' })).toMatchObject({ ok: true });
    expect(check('submitReply', { replyStatus: null })).toMatchObject({ code: 'CONFLICT' });
    expect(check('submitReply', { replyStatus: 'pending_review' })).toMatchObject({ code: 'CONFLICT' });
  });

  it('the leader reviews only a reply under review, and says why when rejecting it', () => {
    expect(check('approveReply', { replyStatus: 'draft' })).toMatchObject({ code: 'CONFLICT' });
    expect(check('rejectReply', { replyStatus: 'approved' })).toMatchObject({ code: 'CONFLICT' });
    expect(check('rejectReply', { note: '' })).toMatchObject({
      code: 'VALIDATION',
      message: '请填写退回意见',
    });
  });

  it('where the county requires review, an unapproved reply cannot be sent', () => {
    for (const replyStatus of ['draft', 'pending_review', 'rejected'] as const) {
      expect(check('sendReply', { replyStatus }), replyStatus).toMatchObject({
        ok: false,
        code: 'CONFLICT',
      });
    }
    expect(check('sendReply', { replyStatus: 'draft' })).toMatchObject({
      message: '答复须经单位领导审核通过后才能发送',
    });
  });

  it('where the county does not require review, a draft can be sent directly', () => {
    expect(check('sendReply', { replyStatus: 'draft', requireReplyReview: false })).toMatchObject({
      ok: true,
      to: 'replied',
    });
    expect(check('sendReply', { replyStatus: 'pending_review', requireReplyReview: false })).toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('there must be a reply to send, and it is sent once', () => {
    expect(check('sendReply', { replyStatus: null })).toMatchObject({ code: 'CONFLICT' });
    expect(check('sendReply', { replyStatus: 'sent' })).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('closing, rating and rework', () => {
  it('a citizen may rate a replied or a closed case; staff may record a rating from a call-back', () => {
    expect(check('rate', { state: 'closed' })).toMatchObject({ ok: true, to: 'rated' });
    expect(check('rate', { role: 'dispatcher' })).toMatchObject({ ok: true });
  });

  it('a citizen rating at 23:59:59 on the last day counts; one at midnight is refused', () => {
    const ratingDueAt = bj('2026-03-11');
    expect(check('rate', { ratingDueAt, now: bj('2026-03-10', '23:59:59') })).toMatchObject({ ok: true });
    expect(check('rate', { ratingDueAt, now: bj('2026-03-11') })).toMatchObject({
      code: 'CONFLICT',
      message: '已超过评价期限',
    });
  });

  it('the import may record an old rating after the window', () => {
    expect(check('rate', { role: 'system', ratingDueAt: earlier })).toMatchObject({ ok: true });
  });

  it('a rating is one of 满意, 基本满意, 不满意', () => {
    expect(check('rate', { value: 'excellent' })).toMatchObject({ code: 'VALIDATION' });
  });

  it('a case is marked 超期未评 only once the window has passed', () => {
    const ratingDueAt = bj('2026-03-11');
    expect(check('expireRating', { ratingDueAt, now: bj('2026-03-10', '23:59:59') })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(check('expireRating', { ratingDueAt, now: bj('2026-03-11') })).toMatchObject({
      ok: true,
      to: 'unrated',
    });
    expect(check('expireRating', { state: 'replied', ratingDueAt })).toMatchObject({ code: 'CONFLICT' });
    expect(check('expireRating', { ratingDueAt: null })).toMatchObject({ code: 'CONFLICT' });
  });

  it('a case rated satisfied cannot be reopened; an unsatisfied one can, with a reason', () => {
    expect(check('reopen', { rating: 'satisfied' })).toMatchObject({ code: 'CONFLICT' });
    expect(check('reopen', { rating: 'basic' })).toMatchObject({ code: 'CONFLICT' });
    expect(check('reopen', { reason: '' })).toMatchObject({ code: 'VALIDATION' });
    expect(check('reopen')).toMatchObject({ ok: true, to: 'accepted', event: 'assignment.reopened' });
  });

  it('after 不满意 the bureau may keep the answer instead, once, with its reasons; units may not', () => {
    expect(check('keepAnswer')).toMatchObject({ ok: true, to: 'rated', event: 'assignment.rework_declined' });
    expect(check('keepAnswer', { rating: 'basic' })).toMatchObject({ code: 'CONFLICT' });
    expect(check('keepAnswer', { reworkDeclinedAt: now - 1 })).toMatchObject({ code: 'CONFLICT' });
    expect(check('keepAnswer', { reason: ' ' })).toMatchObject({ code: 'VALIDATION' });
    expect(check('keepAnswer', { role: 'handler' })).toMatchObject({ code: 'FORBIDDEN' });
    expect(check('keepAnswer', { state: 'closed' })).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('supervision and urging', () => {
  it('a case still with the unit can be supervised or urged, in any open state, without changing state', () => {
    for (const state of ['dispatched', 'signed', 'return_requested', 'accepted'] as const) {
      expect(check('supervise', { state })).toEqual({ ok: true, to: state, event: 'assignment.supervised' });
      expect(check('urge', { state })).toEqual({ ok: true, to: state, event: 'assignment.urged' });
    }
  });

  it('supervision needs a note and a deadline in the future; urging needs a message', () => {
    expect(check('supervise', { note: '' })).toMatchObject({ code: 'VALIDATION' });
    expect(check('supervise', { dueAt: now })).toMatchObject({ code: 'VALIDATION' });
    expect(check('supervise', { dueAt: null })).toMatchObject({ ok: true });
    expect(check('urge', { message: ' ' })).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('the case status follows from its assignments', () => {
  /** assignments of one routing (dispatched together) */
  const routing = (...states: AssignmentState[]): RoutedState[] =>
    states.map((state) => ({ state, dispatchedAt: 0 }));

  it('a case with no assignment is waiting to be routed', () => {
    expect(caseStatusFromAssignments([])).toBe('new');
  });

  it('a case all of whose units returned it waits to be routed again', () => {
    expect(caseStatusFromAssignments(routing('returned'))).toBe('new');
    // a lead returned it while its co-handler refused: the lead's part still needs a unit
    expect(caseStatusFromAssignments(routing('returned', 'refused'))).toBe('new');
  });

  it('a case returned, routed again and refused by the next unit is answered by the notice, not waiting', () => {
    const returned = { state: 'returned' as const, dispatchedAt: 1_000 };
    const refused = { state: 'refused' as const, dispatchedAt: 2_000 };
    expect(caseStatusFromAssignments([returned, refused])).toBe('closed');
    // the other way round, a return after the refusal's routing is waiting for a new unit
    expect(caseStatusFromAssignments([{ ...returned, dispatchedAt: 3_000 }, refused])).toBe('new');
  });

  it('a case every unit refused is closed by the written notice', () => {
    expect(caseStatusFromAssignments(routing('refused', 'refused'))).toBe('closed');
  });

  it('a case routed to two units is routed until one of them signs, then in progress', () => {
    expect(caseStatusFromAssignments(routing('dispatched', 'dispatched'))).toBe('routed');
    expect(caseStatusFromAssignments(routing('dispatched', 'return_requested'))).toBe('routed');
    expect(caseStatusFromAssignments(routing('dispatched', 'signed'))).toBe('in_progress');
    expect(caseStatusFromAssignments(routing('dispatched', 'replied'))).toBe('in_progress');
  });

  it('a case is replied when every unit replied, closed when every unit closed, rated when all rated', () => {
    expect(caseStatusFromAssignments(routing('replied', 'closed'))).toBe('replied');
    expect(caseStatusFromAssignments(routing('closed', 'rated'))).toBe('closed');
    expect(caseStatusFromAssignments(routing('closed', 'unrated'))).toBe('closed');
    expect(caseStatusFromAssignments(routing('rated', 'rated'))).toBe('rated');
  });

  it('a returned or refused assignment does not hold the case open', () => {
    expect(caseStatusFromAssignments(routing('returned', 'replied'))).toBe('replied');
    expect(caseStatusFromAssignments(routing('refused', 'rated'))).toBe('rated');
  });

  it('a case reopened for rework at one unit is in progress again', () => {
    expect(caseStatusFromAssignments(routing('accepted', 'rated'))).toBe('in_progress');
  });
});
