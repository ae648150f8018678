// Resolves /api/t/:tenant to a tenant and its settings. Staff of another tenant get NOT_FOUND, the
// same as a tenant that does not exist, so nothing about other counties leaks.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv, TenantRow } from '../api/context';
import { AppError, notFound } from '../lib/errors';
import { tenantWithSettings } from '../repo/tenant-cache';

/** Loads the tenant; public (portal) routes use this alone. */
export const loadTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const slug = c.req.param('tenant') ?? '';
  const { db } = c.get('deps');
  const found = /^[a-z0-9-]{2,40}$/.test(slug) ? await tenantWithSettings(db, slug) : null;
  const tenant: TenantRow | null | undefined = found?.tenant;
  if (!tenant?.active || !found?.settings) throw notFound('县区');
  c.set('tenant', tenant);
  c.set('settings', found.settings);
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
