// Every tenant request needs the tenant and its settings; they change rarely. Remembered for two
// seconds per isolate/process, and forgotten at once in the process that changes them.
import type { Db } from '../../db/client';
import type { TenantRow } from '../api/context';
import { resolveSettings, type TenantSettings } from '../domain/settings';
import { findTenantBySlug, getSettingsRow } from './tenancy';

const TTL_MS = 2_000;
const cache = new Map<string, { at: number; tenant: TenantRow | null; settings: TenantSettings | null }>();

export async function tenantWithSettings(db: Db, slug: string) {
  const now = Date.now();
  const hit = cache.get(slug);
  if (hit && now - hit.at < TTL_MS) return hit;
  const tenant = await findTenantBySlug(db, slug);
  const settings = tenant ? resolveSettings((await getSettingsRow(db, tenant.id))?.settings ?? {}) : null;
  const entry = { at: now, tenant, settings };
  cache.set(slug, entry);
  return entry;
}

export function forgetTenants(): void {
  cache.clear();
}
