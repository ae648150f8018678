// Rebuilds a tenant's statistics aggregates (stats_daily, stats_open) from the event log: every
// assignment folded, its contributions summed, each case counted once. What the incremental path
// keeps must always equal this; the admin endpoint, the tests and recovery after a time-zone change
// use it.
//
// Atomic and safe beside live traffic: everything is written in one db.batch that applies only if
// no event of the tenant was written since the log was read (else it is read again, up to 3 times).
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client';
import type { CaseKind } from '../../../db/schema/cases';
import { localDay } from '../../domain/calendar';
import type { AssignmentEvent } from '../../domain/events';
import { resolveSettings } from '../../domain/settings';
import {
  caseContributions,
  contributions,
  DAILY_COUNTERS,
  type DailyRow,
  isOpen,
  rowKeyOf,
  sumContributions,
  withKind,
} from '../../domain/stats/contributions';
import { foldAssignment } from '../../domain/stats/fold';
import { AppError } from '../../lib/errors';
import { randomString } from '../../lib/ids';
import {
  type BulkOpenRow,
  bulkDailyWrites,
  bulkOpenWrites,
  type EventLogRow,
  toAssignmentEvent,
} from '../../repo/stats';
import { getSettingsRow } from '../../repo/tenancy';

export interface RecomputeResult {
  cases: number;
  assignments: number;
  dailyRows: number;
  openRows: number;
  ms: number;
}

export interface StatsSnapshot {
  daily: DailyRow[];
  open: BulkOpenRow[];
  cases: number;
  assignments: number;
}

/** Assignments read per round trip while folding. */
const PAGE = 2000;
const MARKER_UNIT = '#rebuild';

/** What stats_daily and stats_open should hold for a tenant, from its event log. */
export async function computeStatsSnapshot(
  db: Db,
  tenantId: string,
  timeZone?: string,
): Promise<StatsSnapshot> {
  const tz = timeZone ?? resolveSettings((await getSettingsRow(db, tenantId))?.settings ?? {}).timeZone;
  const dayOf = (t: number) => localDay(t, tz);
  const caseRows = await db.all<{
    id: string;
    kind: CaseKind;
    receivedAt: number;
    receivedDay: string;
    isRepeat: number;
  }>(
    sql`SELECT id, kind, received_at AS receivedAt, received_day AS receivedDay, is_repeat AS isRepeat
      FROM cases WHERE tenant_id = ${tenantId}`,
  );
  const repeat = new Map<string, boolean>();
  const kinds = new Map<string, CaseKind>();
  // Accumulated as daily rows as we go: a big county's contributions would not fit as a list.
  const acc = new Map<string, DailyRow>();
  const add = (rows: DailyRow[]) => {
    for (const r of rows) {
      const k = rowKeyOf(r);
      const cur = acc.get(k);
      if (!cur) acc.set(k, { ...r });
      else
        for (const key of DAILY_COUNTERS) {
          const n = r[key];
          if (n) cur[key] = (cur[key] ?? 0) + n;
        }
    }
  };
  for (const c of caseRows) {
    const isRepeat = Boolean(Number(c.isRepeat));
    repeat.set(c.id, isRepeat);
    kinds.set(c.id, c.kind);
    add(
      sumContributions(
        withKind(
          caseContributions({
            caseId: c.id,
            receivedAt: Number(c.receivedAt),
            receivedDay: c.receivedDay,
            isRepeat,
          }),
          c.kind,
        ),
      ),
    );
  }

  const ids = (
    await db.all<{ id: string; caseId: string }>(
      sql`SELECT id, case_id AS caseId FROM assignments WHERE tenant_id = ${tenantId} ORDER BY id`,
    )
  ).map((r) => ({ id: String(r.id), caseId: String(r.caseId) }));
  const open: BulkOpenRow[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const page = ids.slice(i, i + PAGE);
    const first = page[0]!.id;
    const last = page[page.length - 1]!.id;
    const rows =
      await db.all<EventLogRow>(sql`SELECT assignment_id AS assignmentId, case_id AS caseId, type, at, payload
      FROM events WHERE tenant_id = ${tenantId} AND assignment_id >= ${first} AND assignment_id <= ${last}
      ORDER BY assignment_id, id`);
    const logs = new Map<string, AssignmentEvent[]>();
    for (const r of rows) {
      const id = r.assignmentId ?? '';
      let log = logs.get(id);
      if (!log) {
        log = [];
        logs.set(id, log);
      }
      log.push(toAssignmentEvent(r));
    }
    const pageRows = [];
    for (const a of page) {
      const fact = foldAssignment(logs.get(a.id) ?? [], Number.MAX_SAFE_INTEGER, {
        caseId: a.caseId,
        isRepeat: repeat.get(a.caseId) ?? false,
      });
      if (!fact) continue;
      const kind = kinds.get(a.caseId) ?? 'petition';
      pageRows.push(...withKind(contributions(fact, dayOf), kind));
      if (isOpen(fact)) {
        open.push({
          assignmentId: a.id,
          caseId: a.caseId,
          kind,
          unitId: fact.unitId,
          dispatchedAt: fact.dispatchedAt,
          dispatchDay: dayOf(fact.dispatchedAt),
          isRepeat: fact.isRepeat,
          openDeadlines: fact.openDeadlines,
        });
      }
    }
    add(sumContributions(pageRows));
  }
  // contributions are never negative, so no summed row is all zeros
  const daily = [...acc.values()];
  return { daily, open, cases: caseRows.length, assignments: ids.length };
}

/**
 * Carries out a rebuild a migration asked for (stats_rebuild_requests) before the tenant's
 * aggregates are read: the request is removed by the rebuild's own batch, so a rebuild that lost
 * to live traffic leaves it for the next read.
 */
export async function ensureStatsCurrent(db: Db, tenantId: string, timeZone: string): Promise<void> {
  // one probe of a primary key per report read from the aggregates
  const pending = await db.all(
    sql`SELECT 1 FROM stats_rebuild_requests WHERE tenant_id = ${tenantId} LIMIT 1`,
  );
  if (pending.length > 0) await recomputeStats(db, tenantId, { timeZone });
}

/** Rebuilds stats_daily and stats_open of a tenant from its events. */
export async function recomputeStats(
  db: Db,
  tenantId: string,
  opts: { timeZone?: string; retries?: number } = {},
): Promise<RecomputeResult> {
  const t0 = performance.now();
  for (let attempt = 0; attempt <= (opts.retries ?? 3); attempt++) {
    const mark = (
      await db.all<{ maxId: number; n: number }>(
        sql`SELECT COALESCE(MAX(id), 0) AS maxId, COUNT(*) AS n FROM events WHERE tenant_id = ${tenantId}`,
      )
    )[0]!;
    const snap = await computeStatsSnapshot(db, tenantId, opts.timeZone);
    const token = randomString(16);
    // The first statement checks that the log is still as read and leaves a marker; every other
    // statement runs only while the marker is there; the last one removes it.
    const held = sql`EXISTS (SELECT 1 FROM stats_daily WHERE tenant_id = ${tenantId} AND unit_id = ${MARKER_UNIT} AND day = ${token})`;
    const writes: BatchItem<'sqlite'>[] = [
      db.run(sql`INSERT INTO stats_daily (tenant_id, unit_id, day, kind)
        SELECT ${tenantId}, ${MARKER_UNIT}, ${token}, 'petition'
        WHERE (SELECT COALESCE(MAX(id), 0) || ':' || COUNT(*) FROM events WHERE tenant_id = ${tenantId}) = ${`${mark.maxId}:${mark.n}`}`) as never,
      db.run(
        sql`DELETE FROM stats_daily WHERE tenant_id = ${tenantId} AND unit_id <> ${MARKER_UNIT} AND ${held}`,
      ) as never,
      db.run(sql`DELETE FROM stats_open WHERE tenant_id = ${tenantId} AND ${held}`) as never,
      ...bulkDailyWrites(db, tenantId, snap.daily, 'set', held),
      ...bulkOpenWrites(db, tenantId, snap.open, held),
      db.run(sql`DELETE FROM stats_rebuild_requests WHERE tenant_id = ${tenantId} AND ${held}`) as never,
      db.run(
        sql`DELETE FROM stats_daily WHERE tenant_id = ${tenantId} AND unit_id = ${MARKER_UNIT} AND day = ${token}`,
      ) as never,
    ];
    const results = await db.batch(writes as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    const r0 = results[0] as { rowsAffected?: number; meta?: { changes?: number } };
    if ((r0.rowsAffected ?? r0.meta?.changes ?? 0) > 0) {
      return {
        cases: snap.cases,
        assignments: snap.assignments,
        dailyRows: snap.daily.length,
        openRows: snap.open.length,
        ms: Math.round(performance.now() - t0),
      };
    }
  }
  throw new AppError('CONFLICT', '统计重建期间有新的办理记录写入，请稍后重试');
}
