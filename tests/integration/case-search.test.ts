// The search box of the case list and the inboxes: several words must all match (ASCII or
// full-width spaces between them, at most five), and at the bureau's desk a phone number, an ID
// number or a query code finds the caller's cases exactly — through indexes (the query plan is
// read here) and never for a unit, which must not learn who filed a 检举控告. Then the orders of
// the case list: newest first, the routing deadline soonest first (新件待分派), the 复查 request
// longest waiting first, each with a cursor that belongs to its order.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema';
import type { TenantFixture } from '../fixtures/app';
import {
  DAY,
  type Desk,
  type Desks,
  expectError,
  expectOk,
  HOUR,
  register,
  routeTo,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('search');

const numbers = async (d: Desk, path: '/cases' | '/assignments', q: Record<string, string>) =>
  (expectOk(await d.get(path, { limit: 100, ...q })).items as any[])
    .map((x) => (path === '/cases' ? x.number : x.caseNumber) as string)
    .sort();

/** The SQL statements the app runs while `f` runs, with their arguments. */
async function statementsOf(f: () => Promise<unknown>) {
  const client = (t.deps.db as unknown as { $client: { execute: (...a: any[]) => Promise<any> } }).$client;
  const seen: { sql: string; args: unknown[] }[] = [];
  const original = client.execute;
  client.execute = function (this: unknown, ...a: any[]) {
    const s = a[0];
    if (typeof s === 'string') seen.push({ sql: s, args: a[1] ?? [] });
    else seen.push({ sql: s.sql, args: s.args ?? [] });
    return original.apply(this, a);
  };
  try {
    await f();
  } finally {
    client.execute = original;
  }
  return { seen, explain: (s: { sql: string; args: unknown[] }) => explain(client, s) };
}

async function explain(
  client: { execute: (...a: any[]) => Promise<any> },
  s: { sql: string; args: unknown[] },
) {
  const r = await client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args });
  return (r.rows as any[]).map((row) => String(row.detail ?? row[3])).join('\n');
}

/** Registers and routes cases (to `unit` unless told), keeping each number under its key. */
const routed =
  (s: Desks, n: Record<string, string>, unit: string) =>
  async (key: string, over: Record<string, unknown>, to = unit) => {
    const c = await register(s.dispatcher, over);
    await routeTo(s.dispatcher, c.case, [[to, 'lead']]);
    n[key] = c.case.number;
    return c;
  };

describe('searching with several words', () => {
  let f: TenantFixture;
  let s: Desks;
  const n: Record<string, string> = {};
  beforeAll(async () => {
    ({ f, s } = await county());
    const make = routed(s, n, f.units.townA);
    await make('lift', {
      title: '梧桐小区电梯故障',
      content: '梧桐小区三号楼电梯经常故障停运，老人上下楼困难。',
    });
    await make('liftNoise', { title: '电梯运行噪音大', content: '青石路某大厦电梯运行时噪音很大。' });
    await make('faultLamp', { title: '路灯故障', content: '滨河路路灯故障，晚上一片漆黑。' });
    await make('wutongParking', { title: '梧桐小区停车难', content: '小区车位不足，乱停车堵塞消防通道。' });
  });

  it('finds the cases that hold every word, ASCII or full-width spaces between them, in any order', async () => {
    for (const path of ['/cases', '/assignments'] as const) {
      // each word alone finds more than one case
      expect(await numbers(s.dispatcher, path, { q: '电梯' })).toEqual([n.lift, n.liftNoise].sort());
      expect(await numbers(s.dispatcher, path, { q: '故障' })).toEqual([n.lift, n.faultLamp].sort());
      // two 2-character words (LIKE), both must be there
      expect(await numbers(s.dispatcher, path, { q: '电梯 故障' })).toEqual([n.lift]);
      expect(await numbers(s.dispatcher, path, { q: '故障 电梯' })).toEqual([n.lift]);
      expect(await numbers(s.dispatcher, path, { q: '电梯\u3000故障' })).toEqual([n.lift]);
      expect(await numbers(s.dispatcher, path, { q: ' 梧桐  电梯 ' })).toEqual([n.lift]);
      // 3+ characters through the trigram index, mixed with a short word
      expect(await numbers(s.dispatcher, path, { q: '梧桐小区 电梯' })).toEqual([n.lift]);
      expect(await numbers(s.dispatcher, path, { q: '梧桐小区 三号楼' })).toEqual([n.lift]);
      expect(await numbers(s.dispatcher, path, { q: '梧桐小区 停车' })).toEqual([n.wutongParking]);
      expect(await numbers(s.dispatcher, path, { q: '电梯故障' })).toEqual([n.lift]);
      expect(await numbers(s.dispatcher, path, { q: '电梯 没有' })).toEqual([]);
    }
    // a unit too, within its own
    expect(await numbers(s.handlerA, '/assignments', { q: '电梯 故障' })).toEqual([n.lift]);
    expect(await numbers(s.county, '/cases', { q: '梧桐 电梯' })).toEqual([n.lift]);
  });

  it('takes at most five words', async () => {
    expect(await numbers(s.dispatcher, '/cases', { q: '梧桐 小区 三号楼 电梯 故障' })).toEqual([n.lift]);
    for (const path of ['/cases', '/assignments', '/cases/export.csv'])
      expectError(await s.dispatcher.get(path, { q: '梧桐 小区 三号楼 电梯 故障 老人' }), 400, 'VALIDATION');
  });
});

describe("looking a caller up at the bureau's desk", () => {
  let f: TenantFixture;
  let s: Desks;
  const n: Record<string, string> = {};
  let queryCode = '';
  beforeAll(async () => {
    ({ f, s } = await county());
    const make = routed(s, n, f.units.townA);
    // 郑一鸣 (13800138000) called twice; another caller once
    queryCode = (await make('first', { title: '小区门口道路积水' })).queryCode;
    await make('again', { title: '道路积水仍未处理', channel: 'letter' });
    await make('other', {
      title: '夜间施工噪音',
      petitioner: { name: '钱多多', phone: '13911112222' },
    });
    // an accusation: its unit must not find who filed it
    await make(
      'accusation',
      {
        purpose: 'accusation',
        channel: 'visit',
        title: '反映村干部优亲厚友',
        content: '某村干部在低保评定中优亲厚友。',
        petitioner: { name: '孙小檬', phone: '13700137000' },
      },
      f.units.townB,
    );
    await make('landline', {
      title: '供水中断',
      petitioner: { name: '李大山', phone: '0591-87654321' },
    });
    await make('withId', {
      title: '宅基地审批',
      petitioner: { name: '周安', phone: '13600136000', idNumber: '11010519491231002X' },
    });
    // the phone number written in a case's text is found as text, by anyone who sees the case
    await make('phoneInText', {
      title: '物业收费',
      content: '物业联系电话13911112222无人接听，另一号码150-0015-0000也打不通。',
      petitioner: { name: '吴桐', phone: '15000150000' },
    });
  });

  it('a phone number typed any usual way finds the cases of that caller (and the text that holds it)', async () => {
    // (the ways of typing it: tests/unit/search.test.ts)
    for (const q of ['13800138000', '+86 138-0013-8000'])
      for (const who of ['dispatcher', 'admin'] as const)
        expect([q, who, await numbers(s[who], '/cases', { q })]).toEqual([q, who, [n.first, n.again].sort()]);
    expect(await numbers(s.dispatcher, '/assignments', { q: '138 0013 8000' })).toEqual(
      [n.first, n.again].sort(),
    );
    expect(await numbers(s.dispatcher, '/cases', { q: '13911112222' })).toEqual(
      [n.other, n.phoneInText].sort(),
    );
    expect(await numbers(s.dispatcher, '/cases', { q: '0591-87654321' })).toEqual([n.landline]);
    expect(await numbers(s.dispatcher, '/cases', { q: '0591 8765 4321' })).toEqual([n.landline]);
    // with other words: that caller's cases that hold them
    expect(await numbers(s.dispatcher, '/cases', { q: '13800138000 仍未' })).toEqual([n.again]);
    expect(await numbers(s.dispatcher, '/assignments', { q: '仍未 138 0013 8000' })).toEqual([n.again]);
    // a number written in a case's text with dashes is found typed that way too, by a unit as well
    expect(await numbers(s.handlerA, '/assignments', { q: '150-0015-0000' })).toEqual([n.phoneInText]);
    // part of a number is no lookup
    expect(await numbers(s.dispatcher, '/cases', { q: '0013 8000' })).toEqual([]);
  });

  it('a phone number finds its caller’s cases registered with an ID number too; a name finds the caller', async () => {
    expect(await numbers(s.dispatcher, '/cases', { q: '13600136000' })).toEqual([n.withId]);
    expect(await numbers(s.dispatcher, '/cases', { q: '郑一鸣' })).toEqual([n.first, n.again].sort());
    // a name is looked up when it is the whole search: with other words, they are words of the text
    expect(await numbers(s.dispatcher, '/assignments', { q: '郑一鸣 仍未' })).toEqual([]);
    // a two-character name, and a two-character word still found in the text
    expect(await numbers(s.dispatcher, '/cases', { q: '周安' })).toEqual([n.withId]);
    expect(await numbers(s.dispatcher, '/cases', { q: '噪音' })).toEqual([n.other]);
    // a unit finds no one by name: not the accuser of the 检举控告 it handles
    for (const who of ['handlerB', 'leaderB'] as const)
      expect(await numbers(s[who], '/assignments', { q: '孙小檬' })).toEqual([]);
    expect(await numbers(s.county, '/cases', { q: '孙小檬' })).toEqual([]);
    expect(await numbers(s.dispatcher, '/cases', { q: '孙小檬' })).toEqual([n.accusation]);
  });

  it('an ID number finds the cases registered with it, a query code its case', async () => {
    expect(await numbers(s.dispatcher, '/cases', { q: '11010519491231002X' })).toEqual([n.withId]);
    expect(await numbers(s.dispatcher, '/cases', { q: '11010519491231002x' })).toEqual([n.withId]);
    expect(await numbers(s.dispatcher, '/cases', { q: queryCode })).toEqual([n.first]);
    expect(await numbers(s.dispatcher, '/cases', { q: queryCode.toLowerCase() })).toEqual([n.first]);
    expect(await numbers(s.dispatcher, '/assignments', { q: queryCode })).toEqual([n.first]);
  });

  it('the bureau finds a 检举控告 by its accuser; the unit handling it does not, nor does a county leader', async () => {
    expect(await numbers(s.dispatcher, '/cases', { q: '13700137000' })).toEqual([n.accusation]);
    expect(await numbers(s.dispatcher, '/assignments', { q: '13700137000' })).toEqual([n.accusation]);
    // the unit holds the case and finds it by its words, never by who filed it
    expect(await numbers(s.handlerB, '/assignments', { q: '优亲厚友' })).toEqual([n.accusation]);
    for (const who of ['handlerB', 'leaderB'] as const)
      expect(await numbers(s[who], '/assignments', { q: '13700137000' })).toEqual([]);
    // nor any lookup of a unit's own (non-accusation) cases: only text
    expect(await numbers(s.handlerA, '/assignments', { q: '13800138000' })).toEqual([]);
    expect(await numbers(s.handlerA, '/assignments', { q: queryCode })).toEqual([]);
    expect(await numbers(s.handlerA, '/assignments', { q: '13911112222' })).toEqual([n.phoneInText]);
    expect(await numbers(s.county, '/cases', { q: '13700137000' })).toEqual([]);
    expect(await numbers(s.county, '/cases', { q: '11010519491231002X' })).toEqual([]);
    expect(await numbers(s.county, '/cases', { q: queryCode })).toEqual([]);
  });

  it('the lookups read indexes: the identity key and the query code, beside the trigram index', async () => {
    for (const [path, q] of [
      ['/cases', '13800138000'],
      ['/assignments', '13800138000'],
      ['/assignments', '138 0013 8000 道路'],
      ['/cases', '11010519491231002X'],
      ['/cases', queryCode],
      ['/cases', '13800138000 仍未'],
      ['/cases', '郑一鸣'],
    ] as const) {
      const { seen, explain } = await statementsOf(() => s.dispatcher.get(path, { q }));
      const search = seen.filter((x) => x.sql.includes('cases_fts'));
      expect(search, `${path}?q=${q}`).toHaveLength(1);
      const plan = await explain(search[0]!);
      // the lookup reads its index (covering: the rowids only) …
      expect(plan, plan).toMatch(
        q === queryCode
          ? /SEARCH cases USING COVERING INDEX cases_tenant_query_uq \(tenant_id=\? AND query_code=\?\)/
          : q.startsWith('1101')
            ? /SEARCH cases USING COVERING INDEX cases_tenant_identity_idx \(tenant_id=\? AND identity_hash=\?\)/
            : q.startsWith('郑')
              ? /SEARCH cases USING COVERING INDEX cases_name_idx \(petitioner_name=\? AND tenant_id=\?\)/
              : /SEARCH cases USING COVERING INDEX cases_phone_idx \(petitioner_phone=\? AND tenant_id=\?\)/,
      );
      // … into one list of rowids with the text's, and no pass over the county's rows tests each
      // of them against the lookup (the test database has no statistics, as no county's has)
      expect(plan, plan).toMatch(/LIST SUBQUERY \d+\n.*COMPOUND QUERY/);
      expect(plan, plan).not.toMatch(/\bSCAN (cases|assignments)\b/);
      // the inbox reads the assignments of those cases, not the county's queue
      if (path === '/assignments')
        expect(plan.split('\n')[0], plan).toBe(
          'SEARCH assignments USING INDEX assignments_tenant_case_idx (tenant_id=? AND case_id=?)',
        );
    }
    // words of a longer search are not looked up as names: their trigram terms stay one MATCH
    const { seen } = await statementsOf(() => s.dispatcher.get('/cases', { q: '郑一鸣 道路积水' }));
    const search = seen.filter((x) => x.sql.includes('cases_fts'));
    expect(search).toHaveLength(1);
    expect(search[0]!.sql).not.toContain('petitioner_name = ');
    expect(search[0]!.sql.match(/cases_fts MATCH/g)).toHaveLength(1);
  });
});

describe('the orders of the case list', () => {
  let f: TenantFixture;
  let s: Desks;
  const id: Record<string, string> = {};
  const all = async (q: Record<string, string>, limit = 2) => {
    const seen: any[] = [];
    let cursor: string | undefined;
    do {
      const page = expectOk(await s.dispatcher.get('/cases', { ...q, limit, cursor }));
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  };
  const title = (x: any) => x.title as string;
  beforeAll(async () => {
    ({ f, s } = await county());
    t.clock.set(Date.UTC(2026, 2, 2, 1));
    // received first, under the default 15 days to route
    id.early = (await register(s.dispatcher, { title: '最早收到' })).case.id;
    t.clock.advance(HOUR);
    id.routed = (await register(s.dispatcher, { title: '已分派' })).case.id;
    await routeTo(s.dispatcher, { id: id.routed!, version: 1 }, [[f.units.townA, 'lead']]);
    // the county shortens the routing deadline to 3 days: cases received later are due sooner
    const settings = expectOk(await s.admin.get('/settings'));
    expectOk(
      await s.admin.req('PATCH', '/settings', {
        version: settings.version,
        patch: { deadlines: { route: { days: 3, unit: 'natural' } } },
      }),
    );
    t.clock.advance(HOUR);
    for (const x of ['甲', '乙', '丙']) {
      // three the same hour: one deadline (24:00 of the third day), the id breaks the tie
      id[x] = (await register(s.dispatcher, { title: `三日内分派${x}` })).case.id;
      t.clock.advance(60_000);
    }
    t.clock.advance(DAY);
    id.late = (await register(s.dispatcher, { title: '次日收到' })).case.id;
  });

  it('newest first by default; the routing deadline soonest first when asked, ties by id, every page in order', async () => {
    const newest = await all({ status: 'new' }, 100);
    expect(newest.map(title)).toEqual([
      '次日收到',
      '三日内分派丙',
      '三日内分派乙',
      '三日内分派甲',
      '最早收到',
    ]);
    expect((await all({ status: 'new' })).map((x) => x.id)).toEqual(newest.map((x) => x.id));
    expect((await all({ status: 'new', sort: 'newest' })).map((x) => x.id)).toEqual(newest.map((x) => x.id));
    expect((await all({ status: 'new', sort: 'oldest' }, 100)).map(title)).toEqual([
      '最早收到',
      '三日内分派甲',
      '三日内分派乙',
      '三日内分派丙',
      '次日收到',
    ]);
    const due = await all({ status: 'new', sort: 'routeDue' }, 100);
    const tie = ['甲', '乙', '丙'].map((x) => id[x]!).sort();
    expect(due.map((x) => x.id)).toEqual([...tie, id.late, id.early]);
    const dues = due.map((x) => x.routeDueAt);
    expect(dues[0]).toBe(dues[2]);
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    // pages of 2 and of 1 cut through the tie and give the same rows, each once
    expect((await all({ status: 'new', sort: 'routeDue' })).map((x) => x.id)).toEqual(due.map((x) => x.id));
    expect((await all({ status: 'new', sort: 'routeDue' }, 1)).map((x) => x.id)).toEqual(
      due.map((x) => x.id),
    );
    // every status, in the same order: the routed case received the same day as the earliest
    // shares its deadline
    const every = (await all({ sort: 'routeDue' })).map((x) => x.id);
    expect(every.slice(0, 4)).toEqual([...tie, id.late]);
    expect(every.slice(4).sort()).toEqual([id.early, id.routed].sort());
    expectError(await s.dispatcher.get('/cases', { sort: 'due' }), 400, 'VALIDATION');
  });

  it('a cursor is good for the order that made it only', async () => {
    const byDue = expectOk(await s.dispatcher.get('/cases', { sort: 'routeDue', limit: 2 }));
    const byNewest = expectOk(await s.dispatcher.get('/cases', { limit: 2 }));
    const byOldest = expectOk(await s.dispatcher.get('/cases', { sort: 'oldest', limit: 2 }));
    for (const [cursor, sort] of [
      [byNewest.nextCursor, 'routeDue'],
      [byOldest.nextCursor, 'routeDue'],
      [byDue.nextCursor, 'newest'],
      [byDue.nextCursor, undefined],
      [byNewest.nextCursor, 'oldest'],
      [byNewest.nextCursor, 'reviewDue'],
    ]) {
      const r = await s.dispatcher.get('/cases', { sort, cursor, limit: 2 });
      expectError(r, 400, 'VALIDATION');
      expect(r.body.error.message).toContain('排序');
    }
    // a cursor of the old shape (received, id) is not one of ours any more
    const old = btoa(JSON.stringify([byNewest.items[1].receivedAt, byNewest.items[1].id]));
    expectError(await s.dispatcher.get('/cases', { cursor: old }), 400, 'VALIDATION');
    // and the export, which pages by itself, follows the order asked for
    const { text } = await s.dispatcher.download('/cases/export.csv?status=new&sort=routeDue');
    const titles = text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => ['最早收到', '次日收到', '三日内分派'].find((w) => line.includes(w)));
    expect(titles).toEqual(['三日内分派', '三日内分派', '三日内分派', '次日收到', '最早收到']);
  });

  it('the 复查 requests longest waiting first: their answer is due soonest', async () => {
    const at = Date.UTC(2026, 2, 10, 1);
    const asked: [string, number][] = [
      [id.late!, at + 2 * DAY],
      [id.early!, at],
      [id.routed!, at + DAY],
    ];
    for (const [caseId, when] of asked)
      await t.deps.db
        .update(cases)
        .set({ reviewLevel: 1, reviewRequestedAt: when })
        .where(eq(cases.id, caseId));
    t.clock.set(at + 3 * DAY);
    expect((await all({ review: 'pending', sort: 'reviewDue' }, 1)).map(title)).toEqual([
      '最早收到',
      '已分派',
      '次日收到',
    ]);
    // newest received first otherwise
    expect((await all({ review: 'pending' }, 100)).map(title)).toEqual(['次日收到', '已分派', '最早收到']);
  });
});
