// Intake benchmark: citizen submissions (POST /api/t/demo/portal/cases) on the Node default (libSQL
// file, WAL) with concurrent clients, against the trivial GET /healthz of the same server in the
// same run. The server runs in its own process, as `npm start` runs it; the captcha is off (it is
// the citizen's phone that pays for it, not the server) and everything else — validation, rate
// limits per address and phone, idempotency, numbering, repeat detection, events — is on.
// Run: npx tsx bench/intake.ts [--seconds 10] [--runs 3] [--concurrency 32] [--settle 2]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LoadResult, median, runLoad } from './load';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 10);
const RUNS = arg('runs', 3);
const CONCURRENCY = arg('concurrency', 32);
const PORT = arg('port', 8931);
const PROCESSES = arg('processes', 1);
const SETTLE = arg('settle', 2);

const dir = mkdtempSync(join(tmpdir(), 'minsheng-bench-'));
const server = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/intakeprof'] : []),
    ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []),
    '--import',
    'tsx',
    'workers/api/node.ts',
  ],
  {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'bench.db')}`,
      FILES_DIR: join(dir, 'files'),
      SEED_DEMO: '1',
      WEB_CONCURRENCY: String(PROCESSES),
      DEMO_CASES: '0',
      PORTAL_CAPTCHA: '0',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
      SWEEP_INTERVAL_SECONDS: '0',
      ADMIN_LOGIN: 'root',
      ADMIN_PASSWORD: 'Bench#2026pass',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);

async function waitUp() {
  for (let i = 0; i < 300; i++) {
    try {
      // the port answers before the demo county is written: wait for its categories and townships
      const r = await fetch(`http://127.0.0.1:${PORT}/api/t/demo/portal/info`);
      const info = r.ok ? ((await r.json()) as { categories: unknown[]; townships: unknown[] }) : null;
      if (info && info.categories.length > 0 && info.townships.length > 0) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const TEXTS = [
  '小区门口道路破损积水严重',
  '夜间施工噪音扰民',
  '路灯损坏多日无人维修',
  '农民工工资被拖欠',
  '学校门口交通拥堵',
];

async function main() {
  await waitUp();
  const info = (await (await fetch(`http://127.0.0.1:${PORT}/api/t/demo/portal/info`)).json()) as {
    categories: { id: string; parentId: string | null }[];
    townships: { id: string }[];
  };
  const categories = (info.categories as { id: string; parentId: string | null }[]).filter((c) => c.parentId);
  const townships = info.townships as { id: string }[];
  let seq = 0;
  const submission = (i: number) => {
    const n = seq++;
    const body = JSON.stringify({
      kind: 'petition',
      purpose: 'help',
      categoryId: categories[n % categories.length]!.id,
      townshipUnitId: townships[n % townships.length]!.id,
      title: `${TEXTS[n % TEXTS.length]}（${n}）`,
      content: `${TEXTS[n % TEXTS.length]}，已经持续一段时间，影响周边群众生活，请有关部门尽快处理。编号 ${n}。`,
      name: '测试群众',
      phone: `139${String(10_000_000 + n).slice(-8)}`,
      website: '',
    });
    return {
      method: 'POST',
      path: '/api/t/demo/portal/cases',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `bench-${process.pid}-${n}-${i}-padding`,
      },
      body,
    };
  };
  const trivial = () => ({ method: 'GET', path: '/healthz' });
  // Each connection is a different citizen address (127.1.x.y) sending a few submissions, as
  // many people on their phones do; the per-address limit (30 an hour) is never the bottleneck.
  const address = (k: number) => `127.${1 + ((k >> 16) & 0x7f)}.${(k >> 8) & 0xff}.${k & 0xff}`;

  // warm-up
  await runLoad({ port: PORT, concurrency: 4, seconds: 1, request: trivial });
  await runLoad({
    port: PORT,
    concurrency: 4,
    seconds: 1,
    request: submission,
    perConnection: 10,
    localAddress: address,
  });

  const trivialRuns: LoadResult[] = [];
  const intakeRuns: LoadResult[] = [];
  // Between runs the server and the load generator settle (garbage from ~350,000 trivial requests
  // is collected, closed connections are reaped), so one run's leftovers do not land in the next.
  const settle = () => new Promise((r) => setTimeout(r, SETTLE * 1000));
  for (let r = 0; r < RUNS; r++) {
    if (!process.argv.includes('--only-intake')) {
      trivialRuns.push(
        await runLoad({ port: PORT, concurrency: CONCURRENCY, seconds: SECONDS, request: trivial }),
      );
      await settle();
    }
    intakeRuns.push(
      await runLoad({
        port: PORT,
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        request: submission,
        perConnection: 20,
        localAddress: address,
      }),
    );
    await settle();
  }
  if (!trivialRuns.length)
    trivialRuns.push({ requests: 0, errors: 0, statuses: {}, seconds: 0, rps: 1, p50: 0, p99: 0, max: 0 });
  const summary = (runs: typeof trivialRuns) => ({
    rps: median(runs.map((x) => x.rps)),
    p50: median(runs.map((x) => x.p50)),
    p90: median(runs.map((x) => x.p90 ?? 0)),
    p99: median(runs.map((x) => x.p99)),
    max: median(runs.map((x) => x.max)),
    errors: runs.reduce((s, x) => s + x.errors, 0),
    statuses: runs.map((x) => x.statuses),
  });
  const t = summary(trivialRuns);
  const s = summary(intakeRuns);
  const out = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
    settings: {
      seconds: SECONDS,
      runs: RUNS,
      concurrency: CONCURRENCY,
      processes: PROCESSES,
      settle: SETTLE,
    },
    trivial: t,
    intake: s,
    ratioToTrivial: Math.round((s.rps / t.rps) * 100) / 100,
  };
  console.log(JSON.stringify(out, null, 2));
  if (s.errors > 0)
    throw new Error(`${s.errors} submissions were refused: the figures above do not measure intake`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    server.kill('SIGTERM');
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500);
  });
