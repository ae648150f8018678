// Bulletins (工作通报), score deductions (考核扣分), procedure scores (制度落实) and historical import
// batches.
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CASE_KINDS } from './cases';
import { tenants } from './tenancy';

export const bulletins = sqliteTable(
  'bulletins',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    month: text('month').notNull(),
    /**
     * Which cases the bulletin reports: all, or one kind (信访事项, 网上问政, 12345工单); one
     * published bulletin per tenant, month and scope. Those published before scopes were 'all'.
     */
    scope: text('scope', { enum: ['all', ...CASE_KINDS] })
      .notNull()
      .default('all'),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    cutoff: integer('cutoff').notNull(),
    title: text('title').notNull(),
    content: text('content', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    createdAt: integer('created_at').notNull(),
    createdBy: text('created_by'),
    publishedAt: integer('published_at'),
    publishedBy: text('published_by'),
  },
  (t) => [index('bulletins_tenant_month_idx').on(t.tenantId, t.month, t.status)],
);

export const deductions = sqliteTable(
  'deductions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    unitId: text('unit_id').notNull(),
    month: text('month').notNull(),
    /** city (市级通报) or county (县级通报) or other */
    level: text('level', { enum: ['city', 'county', 'other'] }).notNull(),
    points: real('points').notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    /** a deduction recorded by mistake is revoked (kept, with who and why), never deleted */
    revokedAt: integer('revoked_at'),
    revokedBy: text('revoked_by'),
    revokeReason: text('revoke_reason'),
  },
  (t) => [index('deductions_tenant_month_idx').on(t.tenantId, t.month, t.unitId)],
);

/**
 * 制度落实: the points the bureau gives a unit for a month for duties the system does not see
 * (联席会议, 下沉接访, 台账). One row per unit and month; points null = no entry (full weight). Every
 * change is an event (procedure_score.set, with the previous value).
 */
export const procedureScores = sqliteTable(
  'procedure_scores',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    unitId: text('unit_id').notNull(),
    month: text('month').notNull(),
    points: real('points'),
    note: text('note'),
    recordedBy: text('recorded_by'),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('procedure_scores_tenant_month_unit_uq').on(t.tenantId, t.month, t.unitId)],
);

export const importBatches = sqliteTable(
  'import_batches',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    lineCount: integer('line_count').notNull(),
    importedCount: integer('imported_count').notNull(),
    skippedCount: integer('skipped_count').notNull(),
    errors: text('errors', { mode: 'json' }).$type<unknown[]>(),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('import_batches_tenant_id_uq').on(t.tenantId, t.id)],
);
