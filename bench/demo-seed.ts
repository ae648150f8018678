// How long the demo county takes to come alive: `npm start` on an empty database (libSQL file in
// WAL) until the log would say "demo cases generated", and how soon the server answers before
// that. The cases go through the workflow services at their past instants (db/seed/demo-cases.ts).
// Run: npx tsx bench/demo-seed.ts [--cases 3000] [--runs 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from '../workers/api/node';
import { median } from './load';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CASES = arg('cases', 3000);
const RUNS = arg('runs', 3);

async function once() {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-seed-'));
  const t0 = performance.now();
  const { seeding, stop, app } = await start(
    {
      DATABASE_URL: `file:${join(dir, 'demo.db')}`,
      FILES_DIR: join(dir, 'files'),
      SEED_DEMO: '1',
      DEMO_CASES: String(CASES),
      LOG_LEVEL: 'error',
      SWEEP_INTERVAL_SECONDS: '0',
      ADMIN_LOGIN: 'root',
      ADMIN_PASSWORD: 'Bench#2026pass',
    },
    { http: false, background: true },
  );
  const up = performance.now() - t0;
  const health = (await app.request('/healthz')).status;
  await seeding;
  const done = performance.now() - t0;
  await stop('bench');
  rmSync(dir, { recursive: true, force: true });
  if (health !== 200) throw new Error('the server did not answer while seeding');
  return { upMs: Math.round(up), casesMs: Math.round(done) };
}

async function main() {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
        cases: CASES,
        runs,
        median: { upMs: median(runs.map((r) => r.upMs)), casesMs: median(runs.map((r) => r.casesMs)) },
      },
      null,
      2,
    ),
  );
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
