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
  it('locks new logins for 15 minutes but does not sign the official out of the desk they are at', async () => {
    const atDesk = await as(t, f, 'handlerA');
    for (let i = 0; i < 5; i++) expect((await login(t.client(), 'Wrong#2026pass')).status).toBe(401);
    const locked = (await t.deps.db.query.events.findMany()).filter((e) => e.type === 'user.locked');
    expect(locked).toHaveLength(1);
    // the lock holds against the right password too …
    expect((await login(t.client())).status).toBe(401);
    // … while the session opened with it goes on working
    expect((await atDesk.get('/api/t/alpha/inbox/counts')).status).toBe(200);
    // and the stranger can do it again and again: the desk still works after 40 minutes of it
    for (let round = 0; round < 3; round++) {
      t.clock.advance(15 * 60 * 1000 + 1);
      for (let i = 0; i < 5; i++) await login(t.client(), 'Wrong#2026pass');
      expect((await atDesk.get('/api/t/alpha/inbox/counts')).status).toBe(200);
    }
  });

  it("an administrator's lock still ends the open sessions", async () => {
    const atDesk = await as(t, f, 'handlerA');
    const admin = await as(t, f, 'admin');
    expect((await admin.patch(`/api/t/alpha/users/${f.users.handlerA}`, { lock: true })).status).toBe(200);
    expect((await atDesk.get('/api/t/alpha/inbox/counts')).status).toBe(401);
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
