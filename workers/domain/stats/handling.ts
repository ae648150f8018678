// What the monthly bulletin reads of each assignment beyond the FIGURES, from the facts replayed at
// the cut-off (fold.ts): how late each unit was as the 12345 handling tables print it, the steps
// overdue at C (with their cases, for the overdue table), and the fast track (最多投一次).
//
// Rules decided here:
// - Only assignments of P (dispatched in P, by C) that were not returned count, as for `received`.
// - 逾期查阅 (viewed late): signed at or after its sign deadline, or still unsigned at C with the
//   deadline passed. A step is in time when done before the deadline instant, as figures.ts judges.
// - 逾期办理 (handled late): accepted or refused after the acceptance deadline, or the first reply
//   after its deadline (after approved extensions), or either still owed at C past its deadline, or
//   a rework round owed past its own deadline at C. Each assignment counts once.
//   Unlike `overdue*` (steps still open and past their deadline at C), a step done late stays late.
// - A step the unit does not owe is not late: while a return request waits on the dispatcher at C
//   (fact.returnPending) the undecided acceptance is neither 逾期办理 nor overdue, as in figures.ts.
//   The request is no signature: after a rejection an unsigned assignment is back to 待签收, and
//   its signature, when it comes, is judged against the original sign deadline (fold.ts).
import { inDays } from './days';
import { computeFigures, type Figures, overdueSteps } from './figures';
import type { AssignmentFact } from './fold';

export interface PeriodScope {
  from: string;
  to: string;
  cutoff: number;
  dayOf: (instant: number) => string;
}

export interface Lateness {
  /** 逾期查阅 */
  signLate: number;
  /** 逾期办理 */
  handleLate: number;
}

/** The period's received assignments among `facts` as they stood at the cut-off. */
export function receivedFacts(facts: readonly AssignmentFact[], p: PeriodScope): AssignmentFact[] {
  return facts.filter(
    (f) => f.dispatchedAt <= p.cutoff && !f.returned && inDays(p.dayOf(f.dispatchedAt), p.from, p.to),
  );
}

export function signedLate(f: AssignmentFact, cutoff: number): boolean {
  return f.signedAt !== null ? f.signedAt >= f.signDueAt : !f.returnPending && f.signDueAt <= cutoff;
}

export function handledLate(f: AssignmentFact, cutoff: number): boolean {
  const acceptLate =
    f.decidedAt !== null ? f.decidedAt >= f.acceptDueAt : !f.returnPending && f.acceptDueAt <= cutoff;
  const firstReplyLate =
    f.firstRepliedAt !== null
      ? f.firstReplyDueAt !== null && f.firstRepliedAt >= f.firstReplyDueAt
      : f.awaitingReply && f.firstReplyDueAt !== null && f.firstReplyDueAt <= cutoff;
  const reworkLate = f.awaitingReply && f.replyCount > 0 && f.replyDueAt !== null && f.replyDueAt <= cutoff;
  return acceptLate || firstReplyLate || reworkLate;
}

/** 逾期查阅 and 逾期办理 of each unit (units with nothing late are absent). */
export function latenessByUnit(facts: readonly AssignmentFact[], p: PeriodScope): Map<string, Lateness> {
  const out = new Map<string, Lateness>();
  for (const f of receivedFacts(facts, p)) {
    const sign = signedLate(f, p.cutoff);
    const handle = handledLate(f, p.cutoff);
    if (!sign && !handle) continue;
    let row = out.get(f.unitId);
    if (!row) {
      row = { signLate: 0, handleLate: 0 };
      out.set(f.unitId, row);
    }
    if (sign) row.signLate += 1;
    if (handle) row.handleLate += 1;
  }
  return out;
}

export interface OverdueAssignment {
  unitId: string;
  caseId: string;
  sign: boolean;
  accept: boolean;
  reply: boolean;
}

/** The period's assignments with a step past its deadline at C, as computeFigures counts `overdue`. */
export function overdueAssignments(facts: readonly AssignmentFact[], p: PeriodScope): OverdueAssignment[] {
  const out: OverdueAssignment[] = [];
  for (const f of receivedFacts(facts, p)) {
    const { sign, accept, reply } = overdueSteps(f, p.cutoff);
    if (sign || accept || reply) out.push({ unitId: f.unitId, caseId: f.caseId, sign, accept, reply });
  }
  return out;
}

/** A case as the fast-track block sees it: those received in P and those of P's assignments. */
export interface FastTrackCase {
  caseId: string;
  receivedDay: string;
  receivedAt: number;
  /** confirmed as a repeat by C (not a first-time case, 初件) */
  isRepeat: boolean;
  fastTrack: boolean;
}

export interface FastTrack {
  /** first-time cases (初件) received in P on the fast track (纳入最多投一次) */
  cases: number;
  /** first-time cases received in P */
  firstTimeCases: number;
  /** cases / firstTimeCases; null when there were no first-time cases */
  share: number | null;
  /** FIGURES of the assignments of P whose case is a first-time fast-track case */
  figures: Figures;
}

/** The fast track (最多投一次) of P: how many first-time cases took it, and how they were handled. */
export function fastTrackOf(
  facts: readonly AssignmentFact[],
  cases: readonly FastTrackCase[],
  p: PeriodScope,
): FastTrack {
  const firstTime = cases.filter(
    (c) => !c.isRepeat && c.receivedAt <= p.cutoff && inDays(c.receivedDay, p.from, p.to),
  );
  const onTrack = firstTime.filter((c) => c.fastTrack).length;
  const fast = new Set(cases.filter((c) => c.fastTrack && !c.isRepeat).map((c) => c.caseId));
  const figures = computeFigures(
    facts.filter((f) => fast.has(f.caseId)),
    p,
  ).tenant;
  return {
    cases: onTrack,
    firstTimeCases: firstTime.length,
    share: firstTime.length === 0 ? null : onTrack / firstTime.length,
    figures,
  };
}
