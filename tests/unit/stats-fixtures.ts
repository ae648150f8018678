// Builders for statistics tests: local days in Asia/Shanghai (UTC+8, no DST), assignment histories.
import type { RatingValue } from '../../db/schema/cases';
import type {
  AssignmentEvent,
  AssignmentEventPayloads,
  AssignmentEventType,
} from '../../workers/domain/events';
import { type AssignmentFact, foldAssignment } from '../../workers/domain/stats/fold';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

/** the local day of an instant in Asia/Shanghai */
export const dayOf = (instant: number): string => new Date(instant + OFFSET).toISOString().slice(0, 10);

/** an instant on a local day, at a local hour (default 09:00) */
export function at(day: string, hour = 9, minute = 0): number {
  return Date.parse(`${day}T00:00:00Z`) - OFFSET + hour * HOUR + minute * 60_000;
}

/** the deadline instant of a local day: 24:00 local time */
export function endOf(day: string): number {
  return at(day, 0) + DAY;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export interface DispatchOptions {
  unitId: string;
  role?: 'lead' | 'co';
  signDueAt?: number;
  acceptDueAt?: number;
  returnDueAt?: number;
}

/** A chainable history of one assignment. */
export function history(assignmentId = 'a1') {
  const events: AssignmentEvent[] = [];
  const push = <T extends AssignmentEventType>(
    type: T,
    when: number,
    payload: AssignmentEventPayloads[T],
  ) => {
    events.push({ type, at: when, assignmentId, payload } as AssignmentEvent);
    return api;
  };
  const api = {
    events,
    dispatched(when: number, o: DispatchOptions) {
      const day = dayOf(when);
      return push('assignment.dispatched', when, {
        unitId: o.unitId,
        role: o.role ?? 'lead',
        signDueAt: o.signDueAt ?? endOf(addDays(day, 1)),
        acceptDueAt: o.acceptDueAt ?? endOf(addDays(day, 5)),
        returnDueAt: o.returnDueAt ?? endOf(addDays(day, 5)),
      });
    },
    signed: (when: number) => push('assignment.signed', when, {}),
    accepted: (when: number, replyDueAt = endOf(addDays(dayOf(when), 15))) =>
      push('assignment.accepted', when, { replyDueAt }),
    refused: (when: number) =>
      push('assignment.refused', when, { reason: '不属于本单位职权', notice: '不予受理告知书' }),
    returnRequested: (when: number) => push('assignment.return_requested', when, { reason: '非本单位职责' }),
    returnApproved: (when: number) => push('assignment.return_approved', when, {}),
    returnRejected: (when: number) => push('assignment.return_rejected', when, { note: '属本单位职责' }),
    extensionRequested: (when: number, days: number) =>
      push('assignment.extension_requested', when, { days, reason: '需现场核查' }),
    extensionApproved: (when: number, days: number, replyDueAt: number) =>
      push('assignment.extension_approved', when, { days, replyDueAt }),
    replied: (when: number, ratingDueAt = endOf(addDays(dayOf(when), 15))) =>
      push('assignment.replied', when, { replyId: `r-${events.length}`, ratingDueAt }),
    closed: (when: number) => push('assignment.closed', when, {}),
    rated: (when: number, value: RatingValue, bureauValue?: RatingValue) =>
      push('assignment.rated', when, { value, bureauValue: bureauValue ?? null }),
    expired: (when: number) => push('assignment.rating_expired', when, {}),
    reopened: (when: number, replyDueAt: number) =>
      push('assignment.reopened', when, { reason: '群众不满意', replyDueAt }),
    urged: (when: number) => push('assignment.urged', when, { message: '请尽快办理' }),
  };
  return api;
}

export function fold(
  h: { events: AssignmentEvent[] },
  cutoff = Number.MAX_SAFE_INTEGER,
  ctx: { caseId?: string; isRepeat?: boolean } = {},
): AssignmentFact {
  const f = foldAssignment(h.events, cutoff, { caseId: ctx.caseId ?? 'c1', isRepeat: ctx.isRepeat ?? false });
  if (!f) throw new Error('not dispatched by the cut-off');
  return f;
}
