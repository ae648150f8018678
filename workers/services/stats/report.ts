// FIGURES of a tenant and of each unit for a period at a cut-off (DOMAIN.md, "Statistics").
//
// Two ways, one answer:
// - nothing has happened to any case since C (the usual: C is now): stats_daily summed over the
//   period, plus the open assignments' steps past their deadline at C counted in SQL from
//   stats_open. The aggregates hold every event written, so they are the state at C only when no
//   event lies after C. The cost follows the number of units and days, not the size of the history.
// - an event after C exists (a bulletin frozen at the 25th, "as it stood then"; or a clock set back,
//   as the demo seeder does after writing the cases' whole lives): the period's assignments are
//   replayed from the event log up to C (computeFigures, the reference). The clock's now does not
//   decide: a cut-off at or after now is still in the past of events already stored.
// A scope of one kind (信访事项, 网上问政, 12345工单) reads that kind's cases only, both ways: its
// figures are those of a tenant that had no other cases.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { CaseKind } from '../../../db/schema/cases';
import type { units } from '../../../db/schema';
import type { TenantSettings } from '../../domain/settings';
import { localDay, startOfDay, endOfDay } from '../../domain/calendar';
import type { AssignmentEvent } from '../../domain/events';
import { figuresFromDaily } from '../../domain/stats/contributions';
import type { Period } from '../../domain/stats/compare';
import {
  COUNT_KEYS,
  type CaseFact,
  computeFigures,
  deriveFigures,
  emptyCounts,
  type FigureCounts,
  type Figures,
  type StatsReport,
} from '../../domain/stats/figures';
import { type AssignmentFact, foldAssignment } from '../../domain/stats/fold';
import type { UnitKind } from '../../domain/stats/ranking';
import { ensureStatsCurrent } from './recompute';
import { dailySums, type EventLogRow, type OpenSums, openSums, toAssignmentEvent } from '../../repo/stats';

export type UnitRow = typeof units.$inferSelect;

export interface ReportScope {
  db: Db;
  tenantId: string;
  settings: Pick<TenantSettings, 'timeZone'>;
  /** the request's instant (kept for the callers' cut-off defaults; the path is chosen by the log) */
  now: number;
  /** the cases of one kind only; absent or null: all */
  kind?: CaseKind | null;
}

/** `AND <case id column> IN (the cases of the kind)` when the scope has a kind. */
function ofKind(scope: ReportScope, caseIdColumn: string) {
  return scope.kind
    ? sql`AND ${sql.raw(caseIdColumn)} IN (SELECT id FROM cases WHERE tenant_id = ${scope.tenantId} AND kind = ${scope.kind})`
    : sql``;
}

export interface UnitFigures {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  figures: Figures;
}

export interface PeriodReport {
  period: Period;
  cutoff: number;
  /** which way the figures were computed */
  source: 'aggregates' | 'replay';
  tenant: Figures;
  units: UnitFigures[];
}

const KIND_ORDER: Record<string, number> = { township: 0, department: 1, bureau: 2 };

/** The tenant's units in report order: townships, departments, the bureau; each by sort, name. */
export async function reportUnits(db: Db, tenantId: string): Promise<UnitRow[]> {
  const rows = await db.all<Record<string, unknown>>(
    sql`SELECT id, name, kind, sort, active, parent_id AS parentId FROM units WHERE tenant_id = ${tenantId}`,
  );
  return rows
    .map(
      (r) =>
        ({
          id: String(r.id),
          name: String(r.name),
          kind: r.kind as UnitRow['kind'],
          sort: Number(r.sort),
          active: Boolean(Number(r.active)),
          parentId: (r.parentId as string | null) ?? null,
          tenantId,
          createdAt: 0,
        }) as UnitRow,
    )
    .sort(
      (a, b) =>
        (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
        a.sort - b.sort ||
        a.name.localeCompare(b.name, 'zh-Hans-CN'),
    );
}

export function countsOf(f: Figures): FigureCounts {
  const c = emptyCounts();
  for (const k of COUNT_KEYS) c[k] = f[k];
  return c;
}

/** Adds the SQL-summed open-step counts (contributions.openRowAdjustments, summed) to counts. */
function addOpen(c: FigureCounts, o: OpenSums) {
  c.acceptanceDue += o.accept;
  c.overdueAccept += o.accept;
  c.replyDue += o.firstReply;
  c.unratedOverdue += o.rating;
  c.oneTimeDue += o.ratingFirstTime;
  c.overdueSign += o.sign;
  c.overdueReply += o.reply;
  c.overdue += o.any;
}

/** The report from the aggregates: exact for any cut-off at or after the last event written. */
export async function figuresFromAggregates(
  scope: ReportScope,
  from: string,
  to: string,
  cutoff: number,
  unitIds: readonly string[],
): Promise<StatsReport> {
  const { db, tenantId } = scope;
  const dayOf = (t: number) => localDay(t, scope.settings.timeZone);
  const [daily, open] = await Promise.all([
    dailySums(db, tenantId, from, to, scope.kind ?? null),
    openSums(db, tenantId, from, to, cutoff, scope.kind ?? null),
  ]);
  const base = figuresFromDaily(daily, [], cutoff, { from, to, dayOf, unitIds });
  if (open.length === 0) return base;
  const tenant = countsOf(base.tenant);
  const unitCounts = new Map(Object.entries(base.units).map(([id, f]) => [id, countsOf(f)]));
  for (const o of open) {
    let u = unitCounts.get(o.unitId);
    if (!u) {
      u = emptyCounts();
      unitCounts.set(o.unitId, u);
    }
    addOpen(u, o);
    addOpen(tenant, o);
  }
  for (const c of [tenant, ...unitCounts.values()]) c.toBeRated = c.rated + c.unratedOverdue;
  return {
    tenant: deriveFigures(tenant),
    units: Object.fromEntries([...unitCounts].map(([id, c]) => [id, deriveFigures(c)])),
  };
}

/** The period's assignments as they stood at C, and its cases (the tenant's repeat rate). */
export interface ReplayedPeriod {
  from: string;
  to: string;
  cutoff: number;
  facts: AssignmentFact[];
  caseFacts: CaseFact[];
}

/**
 * The event log replayed up to C: the period's assignments, and those dispatched earlier that
 * closed in it (average days counts by close day).
 */
export async function replayPeriod(
  scope: ReportScope,
  from: string,
  to: string,
  cutoff: number,
): Promise<ReplayedPeriod> {
  const { db, tenantId } = scope;
  const tz = scope.settings.timeZone;
  const start = startOfDay(from, tz);
  const end = endOfDay(to, tz);
  const rows =
    await db.all<EventLogRow>(sql`SELECT assignment_id AS assignmentId, case_id AS caseId, type, at, payload
    FROM events
    WHERE tenant_id = ${tenantId} AND at <= ${cutoff} AND assignment_id IN (
      SELECT id FROM assignments WHERE tenant_id = ${tenantId} AND dispatch_day BETWEEN ${from} AND ${to}
      UNION
      SELECT assignment_id FROM events WHERE tenant_id = ${tenantId} AND type IN ('assignment.closed', 'assignment.refused')
        AND at >= ${start} AND at < ${end} AND at <= ${cutoff}) ${ofKind(scope, 'case_id')}
    ORDER BY assignment_id, id`);
  const repeats = await db.all<{
    caseId: string;
    at: number;
  }>(sql`SELECT case_id AS caseId, MIN(at) AS at FROM events
    WHERE tenant_id = ${tenantId} AND type = 'case.repeat_confirmed' AND at <= ${cutoff} GROUP BY case_id`);
  const repeatAt = new Map(repeats.map((r) => [String(r.caseId), Number(r.at)]));
  const facts = foldLogs(rows, cutoff, (caseId) => repeatAt.has(caseId));
  const caseRows = await db.all<{ id: string; receivedAt: number; receivedDay: string }>(sql`SELECT id,
      received_at AS receivedAt, received_day AS receivedDay FROM cases
    WHERE tenant_id = ${tenantId} AND received_day BETWEEN ${from} AND ${to} AND received_at <= ${cutoff}
      ${ofKind(scope, 'id')}`);
  const caseFacts: CaseFact[] = caseRows.map((c) => ({
    caseId: String(c.id),
    receivedAt: Number(c.receivedAt),
    receivedDay: String(c.receivedDay),
    isRepeat: repeatAt.has(String(c.id)),
  }));
  return { from, to, cutoff, facts, caseFacts };
}

/**
 * The backlog at C: assignments dispatched before `from` that were still open at C, replayed up to
 * C. A month's bulletin counts its own month's cases, so a case sent in September and still not
 * answered in December fell out of every bulletin: September's was printed before it was late.
 * Candidates are those open now or changed after C (the fold decides what they were at C).
 */
export async function replayBacklog(
  scope: ReportScope,
  from: string,
  cutoff: number,
): Promise<AssignmentFact[]> {
  const { db, tenantId } = scope;
  const rows =
    await db.all<EventLogRow>(sql`SELECT assignment_id AS assignmentId, case_id AS caseId, type, at, payload
    FROM events
    WHERE tenant_id = ${tenantId} AND at <= ${cutoff} AND assignment_id IN (
      SELECT id FROM assignments WHERE tenant_id = ${tenantId} AND dispatch_day < ${from}
        AND dispatched_at <= ${cutoff}
        AND (state NOT IN ('closed', 'rated', 'unrated', 'refused', 'returned') OR updated_at > ${cutoff}))
      ${ofKind(scope, 'case_id')}
    ORDER BY assignment_id, id`);
  return foldLogs(rows, cutoff, () => false);
}

/** Each assignment's events (ordered by assignment) folded into what it was at C. */
function foldLogs(rows: readonly EventLogRow[], cutoff: number, isRepeat: (caseId: string) => boolean) {
  const logs = new Map<string, { caseId: string; events: AssignmentEvent[] }>();
  for (const r of rows) {
    const id = r.assignmentId ?? '';
    let log = logs.get(id);
    if (!log) {
      log = { caseId: r.caseId ?? '', events: [] };
      logs.set(id, log);
    }
    log.events.push(toAssignmentEvent(r));
  }
  const facts: AssignmentFact[] = [];
  for (const { caseId, events } of logs.values()) {
    const f = foldAssignment(events, cutoff, { caseId, isRepeat: isRepeat(caseId) });
    if (f) facts.push(f);
  }
  return facts;
}

/** The report by replaying the event log up to C (replayPeriod, then computeFigures). */
export async function figuresFromReplay(
  scope: ReportScope,
  from: string,
  to: string,
  cutoff: number,
  unitIds: readonly string[],
  replayed?: ReplayedPeriod,
): Promise<StatsReport> {
  const r = replayed ?? (await replayPeriod(scope, from, to, cutoff));
  const dayOf = (t: number) => localDay(t, scope.settings.timeZone);
  return computeFigures(r.facts, { from, to, cutoff, dayOf, unitIds }, r.caseFacts);
}

/**
 * Whether the aggregates are the state at `cutoff`: no event of a case (or its assignments) was
 * written with a later instant. One probe of events_tenant_at_idx.
 */
export async function aggregatesHold(db: Db, tenantId: string, cutoff: number): Promise<boolean> {
  const later = await db.all(
    sql`SELECT 1 FROM events WHERE tenant_id = ${tenantId} AND at > ${cutoff} AND case_id IS NOT NULL LIMIT 1`,
  );
  return later.length === 0;
}

/** FIGURES for a period at a cut-off, per unit in the tenant's order, townships and departments apart. */
export async function periodReport(
  scope: ReportScope,
  period: Period,
  cutoff: number,
  opts: {
    unitKind?: UnitKind;
    unitId?: string | null;
    units?: UnitRow[];
    /** the period already replayed at this cut-off (replayPeriod): its figures, no second read */
    replayed?: ReplayedPeriod;
  } = {},
): Promise<PeriodReport> {
  const all = opts.units ?? (await reportUnits(scope.db, scope.tenantId));
  const listed = all.filter((u) => u.active).map((u) => u.id);
  const r = opts.replayed;
  if (r && (r.from !== period.from || r.to !== period.to || r.cutoff !== cutoff))
    throw new RangeError('the replayed period is not the one asked for');
  const source = r || !(await aggregatesHold(scope.db, scope.tenantId, cutoff)) ? 'replay' : 'aggregates';
  // aggregates a migration could not fill are rebuilt from the log before they are read
  if (source === 'aggregates') await ensureStatsCurrent(scope.db, scope.tenantId, scope.settings.timeZone);
  const report =
    source === 'aggregates'
      ? await figuresFromAggregates(scope, period.from, period.to, cutoff, listed)
      : await figuresFromReplay(scope, period.from, period.to, cutoff, listed, r);
  const unitsOut: UnitFigures[] = [];
  for (const u of all) {
    const f = report.units[u.id];
    // an inactive unit is listed only for what it still did in the period
    if (!f || (!u.active && f.received === 0 && f.returned === 0 && f.closedInPeriod === 0)) continue;
    if (opts.unitKind && u.kind !== opts.unitKind) continue;
    if (opts.unitId && u.id !== opts.unitId) continue;
    unitsOut.push({ unitId: u.id, unitName: u.name, unitKind: u.kind, figures: f });
  }
  return { period, cutoff, source, tenant: report.tenant, units: unitsOut };
}
