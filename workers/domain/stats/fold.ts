// Replays one assignment's events up to a cut-off and answers what statistics need to know about it.
//
// The fold only records what the events say; judging "deadline ≤ C but not yet done" is left to the
// figures (computeFigures) and to the incremental form (openRowAdjustments), which both take C.
//
// Rules decided here (DOMAIN.md is silent or the data can be untidy, e.g. imported history):
// - Events are replayed in time order; events at the same instant keep their log order.
// - Any action of the unit that needs a signature first (accept, refuse, extension request, reply)
//   implies it has signed for the assignment: a missing `signed` event is taken to be that action's
//   instant. A return request (退件申请) does not: it may be made before signing, and a rejection
//   sends the assignment back to where it stood, 待签收 when it was never signed (state-machine
//   rejectReturn), so the sign step is due again, as the lights show (lights.unitStepDue).
// - A reply without an earlier accept/refuse counts as the decision (accepted at the reply instant).
// - A refusal (不予受理, with its written notice) concludes the unit's handling: it counts as closed
//   (办结) at the refusal instant, so completion rate and average days include it.
// - A returned assignment (退件 approved) is terminal: the dispatcher re-routes the case as a new
//   assignment. Statistics count it apart.
// - A return request (退件申请) of an undecided assignment waits on the dispatcher: while it is
//   neither approved nor rejected at the cut-off (`returnPending`), the unit's sign and accept steps
//   are not due (as the lights show no step for return_requested), so openDeadlines leaves them
//   out. A rejection restores the original deadlines (the request does not extend them); an
//   approval makes the assignment returned. A request made after the decision changes nothing.
// - on-time reply is judged on the FIRST reply against the deadline in force at that moment (after
//   approved extensions). A rework round has its own deadline (reopen payload), which feeds the
//   overdue figure while it is open, but does not re-judge the first reply.
// - A rating is accepted only while the latest reply's rating window is open: after the reply, not
//   at or after `ratingDueAt` (lights.isInTime), not after `rating_expired`, not while a rework reply is awaited. The product
//   refuses late ratings, so a late rating in imported history is ignored and proves the window
//   closed: the assignment counts as 超期未评 unless it already had a valid rating.
// - Once an assignment has a valid rating it stays rated; a later valid rating replaces the value
//   (latest counts for satisfaction), the first one is kept for one-time resolution.
// - The bureau rating (信访部门满意率) is taken from the lead assignment only.
import type { AssignmentState, RatingValue } from '../../../db/schema/cases';
import type { AssignmentEvent } from '../events';

/** What the case contributes to one of its assignments. */
export interface AssignmentFoldContext {
  caseId: string;
  /** the case is a confirmed repeat (重复信访) */
  isRepeat: boolean;
}

/** Deadlines of the steps still open at the cut-off (null when the step is done or not reached). */
export interface OpenDeadlines {
  /** not yet signed for (签收) */
  sign: number | null;
  /** not yet accepted or refused (受理/不予受理) */
  accept: number | null;
  /** never replied: deadline of the first reply (after approved extensions) */
  firstReply: number | null;
  /** the current round (first or rework) awaits its reply */
  reply: number | null;
  /** replied, never validly rated, window still open by the events */
  rating: number | null;
}

export interface AssignmentFact {
  assignmentId: string;
  caseId: string;
  unitId: string;
  role: 'lead' | 'co';
  isRepeat: boolean;
  state: AssignmentState;

  dispatchedAt: number;
  signDueAt: number;
  signedAt: number | null;
  acceptDueAt: number;
  /** accepted or refused (first decision) */
  decidedAt: number | null;
  accepted: boolean;
  refused: boolean;
  returnDueAt: number;
  returnRequestedAt: number | null;
  /**
   * a return request waits on the dispatcher at the cut-off (requested, neither approved nor
   * rejected): the unit's sign and accept steps are not due meanwhile
   */
  returnPending: boolean;
  returned: boolean;
  returnedAt: number | null;

  /** the current round's reply deadline, after approved extensions (a reopen sets a new one) */
  replyDueAt: number | null;
  /** the first round's reply deadline (frozen at the first reply) */
  firstReplyDueAt: number | null;
  extensionDays: number;
  firstRepliedAt: number | null;
  /** latest reply */
  repliedAt: number | null;
  replyCount: number;
  /** accepted and the current round has no reply yet */
  awaitingReply: boolean;

  /** closed (办结), or refused (不予受理 concludes the unit's handling); null while reopened */
  closedAt: number | null;

  /** rating window of the latest reply; null while a rework reply is awaited */
  ratingDueAt: number | null;
  /** latest valid rating */
  rating: RatingValue | null;
  ratedAt: number | null;
  firstRating: RatingValue | null;
  /** the first valid rating was given on the first reply */
  firstRatingOnFirstReply: boolean;
  /** the latest reply's window was closed by an event (rating_expired, or a refused late rating) */
  ratingWindowClosed: boolean;
  /** 超期未评 by the events: never validly rated and the window closed */
  unrated: boolean;
  /** the citizen's rating of the bureau (lead assignment only; latest valid) */
  bureauRating: RatingValue | null;
  /** times reopened for rework (重办) */
  reworkCount: number;

  openDeadlines: OpenDeadlines;
}

/**
 * The state of one assignment as of `cutoff`, replaying only events with `at <= cutoff`.
 * Null when the assignment was not yet dispatched at the cut-off.
 */
export function foldAssignment(
  events: readonly AssignmentEvent[],
  cutoff: number,
  ctx: AssignmentFoldContext,
): AssignmentFact | null {
  const ordered = events
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.at <= cutoff)
    .sort((a, b) => a.e.at - b.e.at || a.i - b.i)
    .map(({ e }) => e);

  let f: AssignmentFact | null = null;
  let closeEventAt: number | null = null;
  let refusedAt: number | null = null;
  let returnPending = false;

  const implySigned = (fact: AssignmentFact, at: number) => {
    if (fact.signedAt === null) fact.signedAt = at;
  };
  const setReplyDue = (fact: AssignmentFact, dueAt: number) => {
    fact.replyDueAt = dueAt;
    if (fact.replyCount === 0) fact.firstReplyDueAt = dueAt;
  };

  for (const e of ordered) {
    if (e.type === 'assignment.dispatched') {
      if (f) continue; // one dispatch per assignment; a repeated one is noise
      const p = (e as AssignmentEvent<'assignment.dispatched'>).payload;
      f = {
        assignmentId: e.assignmentId,
        caseId: ctx.caseId,
        unitId: p.unitId,
        role: p.role,
        isRepeat: ctx.isRepeat,
        state: 'dispatched',
        dispatchedAt: e.at,
        signDueAt: p.signDueAt,
        signedAt: null,
        acceptDueAt: p.acceptDueAt,
        decidedAt: null,
        accepted: false,
        refused: false,
        returnDueAt: p.returnDueAt,
        returnRequestedAt: null,
        returnPending: false,
        returned: false,
        returnedAt: null,
        replyDueAt: null,
        firstReplyDueAt: null,
        extensionDays: 0,
        firstRepliedAt: null,
        repliedAt: null,
        replyCount: 0,
        awaitingReply: false,
        closedAt: null,
        ratingDueAt: null,
        rating: null,
        ratedAt: null,
        firstRating: null,
        firstRatingOnFirstReply: false,
        ratingWindowClosed: false,
        unrated: false,
        bureauRating: null,
        reworkCount: 0,
        openDeadlines: { sign: null, accept: null, firstReply: null, reply: null, rating: null },
      };
      continue;
    }
    if (!f || f.returned) continue; // nothing happens to a returned assignment

    switch (e.type) {
      case 'assignment.signed':
        implySigned(f, e.at);
        break;
      case 'assignment.accepted': {
        const p = (e as AssignmentEvent<'assignment.accepted'>).payload;
        implySigned(f, e.at);
        if (f.decidedAt === null) f.decidedAt = e.at;
        // a repeated accept (untidy import) must not undo an approved extension
        if (!f.accepted && f.replyCount === 0) {
          setReplyDue(f, p.replyDueAt);
          f.awaitingReply = true;
        }
        f.accepted = true;
        f.refused = false;
        refusedAt = null;
        returnPending = false;
        break;
      }
      case 'assignment.refused':
        implySigned(f, e.at);
        if (f.decidedAt === null) f.decidedAt = e.at;
        if (!f.accepted) {
          f.refused = true;
          refusedAt = e.at;
          returnPending = false;
        }
        break;
      case 'assignment.return_requested':
        // not a signature: after a rejection the unit owes the sign step if it owed it before
        if (f.decidedAt === null) {
          f.returnRequestedAt = e.at;
          returnPending = true;
        }
        break;
      case 'assignment.return_approved':
        if (f.replyCount === 0 && !f.refused) {
          f.returned = true;
          f.returnedAt = e.at;
          returnPending = false;
        }
        break;
      case 'assignment.return_rejected':
        returnPending = false;
        break;
      case 'assignment.extension_requested':
        implySigned(f, e.at);
        break;
      case 'assignment.extension_approved': {
        const p = (e as AssignmentEvent<'assignment.extension_approved'>).payload;
        if (f.awaitingReply) {
          setReplyDue(f, p.replyDueAt);
          f.extensionDays += p.days;
        }
        break;
      }
      case 'assignment.replied': {
        const p = (e as AssignmentEvent<'assignment.replied'>).payload;
        implySigned(f, e.at);
        if (f.decidedAt === null) {
          f.decidedAt = e.at;
          f.accepted = true;
        }
        if (f.refused) break; // a refused assignment has no reply round
        if (f.firstRepliedAt === null) f.firstRepliedAt = e.at;
        f.repliedAt = e.at;
        f.replyCount += 1;
        f.awaitingReply = false;
        f.ratingDueAt = p.ratingDueAt ?? null;
        f.ratingWindowClosed = false;
        break;
      }
      case 'assignment.closed':
        // closing needs a reply or a refusal; closing a reopened assignment ends the rework round
        if (f.refused || f.replyCount > 0) {
          closeEventAt = e.at;
          f.awaitingReply = false;
        }
        break;
      case 'assignment.rated': {
        const p = (e as AssignmentEvent<'assignment.rated'>).payload;
        if (f.replyCount === 0 || f.awaitingReply || f.ratingWindowClosed) break;
        if (f.ratingDueAt !== null && e.at >= f.ratingDueAt) {
          // late: the product would have refused it; the window is provably closed
          f.ratingWindowClosed = true;
          break;
        }
        if (f.firstRating === null) {
          f.firstRating = p.value;
          f.firstRatingOnFirstReply = f.replyCount === 1 && f.reworkCount === 0;
        }
        f.rating = p.value;
        f.ratedAt = e.at;
        if (f.role === 'lead' && p.bureauValue) f.bureauRating = p.bureauValue;
        break;
      }
      case 'assignment.rating_expired':
        if (f.replyCount > 0 && !f.awaitingReply) f.ratingWindowClosed = true;
        break;
      case 'assignment.reopened': {
        const p = (e as AssignmentEvent<'assignment.reopened'>).payload;
        if (f.replyCount === 0) break; // nothing to rework yet
        f.reworkCount += 1;
        f.awaitingReply = true;
        f.replyDueAt = p.replyDueAt;
        f.ratingDueAt = null;
        closeEventAt = null;
        break;
      }
      default:
        // drafts, reviews, supervision, urging, sweep flags: no effect on statistics
        break;
    }
  }
  if (!f) return null;

  f.closedAt = f.returned ? null : (closeEventAt ?? (f.refused ? refusedAt : null));
  f.unrated = f.rating === null && f.ratingWindowClosed;
  // a reply without a decision (untidy import) decides it: the request no longer holds anything up
  f.returnPending = returnPending && !f.returned && f.decidedAt === null;
  f.state = stateOf(f);
  f.openDeadlines = f.returned
    ? { sign: null, accept: null, firstReply: null, reply: null, rating: null }
    : {
        // a pending return request pauses the unit's sign and accept steps (not due, not overdue)
        sign: f.signedAt === null && !f.returnPending ? f.signDueAt : null,
        accept: f.decidedAt === null && !f.returnPending ? f.acceptDueAt : null,
        firstReply: f.awaitingReply && f.replyCount === 0 ? f.replyDueAt : null,
        reply: f.awaitingReply ? f.replyDueAt : null,
        rating: f.rating === null && !f.ratingWindowClosed && !f.awaitingReply ? f.ratingDueAt : null,
      };
  return f;
}

function stateOf(f: AssignmentFact): AssignmentState {
  if (f.returned) return 'returned';
  if (f.refused) return 'refused';
  if (f.awaitingReply) return 'accepted';
  if (f.replyCount > 0) {
    if (f.rating !== null) return 'rated';
    if (f.unrated) return 'unrated';
    return f.closedAt !== null ? 'closed' : 'replied';
  }
  if (f.returnPending) return 'return_requested';
  if (f.accepted) return 'accepted';
  return f.signedAt !== null ? 'signed' : 'dispatched';
}
