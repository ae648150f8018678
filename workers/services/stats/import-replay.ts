// The dry run of an imported assignment's history through the pure state machine: every step is
// checked as the live service checks it (checkMove), the deadlines are computed by the same rules
// (dispatch, acceptance, extension, rating window, rework), and the result is what the live moves
// would have written: the final assignments row, its events with their states and payloads, its
// replies and ratings. Nothing here touches the database.
import { planMove } from '../workflow/move-plan';
import type { assignments } from '../../../db/schema';
import type { AssignmentState, RatingValue } from '../../../db/schema/cases';
import type { WorkCalendar } from '../../domain/calendar';
import { type CaseFacts, dispatchDeadlines, resolveRule } from '../../domain/deadlines';
import type { AssignmentEventType } from '../../domain/events';
import type { TenantSettings } from '../../domain/settings';
import { checkMove, type Move } from '../../domain/state-machine';
import { dispatchedAssignment, dueOf } from '../workflow/move-plan';

export type AssignmentRow = typeof assignments.$inferSelect;

/** The steps of an imported history (the `type` of each event of a line). */
export const IMPORT_STEPS = [
  'dispatched',
  'signed',
  'accepted',
  'refused',
  'return_requested',
  'returned',
  'return_rejected',
  'extension_requested',
  'extension_approved',
  'extension_denied',
  'replied',
  'closed',
  'rated',
  'unrated',
  'reopened',
  'rework_declined',
] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

export interface ImportEvent {
  type: ImportStep;
  at: number;
  reason?: string | null;
  notice?: string | null;
  note?: string | null;
  days?: number | null;
  body?: string | null;
  value?: RatingValue | null;
  bureauValue?: RatingValue | null;
  comment?: string | null;
  /** deadlines recorded by the old system, when they differ from the tenant's rules */
  signDueAt?: number | null;
  acceptDueAt?: number | null;
  returnDueAt?: number | null;
  replyDueAt?: number | null;
  ratingDueAt?: number | null;
}

export interface ReplayInput {
  assignmentId: string;
  tenantId: string;
  caseId: string;
  unitId: string;
  role: 'lead' | 'co';
  facts: CaseFacts;
  higherLevelDueAt: number | null;
  settings: TenantSettings;
  cal: WorkCalendar;
  actorId: string;
  events: readonly ImportEvent[];
  /** the path prefix of this assignment's events in the line, e.g. 'assignments.0.events' */
  path: string;
}

export interface WrittenEvent {
  type: AssignmentEventType;
  at: number;
  fromState: AssignmentState | null;
  toState: AssignmentState;
  payload: Record<string, unknown>;
}

export interface WrittenReply {
  id: string;
  round: number;
  body: string;
  at: number;
}

export interface WrittenRating {
  id: string;
  target: 'unit' | 'bureau';
  value: RatingValue;
  comment: string | null;
  round: number;
  at: number;
}

export interface ReplayResult {
  row: AssignmentRow;
  events: WrittenEvent[];
  replies: WrittenReply[];
  ratings: WrittenRating[];
  /** moves made (the row's version is 1 + moves) */
  moves: number;
}

export interface ReplayProblem {
  path: string;
  message: string;
}

const STEP_MOVE: Record<Exclude<ImportStep, 'dispatched'>, Move> = {
  signed: 'sign',
  accepted: 'accept',
  refused: 'refuse',
  return_requested: 'requestReturn',
  returned: 'approveReturn',
  return_rejected: 'rejectReturn',
  extension_requested: 'requestExtension',
  extension_approved: 'approveExtension',
  extension_denied: 'denyExtension',
  replied: 'sendReply',
  closed: 'close',
  rated: 'rate',
  unrated: 'expireRating',
  reopened: 'reopen',
  rework_declined: 'keepAnswer',
};

/** Who makes each move live: the unit, the bureau, or the system. */
const MOVE_ROLE: Record<Move, 'handler' | 'dispatcher' | 'system'> = {
  sign: 'handler',
  accept: 'handler',
  refuse: 'handler',
  requestReturn: 'handler',
  approveReturn: 'dispatcher',
  rejectReturn: 'dispatcher',
  requestExtension: 'handler',
  approveExtension: 'dispatcher',
  denyExtension: 'dispatcher',
  draftReply: 'handler',
  submitReply: 'handler',
  approveReply: 'handler',
  rejectReply: 'handler',
  sendReply: 'handler',
  close: 'system',
  rate: 'system',
  expireRating: 'system',
  reopen: 'dispatcher',
  keepAnswer: 'dispatcher',
  supervise: 'dispatcher',
  urge: 'dispatcher',
};

const UNIT_ACTS: ReadonlySet<ImportStep> = new Set([
  'accepted',
  'refused',
  'extension_requested',
  'extension_approved',
  'replied',
]);
const NEEDS_ACCEPTED: ReadonlySet<ImportStep> = new Set([
  'extension_requested',
  'extension_approved',
  'replied',
]);

const DEFAULT_REPLY = '（历史数据导入，原系统未提供答复正文）';
const DEFAULT_REASON = '历史数据导入';
// the old system may not have kept a reason or notice; the state machine requires one
const reasonOf = (e: ImportEvent) => e.reason?.trim() || DEFAULT_REASON;
const noticeOf = (e: ImportEvent) => e.notice?.trim() || reasonOf(e);

/**
 * Replays one assignment's imported history. Answers the rows to write, or the problems found
 * (each with its path in the line), never both.
 */
export function replayImportedAssignment(
  input: ReplayInput,
  newId: () => string,
): { ok: true; result: ReplayResult } | { ok: false; problems: ReplayProblem[] } {
  const { settings, cal, facts } = input;
  const problems: ReplayProblem[] = [];
  const first = input.events[0];
  if (first?.type !== 'dispatched') {
    return {
      ok: false,
      problems: [
        { path: `${input.path}.0.type`, message: '每个承办单位的办理记录须以 dispatched（交办）开始' },
      ],
    };
  }
  const d = dispatchDeadlines(first.at, facts, settings, cal);
  const dispatch = {
    signDueAt: first.signDueAt ?? d.signDueAt,
    acceptDueAt: first.acceptDueAt ?? d.acceptDueAt,
    returnDueAt: first.returnDueAt ?? d.returnDueAt,
  };
  let a: AssignmentRow = dispatchedAssignment({
    id: input.assignmentId,
    tenantId: input.tenantId,
    caseId: input.caseId,
    unitId: input.unitId,
    role: input.role,
    dispatchedAt: first.at,
    dispatchDay: '',
    dispatchedBy: input.actorId,
    ...dispatch,
  });
  const events: WrittenEvent[] = [
    {
      type: 'assignment.dispatched',
      at: first.at,
      fromState: null,
      toState: 'dispatched',
      payload: { unitId: input.unitId, role: input.role, ...dispatch, instructions: null },
    },
  ];
  const replies: WrittenReply[] = [];
  const ratings: WrittenRating[] = [];
  const rule = resolveRule(settings, facts);
  let moves = 0;
  let prevAt = first.at;

  const apply = (move: Move, e: ImportEvent, path: string): boolean => {
    const now = e.at;
    const check = checkMove(move, {
      state: a.state,
      role: MOVE_ROLE[move],
      now,
      reason: reasonOf(e),
      notice: noticeOf(e),
      note: e.note,
      message: null,
      returnDueAt: a.returnDueAt,
      signedAt: a.signedAt,
      days: e.days as number,
      extensionDays: a.extensionDays,
      pendingExtensionDays: a.pendingExtensionDays,
      maxExtensionDays: rule.maxExtensionDays,
      replyDueAt: a.replyDueAt,
      replyStatus: 'approved',
      requireReplyReview: false,
      ratingDueAt: a.ratingDueAt,
      value: e.value,
      rating: a.rating,
      reworkDeclinedAt: a.reworkDeclinedAt,
      dueAt: null,
    } as never);
    if (!check.ok) {
      problems.push({ path, message: check.message });
      return false;
    }
    const replyId = move === 'sendReply' ? newId() : null;
    const { patch, payload, bureauValue } = planMove(
      a,
      move,
      {
        now,
        reason: reasonOf(e),
        notice: noticeOf(e),
        note: e.note ?? null,
        days: e.days ?? null,
        value: e.value ?? null,
        bureauValue: e.bureauValue ?? null,
        comment: e.comment ?? null,
        replyId,
        // the deadlines the old system recorded win over ours
        replyDueAt: e.replyDueAt ?? null,
        ratingDueAt: e.ratingDueAt ?? null,
      },
      { facts, settings, cal, higherLevelDueAt: input.higherLevelDueAt ?? null },
    );
    if (move === 'sendReply')
      replies.push({ id: replyId!, round: a.reworkCount, body: e.body?.trim() || DEFAULT_REPLY, at: now });
    if (move === 'rate') {
      ratings.push({
        id: newId(),
        target: 'unit',
        value: e.value!,
        comment: e.comment ?? null,
        round: a.reworkCount,
        at: now,
      });
      if (bureauValue)
        ratings.push({
          id: newId(),
          target: 'bureau',
          value: bureauValue,
          comment: null,
          round: a.reworkCount,
          at: now,
        });
    }
    const next: AssignmentRow = { ...a, ...patch, state: check.to };
    events.push({ type: check.event, at: now, fromState: a.state, toState: check.to, payload });
    a = { ...next, ...dueOf(next), version: a.version + 1, updatedAt: now };
    moves++;
    return true;
  };

  for (let i = 1; i < input.events.length; i++) {
    const e = input.events[i]!;
    const path = `${input.path}.${i}`;
    if (e.at < prevAt) {
      problems.push({ path: `${path}.at`, message: '办理记录须按时间先后排列' });
      break;
    }
    prevAt = e.at;
    if (e.type === 'dispatched') {
      problems.push({
        path: `${path}.type`,
        message: '同一承办单位只能交办一次；再次交办请另列一个承办记录',
      });
      break;
    }
    // Steps the old system did not keep are implied at the instant of the next one, as the live
    // workflow needs them: signing before any act of the unit, acceptance before an extension or
    // a reply (the statistics fold reads such histories the same way).
    if (UNIT_ACTS.has(e.type) && a.state === 'dispatched') {
      if (!apply('sign', { type: 'signed', at: e.at }, path)) break;
    }
    if (NEEDS_ACCEPTED.has(e.type) && a.state === 'signed') {
      if (!apply('accept', { type: 'accepted', at: e.at }, path)) break;
    }
    // an approved extension whose request the old system did not keep: the request is implied
    if (e.type === 'extension_approved' && a.state === 'accepted' && a.pendingExtensionDays == null) {
      if (!apply('requestExtension', { ...e, type: 'extension_requested' }, path)) break;
    }
    if (!apply(STEP_MOVE[e.type], e, path)) break;
  }
  if (problems.length > 0) return { ok: false, problems };
  a = { ...a, ...dueOf(a) };
  return { ok: true, result: { row: a, events, replies, ratings, moves } };
}
