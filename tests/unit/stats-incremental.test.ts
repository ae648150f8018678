import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RatingValue } from '../../db/schema/cases';
import type { AssignmentEvent } from '../../workers/domain/events';
import {
  CASE_ROW_UNIT_ID,
  type Contribution,
  caseContributions,
  contributions,
  DAILY_COUNTER_DAY,
  DAILY_COUNTERS,
  diffContributions,
  figuresFromDaily,
  isOpen,
  sumContributions,
} from '../../workers/domain/stats/contributions';
import { type CaseFact, computeFigures } from '../../workers/domain/stats/figures';
import { type AssignmentFact, foldAssignment } from '../../workers/domain/stats/fold';
import { addDays, at, dayOf, endOf, history } from './stats-fixtures';

const HOUR = 3_600_000;
const BASE_DAY = '2026-06-01';
const BASE = at(BASE_DAY, 0);
const UNITS = ['u-zhujian', 'u-chengguan', 'u-xiangkou', 'u-renshe'] as const;
const RATINGS: RatingValue[] = ['satisfied', 'basic', 'unsatisfied'];

// ---------------------------------------------------------------------------------------------
// A random but plausible history: each assignment walks the state machine driven by a tape of
// choices, with time passing between moves (sometimes not at all), deadlines that pass, late
// ratings, extensions, returns, refusals, reopen/rework, and now and then an event that makes no
// sense in the current state (imported history is untidy). Return requests are left waiting on the
// dispatcher (past the acceptance deadline too), rejected (before or after it) or approved, and a
// unit may ask again after a rejection: the rule that a waiting request pauses the unit's steps.

interface AssignmentSpec {
  unit: (typeof UNITS)[number];
  role: 'lead' | 'co';
  delayH: number;
  tape: number[];
}
interface CaseSpec {
  receivedH: number;
  /** confirmed as a repeat this many hours after it was received (null: never) */
  repeatAfterH: number | null;
  assignments: AssignmentSpec[];
}
interface World {
  cases: { caseId: string; receivedAt: number; repeatAt: number | null }[];
  assignments: { id: string; caseId: string; events: AssignmentEvent[] }[];
  lastAt: number;
}

function simulate(id: string, t0: number, spec: AssignmentSpec): AssignmentEvent[] {
  const h = history(id);
  let t = t0;
  const d0 = dayOf(t0);
  h.dispatched(t, {
    unitId: spec.unit,
    role: spec.role,
    signDueAt: endOf(addDays(d0, 1)),
    acceptDueAt: endOf(addDays(d0, spec.tape.length % 2 === 0 ? 5 : 2)),
  });
  let state: 'dispatched' | 'signed' | 'return_requested' | 'accepted' | 'replied' | 'closed' | 'done' =
    'dispatched';
  let replyDueAt = 0;
  let ratingDueAt = 0;
  for (const c of spec.tape) {
    t += (c % 7) * 13 * HOUR + (c % 5 === 0 ? 0 : 1);
    const day = dayOf(t);
    if (c >= 95) {
      // out-of-place events
      const junk = c % 5;
      if (junk === 0) h.rated(t, RATINGS[c % 3]!);
      else if (junk === 1) h.accepted(t, endOf(addDays(day, 3)));
      else if (junk === 2) h.returnApproved(t);
      else if (junk === 3) h.expired(t);
      else h.closed(t);
      continue;
    }
    switch (state) {
      case 'dispatched':
      case 'signed':
        if (c < 15 && state === 'dispatched') {
          h.signed(t);
          state = 'signed';
        } else if (c < 45) {
          replyDueAt = endOf(addDays(day, c % 3 === 0 ? 2 : 15));
          h.accepted(t, replyDueAt);
          state = 'accepted';
        } else if (c < 52) {
          h.refused(t);
          state = 'done';
        } else if (c < 62) {
          h.returnRequested(t);
          state = 'return_requested';
        } else if (c < 66) h.urged(t);
        break;
      case 'return_requested':
        if (c < 45) {
          h.returnApproved(t);
          state = 'done';
        } else if (c < 80) {
          h.returnRejected(t);
          state = 'signed';
        }
        break;
      case 'accepted':
        if (c < 12) h.extensionRequested(t, 30);
        else if (c < 25) {
          replyDueAt += 10 * 24 * HOUR;
          h.extensionApproved(t, 10, replyDueAt);
        } else if (c < 75) {
          ratingDueAt = endOf(addDays(day, c % 2 === 0 ? 3 : 15));
          h.replied(t, ratingDueAt);
          state = 'replied';
        }
        break;
      case 'replied':
      case 'closed':
        if (c < 25 && state === 'replied') {
          h.closed(t);
          state = 'closed';
        } else if (c < 55) h.rated(t, RATINGS[c % 3]!, c % 2 === 0 ? RATINGS[(c >> 1) % 3] : undefined);
        else if (c < 63) h.expired(Math.max(t, ratingDueAt));
        else if (c < 78) {
          replyDueAt = endOf(addDays(day, c % 2 === 0 ? 1 : 10));
          h.reopened(t, replyDueAt);
          state = 'accepted';
        }
        break;
      case 'done':
        break;
    }
  }
  return h.events;
}

const assignmentArb: fc.Arbitrary<AssignmentSpec> = fc.record({
  unit: fc.constantFrom(...UNITS),
  role: fc.constantFrom('lead' as const, 'co' as const),
  delayH: fc.integer({ min: 0, max: 72 }),
  tape: fc.array(fc.nat({ max: 99 }), { maxLength: 16 }),
});
const caseArb: fc.Arbitrary<CaseSpec> = fc.record({
  receivedH: fc.integer({ min: 0, max: 24 * 60 }),
  // most cases are first-time ones, as in life
  repeatAfterH: fc.oneof(
    { arbitrary: fc.constant(null), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: 24 * 20 }), weight: 1 },
  ),
  assignments: fc.array(assignmentArb, { minLength: 0, maxLength: 2 }),
});
const periodArb = fc
  .tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 60 }))
  .map(([start, length]) => ({ from: addDays(BASE_DAY, start), to: addDays(BASE_DAY, start + length) }));

function buildWorld(specs: CaseSpec[]): World {
  const world: World = { cases: [], assignments: [], lastAt: BASE };
  specs.forEach((cs, ci) => {
    const caseId = `c${ci}`;
    const receivedAt = BASE + cs.receivedH * HOUR;
    const repeatAt = cs.repeatAfterH === null ? null : receivedAt + cs.repeatAfterH * HOUR;
    world.cases.push({ caseId, receivedAt, repeatAt });
    world.lastAt = Math.max(world.lastAt, receivedAt, repeatAt ?? 0);
    cs.assignments.forEach((as, ai) => {
      const id = `${caseId}-a${ai}`;
      const events = simulate(id, receivedAt + as.delayH * HOUR, as);
      world.assignments.push({ id, caseId, events });
      for (const e of events) world.lastAt = Math.max(world.lastAt, e.at);
    });
  });
  return world;
}

const isRepeatAt = (c: World['cases'][number], t: number) => c.repeatAt !== null && c.repeatAt <= t;

function caseFactsAt(world: World, t: number): CaseFact[] {
  return world.cases
    .filter((c) => c.receivedAt <= t)
    .map((c) => ({
      caseId: c.caseId,
      receivedAt: c.receivedAt,
      receivedDay: dayOf(c.receivedAt),
      isRepeat: isRepeatAt(c, t),
    }));
}

function factsAt(world: World, t: number): AssignmentFact[] {
  const cases = new Map(world.cases.map((c) => [c.caseId, c]));
  return world.assignments.flatMap((a) => {
    const f = foldAssignment(a.events, t, {
      caseId: a.caseId,
      isRepeat: isRepeatAt(cases.get(a.caseId)!, t),
    });
    return f ? [f] : [];
  });
}

/** The product's way: stats_daily from contributions, plus the open assignments of the period. */
function incremental(
  facts: AssignmentFact[],
  caseFacts: CaseFact[],
  cutoff: number,
  period: { from: string; to: string },
) {
  const daily = sumContributions([
    ...facts.flatMap((f) => contributions(f, dayOf)),
    ...caseFacts.flatMap((c) => caseContributions(c)),
  ]);
  return figuresFromDaily(daily, facts.filter(isOpen), cutoff, { ...period, dayOf });
}

describe('the incremental form equals the reference figures', () => {
  it('DAILY_COUNTERS each have a day key', () => {
    expect(Object.keys(DAILY_COUNTER_DAY).sort()).toEqual([...DAILY_COUNTERS].sort());
  });

  it('property: figuresFromDaily(sum(contributions), open, now) deep-equals computeFigures(facts, now)', () => {
    // how often the return-request rule was exercised: a request still waiting past the acceptance
    // deadline, one rejected and then owed past it, one approved
    const seen = { waitingPastDue: 0, rejectedThenDue: 0, approved: 0 };
    fc.assert(
      fc.property(
        fc.array(caseArb, { minLength: 2, maxLength: 14 }),
        fc.integer({ min: 0, max: 24 * 60 }),
        periodArb,
        (specs, laterH, period) => {
          const world = buildWorld(specs);
          const now = world.lastAt + laterH * HOUR;
          const facts = factsAt(world, now);
          const caseFacts = caseFactsAt(world, now);
          const expected = computeFigures(facts, { ...period, cutoff: now, dayOf }, caseFacts);
          expect(incremental(facts, caseFacts, now, period)).toEqual(expected);
          for (const f of facts) {
            if (f.returnPending && f.acceptDueAt <= now) seen.waitingPastDue += 1;
            else if (f.returned && f.returnRequestedAt !== null) seen.approved += 1;
            else if (
              !f.returnPending &&
              f.returnRequestedAt !== null &&
              f.decidedAt === null &&
              f.acceptDueAt <= now
            )
              seen.rejectedThenDue += 1;
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(seen.waitingPastDue).toBeGreaterThan(0);
    expect(seen.rejectedThenDue).toBeGreaterThan(0);
    expect(seen.approved).toBeGreaterThan(0);
  });

  it('property: applying diffContributions move by move keeps stats_daily equal to the current facts, at every cut-off', () => {
    fc.assert(
      fc.property(
        fc.array(caseArb, { minLength: 1, maxLength: 10 }),
        fc.array(fc.integer({ min: 0, max: 24 * 110 }), { minLength: 1, maxLength: 3 }),
        periodArb,
        (specs, checkpointsH, period) => {
          const world = buildWorld(specs);
          const cases = new Map(world.cases.map((c) => [c.caseId, c]));
          // one stream of moves in time order: case received, case confirmed as repeat, assignment events
          type Move =
            | { at: number; seq: number; kind: 'case'; caseId: string }
            | { at: number; seq: number; kind: 'event'; assignment: number; index: number };
          const moves: Move[] = [];
          let seq = 0;
          for (const c of world.cases) {
            moves.push({ at: c.receivedAt, seq: seq++, kind: 'case', caseId: c.caseId });
            if (c.repeatAt !== null)
              moves.push({ at: c.repeatAt, seq: seq++, kind: 'case', caseId: c.caseId });
          }
          world.assignments.forEach((a, ai) => {
            // the log order of one assignment is its time order (ties keep log order)
            const order = a.events.map((e, i) => ({ e, i })).sort((x, y) => x.e.at - y.e.at || x.i - y.i);
            for (const { e, i } of order)
              moves.push({ at: e.at, seq: seq++, kind: 'event', assignment: ai, index: i });
          });
          moves.sort((x, y) => x.at - y.at || x.seq - y.seq);

          const table = new Map<string, Contribution>();
          const apply = (diff: Contribution[]) => {
            for (const d of diff) {
              const k = `${d.unitId}|${d.day}|${d.counter}`;
              const cur = table.get(k);
              const n = (cur?.n ?? 0) + d.n;
              expect(n).toBeGreaterThanOrEqual(0);
              if (n === 0) table.delete(k);
              else table.set(k, { ...d, n });
            }
          };
          const applied = world.assignments.map(() => [] as AssignmentEvent[]);
          const lastContrib = world.assignments.map(() => [] as Contribution[]);
          const lastCaseContrib = new Map<string, Contribution[]>();
          const refold = (ai: number, t: number) => {
            const a = world.assignments[ai]!;
            const f = foldAssignment(applied[ai]!, Number.MAX_SAFE_INTEGER, {
              caseId: a.caseId,
              isRepeat: isRepeatAt(cases.get(a.caseId)!, t),
            });
            const next = f ? contributions(f, dayOf) : [];
            apply(diffContributions(lastContrib[ai]!, next));
            lastContrib[ai] = next;
          };

          const check = (cutoff: number) => {
            const facts = factsAt(world, cutoff);
            const caseFacts = caseFactsAt(world, cutoff);
            const expected = computeFigures(facts, { ...period, cutoff, dayOf }, caseFacts);
            const daily = sumContributions([...table.values()]);
            expect(figuresFromDaily(daily, facts.filter(isOpen), cutoff, { ...period, dayOf })).toEqual(
              expected,
            );
          };

          const checkpoints = checkpointsH.map((h) => BASE + h * HOUR).sort((a, b) => a - b);
          let next = 0;
          for (const m of moves) {
            while (next < checkpoints.length && checkpoints[next]! < m.at) check(checkpoints[next++]!);
            if (m.kind === 'case') {
              const c = cases.get(m.caseId)!;
              const fact: CaseFact = {
                caseId: c.caseId,
                receivedAt: c.receivedAt,
                receivedDay: dayOf(c.receivedAt),
                isRepeat: isRepeatAt(c, m.at),
              };
              const nextCase = caseContributions(fact);
              apply(diffContributions(lastCaseContrib.get(c.caseId) ?? [], nextCase));
              lastCaseContrib.set(c.caseId, nextCase);
              // a case confirmed as a repeat moves every one of its assignments
              world.assignments.forEach((a, ai) => {
                if (a.caseId === c.caseId) refold(ai, m.at);
              });
            } else {
              applied[m.assignment]!.push(world.assignments[m.assignment]!.events[m.index]!);
              refold(m.assignment, m.at);
            }
          }
          // at the end: the table is exactly the contributions of the final facts
          const now = world.lastAt;
          const finalFacts = factsAt(world, now);
          const expectedRows = sumContributions([
            ...finalFacts.flatMap((f) => contributions(f, dayOf)),
            ...caseFactsAt(world, now).flatMap((c) => caseContributions(c)),
          ]);
          const sortRows = (rows: ReturnType<typeof sumContributions>) =>
            [...rows].sort((a, b) => `${a.unitId}${a.day}`.localeCompare(`${b.unitId}${b.day}`));
          expect(sortRows(sumContributions([...table.values()]))).toEqual(sortRows(expectedRows));
          check(now);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('contributions: worked examples', () => {
  it('a rating moves an assignment from waiting to rated: the diff adds rated and satisfied only', () => {
    const h = history('a1')
      .dispatched(at('2026-07-03'), { unitId: 'u-zhujian' })
      .accepted(at('2026-07-04'))
      .replied(at('2026-07-10'));
    const before = contributions(
      foldAssignment(h.events, Number.MAX_SAFE_INTEGER, { caseId: 'c1', isRepeat: false })!,
      dayOf,
    );
    h.rated(at('2026-07-11'), 'satisfied');
    const after = contributions(
      foldAssignment(h.events, Number.MAX_SAFE_INTEGER, { caseId: 'c1', isRepeat: false })!,
      dayOf,
    );
    const diff = diffContributions(before, after).sort((a, b) => a.counter.localeCompare(b.counter));
    expect(diff).toEqual([
      { day: '2026-07-03', unitId: 'u-zhujian', counter: 'oneTimeResolved', n: 1 },
      { day: '2026-07-03', unitId: 'u-zhujian', counter: 'oneTimeSettled', n: 1 },
      { day: '2026-07-03', unitId: 'u-zhujian', counter: 'rated', n: 1 },
      { day: '2026-07-03', unitId: 'u-zhujian', counter: 'satisfied', n: 1 },
    ]);
  });

  it('closing files closedInPeriod under the close day, the rest under the dispatch day', () => {
    const h = history('a1')
      .dispatched(at('2026-06-29'), { unitId: 'u-zhujian' })
      .accepted(at('2026-06-30'))
      .replied(at('2026-07-02'))
      .closed(at('2026-07-02'));
    const rows = contributions(
      foldAssignment(h.events, Number.MAX_SAFE_INTEGER, { caseId: 'c1', isRepeat: false })!,
      dayOf,
    );
    expect(rows.filter((r) => r.day === '2026-07-02').map((r) => [r.counter, r.n])).toEqual([
      ['closedInPeriod', 1],
      ['closedDaysSum', 3],
    ]);
    expect(rows.find((r) => r.counter === 'closed')?.day).toBe('2026-06-29');
  });

  it('a case counts once on the case row, whatever its number of units', () => {
    expect(
      caseContributions({
        caseId: 'c1',
        receivedAt: at('2026-07-01'),
        receivedDay: '2026-07-01',
        isRepeat: true,
      }),
    ).toEqual([
      { day: '2026-07-01', unitId: CASE_ROW_UNIT_ID, counter: 'cases', n: 1 },
      { day: '2026-07-01', unitId: CASE_ROW_UNIT_ID, counter: 'repeatCases', n: 1 },
    ]);
  });

  it('an assignment awaiting its rating becomes 超期未评 at query time once the window passed', () => {
    const h = history('a1')
      .dispatched(at('2026-07-03'), { unitId: 'u-zhujian' })
      .accepted(at('2026-07-04'))
      .replied(at('2026-07-10'), endOf('2026-07-25'));
    const fact = foldAssignment(h.events, Number.MAX_SAFE_INTEGER, { caseId: 'c1', isRepeat: false })!;
    const daily = sumContributions(contributions(fact, dayOf));
    const period = { from: '2026-07-01', to: '2026-07-31', dayOf };
    expect(figuresFromDaily(daily, [fact], at('2026-07-25'), period).tenant.unratedOverdue).toBe(0);
    expect(figuresFromDaily(daily, [fact], endOf('2026-07-25'), period).tenant.unratedOverdue).toBe(1);
  });

  it('a return request waiting on the dispatcher leaves no open step; a rejection puts the deadlines back', () => {
    const period = { from: '2026-03-01', to: '2026-03-31', dayOf };
    const cutoff = at('2026-03-10', 0);
    const h = history('a1')
      .dispatched(at('2026-03-02'), { unitId: 'u-chengguan' })
      .returnRequested(at('2026-03-02', 15));
    const figures = (events: AssignmentEvent[], c = cutoff) => {
      const f = foldAssignment(events, Number.MAX_SAFE_INTEGER, { caseId: 'c1', isRepeat: false })!;
      const daily = sumContributions(contributions(f, dayOf));
      const got = figuresFromDaily(daily, isOpen(f) ? [f] : [], c, period);
      const asOfC = foldAssignment(events, c, { caseId: 'c1', isRepeat: false })!;
      expect(got).toEqual(computeFigures([asOfC], { ...period, cutoff: c }));
      return { fact: f, tenant: got.tenant };
    };
    const pending = figures(h.events);
    expect(pending.fact.openDeadlines).toEqual({
      sign: null,
      accept: null,
      firstReply: null,
      reply: null,
      rating: null,
    });
    expect(isOpen(pending.fact)).toBe(false);
    expect([pending.tenant.acceptanceDue, pending.tenant.overdueAccept, pending.tenant.overdue]).toEqual([
      0, 0, 0,
    ]);

    h.returnRejected(at('2026-03-05'));
    const rejected = figures(h.events);
    expect(rejected.fact.openDeadlines.accept).toBe(endOf('2026-03-07'));
    expect(isOpen(rejected.fact)).toBe(true);
    expect([rejected.tenant.acceptanceDue, rejected.tenant.overdueAccept, rejected.tenant.overdue]).toEqual([
      1, 1, 1,
    ]);
  });
});
