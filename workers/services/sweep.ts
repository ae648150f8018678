// The deadline sweep entry used by the Node timer and the Workers cron.
export { runSweepAllTenants, runSweepForTenant } from './workflow/sweep';
