// The assignment state machine (DOMAIN.md "Lifecycle"): which move is allowed from which state, by
// whom, under what conditions, and the event it writes. Services call checkMove before a
// compare-and-set update; they still check that a unit's user belongs to the assignment's unit.
import { ASSIGNMENT_STATE_NAMES } from './labels';
import type { AssignmentState, CaseStatus, RatingValue } from '../../db/schema/cases';
import type { Role } from '../../db/schema/tenancy';
import type { AssignmentEventType } from './events';
import { isInTime } from './lights';

export type ActorRole = Role | 'citizen' | 'system';
/** Mirrors replies.status in db/schema/cases.ts. */
export type ReplyStatus = 'draft' | 'pending_review' | 'approved' | 'rejected' | 'sent';

export type Move =
  | 'sign'
  | 'accept'
  | 'refuse'
  | 'requestReturn'
  | 'approveReturn'
  | 'rejectReturn'
  | 'requestExtension'
  | 'approveExtension'
  | 'denyExtension'
  | 'draftReply'
  | 'submitReply'
  | 'approveReply'
  | 'rejectReply'
  | 'sendReply'
  | 'close'
  | 'rate'
  | 'expireRating'
  | 'reopen'
  | 'keepAnswer'
  | 'supervise'
  | 'urge';

export interface MoveSpec {
  /** what the console calls it */
  label: string;
  from: readonly AssignmentState[];
  /** the state after the move; 'same' for moves that keep it; 'before-return' for rejectReturn */
  to: AssignmentState | 'same' | 'before-return';
  roles: readonly ActorRole[];
  event: AssignmentEventType;
}

const UNIT: readonly ActorRole[] = ['handler', 'unit_leader'];
const BUREAU: readonly ActorRole[] = ['dispatcher', 'tenant_admin'];

/** States in which the unit still owes work: supervision and urging apply to these. */
export const OPEN_STATES: readonly AssignmentState[] = [
  'dispatched',
  'signed',
  'return_requested',
  'accepted',
];

/**
 * Whether the bureau may route a case (again): while no unit holds it (new, every unit returned or
 * refused it) or to add a unit while one still works on it. A case whose units have all answered
 * is finished: it goes back to a unit only by 重办 (reopen), which counts as rework.
 */
export function caseRoutable(asg: readonly { state: AssignmentState }[]) {
  const active = asg.filter((a) => a.state !== 'returned' && a.state !== 'refused');
  return active.length === 0 || active.some((a) => OPEN_STATES.includes(a.state));
}

export const MOVES: Readonly<Record<Move, MoveSpec>> = {
  sign: { label: '签收', from: ['dispatched'], to: 'signed', roles: UNIT, event: 'assignment.signed' },
  accept: { label: '受理', from: ['signed'], to: 'accepted', roles: UNIT, event: 'assignment.accepted' },
  refuse: { label: '不予受理', from: ['signed'], to: 'refused', roles: UNIT, event: 'assignment.refused' },
  requestReturn: {
    label: '申请退件',
    from: ['dispatched', 'signed'],
    to: 'return_requested',
    roles: UNIT,
    event: 'assignment.return_requested',
  },
  approveReturn: {
    label: '同意退件',
    from: ['return_requested'],
    to: 'returned',
    roles: BUREAU,
    event: 'assignment.return_approved',
  },
  rejectReturn: {
    label: '驳回退件',
    from: ['return_requested'],
    to: 'before-return',
    roles: BUREAU,
    event: 'assignment.return_rejected',
  },
  requestExtension: {
    label: '申请延期',
    from: ['accepted'],
    to: 'same',
    roles: UNIT,
    event: 'assignment.extension_requested',
  },
  approveExtension: {
    label: '批准延期',
    from: ['accepted'],
    to: 'same',
    roles: BUREAU,
    event: 'assignment.extension_approved',
  },
  denyExtension: {
    label: '不予延期',
    from: ['accepted'],
    to: 'same',
    roles: BUREAU,
    event: 'assignment.extension_denied',
  },
  draftReply: {
    label: '拟写答复',
    from: ['accepted'],
    to: 'same',
    roles: UNIT,
    event: 'assignment.reply_drafted',
  },
  submitReply: {
    label: '提交审核',
    from: ['accepted'],
    to: 'same',
    roles: UNIT,
    event: 'assignment.reply_submitted',
  },
  approveReply: {
    label: '审核通过',
    from: ['accepted'],
    to: 'same',
    roles: ['unit_leader'],
    event: 'assignment.reply_approved',
  },
  rejectReply: {
    label: '审核退回',
    from: ['accepted'],
    to: 'same',
    roles: ['unit_leader'],
    event: 'assignment.reply_rejected',
  },
  sendReply: { label: '答复', from: ['accepted'], to: 'replied', roles: UNIT, event: 'assignment.replied' },
  // The unit closes its own case after replying (办结, DOMAIN.md); the bureau may close for it, and
  // system (the import) records closings made long ago.
  close: {
    label: '办结',
    from: ['replied'],
    to: 'closed',
    roles: [...UNIT, ...BUREAU, 'system'],
    event: 'assignment.closed',
  },
  // dispatcher: a rating taken on a phone call-back (回访); system: the historical import.
  rate: {
    label: '评价',
    from: ['replied', 'closed'],
    to: 'rated',
    roles: ['citizen', 'dispatcher', 'system'],
    event: 'assignment.rated',
  },
  expireRating: {
    label: '超期未评',
    from: ['replied', 'closed'],
    to: 'unrated',
    roles: ['system'],
    event: 'assignment.rating_expired',
  },
  reopen: { label: '重办', from: ['rated'], to: 'accepted', roles: BUREAU, event: 'assignment.reopened' },
  // after an unsatisfied rating the bureau may find the answer right and keep it, with its reasons
  keepAnswer: {
    label: '维持答复',
    from: ['rated'],
    to: 'same',
    roles: BUREAU,
    event: 'assignment.rework_declined',
  },
  supervise: { label: '督办', from: OPEN_STATES, to: 'same', roles: BUREAU, event: 'assignment.supervised' },
  urge: { label: '催办', from: OPEN_STATES, to: 'same', roles: BUREAU, event: 'assignment.urged' },
};

/**
 * Rated 不满意 and not yet decided by the bureau: a rework (重办) may still be made or asked for.
 * The same rule in SQL is REWORK_PENDING (services/workflow/views.ts), for the queue.
 */
export function reworkOpen(a: {
  state: AssignmentState;
  rating: RatingValue | null;
  reworkDeclinedAt: number | null;
}): boolean {
  return a.state === 'rated' && a.rating === 'unsatisfied' && a.reworkDeclinedAt == null;
}

// ---------------------------------------------------------------------------------------------
// What each move needs to know besides state, role and time. Free text typed by a person is
// `string | null | undefined` so a service can pass raw input and get VALIDATION back.

type Text = string | null | undefined;

export interface MoveFacts {
  sign: Record<never, never>;
  accept: Record<never, never>;
  refuse: { reason: Text; notice: Text };
  requestReturn: { reason: Text; returnDueAt: number };
  approveReturn: Record<never, never>;
  /** whether the unit had signed before asking to return decides where a rejection sends it */
  rejectReturn: { signedAt: number | null };
  requestExtension: {
    days: number;
    reason: Text;
    /** days already granted (assignments.extension_days) */
    extensionDays: number;
    pendingExtensionDays: number | null;
    /** from resolveRule(...).maxExtensionDays */
    maxExtensionDays: number;
    replyDueAt: number | null;
    /** a case transferred from a higher level: no reply deadline of the county's goes past this */
    higherLevelDueAt?: number | null;
  };
  /** `days` defaults to the days requested; a dispatcher may grant fewer */
  approveExtension: {
    pendingExtensionDays: number | null;
    extensionDays: number;
    maxExtensionDays: number;
    days?: number;
    replyDueAt?: number | null;
    higherLevelDueAt?: number | null;
  };
  denyExtension: { pendingExtensionDays: number | null };
  /** status of the assignment's current reply, null when there is none yet */
  draftReply: { replyStatus: ReplyStatus | null };
  submitReply: { replyStatus: ReplyStatus | null };
  approveReply: { replyStatus: ReplyStatus | null };
  rejectReply: { replyStatus: ReplyStatus | null; note: Text };
  sendReply: { replyStatus: ReplyStatus | null; requireReplyReview: boolean };
  close: Record<never, never>;
  rate: { ratingDueAt: number | null; value?: string | null };
  expireRating: { ratingDueAt: number | null };
  /** the rating the assignment holds now */
  reopen: { rating: RatingValue | null; reason: Text };
  keepAnswer: { rating: RatingValue | null; reworkDeclinedAt: number | null; reason: Text };
  supervise: { note: Text; dueAt?: number | null };
  urge: { message: Text };
}

interface BaseContext {
  state: AssignmentState;
  role: ActorRole;
  now: number;
}
export type MoveContext<M extends Move> = BaseContext & MoveFacts[M];

export type MoveErrorCode = 'CONFLICT' | 'FORBIDDEN' | 'VALIDATION';
export type MoveCheck =
  | { ok: true; to: AssignmentState; event: AssignmentEventType }
  | { ok: false; code: MoveErrorCode; message: string; path?: string };

const STATE_NAMES = ASSIGNMENT_STATE_NAMES;

const RATINGS: readonly string[] = ['satisfied', 'basic', 'unsatisfied'];

/** `path`: the input field at fault, when one is, so the refusal can be said under it. */
const fail = (code: MoveErrorCode, message: string, path?: string): MoveCheck =>
  path ? { ok: false, code, message, path } : { ok: false, code, message };
const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';
const isWholeDays = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/**
 * Whether `move` may happen now. Checked in this order: who (FORBIDDEN), from which state
 * (CONFLICT), then the move's own conditions (CONFLICT when the world is not right for it,
 * VALIDATION when the input is wrong).
 */
export function checkMove<M extends Move>(move: M, ctx: MoveContext<M>): MoveCheck {
  // Moves may come from a request body; 'toString' is not a move.
  if (!Object.hasOwn(MOVES, move)) return fail('VALIDATION', '未知的操作');
  const spec = MOVES[move];
  if (!spec.roles.includes(ctx.role)) return fail('FORBIDDEN', `当前角色无权执行“${spec.label}”`);
  if (!spec.from.includes(ctx.state)) {
    return fail('CONFLICT', `该件当前状态为“${STATE_NAMES[ctx.state] ?? ctx.state}”，不能${spec.label}`);
  }
  const problem = guard(move, ctx as unknown as BaseContext & Record<string, unknown>);
  if (problem) return problem;
  let to: AssignmentState;
  if (spec.to === 'same') to = ctx.state;
  else if (spec.to === 'before-return') {
    to = (ctx as MoveContext<'rejectReturn'>).signedAt != null ? 'signed' : 'dispatched';
  } else to = spec.to;
  return { ok: true, to, event: spec.event };
}

/** The event type a move writes. */
export function eventOf(move: Move): AssignmentEventType {
  return MOVES[move].event;
}

const AT_HIGHER_LEVEL_DEADLINE =
  '该件为上级转送/交办件，答复期限已是上级限定的期限，本级不能再延期；确需延期，请报上级同意';

/** A transferred case whose reply is already due when the higher level set: no day is left to give. */
function atHigherLevelDeadline(c: Record<string, unknown>): boolean {
  const higher = c.higherLevelDueAt as number | null | undefined;
  const due = c.replyDueAt as number | null | undefined;
  return higher != null && due != null && due >= higher;
}

// The per-move fact types are enforced at the call site by MoveContext<M>; inside, one loose shape.
function guard(move: Move, c: BaseContext & Record<string, unknown>): MoveCheck | null {
  switch (move) {
    case 'refuse':
      if (blank(c.reason)) return fail('VALIDATION', '请填写不予受理的理由', 'reason');
      if (blank(c.notice)) return fail('VALIDATION', '请填写不予受理告知书', 'notice');
      return null;
    case 'requestReturn':
      if (blank(c.reason)) return fail('VALIDATION', '请填写退件理由', 'reason');
      if (!isInTime(c.now, c.returnDueAt as number)) {
        return fail('CONFLICT', '已超过退件期限，不能退件，请按程序受理或不予受理');
      }
      return null;
    case 'requestExtension': {
      if (c.pendingExtensionDays != null) return fail('CONFLICT', '已有延期申请待审批，不能重复申请');
      // An extension is asked for before the deadline passes, not to excuse a late reply.
      if (c.replyDueAt != null && !isInTime(c.now, c.replyDueAt as number)) {
        return fail('CONFLICT', '已超过答复期限，不能再申请延期');
      }
      if (!isWholeDays(c.days)) return fail('VALIDATION', '延期天数必须是正整数', 'days');
      if (blank(c.reason)) return fail('VALIDATION', '请填写延期理由', 'reason');
      if (atHigherLevelDeadline(c)) return fail('CONFLICT', AT_HIGHER_LEVEL_DEADLINE);
      const left = (c.maxExtensionDays as number) - (c.extensionDays as number);
      if (left <= 0) return fail('CONFLICT', '该件已无可延期天数');
      if (c.days > left) return fail('VALIDATION', `延期天数超出上限，最多还可延期 ${left} 天`, 'days');
      return null;
    }
    case 'approveExtension': {
      const pending = c.pendingExtensionDays as number | null;
      if (pending == null) return fail('CONFLICT', '没有待审批的延期申请');
      const days = c.days == null ? pending : c.days;
      if (!isWholeDays(days)) return fail('VALIDATION', '批准的延期天数必须是正整数', 'days');
      if (days > pending) return fail('VALIDATION', `批准天数不能超过申请的 ${pending} 天`, 'days');
      const left = (c.maxExtensionDays as number) - (c.extensionDays as number);
      if (days > left)
        return fail('VALIDATION', `延期天数超出上限，最多还可延期 ${Math.max(0, left)} 天`, 'days');
      if (atHigherLevelDeadline(c)) return fail('CONFLICT', AT_HIGHER_LEVEL_DEADLINE);
      return null;
    }
    case 'denyExtension':
      if (c.pendingExtensionDays == null) return fail('CONFLICT', '没有待审批的延期申请');
      return null;
    case 'draftReply':
      if (c.replyStatus === 'pending_review') return fail('CONFLICT', '答复正在审核中，不能修改');
      return null;
    case 'submitReply':
      if (c.replyStatus == null) return fail('CONFLICT', '请先拟写答复');
      if (c.replyStatus !== 'draft' && c.replyStatus !== 'rejected') {
        return fail('CONFLICT', c.replyStatus === 'pending_review' ? '答复已在审核中' : '该答复不能提交审核');
      }
      return null;
    case 'approveReply':
      if (c.replyStatus !== 'pending_review') return fail('CONFLICT', '没有待审核的答复');
      return null;
    case 'rejectReply':
      if (c.replyStatus !== 'pending_review') return fail('CONFLICT', '没有待审核的答复');
      if (blank(c.note)) return fail('VALIDATION', '请填写退回意见', 'note');
      return null;
    case 'sendReply':
      if (c.replyStatus == null) return fail('CONFLICT', '请先拟写答复');
      if (c.replyStatus === 'sent') return fail('CONFLICT', '该答复已发送');
      if (c.requireReplyReview) {
        if (c.replyStatus !== 'approved') return fail('CONFLICT', '答复须经单位领导审核通过后才能发送');
      } else if (c.replyStatus === 'pending_review') {
        return fail('CONFLICT', '答复正在审核中');
      }
      return null;
    case 'rate':
      // A rating without a value is no rating: required, and one of the three.
      if (c.value == null || !RATINGS.includes(c.value as string)) {
        return fail('VALIDATION', '评价只能是满意、基本满意或不满意', 'value');
      }
      // The import (system) records ratings made long ago; everyone else must be inside the window.
      if (c.role !== 'system' && c.ratingDueAt != null && !isInTime(c.now, c.ratingDueAt as number)) {
        return fail('CONFLICT', '已超过评价期限');
      }
      return null;
    case 'expireRating':
      if (c.ratingDueAt == null || isInTime(c.now, c.ratingDueAt as number)) {
        return fail('CONFLICT', '评价期限未到，不能标记为超期未评');
      }
      return null;
    case 'reopen':
      if (c.rating !== 'unsatisfied') return fail('CONFLICT', '只有群众评价不满意的件才能重办');
      if (blank(c.reason)) return fail('VALIDATION', '请填写重办理由', 'reason');
      return null;
    case 'keepAnswer':
      if (c.rating !== 'unsatisfied') return fail('CONFLICT', '只有群众评价不满意的件才需决定是否重办');
      if (c.reworkDeclinedAt != null) return fail('CONFLICT', '已决定维持答复');
      if (blank(c.reason)) return fail('VALIDATION', '请填写维持答复的理由', 'reason');
      return null;
    case 'supervise':
      if (blank(c.note)) return fail('VALIDATION', '请填写督办意见', 'note');
      if (c.dueAt != null && (c.dueAt as number) <= c.now) {
        return fail('VALIDATION', '督办期限必须晚于当前时间', 'dueAt');
      }
      return null;
    case 'urge':
      if (blank(c.message)) return fail('VALIDATION', '请填写催办内容', 'message');
      return null;
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Case status from assignment states.

type DerivedCaseStatus = Exclude<CaseStatus, 'self_handled' | 'merged'>;

const RANK: Record<AssignmentState, number> = {
  dispatched: 1,
  return_requested: 1,
  signed: 2,
  accepted: 2,
  replied: 3,
  closed: 4,
  unrated: 4,
  rated: 5,
  returned: 0,
  refused: 0,
};
const STATUS_OF_RANK: readonly DerivedCaseStatus[] = [
  'new',
  'routed',
  'in_progress',
  'replied',
  'closed',
  'rated',
];

/** An assignment as the case's status sees it: its state and when it was dispatched (its routing). */
export interface RoutedState {
  state: AssignmentState;
  dispatchedAt: number;
}

/**
 * A case's status from its assignments (self_handled and merged are set by the dispatcher and never
 * derived). The rule:
 * - Returned (退件) and refused (不予受理) assignments do not hold a case open on their own.
 * - No assignment left that counts: 'new' (待分派) when none exists or a unit of the latest routing
 *   returned it, since the dispatcher must route the case again; 'closed' when the units routed
 *   after every return refused it, since the written notice answers the citizen (a case returned by
 *   one unit, routed again and refused by the next is answered, not waiting).
 * - Otherwise the least advanced assignment decides (a case is replied when every unit replied,
 *   closed when every unit closed, rated when every unit was rated), except that a case some unit
 *   has signed or gone beyond is 'in_progress' even while another unit has not signed yet.
 *   超期未评 counts as closed.
 */
export function caseStatusFromAssignments(asg: readonly RoutedState[]): DerivedCaseStatus {
  const ranks = asg.map((a) => RANK[a.state]).filter((r) => r > 0);
  if (ranks.length === 0) {
    const last = (state: AssignmentState) =>
      Math.max(...asg.filter((a) => a.state === state).map((a) => a.dispatchedAt));
    // Math.max() of nothing is -Infinity: no refusal → 'new'; refusals and no return → 'closed'
    return last('refused') > last('returned') ? 'closed' : 'new';
  }
  const min = Math.min(...ranks);
  const max = Math.max(...ranks);
  if (min === RANK.dispatched && max > min) return 'in_progress';
  return STATUS_OF_RANK[min]!;
}

/** The cases still being handled, which a duplicate may be merged into (a case answered or closed is not). */
export const MERGE_TARGET_STATES: readonly string[] = ['new', 'routed', 'in_progress'];
