// Real-browser harness: the real Node server (built front ends, fresh libSQL file) on a free
// loopback port, and Debian's headless Chromium driven by playwright-core.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { start } from '../../workers/api/node';
import { freePort } from '../fixtures/free-port';

export const ROOT = { login: 'root', password: 'Root#2026pass' };

export function chromiumPath(): string {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'])
    if (p && existsSync(p)) return p;
  throw new Error('Chromium not found: apt-get install -y chromium fonts-wqy-microhei');
}

export interface E2E {
  baseUrl: string;
  browser: Browser;
  server: Awaited<ReturnType<typeof start>>;
  newPage(opts?: { width?: number; height?: number }): Promise<Page>;
  stop(): Promise<void>;
}

export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  const dir = await mkdtemp(join(tmpdir(), 'minsheng-e2e-'));
  const port = await freePort();
  const server = await start({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `file:${join(dir, 'e2e.db')}`,
    FILES_DIR: join(dir, 'files'),
    ADMIN_LOGIN: ROOT.login,
    ADMIN_PASSWORD: ROOT.password,
    SEED_DEMO: '0',
    PASSWORD_ITERATIONS: '10000',
    LOG_LEVEL: 'error',
    SWEEP_INTERVAL_SECONDS: '0',
    ...env,
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    browser,
    server,
    async newPage(opts = {}) {
      const ctx = await browser.newContext({
        viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 },
        locale: 'zh-CN',
        baseURL: baseUrl,
      });
      return ctx.newPage();
    },
    async stop() {
      await browser.close();
      await server.stop('test');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core in the page and returns the violations (serious and critical by default). */
export async function axe(page: Page, impacts: string[] = ['serious', 'critical']) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const source = (await import('node:fs')).readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // evaluated, not added as a <script>: the pages' Content-Security-Policy runs no inline script
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
    }));
  });
  return result.filter((v: { impact: string }) => impacts.includes(v.impact));
}

/** Fails with axe's serious and critical findings on the page, naming where it was. */
export async function expectAccessible(page: Page, where: string) {
  const violations = await axe(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** A staff member signed in to the console, in a page of its own (1280 px wide unless told). */
export async function consoleLogin(
  e2e: E2E,
  login: string,
  password: string,
  size: { width?: number; height?: number } = {},
): Promise<Page> {
  const page = await e2e.newPage(size);
  await page.goto(`${e2e.baseUrl}/console/`);
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  return page;
}

/** A JSON request to the server with a session cookie; answers the body and the session it set. */
export async function apiCall(e2e: E2E, method: string, path: string, body: unknown, cookie = '') {
  const res = await fetch(e2e.baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  const session = /ms_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return { data: text ? JSON.parse(text) : null, cookie: session ? `ms_session=${session}` : cookie };
}

/** A staff account in county `slug`, created by `adminCookie` (root or the county's admin), password set. */
export async function addStaff(
  e2e: E2E,
  slug: string,
  adminCookie: string,
  who: { login: string; name: string; role: string; unitId?: string; password: string },
) {
  const { login, ...rest } = who;
  const body = { ...rest, login: `${slug}.${login}`, mustChangePassword: false };
  return (await apiCall(e2e, 'POST', `/api/t/${slug}/users`, body, adminCookie)).data;
}

/**
 * Holds the page's requests to `url` (those of `method` only, when given) until the returned
 * function is called: to look at the page while an upload or a reload is under way.
 */
export async function holdRequests(page: Page, url: string | RegExp, method?: string): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  await page.route(url, async (route) => {
    if (!method || route.request().method() === method) await held;
    await route.continue();
  });
  return release;
}
