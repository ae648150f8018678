// Tenants (one county government each), their units, users, sessions, API tokens and settings.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const tenants = sqliteTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('tenants_slug_uq').on(t.slug)],
);

/** One JSON document of settings per tenant; defaults live in workers/domain/settings.ts. */
export const tenantSettings = sqliteTable('tenant_settings', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  settings: text('settings', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  version: integer('version').notNull().default(1),
  updatedAt: integer('updated_at').notNull(),
});

export const units = sqliteTable(
  'units',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    parentId: text('parent_id'),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['township', 'department', 'bureau'] }).notNull(),
    sort: integer('sort').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('units_tenant_name_uq').on(t.tenantId, t.name),
    index('units_tenant_parent_idx').on(t.tenantId, t.parentId),
  ],
);

export const ROLES = [
  'platform_admin',
  'tenant_admin',
  'dispatcher',
  'handler',
  'unit_leader',
  'county_leader',
] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** null only for platform admins */
    tenantId: text('tenant_id').references(() => tenants.id),
    login: text('login').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    unitId: text('unit_id').references(() => units.id),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    failedLogins: integer('failed_logins').notNull().default(0),
    firstFailedAt: integer('first_failed_at'),
    lockedUntil: integer('locked_until'),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
    lastLoginAt: integer('last_login_at'),
  },
  (t) => [
    // Logins are one regardless of case ("Zhang" is "zhang"): the database refuses the second even
    // when two administrators create them at the same moment. Migration 0016 renames older
    // duplicates before building it. SQLite's lower() folds ASCII only, all a login may hold.
    uniqueIndex('users_login_nocase_uq').on(sql`lower(${t.login})`),
    index('users_tenant_unit_idx').on(t.tenantId, t.unitId),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tenantId: text('tenant_id'),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    revokedAt: integer('revoked_at'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** SHA-256 of the token */
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    unitId: text('unit_id'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_tenant_idx').on(t.tenantId)],
);

export const categories = sqliteTable(
  'categories',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    parentId: text('parent_id'),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    /** default routing: units suggested for a case in this category (first is the lead) */
    routeUnitIds: text('route_unit_ids', { mode: 'json' }).notNull().$type<string[]>().default(sql`'[]'`),
    /** when true the township named on the case is suggested as lead */
    routeToTownship: integer('route_to_township', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [
    uniqueIndex('categories_tenant_parent_name_uq').on(t.tenantId, t.parentId, t.name),
    index('categories_tenant_idx').on(t.tenantId, t.parentId),
  ],
);

/** Holiday schedule overrides: tenantId null = the platform-wide published national schedule. */
export const holidayOverrides = sqliteTable(
  'holiday_overrides',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id'),
    day: text('day').notNull(),
    workday: integer('workday', { mode: 'boolean' }).notNull(),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('holiday_overrides_tenant_day_uq').on(t.tenantId, t.day)],
);

export const replyTemplates = sqliteTable(
  'reply_templates',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    body: text('body').notNull(),
    /** A retired (停用) template is no longer offered to handlers; replies written from it keep their copy. */
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Bumped by every edit: an admin's save names the version it read (compare-and-set). */
    version: integer('version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('reply_templates_tenant_idx').on(t.tenantId)],
);
