// The statistics of a tenant and of each unit for a period P at a cut-off C (DOMAIN.md, "Statistics").
//
// This is the reference implementation: it reads each assignment as of C and applies the
// definitions literally. contributions.ts computes the same FIGURES incrementally and a property
// test holds the two equal.
//
// Rules decided here:
// - An assignment belongs to P when the local day of its dispatch is within [from, to].
// - A deadline is met when the step is done before the deadline instant (24:00 local ends the last
//   day, as lights.isInTime and the state machine judge it); a step not done is due (and overdue)
//   once `deadline <= C`.
// - A returned assignment counts only in `returned`; it is in no other figure.
// - A return request (退件申请) waiting on the dispatcher at C (requested at or before C, neither
//   approved nor rejected at or before C: fact.returnPending) pauses the unit's sign and accept
//   steps: the assignment is not in `acceptanceDue` (it is undecided, so not in the numerator
//   either) and not overdueSign/overdueAccept, nor in `overdue` for those steps, whatever the
//   deadlines — the bureau's delay is not the unit's. After a rejection the original deadlines apply
//   again (the request does not extend them), the sign deadline too when the unit had not signed
//   (the request is no signature: it is back to 待签收, as its light shows); after an approval the
//   assignment is returned.
// - `overdue` counts assignments with at least one step past its deadline at C (an assignment both
//   unsigned and unaccepted past both deadlines counts once); overdueSign/Accept/Reply count by step.
// - `avgDays` is the mean of natural local days from dispatch day to close day (same day = 0) over
//   assignments closed in P, whatever their dispatch day; rounded half up to one decimal.
// - Tenant repeat rate: cases received in P that are repeats / cases received in P (caseFacts, each
//   case once, routed or not). A unit's repeat rate: its received assignments of repeat cases /
//   received. So `cases` and `repeatCases` of the tenant are not the sum of the units'.
// - Bureau ratings are counted on the lead assignment (the fold keeps them there only).
import { daysBetween, inDays } from './days';
import type { AssignmentFact } from './fold';

/** One case as statistics see it. */
export interface CaseFact {
  caseId: string;
  receivedAt: number;
  /** local day the case was received */
  receivedDay: string;
  isRepeat: boolean;
}

/** Counts behind the figures: every rate is derived from these. */
export const COUNT_KEYS = [
  'received',
  'returned',
  'closed',
  'acceptedInTime',
  'acceptanceDue',
  'repliedInTime',
  'replyDue',
  'toBeRated',
  'rated',
  'unratedOverdue',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'bureauRated',
  'bureauSatisfied',
  'oneTimeResolved',
  'oneTimeDue',
  'repeatCases',
  'cases',
  'closedInPeriod',
  'closedDaysSum',
  'overdue',
  'overdueSign',
  'overdueAccept',
  'overdueReply',
] as const;

export const RATE_KEYS = [
  'completionRate',
  'timelyAcceptanceRate',
  'onTimeReplyRate',
  'participationRate',
  'satisfactionRate',
  'bureauSatisfactionRate',
  'oneTimeResolutionRate',
  'repeatRate',
] as const;

export type CountKey = (typeof COUNT_KEYS)[number];
export type RateKey = (typeof RATE_KEYS)[number];
export type FigureCounts = Record<CountKey, number>;

/** The public figures of one row (tenant or unit). Rates are fractions in [0, 1], null when 0/0. */
export type Figures = FigureCounts &
  Record<RateKey, number | null> & {
    /** mean days dispatch → close of assignments closed in P, one decimal; null when none */
    avgDays: number | null;
  };
export type FigureKey = keyof Figures;

export const FIGURE_KEYS: readonly FigureKey[] = [...COUNT_KEYS, ...RATE_KEYS, 'avgDays'];

/** How a figure changes over time is reported: counts relative, rates in points, days in days. */
export const FIGURE_KINDS: Readonly<Record<FigureKey, 'count' | 'rate' | 'days'>> = Object.fromEntries([
  ...COUNT_KEYS.map((k) => [k, 'count'] as const),
  ...RATE_KEYS.map((k) => [k, 'rate'] as const),
  ['avgDays', 'days'] as const,
]) as Record<FigureKey, 'count' | 'rate' | 'days'>;

export interface FiguresOptions {
  /** first local day of P, inclusive */
  from: string;
  /** last local day of P, inclusive */
  to: string;
  cutoff: number;
  dayOf: (instant: number) => string;
  /** units to report even when they had nothing in P (零诉求) */
  unitIds?: readonly string[];
}

export interface StatsReport {
  tenant: Figures;
  units: Record<string, Figures>;
}

export function emptyCounts(): FigureCounts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as FigureCounts;
}

export function emptyFigures(): Figures {
  return deriveFigures(emptyCounts());
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Completes counts into figures: the only place where rates are computed from counts. */
export function deriveFigures(c: FigureCounts): Figures {
  return {
    ...c,
    completionRate: ratio(c.closed, c.received),
    timelyAcceptanceRate: ratio(c.acceptedInTime, c.acceptanceDue),
    onTimeReplyRate: ratio(c.repliedInTime, c.replyDue),
    participationRate: ratio(c.rated, c.toBeRated),
    satisfactionRate: ratio(c.satisfied + c.basicallySatisfied, c.rated),
    bureauSatisfactionRate: ratio(c.bureauSatisfied, c.bureauRated),
    oneTimeResolutionRate: ratio(c.oneTimeResolved, c.oneTimeDue),
    repeatRate: ratio(c.repeatCases, c.cases),
    avgDays: c.closedInPeriod === 0 ? null : Math.round((c.closedDaysSum * 10) / c.closedInPeriod) / 10,
  };
}

/** Adds rows of figures (e.g. the townships of a table) and re-derives the rates from the sums. */
export function sumFigures(rows: readonly FigureCounts[]): Figures {
  const c = emptyCounts();
  for (const r of rows) for (const k of COUNT_KEYS) c[k] += r[k];
  return deriveFigures(c);
}

const SATISFIED = new Set(['satisfied', 'basic']);

/**
 * The unit's steps past their deadline at C (逾期), as `overdue*` count them: not done and
 * `deadline <= C`. Sign and accept are not due while a return request waits on the dispatcher.
 */
export function overdueSteps(
  f: Pick<
    AssignmentFact,
    'signedAt' | 'signDueAt' | 'decidedAt' | 'acceptDueAt' | 'returnPending' | 'awaitingReply' | 'replyDueAt'
  >,
  c: number,
): { sign: boolean; accept: boolean; reply: boolean } {
  const paused = f.returnPending;
  return {
    sign: !paused && f.signedAt === null && f.signDueAt <= c,
    accept: !paused && f.decidedAt === null && f.acceptDueAt <= c,
    reply: f.awaitingReply && f.replyDueAt !== null && f.replyDueAt <= c,
  };
}

/** FIGURES of the tenant and of each unit for P = [from, to] at the cut-off. */
export function computeFigures(
  facts: readonly AssignmentFact[],
  opts: FiguresOptions,
  caseFacts: readonly CaseFact[] = [],
): StatsReport {
  const { from, to, cutoff: c, dayOf } = opts;
  const tenant = emptyCounts();
  const units = new Map<string, FigureCounts>();
  for (const id of opts.unitIds ?? []) units.set(id, emptyCounts());
  const unitCounts = (id: string) => {
    let u = units.get(id);
    if (!u) {
      u = emptyCounts();
      units.set(id, u);
    }
    return u;
  };
  const add = (u: FigureCounts, key: CountKey, n = 1) => {
    u[key] += n;
    tenant[key] += n;
  };

  for (const f of facts) {
    if (f.dispatchedAt > c) continue;
    const dispatchDay = dayOf(f.dispatchedAt);

    // keyed by close day: closed in P, whenever dispatched
    if (!f.returned && f.closedAt !== null && f.closedAt <= c) {
      const closeDay = dayOf(f.closedAt);
      if (inDays(closeDay, from, to)) {
        const u = unitCounts(f.unitId);
        add(u, 'closedInPeriod');
        add(u, 'closedDaysSum', daysBetween(dispatchDay, closeDay));
      }
    }

    if (!inDays(dispatchDay, from, to)) continue;
    const u = unitCounts(f.unitId);
    if (f.returned) {
      add(u, 'returned');
      continue;
    }
    add(u, 'received');
    if (f.closedAt !== null) add(u, 'closed');

    // 及时受理率: decided by the acceptance deadline / (decided, or deadline ≤ C and no return
    // request waiting on the dispatcher)
    const decided = f.decidedAt !== null;
    const paused = f.returnPending;
    if (decided || (!paused && f.acceptDueAt <= c)) add(u, 'acceptanceDue');
    if (f.decidedAt !== null && f.decidedAt < f.acceptDueAt) add(u, 'acceptedInTime');

    // 按期答复率: first reply by its deadline / (replied, or deadline ≤ C)
    if (f.firstRepliedAt !== null) {
      add(u, 'replyDue');
      if (f.firstReplyDueAt === null || f.firstRepliedAt < f.firstReplyDueAt) add(u, 'repliedInTime');
    } else if (f.awaitingReply && f.firstReplyDueAt !== null && f.firstReplyDueAt <= c) {
      add(u, 'replyDue');
    }

    // 应评 = rated + 超期未评
    const rated = f.rating !== null;
    const unrated = !rated && (f.ratingWindowClosed || (f.ratingDueAt !== null && f.ratingDueAt <= c));
    if (rated) {
      add(u, 'rated');
      add(
        u,
        f.rating === 'satisfied' ? 'satisfied' : f.rating === 'basic' ? 'basicallySatisfied' : 'unsatisfied',
      );
    }
    if (unrated) add(u, 'unratedOverdue');
    if (rated || unrated) add(u, 'toBeRated');

    if (f.role === 'lead' && f.bureauRating !== null) {
      add(u, 'bureauRated');
      if (SATISFIED.has(f.bureauRating)) add(u, 'bureauSatisfied');
    }

    // 一次性化解率: first-time, 满意/基本满意 on the first reply, no rework / first-time and 应评
    if (!f.isRepeat) {
      if (rated || unrated) add(u, 'oneTimeDue');
      if (
        f.firstRatingOnFirstReply &&
        f.reworkCount === 0 &&
        f.firstRating !== null &&
        SATISFIED.has(f.firstRating)
      ) {
        add(u, 'oneTimeResolved');
      }
    }

    // a unit's repeat rate is over its received assignments (the tenant's is set from caseFacts)
    if (f.isRepeat) u.repeatCases += 1;
    u.cases += 1;

    // 逾期 at C, by step
    const { sign, accept, reply } = overdueSteps(f, c);
    if (sign) add(u, 'overdueSign');
    if (accept) add(u, 'overdueAccept');
    if (reply) add(u, 'overdueReply');
    if (sign || accept || reply) add(u, 'overdue');
  }

  for (const cf of caseFacts) {
    if (cf.receivedAt > c || !inDays(cf.receivedDay, from, to)) continue;
    tenant.cases += 1;
    if (cf.isRepeat) tenant.repeatCases += 1;
  }

  return {
    tenant: deriveFigures(tenant),
    units: Object.fromEntries([...units].map(([id, u]) => [id, deriveFigures(u)])),
  };
}
