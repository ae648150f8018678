// Work-queue benchmark on a county with a million cases: the queries the inbox and the workbench
// make (through the API, in-process app.request on the Node app with a libSQL file in WAL), each
// beside the bare SQL that returns the same rows (the floor). Median of 7 runs after a warm-up.
// Run: npx tsx bench/queues.ts [--cases 1000000] [--db /tmp/minsheng-bench-queues.db]
import { existsSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { createClient } from '@libsql/client';
import { createApp } from '../workers/api/app';
import { DEMO_PASSWORD } from '../db/seed/demo-tenancy';
import { buildCounty } from './build-cases';
import { median } from './load';
import { identityKey } from '../workers/domain/similarity';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const CASES = Number(arg('cases', '1000000'));
const FILE = arg('db', `/tmp/minsheng-bench-queues-${CASES}.db`);

async function time(f: () => Promise<unknown>, runs = 7) {
  await f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return Math.round(median(xs) * 100) / 100;
}

async function main() {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(FILE + suffix)) rmSync(FILE + suffix);
  const t0 = performance.now();
  const county = await buildCounty(FILE, CASES, { log: console.log });
  const buildSeconds = Math.round((performance.now() - t0) / 1000);
  if (process.env.BENCH_VERBOSE) console.error('built', Math.round(process.memoryUsage().rss / 1e6), 'MB');
  const app = createApp(county.deps);
  const login = async (who: string) => {
    const r = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: who, password: DEMO_PASSWORD }),
    });
    if (r.status !== 200) throw new Error(`login ${who}: ${r.status}`);
    return /ms_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')![0];
  };
  const dispatcher = await login('demo.dispatcher');
  const handler = await login('demo.handler');
  const get = (cookie: string, path: string) => async () => {
    const r = await app.request(path, { headers: { cookie } });
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const raw = createClient({ url: county.url, concurrency: 1 });
  const q =
    (sql: string, args: (string | number)[] = []) =>
    async () =>
      (await raw.execute({ sql, args })).rows;
  const t = county.tenantId;
  const handlerUnit = (
    await raw.execute({ sql: "SELECT unit_id FROM users WHERE login = 'demo.handler'", args: [] })
  ).rows[0]![0] as string;
  const now = county.now;
  const openStates = "('dispatched','signed','accepted')";
  const page = 'ORDER BY COALESCE(a.due_at, 9007199254740991), a.id LIMIT 51';
  const join = 'FROM assignments a JOIN cases c ON c.id = a.case_id JOIN units u ON u.id = a.unit_id';

  const first = (await get(dispatcher, '/api/t/demo/assignments?light=red&limit=50')()) as {
    nextCursor: string;
  };
  const rows: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    [
      "a township's open queue (handler), first page by due time",
      get(handler, '/api/t/demo/assignments?state=dispatched,signed,accepted&limit=50'),
      q(
        `SELECT a.*, c.number, c.title, u.name ${join} WHERE a.tenant_id = ? AND a.unit_id = ? AND a.state IN ${openStates} ${page}`,
        [t, handlerUnit],
      ),
    ],
    [
      'overdue (red) across the county (dispatcher)',
      get(dispatcher, '/api/t/demo/assignments?light=red&limit=50'),
      q(`SELECT a.*, c.number, c.title, u.name ${join} WHERE a.tenant_id = ? AND a.due_at < ? ${page}`, [
        t,
        now,
      ]),
    ],
    [
      'overdue, second page (cursor)',
      get(
        dispatcher,
        `/api/t/demo/assignments?light=red&limit=50&cursor=${encodeURIComponent(first.nextCursor)}`,
      ),
      q(
        `SELECT a.*, c.number, c.title, u.name ${join} WHERE a.tenant_id = ? AND a.due_at < ? ${page} OFFSET 50`,
        [t, now],
      ),
    ],
    [
      'due within a day (yellow)',
      get(dispatcher, '/api/t/demo/assignments?light=yellow&limit=50'),
      q(
        `SELECT a.*, c.number, c.title, u.name ${join} WHERE a.tenant_id = ? AND a.due_at >= ? AND a.due_at < ? ${page}`,
        [t, now, now + 86_400_000],
      ),
    ],
    [
      'text search, 4 characters (FTS5 trigram), all years',
      get(dispatcher, `/api/t/demo/assignments?q=${encodeURIComponent('路灯损坏')}&limit=50`),
      q(
        `SELECT a.*, c.number, c.title, u.name ${join} WHERE a.tenant_id = ? AND c.rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"路灯损坏"') ${page}`,
        [t],
      ),
    ],
    [
      'text search, 2 characters (LIKE), last 30 days',
      get(
        dispatcher,
        `/api/t/demo/assignments?q=${encodeURIComponent('路灯')}&from=${new Date(now - 30 * 86_400_000).toISOString().slice(0, 10)}&limit=50`,
      ),
      q(
        `SELECT a.*, c.number, c.title, u.name ${join} WHERE a.tenant_id = ? AND a.dispatched_at >= ? AND (c.title LIKE '%路灯%' OR c.content LIKE '%路灯%') ${page}`,
        [t, now - 30 * 86_400_000],
      ),
    ],
    [
      "the dispatcher's case list, newest first",
      get(dispatcher, '/api/t/demo/cases?limit=50'),
      q('SELECT * FROM cases WHERE tenant_id = ? ORDER BY received_at DESC, id DESC LIMIT 51', [t]),
    ],
    [
      'workbench counts (10 queues)',
      get(dispatcher, '/api/t/demo/queues'),
      q(`SELECT count(*) FROM assignments WHERE tenant_id = ? AND due_at < ?`, [t, now]),
    ],
  ];
  // An old answered case that repeats one case and is repeated by another: its page reads its
  // replies and both suggestions.
  const caseId = `c${(200_000 % CASES).toString(36).padStart(10, '0')}`;
  const casePage: [string, () => Promise<unknown>, () => Promise<unknown>] = [
    'a case page (dispatcher): the case, its timeline, replies and repeat suggestions',
    get(dispatcher, `/api/t/demo/cases/${caseId}`),
    q('SELECT * FROM cases WHERE id = ?', [caseId]),
  ];
  rows.push(casePage);
  /**
   * The search box's lookups and the case list's orders. The built county has no identity keys
   * and no unrouted cases: every case gets a key of its own (distinct callers), one caller three
   * cases under the key of their phone, and the newest 2,000 cases are left unrouted (新件待分派,
   * about four days of this county's).
   * Timed with the statistics of ANALYZE, like the rows above, then without them — as a county's
   * database runs, nothing in the product running ANALYZE.
   */
  async function searchAndOrders() {
    const caller = '13612345678';
    const key = (await identityKey(county.deps.secret, { phone: caller }))!;
    const callerCases = [0.1, 0.5, 0.999].map(
      (x) =>
        `c${Math.floor(CASES * x)
          .toString(36)
          .padStart(10, '0')}`,
    );
    await raw.execute('UPDATE cases SET identity_hash = lower(hex(randomblob(32)))');
    await raw.execute({
      sql: `UPDATE cases SET identity_hash = ?, petitioner_phone = ?, petitioner_name = ? WHERE id IN (?, ?, ?)`,
      args: [key, caller, '欧阳明月', ...callerCases],
    });
    await raw.execute({
      sql: `UPDATE cases SET status = 'new' WHERE id IN
        (SELECT id FROM cases WHERE tenant_id = ? ORDER BY received_at DESC LIMIT ?)`,
      args: [t, Math.min(2000, Math.floor(CASES / 10))],
    });
    await raw.execute('ANALYZE');
    const backlog = Number(
      (
        await raw.execute({
          sql: "SELECT count(*) FROM cases WHERE tenant_id = ? AND status = 'new'",
          args: [t],
        })
      ).rows[0]![0],
    );
    const cases = (query: string) => get(dispatcher, `/api/t/demo/cases?${query}&limit=50`);
    const newest = 'ORDER BY received_at DESC, id DESC LIMIT 51';
    const byDue = 'ORDER BY route_due_at, id LIMIT 51';
    const firstDue = (await cases('status=new&sort=routeDue')()) as { nextCursor: string };
    const secondDue = (
      await raw.execute({
        sql: `SELECT route_due_at, id FROM cases WHERE tenant_id = ? AND status = 'new' ${byDue.replace('51', '1 OFFSET 49')}`,
        args: [t],
      })
    ).rows[0]!;
    const search: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        "a caller's cases by their phone (dispatcher), newest first",
        cases(`q=${encodeURIComponent('136 1234 5678')}`),
        q(`SELECT * FROM cases WHERE tenant_id = ? AND petitioner_phone = ? ${newest}`, [t, caller]),
      ],
      [
        "a caller's cases by their name (dispatcher), newest first",
        cases(`q=${encodeURIComponent('欧阳明月')}`),
        q(`SELECT * FROM cases WHERE tenant_id = ? AND petitioner_name = ? ${newest}`, [t, '欧阳明月']),
      ],
      [
        "a caller's assignments by their phone (dispatcher), by due time",
        get(dispatcher, `/api/t/demo/assignments?q=13612345678&limit=50`),
        q(
          `SELECT a.*, c.number, c.title, u.name ${join} WHERE a.tenant_id = ? AND c.petitioner_phone = ? ${page}`,
          [t, caller],
        ),
      ],
      [
        'two words of 3+ characters (one FTS5 MATCH), all years',
        cases(`q=${encodeURIComponent('梧桐小区 路灯损坏')}`),
        q(
          `SELECT * FROM cases WHERE tenant_id = ? AND rowid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH '"梧桐小区" "路灯损坏"') ${newest}`,
          [t],
        ),
      ],
      [
        'two words of 2 characters (LIKE), all years',
        cases(`q=${encodeURIComponent('梧桐 路灯')}`),
        q(
          `SELECT * FROM cases WHERE tenant_id = ? AND (title LIKE '%梧桐%' OR content LIKE '%梧桐%') AND (title LIKE '%路灯%' OR content LIKE '%路灯%') ${newest}`,
          [t],
        ),
      ],
      [
        `新件待分派 (${backlog} unrouted) by routing deadline, soonest first`,
        cases('status=new&sort=routeDue'),
        q(`SELECT * FROM cases WHERE tenant_id = ? AND status = 'new' ${byDue}`, [t]),
      ],
      [
        'the same, second page (cursor)',
        cases(`status=new&sort=routeDue&cursor=${encodeURIComponent(firstDue.nextCursor)}`),
        q(
          `SELECT * FROM cases WHERE tenant_id = ? AND status = 'new' AND (route_due_at > ? OR (route_due_at = ? AND id > ?)) ${byDue}`,
          [t, Number(secondDue[0]), Number(secondDue[0]), String(secondDue[1])],
        ),
      ],
      [
        'every case by routing deadline (案件查询, no status chosen)',
        cases('sort=routeDue'),
        q(`SELECT * FROM cases WHERE tenant_id = ? ${byDue}`, [t]),
      ],
    ];
    const out: { name: string; api: number; floor: number }[] = [];
    for (const [name, api, floor] of search)
      out.push({ name, api: await time(api), floor: await time(floor) });
    // the same without statistics; a schema change makes every connection read them again
    await raw.execute('DROP TABLE sqlite_stat1');
    await raw.execute('CREATE TABLE bench_reload (x)');
    await raw.execute('DROP TABLE bench_reload');
    const bare: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      rows.find((r) => r[0].startsWith('text search, 4 characters'))!,
      rows.find((r) => r[0].startsWith("the dispatcher's case list"))!,
      ...search,
    ];
    for (const [name, api, floor] of bare)
      out.push({ name: `${name} — without ANALYZE`, api: await time(api), floor: await time(floor) });
    return out;
  }
  const results: { name: string; api: number; floor: number }[] = [];
  for (const [name, api, floor] of rows)
    results.push({ name, api: await time(api), floor: await time(floor) });
  // the same page without the indexes of migration 0011 (replies and suggestions by case)
  await raw.execute('DROP INDEX replies_tenant_case_idx');
  await raw.execute('DROP INDEX repeat_suggestions_tenant_earlier_idx');
  results.push({
    name: `${casePage[0]}, without migration 0011's indexes`,
    api: await time(casePage[1]),
    floor: await time(casePage[2]),
  });
  results.push(...(await searchAndOrders()));
  const counts = (
    await raw.execute({
      sql: 'SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM assignments)',
      args: [],
    })
  ).rows[0]!;
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: `${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}`,
        cases: Number(counts[0]),
        assignments: Number(counts[1]),
        buildSeconds,
        results,
      },
      null,
      2,
    ),
  );
  raw.close();
  await county.close();
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
