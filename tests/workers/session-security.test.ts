// Today's login, session and answer rules (tests/integration/security-*.test.ts, bad-input) inside
// workerd with D1, through the real Worker entry: the address-wide login limit keyed by
// CF-Connecting-IP, a login ending the browser's previous session, the account lock that leaves open
// sessions alone, the day-long cap on a session, the security headers (an asset through the real
// ASSETS binding included), clipped error answers, another county's attachment refused, and the
// platform admins' own accounts (the null-county scope of the account queries).
//
// The Worker runs on the system clock (worker.ts: systemClock, no injection), so where the Node
// tests advance a test clock these move the stored instants instead: the session's login time.
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, ROOT, WorkerClient, county } from './client';

/** A browser at one address: Cloudflare sets CF-Connecting-IP, and nobody else can. */
class At extends WorkerClient {
  constructor(readonly ip?: string) {
    super();
  }
  override req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return super.req(method, path, body, this.ip ? { 'cf-connecting-ip': this.ip, ...headers } : headers);
  }
  attempt(login: string, password: string) {
    return this.post('/api/auth/login', { login, password });
  }
}

const WINDOW_MS = 15 * 60 * 1000;

/**
 * The address limit counts in fixed 15-minute windows: a spray that straddled a boundary would
 * start counting again halfway. Begin it with at least `needMs` left in the window.
 */
async function roomInWindow(needMs: number) {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS);
  if (left < needMs) await new Promise((r) => setTimeout(r, left + 1000));
}

const rateRows = async (prefix: string) =>
  (
    await env.DB.prepare('SELECT key, count FROM rate_limits WHERE key LIKE ? ORDER BY key')
      .bind(`${prefix}%`)
      .all<{ key: string; count: number }>()
  ).results;

const SLUG = 'wsec';
const slugPath = (p: string) => `/api/t/${SLUG}${p}`;
const login = (who: string) => `${SLUG}.${who}`;
let fixture: Awaited<ReturnType<typeof county>>;

/** A letter registered by phone that intake takes as it stands. */
const letter = {
  kind: 'petition',
  channel: 'phone',
  purpose: 'help',
  title: '来信反映东山镇路灯不亮',
  content: '东山镇老街一带路灯已经半个月不亮，晚上行人看不清路，请尽快修好。',
  petitioner: { name: '周德明', phone: '13700137000' },
};

beforeAll(async () => {
  fixture = await county(SLUG, ['admin', 'handler', 'leader', 'county']);
});

describe('one address spraying passwords across accounts, on D1', () => {
  it('30 wrong logins from one CF-Connecting-IP within the window: 429 with Retry-After; another address signs in', async () => {
    await roomInWindow(60_000);
    // five real accounts and three unknown logins: no account reaches its own lock (5) on the way
    const logins = ['dispatcher', 'admin', 'handler', 'leader', 'county', 'nobody', 'zhang', 'li'].map(login);
    const sprayer = new At('203.0.113.9');
    for (let i = 0; i < 30; i++) {
      const r = await sprayer.attempt(logins[i % logins.length]!, `Guess#${i}pass`);
      expect(r.status, `attempt ${i + 1}`).toBe(401);
    }
    // counted under the address Cloudflare gave, and under nothing else
    expect(await rateRows('login:miss:203.')).toEqual([{ key: 'login:miss:203.0.113.9', count: 30 }]);
    expect(await rateRows('login:miss:unknown')).toEqual([]);
    const stopped = await sprayer.attempt(login('handler'), PASSWORD);
    expect(stopped.status).toBe(429);
    expect(stopped.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(stopped.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(stopped.body.error.details).toContainEqual({
      message: 'retryAfterSeconds',
      retryAfterSeconds: retryAfter,
    });
    // the official at their own address signs in as usual, and a right password counts for nothing
    const official = new At('198.51.100.7');
    expect((await official.attempt(login('handler'), PASSWORD)).status).toBe(200);
    expect((await official.get('/api/auth/me')).body.actor.role).toBe('handler');
    expect(await rateRows('login:miss:198.51.100.7')).toEqual([]);
  }, 120_000);

  it('an IPv6 client is counted by its /64', async () => {
    await new At('2001:db8:a:b::1').attempt(login('nobody'), 'Guess#1pass');
    await new At('2001:db8:a:b:ffff::2').attempt(login('nobody'), 'Guess#2pass');
    expect(await rateRows('login:miss:2001:db8:a:b')).toEqual([{ key: 'login:miss:2001:db8:a:b', count: 2 }]);
  });
});

describe('sessions on D1', () => {
  it('a login ends the session the browser held before', async () => {
    const browser = new At('198.51.100.20');
    await browser.login(login('handler'), PASSWORD);
    const copied = browser.cookie;
    // another official signs in at the same desk
    expect((await browser.attempt(login('leader'), PASSWORD)).status).toBe(200);
    expect(browser.cookie).not.toBe(copied);
    expect((await browser.get('/api/auth/me')).body.actor.role).toBe('unit_leader');
    const thief = new At('198.51.100.21');
    thief.cookie = copied;
    expect((await thief.get('/api/auth/me')).status).toBe(401);
    const ended = await env.DB.prepare(
      'SELECT count(*) AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.login = ? AND s.revoked_at IS NOT NULL',
    )
      .bind(login('handler'))
      .first<{ n: number }>();
    expect(ended!.n).toBeGreaterThanOrEqual(1);
  });

  it('five wrong passwords lock new logins but do not sign the official out of their desk', async () => {
    const desk = new At('198.51.100.30');
    await desk.login(login('county'), PASSWORD);
    expect((await desk.get(slugPath('/units'))).status).toBe(200);
    const stranger = new At('198.51.100.31');
    for (let i = 0; i < 5; i++)
      expect((await stranger.attempt(login('county'), 'Wrong#2026pass')).status).toBe(401);
    // the lock holds against the right password (from the address that typed the five) …
    expect((await stranger.attempt(login('county'), PASSWORD)).status).toBe(401);
    // … while the session opened before it goes on working
    expect((await desk.get(slugPath('/units'))).status).toBe(200);
    expect((await desk.get('/api/auth/me')).body.actor.role).toBe('county_leader');
  });

  it('a session ends 24 hours after its login however busy, like its cookie', async () => {
    const browser = new At('198.51.100.40');
    const r = await browser.attempt(login('admin'), PASSWORD);
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toMatch(/Max-Age=86400/i);
    const me = await browser.get('/api/auth/me');
    const userId = me.body.actor.id as string;
    // Busy all along (last seen a minute ago: the 30-minute idle limit is not what ends it); only
    // the login moves back. The Worker's clock is the system's, so the stored instant moves.
    const loggedIn = (agoMs: number) =>
      env.DB.prepare(
        'UPDATE sessions SET created_at = ?, last_seen_at = ? WHERE user_id = ? AND revoked_at IS NULL',
      )
        .bind(Date.now() - agoMs, Date.now() - 60_000, userId)
        .run();
    const DAY = 24 * 60 * 60 * 1000;
    await loggedIn(DAY - 5 * 60_000);
    expect((await browser.get('/api/auth/me')).status, '23 h 55 min after the login').toBe(200);
    await loggedIn(DAY + 60_000);
    expect((await browser.get('/api/auth/me')).status, '24 h 1 min after the login').toBe(401);
    expect((await browser.get(slugPath('/units'))).status).toBe(401);
    // the next login starts a fresh day
    expect((await browser.attempt(login('admin'), PASSWORD)).status).toBe(200);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
  });
});

describe('security headers on the Worker', () => {
  const expectHeaders = (res: { headers: Headers }, what: string) => {
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp, what).toContain("default-src 'self'");
    expect(csp, what).toContain("script-src 'self'");
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).toContain("frame-ancestors 'self'");
    expect(res.headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  };

  it('on an API answer, an error answer and the files the ASSETS binding serves', async () => {
    const browser = new At('198.51.100.50');
    await browser.login(login('dispatcher'), PASSWORD);
    const json = await browser.get(slugPath('/units'));
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/application\/json/);
    expectHeaders(json, 'API JSON');
    const missing = await browser.get('/api/t/nowhere/units');
    expect(missing.body.error.code).toBe('NOT_FOUND');
    expectHeaders(missing, 'error 404');
    const refused = await new At('198.51.100.51').get('/api/auth/me');
    expect(refused.status).toBe(401);
    expectHeaders(refused, 'error 401');
    const bad = await browser.req('POST', slugPath('/cases'), undefined, {
      'content-type': 'application/json',
    });
    expect(bad.body.error.code).toBe('VALIDATION');
    expectHeaders(bad, 'error 400');
    // tests/workers/assets stands for dist/ behind the real binding (the Worker first, as deployed)
    const script = await SELF.fetch('https://minsheng.test/console/app.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('document.title');
    expectHeaders(script, 'asset app.js');
    const page = await SELF.fetch('https://minsheng.test/console/cases/abc');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    expectHeaders(page, 'console page (index.html)');
    const home = await SELF.fetch('https://minsheng.test/');
    expectHeaders(home, 'list of counties');
  });
});

describe('answers to bad bodies on D1', () => {
  it('an unknown 1 MB JSON key comes back clipped', async () => {
    const dispatcher = new At('198.51.100.60');
    await dispatcher.login(login('dispatcher'), PASSWORD);
    const key = 'k'.repeat(1_000_000);
    for (const body of [{ [key]: '\u0000' }, { ...letter, [key]: '\u0000' }]) {
      const r = await dispatcher.post(slugPath('/cases'), body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
      const size = JSON.stringify(r.body).length;
      expect(size, `${size} bytes`).toBeLessThan(250_000);
      expect(r.body.error.details.length).toBeGreaterThan(0);
      for (const d of r.body.error.details) {
        expect(String(d.path ?? '').length).toBeLessThanOrEqual(200);
        expect(d.message.length).toBeLessThanOrEqual(200);
      }
      // the key is named, clipped
      expect(r.body.error.details.some((d: { path?: string }) => d.path?.startsWith('kkkk'))).toBe(true);
      expect(r.body.error.message.length).toBeLessThanOrEqual(1000);
    }
  });

  it("a registration naming another county's attachment: 400 under attachmentIds, no case written", async () => {
    const other = await county('wsec-other');
    const foreign = await other.as('dispatcher');
    const form = new FormData();
    // the smallest PNG header: enough for the type check by magic bytes
    form.append(
      'file',
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], 'scan.png'),
    );
    const upload = await SELF.fetch('https://minsheng.test/api/t/wsec-other/attachments', {
      method: 'POST',
      headers: { cookie: foreign.cookie },
      body: form,
    });
    expect(upload.status).toBe(201);
    const attachmentId = ((await upload.json()) as { id: string }).id;

    const dispatcher = await fixture.as('dispatcher');
    const cases = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM cases').first<{ n: number }>())!.n;
    const before = await cases();
    const r = await dispatcher.post(slugPath('/cases'), { ...letter, attachmentIds: [attachmentId] });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.details).toContainEqual({
      path: 'attachmentIds',
      message: '有附件已失效，请删除后重新上传',
    });
    expect(await cases()).toBe(before);
    const file = await env.DB.prepare('SELECT case_id FROM attachments WHERE id = ?')
      .bind(attachmentId)
      .first<{ case_id: string | null }>();
    expect(file).toEqual({ case_id: null });
    // the same letter without the foreign file is registered: the file alone was refused
    expect((await dispatcher.post(slugPath('/cases'), letter)).status).toBe(201);
    expect(await cases()).toBe(before + 1);
  });
});

// Last in this file: it fills the bucket every header-less request shares (and empties it after).
describe('a request without CF-Connecting-IP', () => {
  it('requests without CF-Connecting-IP all share one bucket ("unknown"): Cloudflare always sets it, a test or a local call does not', async () => {
    await roomInWindow(60_000);
    for (let i = 0; i < 30; i++)
      expect((await new At().attempt(login('nobody'), `Guess#${i}pass`)).status).toBe(401);
    expect(await rateRows('login:miss:unknown')).toEqual([{ key: 'login:miss:unknown', count: 30 }]);
    // a different client with no header and the right password is refused with the sprayer
    expect((await new At().attempt(ROOT.login, ROOT.password)).status).toBe(429);
    // one with its address is not
    expect((await new At('192.0.2.44').attempt(ROOT.login, ROOT.password)).status).toBe(200);
    await env.DB.prepare("DELETE FROM rate_limits WHERE key = 'login:miss:unknown'").run();
    expect((await new At().attempt(ROOT.login, ROOT.password)).status).toBe(200);
  }, 120_000);
});

describe('平台账号 on D1', () => {
  it('root makes an operator an account; five wrong passwords from one address show with the lock’s end; unlock lifts it; nobody locks themselves', async () => {
    const root = new At('198.51.100.60');
    await root.login(ROOT.login, ROOT.password);
    const made = await root.post('/api/admin/users', {
      login: 'ops.d1',
      password: 'Ops#2026first',
      name: '周运维',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ role: 'platform_admin', tenantId: null, mustChangePassword: true });
    const row = async () =>
      (
        (await root.get('/api/admin/users')).body.items as { id: string; addressLockedUntil: number | null }[]
      ).find((u) => u.id === made.body.id);
    expect((await row())?.addressLockedUntil).toBeNull();
    const stranger = new At('198.51.100.61');
    const before = Date.now();
    for (let i = 0; i < 5; i++) expect((await stranger.attempt('ops.d1', 'Wrong#2026pass')).status).toBe(401);
    const until = (await row())?.addressLockedUntil ?? 0;
    expect(until).toBeGreaterThanOrEqual(before + WINDOW_MS);
    expect(until).toBeLessThanOrEqual(Date.now() + WINDOW_MS);
    expect((await root.req('PATCH', `/api/admin/users/${made.body.id}`, { unlock: true })).status).toBe(200);
    expect((await row())?.addressLockedUntil).toBeNull();
    expect((await stranger.attempt('ops.d1', 'Ops#2026first')).status).toBe(200);
    const me = (await root.get('/api/auth/me')).body.actor.id as string;
    const self = await root.req('PATCH', `/api/admin/users/${me}`, { lock: true });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('CONFLICT');
  });
});
