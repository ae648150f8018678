// Tenant administration: tenants, units, users, categories, settings, tokens, holidays, templates.
// Every change writes an event in the same batch, so the audit trail cannot miss one.
import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import {
  apiTokens,
  categories,
  holidayOverrides,
  replyTemplates,
  tenantSettings,
  tenants,
  units,
  users,
} from '../../db/schema';
import type { Role } from '../../db/schema/tenancy';
import type { Actor, AppDeps, ServiceCtx } from '../api/context';
import { resolveSettings } from '../domain/settings';
import { AppError, conflict, invalid, notFound, requireChanges } from '../lib/errors';
import { newId, randomString, sha256Hex } from '../lib/ids';
import { hashPassword, passwordProblem } from '../lib/password';
import { forgetTenants } from '../repo/tenant-cache';
import { affected, bureauUnit, forgetCalendars, guardedEvent } from './workflow/common';
import { insertEvent } from '../repo/events';
import { addressLocksUntil, forgetLoginFailures } from './auth';
import {
  countUsableAdmins,
  endSessionsOf,
  endTenantSessions,
  findCategory,
  findReplyTemplate,
  findTenantById,
  findTenantBySlug,
  findTenantUser,
  inScope,
  listUsers,
  findUnit,
  getSettingsRow,
  listCategories,
  listTenantsWithReadiness,
  listUnits,
  loginTaken,
} from '../repo/tenancy';

/** Paths the app itself serves at the top level; a county cannot take them as its slug. */
export const RESERVED_SLUGS = new Set([
  'api',
  'console',
  'portal',
  'assets',
  'healthz',
  'docs',
  'static',
  'admin',
]);

type Ctx = Pick<ServiceCtx, 'db' | 'clock' | 'deps' | 'tenant' | 'actor'>;

export async function createTenant(
  deps: AppDeps,
  actor: Actor | null,
  input: { slug: string; name: string; settings?: Record<string, unknown> },
) {
  const { db, clock } = deps;
  if (RESERVED_SLUGS.has(input.slug))
    throw invalid('该标识为系统保留字', [{ path: 'slug', message: '系统保留字' }]);
  if (await findTenantBySlug(db, input.slug)) throw conflict('该县区标识已被使用');
  const now = clock.now();
  const id = newId();
  const bureauId = newId();
  await db.batch([
    db.insert(tenants).values({ id, slug: input.slug, name: input.name, createdAt: now }),
    db.insert(tenantSettings).values({ tenantId: id, settings: input.settings ?? {}, updatedAt: now }),
    // Every county has its petition bureau; dispatchers belong to it and it is the "bureau" rated apart.
    db
      .insert(units)
      .values({ id: bureauId, tenantId: id, name: `${input.name}信访局`, kind: 'bureau', createdAt: now }),
    insertEvent(db, actor, {
      tenantId: id,
      type: 'tenant.created',
      at: now,
      payload: { slug: input.slug, name: input.name },
    }),
  ]);
  forgetTenants();
  return { id, slug: input.slug, name: input.name, active: true, createdAt: now, bureauUnitId: bureauId };
}

/**
 * A county is created enabled, so its administrator can set it up at once, but citizens find it in
 * the portal's list only when it can take cases: an active content category and someone to route
 * them (an active dispatcher or county admin). Until then `missing` says what it lacks.
 */
export function tenantStatus(t: Awaited<ReturnType<typeof listTenantsWithReadiness>>[number]) {
  const missing = [
    ...(t.hasCategory ? [] : ['启用的内容分类']),
    ...(t.hasRouter ? [] : ['启用的信访局工作人员或县级管理员']),
  ];
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    active: t.active,
    createdAt: t.createdAt,
    listed: t.active && missing.length === 0,
    missing,
  };
}

/** The counties citizens may choose from (the portal's list and the site's front page). */
export const listPublicTenants = async (db: Db) =>
  (await listTenantsWithReadiness(db))
    .map(tenantStatus)
    .filter((t) => t.listed)
    .map((t) => ({ slug: t.slug, name: t.name }));

export async function createUnit(
  ctx: Ctx,
  input: {
    name: string;
    kind: 'township' | 'department' | 'bureau';
    parentId?: string | null;
    sort?: number;
  },
) {
  const { db, tenant, actor } = ctx;
  if (input.parentId && !(await findUnit(db, tenant.id, input.parentId)))
    throw invalid('上级单位不存在', [{ path: 'parentId', message: '上级单位不存在' }]);
  const dup = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenant.id), eq(units.name, input.name)))
    .limit(1);
  if (dup.length) throw conflict('已有同名单位');
  // one bureau a county: its papers, 平台自办 and the dispatchers' desk are that unit's
  if (input.kind === 'bureau' && (await bureauUnit(ctx)))
    throw conflict('本县已有信访部门单位，不能再建一个', [{ path: 'kind', message: '已有信访部门' }]);
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    tenantId: tenant.id,
    name: input.name,
    kind: input.kind,
    parentId: input.parentId ?? null,
    sort: input.sort ?? 0,
    active: true,
    createdAt: now,
  };
  await db.batch([
    db.insert(units).values(row),
    insertEvent(db, actor, {
      tenantId: tenant.id,
      type: 'unit.created',
      at: now,
      payload: { unitId: row.id, name: row.name, kind: row.kind },
    }),
  ]);
  return row;
}

/** What a pasted line may say of its unit's type, after the name (乡镇/街道 or 县直部门). */
const UNIT_KIND_WORDS: Record<string, 'township' | 'department'> = {
  乡镇: 'township',
  街道: 'township',
  '乡镇/街道': 'township',
  乡镇街道: 'township',
  township: 'township',
  县直部门: 'department',
  部门: 'department',
  department: 'department',
};
/** Lines of a pasted list beyond which the batch is refused: a county has some dozens of units. */
export const UNIT_IMPORT_MAX = 300;

/**
 * Units pasted as a list, one a line: `名称`, or `名称,类型` (a tab or a Chinese comma too) where the
 * line's type differs from the batch's. Blank lines are skipped. Every line is checked first (name
 * length, type, the same name twice, a name the county already has) and any error refuses the whole
 * batch, each error naming its line; otherwise all are created at once, each an audited
 * unit.created, sorted in the order pasted after the units already there.
 */
export async function importUnits(ctx: Ctx, input: { text: string; kind: 'township' | 'department' }) {
  const { db, tenant, actor } = ctx;
  const existing = await listUnits(db, tenant.id);
  const taken = new Set(existing.map((u) => u.name));
  const problems: { path: string; line: number; message: string }[] = [];
  const seen = new Map<string, number>();
  const planned: { line: number; name: string; kind: 'township' | 'department' }[] = [];
  const lines = input.text.split(/\r\n|\r|\n/);
  if (lines.filter((l) => l.trim()).length > UNIT_IMPORT_MAX)
    throw invalid(`一次最多导入 ${UNIT_IMPORT_MAX} 个单位，请分批导入`, [
      { path: 'text', message: `最多 ${UNIT_IMPORT_MAX} 行` },
    ]);
  // the line's unit, or what is wrong with it
  const read = (raw: string, line: number): string | { name: string; kind: 'township' | 'department' } => {
    const [namePart = '', kindPart, ...more] = raw.split(/[\t,，]/).map((x) => x.trim());
    const name = namePart.replace(/\s+/g, ' ');
    if (more.some(Boolean)) return '每行只写单位名称和（可选的）类型，用逗号隔开';
    if (!name) return '单位名称不能为空';
    if ([...name].length > 40) return `单位名称不能超过 40 个字（现 ${[...name].length} 个）`;
    const kind = kindPart ? UNIT_KIND_WORDS[kindPart] : input.kind;
    if (!kind) return `类型“${kindPart}”无法识别，应为“乡镇/街道”或“县直部门”`;
    if (taken.has(name)) return `本县已有单位“${name}”`;
    const first = seen.get(name);
    if (first) return `“${name}”与第 ${first} 行重复`;
    seen.set(name, line);
    return { name, kind };
  };
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    const got = read(raw, i + 1);
    if (typeof got === 'string')
      problems.push({ path: 'text', line: i + 1, message: `第 ${i + 1} 行：${got}` });
    else planned.push({ line: i + 1, ...got });
  }
  if (problems.length)
    throw new AppError(
      'VALIDATION',
      `导入未执行：${problems.length} 行有误，请改正后整批重新导入（${problems[0]!.message}）`,
      problems.slice(0, 100),
    );
  if (!planned.length)
    throw invalid('没有要导入的单位：请每行写一个单位名称', [{ path: 'text', message: '没有单位' }]);
  const now = ctx.clock.now();
  const sortBase = Math.max(0, ...existing.map((u) => u.sort));
  const rows = planned.map((p, i) => ({
    id: newId(),
    tenantId: tenant.id,
    name: p.name,
    kind: p.kind,
    parentId: null,
    sort: sortBase + i + 1,
    active: true,
    createdAt: now,
  }));
  const writes: BatchItem<'sqlite'>[] = rows.flatMap((row) => [
    db.insert(units).values(row),
    insertEvent(db, actor, {
      tenantId: tenant.id,
      type: 'unit.created',
      at: now,
      payload: { unitId: row.id, name: row.name, kind: row.kind, imported: true },
    }),
  ]);
  await db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return { created: rows.length, items: rows };
}

export async function updateUnit(
  ctx: Ctx,
  id: string,
  input: { name?: string; parentId?: string | null; sort?: number; active?: boolean },
) {
  const { db, tenant, actor } = ctx;
  const all = await listUnits(db, tenant.id);
  const unit = all.find((u) => u.id === id);
  if (!unit) throw notFound('单位');
  if (input.parentId) assertUnitParent(all, id, input.parentId);
  if (input.name !== undefined && all.some((u) => u.id !== id && u.name === input.name))
    throw UNIT_NAME_TAKEN();
  const now = ctx.clock.now();
  await uniqueOr(
    UNIT_NAME_TAKEN,
    db.batch([
      db
        .update(units)
        .set(requireChanges(input))
        .where(and(eq(units.tenantId, tenant.id), eq(units.id, id))),
      insertEvent(db, actor, {
        tenantId: tenant.id,
        type: 'unit.updated',
        at: now,
        payload: { unitId: id, ...input },
      }),
    ]),
  );
  return { ...unit, ...input };
}

/** Awaits a write; the unique index refusing it (two administrators at the same moment) answers `taken`. */
async function uniqueOr(taken: () => AppError, write: Promise<unknown>) {
  try {
    await write;
  } catch (e) {
    if (refusedAsDuplicate(e)) throw taken();
    throw e;
  }
}

/**
 * Whether the database refused a write for a unique index: SQLite and D1 say UNIQUE, in the error
 * itself or in the cause drizzle wraps it in ("Failed query: …").
 */
function refusedAsDuplicate(e: unknown): boolean {
  for (let x = e, depth = 0; x != null && depth < 5; x = (x as { cause?: unknown }).cause, depth++)
    if (String(x).includes('UNIQUE constraint failed')) return true;
  return false;
}

const UNIT_NAME_TAKEN = () => conflict('已有同名单位', [{ path: 'name', message: '已有同名单位' }]);

/**
 * A unit's new parent must exist and must not be the unit itself or one of its sub-units: a cycle
 * (城关镇 under 青禾街道 under 城关镇) has no root, and both would drop out of the unit tree.
 */
function assertUnitParent(all: { id: string; parentId: string | null }[], id: string, parentId: string) {
  const byId = new Map(all.map((u) => [u.id, u]));
  if (!byId.has(parentId)) throw invalid('上级单位不存在', [{ path: 'parentId', message: '上级单位不存在' }]);
  // walk up from the new parent; a chain longer than the unit list is an older cycle: refuse too
  let at: string | null = parentId;
  for (let steps = 0; at !== null; steps++) {
    if (at === id || steps > all.length)
      throw invalid('不能把单位设为它自己或它下级单位的下级', [
        { path: 'parentId', message: '上级单位不能是本单位或本单位的下级' },
      ]);
    at = byId.get(at)?.parentId ?? null;
  }
}

/** Whether a sibling has this name (at the top level too, where the unique index sees the NULLs apart). */
async function siblingCategoryNamed(
  db: Db,
  tenantId: string,
  parentId: string | null,
  name: string,
  exceptId?: string,
) {
  return (await listCategories(db, tenantId)).some(
    (c) => c.parentId === parentId && c.name === name && c.id !== exceptId,
  );
}

const CATEGORY_NAME_TAKEN = () =>
  conflict('同一上级下已有同名分类', [{ path: 'name', message: '同一上级下已有同名分类' }]);

export function publicUser(u: typeof users.$inferSelect, now = 0) {
  return {
    id: u.id,
    tenantId: u.tenantId,
    login: u.login,
    name: u.name,
    role: u.role,
    unitId: u.unitId,
    active: u.active,
    locked: u.lockedUntil != null && u.lockedUntil > now,
    lockedUntil: u.lockedUntil,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
  };
}

/**
 * A county's accounts, or with null the platform admins', as their administrator sees them: with
 * when a lock on one of their addresses ends (five wrong passwords from one address lock the
 * account there alone; the administrator can lift it).
 */
export async function listAccounts(deps: AppDeps, tenantId: string | null) {
  const now = deps.clock.now();
  const [list, addressLocks] = await Promise.all([
    listUsers(deps.db, tenantId),
    addressLocksUntil(deps.db, tenantId, now),
  ]);
  return list.map((u) => ({ ...publicUser(u, now), addressLockedUntil: addressLocks.get(u.id) ?? null }));
}

const UNIT_ROLES: Role[] = ['handler', 'unit_leader'];

/**
 * Also what the loser of two administrators giving one login at once reads: both pass the check
 * below, and the unique index on lower(login) refuses the second write.
 */
const LOGIN_TAKEN = () =>
  conflict('该登录名已被使用（登录名不区分大小写）', [
    { path: 'login', message: '该登录名已被使用（不区分大小写）' },
  ]);

/**
 * A role sits in a unit of its kind: handlers and unit leaders in a township or department (the
 * bureau's own cases are its dispatchers' 平台自办), a dispatcher in the bureau if in any unit, a
 * county leader in none (the whole county is theirs to read). Checked where a role or unit is set.
 */
function assertRoleFitsUnit(role: Role, unit: { kind: string } | null) {
  const at = [{ path: 'unitId', message: '角色与所属单位不符' }];
  if (UNIT_ROLES.includes(role) && unit?.kind === 'bureau')
    throw invalid('信访部门的工作人员请设为“调度员”；承办人和单位领导属于乡镇（街道）或县直部门', at);
  if (role === 'dispatcher' && unit && unit.kind !== 'bureau')
    throw invalid('调度员属于信访部门；乡镇（街道）和部门的工作人员请设为承办人或单位领导', at);
  if (role === 'county_leader' && unit) throw invalid('县领导不属于某个承办单位，请不要选择单位', at);
}

export async function createUser(
  deps: AppDeps,
  actor: Actor | null,
  tenantId: string | null,
  input: {
    login: string;
    password: string;
    name: string;
    role: Role;
    unitId?: string | null;
    /**
     * The administrator chose the first password, so by default the user must replace it at first
     * login; false only where nobody else knows it (the demo accounts, test fixtures).
     */
    mustChangePassword?: boolean;
  },
) {
  const { db, clock } = deps;
  const problem = passwordProblem(input.password);
  if (problem) throw invalid(problem, [{ path: 'password', message: problem }]);
  if (input.role === 'platform_admin' ? tenantId !== null : tenantId === null)
    throw invalid('角色与所属县区不符');
  if (UNIT_ROLES.includes(input.role) && !input.unitId)
    throw invalid('承办人和单位领导必须指定所属单位', [{ path: 'unitId', message: '必须指定所属单位' }]);
  const unit = input.unitId && tenantId ? await findUnit(db, tenantId, input.unitId) : null;
  if (input.unitId && !unit) throw invalid('所属单位不存在', [{ path: 'unitId', message: '所属单位不存在' }]);
  assertRoleFitsUnit(input.role, unit ?? null);
  if (await loginTaken(db, input.login)) throw LOGIN_TAKEN();
  const now = clock.now();
  const row = {
    id: newId(),
    tenantId,
    login: input.login,
    name: input.name,
    role: input.role,
    unitId: input.unitId ?? null,
    passwordHash: await hashPassword(input.password, deps.passwordIterations),
    mustChangePassword: input.mustChangePassword ?? true,
    createdAt: now,
  };
  const created = db.batch([
    db.insert(users).values(row),
    insertEvent(db, actor, {
      tenantId,
      type: 'user.created',
      at: now,
      payload: {
        userId: row.id,
        login: row.login,
        role: row.role,
        unitId: row.unitId,
        mustChangePassword: row.mustChangePassword,
      },
    }),
  ]);
  await uniqueOr(LOGIN_TAKEN, created);
  return publicUser({
    ...row,
    active: true,
    failedLogins: 0,
    firstFailedAt: null,
    lockedUntil: null,
    lastLoginAt: null,
    phone: null,
  });
}

/** Far enough ahead to mean "until an administrator unlocks it". */
const ADMIN_LOCK_MS = 100 * 365 * 86400_000;

type AccountChange = {
  login?: string;
  name?: string;
  role?: Role;
  unitId?: string | null;
  active?: boolean;
  password?: string;
  unlock?: boolean;
  lock?: boolean;
};

/** A county administrator changes one of the county's accounts. */
export const updateUser = (ctx: Ctx, id: string, input: AccountChange) =>
  updateAccount(ctx.deps, ctx.actor, ctx.tenant.id, id, input);

/**
 * Changes an account of a county, or with a null tenant a platform admin's (whose role and unit do
 * not change). Neither scope may lose its last usable administrator, and nobody locks, disables or
 * demotes themselves.
 */
export async function updateAccount(
  deps: AppDeps,
  actor: Actor,
  tenantId: string | null,
  id: string,
  input: AccountChange,
) {
  const { db } = deps;
  const user = await findTenantUser(db, tenantId, id);
  if (!user) throw notFound('用户');
  if (tenantId === null && (input.role !== undefined || input.unitId !== undefined))
    throw invalid('平台管理员没有角色和单位可改');
  if (tenantId !== null && input.role === 'platform_admin') throw invalid('不能授予平台管理员角色');
  const role = input.role ?? user.role;
  const unitId = input.unitId === undefined ? user.unitId : input.unitId;
  if (UNIT_ROLES.includes(role) && !unitId) throw invalid('承办人和单位领导必须指定所属单位');
  const unit = unitId && tenantId ? await findUnit(db, tenantId, unitId) : null;
  if (unitId && !unit) throw invalid('所属单位不存在');
  if (input.role !== undefined || input.unitId !== undefined) assertRoleFitsUnit(role, unit ?? null);
  if (input.login !== undefined && input.login !== user.login && (await loginTaken(db, input.login, id)))
    throw LOGIN_TAKEN();
  const now = deps.clock.now();
  const adminRole = tenantId === null ? 'platform_admin' : 'tenant_admin';
  const deactivated = input.active === false && user.active;
  const demoted = role !== user.role && user.role === adminRole;
  const locked = input.lock === true && !(user.lockedUntil != null && user.lockedUntil > now);
  if ((deactivated || demoted || locked) && user.role === adminRole) {
    if (id === actor.id) throw conflict('不能停用、锁定或降级自己的账号，请由另一位管理员操作');
    if (user.active && (await countUsableAdmins(db, tenantId, now, id)) === 0)
      throw conflict(
        tenantId === null
          ? '这是最后一位可用的平台管理员，请先新建另一位平台管理员'
          : '这是本县最后一位可用的县级管理员，请先为本县设置另一位管理员',
      );
  }
  const patch: Partial<typeof users.$inferInsert> = {};
  if (input.login !== undefined) patch.login = input.login;
  if (input.name !== undefined) patch.name = input.name;
  if (input.role !== undefined) patch.role = input.role;
  if (input.unitId !== undefined) patch.unitId = input.unitId;
  if (input.active !== undefined) patch.active = input.active;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalid(problem, [{ path: 'password', message: problem }]);
    patch.passwordHash = await hashPassword(input.password, deps.passwordIterations);
    patch.mustChangePassword = true;
  }
  if (input.unlock) Object.assign(patch, { lockedUntil: null, failedLogins: 0, firstFailedAt: null });
  if (input.lock) patch.lockedUntil = now + ADMIN_LOCK_MS;
  // What the user may do or who they are changed: the sessions opened before must not carry on.
  const sessionsEnded =
    deactivated || locked || input.password !== undefined || role !== user.role || unitId !== user.unitId;
  const { password: _pw, ...logged } = input;
  const writes: BatchItem<'sqlite'>[] = [
    db
      .update(users)
      .set(requireChanges(patch))
      .where(and(inScope(tenantId), eq(users.id, id))),
    insertEvent(db, actor, {
      tenantId,
      type: 'user.updated',
      at: now,
      payload: { userId: id, ...logged, passwordReset: input.password !== undefined, sessionsEnded },
    }),
  ];
  if (sessionsEnded) writes.push(endSessionsOf(db, id, now));
  if (input.unlock) writes.push(forgetLoginFailures(db, id));

  await uniqueOr(LOGIN_TAKEN, db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]));
  return publicUser({ ...user, ...patch } as typeof users.$inferSelect, now);
}

/**
 * The platform admin disables a county (its portal, API and staff logins answer as if it did not
 * exist; its staff's sessions end) or enables it again. Nothing of its data is touched.
 */
export async function setTenantActive(deps: AppDeps, actor: Actor, id: string, active: boolean) {
  const { db, clock } = deps;
  const tenant = await findTenantById(db, id);
  if (!tenant) throw notFound('县区');
  if (tenant.active === active) return { ...tenant };
  const now = clock.now();
  const writes: BatchItem<'sqlite'>[] = [
    db.update(tenants).set({ active }).where(eq(tenants.id, id)),
    insertEvent(db, actor, {
      tenantId: id,
      type: active ? 'tenant.enabled' : 'tenant.disabled',
      at: now,
      payload: { slug: tenant.slug, name: tenant.name },
    }),
  ];
  if (!active) writes.push(endTenantSessions(db, id, now));
  await db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  forgetTenants();
  return { ...tenant, active };
}

/**
 * A category's default units are units a case can be routed to: not the bureau itself (its cases
 * it answers by 平台自办; in the map it made every case of the category impossible to route) and
 * not a unit closed down.
 */
async function assertRoutable(db: Ctx['db'], tenantId: string, unitIds: readonly string[] = []) {
  for (const [i, u] of unitIds.entries()) {
    const unit = await findUnit(db, tenantId, u);
    const path = `routeUnitIds.${i}`;
    if (!unit) throw invalid('默认承办单位不存在', [{ path, message: '默认承办单位不存在' }]);
    if (unit.kind === 'bureau')
      throw invalid('信访部门本身不能作为默认承办单位；本部门直接办理的件请用“平台自办”', [
        { path, message: '不能选择信访部门' },
      ]);
    if (!unit.active)
      throw invalid(`“${unit.name}”已停用，不能作为默认承办单位`, [{ path, message: '单位已停用' }]);
  }
}

export async function createCategory(
  ctx: Ctx,
  input: {
    name: string;
    parentId?: string | null;
    routeUnitIds?: string[];
    routeToTownship?: boolean;
    sort?: number;
  },
) {
  const { db, tenant, actor } = ctx;
  if (input.parentId && !(await findCategory(db, tenant.id, input.parentId))) throw invalid('上级分类不存在');
  await assertRoutable(db, tenant.id, input.routeUnitIds);
  if (await siblingCategoryNamed(db, tenant.id, input.parentId ?? null, input.name))
    throw CATEGORY_NAME_TAKEN();
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    tenantId: tenant.id,
    name: input.name,
    parentId: input.parentId ?? null,
    routeUnitIds: input.routeUnitIds ?? [],
    routeToTownship: input.routeToTownship ?? false,
    sort: input.sort ?? 0,
    active: true,
  };
  await uniqueOr(
    CATEGORY_NAME_TAKEN,
    db.batch([
      db.insert(categories).values(row),
      insertEvent(db, actor, {
        tenantId: tenant.id,
        type: 'category.created',
        at: now,
        payload: { categoryId: row.id, name: row.name },
      }),
    ]),
  );
  return row;
}

export async function updateCategory(
  ctx: Ctx,
  id: string,
  input: {
    name?: string;
    routeUnitIds?: string[];
    routeToTownship?: boolean;
    sort?: number;
    active?: boolean;
  },
) {
  const { db, tenant, actor } = ctx;
  const cat = await findCategory(db, tenant.id, id);
  if (!cat) throw notFound('分类');
  await assertRoutable(db, tenant.id, input.routeUnitIds);
  if (input.name !== undefined && (await siblingCategoryNamed(db, tenant.id, cat.parentId, input.name, id)))
    throw CATEGORY_NAME_TAKEN();
  const now = ctx.clock.now();
  await uniqueOr(
    CATEGORY_NAME_TAKEN,
    db.batch([
      db
        .update(categories)
        .set(requireChanges(input))
        .where(and(eq(categories.tenantId, tenant.id), eq(categories.id, id))),
      insertEvent(db, actor, {
        tenantId: tenant.id,
        type: 'category.updated',
        at: now,
        payload: { categoryId: id, ...input },
      }),
    ]),
  );
  return { ...cat, ...input };
}

/** Merges a patch into the stored settings with compare-and-set on the settings version. */
export async function updateSettings(ctx: Ctx, patch: Record<string, unknown>, expectedVersion?: number) {
  const { db, tenant, actor } = ctx;
  // A patch merges into the settings as they are: two admins saving at once must not lose one
  // of the saves (nor log both). The write is guarded by the version it read; with no version
  // asked for, a lost race merges into the newer settings again.
  for (let attempt = 0; attempt < 50; attempt++) {
    const row = await getSettingsRow(db, tenant.id);
    const current = (row?.settings ?? {}) as Record<string, unknown>;
    const version = row?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== version)
      throw conflict('设置已被他人修改，请刷新后重试');
    const merged = deepMerge(current, patch);
    const now = ctx.clock.now();
    // the event is written only if the statement before it in this batch changed the row
    const written = sql`changes() = 1`;
    const event = { tenantId: tenant.id, type: 'settings.updated', at: now, payload: { patch } };
    try {
      const [result] = await db.batch([
        row
          ? db
              .update(tenantSettings)
              .set({ settings: merged, version: version + 1, updatedAt: now })
              .where(and(eq(tenantSettings.tenantId, tenant.id), eq(tenantSettings.version, version)))
          : db
              .insert(tenantSettings)
              .values({ tenantId: tenant.id, settings: merged, version: 1, updatedAt: now }),
        guardedEvent(db, actor, event, written),
      ]);
      if (affected(result) === 1) {
        forgetTenants();
        return { settings: resolveSettings(merged), version: version + 1 };
      }
    } catch (e) {
      // two first saves of a county's settings: the second insert meets the first's row
      if (row || !/UNIQUE|PRIMARY KEY/i.test(String(e))) throw e;
    }
    if (expectedVersion !== undefined) throw conflict('设置已被他人修改，请刷新后重试');
  }
  throw conflict('设置正被频繁修改，请稍后重试');
}

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

export async function createApiToken(ctx: Ctx, input: { name: string; role: Role; unitId?: string | null }) {
  const { db, tenant, actor } = ctx;
  if (input.role === 'platform_admin' || input.role === 'tenant_admin')
    throw invalid('令牌不能授予管理员角色');
  if (input.unitId && !(await findUnit(db, tenant.id, input.unitId))) throw invalid('所属单位不存在');
  if (UNIT_ROLES.includes(input.role) && !input.unitId) throw invalid('单位角色的令牌必须指定单位');
  const token = `mst_${randomString(40)}`;
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    tenantId: tenant.id,
    name: input.name,
    tokenHash: await sha256Hex(token),
    prefix: token.slice(0, 8),
    role: input.role,
    unitId: input.unitId ?? null,
    createdBy: actor.id,
    createdAt: now,
  };
  await db.batch([
    db.insert(apiTokens).values(row),
    insertEvent(db, actor, {
      tenantId: tenant.id,
      type: 'token.created',
      at: now,
      payload: { tokenId: row.id, name: row.name, role: row.role },
    }),
  ]);
  const { tokenHash: _h, ...shown } = row;
  return { ...shown, token };
}

export async function revokeApiToken(ctx: Ctx, id: string) {
  const { db, tenant, actor } = ctx;
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenant.id), eq(apiTokens.id, id)))
    .limit(1);
  if (!rows[0]) throw notFound('令牌');
  const now = ctx.clock.now();
  await db.batch([
    db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.tenantId, tenant.id), eq(apiTokens.id, id))),
    insertEvent(db, actor, { tenantId: tenant.id, type: 'token.revoked', at: now, payload: { tokenId: id } }),
  ]);
}

/** tenantId null: the national schedule (platform admin); otherwise the tenant's own closures. */
export async function setHoliday(
  db: Db,
  actor: Actor,
  tenantId: string | null,
  now: number,
  input: { day: string; workday: boolean; note?: string | null },
) {
  const [mine] = await holidayEntries(db, tenantId, input.day);
  await db.batch([
    mine
      ? db
          .update(holidayOverrides)
          .set({ workday: input.workday, note: input.note ?? null })
          .where(eq(holidayOverrides.id, mine.id))
      : db.insert(holidayOverrides).values({
          id: newId(),
          tenantId,
          day: input.day,
          workday: input.workday,
          note: input.note ?? null,
          createdAt: now,
        }),
    insertEvent(db, actor, { tenantId, type: 'holiday.set', at: now, payload: input }),
  ]);
  // the calendar cache of this process must see the new day at once
  forgetCalendars();
}

/**
 * Deletes a day's entry (tenantId null: the national one), so that the day follows the schedule
 * beneath it again: the package, or the national entry under a county's own. Audited with what it was.
 */
export async function deleteHoliday(db: Db, actor: Actor, tenantId: string | null, now: number, day: string) {
  const entries = await holidayEntries(db, tenantId, day);
  const [first] = entries;
  if (!first) throw notFound(`${day} 的安排`);
  const writes: BatchItem<'sqlite'>[] = [
    ...entries.map((r) => db.delete(holidayOverrides).where(eq(holidayOverrides.id, r.id))),
    insertEvent(db, actor, {
      tenantId,
      type: 'holiday.deleted',
      at: now,
      payload: { day, workday: first.workday, note: first.note },
    }),
  ];
  await db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  forgetCalendars();
}

/** The entries of a day: the tenant's own, or for tenantId null the national ones. */
async function holidayEntries(db: Db, tenantId: string | null, day: string) {
  const rows = await db
    .select()
    .from(holidayOverrides)
    .where(
      and(tenantId ? eq(holidayOverrides.tenantId, tenantId) : undefined, eq(holidayOverrides.day, day)),
    );
  return rows.filter((r) => r.tenantId === tenantId);
}

export async function createReplyTemplate(ctx: Ctx, input: { name: string; body: string }) {
  const { db, tenant, actor } = ctx;
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    tenantId: tenant.id,
    name: input.name,
    body: input.body,
    active: true,
    version: 1,
    createdAt: now,
  };
  await db.batch([
    db.insert(replyTemplates).values(row),
    insertEvent(db, actor, {
      tenantId: tenant.id,
      type: 'template.created',
      at: now,
      payload: { templateId: row.id, name: row.name },
    }),
  ]);
  return row;
}

const TEMPLATE_CHANGED = () =>
  conflict('模板已被他人修改，请刷新后重试', [
    { path: 'version', message: '模板已被他人修改，请刷新后重试' },
  ]);

/**
 * Corrects a reply template (name, body) or retires (停用) / restores (启用) it, guarded by the
 * version the admin read. The event carries the fields before and after; replies already written
 * from the template copied its text and are not touched.
 */
export async function updateReplyTemplate(
  ctx: Ctx,
  id: string,
  input: { version: number; name?: string; body?: string; active?: boolean },
) {
  const { db, tenant, actor } = ctx;
  const { version, ...patch } = input;
  const current = await findReplyTemplate(db, tenant.id, id);
  if (!current) throw notFound('答复模板');
  if (current.version !== version) throw TEMPLATE_CHANGED();
  const changes = requireChanges(patch);
  const keys = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => changes[k] !== undefined);
  const before = Object.fromEntries(keys.map((k) => [k, current[k]]));
  const now = ctx.clock.now();
  const event = {
    tenantId: tenant.id,
    type:
      keys.length === 1 && changes.active !== undefined
        ? changes.active
          ? 'template.restored'
          : 'template.retired'
        : 'template.updated',
    at: now,
    payload: { templateId: id, name: current.name, before, after: changes },
  };
  const [result] = await db.batch([
    db
      .update(replyTemplates)
      .set({ ...changes, version: version + 1 })
      .where(
        and(
          eq(replyTemplates.tenantId, tenant.id),
          eq(replyTemplates.id, id),
          eq(replyTemplates.version, version),
        ),
      ),
    // written only if the update above won the compare-and-set
    guardedEvent(db, actor, event, sql`changes() = 1`),
  ]);
  if (affected(result) !== 1) throw TEMPLATE_CHANGED();
  return { ...current, ...changes, version: version + 1 };
}

export function assertAdmin(actor: Actor) {
  if (actor.role !== 'tenant_admin' && actor.role !== 'platform_admin')
    throw new AppError('FORBIDDEN', '仅县级管理员可执行此操作');
}
