// Every tenant request needs the tenant and its settings; they change rarely. Remembered for two
// seconds per isolate/process, and forgotten at once in the process that changes them.
import type { Db } from '../../db/client';
import type { TenantRow } from '../api/context';
import { resolveSettings, type TenantSettings } from '../domain/settings';
import { findTenantBySlug, getSettingsRow, tenantReady } from './tenancy';

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
  ready.clear();
}

// Only a ready county is remembered: one that is being set up is asked again at every request, so
// its first category and dispatcher open the portal at once, in every process.
const ready = new Map<string, number>();

/**
 * Whether citizens may submit to this county: the readiness that lists it in the portal (an active
 * content category and an active dispatcher or county admin). A county reached by its address before
 * it is listed takes no cases that nobody could route.
 */
export async function portalOpen(db: Db, tenantId: string): Promise<boolean> {
  const now = Date.now();
  const at = ready.get(tenantId);
  if (at !== undefined && now - at < TTL_MS) return true;
  const open = await tenantReady(db, tenantId);
  if (open) ready.set(tenantId, now);
  else ready.delete(tenantId);
  return open;
}
