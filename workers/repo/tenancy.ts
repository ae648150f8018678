// Queries for tenants, units, users, sessions, tokens, categories and settings.
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  apiTokens,
  categories,
  holidayOverrides,
  replyTemplates,
  sessions,
  tenantSettings,
  tenants,
  units,
  users,
} from '../../db/schema';

export const findTenantBySlug = async (db: Db, slug: string) =>
  (await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1))[0] ?? null;

export const findTenantById = async (db: Db, id: string) =>
  (await db.select().from(tenants).where(eq(tenants.id, id)).limit(1))[0] ?? null;

/**
 * Every tenant with what a citizen needs before its portal is listed: an active content category
 * and someone to route the cases (an active dispatcher or county admin).
 */
const readiness = {
  // spelled out: drizzle leaves columns unqualified in a one-table select, and both tables have
  // tenant_id and active
  hasCategory: sql<number>`EXISTS (SELECT 1 FROM categories c WHERE c.tenant_id = tenants.id AND c.active = 1)`,
  hasRouter: sql<number>`EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = tenants.id AND u.active = 1 AND u.role IN ('dispatcher', 'tenant_admin'))`,
};

export const listTenantsWithReadiness = (db: Db) =>
  db
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      active: tenants.active,
      createdAt: tenants.createdAt,
      ...readiness,
    })
    .from(tenants)
    .orderBy(asc(tenants.createdAt));

/** The same readiness for one county: whether its portal may take submissions. */
export async function tenantReady(db: Db, tenantId: string): Promise<boolean> {
  const row = (await db.select(readiness).from(tenants).where(eq(tenants.id, tenantId)).limit(1))[0];
  return Boolean(row?.hasCategory && row.hasRouter);
}

const sameLogin = (login: string) => sql`lower(${users.login}) = lower(${login})`;

/**
 * Logins are compared without regard to case, and the unique index on lower(login) leaves one row
 * at most (migration 0016 renamed the older rows that differed only by case). Were there several,
 * the exact spelling would win, and a login matching several others only by case would match none.
 */
export async function findUserByLogin(db: Db, login: string) {
  const rows = await db.select().from(users).where(sameLogin(login));
  return rows.find((u) => u.login === login) ?? (rows.length === 1 ? rows[0]! : null);
}

/** Whether another account already has this login in any spelling of case. */
export const loginTaken = async (db: Db, login: string, exceptUserId?: string) =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(and(sameLogin(login), exceptUserId ? ne(users.id, exceptUserId) : undefined))
      .limit(1)
  ).length > 0;

/** A county's accounts, or with null the platform admins' (who belong to no county). */
export const inScope = (tenantId: string | null) =>
  tenantId === null ? isNull(users.tenantId) : eq(users.tenantId, tenantId);

/**
 * Admins who can still sign in (active, not locked at `now`): a county's administrators, or with
 * null the platform admins.
 */
export const countUsableAdmins = async (db: Db, tenantId: string | null, now: number, exceptUserId: string) =>
  (
    await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inScope(tenantId),
          eq(users.role, tenantId === null ? 'platform_admin' : 'tenant_admin'),
          eq(users.active, true),
          ne(users.id, exceptUserId),
          sql`(${users.lockedUntil} IS NULL OR ${users.lockedUntil} <= ${now})`,
        ),
      )
  ).length;

/** Ends a user's sessions, all or all but the one in use (an update for the caller's batch). */
export const endSessionsOf = (db: Db, userId: string, now: number, keep?: string) =>
  db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keep ? ne(sessions.id, keep) : undefined),
    );

/** Ends every session of a tenant's staff (the tenant is being disabled). */
export const endTenantSessions = (db: Db, tenantId: string, now: number) =>
  db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tenantId, tenantId), isNull(sessions.revokedAt)));

export const findUserById = async (db: Db, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)).limit(1))[0] ?? null;

export const findTenantUser = async (db: Db, tenantId: string | null, id: string) =>
  (
    await db
      .select()
      .from(users)
      .where(and(inScope(tenantId), eq(users.id, id)))
      .limit(1)
  )[0] ?? null;

export const listUsers = (db: Db, tenantId: string | null) =>
  db.select().from(users).where(inScope(tenantId)).orderBy(asc(users.login));

export const findSession = async (db: Db, id: string) =>
  (await db.select().from(sessions).where(eq(sessions.id, id)).limit(1))[0] ?? null;

export const findToken = async (db: Db, tokenHash: string) =>
  (await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1))[0] ?? null;

export const listTokens = (db: Db, tenantId: string) =>
  db.select().from(apiTokens).where(eq(apiTokens.tenantId, tenantId)).orderBy(asc(apiTokens.createdAt));

export const findUnit = async (db: Db, tenantId: string, id: string) =>
  (
    await db
      .select()
      .from(units)
      .where(and(eq(units.tenantId, tenantId), eq(units.id, id)))
      .limit(1)
  )[0] ?? null;

export const listUnits = (db: Db, tenantId: string) =>
  db
    .select()
    .from(units)
    .where(eq(units.tenantId, tenantId))
    .orderBy(asc(units.kind), asc(units.sort), asc(units.name));

export const findCategory = async (db: Db, tenantId: string, id: string) =>
  (
    await db
      .select()
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)))
      .limit(1)
  )[0] ?? null;

export const categoryExists = async (db: Db, tenantId: string, id: string) =>
  (
    await db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)))
      .limit(1)
  ).length > 0;

export const listCategories = (db: Db, tenantId: string) =>
  db
    .select()
    .from(categories)
    .where(eq(categories.tenantId, tenantId))
    .orderBy(asc(categories.sort), asc(categories.name));

export const getSettingsRow = async (db: Db, tenantId: string) =>
  (await db.select().from(tenantSettings).where(eq(tenantSettings.tenantId, tenantId)).limit(1))[0] ?? null;

/** The national schedule entered by the platform admin (tenantId null) plus the tenant's own. */
export async function listHolidayOverrides(db: Db, tenantId: string) {
  const [national, own] = await Promise.all([
    db.select().from(holidayOverrides).where(isNull(holidayOverrides.tenantId)),
    db.select().from(holidayOverrides).where(eq(holidayOverrides.tenantId, tenantId)),
  ]);
  return { national, own };
}

/** A county's reply templates: those offered to handlers, or with `retired` the 停用 ones too (the admin's list). */
export const listReplyTemplates = (db: Db, tenantId: string, opts: { retired?: boolean } = {}) =>
  db
    .select()
    .from(replyTemplates)
    .where(
      and(eq(replyTemplates.tenantId, tenantId), opts.retired ? undefined : eq(replyTemplates.active, true)),
    )
    .orderBy(asc(replyTemplates.name));

export const findReplyTemplate = async (db: Db, tenantId: string, id: string) =>
  (
    await db
      .select()
      .from(replyTemplates)
      .where(and(eq(replyTemplates.tenantId, tenantId), eq(replyTemplates.id, id)))
  )[0];
