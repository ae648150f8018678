// Where a citizen submission's time goes, without HTTP: the app as `npm start` builds it (libSQL
// file in WAL, checkpoint thread, demo county without cases, captcha off) called in-process with
// 32 submissions in flight, and the time SQLite spends in each statement (SQL_TIMING, read by
// db/local-client.ts). Complements bench/intake.ts, which measures the same path over real HTTP.
// Run: SQL_TIMING=1 npx tsx bench/intake-inprocess.ts [--submissions 6000] [--concurrency 32] [--runs 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIMING } from '../db/local-client';
import { start } from '../workers/api/node';
import { median } from './load';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SUBMISSIONS = arg('submissions', 6000);
const CONCURRENCY = arg('concurrency', 32);
const RUNS = arg('runs', 3);

const TEXTS = [
  '小区门口道路破损积水严重',
  '夜间施工噪音扰民',
  '路灯损坏多日无人维修',
  '农民工工资被拖欠',
  '学校门口交通拥堵',
];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-inproc-'));
  const { app, stop } = await start(
    {
      DATABASE_URL: `file:${join(dir, 'bench.db')}`,
      FILES_DIR: join(dir, 'files'),
      SEED_DEMO: '1',
      DEMO_CASES: '0',
      PORTAL_CAPTCHA: '0',
      LOG_LEVEL: 'error',
      SWEEP_INTERVAL_SECONDS: '0',
      ADMIN_LOGIN: 'root',
      ADMIN_PASSWORD: 'Bench#2026pass',
      // each submission from its own address (x-forwarded-for), as many citizens on their phones
      TRUST_PROXY: '1',
    },
    { http: false, background: true },
  );
  try {
    const info = (await (await app.request('/api/t/demo/portal/info')).json()) as {
      categories: { id: string; parentId: string | null }[];
      townships: { id: string }[];
    };
    const cats = info.categories.filter((c) => c.parentId);
    const towns = info.townships;
    let seq = 0;
    const submit = async () => {
      const n = seq++;
      const r = await app.request('/api/t/demo/portal/cases', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': `inproc-${n}-padding-padding`,
          'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
        },
        body: JSON.stringify({
          kind: 'petition',
          purpose: 'help',
          categoryId: cats[n % cats.length]!.id,
          townshipUnitId: towns[n % towns.length]!.id,
          title: `${TEXTS[n % TEXTS.length]}（${n}）`,
          content: `${TEXTS[n % TEXTS.length]}，已经持续一段时间，影响周边群众生活，请有关部门尽快处理。编号 ${n}。`,
          name: '测试群众',
          phone: `139${String(10_000_000 + n).slice(-8)}`,
          website: '',
        }),
      });
      await r.arrayBuffer();
      return r.status;
    };
    const trivial = async () => {
      const r = await app.request('/healthz');
      await r.arrayBuffer();
      return r.status;
    };
    const pool = async (total: number, f: () => Promise<number>) => {
      let started = 0;
      let refused = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (started < total) {
            started++;
            const status = await f();
            if (status >= 300) refused++;
          }
        }),
      );
      const ms = performance.now() - t0;
      return {
        perSecond: Math.round((total / ms) * 1000),
        microsEach: Math.round((ms * 1000) / total),
        refused,
      };
    };
    await pool(500, submit); // warm-up
    TIMING?.clear();
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await pool(SUBMISSIONS, submit));
    const statements = TIMING
      ? [...TIMING.entries()]
          .sort((a, b) => b[1].ms - a[1].ms)
          .slice(0, 12)
          .map(([sql, e]) => ({
            sql: sql.replace(/\s+/g, ' ').slice(0, 90),
            calls: e.n,
            microsEach: Math.round((e.ms * 1000) / e.n),
            microsPerSubmission: Math.round((e.ms * 1000) / (SUBMISSIONS * RUNS)),
          }))
      : 'set SQL_TIMING=1 to see the time per statement';
    const healthz = await pool(20_000, trivial);
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
          settings: { submissions: SUBMISSIONS, concurrency: CONCURRENCY, runs: RUNS },
          intake: {
            perSecond: median(runs.map((r) => r.perSecond)),
            microsEach: median(runs.map((r) => r.microsEach)),
            refused: runs.reduce((s, r) => s + r.refused, 0),
          },
          trivial: healthz,
          statements,
        },
        null,
        2,
      ),
    );
    if (runs.some((r) => r.refused)) throw new Error('submissions were refused: the figures measure nothing');
  } finally {
    await stop('bench');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
