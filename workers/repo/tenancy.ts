// Queries for tenants, units, users, sessions, tokens, categories and settings.
import { and, asc, eq, isNull } from 'drizzle-orm';
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

export const listTenants = (db: Db) => db.select().from(tenants).orderBy(asc(tenants.createdAt));

export const findUserByLogin = async (db: Db, login: string) =>
  (await db.select().from(users).where(eq(users.login, login)).limit(1))[0] ?? null;

export const findUserById = async (db: Db, id: string) =>
  (await db.select().from(users).where(eq(users.id, id)).limit(1))[0] ?? null;

export const findTenantUser = async (db: Db, tenantId: string, id: string) =>
  (
    await db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, id)))
      .limit(1)
  )[0] ?? null;

export const listUsers = (db: Db, tenantId: string) =>
  db.select().from(users).where(eq(users.tenantId, tenantId)).orderBy(asc(users.login));

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

export const listReplyTemplates = (db: Db, tenantId: string) =>
  db
    .select()
    .from(replyTemplates)
    .where(eq(replyTemplates.tenantId, tenantId))
    .orderBy(asc(replyTemplates.name));
