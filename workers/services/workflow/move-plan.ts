// What a move changes on an assignment row and what its event says, for the live workflow
// (moves.ts) and the historical import (stats/import-replay.ts) alike, so an imported history
// lands exactly as the same history lived would. Pure: no database, no clock.
import type { assignments } from '../../../db/schema';
import type { RatingValue } from '../../../db/schema/cases';
import type { WorkCalendar } from '../../domain/calendar';
import { type CaseFacts, extendReplyDeadline, ratingDeadline, replyDeadline } from '../../domain/deadlines';
import type { TenantSettings } from '../../domain/settings';
import { currentDue } from '../../domain/lights';
import type { Move } from '../../domain/state-machine';

type AssignmentRow = typeof assignments.$inferSelect;

export interface PlanInput {
  now: number;
  /** already trimmed texts */
  reason?: string | null;
  notice?: string | null;
  note?: string | null;
  message?: string | null;
  days?: number | null;
  dueAt?: number | null;
  value?: RatingValue | null;
  bureauValue?: RatingValue | null;
  comment?: string | null;
  /** the reply a reply move is about */
  replyId?: string | null;
  /** deadlines an imported history recorded; live moves compute them */
  replyDueAt?: number | null;
  ratingDueAt?: number | null;
}

export interface PlanContext {
  facts: CaseFacts;
  settings: TenantSettings;
  cal: WorkCalendar;
  higherLevelDueAt: number | null;
}

export interface MovePlan {
  patch: Partial<AssignmentRow>;
  payload: Record<string, unknown>;
  /** for rate: the bureau rating this assignment records (leads only) */
  bureauValue?: RatingValue | null;
}

/** The sweep's overdue flags (comma-separated steps) without `step`. */
function withoutFlag(flags: string, step: string): string {
  return flags
    .split(',')
    .filter((f) => f && f !== step)
    .join(',');
}

export function planMove(a: AssignmentRow, move: Move, input: PlanInput, ctx: PlanContext): MovePlan {
  const { now } = input;
  const { facts, settings, cal } = ctx;
  const patch: Partial<AssignmentRow> = {};
  switch (move) {
    case 'sign':
      patch.signedAt = now;
      return { patch, payload: {} };
    case 'accept':
      patch.decidedAt = now;
      patch.replyDueAt = input.replyDueAt ?? replyDeadline(now, facts, settings, cal, ctx.higherLevelDueAt);
      return { patch, payload: { replyDueAt: patch.replyDueAt } };
    case 'refuse':
      patch.decidedAt = now;
      patch.refuseReason = input.reason ?? '';
      patch.refuseNotice = input.notice ?? '';
      return { patch, payload: { reason: patch.refuseReason, notice: patch.refuseNotice } };
    case 'requestReturn':
      patch.returnReason = input.reason ?? '';
      patch.returnRequestedAt = now;
      return { patch, payload: { reason: patch.returnReason } };
    case 'approveReturn':
      patch.returnedAt = now;
      return { patch, payload: { note: input.note ?? null } };
    case 'rejectReturn':
      patch.returnRequestedAt = null;
      return { patch, payload: { note: input.note ?? null } };
    case 'requestExtension':
      patch.pendingExtensionDays = input.days ?? 0;
      patch.pendingExtensionReason = input.reason ?? '';
      return { patch, payload: { days: input.days, reason: patch.pendingExtensionReason } };
    case 'approveExtension': {
      const days = input.days ?? a.pendingExtensionDays ?? 0;
      patch.extensionDays = a.extensionDays + days;
      patch.replyDueAt =
        input.replyDueAt ??
        extendReplyDeadline(a.replyDueAt!, days, facts, settings, cal, ctx.higherLevelDueAt);
      patch.pendingExtensionDays = null;
      patch.pendingExtensionReason = null;
      // granted after the reply fell overdue: the new deadline can be missed again, and flagged again
      if ((patch.replyDueAt ?? 0) > now) patch.overdueFlags = withoutFlag(a.overdueFlags, 'reply');
      return { patch, payload: { days, replyDueAt: patch.replyDueAt } };
    }
    case 'denyExtension':
      patch.pendingExtensionDays = null;
      patch.pendingExtensionReason = null;
      return { patch, payload: { note: input.note ?? null } };
    case 'draftReply':
    case 'submitReply':
      return { patch, payload: { replyId: input.replyId ?? null } };
    case 'approveReply':
    case 'rejectReply':
      return { patch, payload: { replyId: input.replyId ?? null, note: input.note ?? null } };
    case 'sendReply':
      patch.repliedAt = now;
      // an extension still waiting for the bureau lapses: the reply it was for has gone out
      patch.pendingExtensionDays = null;
      patch.pendingExtensionReason = null;
      patch.ratingDueAt = input.ratingDueAt ?? ratingDeadline(now, settings, cal);
      return {
        patch,
        payload: {
          replyId: input.replyId ?? null,
          ratingDueAt: patch.ratingDueAt,
          ...(a.pendingExtensionDays != null ? { lapsedExtensionDays: a.pendingExtensionDays } : {}),
        },
      };
    case 'close':
      patch.closedAt = now;
      return { patch, payload: {} };
    case 'rate': {
      const value = input.value!;
      patch.rating = value;
      patch.ratedAt = now;
      if (a.firstRating == null) patch.firstRating = value;
      // the bureau is rated once per case: on its lead assignment
      const bureauValue = a.role === 'lead' ? (input.bureauValue ?? null) : null;
      if (bureauValue) patch.bureauRating = bureauValue;
      return { patch, payload: { value, bureauValue, comment: input.comment ?? null }, bureauValue };
    }
    case 'expireRating':
      // when the window closed, not when a sweep (late after downtime, say) noticed it
      patch.unratedAt = a.ratingDueAt != null && a.ratingDueAt < now ? a.ratingDueAt : now;
      return { patch, payload: {} };
    case 'reopen':
      patch.reworkCount = a.reworkCount + 1;
      patch.replyDueAt = input.replyDueAt ?? replyDeadline(now, facts, settings, cal, null);
      patch.repliedAt = null;
      patch.closedAt = null;
      patch.ratedAt = null;
      patch.rating = null;
      patch.ratingDueAt = null;
      patch.pendingExtensionDays = null;
      patch.pendingExtensionReason = null;
      patch.extensionDays = 0;
      patch.overdueFlags = '';
      patch.reworkDeclinedAt = null;
      return { patch, payload: { reason: input.reason ?? '', replyDueAt: patch.replyDueAt } };
    case 'keepAnswer':
      patch.reworkDeclinedAt = now;
      return { patch, payload: { reason: input.reason ?? '' } };
    case 'supervise':
      patch.supervised = true;
      patch.supervisionNote = input.note ?? '';
      // a later 督办 without a date keeps the one the unit was given, while it still lies ahead
      patch.supervisionDueAt =
        input.dueAt ?? (a.supervisionDueAt != null && a.supervisionDueAt > now ? a.supervisionDueAt : null);
      return { patch, payload: { note: patch.supervisionNote, dueAt: patch.supervisionDueAt } };
    case 'urge':
      patch.urgeCount = a.urgeCount + 1;
      return { patch, payload: { message: input.message ?? '' } };
  }
}

/** The deadline the unit works against now, stored so queues can sort and filter by it. */
export function dueOf(
  a: Pick<AssignmentRow, 'state' | 'signDueAt' | 'acceptDueAt' | 'replyDueAt' | 'supervisionDueAt'>,
) {
  const d = currentDue(a);
  return { dueAt: d?.dueAt ?? null, dueStep: (d?.step ?? null) as AssignmentRow['dueStep'] };
}

/** A freshly dispatched assignment (转送/交办) with nothing done yet. */
export function dispatchedAssignment(f: {
  id: string;
  tenantId: string;
  caseId: string;
  unitId: string;
  role: 'lead' | 'co';
  dispatchedAt: number;
  dispatchDay: string;
  dispatchedBy: string | null;
  signDueAt: number;
  acceptDueAt: number;
  returnDueAt: number;
  instructions?: string | null;
}): AssignmentRow {
  const row: AssignmentRow = {
    ...f,
    state: 'dispatched',
    version: 1,
    instructions: f.instructions ?? null,
    signedAt: null,
    decidedAt: null,
    refuseReason: null,
    refuseNotice: null,
    returnReason: null,
    returnRequestedAt: null,
    returnedAt: null,
    replyDueAt: null,
    extensionDays: 0,
    pendingExtensionDays: null,
    pendingExtensionReason: null,
    repliedAt: null,
    closedAt: null,
    ratingDueAt: null,
    ratedAt: null,
    rating: null,
    bureauRating: null,
    unratedAt: null,
    reworkCount: 0,
    reworkDeclinedAt: null,
    firstRating: null,
    supervised: false,
    supervisionNote: null,
    supervisionDueAt: null,
    urgeCount: 0,
    overdueFlags: '',
    dueAt: null,
    dueStep: null,
    moveToken: null,
    updatedAt: f.dispatchedAt,
  };
  return { ...row, ...dueOf(row) };
}
