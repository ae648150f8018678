// Memory benchmark: what the Node server (as `npm start` runs it, libSQL file in WAL) holds in
// memory, read from /proc/<pid>/status as the operator's `top` would (VmRSS; VmHWM is the peak):
//   - started, the demo county's ~3,000 cases still being generated;
//   - the demo county written, the server idle;
//   - after each round of mixed traffic: citizens submitting on the portal beside the bureau's
//     dispatchers reading their queues, case searches, case pages and the month's statistics.
// Several equal rounds tell a steady state from a leak: the RSS after the last round against the first.
// Run: npx tsx bench/memory.ts [--runs 3] [--rounds 5] [--seconds 20] [--concurrency 8] [--port 8961]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { median, runLoad } from './load';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 3);
const ROUNDS = arg('rounds', 5);
const SECONDS = arg('seconds', 20);
const CONCURRENCY = arg('concurrency', 8);
const PORT = arg('port', 8961);

/** VmRSS and VmHWM of a process, in MB. */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startServer(dir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/api/node.ts'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'memory.db')}`,
      FILES_DIR: join(dir, 'files'),
      SEED_DEMO: '1',
      PORTAL_CAPTCHA: '0',
      LOG_LEVEL: 'info',
      ADMIN_LOGIN: 'root',
      ADMIN_PASSWORD: 'Bench#2026pass',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

async function until(what: () => boolean | Promise<boolean>, seconds: number, name: string) {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      if (await what()) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${name}`);
}

const TEXTS = ['小区门口道路破损积水严重', '夜间施工噪音扰民', '路灯损坏多日无人维修', '农民工工资被拖欠'];

async function oneRun(run: number) {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-memory-'));
  const { child, output } = startServer(dir);
  const pid = child.pid!;
  try {
    await until(async () => (await fetch(`http://127.0.0.1:${PORT}/healthz`)).ok, 60, 'the server');
    const started = memoryOf(pid);
    await until(() => output().includes('demo cases generated'), 300, 'the demo county');
    await sleep(5000);
    const demo = memoryOf(pid);

    // the bureau's dispatcher, logged in once (a session cookie, as the console holds it)
    const login = await fetch(`http://127.0.0.1:${PORT}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'demo.dispatcher', password: 'Demo@2026' }),
    });
    if (!login.ok) throw new Error(`login ${login.status}: ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const info = (await (await fetch(`http://127.0.0.1:${PORT}/api/t/demo/portal/info`)).json()) as {
      categories: { id: string; parentId: string | null }[];
      townships: { id: string }[];
    };
    const categories = info.categories.filter((c) => c.parentId);
    const list = (await (
      await fetch(`http://127.0.0.1:${PORT}/api/t/demo/cases?limit=50`, { headers: { cookie } })
    ).json()) as { items: { id: string }[] };
    const caseIds = list.items.map((c) => c.id);
    const month = new Date().toISOString().slice(0, 7);
    const staff = [
      '/api/t/demo/queues',
      '/api/t/demo/cases?limit=20',
      `/api/t/demo/cases?q=${encodeURIComponent('路灯')}&limit=20`,
      '/api/t/demo/assignments?limit=20',
      `/api/t/demo/stats?month=${month}`,
      `/api/t/demo/rankings?month=${month}`,
    ];
    let seq = 0;
    const request = (
      i: number,
    ): { method: string; path: string; headers: Record<string, string>; body?: string } => {
      const n = seq++;
      if (i % 2 === 0) {
        const path =
          i % 6 === 0 ? `/api/t/demo/cases/${caseIds[n % caseIds.length]}` : staff[n % staff.length]!;
        return { method: 'GET', path, headers: { cookie } };
      }
      return {
        method: 'POST',
        path: '/api/t/demo/portal/cases',
        headers: { 'content-type': 'application/json', 'idempotency-key': `memory-${run}-${n}-padding-key` },
        body: JSON.stringify({
          kind: 'petition',
          purpose: 'help',
          categoryId: categories[n % categories.length]!.id,
          townshipUnitId: info.townships[n % info.townships.length]!.id,
          title: `${TEXTS[n % TEXTS.length]}（${run}-${n}）`,
          content: `${TEXTS[n % TEXTS.length]}，已经持续一段时间，请有关部门尽快处理。编号 ${run}-${n}。`,
          name: '测试群众',
          phone: `139${String(10_000_000 + run * 1_000_000 + n).slice(-8)}`,
          website: '',
        }),
      };
    };
    const address = (k: number) => `127.${2 + run}.${(k >> 8) & 0xff}.${k & 0xff}`;
    const rounds: { rss: number; requests: number; errors: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const load = await runLoad({
        port: PORT,
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        request,
        perConnection: 20,
        localAddress: address,
      });
      await sleep(3000);
      rounds.push({ rss: memoryOf(pid).rss, requests: load.requests, errors: load.errors });
    }
    const end = memoryOf(pid);
    return { started: started.rss, demo: demo.rss, rounds, peak: end.peak };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let r = 0; r < RUNS; r++) {
    const one = await oneRun(r);
    console.error(JSON.stringify(one));
    runs.push(one);
  }
  const med = (f: (x: (typeof runs)[number]) => number) => median(runs.map(f));
  const out = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`,
    settings: { runs: RUNS, rounds: ROUNDS, seconds: SECONDS, concurrency: CONCURRENCY },
    medianMB: {
      started: med((x) => x.started),
      demoWritten: med((x) => x.demo),
      afterRound: Array.from({ length: ROUNDS }, (_, i) => med((x) => x.rounds[i]!.rss)),
      peak: med((x) => x.peak),
    },
    requestsPerRound: med((x) => median(x.rounds.map((y) => y.requests))),
    errors: runs.reduce((s, x) => s + x.rounds.reduce((t, y) => t + y.errors, 0), 0),
  };
  console.log(JSON.stringify(out, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
