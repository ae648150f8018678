// Bad input never gets a 500: every API route the app has (the list comes from the app itself),
// called by the roles that may use it with broken JSON, bodies of the wrong shape, fields of the
// wrong type, sizes and characters nobody expected, and query strings full of nonsense, answers
// a 4xx in the one error shape (or a 2xx where the route ignores what it was given).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  as,
  type Client,
  makeTenant,
  makeTestApp,
  type TenantFixture,
  type TestApp,
} from '../fixtures/app';
import { type ForeignIds, makeForeignResources, SAMPLES } from '../fixtures/isolation-samples';

let t: TestApp;
let a: TenantFixture;
let own: ForeignIds;
const clients: Record<string, Client> = {};

const STAFF = ['admin', 'dispatcher', 'handlerA', 'leaderA'] as const;

async function login(who: string): Promise<Client> {
  if (who === 'citizen') return t.client();
  if (who === 'root') {
    const root = t.client();
    await root.login(ADMIN.login, ADMIN.password);
    return root;
  }
  return as(t, a, who as (typeof STAFF)[number]);
}

beforeAll(async () => {
  t = await makeTestApp();
  a = await makeTenant(t, 'alpha');
  own = await makeForeignResources(t, a);
  // the user whose account the fuzzing edits is not one of those calling
  own.user = a.users.handlerB;
  for (const who of [...STAFF, 'root', 'citizen']) clients[who] = await login(who);
}, 60_000);
afterAll(async () => t.close());

const LONG = '长'.repeat(100_000);
const WEIRD = ['', ' ', '\u0000', '%', '../../etc/passwd', '💥'.repeat(50), '<script>x</script>', LONG];
const WRONG_VALUES: unknown[] = [null, -1, 1e308, 1.5, true, [], {}, ['x'], { $gt: '' }, LONG, '\u0000'];

/** The keys routes read, to give each a wrong value. */
const KEYS = [
  'version',
  'units',
  'unitId',
  'role',
  'reason',
  'notice',
  'note',
  'days',
  'body',
  'message',
  'value',
  'bureauValue',
  'comment',
  'reply',
  'intoCaseId',
  'decision',
  'opinion',
  'field',
  'kind',
  'channel',
  'purpose',
  'categoryId',
  'townshipUnitId',
  'title',
  'content',
  'petitioner',
  'phone',
  'idNumber',
  'name',
  'login',
  'password',
  'month',
  'level',
  'points',
  'settings',
  'scores',
  'queryCode',
  'secret',
  'dueAt',
  'deadline',
  'receivedAt',
  'attachmentIds',
  'parentId',
  'active',
  'slug',
];

function bodies(sample: unknown): unknown[] {
  const out: unknown[] = ['{"unterminated', 'null', '[]', '"text"', '12', {}, []];
  for (const v of WRONG_VALUES) out.push(Object.fromEntries(KEYS.map((k) => [k, v])));
  if (sample && typeof sample === 'object')
    for (const k of Object.keys(sample))
      for (const v of WRONG_VALUES) out.push({ ...(sample as object), [k]: v });
  return out;
}

const RAW_BODIES: [string, string][] = [
  ['multipart/form-data; boundary=zzz', '--zzz\r\nContent-Disposition: form-data; name="file"\r\n\r\nno end'],
  ['multipart/form-data', 'not multipart at all'],
  ['text/csv', '"unterminated,quote\n,,,,\n\u0000'],
  ['application/x-ndjson', '{"a":1}\n{broken\n[]\n"x"'],
  ['application/json; charset=gbk', '\u0000\u0001'],
];

const QUERIES = [
  '?limit=-1&cursor=%25%25%25&from=notadate&to=2026-13-45',
  '?state=bogus,,,&light=purple&unitId=x&categoryId=&channel=?&purpose=1',
  `?q=${encodeURIComponent(LONG.slice(0, 3000))}&month=2026-99&year=-5&period=x`,
  '?limit=1e9&cursor=eyJ4IjoxfQ&sort=; DROP TABLE cases',
  '?month=2026-02&compare=zz&unit=..%2F..&format=exe',
];

function routes() {
  const seen = new Set<string>();
  for (const r of t.app.routes)
    if (r.method !== 'ALL' && r.path.startsWith('/api/')) seen.add(`${r.method} ${r.path}`);
  return [...seen].sort();
}

function fill(pattern: string, param: (name: string) => string) {
  return pattern.replace(/:(\w+)(\{[^}]*\})?/g, (_, p: string) => (p === 'tenant' ? a.slug : param(p)));
}

describe('bad input', () => {
  it('never answers a 500 on any API route, and every refusal is in the one error shape', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let calls = 0;
    const check = async (
      who: string,
      method: string,
      path: string,
      body?: unknown,
      type = 'application/json',
    ) => {
      calls++;
      const headers: Record<string, string> = typeof body === 'string' ? { 'content-type': type } : {};
      let r = await clients[who]!.req(method, path, body, headers);
      if (r.status === 401 && who !== 'citizen') {
        // an earlier call signed this client out (logout, say): sign in again and retry
        clients[who] = await login(who);
        r = await clients[who]!.req(method, path, body, headers);
      }
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      const shaped =
        r.status < 400 ||
        (typeof r.body?.error?.code === 'string' && typeof r.body.error.message === 'string');
      if (r.status >= 500 || !shaped)
        failures.push(
          `${who} ${method} ${path.slice(0, 100)} ${JSON.stringify(body)?.slice(0, 80)} → ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`,
        );
    };
    for (const key of routes()) {
      const [method, pattern] = key.split(' ') as [string, string];
      const sample = SAMPLES[`${method} ${pattern.replace('/api/t/:tenant', '')}`];
      const who = pattern.startsWith('/api/platform')
        ? ['root']
        : pattern.includes('/portal/')
          ? ['citizen']
          : [...new Set([sample?.as ?? 'dispatcher', 'admin', 'handlerA'])];
      const moves = /\/:move\{([^}]*)\}/.exec(pattern)?.[1]?.split('|') ?? [''];
      for (const move of moves) {
        // the county's own ids (so the route gets past "not found"), then nonsense ids
        const idOf = (p: string) =>
          p === 'move' ? move : (own[sample?.ids[p] ?? ''] ?? own[p === 'number' ? 'caseNumber' : p] ?? 'x');
        const paths = [
          fill(pattern, idOf),
          ...WEIRD.slice(2, 6).map((w) =>
            fill(pattern, (p) => (p === 'move' ? move : encodeURIComponent(w))),
          ),
        ];
        for (const w of who) {
          if (method === 'GET' || method === 'DELETE') {
            for (const path of paths) await check(w, method, path);
            for (const q of QUERIES) await check(w, method, paths[0]! + q);
            continue;
          }
          for (const body of bodies(sample?.body(own))) await check(w, method, paths[0]!, body);
          // other kinds of body, broken: multipart without its parts, CSV and NDJSON of nonsense
          for (const [type, raw] of RAW_BODIES) await check(w, method, paths[0]!, raw, type);
          for (const path of paths.slice(1)) await check(w, method, path, sample?.body(own) ?? {});
        }
      }
    }
    expect(calls).toBeGreaterThan(5000);
    // most calls get as far as the route's own checks (not stopped at the door by a lost session)
    expect(statuses.get(400) ?? 0).toBeGreaterThan(calls / 2);
    expect(statuses.get(401) ?? 0).toBeLessThan(calls / 20);
    expect(failures).toEqual([]);
  }, 600_000); // 196 s of its 300 s on a loaded machine

  it('does not echo megabytes back: a field named by a 1 MB key, or holding a control character, is named clipped', async () => {
    const key = 'k'.repeat(1_000_000);
    const routes: [string, string, Record<string, unknown>][] = [
      ['dispatcher', `/api/t/${a.slug}/cases`, { [key]: 1 }],
      ['dispatcher', `/api/t/${a.slug}/cases`, { [key]: '\u0000' }],
      ['citizen', `/api/t/${a.slug}/portal/cases`, { title: `标题${'长'.repeat(600_000)}`, [key]: 1 }],
      ['admin', `/api/t/${a.slug}/units`, Object.fromEntries([...Array(3000)].map((_, i) => [`x${i}`, i]))],
    ];
    for (const [who, path, body] of routes) {
      const r = await clients[who]!.req('POST', path, body);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body.error.code).toBeTruthy();
      const size = JSON.stringify(r.body).length;
      expect(size, `${path}: ${size} bytes`).toBeLessThan(250_000);
      for (const d of r.body.error.details) {
        expect(String(d.path ?? '').length).toBeLessThanOrEqual(200);
        expect(d.message.length).toBeLessThanOrEqual(200);
      }
      expect(r.body.error.message.length).toBeLessThanOrEqual(1000);
    }
  });
});
