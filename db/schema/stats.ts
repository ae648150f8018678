// Statistics kept up to date as events happen (workers/services/workflow/stats-hook.ts writes them in
// the same db.batch as every move), so a report costs what the number of units and days costs, not
// the size of the history.
//
// - stats_daily: one row per (unit, local day) holding the cut-off-independent counters of
//   workers/domain/stats/contributions.ts (DAILY_COUNTERS, one integer column each, same order);
//   unit_id '*' (CASE_ROW_UNIT_ID) holds the case-level counters.
// - stats_open: one row per assignment that still has a step whose deadline can pass (unsigned,
//   undecided, awaiting a reply, awaiting a rating): the deadlines of those steps, so the
//   cut-off-dependent figures (overdue, denominators, 超期未评 without an expiry event) are counted
//   at query time from these few rows rather than from every assignment.
// Both are derived data: recomputeStats (workers/services/stats/recompute.ts) rebuilds them from
// the event log. Both carry the case's kind (信访事项 / 网上问政 / 12345工单, immutable once
// registered): the figures of one kind read only its rows, those of all kinds sum them.
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { DailyCounter } from '../../workers/domain/stats/contributions';
import { CASE_KINDS } from './cases';
import { tenants } from './tenancy';

const counter = (name: string) => integer(name).notNull().default(0);

/** One column per DAILY_COUNTER (the `satisfies` below fails to compile when they drift apart). */
const dailyCounterColumns = {
  received: counter('received'),
  returned: counter('returned'),
  closed: counter('closed'),
  acceptanceDecided: counter('acceptance_decided'),
  acceptedInTime: counter('accepted_in_time'),
  replied: counter('replied'),
  repliedInTime: counter('replied_in_time'),
  rated: counter('rated'),
  satisfied: counter('satisfied'),
  basicallySatisfied: counter('basically_satisfied'),
  unsatisfied: counter('unsatisfied'),
  unratedExpired: counter('unrated_expired'),
  bureauRated: counter('bureau_rated'),
  bureauSatisfied: counter('bureau_satisfied'),
  oneTimeSettled: counter('one_time_settled'),
  oneTimeResolved: counter('one_time_resolved'),
  repeatReceived: counter('repeat_received'),
  closedInPeriod: counter('closed_in_period'),
  closedDaysSum: counter('closed_days_sum'),
  cases: counter('cases'),
  repeatCases: counter('repeat_cases'),
} satisfies Record<DailyCounter, unknown>;

export const statsDaily = sqliteTable(
  'stats_daily',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** a unit id, or '*' for the case-level counters */
    unitId: text('unit_id').notNull(),
    /** local calendar day (tenant time zone), YYYY-MM-DD */
    day: text('day').notNull(),
    /** the kind of the cases counted in the row */
    kind: text('kind', { enum: CASE_KINDS }).notNull(),
    ...dailyCounterColumns,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.unitId, t.day, t.kind] }),
    index('stats_daily_tenant_day_idx').on(t.tenantId, t.day),
  ],
);

export const statsOpen = sqliteTable(
  'stats_open',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    assignmentId: text('assignment_id').notNull(),
    caseId: text('case_id').notNull(),
    /** the case's kind (the default only for the migration that added it: writes name it) */
    kind: text('kind', { enum: CASE_KINDS }).notNull().default('petition'),
    unitId: text('unit_id').notNull(),
    dispatchedAt: integer('dispatched_at').notNull(),
    /** local day of dispatch: the period the assignment belongs to */
    dispatchDay: text('dispatch_day').notNull(),
    /** the case is a confirmed repeat (kept in step by the repeat confirmation) */
    isRepeat: integer('is_repeat', { mode: 'boolean' }).notNull().default(false),
    /** deadlines of the steps still open (null when done or not reached): OpenDeadlines */
    signDueAt: integer('sign_due_at'),
    acceptDueAt: integer('accept_due_at'),
    firstReplyDueAt: integer('first_reply_due_at'),
    replyDueAt: integer('reply_due_at'),
    ratingDueAt: integer('rating_due_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.assignmentId] }),
    index('stats_open_tenant_day_idx').on(t.tenantId, t.dispatchDay, t.unitId),
  ],
);

/**
 * Tenants whose stats_daily must be rebuilt from the event log before it is read (a migration that
 * could not derive a new column of the aggregates in SQL asks for it; ensureStatsCurrent in
 * workers/services/stats/recompute.ts does it, once, on the tenant's next statistics request).
 */
export const statsRebuildRequests = sqliteTable('stats_rebuild_requests', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  reason: text('reason').notNull(),
  requestedAt: integer('requested_at').notNull(),
});
