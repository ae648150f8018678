// Queries of the statistics aggregates (stats_daily, stats_open) and of the event log as the
// statistics fold reads it. Writes are batch items: callers put them in the same db.batch as the
// change they follow, guarded by its compare-and-set condition.
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { CASE_KINDS, type CaseKind } from '../../db/schema/cases';
import { ph, preparedSet } from '../../db/prepared';
import { events, statsDaily } from '../../db/schema';
import { DAY_MS } from '../domain/calendar';
import type { AssignmentEvent, AssignmentEventType } from '../domain/events';
import {
  CASE_ROW_UNIT_ID,
  type Contribution,
  DAILY_COUNTERS,
  type DailyCounter,
  type DailyRow,
  rowKeyOf,
} from '../domain/stats/contributions';
import type { OpenDeadlines } from '../domain/stats/fold';

/** SQL column of each counter, in DAILY_COUNTERS order. */
export const COUNTER_COLUMNS: Readonly<Record<DailyCounter, string>> = Object.fromEntries(
  DAILY_COUNTERS.map((k) => [k, statsDaily[k].name]),
) as Record<DailyCounter, string>;

const ALWAYS = sql`1`;
const item = (q: unknown) => q as BatchItem<'sqlite'>;

// ---------------------------------------------------------------------------------------------
// the event log, as the fold reads it

export interface EventLogRow {
  assignmentId: string | null;
  caseId: string | null;
  type: string;
  at: number;
  payload: unknown;
}

export function toAssignmentEvent(r: EventLogRow): AssignmentEvent {
  const payload = typeof r.payload === 'string' ? JSON.parse(r.payload) : (r.payload ?? {});
  return {
    type: r.type as AssignmentEventType,
    at: Number(r.at),
    assignmentId: r.assignmentId ?? '',
    payload,
  } as AssignmentEvent;
}

/** One assignment's events in log order. */
export async function assignmentEventLog(
  db: Db,
  tenantId: string,
  assignmentId: string,
): Promise<AssignmentEvent[]> {
  const rows = await logQueries(db).ofAssignment.all({ tenantId, assignmentId });
  return rows.map(toAssignmentEvent);
}

// Every move reads its assignment's log: built once per database (db/prepared.ts).
const logQueries = preparedSet((db) => ({
  ofAssignment: db
    .select({
      assignmentId: events.assignmentId,
      caseId: events.caseId,
      type: events.type,
      at: events.at,
      payload: events.payload,
    })
    .from(events)
    .where(and(eq(events.tenantId, ph('tenantId')), eq(events.assignmentId, ph('assignmentId'))))
    .orderBy(asc(events.id))
    .prepare(),
}));

/** The assignments of a case with their versions and event logs. */
export async function caseAssignmentLogs(db: Db, tenantId: string, caseId: string) {
  const list = await db.all<{ id: string; version: number }>(
    sql`SELECT id, version FROM assignments WHERE tenant_id = ${tenantId} AND case_id = ${caseId} ORDER BY id`,
  );
  const rows =
    await db.all<EventLogRow>(sql`SELECT assignment_id AS assignmentId, case_id AS caseId, type, at, payload
    FROM events WHERE tenant_id = ${tenantId} AND case_id = ${caseId} AND assignment_id IS NOT NULL ORDER BY id`);
  const logs = new Map<string, AssignmentEvent[]>(list.map((a) => [a.id, []]));
  for (const r of rows) logs.get(r.assignmentId ?? '')?.push(toAssignmentEvent(r));
  return list.map((a) => ({ id: a.id, version: Number(a.version), events: logs.get(a.id) ?? [] }));
}

// ---------------------------------------------------------------------------------------------
// incremental writes

/** Contributions grouped into one row of deltas per (unit, day, kind). */
export function groupByRow(diff: readonly Contribution[]): DailyRow[] {
  const rows = new Map<string, DailyRow>();
  for (const c of diff) {
    const k = rowKeyOf(c);
    let row = rows.get(k);
    if (!row) {
      row = { unitId: c.unitId, day: c.day, kind: kindOf(c) };
      rows.set(k, row);
    }
    row[c.counter] = (row[c.counter] ?? 0) + c.n;
  }
  return [...rows.values()];
}

/** A stored row's kind: every contribution written is tagged with its case's (withKind). */
function kindOf(r: { kind?: CaseKind }): CaseKind {
  if (!r.kind) throw new Error('stats_daily: a row without the case kind');
  return r.kind;
}

/** `AND <column> = kind` when a kind is asked for. */
const kindIs = (column: string, kind: CaseKind | null | undefined) =>
  kind ? sql`AND ${sql.raw(column)} = ${kind}` : sql``;

/** Adds one row of deltas to stats_daily (creating the row), only if `guard` holds. */
export function addDailyRow(db: Db, tenantId: string, row: DailyRow, guard: SQL = ALWAYS) {
  const keys = DAILY_COUNTERS.filter((k) => row[k]);
  if (keys.length === 0) return null;
  const cols = keys.map((k) => COUNTER_COLUMNS[k]);
  const values = sql.join(
    keys.map((k) => sql`${row[k]}`),
    sql`, `,
  );
  return item(
    db.run(sql`INSERT INTO stats_daily (tenant_id, unit_id, day, kind, ${sql.raw(cols.join(', '))})
      SELECT ${tenantId}, ${row.unitId}, ${row.day}, ${kindOf(row)}, ${values} WHERE ${guard}
      ON CONFLICT (tenant_id, unit_id, day, kind) DO UPDATE SET ${sql.raw(cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', '))}`),
  );
}

/** The writes that add a diff of contributions to stats_daily. */
export function dailyWrites(
  db: Db,
  tenantId: string,
  diff: readonly Contribution[],
  guard: SQL = ALWAYS,
): BatchItem<'sqlite'>[] {
  return groupByRow(diff)
    .map((r) => addDailyRow(db, tenantId, r, guard))
    .filter((x): x is BatchItem<'sqlite'> => x !== null);
}

export interface OpenRowValues {
  assignmentId: string;
  caseId: string;
  /** the case's kind */
  kind: CaseKind;
  unitId: string;
  dispatchedAt: number;
  dispatchDay: string;
  openDeadlines: OpenDeadlines;
}

/**
 * Sets an assignment's open-steps row. Its repeat flag is read from the case when the batch runs,
 * so it is right even if the case was confirmed a repeat after this write was built.
 */
export function upsertOpenRow(db: Db, tenantId: string, o: OpenRowValues, guard: SQL = ALWAYS) {
  const d = o.openDeadlines;
  return item(
    db.run(sql`INSERT INTO stats_open (tenant_id, assignment_id, case_id, kind, unit_id, dispatched_at, dispatch_day, is_repeat,
        sign_due_at, accept_due_at, first_reply_due_at, reply_due_at, rating_due_at)
      SELECT ${tenantId}, ${o.assignmentId}, ${o.caseId}, ${o.kind}, ${o.unitId}, ${o.dispatchedAt}, ${o.dispatchDay},
        COALESCE((SELECT is_repeat FROM cases WHERE id = ${o.caseId}), 0),
        ${d.sign}, ${d.accept}, ${d.firstReply}, ${d.reply}, ${d.rating} WHERE ${guard}
      ON CONFLICT (tenant_id, assignment_id) DO UPDATE SET is_repeat = excluded.is_repeat,
        sign_due_at = excluded.sign_due_at, accept_due_at = excluded.accept_due_at,
        first_reply_due_at = excluded.first_reply_due_at, reply_due_at = excluded.reply_due_at,
        rating_due_at = excluded.rating_due_at`),
  );
}

export function deleteOpenRow(db: Db, tenantId: string, assignmentId: string, guard: SQL = ALWAYS) {
  return item(
    db.run(
      sql`DELETE FROM stats_open WHERE tenant_id = ${tenantId} AND assignment_id = ${assignmentId} AND ${guard}`,
    ),
  );
}

export function setOpenRowsRepeat(db: Db, tenantId: string, caseId: string, isRepeat: boolean, guard: SQL) {
  return item(
    db.run(sql`UPDATE stats_open SET is_repeat = ${isRepeat ? 1 : 0}
      WHERE tenant_id = ${tenantId} AND case_id = ${caseId} AND ${guard}`),
  );
}

// ---------------------------------------------------------------------------------------------
// bulk writes (import, rebuild): rows travel as one JSON parameter per statement, so a statement
// stays within D1's limits on bound parameters whatever the number of rows

/** Rows per JSON parameter at most… */
export const BULK_CHUNK = 500;
/** …and bytes: well under D1's 2 MB per value (case texts may run to thousands of characters). */
const CHUNK_BYTES = 1_000_000;
const utf8 = new TextEncoder();

/** Rows as JSON arrays, as few as possible, each within BULK_CHUNK rows and CHUNK_BYTES. */
export function jsonChunks(rows: readonly unknown[]): string[] {
  const out: string[] = [];
  let part: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    const size = utf8.encode(text).length + 1;
    if (part.length > 0 && (part.length >= BULK_CHUNK || bytes + size > CHUNK_BYTES)) {
      out.push(`[${part.join(',')}]`);
      part = [];
      bytes = 2;
    }
    part.push(text);
    bytes += size;
  }
  if (part.length > 0) out.push(`[${part.join(',')}]`);
  return out;
}

/**
 * Adds daily rows to stats_daily in bulk (`add`: to what is there, for an import) — or writes them
 * as they are (`set`, after the tenant's rows were deleted, for a rebuild).
 */
export function bulkDailyWrites(
  db: Db,
  tenantId: string,
  rows: readonly DailyRow[],
  mode: 'add' | 'set',
  guard: SQL = ALWAYS,
): BatchItem<'sqlite'>[] {
  const cols = DAILY_COUNTERS.map((k) => COUNTER_COLUMNS[k]);
  const picks = DAILY_COUNTERS.map((_, i) => `COALESCE(j.value ->> ${i + 3}, 0)`).join(', ');
  const onConflict =
    mode === 'add'
      ? `ON CONFLICT (tenant_id, unit_id, day, kind) DO UPDATE SET ${cols.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`
      : '';
  return jsonChunks(
    rows.map((r) => [r.unitId, r.day, kindOf(r), ...DAILY_COUNTERS.map((k) => r[k] ?? 0)]),
  ).map((json) =>
    item(
      db.run(sql`INSERT INTO stats_daily (tenant_id, unit_id, day, kind, ${sql.raw(cols.join(', '))})
        SELECT ${tenantId}, j.value ->> 0, j.value ->> 1, j.value ->> 2, ${sql.raw(picks)} FROM json_each(${json}) AS j WHERE ${guard}
        ${sql.raw(onConflict)}`),
    ),
  );
}

export interface BulkOpenRow extends OpenRowValues {
  isRepeat: boolean;
}

export function bulkOpenWrites(
  db: Db,
  tenantId: string,
  rows: readonly BulkOpenRow[],
  guard: SQL = ALWAYS,
): BatchItem<'sqlite'>[] {
  const arrays = rows.map((o) => [
    o.assignmentId,
    o.caseId,
    o.unitId,
    o.dispatchedAt,
    o.dispatchDay,
    o.isRepeat ? 1 : 0,
    o.openDeadlines.sign,
    o.openDeadlines.accept,
    o.openDeadlines.firstReply,
    o.openDeadlines.reply,
    o.openDeadlines.rating,
    o.kind,
  ]);
  return jsonChunks(arrays).map((json) =>
    item(
      db.run(sql`INSERT INTO stats_open (tenant_id, assignment_id, case_id, unit_id, dispatched_at, dispatch_day, is_repeat,
          sign_due_at, accept_due_at, first_reply_due_at, reply_due_at, rating_due_at, kind)
        SELECT ${tenantId}, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
          j.value ->> 6, j.value ->> 7, j.value ->> 8, j.value ->> 9, j.value ->> 10, j.value ->> 11
        FROM json_each(${json}) AS j WHERE ${guard}
        ON CONFLICT (tenant_id, assignment_id) DO UPDATE SET is_repeat = excluded.is_repeat,
          sign_due_at = excluded.sign_due_at, accept_due_at = excluded.accept_due_at,
          first_reply_due_at = excluded.first_reply_due_at, reply_due_at = excluded.reply_due_at,
          rating_due_at = excluded.rating_due_at`),
    ),
  );
}

export function clearTenantStats(db: Db, tenantId: string, guard: SQL = ALWAYS): BatchItem<'sqlite'>[] {
  return [
    item(db.run(sql`DELETE FROM stats_daily WHERE tenant_id = ${tenantId} AND ${guard}`)),
    item(db.run(sql`DELETE FROM stats_open WHERE tenant_id = ${tenantId} AND ${guard}`)),
  ];
}

// ---------------------------------------------------------------------------------------------
// reads for reports

/**
 * stats_daily summed over [from, to], one row per unit (and the case row '*'), dated `from`: of
 * one kind of case when `kind` is given, else of all.
 */
export async function dailySums(
  db: Db,
  tenantId: string,
  from: string,
  to: string,
  kind: CaseKind | null = null,
): Promise<DailyRow[]> {
  const sums = DAILY_COUNTERS.map((k) => `TOTAL(${COUNTER_COLUMNS[k]}) AS ${k}`).join(', ');
  const rows = await db.all<Record<string, unknown>>(
    sql`SELECT unit_id AS unitId, ${sql.raw(sums)} FROM stats_daily
      WHERE tenant_id = ${tenantId} AND day BETWEEN ${from} AND ${to} ${kindIs('kind', kind)} GROUP BY unit_id`,
  );
  return rows.map((r) => {
    const out: DailyRow = { unitId: String(r.unitId), day: from };
    for (const k of DAILY_COUNTERS) {
      const n = Number(r[k] ?? 0);
      if (n !== 0) out[k] = n;
    }
    return out;
  });
}

/**
 * The kinds of case the tenant has ever had, in CASE_KINDS order: every case adds to a case row
 * ('*') of its kind, so the primary key's (tenant, '*') range answers without reading the cases.
 * One probe per kind: the key holds the kind, so only rows of that kind are read for `cases`
 * (grouping every case row by kind read each of them: ~1,800 rows, 7.5 ms, on a county of five
 * years against 0.5 ms this way).
 */
export async function kindsPresent(db: Db, tenantId: string): Promise<CaseKind[]> {
  const probes = sql.join(
    CASE_KINDS.map(
      (k) =>
        sql`(SELECT 1 FROM stats_daily WHERE tenant_id = ${tenantId} AND unit_id = ${CASE_ROW_UNIT_ID} AND kind = ${k} AND cases > 0 LIMIT 1) AS ${sql.identifier(k)}`,
    ),
    sql`, `,
  );
  const [row] = await db.all<Record<CaseKind, number | null>>(sql`SELECT ${probes}`);
  return CASE_KINDS.filter((k) => row?.[k] != null);
}

/** Every stats_daily row of a tenant (tests and the rebuild check). */
export async function allDailyRows(db: Db, tenantId: string): Promise<DailyRow[]> {
  const cols = DAILY_COUNTERS.map((k) => `${COUNTER_COLUMNS[k]} AS ${k}`).join(', ');
  const rows = await db.all<Record<string, unknown>>(
    sql`SELECT unit_id AS unitId, day, kind, ${sql.raw(cols)} FROM stats_daily WHERE tenant_id = ${tenantId}
      ORDER BY unit_id, day, kind`,
  );
  return rows.map((r) => {
    const out: DailyRow = { unitId: String(r.unitId), day: String(r.day), kind: r.kind as CaseKind };
    for (const k of DAILY_COUNTERS) {
      const n = Number(r[k] ?? 0);
      if (n !== 0) out[k] = n;
    }
    return out;
  });
}

export interface OpenRowRead extends OpenRowValues {
  isRepeat: boolean;
}

export async function allOpenRows(db: Db, tenantId: string): Promise<OpenRowRead[]> {
  const rows = await db.all<
    Record<string, unknown>
  >(sql`SELECT assignment_id, case_id, kind, unit_id, dispatched_at,
      dispatch_day, is_repeat, sign_due_at, accept_due_at, first_reply_due_at, reply_due_at, rating_due_at
    FROM stats_open WHERE tenant_id = ${tenantId} ORDER BY assignment_id`);
  const n = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  return rows.map((r) => ({
    assignmentId: String(r.assignment_id),
    caseId: String(r.case_id),
    kind: r.kind as CaseKind,
    unitId: String(r.unit_id),
    dispatchedAt: Number(r.dispatched_at),
    dispatchDay: String(r.dispatch_day),
    isRepeat: Boolean(Number(r.is_repeat)),
    openDeadlines: {
      sign: n(r.sign_due_at),
      accept: n(r.accept_due_at),
      firstReply: n(r.first_reply_due_at),
      reply: n(r.reply_due_at),
      rating: n(r.rating_due_at),
    },
  }));
}

/**
 * Per unit, how many open assignments of [from, to] (dispatched by C) have each open step past its
 * deadline at C: the SQL form of contributions.openRowAdjustments, summed.
 */
export interface OpenSums {
  unitId: string;
  accept: number;
  firstReply: number;
  rating: number;
  ratingFirstTime: number;
  sign: number;
  reply: number;
  any: number;
}

export async function openSums(
  db: Db,
  tenantId: string,
  from: string,
  to: string,
  cutoff: number,
  kind: CaseKind | null = null,
): Promise<OpenSums[]> {
  const c = cutoff;
  const rows = await db.all<Record<string, unknown>>(sql`SELECT unit_id AS unitId,
      TOTAL(accept_due_at <= ${c}) AS accept,
      TOTAL(first_reply_due_at <= ${c}) AS firstReply,
      TOTAL(rating_due_at <= ${c}) AS rating,
      TOTAL(rating_due_at <= ${c} AND is_repeat = 0) AS ratingFirstTime,
      TOTAL(sign_due_at <= ${c}) AS sign,
      TOTAL(reply_due_at <= ${c}) AS reply,
      TOTAL(sign_due_at <= ${c} OR accept_due_at <= ${c} OR reply_due_at <= ${c}) AS "any"
    FROM stats_open
    WHERE tenant_id = ${tenantId} AND dispatch_day BETWEEN ${from} AND ${to} AND dispatched_at <= ${c}
      ${kindIs('kind', kind)}
    GROUP BY unit_id`);
  return rows.map((r) => ({
    unitId: String(r.unitId),
    accept: Number(r.accept),
    firstReply: Number(r.firstReply),
    rating: Number(r.rating),
    ratingFirstTime: Number(r.ratingFirstTime),
    sign: Number(r.sign),
    reply: Number(r.reply),
    any: Number(r.any),
  }));
}

export { CASE_ROW_UNIT_ID };

// ---------------------------------------------------------------------------------------------
// reads for the bulletin

/**
 * Received assignments of [from, to] as they stood at C (dispatched by C, not returned by C),
 * counted by the case's channel or category, or by the month of dispatch ('YYYY-MM'); of one unit
 * when `unitId` is given. The volume figures of the bulletin and of the dashboard (stats/volume.ts).
 */
export async function receivedBy(
  db: Db,
  tenantId: string,
  by: 'channel' | 'category' | 'month' | 'kind',
  from: string,
  to: string,
  cutoff: number,
  unitId: string | null = null,
  kind: CaseKind | null = null,
): Promise<{ key: string | null; n: number }[]> {
  const col = sql.raw(
    by === 'channel'
      ? 'k.channel'
      : by === 'category'
        ? 'k.category_id'
        : by === 'kind'
          ? 'k.kind'
          : 'substr(a.dispatch_day, 1, 7)',
  );
  const ofUnit = unitId === null ? sql`` : sql`AND a.unit_id = ${unitId}`;
  // the month of all kinds needs nothing of the case: no join
  const rowsFrom = sql.raw(
    by === 'month' && !kind ? 'assignments a' : 'assignments a JOIN cases k ON k.id = a.case_id',
  );
  const rows = await db.all<{ key: string | null; n: number }>(sql`SELECT ${col} AS key, COUNT(*) AS n
    FROM ${rowsFrom}
    WHERE a.tenant_id = ${tenantId} AND a.dispatch_day BETWEEN ${from} AND ${to} AND a.dispatched_at <= ${cutoff}
      AND (a.returned_at IS NULL OR a.returned_at > ${cutoff}) ${ofUnit} ${kindIs('k.kind', kind)}
    GROUP BY ${col}`);
  return rows.map((r) => ({ key: r.key === null ? null : String(r.key), n: Number(r.n) }));
}

/**
 * Assignments by unit and light at `now`, as domain/lights.light and the queues count them: red
 * from the deadline instant on, yellow when it is at most a day away, green otherwise; only those
 * whose unit owes a step (due_at set). `redSupervision`: of the red, those whose passed deadline is
 * a 督办 deadline (due_step 'supervision'), not a step of the unit's own (sign, accept, reply) — the
 * statistics' 逾期 counts only those steps. Of one unit when `unitId` is given.
 */
export async function lightsByUnit(
  db: Db,
  tenantId: string,
  now: number,
  unitId: string | null = null,
  kind: CaseKind | null = null,
) {
  const soon = now + DAY_MS;
  const ofUnit = unitId === null ? sql`` : sql`AND unit_id = ${unitId}`;
  const ofKind = kind
    ? sql`AND case_id IN (SELECT id FROM cases WHERE tenant_id = ${tenantId} AND kind = ${kind})`
    : sql``;
  const rows = await db.all<Record<string, unknown>>(sql`SELECT unit_id AS unitId,
      TOTAL(due_at <= ${now}) AS red,
      TOTAL(due_at > ${now} AND due_at <= ${soon}) AS yellow,
      TOTAL(due_at > ${soon}) AS green,
      TOTAL(due_at <= ${now} AND due_step = 'supervision') AS redSupervision
    FROM assignments WHERE tenant_id = ${tenantId} AND due_at IS NOT NULL ${ofUnit} ${ofKind}
    GROUP BY unit_id`);
  return rows.map((r) => ({
    unitId: String(r.unitId),
    red: Number(r.red),
    yellow: Number(r.yellow),
    green: Number(r.green),
    redSupervision: Number(r.redSupervision),
  }));
}

/** People with the most cases confirmed as repeats (by C) among the cases received in [from, to]. */
export async function topRepeatIdentities(
  db: Db,
  tenantId: string,
  from: string,
  to: string,
  cutoff: number,
  limit = 10,
  kind: CaseKind | null = null,
) {
  return db.all<{
    name: string | null;
    phone: string | null;
    n: number;
    matter: string | null;
    units: string | null;
  }>(sql`SELECT MAX(k.petitioner_name) AS name, MAX(k.petitioner_phone) AS phone, COUNT(*) AS n,
      (SELECT x.title FROM cases x WHERE x.tenant_id = ${tenantId} AND x.identity_hash = k.identity_hash
        AND x.received_at <= ${cutoff} ORDER BY x.received_at DESC LIMIT 1) AS matter,
      (SELECT group_concat(DISTINCT u.name) FROM cases x JOIN assignments a ON a.case_id = x.id JOIN units u ON u.id = a.unit_id
        WHERE x.tenant_id = ${tenantId} AND x.identity_hash = k.identity_hash AND x.received_day BETWEEN ${from} AND ${to}
          AND a.dispatched_at <= ${cutoff}) AS units
    FROM cases k
    WHERE k.tenant_id = ${tenantId} AND k.received_day BETWEEN ${from} AND ${to} AND k.received_at <= ${cutoff}
      AND k.identity_hash IS NOT NULL ${kindIs('k.kind', kind)}
      AND EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = ${tenantId} AND e.case_id = k.id
        AND e.type = 'case.repeat_confirmed' AND e.at <= ${cutoff})
    GROUP BY k.identity_hash ORDER BY n DESC, MAX(k.received_at) DESC LIMIT ${limit}`);
}
