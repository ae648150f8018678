// The Content-Security-Policy against every page in a real browser: the demo county (a few hundred
// cases), each console role's pages, the platform pages as root, the portal (a photo attached so
// its blob: preview shows, a case tracked, the 问政 board and an item), every printable paper
// (交办单, 告知书, 答复意见书, 督办单, 复查意见书, the 登记回执 of a registered letter, the bulletin's
// print view, the portal's printed 答复意见书), the API docs and the exports. Any
// securitypolicyviolation event or page error fails it, naming the page.
import { and, eq, inArray } from 'drizzle-orm';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, bulletins, cases, events, replies, tenants } from '../../db/schema';
import { hashSecret } from '../../workers/services/workflow/intake';
import { apiCall, consoleLogin, type E2E, ROOT, startE2E } from './harness';

const DEMO_PASSWORD = 'Demo@2026';
const SLUG = 'demo';

/** Reports every CSP violation to the console, where the listener below collects it. */
const LISTEN = `document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP-VIOLATION ' + JSON.stringify({ directive: e.violatedDirective, blocked: e.blockedURI,
    sample: e.sample, source: e.sourceFile + ':' + e.lineNumber, page: location.href }));
}, true);`;

const problems: string[] = [];

/** Watches a browser context: its pages and popups, now and later. */
function watch(ctx: BrowserContext) {
  void ctx.addInitScript(LISTEN);
  const hook = (p: Page) => {
    p.on('console', (m) => {
      const t = m.text();
      // Chromium's own report ("Refused to ... because it violates ...") and our listener's
      if (t.startsWith('CSP-VIOLATION') || /Content Security Policy/i.test(t))
        problems.push(`${p.url()}: ${t}`);
    });
    p.on('pageerror', (e) => problems.push(`${p.url()}: page error ${e.message}`));
  };
  ctx.pages().forEach(hook);
  ctx.on('page', hook);
}

async function open(page: Page, url: string) {
  const res = await page.goto(url, { waitUntil: 'load' });
  expect(res?.status(), url).toBeLessThan(400);
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
}

async function signIn(e2e: E2E, login: string, password = DEMO_PASSWORD) {
  const page = await consoleLogin(e2e, login, password);
  watch(page.context());
  // the init script takes effect from the next document on
  await page.reload();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  return page;
}

describe('no page breaks the Content-Security-Policy', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ SEED_DEMO: '1', DEMO_CASES: '200', PORTAL_CAPTCHA: '0' });
    await e2e.server.seeding;
  }, 240_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('crawls the console, the portal, the papers, the docs and the exports', async () => {
    const db = e2e.server.deps.db;
    const base = e2e.baseUrl;
    const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, SLUG));
    const tid = tenant!.id;
    const t = `/api/t/${SLUG}`;

    // the papers, found by asking for each kind until one is there (a case's state decides)
    const { cookie } = await apiCall(e2e, 'POST', '/api/auth/login', {
      login: `${SLUG}.dispatcher`,
      password: DEMO_PASSWORD,
    });
    const ok = async (path: string) => (await fetch(base + path, { headers: { cookie } })).ok;
    const rows = await db
      .select({ id: assignments.id, caseId: assignments.caseId })
      .from(assignments)
      .where(eq(assignments.tenantId, tid))
      .limit(400);
    const papers: string[] = [];
    for (const kind of ['dispatch', 'decision', 'reply', 'supervision']) {
      for (const a of rows)
        if (await ok(`${t}/assignments/${a.id}/documents/${kind}`)) {
          papers.push(`${t}/assignments/${a.id}/documents/${kind}`);
          break;
        }
    }
    const [reviewed] = await db
      .select({ caseId: events.caseId })
      .from(events)
      .where(and(eq(events.tenantId, tid), eq(events.type, 'case.review_answered')))
      .limit(1);
    if (reviewed) papers.push(`${t}/cases/${reviewed.caseId}/documents/review`);
    expect(papers.length, papers.join('\n')).toBe(5);
    const [bulletin] = await db
      .select({ id: bulletins.id })
      .from(bulletins)
      .where(and(eq(bulletins.tenantId, tid), eq(bulletins.status, 'published')))
      .limit(1);
    papers.push(`${t}/bulletins/${bulletin!.id}/print`);
    const downloads = [
      `${t}/cases/export.csv`,
      `${t}/cases/export.xlsx`,
      `${t}/assignments/export.csv`,
      `${t}/assignments/export.xlsx`,
      `${t}/bulletins/${bulletin!.id}/export.csv`,
      `${t}/bulletins/${bulletin!.id}/export.xlsx`,
    ];

    const caseId = rows[0]!.caseId;
    const assignmentId = rows[0]!.id;
    const staffPages = {
      dispatcher: ['/', '/workbench', '/register', '/cases', `/cases/${caseId}`, '/dashboard', '/rankings'],
      handler: ['/', '/inbox', '/dashboard', '/bulletins'],
      leader: ['/', '/inbox', '/dashboard', '/bulletins'],
      county: ['/', '/cases', `/cases/${caseId}`, '/dashboard', '/rankings', '/bulletins'],
      admin: [
        '/',
        '/import',
        '/bulletins',
        `/assignments/${assignmentId}`,
        ...[
          'units',
          'users',
          'categories',
          'deadlines',
          'holidays',
          'settings',
          'templates',
          'tokens',
          'audit',
        ].map((p) => `/admin/${p}`),
        '/password',
      ],
    } as const;

    // the dispatcher: pages, papers by URL, downloads, the 登记回执 of a letter registered now
    const dispatcher = await signIn(e2e, `${SLUG}.dispatcher`);
    for (const p of staffPages.dispatcher) await open(dispatcher, `${base}/console${p}`);
    for (const p of papers) await open(dispatcher, base + p);
    await open(dispatcher, `${base}/api/docs`);
    // the watch itself: an inline script nobody allowed is caught
    await dispatcher.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = 1';
      document.body.appendChild(s);
    });
    await expect.poll(() => problems.some((p) => p.includes('CSP-VIOLATION'))).toBe(true);
    problems.length = 0;
    for (const d of downloads) {
      const res = await dispatcher.request.get(base + d);
      expect(res.status(), d).toBe(200);
      expect(res.headers()['content-security-policy'], d).toBeTruthy();
    }
    await open(dispatcher, `${base}/console/register`);
    await dispatcher.locator('#f-channel').selectOption('letter');
    await dispatcher.locator('#f-name').fill('陶建军');
    await dispatcher.getByRole('combobox', { name: '所在乡镇（街道）' }).fill('城关');
    await dispatcher.keyboard.press('Enter');
    await dispatcher.getByLabel('诉求内容').fill('来信反映村里灌溉水渠年久失修，春耕在即，请求尽快修缮。');
    await dispatcher.getByRole('combobox', { name: '内容分类' }).fill('物业');
    await dispatcher.keyboard.press('Enter');
    await dispatcher.keyboard.press('Control+Enter');
    await dispatcher
      .getByRole('dialog')
      .getByRole('heading', { name: /转送\/交办/ })
      .waitFor();
    await dispatcher.keyboard.press('Escape');
    const [slip] = await Promise.all([
      dispatcher.waitForEvent('popup'),
      dispatcher.getByRole('button', { name: '打印登记回执' }).click(),
    ]);
    await slip.waitForLoadState('load');
    expect(await slip.locator('h1').textContent()).toBe('信访事项登记回执');

    for (const [who, paths] of Object.entries(staffPages)) {
      if (who === 'dispatcher') continue;
      const page = await signIn(e2e, `${SLUG}.${who}`);
      for (const p of paths) await open(page, `${base}/console${p}`);
    }
    const root = await signIn(e2e, ROOT.login, ROOT.password);
    for (const p of ['/platform', '/platform/audit']) await open(root, `${base}/console${p}`);
    expect((await root.request.get(`${base}/api/admin/audit/export.csv`)).status()).toBe(200);

    // the portal: a case with an answer given a secret we know, tracked, its reply printed
    const [answered] = await db
      .select({ id: cases.id, queryCode: cases.queryCode, assignmentId: replies.assignmentId })
      .from(replies)
      .innerJoin(cases, eq(cases.id, replies.caseId))
      .where(eq(replies.tenantId, tid))
      .limit(1);
    const secret = '202612'; // six digits, as every secret is: the portal refuses another form at the field
    await db
      .update(cases)
      .set({ querySecretHash: await hashSecret(tid, answered!.queryCode!, secret) })
      .where(inArray(cases.id, [answered!.id]));
    const citizen = await e2e.newPage({ width: 390, height: 844 });
    watch(citizen.context());
    for (const p of ['/', '/board']) await open(citizen, `${base}/${SLUG}${p}`);
    const item = citizen.locator('main a[href*="/board/"]').first();
    await open(citizen, base + (await item.getAttribute('href')));
    await open(citizen, `${base}/${SLUG}/submit`);
    // a photo big enough that the page shrinks it (read back from a blob: address first)
    const photo = await citizen.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 2400;
      c.height = 1800;
      const g = c.getContext('2d')!;
      g.fillStyle = '#3a7';
      g.fillRect(0, 0, 2400, 1800);
      return c.toDataURL('image/jpeg', 0.95).split(',')[1]!;
    });
    await citizen
      .locator('#f-files')
      .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo, 'base64') });
    await expect
      .poll(() => citizen.locator('.files li').textContent(), { timeout: 20_000 })
      .toContain('已上传');
    await open(citizen, `${base}/${SLUG}/track?code=${answered!.queryCode}`);
    await citizen.getByLabel('查询码').fill(answered!.queryCode!);
    await citizen.getByLabel('查询密码').fill(secret);
    await citizen.getByRole('button', { name: '查询', exact: true }).click();
    await citizen.locator('#case-h').waitFor();
    const [paper] = await Promise.all([
      citizen.waitForEvent('popup'),
      citizen.locator('button[aria-label^="打印"]').first().click(),
    ]);
    await paper.waitForURL(/^blob:/);
    await paper.waitForLoadState('load');
    await paper.waitForTimeout(500);

    expect(problems, problems.join('\n')).toEqual([]);
  }, 240_000);
});
