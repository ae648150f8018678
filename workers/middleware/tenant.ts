// Resolves /api/t/:tenant to a tenant and its settings. Staff of another tenant get NOT_FOUND, the
// same as a tenant that does not exist, so nothing about other counties leaks.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, TenantRow } from '../api/context';
import { resolveSettings } from '../domain/settings';
import { AppError, notFound } from '../lib/errors';
import { findTenantBySlug, getSettingsRow } from '../repo/tenancy';

/** Loads the tenant; public (portal) routes use this alone. */
export const loadTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const slug = c.req.param('tenant') ?? '';
  const { db } = c.get('deps');
  const tenant: TenantRow | null = /^[a-z0-9-]{2,40}$/.test(slug) ? await findTenantBySlug(db, slug) : null;
  if (!tenant?.active) throw notFound('县区');
  const row = await getSettingsRow(db, tenant.id);
  c.set('tenant', tenant);
  c.set('settings', resolveSettings(row?.settings ?? {}));
  await next();
};

/** Staff routes: the actor must belong to this tenant (platform admins may enter any). */
export const requireTenantMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('actor');
  const tenant = c.get('tenant');
  if (!actor || actor.kind === 'citizen') throw new AppError('UNAUTHORIZED', '请先登录，或登录已超时');
  if (actor.role !== 'platform_admin' && actor.tenantId !== tenant.id) throw notFound('县区');
  await next();
};
