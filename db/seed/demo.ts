// Seeds the demo county on an empty database: its tenancy at once, then ~3,000 cases through the
// workflow services (in the background on `npm start`, so the product is usable meanwhile).
import type { AppDeps } from '../../workers/api/context';
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
