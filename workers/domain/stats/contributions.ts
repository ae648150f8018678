// The incremental form of the statistics: what one assignment (and one case) adds to a
// `stats_daily(tenant_id, unit_id, day, <DAILY_COUNTERS…>)` table, and how FIGURES are rebuilt from
// that table plus the assignments still open.
//
// Split of the work:
// - contributions(fact) holds everything the events alone decide (nothing depends on the cut-off).
//   When an assignment moves, the service re-folds it and applies diffContributions(before, after).
// - openRowAdjustments(row, C) adds the parts that change only because time passes: a step not done
//   whose deadline is ≤ C (acceptance/reply denominators, 超期未评 with no expiry event yet, overdue).
//   They come from the assignments of P that are open: unsigned, undecided, awaiting a reply, or
//   awaiting a rating (isOpen). Only those need to be read at query time.
//   A return request waiting on the dispatcher pauses the sign and accept steps: the fold leaves
//   them out of openDeadlines while it waits (so the assignment adds nothing to acceptanceDue or
//   overdue, as computeFigures), and the dispatcher's decision is an event that re-folds it: a
//   rejection puts the original deadlines back, an approval makes it returned.
// figuresFromDaily is exact for any cut-off at or after the last event folded into the table (the
// usual "now"); a bulletin frozen at an earlier C is computed with computeFigures over a replay.
//
// The case's kind (信访事项 / 网上问政 / 12345工单) is a dimension of the stored rows: a contribution
// is tagged with its case's kind (withKind) before it is written, and every function here keeps
// rows of different kinds apart. The figures of one kind are those of its rows alone.
import type { CaseKind } from '../../../db/schema/cases';
import { daysBetween, inDays } from './days';
import {
  type CaseFact,
  type CountKey,
  deriveFigures,
  emptyCounts,
  type FigureCounts,
  type StatsReport,
} from './figures';
import type { AssignmentFact, OpenDeadlines } from './fold';

/** Counter columns of stats_daily, in column order. */
export const DAILY_COUNTERS = [
  // keyed by the assignment's dispatch day
  'received',
  'returned',
  'closed',
  'acceptanceDecided',
  'acceptedInTime',
  'replied',
  'repliedInTime',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'unratedExpired',
  'bureauRated',
  'bureauSatisfied',
  'oneTimeSettled',
  'oneTimeResolved',
  'repeatReceived',
  // keyed by the assignment's close day
  'closedInPeriod',
  'closedDaysSum',
  // keyed by the case's received day, on the pseudo-unit CASE_ROW_UNIT_ID
  'cases',
  'repeatCases',
] as const;
export type DailyCounter = (typeof DAILY_COUNTERS)[number];

/** Which day a counter is filed under. */
export const DAILY_COUNTER_DAY: Readonly<Record<DailyCounter, 'dispatch' | 'close' | 'caseReceived'>> = {
  received: 'dispatch',
  returned: 'dispatch',
  closed: 'dispatch',
  acceptanceDecided: 'dispatch',
  acceptedInTime: 'dispatch',
  replied: 'dispatch',
  repliedInTime: 'dispatch',
  rated: 'dispatch',
  satisfied: 'dispatch',
  basicallySatisfied: 'dispatch',
  unsatisfied: 'dispatch',
  unratedExpired: 'dispatch',
  bureauRated: 'dispatch',
  bureauSatisfied: 'dispatch',
  oneTimeSettled: 'dispatch',
  oneTimeResolved: 'dispatch',
  repeatReceived: 'dispatch',
  closedInPeriod: 'close',
  closedDaysSum: 'close',
  cases: 'caseReceived',
  repeatCases: 'caseReceived',
};

/** unit_id of the rows that count cases (each case once, whatever its units). */
export const CASE_ROW_UNIT_ID = '*';

export interface Contribution {
  day: string;
  unitId: string;
  counter: DailyCounter;
  n: number;
  /** the case's kind: required to be stored (withKind) */
  kind?: CaseKind;
}

/** One row of stats_daily. */
export type DailyRow = { unitId: string; day: string; kind?: CaseKind } & Partial<
  Record<DailyCounter, number>
>;

/** Contributions (or rows) of a case of `kind`, tagged with it. */
export function withKind<T extends { kind?: CaseKind }>(rows: readonly T[], kind: CaseKind): T[] {
  return rows.map((r) => ({ ...r, kind }));
}

/** What an assignment's open steps need at query time (a subset of AssignmentFact). */
export type OpenRow = Pick<AssignmentFact, 'unitId' | 'dispatchedAt' | 'isRepeat' | 'openDeadlines'>;

const SATISFIED = new Set(['satisfied', 'basic']);

/** The cut-off-independent counters one assignment contributes, as of its fold. */
export function contributions(fact: AssignmentFact, dayOf: (instant: number) => string): Contribution[] {
  const out: Contribution[] = [];
  const unitId = fact.unitId;
  const dispatchDay = dayOf(fact.dispatchedAt);
  const put = (counter: DailyCounter, n = 1, day = dispatchDay) => {
    if (n !== 0) out.push({ day, unitId, counter, n });
  };
  if (fact.returned) {
    put('returned');
    return out;
  }
  put('received');
  if (fact.closedAt !== null) {
    put('closed');
    const closeDay = dayOf(fact.closedAt);
    put('closedInPeriod', 1, closeDay);
    put('closedDaysSum', daysBetween(dispatchDay, closeDay), closeDay);
  }
  if (fact.decidedAt !== null) {
    put('acceptanceDecided');
    if (fact.decidedAt < fact.acceptDueAt) put('acceptedInTime');
  }
  if (fact.firstRepliedAt !== null) {
    put('replied');
    if (fact.firstReplyDueAt === null || fact.firstRepliedAt < fact.firstReplyDueAt) put('repliedInTime');
  }
  if (fact.rating !== null) {
    put('rated');
    put(
      fact.rating === 'satisfied'
        ? 'satisfied'
        : fact.rating === 'basic'
          ? 'basicallySatisfied'
          : 'unsatisfied',
    );
  }
  if (fact.unrated) put('unratedExpired');
  if (fact.role === 'lead' && fact.bureauRating !== null) {
    put('bureauRated');
    if (SATISFIED.has(fact.bureauRating)) put('bureauSatisfied');
  }
  if (fact.isRepeat) {
    put('repeatReceived');
  } else {
    if (fact.rating !== null || fact.unrated) put('oneTimeSettled');
    if (
      fact.firstRatingOnFirstReply &&
      fact.reworkCount === 0 &&
      fact.firstRating !== null &&
      SATISFIED.has(fact.firstRating)
    ) {
      put('oneTimeResolved');
    }
  }
  return out;
}

/** What a case contributes: once, on its received day, whatever its assignments. */
export function caseContributions(caseFact: CaseFact): Contribution[] {
  const out: Contribution[] = [
    { day: caseFact.receivedDay, unitId: CASE_ROW_UNIT_ID, counter: 'cases', n: 1 },
  ];
  if (caseFact.isRepeat) {
    out.push({ day: caseFact.receivedDay, unitId: CASE_ROW_UNIT_ID, counter: 'repeatCases', n: 1 });
  }
  return out;
}

const keyOf = (c: Pick<Contribution, 'unitId' | 'day' | 'counter' | 'kind'>) =>
  `${c.unitId}\u0000${c.day}\u0000${c.kind ?? ''}\u0000${c.counter}`;

/** The key of a stats_daily row: unit, day and kind. */
export const rowKeyOf = (r: Pick<DailyRow, 'unitId' | 'day' | 'kind'>) =>
  `${r.unitId}\u0000${r.day}\u0000${r.kind ?? ''}`;

/**
 * What to add to stats_daily when an assignment (or case) moves from `before` to `after`: the
 * non-zero differences, one per (unit, day, counter). Use [] for a fact that did not exist.
 */
export function diffContributions(
  before: readonly Contribution[],
  after: readonly Contribution[],
): Contribution[] {
  const acc = new Map<string, Contribution>();
  const add = (c: Contribution, sign: 1 | -1) => {
    const k = keyOf(c);
    const cur = acc.get(k);
    if (cur) cur.n += sign * c.n;
    else
      acc.set(k, {
        day: c.day,
        unitId: c.unitId,
        counter: c.counter,
        n: sign * c.n,
        ...(c.kind ? { kind: c.kind } : {}),
      });
  };
  for (const c of before) add(c, -1);
  for (const c of after) add(c, 1);
  return [...acc.values()].filter((c) => c.n !== 0);
}

/** Sums contributions into stats_daily rows (one per unit, day and kind, zero counters left out). */
export function sumContributions(rows: readonly Contribution[]): DailyRow[] {
  const byKey = new Map<string, DailyRow>();
  for (const c of rows) {
    const k = rowKeyOf(c);
    let row = byKey.get(k);
    if (!row) {
      row = { unitId: c.unitId, day: c.day, ...(c.kind ? { kind: c.kind } : {}) };
      byKey.set(k, row);
    }
    const next = (row[c.counter] ?? 0) + c.n;
    if (next === 0) delete row[c.counter];
    else row[c.counter] = next;
  }
  return [...byKey.values()].filter((r) => DAILY_COUNTERS.some((k) => r[k] !== undefined));
}

/** Open steps remain: the assignment must be read at query time to judge deadlines against C. */
export function isOpen(fact: Pick<AssignmentFact, 'openDeadlines'>): boolean {
  const d: OpenDeadlines = fact.openDeadlines;
  return (
    d.sign !== null || d.accept !== null || d.reply !== null || d.firstReply !== null || d.rating !== null
  );
}

/** The cut-off-dependent counts of one open assignment at C (all zero when nothing is past due). */
export function openRowAdjustments(row: OpenRow, cutoff: number): Partial<FigureCounts> {
  const d = row.openDeadlines;
  const due = (t: number | null) => t !== null && t <= cutoff;
  const out: Partial<FigureCounts> = {};
  const sign = due(d.sign);
  const accept = due(d.accept);
  const reply = due(d.reply);
  if (accept) out.acceptanceDue = 1;
  if (due(d.firstReply)) out.replyDue = 1;
  if (due(d.rating)) {
    out.unratedOverdue = 1;
    if (!row.isRepeat) out.oneTimeDue = 1;
  }
  if (sign) out.overdueSign = 1;
  if (accept) out.overdueAccept = 1;
  if (reply) out.overdueReply = 1;
  if (sign || accept || reply) out.overdue = 1;
  return out;
}

export interface DailyFiguresOptions {
  from: string;
  to: string;
  dayOf: (instant: number) => string;
  unitIds?: readonly string[];
}

/**
 * FIGURES rebuilt from stats_daily rows and the open assignments of P. `dailyRows` may hold any
 * days; those outside [from, to] are ignored, as are open rows dispatched outside P.
 */
export function figuresFromDaily(
  dailyRows: readonly DailyRow[],
  openRows: readonly OpenRow[],
  cutoff: number,
  opts: DailyFiguresOptions,
): StatsReport {
  const { from, to } = opts;
  const sums = new Map<string, Record<DailyCounter, number>>();
  const blank = () => Object.fromEntries(DAILY_COUNTERS.map((k) => [k, 0])) as Record<DailyCounter, number>;
  const tenantSum = blank();
  const unitSum = (id: string) => {
    let s = sums.get(id);
    if (!s) {
      s = blank();
      sums.set(id, s);
    }
    return s;
  };
  for (const id of opts.unitIds ?? []) unitSum(id);

  for (const row of dailyRows) {
    if (!inDays(row.day, from, to)) continue;
    const isCaseRow = row.unitId === CASE_ROW_UNIT_ID;
    const s = isCaseRow ? null : unitSum(row.unitId);
    for (const k of DAILY_COUNTERS) {
      const n = row[k];
      if (!n) continue;
      tenantSum[k] += n;
      if (s) s[k] += n;
    }
  }

  const toCounts = (s: Record<DailyCounter, number>, isTenant: boolean): FigureCounts => {
    const c = emptyCounts();
    c.received = s.received;
    c.returned = s.returned;
    c.closed = s.closed;
    c.acceptedInTime = s.acceptedInTime;
    c.acceptanceDue = s.acceptanceDecided;
    c.repliedInTime = s.repliedInTime;
    c.replyDue = s.replied;
    c.rated = s.rated;
    c.satisfied = s.satisfied;
    c.basicallySatisfied = s.basicallySatisfied;
    c.unsatisfied = s.unsatisfied;
    c.unratedOverdue = s.unratedExpired;
    c.bureauRated = s.bureauRated;
    c.bureauSatisfied = s.bureauSatisfied;
    c.oneTimeResolved = s.oneTimeResolved;
    c.oneTimeDue = s.oneTimeSettled;
    c.repeatCases = isTenant ? s.repeatCases : s.repeatReceived;
    c.cases = isTenant ? s.cases : s.received;
    c.closedInPeriod = s.closedInPeriod;
    c.closedDaysSum = s.closedDaysSum;
    return c;
  };
  const tenant = toCounts(tenantSum, true);
  const units = new Map<string, FigureCounts>([...sums].map(([id, s]) => [id, toCounts(s, false)]));

  for (const row of openRows) {
    if (row.dispatchedAt > cutoff || !inDays(opts.dayOf(row.dispatchedAt), from, to)) continue;
    const adj = openRowAdjustments(row, cutoff);
    let u = units.get(row.unitId);
    if (!u) {
      u = emptyCounts();
      units.set(row.unitId, u);
    }
    for (const [k, n] of Object.entries(adj) as [CountKey, number][]) {
      u[k] += n;
      tenant[k] += n;
    }
  }
  for (const c of [tenant, ...units.values()]) c.toBeRated = c.rated + c.unratedOverdue;

  return {
    tenant: deriveFigures(tenant),
    units: Object.fromEntries([...units].map(([id, c]) => [id, deriveFigures(c)])),
  };
}
