// Seeds the demo county on an empty database: tenancy now; cases come from the workflow seeder.
import type { AppDeps } from '../../workers/api/context';
import { seedDemoTenancy } from './demo-tenancy';

export async function seedDemo(deps: AppDeps) {
  const tenancy = await seedDemoTenancy(deps);
  if (!tenancy) return null;
  return {
    tenant: 'demo',
    units: Object.keys(tenancy.unitIds).length,
    users: Object.keys(tenancy.userIds).length,
  };
}
