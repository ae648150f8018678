// Staff sessions as an attacker tries them: a stranger who knows an official's login name, a
// session id copied off a shared desk, a cookie sent over HTTPS, a form on another site.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../workers/api/app';
import { fromIp } from './portal-helpers';
import {
  as,
  type Client,
  makeTenant,
  makeTestApp,
  PASSWORD,
  type TenantFixture,
  type TestApp,
} from '../fixtures/app';

let t: TestApp;
let f: TenantFixture;
beforeEach(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'alpha');
});
afterEach(async () => t.close());

const login = (c: Client, password = PASSWORD) =>
  c.post('/api/auth/login', { login: 'alpha.handlerA', password });

describe('a stranger typing wrong passwords at the login form', () => {
  const STRANGER = '203.0.113.66';
  const DESK = '198.51.100.20';
  const QUARTER = 15 * 60 * 1000;
  const attempt = (ip: string, password = PASSWORD, who = 'alpha.handlerA') =>
    fromIp(t, ip, 'POST', '/api/auth/login', { login: who, password });
  const events = async (type: string) =>
    (await t.deps.db.query.events.findMany()).filter((e) => e.type === type);

  it('locks the account for the stranger’s address only: the official signs in from their own, and stays signed in', async () => {
    const atDesk = await as(t, f, 'handlerA');
    for (let i = 0; i < 5; i++) expect((await attempt(STRANGER, 'Wrong#2026pass')).status).toBe(401);
    const [locked, ...more] = await events('user.locked');
    expect(more).toHaveLength(0);
    expect(locked!.payload).toMatchObject({ userId: f.users.handlerA, everywhere: false, address: STRANGER });
    // from the stranger's address the right password is refused too, in the one answer of every refusal …
    const refused = await attempt(STRANGER);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({
      code: 'UNAUTHORIZED',
      message: '账号或密码错误，或账号已被锁定',
    });
    // … while the official signs in from their own address, and the session at the desk goes on
    expect((await attempt(DESK)).status).toBe(200);
    expect((await atDesk.get('/api/t/alpha/inbox/counts')).status).toBe(200);
    // the tries while locked are on record, and do not count towards locking the account everywhere
    for (let i = 0; i < 30; i++) await attempt(STRANGER, 'Wrong#2026pass');
    expect((await attempt(DESK)).status).toBe(200);
    expect((await events('user.login_failed')).filter((e) => e.payload?.lockedHere).length).toBeGreaterThan(
      0,
    );
    const admin = await as(t, f, 'admin');
    const listed = await admin.get(`/api/t/alpha/users`);
    expect(listed.body.items.find((u: { id: string }) => u.id === f.users.handlerA).locked).toBe(false);
  });

  it('the lock lapses 15 minutes after the fifth failure, not at the end of a clock quarter', async () => {
    for (let i = 0; i < 4; i++) await attempt(STRANGER, 'Wrong#2026pass');
    t.clock.advance(14 * 60 * 1000);
    await attempt(STRANGER, 'Wrong#2026pass');
    t.clock.advance(14 * 60 * 1000);
    expect((await attempt(STRANGER)).status).toBe(401);
    t.clock.advance(60 * 1000);
    expect((await attempt(STRANGER)).status).toBe(200);
    // and a right password forgives the address its earlier slips: four more do not lock it
    for (let i = 0; i < 4; i++) await attempt(STRANGER, 'Wrong#2026pass');
    expect((await attempt(STRANGER)).status).toBe(200);
  });

  it('twenty failures spread over five addresses lock the account everywhere for 15 minutes', async () => {
    const atDesk = await as(t, f, 'handlerA');
    const addresses = ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5'];
    for (let i = 0; i < 19; i++)
      expect((await attempt(addresses[i % 5]!, `Guess#${i}pass`)).status).toBe(401);
    // nineteen: no address has had its five, the official still signs in
    expect((await attempt(DESK)).status).toBe(200);
    expect(await events('user.locked')).toHaveLength(0);
    expect((await attempt(addresses[4]!, 'Guess#19pass')).status).toBe(401);
    const [locked] = await events('user.locked');
    expect(locked!.payload).toMatchObject({ everywhere: true, accountFailures: 20 });
    // now from any address, the official's own too, the right password is refused …
    expect((await attempt(DESK)).status).toBe(401);
    expect((await attempt('192.0.2.200')).status).toBe(401);
    // … the open session is left be, and the administrator sees the lock
    expect((await atDesk.get('/api/t/alpha/inbox/counts')).status).toBe(200);
    const admin = await as(t, f, 'admin');
    const listed = await admin.get(`/api/t/alpha/users`);
    expect(listed.body.items.find((u: { id: string }) => u.id === f.users.handlerA).locked).toBe(true);
    t.clock.advance(QUARTER + 1);
    expect((await attempt(DESK)).status).toBe(200);
  });

  it('the stranger can go on for hours from one address: the official is never locked out elsewhere', async () => {
    const atDesk = await as(t, f, 'handlerA');
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 10; i++) await attempt(STRANGER, 'Wrong#2026pass');
      expect((await attempt(DESK)).status, `round ${round}`).toBe(200);
      expect((await atDesk.get('/api/t/alpha/inbox/counts')).status).toBe(200);
      t.clock.advance(QUARTER + 1);
    }
  });

  it("an administrator's lock still ends the open sessions and holds against every address", async () => {
    const atDesk = await as(t, f, 'handlerA');
    const admin = await as(t, f, 'admin');
    expect((await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { lock: true })).status).toBe(200);
    expect((await atDesk.get('/api/t/alpha/inbox/counts')).status).toBe(401);
    for (const ip of [DESK, STRANGER, '192.0.2.7']) expect((await attempt(ip)).status, ip).toBe(401);
    t.clock.advance(QUARTER + 1);
    expect((await attempt(DESK)).status).toBe(401);
  });

  it("an administrator's unlock also lifts the lock on an address", async () => {
    for (let i = 0; i < 5; i++) await attempt(DESK, 'Wrong#2026pass');
    expect((await attempt(DESK)).status).toBe(401);
    const admin = await as(t, f, 'admin');
    expect((await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { unlock: true })).status).toBe(200);
    expect((await attempt(DESK)).status).toBe(200);
  });
});

describe('one address spraying passwords across accounts', () => {
  const attempt = (ip: string, login: string, password: string) =>
    fromIp(t, ip, 'POST', '/api/auth/login', { login, password });

  it('is stopped after 30 wrong logins within 15 minutes, whichever accounts they were for; other addresses are not', async () => {
    const logins = ['admin', 'dispatcher', 'handlerA', 'handlerB', 'leaderA', 'county', 'zhang', 'li'].map(
      (u) => `alpha.${u}`,
    );
    // four guesses an account stay under every account's lock
    for (let i = 0; i < 30; i++) {
      const r = await attempt('203.0.113.9', logins[i % logins.length]!, `Guess#${i}pass`);
      expect(r.status).toBe(401);
    }
    const stopped = await attempt('203.0.113.9', 'alpha.handlerA', PASSWORD);
    expect(stopped.status).toBe(429);
    expect(stopped.body.error.code).toBe('RATE_LIMITED');
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
    // the officials themselves, at their own addresses, sign in as usual
    expect((await attempt('198.51.100.7', 'alpha.handlerA', PASSWORD)).status).toBe(200);
    t.clock.advance(15 * 60 * 1000);
    expect((await attempt('203.0.113.9', 'alpha.handlerA', PASSWORD)).status).toBe(200);
  });

  it('a right password does not count against the address', async () => {
    for (let i = 0; i < 40; i++)
      expect((await attempt('203.0.113.10', 'alpha.handlerA', PASSWORD)).status).toBe(200);
  });
});

describe('session ids', () => {
  it('a login gives a new id and ends the session the browser held before', async () => {
    const browser = await as(t, f, 'handlerA');
    const copied = browser.cookie;
    expect((await login(browser)).status).toBe(200);
    expect(browser.cookie).not.toBe(copied);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    const thief = t.client();
    thief.cookie = copied;
    expect((await thief.get('/api/auth/me')).status).toBe(401);
  });

  it('a session kept busy ends a day after its login, like its cookie', async () => {
    const browser = await as(t, f, 'handlerA');
    for (let minutes = 0; minutes < 24 * 60 - 20; minutes += 20) {
      t.clock.advance(20 * 60 * 1000);
      expect((await browser.get('/api/auth/me')).status, `after ${minutes + 20} minutes`).toBe(200);
    }
    // 24 hours and a minute after the login, 21 minutes after the last request (not idle)
    t.clock.advance(21 * 60 * 1000);
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    // the next login starts a fresh day
    expect((await login(browser)).status).toBe(200);
    expect((await browser.get('/api/auth/me')).status).toBe(200);
  });

  it('a logged-out session id is refused when replayed', async () => {
    const browser = await as(t, f, 'handlerA');
    const copied = browser.cookie;
    expect((await browser.post('/api/auth/logout')).status).toBe(200);
    const thief = t.client();
    thief.cookie = copied;
    expect((await thief.get('/api/auth/me')).status).toBe(401);
  });

  it('a deactivated account is signed out at once', async () => {
    const atDesk = await as(t, f, 'handlerA');
    const admin = await as(t, f, 'admin');
    await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { active: false });
    expect((await atDesk.get('/api/auth/me')).status).toBe(401);
  });
});

describe('the session cookie', () => {
  const cookieOf = async (
    app: ReturnType<typeof createApp>,
    url: string,
    headers: Record<string, string> = {},
  ) => {
    const r = await app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ login: 'alpha.handlerA', password: PASSWORD }),
    });
    expect(r.status).toBe(200);
    return r.headers.get('set-cookie') ?? '';
  };

  it('is HttpOnly and SameSite=Lax, and not Secure on plain http (a county testing on localhost)', async () => {
    const set = await cookieOf(t.app, 'http://localhost/api/auth/login');
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).not.toMatch(/Secure/);
  });

  it('is Secure when the request came over https, even where SECURE_COOKIES was left off', async () => {
    expect(await cookieOf(t.app, 'https://xf.example.gov.cn/api/auth/login')).toMatch(/; Secure/);
  });

  it('behind a trusted proxy that says https it is Secure; an untrusted X-Forwarded-Proto changes nothing', async () => {
    const proto = { 'x-forwarded-proto': 'https' };
    expect(await cookieOf(t.app, 'http://localhost/api/auth/login', proto)).not.toMatch(/Secure/);
    const proxied = createApp({ ...t.deps, trustProxy: true });
    expect(await cookieOf(proxied, 'http://localhost/api/auth/login', proto)).toMatch(/; Secure/);
  });
});

describe('a form on another site posting to the console API', () => {
  const cases = [
    ['urlencoded', 'application/x-www-form-urlencoded', 'kind=petition'],
    ['text/plain', 'text/plain', '{"kind":"petition"}'],
  ] as const;
  it.each(cases)(
    'a %s form post from another origin is refused before anything runs',
    async (_n, type, body) => {
      const dispatcher = await as(t, f, 'dispatcher');
      for (const path of ['/api/t/alpha/cases', '/api/auth/logout', '/api/auth/login']) {
        const r = await dispatcher.req('POST', path, body, {
          'content-type': type,
          origin: 'https://evil.example',
        });
        expect(r.status, path).toBe(403);
      }
      // the session is still there: the forged logout did not run
      expect((await dispatcher.get('/api/auth/me')).status).toBe(200);
    },
  );

  it('a sandboxed frame (Origin: null) is refused too; our own origin passes', async () => {
    const dispatcher = await as(t, f, 'dispatcher');
    expect((await dispatcher.req('POST', '/api/auth/logout', '', { origin: 'null' })).status).toBe(403);
    expect(
      (await dispatcher.req('POST', '/api/auth/logout', '', { origin: 'http://localhost' })).status,
    ).toBe(200);
  });

  it('no cross-origin read is allowed: no CORS headers, even to a preflight', async () => {
    const r = await t.app.request('/api/t/alpha/cases', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
