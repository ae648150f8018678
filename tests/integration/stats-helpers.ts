// Shared pieces of the statistics tests: reading /stats for a period, the check that the aggregates
// kept move by move equal a rebuild from the event log, and cheap ways to make many cases.
import { expect } from 'vitest';
import { DAILY_COUNTERS, type DailyRow } from '../../workers/domain/stats/contributions';
import { allDailyRows, allOpenRows } from '../../workers/repo/stats';
import { computeStatsSnapshot } from '../../workers/services/stats/recompute';
import type { TenantFixture, TestApp } from '../fixtures/app';
import { type Desk, type Desks, expectOk, type Ref, register, routeTo, step } from './workflow-helpers';

const sortRows = (rows: DailyRow[]) =>
  rows
    .filter((r) => DAILY_COUNTERS.some((k) => r[k]))
    .map((r) => ({ ...r }))
    .sort((a, b) => `${a.unitId} ${a.day} ${a.kind}`.localeCompare(`${b.unitId} ${b.day} ${b.kind}`));

/** stats_daily and stats_open as kept move by move, and as rebuilt from the events. */
export async function statsTables(t: TestApp, tenantId: string) {
  const db = t.deps.db;
  const [daily, open, snap] = await Promise.all([
    allDailyRows(db, tenantId),
    allOpenRows(db, tenantId),
    computeStatsSnapshot(db, tenantId),
  ]);
  const byId = <T extends { assignmentId: string }>(xs: T[]) =>
    [...xs].sort((a, b) => a.assignmentId.localeCompare(b.assignmentId));
  return {
    kept: { daily: sortRows(daily), open: byId(open) },
    rebuilt: { daily: sortRows(snap.daily), open: byId(snap.open) },
  };
}

/** What was kept incrementally equals a recomputation from the events. */
export async function expectStatsInStep(t: TestApp, tenantId: string) {
  const { kept, rebuilt } = await statsTables(t, tenantId);
  expect(kept.daily).toEqual(rebuilt.daily);
  expect(kept.open).toEqual(rebuilt.open);
}

export type StatsQuery = Record<string, string | number | undefined>;

/** GET /stats; answers the body. */
export async function stats(d: Desk, query: StatsQuery) {
  return expectOk(await d.get('/stats', query));
}

/** A unit's row of a /stats body. */
export function unitOf(body: { units: { unitId: string }[] }, unitId: string): any {
  const u = body.units.find((x) => x.unitId === unitId);
  if (!u) throw new Error(`unit ${unitId} not in ${JSON.stringify(body.units.map((x) => x.unitId))}`);
  return u;
}

/** A case registered and routed to `units` ([unitId, role]); answers its id and assignments by unit. */
export async function routed(s: Desks, units: [string, 'lead' | 'co'][], over: Record<string, unknown> = {}) {
  const c = await register(s.dispatcher, over);
  const r = await routeTo(s.dispatcher, c.case, units);
  const byUnit = new Map<string, Ref & { state: string }>();
  for (const a of r.assignments as (Ref & { unitId: string; state: string })[]) byUnit.set(a.unitId, a);
  return { caseId: c.case.id as string, number: c.case.number as string, byUnit };
}

/** The handler desk of a fixture unit. */
export function handlerOf(s: Desks, f: TenantFixture, unitId: string): Desk {
  if (unitId === f.units.townA) return s.handlerA;
  if (unitId === f.units.townB) return s.handlerB;
  if (unitId === f.units.deptA) return s.handlerDept;
  throw new Error('no handler desk for that unit');
}

export function leaderOf(s: Desks, f: TenantFixture, unitId: string): Desk {
  if (unitId === f.units.townA) return s.leaderA;
  if (unitId === f.units.townB) return s.leaderB;
  if (unitId === f.units.deptA) return s.leaderDept;
  throw new Error('no leader desk for that unit');
}

/** Drafts, submits, approves and sends a reply as the assignment's unit. */
export async function replyAs(
  s: Desks,
  f: TenantFixture,
  unitId: string,
  a: Ref,
  body = '经核查，已处理完毕。',
) {
  const h = handlerOf(s, f, unitId);
  let x = await step(h, a, 'reply', { body });
  x = await step(h, x, 'submit-reply');
  x = await step(leaderOf(s, f, unitId), x, 'approve-reply', { note: '同意' });
  return step(h, x, 'send-reply');
}

/** Close to 0: rates computed from integers are compared with a tolerance. */
export const near = (x: number | null, y: number) => {
  expect(x).not.toBeNull();
  expect(x as number).toBeCloseTo(y, 10);
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A line of the import: received on a day of a month, routed to a unit at once, replied and rated if `rating`. */
export function caseLine(
  id: string,
  month: string,
  i: number,
  unit: string,
  rating?: 'satisfied' | 'basic' | 'unsatisfied',
  extra: Record<string, unknown> = {},
) {
  const day = `${month}-${pad(1 + (i % 28))}`;
  const events: Record<string, unknown>[] = [
    { type: 'dispatched', at: `${day} 10:00` },
    { type: 'accepted', at: `${day} 11:00` },
  ];
  if (rating) {
    events.push({ type: 'replied', at: `${day} 15:00` }, { type: 'closed', at: `${day} 15:30` });
    events.push({ type: 'rated', at: `${day} 18:00`, value: rating });
  }
  return {
    externalId: id,
    channel: i % 3 === 0 ? 'letter' : 'web',
    purpose: 'help',
    title: `诉求${id}`,
    content: `关于${unit}的诉求${id}`,
    receivedAt: `${day} 09:00`,
    assignments: [{ unit, events }],
    ...extra,
  };
}

/** POST /import of NDJSON lines; must apply. */
export async function importLines(d: Desk, lines: unknown[]) {
  return expectOk(
    await d.post('/import', lines.map((l) => JSON.stringify(l)).join('\n'), {
      'content-type': 'application/x-ndjson',
    }),
    201,
  );
}
