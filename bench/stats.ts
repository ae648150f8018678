// Statistics benchmark: a county with 1,000,000 assignments over five years (and a small one with
// 10,000), then a month's and a year's full figures (GET /stats) and ranking (GET /rankings)
// through the API, beside one bare hand-written SQL aggregate over the same assignment rows (the
// floor), in one run. Results go to bench/results-stats.md.
//
// The history is generated, not driven through the HTTP API: each assignment's steps (dispatch,
// sign, accept or refuse, return, extension, reply, close, rating or 超期未评, rework) are replayed
// through the same pure code the import uses (state machine checks, deadlines by the tenant's
// rules), the rows and events that gives are bulk-inserted straight into the tables (json_each, in
// big transactions), and stats_daily / stats_open are built by the same fold and contributions code
// the live path runs on every move. The small county is checked against recomputeStats.
//
// Run: npx tsx bench/stats.ts [--assignments 1000000] [--small 10000] [--runs 15] [--rebuild]
// The database is kept in /tmp/minsheng-bench-stats/ and reused when it was built with the same
// sizes (--rebuild forces a new one).
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { openLibsql } from '../db/client';
import { migrateLibsql } from '../db/migrate';
import type { RatingValue } from '../db/schema/cases';
import { createApp } from '../workers/api/app';
import type { AppDeps } from '../workers/api/context';
import { createCalendar, localDay } from '../workers/domain/calendar';
import type { AssignmentEvent } from '../workers/domain/events';
import { DEFAULT_SETTINGS } from '../workers/domain/settings';
import {
  caseContributions,
  contributions,
  DAILY_COUNTERS,
  type DailyRow,
  isOpen,
  sumContributions,
} from '../workers/domain/stats/contributions';
import { foldAssignment } from '../workers/domain/stats/fold';
import { caseStatusFromAssignments } from '../workers/domain/state-machine';
import { ManualClock } from '../workers/lib/clock';
import { memoryFileStore } from '../workers/lib/files';
import { silentLogger } from '../workers/lib/logger';
import { allDailyRows, allOpenRows, COUNTER_COLUMNS } from '../workers/repo/stats';
import { computeStatsSnapshot } from '../workers/services/stats/recompute';
import { type ImportEvent, replayImportedAssignment } from '../workers/services/stats/import-replay';
import { ensurePlatformAdmin } from '../workers/services/bootstrap';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const BIG = arg('assignments', 1_000_000);
const SMALL = arg('small', 10_000);
const RUNS = arg('runs', 15);
const REBUILD = process.argv.includes('--rebuild');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Asia/Shanghai';
/** "now" of the benchmark: 15 July 2026, 09:00 Shanghai; five years of history before it */
const NOW = Date.UTC(2026, 6, 15, 1);
const START = NOW - 1826 * DAY;
const dayOf = (t: number) => localDay(t, TZ);

const DIR = '/tmp/minsheng-bench-stats';
const DB_FILE = join(DIR, `stats-${BIG}-${SMALL}.db`);
const ROOT = { login: 'root', password: 'Bench#2026pass' };
const PASSWORD = 'Bench#2026pass';

// ---------------------------------------------------------------------------------------------
// deterministic randomness

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const TOWNS =
  '东山 西水 南岭 北坡 城关 河口 石桥 青龙 白沙 桃源 柳溪 黄土 金山 清水 双河 新田 龙泉 马鞍'.split(' ');
const DEPTS =
  '教育 住建 卫健 人社 公安 民政 自然资源 生态环境 交通运输 水利 农业农村 商务 文旅 应急 市场监管 医保 城管 财政 司法 税务 供电 自来水 燃气 信访 发改 工信 林业 审计 统计 退役军人'.split(
    ' ',
  );

// ---------------------------------------------------------------------------------------------
// the HTTP side: one app over the benchmark file, a county leader's cookie per tenant

interface Bench {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  close(): Promise<void>;
}

async function openBench(): Promise<Bench> {
  const handle = await openLibsql({ url: `file:${DB_FILE}` });
  await migrateLibsql(handle.db);
  const deps: AppDeps = {
    db: handle.db,
    clock: new ManualClock(NOW),
    files: memoryFileStore(),
    logger: silentLogger,
    secret: 'bench-secret-bench-secret-bench-secret-01',
    passwordIterations: 1000,
    secureCookies: false,
    runtime: 'node',
    captcha: { disabled: true },
  };
  await ensurePlatformAdmin(deps, ROOT.login, ROOT.password);
  return { app: createApp(deps), deps, close: () => handle.close() };
}

async function call(b: Bench, method: string, path: string, body?: unknown, cookie = '') {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await b.app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const set = res.headers.get('set-cookie');
  return {
    status: res.status,
    body: text ? JSON.parse(text) : null,
    cookie: set ? /ms_session=[^;]*/.exec(set)?.[0] : undefined,
  };
}

async function login(b: Bench, login: string, password: string) {
  const r = await call(b, 'POST', '/api/auth/login', { login, password });
  if (r.status !== 200 || !r.cookie) throw new Error(`login ${login}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.cookie;
}

interface County {
  slug: string;
  id: string;
  units: { id: string; name: string; kind: 'township' | 'department' }[];
}

async function makeCounty(b: Bench, slug: string, name: string): Promise<County> {
  const root = await login(b, ROOT.login, ROOT.password);
  const t = await call(b, 'POST', '/api/admin/tenants', { slug, name }, root);
  if (t.status !== 201) throw new Error(JSON.stringify(t.body));
  const units: County['units'] = [];
  for (const [list, kind, suffix] of [
    [TOWNS, 'township', '镇'],
    [DEPTS, 'department', '局'],
  ] as const) {
    for (const n of list) {
      const unitName = kind === 'township' ? `${n}${suffix}` : `县${n}${suffix}`;
      const u = await call(b, 'POST', `/api/t/${slug}/units`, { name: unitName, kind }, root);
      if (u.status !== 201) throw new Error(JSON.stringify(u.body));
      units.push({ id: u.body.id, name: unitName, kind });
    }
  }
  const user = await call(
    b,
    'POST',
    `/api/t/${slug}/users`,
    { login: `${slug}.leader`, password: PASSWORD, name: '县领导', role: 'county_leader' },
    root,
  );
  if (user.status !== 201) throw new Error(JSON.stringify(user.body));
  return { slug, id: t.body.id, units };
}

// ---------------------------------------------------------------------------------------------
// the history of one assignment, as plausible as a county's

const RATINGS: RatingValue[] = ['satisfied', 'basic', 'unsatisfied'];
const rating = (r: Rng): RatingValue => {
  const x = r.next();
  return x < 0.8 ? 'satisfied' : x < 0.92 ? 'basic' : 'unsatisfied';
};

function historyOf(r: Rng, dispatchedAt: number): ImportEvent[] {
  const ev: ImportEvent[] = [{ type: 'dispatched', at: dispatchedAt }];
  let t = dispatchedAt;
  const after = (lo: number, hi: number) => {
    t += lo + r.next() * (hi - lo);
    return Math.round(t);
  };
  if (r.chance(0.03)) {
    ev.push({ type: 'return_requested', at: after(HOUR, 2 * DAY), reason: '非本单位职责' });
    ev.push({ type: 'returned', at: after(HOUR, DAY) });
    return ev;
  }
  // 1 in 10 signs after its 1-day deadline
  ev.push({ type: 'signed', at: after(10 * 60_000, r.chance(0.1) ? 3 * DAY : 20 * HOUR) });
  if (r.chance(0.02)) {
    ev.push({ type: 'refused', at: after(HOUR, 3 * DAY), reason: '属诉讼程序', notice: '不予受理告知书' });
    return ev;
  }
  ev.push({ type: 'accepted', at: after(HOUR, r.chance(0.05) ? 7 * DAY : 3 * DAY) });
  if (r.chance(0.05)) ev.push({ type: 'extension_approved', at: after(DAY, 5 * DAY), days: r.int(5, 15) });
  let round = 0;
  for (;;) {
    ev.push({ type: 'replied', at: after(6 * HOUR, r.chance(0.1) ? 25 * DAY : 13 * DAY) });
    if (r.chance(0.85)) ev.push({ type: 'closed', at: after(10 * 60_000, DAY) });
    if (r.chance(0.72)) {
      const value = rating(r);
      ev.push({
        type: 'rated',
        at: after(HOUR, 12 * DAY),
        value,
        bureauValue: r.chance(0.6) ? RATINGS[r.int(0, 1)] : null,
      });
      if (value === 'unsatisfied' && round === 0 && r.chance(0.3)) {
        ev.push({ type: 'reopened', at: after(HOUR, 2 * DAY), reason: '群众不满意' });
        round++;
        continue;
      }
    } else {
      // the sweep closes the window the morning after it ends
      ev.push({ type: 'unrated', at: after(16 * DAY, 17 * DAY) });
    }
    return ev;
  }
}

// ---------------------------------------------------------------------------------------------
// bulk load

interface LoadStats {
  cases: number;
  assignments: number;
  events: number;
  ms: number;
}

const CASE_COLS = [
  'id',
  'tenant_id',
  'number',
  'kind',
  'channel',
  'purpose',
  'title',
  'content',
  'petitioner_name',
  'petitioner_phone',
  'identity_hash',
  'status',
  'received_at',
  'received_day',
  'route_due_at',
  'routed_at',
  'closed_at',
  'is_repeat',
  'version',
  'updated_at',
];
const ASSIGNMENT_COLS = [
  'id',
  'tenant_id',
  'case_id',
  'unit_id',
  'role',
  'state',
  'version',
  'dispatched_at',
  'dispatch_day',
  'sign_due_at',
  'signed_at',
  'return_due_at',
  'accept_due_at',
  'decided_at',
  'refuse_reason',
  'return_requested_at',
  'returned_at',
  'reply_due_at',
  'extension_days',
  'replied_at',
  'closed_at',
  'rating_due_at',
  'rated_at',
  'rating',
  'bureau_rating',
  'unrated_at',
  'rework_count',
  'first_rating',
  'due_at',
  'due_step',
  'updated_at',
];
const EVENT_COLS = [
  'tenant_id',
  'case_id',
  'assignment_id',
  'type',
  'actor_role',
  'at',
  'from_state',
  'to_state',
  'payload',
];
const OPEN_COLS = [
  'tenant_id',
  'assignment_id',
  'case_id',
  'unit_id',
  'dispatched_at',
  'dispatch_day',
  'is_repeat',
  'sign_due_at',
  'accept_due_at',
  'first_reply_due_at',
  'reply_due_at',
  'rating_due_at',
];

type Raw = ReturnType<typeof createClient>;
type Exec = Pick<Raw, 'execute'>;

const insertSql = (table: string, cols: readonly string[]) =>
  `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((_, i) => `j.value ->> ${i}`).join(', ')} FROM json_each(?) AS j`;

async function bulk(raw: Exec, table: string, cols: readonly string[], rows: unknown[][], size = 5000) {
  const sqlText = insertSql(table, cols);
  for (let i = 0; i < rows.length; i += size)
    await raw.execute({ sql: sqlText, args: [JSON.stringify(rows.slice(i, i + size))] });
}

async function loadCounty(raw: Raw, county: County, target: number, seed: number): Promise<LoadStats> {
  const t0 = performance.now();
  const r = rng(seed);
  const settings = DEFAULT_SETTINGS;
  const cal = createCalendar();
  // busier units get more: weights from 1 to 6
  const weights = county.units.map(() => 1 + r.int(0, 5));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickUnit = () => {
    let x = r.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x <= 0) return county.units[i]!;
    }
    return county.units[county.units.length - 1]!;
  };
  const daily = new Map<string, DailyRow>();
  const addDaily = (rows: DailyRow[]) => {
    for (const row of rows) {
      const k = `${row.unitId}\u0000${row.day}`;
      const cur = daily.get(k);
      if (!cur) daily.set(k, { ...row });
      else for (const c of DAILY_COUNTERS) if (row[c]) cur[c] = (cur[c] ?? 0) + row[c]!;
    }
  };
  const numbers = new Map<number, number>();
  let assignmentsMade = 0;
  let casesMade = 0;
  let eventsMade = 0;
  const perCase = 1.12; // about one case in nine goes to two units, a few are returned and re-routed
  const span = NOW - START;
  const caseCount = Math.round(target / perCase);
  let seq = 0;
  const id = (p: string) => `${p}${county.slug}${(seq++).toString(36).padStart(8, '0')}`;
  let tx = await raw.transaction('write');
  let cases: unknown[][] = [];
  let assignmentRows: unknown[][] = [];
  let events: unknown[][] = [];
  let open: unknown[][] = [];
  const flush = async (force = false) => {
    if (!force && assignmentRows.length < 20_000) return;
    await bulk(tx, 'cases', CASE_COLS, cases);
    await bulk(tx, 'assignments', ASSIGNMENT_COLS, assignmentRows);
    await bulk(tx, 'events', EVENT_COLS, events, 10_000);
    await bulk(tx, 'stats_open', OPEN_COLS, open);
    cases = [];
    assignmentRows = [];
    events = [];
    open = [];
    await tx.commit();
    tx = await raw.transaction('write');
  };
  for (let ci = 0; assignmentsMade < target; ci++) {
    // receipts spread evenly over five years, in order
    const receivedAt = START + Math.floor((ci / caseCount) * span) + r.int(0, 3 * HOUR);
    if (receivedAt >= NOW - HOUR) break;
    const caseId = id('c');
    const year = Number(dayOf(receivedAt).slice(0, 4));
    const n = (numbers.get(year) ?? 0) + 1;
    numbers.set(year, n);
    const isRepeat = r.chance(0.08);
    const facts = {
      kind: 'petition' as const,
      channel: 'web' as const,
      purpose: r.chance(0.2) ? ('claim' as const) : ('help' as const),
      fastTrack: false,
    };
    const planned: { unit: County['units'][number]; role: 'lead' | 'co'; at: number }[] = [];
    const at = receivedAt + r.int(10 * 60_000, 2 * DAY);
    const lead = pickUnit();
    planned.push({ unit: lead, role: 'lead', at });
    if (r.chance(0.09)) {
      let co = pickUnit();
      while (co.id === lead.id) co = pickUnit();
      planned.push({ unit: co, role: 'co', at });
    }
    const states: string[] = [];
    let closedAt: number | null = null;
    const caseEvents: unknown[][] = [];
    for (let k = 0; k < planned.length; k++) {
      const p = planned[k]!;
      if (p.at >= NOW || (k > 0 && assignmentsMade >= target)) break;
      let hist = historyOf(r, p.at).filter((e) => e.at < NOW);
      const aid = id('a');
      let replay = replayImportedAssignment(
        {
          assignmentId: aid,
          tenantId: county.id,
          caseId,
          unitId: p.unit.id,
          role: p.role,
          facts,
          higherLevelDueAt: null,
          settings,
          cal,
          actorId: 'bench',
          events: hist,
          path: 'events',
        },
        () => id('r'),
      );
      // a generated step the rules refuse (e.g. a return after its window) ends the history there
      while (!replay.ok) {
        const bad = Number(/events\.(\d+)/.exec(replay.problems[0]!.path)?.[1] ?? 1);
        hist = hist.slice(0, Math.max(1, bad));
        replay = replayImportedAssignment(
          {
            assignmentId: aid,
            tenantId: county.id,
            caseId,
            unitId: p.unit.id,
            role: p.role,
            facts,
            higherLevelDueAt: null,
            settings,
            cal,
            actorId: 'bench',
            events: hist,
            path: 'events',
          },
          () => id('r'),
        );
      }
      const row = replay.result.row;
      row.dispatchDay = dayOf(row.dispatchedAt);
      states.push(row.state);
      if (row.closedAt) closedAt = Math.max(closedAt ?? 0, row.closedAt);
      assignmentRows.push([
        aid,
        county.id,
        caseId,
        row.unitId,
        row.role,
        row.state,
        row.version,
        row.dispatchedAt,
        row.dispatchDay,
        row.signDueAt,
        row.signedAt,
        row.returnDueAt,
        row.acceptDueAt,
        row.decidedAt,
        row.refuseReason,
        row.returnRequestedAt,
        row.returnedAt,
        row.replyDueAt,
        row.extensionDays,
        row.repliedAt,
        row.closedAt,
        row.ratingDueAt,
        row.ratedAt,
        row.rating,
        row.bureauRating,
        row.unratedAt,
        row.reworkCount,
        row.firstRating,
        row.dueAt,
        row.dueStep,
        row.updatedAt,
      ]);
      assignmentsMade++;
      const log: AssignmentEvent[] = replay.result.events.map(
        (e) => ({ type: e.type, at: e.at, assignmentId: aid, payload: e.payload }) as AssignmentEvent,
      );
      for (const e of replay.result.events)
        caseEvents.push([
          county.id,
          caseId,
          aid,
          e.type,
          'system',
          e.at,
          e.fromState,
          e.toState,
          JSON.stringify(e.payload),
        ]);
      // the same fold and contributions as every live move
      const fact = foldAssignment(log, Number.MAX_SAFE_INTEGER, { caseId, isRepeat });
      if (fact) {
        addDaily(sumContributions(contributions(fact, dayOf)));
        if (isOpen(fact)) {
          const d = fact.openDeadlines;
          open.push([
            county.id,
            aid,
            caseId,
            fact.unitId,
            fact.dispatchedAt,
            row.dispatchDay,
            isRepeat ? 1 : 0,
            d.sign,
            d.accept,
            d.firstReply,
            d.reply,
            d.rating,
          ]);
        }
      }
      // a returned case is re-routed to another unit
      if (row.state === 'returned' && planned.length < 4) {
        let next = pickUnit();
        while (next.id === p.unit.id) next = pickUnit();
        planned.push({ unit: next, role: p.role, at: (row.returnedAt ?? p.at) + r.int(HOUR, DAY) });
      }
    }
    caseEvents.unshift([
      county.id,
      caseId,
      null,
      'case.created',
      'dispatcher',
      receivedAt,
      null,
      'new',
      '{}',
    ]);
    if (isRepeat)
      caseEvents.push([
        county.id,
        caseId,
        null,
        'case.repeat_confirmed',
        'dispatcher',
        receivedAt + DAY,
        null,
        null,
        '{}',
      ]);
    events.push(...caseEvents);
    eventsMade += caseEvents.length;
    addDaily(
      sumContributions(caseContributions({ caseId, receivedAt, receivedDay: dayOf(receivedAt), isRepeat })),
    );
    const status = states.length ? caseStatusFromAssignments(states as never) : 'new';
    cases.push([
      caseId,
      county.id,
      `${year}-${String(n).padStart(6, '0')}`,
      'petition',
      'web',
      facts.purpose,
      '小区路灯不亮',
      '小区路灯坏了很久，晚上出行不安全，请尽快维修。',
      '群众',
      `138${String(ci % 100_000_000).padStart(8, '0')}`,
      `h${ci % 50_000}`,
      status,
      receivedAt,
      dayOf(receivedAt),
      receivedAt + 15 * DAY,
      planned[0]!.at < NOW ? planned[0]!.at : null,
      status === 'closed' || status === 'rated' ? closedAt : null,
      isRepeat ? 1 : 0,
      1,
      receivedAt,
    ]);
    casesMade++;
    await flush();
  }
  await flush(true);
  // the daily aggregates, and the counters the live numbering continues from
  const dailyRows = [...daily.values()];
  const cols = DAILY_COUNTERS.map((k) => COUNTER_COLUMNS[k]);
  await bulk(
    tx,
    'stats_daily',
    ['tenant_id', 'unit_id', 'day', 'kind', ...cols],
    // every case of the bench is a petition (信访事项)
    dailyRows.map((d) => [county.id, d.unitId, d.day, 'petition', ...DAILY_COUNTERS.map((k) => d[k] ?? 0)]),
  );
  for (const [year, last] of numbers)
    await tx.execute({
      sql: 'INSERT INTO case_counters (tenant_id, year, last) VALUES (?, ?, ?)',
      args: [county.id, year, last],
    });
  await tx.commit();
  return {
    cases: casesMade,
    assignments: assignmentsMade,
    events: eventsMade,
    ms: Math.round(performance.now() - t0),
  };
}

// ---------------------------------------------------------------------------------------------
// measurement

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function timeIt(runs: number, f: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await f();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  return Math.round(median(ms) * 100) / 100;
}

/** The floor: one hand-written aggregate of the period's assignment rows, per unit. */
const FLOOR_SQL = `SELECT unit_id, COUNT(*) AS received,
    SUM(state <> 'returned' AND closed_at IS NOT NULL) AS closed,
    SUM(decided_at IS NOT NULL AND decided_at < accept_due_at) AS accepted_in_time,
    SUM(replied_at IS NOT NULL) AS replied,
    SUM(rating IS NOT NULL) AS rated,
    SUM(rating IN ('satisfied', 'basic')) AS satisfied,
    SUM(state = 'unrated') AS unrated,
    SUM(state = 'returned') AS returned
  FROM assignments WHERE tenant_id = ? AND dispatch_day BETWEEN ? AND ? GROUP BY unit_id`;

interface Row {
  scale: string;
  period: string;
  assignmentsInPeriod: number;
  stats: number;
  rankings: number;
  floor: number;
}

async function measure(b: Bench, raw: Raw, county: County, label: string): Promise<Row[]> {
  // the bench's users are made by an admin: their first password would have to be changed first
  await raw.execute({
    sql: 'UPDATE users SET must_change_password = 0 WHERE login = ?',
    args: [`${county.slug}.leader`],
  });
  const cookie = await login(b, `${county.slug}.leader`, PASSWORD);
  const out: Row[] = [];
  for (const [period, query, from, to] of [
    ['month (2026-06)', 'month=2026-06', '2026-06-01', '2026-06-30'],
    ['year (2025)', 'year=2025', '2025-01-01', '2025-12-31'],
  ] as const) {
    const stats = await call(b, 'GET', `/api/t/${county.slug}/stats?${query}`, undefined, cookie);
    const rankings = await call(b, 'GET', `/api/t/${county.slug}/rankings?${query}`, undefined, cookie);
    if (stats.status !== 200 || rankings.status !== 200 || stats.body.source !== 'aggregates')
      throw new Error(
        `${query}: ${stats.status} ${rankings.status} ${JSON.stringify(stats.body).slice(0, 200)}`,
      );
    const floorRows = await raw.execute({ sql: FLOOR_SQL, args: [county.id, from, to] });
    const inPeriod = floorRows.rows.reduce((s, x) => s + Number(x.received), 0);
    // the figures and the floor agree on what they both count
    const received = stats.body.tenant.received + stats.body.tenant.returned;
    if (received !== inPeriod) throw new Error(`received ${received} ≠ floor ${inPeriod}`);
    out.push({
      scale: label,
      period,
      assignmentsInPeriod: inPeriod,
      stats: await timeIt(RUNS, () =>
        call(b, 'GET', `/api/t/${county.slug}/stats?${query}`, undefined, cookie),
      ),
      rankings: await timeIt(RUNS, () =>
        call(b, 'GET', `/api/t/${county.slug}/rankings?${query}`, undefined, cookie),
      ),
      floor: await timeIt(RUNS, () => raw.execute({ sql: FLOOR_SQL, args: [county.id, from, to] })),
    });
  }
  return out;
}

async function main() {
  mkdirSync(DIR, { recursive: true });
  if (REBUILD && existsSync(DB_FILE))
    for (const ext of ['', '-wal', '-shm']) rmSync(DB_FILE + ext, { force: true });
  const fresh = !existsSync(DB_FILE);
  const b = await openBench();
  const raw = createClient({ url: `file:${DB_FILE}` });
  await raw.execute('PRAGMA journal_mode = WAL');
  await raw.execute('PRAGMA busy_timeout = 5000');
  let build: { big: LoadStats; small: LoadStats; totalMs: number } | null = null;
  let big: County;
  let small: County;
  if (fresh) {
    const t0 = performance.now();
    big = await makeCounty(b, 'big', '大县');
    small = await makeCounty(b, 'small', '小县');
    await raw.execute('PRAGMA foreign_keys = OFF');
    await raw.execute('PRAGMA synchronous = OFF');
    await raw.execute('PRAGMA cache_size = -512000');
    // full-text search is not what is measured: its triggers (updates, deletes) are set aside while
    // loading, and the loader does not index the cases it inserts
    const fts = await raw.execute(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'cases_fts_%'`,
    );
    for (const tr of fts.rows) await raw.execute(`DROP TRIGGER ${tr.name}`);
    const smallStats = await loadCounty(raw, small, SMALL, 7);
    process.stdout.write(`small county loaded: ${JSON.stringify(smallStats)}\n`);
    const bigStats = await loadCounty(raw, big, BIG, 42);
    process.stdout.write(`big county loaded: ${JSON.stringify(bigStats)}\n`);
    for (const tr of fts.rows) await raw.execute(String(tr.sql));
    await raw.execute('ANALYZE');
    await raw.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    build = { big: bigStats, small: smallStats, totalMs: Math.round(performance.now() - t0) };
    writeFileSync(`${DB_FILE}.json`, JSON.stringify({ build, big, small }));
  } else {
    const saved = JSON.parse(await (await import('node:fs/promises')).readFile(`${DB_FILE}.json`, 'utf8'));
    build = saved.build;
    big = saved.big;
    small = saved.small;
  }

  // the bulk-built aggregates of the small county are what a rebuild from its events gives
  const snap = await computeStatsSnapshot(b.deps.db, small.id, TZ);
  const norm = (rows: DailyRow[]) =>
    JSON.stringify(
      rows
        .map((r) => [r.unitId, r.day, ...DAILY_COUNTERS.map((k) => r[k] ?? 0)])
        .sort((x, y) => `${x[0]}${x[1]}`.localeCompare(`${y[0]}${y[1]}`)),
    );
  if (norm(await allDailyRows(b.deps.db, small.id)) !== norm(snap.daily))
    throw new Error('small county: stats_daily differs from a rebuild from its events');
  if ((await allOpenRows(b.deps.db, small.id)).length !== snap.open.length)
    throw new Error('small county: stats_open differs from a rebuild from its events');

  const results = [
    ...(await measure(b, raw, small, `${SMALL.toLocaleString('en')} assignments`)),
    ...(await measure(b, raw, big, `${BIG.toLocaleString('en')} assignments`)),
  ];
  const sizes = await raw.execute(`SELECT
      (SELECT COUNT(*) FROM assignments) AS assignments, (SELECT COUNT(*) FROM events) AS events,
      (SELECT COUNT(*) FROM stats_daily) AS daily, (SELECT COUNT(*) FROM stats_open) AS open`);
  raw.close();
  await b.close();

  const s = sizes.rows[0]!;
  const table = results
    .map(
      (r) =>
        `| ${r.scale} | ${r.period} | ${r.assignmentsInPeriod.toLocaleString('en')} | ${r.stats} | ${r.rankings} | ${r.floor} | ${(r.stats / r.floor).toFixed(2)}× | ${(r.rankings / r.floor).toFixed(2)}× |`,
    )
    .join('\n');
  const md = `# Statistics benchmark (bench/stats.ts)

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB RAM; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}.

Medians of ${RUNS} runs each (after 3 warm-up runs), milliseconds, measured in one run of \`npx tsx bench/stats.ts\`.

| county | period | assignments in period | GET /stats | GET /rankings | bare SQL aggregate (floor) | /stats ÷ floor | /rankings ÷ floor |
|---|---|---:|---:|---:|---:|---:|---:|
${table}

Database: one libSQL file in WAL (${DB_FILE}) holding both counties: ${Number(s.assignments).toLocaleString('en')} assignments, ${Number(s.events).toLocaleString('en')} events, ${Number(s.daily).toLocaleString('en')} stats_daily rows, ${Number(s.open).toLocaleString('en')} stats_open rows.${build ? ` Built in ${Math.round(build.totalMs / 1000)} s (big county ${Math.round(build.big.ms / 1000)} s for ${build.big.cases.toLocaleString('en')} cases, ${build.big.events.toLocaleString('en')} events).` : ''}

## Method

- **Data.** Two counties (18 townships, 30 departments each) with five years of history up to 15 July 2026 09:00 (the clock of the run): ${BIG.toLocaleString('en')} and ${SMALL.toLocaleString('en')} assignments. Each case is received at an even pace, routed within two days to one unit (one in eleven also to a co-handler); each assignment's steps are drawn at random — 3% returned and re-routed, 2% refused, 10% signed late, 5% accepted late, 5% extended, 10% replied late, 85% closed, 72% rated (80% 满意, 12% 基本满意, 8% 不满意; 30% of the first 不满意 reworked), the rest 超期未评 by the sweep — and cut at "now", so the last weeks hold open cases with deadlines still running or past. Every history is replayed through the import's dry run (the state machine's checks, the tenant's deadline rules), so rows and events are what the live services write; the rows are bulk-inserted with json_each in transactions of 20,000 assignments, and stats_daily / stats_open are built with the same fold and contributions code that runs on every live move. The small county's aggregates are checked against a rebuild from its events.
- **Measured.** \`GET /api/t/{county}/stats?month=2026-06\` (and \`?year=2025\`) and \`GET /api/t/{county}/rankings?…\` through the Node app (\`app.request\`, county leader's session cookie: authentication, tenant, validation, JSON included) on the libSQL file. /stats reads stats_daily summed per unit over the period plus the period's open assignments counted in SQL; /rankings does the same for the period and the same period a year earlier (the repeat-rate penalty) and reads the deductions. Both answer at cut-off "now" from the aggregates (\`source: "aggregates"\`).
- **Floor.** One hand-written \`SELECT … FROM assignments WHERE tenant_id = ? AND dispatch_day BETWEEN ? AND ? GROUP BY unit_id\` counting received, closed, accepted in time, replied, rated, satisfied, unrated and returned, through the same libSQL client, no HTTP. It counts fewer and simpler things than FIGURES (no deadline at the cut-off, no rework, no first reply), so it is a floor, not an equivalent.
- The API's cost follows units × days, not the number of cases: a month is ${'~'}50 units × 30 days of stats_daily plus the month's open rows, a year ${'~'}50 × 365. At 10,000 assignments the floor is a millisecond or two and what is left is the fixed part of a request (session and user, tenant, the county's units, two aggregate queries, ${'~'}50 rows of JSON); /rankings reads two periods (this one and a year earlier) and the deductions.
- Rebuild: \`POST /api/t/{county}/stats/rebuild\` (recomputeStats) folds every assignment's events; it is the check, not the path of a report.
`;
  writeFileSync(join(process.cwd(), 'bench/results-stats.md'), md);
  process.stdout.write(`${md}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
