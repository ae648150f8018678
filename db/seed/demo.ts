// Seeds the demo county on an empty database: its tenancy at once, then ~3,000 cases through the
// workflow services (in the background on `npm start`, so the product is usable meanwhile).
import { and, eq, max } from 'drizzle-orm';
import type { AppDeps } from '../../workers/api/context';
import { bulletins, cases, tenants } from '../schema';
import { seedDemoCases } from './demo-cases';
import { seedDemoTenancy } from './demo-tenancy';

export async function seedDemo(deps: AppDeps, opts: { count?: number; signal?: { stopped: boolean } } = {}) {
  const tenancy = await seedDemoTenancy(deps);
  if (!tenancy) return null;
  return {
    tenant: 'demo',
    units: Object.keys(tenancy.unitIds).length,
    users: Object.keys(tenancy.userIds).length,
    /** resolves when the demo cases are in */
    cases: seedDemoCases(deps, { count: opts.count, signal: opts.signal }),
  };
}

/**
 * Whether the demo county exists but its generation was cut off (the process stopped or was killed
 * in its first seconds): its cases are partly there and its bulletins, written last, are not. It is
 * not resumed (it is deterministic from an empty database only), so the operator is told.
 */
export async function demoIncomplete(deps: AppDeps): Promise<boolean> {
  const [demo] = await deps.db
    .select({ id: tenants.id, createdAt: tenants.createdAt })
    .from(tenants)
    .where(eq(tenants.slug, 'demo'))
    .limit(1);
  if (!demo) return false;
  const [published] = await deps.db
    .select({ id: bulletins.id })
    .from(bulletins)
    .where(and(eq(bulletins.tenantId, demo.id), eq(bulletins.status, 'published')))
    .limit(1);
  if (published) return false;
  // No bulletin: cut off, or seeded by a release before the demo wrote bulletins. The cases are
  // generated in time order up to the day the county was made, so a finished run of that release
  // reaches its last fortnight; a cut-off one stops months earlier (or has no case at all).
  const [last] = await deps.db
    .select({ at: max(cases.receivedAt) })
    .from(cases)
    .where(eq(cases.tenantId, demo.id));
  return last?.at == null || last.at < demo.createdAt - FINISHED_WITHIN_MS;
}

const FINISHED_WITHIN_MS = 14 * 24 * 3_600_000;
