// Keeps stats_daily and stats_open in step with every change the workflow makes, inside the same
// db.batch as the change and only if its compare-and-set won (every write carries the guard).
//
// An assignment's statistics are what its event log says (workers/domain/stats/fold.ts), so a move
// re-folds the log before and after its new event and adds the difference of the contributions.
//
// Why it stays exact under concurrency:
// - the events read before the batch are the events at commit time: every event that changes
//   statistics comes with a version bump of the assignment, which makes a move that read an older
//   log lose its compare-and-set;
// - the one thing a move reads that another writer changes without touching the assignment is the
//   case's repeat flag (decideRepeat). So when the diff depends on it, the move writes both
//   variants, each guarded by the flag's value at commit time; decideRepeat in turn refuses to run
//   if any assignment of the case moved after it read them (repeatPrecondition).
//
// Every row written carries the case's kind (immutable once registered), so the figures of one
// kind are read apart (contributions.ts, withKind).
import { and, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { assignments, cases } from '../../../db/schema';
import type { CaseKind } from '../../../db/schema/cases';
import type { ServiceCtx } from '../../api/context';
import { localDay } from '../../domain/calendar';
import type { AssignmentEvent, AssignmentEventType } from '../../domain/events';
import {
  type Contribution,
  caseContributions,
  contributions,
  diffContributions,
  isOpen,
  withKind,
} from '../../domain/stats/contributions';
import type { CaseFact } from '../../domain/stats/figures';
import { type AssignmentFact, foldAssignment } from '../../domain/stats/fold';
import {
  assignmentEventLog,
  caseAssignmentLogs,
  dailyWrites,
  deleteOpenRow,
  setOpenRowsRepeat,
  upsertOpenRow,
} from '../../repo/stats';

type AssignmentRow = typeof assignments.$inferSelect;
type StatsCtx = Pick<ServiceCtx, 'db' | 'tenant' | 'settings'>;

/** An event as a move writes it (the assignment id is the moved one's). */
export interface StatsEvent {
  type: AssignmentEventType;
  at: number;
  payload: unknown;
}

export interface MoveChange {
  before: AssignmentRow | null;
  after: AssignmentRow;
  caseRow: Pick<
    typeof cases.$inferSelect,
    'id' | 'isRepeat' | 'receivedAt' | 'receivedDay' | 'kind' | 'channel' | 'purpose'
  >;
  /** only-if-the-move-won condition to put in every write */
  guard: SQL;
  /**
   * The events this change appends to the assignment's log, in order. A new assignment (before =
   * null) may leave it out: its events are then read off the row (dispatch, and for 平台自办 the
   * sign, accept and reply made at once).
   */
  events?: readonly StatsEvent[];
  /** The assignment's log before the change: required when `before` is set (statsPriorEvents). */
  priorEvents?: readonly AssignmentEvent[];
}

/**
 * Events the statistics fold ignores: a move writing only these changes no figure. Not
 * return_rejected: a waiting return request pauses the sign and accept steps (fold.ts), and its
 * rejection puts their deadlines back into stats_open.
 */
const IGNORED: ReadonlySet<string> = new Set<AssignmentEventType>([
  'assignment.reply_drafted',
  'assignment.reply_submitted',
  'assignment.reply_approved',
  'assignment.reply_rejected',
  'assignment.extension_denied',
  'assignment.supervised',
  'assignment.urged',
  'assignment.overdue',
  'assignment.rework_declined',
]);

const EVERYTHING = Number.MAX_SAFE_INTEGER;

/** The assignment's log before a move, or nothing when the move's event cannot change a figure. */
export async function statsPriorEvents(
  ctx: Pick<ServiceCtx, 'db' | 'tenant'>,
  assignmentId: string,
  eventType: AssignmentEventType,
): Promise<AssignmentEvent[]> {
  if (IGNORED.has(eventType)) return [];
  return assignmentEventLog(ctx.db, ctx.tenant.id, assignmentId);
}

/** The events a freshly written assignment row stands for (dispatch, and 平台自办's steps). */
function eventsOfNewRow(a: AssignmentRow): StatsEvent[] {
  const out: StatsEvent[] = [
    {
      type: 'assignment.dispatched',
      at: a.dispatchedAt,
      payload: {
        unitId: a.unitId,
        role: a.role,
        signDueAt: a.signDueAt,
        acceptDueAt: a.acceptDueAt,
        returnDueAt: a.returnDueAt,
      },
    },
  ];
  if (a.signedAt !== null) out.push({ type: 'assignment.signed', at: a.signedAt, payload: {} });
  if (a.decidedAt !== null && a.replyDueAt !== null)
    out.push({ type: 'assignment.accepted', at: a.decidedAt, payload: { replyDueAt: a.replyDueAt } });
  if (a.repliedAt !== null)
    out.push({
      type: 'assignment.replied',
      at: a.repliedAt,
      payload: { replyId: '', ratingDueAt: a.ratingDueAt },
    });
  return out;
}

export const tenantDayOf = (settings: Pick<ServiceCtx['settings'], 'timeZone'>) => (instant: number) =>
  localDay(instant, settings.timeZone);

const sameDiff = (a: readonly Contribution[], b: readonly Contribution[]) =>
  diffContributions(a, b).length === 0;

function openRowWrites(
  ctx: StatsCtx,
  before: AssignmentFact | null,
  after: AssignmentFact | null,
  a: Pick<AssignmentRow, 'id' | 'caseId' | 'unitId'>,
  kind: CaseKind,
  guard: SQL,
): BatchItem<'sqlite'>[] {
  const dayOf = tenantDayOf(ctx.settings);
  if (after && isOpen(after)) {
    const same =
      before &&
      isOpen(before) &&
      JSON.stringify(before.openDeadlines) === JSON.stringify(after.openDeadlines) &&
      before.unitId === after.unitId;
    if (same) return [];
    return [
      upsertOpenRow(
        ctx.db,
        ctx.tenant.id,
        {
          assignmentId: a.id,
          caseId: a.caseId,
          kind,
          unitId: after.unitId,
          dispatchedAt: after.dispatchedAt,
          dispatchDay: dayOf(after.dispatchedAt),
          openDeadlines: after.openDeadlines,
        },
        guard,
      ),
    ];
  }
  if (before && isOpen(before)) return [deleteOpenRow(ctx.db, ctx.tenant.id, a.id, guard)];
  return [];
}

/** The stats_daily and stats_open writes of one assignment change (see MoveChange). */
export function statsWritesForMove(ctx: StatsCtx, change: MoveChange): BatchItem<'sqlite'>[] {
  const { after, caseRow, guard } = change;
  if (change.before !== null && change.priorEvents === undefined)
    throw new Error('statsWritesForMove: priorEvents is required for a move of an existing assignment');
  const newEvents = change.events ?? (change.before === null ? eventsOfNewRow(after) : []);
  if (newEvents.length === 0 || newEvents.every((e) => IGNORED.has(e.type))) return [];
  const prior = change.before === null ? [] : (change.priorEvents ?? []);
  const log: AssignmentEvent[] = [
    ...prior,
    ...newEvents.map((e) => ({ ...e, assignmentId: after.id }) as AssignmentEvent),
  ];
  const dayOf = tenantDayOf(ctx.settings);
  const variant = (isRepeat: boolean) => {
    const fctx = { caseId: after.caseId, isRepeat };
    const b = prior.length ? foldAssignment(prior, EVERYTHING, fctx) : null;
    const f = foldAssignment(log, EVERYTHING, fctx);
    return {
      before: b,
      after: f,
      diff: withKind(
        diffContributions(b ? contributions(b, dayOf) : [], f ? contributions(f, dayOf) : []),
        caseRow.kind,
      ),
    };
  };
  const read = variant(caseRow.isRepeat);
  const other = variant(!caseRow.isRepeat);
  const writes: BatchItem<'sqlite'>[] = [];
  if (sameDiff(read.diff, other.diff)) {
    writes.push(...dailyWrites(ctx.db, ctx.tenant.id, read.diff, guard));
  } else {
    for (const v of [read, other]) {
      const flag = v === read ? caseRow.isRepeat : !caseRow.isRepeat;
      const when = and(
        guard,
        sql`EXISTS (SELECT 1 FROM cases WHERE id = ${caseRow.id} AND is_repeat = ${flag ? 1 : 0})`,
      ) as SQL;
      writes.push(...dailyWrites(ctx.db, ctx.tenant.id, v.diff, when));
    }
  }
  writes.push(...openRowWrites(ctx, read.before, read.after, after, caseRow.kind, guard));
  return writes;
}

/** A new case counts once on the case row ('*') of its received day, under its kind. */
export function statsWritesForNewCase(
  ctx: StatsCtx,
  c: CaseFact & { kind: CaseKind },
  guard: SQL = sql`1`,
): BatchItem<'sqlite'>[] {
  return dailyWrites(ctx.db, ctx.tenant.id, withKind(caseContributions(c), c.kind), guard);
}

/**
 * A case confirmed as a repeat: its case row and every one of its assignments counted again.
 * `precondition` must go into the WHERE of the statement that decides the confirmation: it holds
 * only while the case and its assignments are as read here.
 */
export async function statsWritesForRepeat(
  ctx: StatsCtx,
  c: Pick<typeof cases.$inferSelect, 'id' | 'isRepeat' | 'receivedAt' | 'receivedDay' | 'kind'>,
  guard: SQL,
): Promise<{ writes: BatchItem<'sqlite'>[]; precondition: SQL }> {
  const { db, tenant } = ctx;
  const list = await caseAssignmentLogs(db, tenant.id, c.id);
  const versionSum = list.reduce((s, a) => s + a.version, 0);
  const precondition = sql`EXISTS (SELECT 1 FROM cases WHERE id = ${c.id} AND is_repeat = ${c.isRepeat ? 1 : 0})
    AND (SELECT COUNT(*) || ':' || COALESCE(SUM(version), 0) FROM assignments WHERE tenant_id = ${tenant.id} AND case_id = ${c.id}) = ${`${list.length}:${versionSum}`}`;
  if (c.isRepeat) return { writes: [], precondition };
  const dayOf = tenantDayOf(ctx.settings);
  const fact = (isRepeat: boolean): CaseFact => ({
    caseId: c.id,
    receivedAt: c.receivedAt,
    receivedDay: c.receivedDay,
    isRepeat,
  });
  const diff: Contribution[] = diffContributions(
    caseContributions(fact(false)),
    caseContributions(fact(true)),
  );
  for (const a of list) {
    const before = foldAssignment(a.events, EVERYTHING, { caseId: c.id, isRepeat: false });
    const after = foldAssignment(a.events, EVERYTHING, { caseId: c.id, isRepeat: true });
    diff.push(
      ...diffContributions(
        before ? contributions(before, dayOf) : [],
        after ? contributions(after, dayOf) : [],
      ),
    );
  }
  return {
    writes: [
      ...dailyWrites(db, tenant.id, withKind(diffContributions([], diff), c.kind), guard),
      setOpenRowsRepeat(db, tenant.id, c.id, true, guard),
    ],
    precondition,
  };
}
