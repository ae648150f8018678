// Builds a large county for benchmarks straight into a libSQL file (bulk inserts in big
// transactions, not through the HTTP API): 40 units, N cases over five years, one or two
// assignments each, realistic states (old ones closed and rated, recent ones open, some overdue),
// with the FTS index filled the way the product's writers fill it.
import { createClient, type Client } from '@libsql/client';
import { openLibsql } from '../db/client';
import { migrateLibsql } from '../db/migrate';
import { ManualClock } from '../workers/lib/clock';
import { memoryFileStore } from '../workers/lib/files';
import { silentLogger } from '../workers/lib/logger';
import type { AppDeps } from '../workers/api/context';
import { seedDemoTenancy } from '../db/seed/demo-tenancy';

const DAY = 86_400_000;
const WORDS = [
  '路灯损坏',
  '道路破损积水',
  '噪音扰民',
  '拖欠工资',
  '物业服务差',
  '占道经营',
  '垃圾清运不及时',
  '学校门口拥堵',
  '供水中断',
  '医疗纠纷',
  '宅基地审批',
  '惠农补贴',
  '食品安全',
  '价格欺诈',
  '河道污染',
];
const PLACES = [
  '青石路',
  '梧桐小区',
  '柳岸花园',
  '东门菜市场',
  '滨河路',
  '南门桥',
  '新华街',
  '育才路',
  '幸福里',
  '翠湖苑',
];

export interface BuiltCounty {
  url: string;
  deps: AppDeps;
  tenantId: string;
  unitIds: string[];
  now: number;
  close(): Promise<void>;
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function buildCounty(
  file: string,
  cases: number,
  opts: { now?: number; log?: (s: string) => void } = {},
): Promise<BuiltCounty> {
  const url = `file:${file}`;
  const handle = await openLibsql({ url });
  await migrateLibsql(handle.db);
  const now = opts.now ?? Date.UTC(2026, 10, 20, 2);
  const deps: AppDeps = {
    db: handle.db,
    clock: new ManualClock(now),
    files: memoryFileStore(),
    logger: silentLogger,
    secret: 'bench-secret-bench-secret-bench-secret-01',
    passwordIterations: 1000,
    secureCookies: false,
    runtime: 'node',
    captcha: { disabled: true },
  };
  const demo = await seedDemoTenancy(deps);
  if (!demo) throw new Error('demo county exists already');
  const unitIds = Object.entries(demo.unitIds)
    .filter(([n]) => n !== '青禾县信访局')
    .map(([, id]) => id);
  const catIds = Object.values(demo.categoryIds);
  const raw: Client = createClient({ url, concurrency: 1 });
  await raw.execute('PRAGMA synchronous = OFF');
  const r = rng(42);
  const start = now - 5 * 365 * DAY;
  const CHUNK = 5000;
  let made = 0;
  let assignmentsMade = 0;
  const t0 = performance.now();
  // One statement per table per chunk (rows as a JSON array through json_each): a statement per
  // row makes the libSQL driver hold on to millions of prepared statements.
  const CASE_COLS = [
    'id',
    'tenant_id',
    'number',
    'kind',
    'channel',
    'purpose',
    'category_id',
    'title',
    'content',
    'petitioner_name',
    'petitioner_phone',
    'status',
    'received_at',
    'received_day',
    'route_due_at',
    'updated_at',
    'query_code',
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
    'reply_due_at',
    'replied_at',
    'closed_at',
    'rated_at',
    'rating',
    'due_at',
    'due_step',
    'updated_at',
  ];
  // every answered assignment has its sent reply; one case in twenty is suggested as a repeat of
  // the case twenty before it (the case page reads both)
  const REPLY_COLS = [
    'id',
    'tenant_id',
    'case_id',
    'assignment_id',
    'body',
    'status',
    'created_at',
    'updated_at',
    'sent_at',
  ];
  const SUGGESTION_COLS = [
    'id',
    'tenant_id',
    'case_id',
    'earlier_case_id',
    'score',
    'reasons',
    'status',
    'created_at',
  ];
  let repliesMade = 0;
  const insert = (table: string, cols: string[]) =>
    `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((_, i) => `j.value ->> ${i}`).join(', ')} FROM json_each(?) AS j`;
  while (made < cases) {
    const n = Math.min(CHUNK, cases - made);
    const caseRows: unknown[][] = [];
    const assignmentRows: unknown[][] = [];
    const replyRows: unknown[][] = [];
    const suggestionRows: unknown[][] = [];
    for (let k = 0; k < n; k++) {
      const i = made + k;
      const receivedAt = Math.floor(start + ((now - start) * (i + r())) / cases);
      const age = now - receivedAt;
      const open = age < 40 * DAY && r() < 0.6;
      const id = `c${i.toString(36).padStart(10, '0')}`;
      const day = new Date(receivedAt + 8 * 3600_000).toISOString().slice(0, 10);
      const word = WORDS[i % WORDS.length]!;
      const place = PLACES[Math.floor(r() * PLACES.length)]!;
      caseRows.push([
        id,
        demo.tenantId,
        `${day.slice(0, 4)}-${String(i + 1).padStart(7, '0')}`,
        'petition',
        ['web', 'phone', 'letter', 'visit'][i % 4]!,
        'help',
        catIds[i % catIds.length]!,
        `${place}${word}`,
        `${place}${word}，影响周边群众生活，请有关部门尽快处理。`,
        '群众',
        `139${String(i).padStart(8, '0')}`,
        open ? 'in_progress' : 'rated',
        receivedAt,
        day,
        receivedAt + 15 * DAY,
        receivedAt,
        `Q${i.toString(36).toUpperCase().padStart(9, '0')}`,
      ]);
      if (i >= 20 && i % 20 === 0)
        suggestionRows.push([
          `s${i.toString(36).padStart(10, '0')}`,
          demo.tenantId,
          id,
          `c${(i - 20).toString(36).padStart(10, '0')}`,
          80,
          '["同一身份证号"]',
          'pending',
          receivedAt,
        ]);
      const units = r() < 0.1 ? 2 : 1;
      for (let u = 0; u < units; u++) {
        const unitId = unitIds[Math.floor(r() * unitIds.length)]!;
        const dispatchedAt = receivedAt + Math.floor(r() * 2 * DAY);
        const state = open ? (['dispatched', 'signed', 'accepted'] as const)[Math.floor(r() * 3)]! : 'rated';
        const signDue = dispatchedAt + 2 * DAY;
        const acceptDue = dispatchedAt + 6 * DAY;
        const replyDue = state === 'accepted' || state === 'rated' ? dispatchedAt + 21 * DAY : null;
        const dueAt =
          state === 'dispatched'
            ? signDue
            : state === 'signed'
              ? acceptDue
              : state === 'accepted'
                ? replyDue
                : null;
        const dueStep =
          state === 'dispatched'
            ? 'sign'
            : state === 'signed'
              ? 'accept'
              : state === 'accepted'
                ? 'reply'
                : null;
        const done = state === 'rated';
        const assignmentId = `a${(assignmentsMade++).toString(36).padStart(10, '0')}`;
        if (done)
          replyRows.push([
            `r${(repliesMade++).toString(36).padStart(10, '0')}`,
            demo.tenantId,
            id,
            assignmentId,
            `经核实，${place}${word}问题已处理完毕。`,
            'sent',
            dispatchedAt + 9 * DAY,
            dispatchedAt + 10 * DAY,
            dispatchedAt + 10 * DAY,
          ]);
        assignmentRows.push([
          assignmentId,
          demo.tenantId,
          id,
          unitId,
          u === 0 ? 'lead' : 'co',
          state,
          1,
          dispatchedAt,
          new Date(dispatchedAt + 8 * 3600_000).toISOString().slice(0, 10),
          signDue,
          state === 'dispatched' ? null : dispatchedAt + DAY / 2,
          dispatchedAt + 7 * DAY,
          acceptDue,
          state === 'accepted' || done ? dispatchedAt + DAY : null,
          replyDue,
          done ? dispatchedAt + 10 * DAY : null,
          done ? dispatchedAt + 11 * DAY : null,
          done ? dispatchedAt + 12 * DAY : null,
          done ? (r() < 0.9 ? 'satisfied' : 'unsatisfied') : null,
          dueAt,
          dueStep,
          dispatchedAt,
        ]);
      }
    }
    await raw.batch(
      [
        { sql: insert('cases', CASE_COLS), args: [JSON.stringify(caseRows)] },
        // the search index, as the product's writers fill it (workers/repo/search.ts)
        {
          sql: `INSERT INTO cases_fts (rowid, number, title, content, address)
            SELECT rowid, number, title, content, address FROM cases
            WHERE id IN (SELECT value FROM json_each(?))`,
          args: [JSON.stringify(caseRows.map((c) => c[0]))],
        },
        { sql: insert('assignments', ASSIGNMENT_COLS), args: [JSON.stringify(assignmentRows)] },
        { sql: insert('replies', REPLY_COLS), args: [JSON.stringify(replyRows)] },
        { sql: insert('repeat_suggestions', SUGGESTION_COLS), args: [JSON.stringify(suggestionRows)] },
      ],
      'write',
    );
    made += n;
    if (opts.log && made % 100_000 === 0)
      opts.log(
        `  ${made} cases, ${assignmentsMade} assignments, ${repliesMade} replies, ${Math.round((performance.now() - t0) / 1000)} s`,
      );
  }
  await raw.execute('PRAGMA synchronous = NORMAL');
  await raw.execute('ANALYZE');
  raw.close();
  return { url, deps, tenantId: demo.tenantId, unitIds, now, close: () => handle.close() };
}
