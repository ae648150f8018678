// The names and payloads of the events in the append-only log. Workflow services write them; the
// timeline, the statistics fold and the import all read them. Instants are epoch milliseconds.
import type { AssignmentState, RatingValue } from '../../db/schema/cases';

export interface AssignmentEventPayloads {
  'assignment.dispatched': {
    unitId: string;
    role: 'lead' | 'co';
    signDueAt: number;
    acceptDueAt: number;
    returnDueAt: number;
    instructions?: string | null;
  };
  'assignment.signed': Record<string, never>;
  'assignment.accepted': { replyDueAt: number };
  'assignment.refused': { reason: string; notice: string };
  'assignment.return_requested': { reason: string };
  'assignment.return_approved': { note?: string | null };
  'assignment.return_rejected': { note?: string | null };
  'assignment.extension_requested': { days: number; reason: string };
  'assignment.extension_approved': { days: number; replyDueAt: number };
  'assignment.extension_denied': { note?: string | null };
  'assignment.reply_drafted': { replyId: string };
  'assignment.reply_submitted': { replyId: string };
  'assignment.reply_approved': { replyId: string; note?: string | null };
  'assignment.reply_rejected': { replyId: string; note: string };
  /** a file taken off a reply still in draft or sent back; the attachment row is kept, detached */
  'assignment.reply_file_removed': { replyId: string; attachmentId: string };
  /** the reply reached the citizen (答复); the rating window opens */
  /** lapsedExtensionDays: an extension request still undecided when the reply went out */
  'assignment.replied': { replyId: string; ratingDueAt: number; lapsedExtensionDays?: number };
  /**
   * 办结. concludedBy: written by the system when a rating (or its window lapsing) found the unit
   * had replied but not yet closed, which would have kept the assignment out of 办结数 for good
   */
  'assignment.closed': { concludedBy?: 'rating' | 'rating_expired' };
  /** value: the citizen's rating of the unit; bureauValue: of the bureau (on the lead only) */
  'assignment.rated': { value: RatingValue; bureauValue?: RatingValue | null; comment?: string | null };
  /** the rating window passed without a rating (超期未评) */
  'assignment.rating_expired': Record<string, never>;
  /** reopened for rework (重办) after an unsatisfied rating */
  'assignment.reopened': { reason: string; replyDueAt: number };
  /** after an unsatisfied rating the bureau keeps the answer (维持答复) instead of a rework */
  'assignment.rework_declined': { reason: string };
  'assignment.supervised': { note: string; dueAt: number | null };
  'assignment.urged': { message: string };
  /** supervision: the 督办 deadline (dueAt) passed with the unit's step still open */
  'assignment.overdue': { step: 'sign' | 'accept' | 'reply' | 'supervision'; dueAt?: number };
}

export type AssignmentEventType = keyof AssignmentEventPayloads;

export interface AssignmentEvent<T extends AssignmentEventType = AssignmentEventType> {
  type: T;
  at: number;
  assignmentId: string;
  fromState?: AssignmentState | null;
  toState?: AssignmentState | null;
  payload: AssignmentEventPayloads[T];
}

export const CASE_EVENT_TYPES = [
  'case.created',
  'case.imported',
  'case.routed',
  'case.self_handled',
  'case.merged',
  'case.repeat_suggested',
  'case.repeat_confirmed',
  'case.repeat_rejected',
  'case.repeat_reopened',
  'case.repeat_chain_moved',
  'case.review_requested',
  'case.review_answered',
  'case.published',
  'case.withheld',
  'case.contact_revealed',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];
