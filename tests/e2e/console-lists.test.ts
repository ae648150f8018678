// The console's lists in a real browser, as a clerk works them: a case opened from page 3 and the
// browser's Back (or the case page's back link) lands on page 3 of the same list with the same
// filters, scrolled where it was, while a fresh visit or another filter starts at page 1; and on a
// tablet (768 px) and a phone (390 px) each row is a card with its light and state in view, nothing
// scrolling sideways, on the lists and on the case page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { consoleLogin, type E2E, expectAccessible, ROOT, startE2E } from './harness';

const SLUG = 'e2e-lists';
const PASSWORD = 'Test#2026pass';
/** cases registered: the first ROUTED go to the township, the rest wait in 新件待分派 */
const CASES = 70;
const ROUTED = 45;

/** A signed-in API client (the browser's own request context keeps the cookie). */
async function api(e2e: E2E, login: string, password = PASSWORD): Promise<APIRequestContext> {
  const ctx = await e2e.browser.newContext({ baseURL: e2e.baseUrl });
  const res = await ctx.request.post('/api/auth/login', { data: { login, password } });
  expect(res.status(), await res.text()).toBe(200);
  return ctx.request;
}

async function send<T = any>(r: APIRequestContext, path: string, data: unknown): Promise<T> {
  const res = await r.post(`/api/t/${SLUG}${path}`, { data });
  if (!res.ok()) throw new Error(`${path} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

const login = (e2e: E2E, who: string, width = 1280): Promise<Page> =>
  consoleLogin(e2e, `${SLUG}.${who}`, PASSWORD, { width, height: 800 });

/** The pager's "第 N 页" once the page is shown. */
async function onPage(page: Page, n: number) {
  await page.getByRole('navigation', { name: '翻页' }).getByText(`第 ${n} 页`).waitFor();
}

/** The case numbers of the rows shown, in order. */
async function numbers(page: Page): Promise<string[]> {
  return page.locator('td[data-label="编号"]').allTextContents();
}

describe('console lists', () => {
  let e2e: E2E;
  let townA = '';

  beforeAll(async () => {
    e2e = await startE2E();
    const root = await api(e2e, ROOT.login, ROOT.password);
    const tenant = await (
      await root.post('/api/admin/tenants', { data: { slug: SLUG, name: '列表县' } })
    ).json();
    const user = (r: APIRequestContext, login: string, name: string, role: string, unitId?: string) =>
      send(r, '/users', {
        login: `${SLUG}.${login}`,
        password: PASSWORD,
        name,
        role,
        unitId,
        mustChangePassword: false,
      });
    await user(root, 'admin', '管理员', 'tenant_admin');
    const admin = await api(e2e, `${SLUG}.admin`);
    townA = (await send(admin, '/units', { name: '东山镇', kind: 'township' })).id;
    await user(admin, 'dispatcher', '林晓岚', 'dispatcher', tenant.bureauUnitId);
    await user(admin, 'handler', '王春和', 'handler', townA);
    const bureau = await api(e2e, `${SLUG}.dispatcher`);
    const handler = await api(e2e, `${SLUG}.handler`);
    for (let i = 1; i <= CASES; i++) {
      // the last caller rings again, word for word, about the same roof: a repeat suggestion
      const n = String(i === CASES ? CASES - 1 : i).padStart(2, '0');
      const reg = await send(bureau, '/cases', {
        kind: 'petition',
        channel: i % 2 ? 'phone' : 'visit',
        purpose: 'help',
        title: `东山镇幸福里小区${n}栋楼顶渗水，雨天屋内漏水严重影响居住`,
        content: `幸福里小区${n}栋楼顶防水层老化，雨天渗水，请协调维修。`,
        petitioner: { name: `住户${n}`, phone: `139000000${n}` },
      });
      if (i > ROUTED) continue;
      const routed = await send(bureau, `/cases/${reg.case.id}/route`, {
        version: reg.case.version,
        units: [{ unitId: townA, role: 'lead' }],
      });
      if (i !== 1) continue;
      // one assignment under 督办, for the workbench's 督办件 queue with its buttons
      const a = routed.assignments[0];
      const signed = await send(handler, `/assignments/${a.id}/sign`, { version: a.version });
      const accepted = await send(handler, `/assignments/${a.id}/accept`, { version: signed.version });
      await send(bureau, `/assignments/${a.id}/supervise`, {
        version: accepted.version,
        note: '群众反映强烈，请尽快维修。',
      });
    }
  }, 120_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('案件查询: a case opened from page 3 and Back lands on page 3 of the same filtered list, scrolled where it was; so does the back link', async () => {
    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/cases?kind=petition&sort=oldest`);
    await onPage(page, 1);
    await page.getByRole('button', { name: '下一页' }).click();
    await onPage(page, 2);
    await page.getByRole('button', { name: '下一页' }).click();
    await onPage(page, 3);
    const shown = await numbers(page);
    expect(shown.length).toBe(CASES - 50);
    // the clerk reads down the page and opens a case near its bottom
    const link = page.locator('td.title-cell a').nth(15);
    await link.scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBeGreaterThan(100);
    await link.click();
    await page.getByRole('heading', { name: '承办单位' }).waitFor();

    await page.goBack();
    await onPage(page, 3);
    expect(await numbers(page)).toEqual(shown);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('oldest');
    expect(await page.getByLabel('排序').inputValue()).toBe('oldest');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 5);
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(y + 5);

    // the case page's own way back does the same
    await page.locator('td.title-cell a').first().click();
    await page.getByRole('link', { name: '‹ 返回案件查询' }).click();
    await onPage(page, 3);
    expect(await numbers(page)).toEqual(shown);

    // one page back, then a case and Back: page 2
    await page.getByRole('button', { name: '上一页' }).click();
    await onPage(page, 2);
    const second = await numbers(page);
    await page.locator('td.title-cell a').first().click();
    await page.getByRole('heading', { name: '承办单位' }).waitFor();
    await page.goBack();
    await onPage(page, 2);
    expect(await numbers(page)).toEqual(second);

    // a reload keeps the page too
    await page.reload();
    await onPage(page, 2);
    expect(await numbers(page)).toEqual(second);

    // another order starts at page 1, and so does the navigation's 案件查询 (a fresh visit)
    await page.getByLabel('排序').selectOption('');
    await onPage(page, 1);
    await page.getByRole('button', { name: '下一页' }).click();
    await onPage(page, 2);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '案件查询' }).click();
    await onPage(page, 1);
    // and Back from that fresh visit returns to the page it left
    await page.goBack();
    await onPage(page, 2);
    await page.context().close();
  });

  it('下一页 pressed twice before the next page came (a double click) is one page on, and the pager names the page only once its rows are shown', async () => {
    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/cases?kind=petition&sort=oldest`);
    await onPage(page, 1);
    const first = await numbers(page);
    await page.getByRole('button', { name: '下一页' }).click();
    await onPage(page, 2);
    const second = await numbers(page);
    expect(second).not.toEqual(first);
    await page.getByRole('button', { name: '上一页' }).click();
    await onPage(page, 1);
    expect(await numbers(page)).toEqual(first);

    // the second click comes while page 2 is on its way: it used to turn the page again from page
    // 1's cursor, so that 第 3 页 showed page 2's rows
    await page.getByRole('button', { name: '下一页' }).dblclick();
    await expect.poll(() => numbers(page)).toEqual(second);
    expect(await page.getByRole('navigation', { name: '翻页' }).textContent()).toContain('第 2 页');
    await page.context().close();
  });

  it('待办件: the tab, the light filter and page 2 survive a case opened and Back; another tab starts at page 1 and does not bring page 2 back', async () => {
    const page = await login(e2e, 'handler');
    await page.goto(`${e2e.baseUrl}/console/inbox?tab=sign`);
    await page.getByLabel('亮灯').selectOption('green');
    await onPage(page, 1);
    await page.getByRole('button', { name: '下一页' }).click();
    await onPage(page, 2);
    const shown = await numbers(page);
    expect(shown.length).toBe(20);
    await page.locator('td.title-cell a').nth(3).click();
    await page.getByRole('heading', { name: '承办单位' }).waitFor();
    await page.goBack();
    await onPage(page, 2);
    expect(await numbers(page)).toEqual(shown);
    expect(await page.getByRole('tab', { name: /待签收/ }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByLabel('亮灯').inputValue()).toBe('green');

    await page.getByRole('tab', { name: /全部待办/ }).click();
    await onPage(page, 1);
    await page.getByRole('tab', { name: /待签收/ }).click();
    await onPage(page, 1);
    await page.context().close();
  });

  it('工作台: page 2 of 新件待分派 survives opening a case and Back', async () => {
    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=new`);
    await onPage(page, 1);
    await page.getByRole('button', { name: '下一页' }).click();
    await onPage(page, 2);
    const shown = await numbers(page);
    expect(shown.length).toBe(CASES - ROUTED - 20);
    await page.locator('td.title-cell a').first().click();
    await page.getByRole('link', { name: '‹ 返回工作台' }).waitFor();
    await page.goBack();
    await onPage(page, 2);
    expect(await numbers(page)).toEqual(shown);
    expect(await page.getByRole('tab', { name: /新件待分派/ }).getAttribute('aria-selected')).toBe('true');
    await page.context().close();
  });

  for (const width of [768, 390]) {
    it(`at ${width} px each list row is a card: light and state in view, the title on its own line, nothing scrolls sideways`, async () => {
      // who, where, and whether its rows carry a deadline light and a state
      const lists: [string, string, boolean][] = [
        ['dispatcher', '/cases', true],
        ['dispatcher', '/workbench?tab=new', true],
        ['dispatcher', '/workbench?tab=supervised', true],
        ['dispatcher', '/workbench?tab=repeats', false],
        ['handler', '/inbox?tab=sign', true],
      ];
      for (const [who, path, queue] of lists) {
        const page = await login(e2e, who, width);
        await page.goto(`${e2e.baseUrl}/console${path}`);
        await page.locator('td.title-cell').first().waitFor();
        const m = await page.evaluate((queue) => {
          const vw = document.documentElement.clientWidth;
          const inView = (el: Element) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.left >= 0 && r.right <= vw;
          };
          const rows = [...document.querySelectorAll('table.stack tbody tr')];
          return {
            vw,
            scrollWidth: document.documentElement.scrollWidth,
            rows: rows.length,
            // a table that scrolls inside its box hides its right-hand columns as surely
            wraps: [...document.querySelectorAll('.table-wrap')].map((w) => w.scrollWidth - w.clientWidth),
            states: queue
              ? rows.map((r) => r.querySelector('td[data-label="状态"]')).filter((c) => !c || !inView(c))
                  .length
              : 0,
            // the deadline cell (light and time left) leads the card with the state
            deadlines: queue
              ? rows.filter((r) => {
                  const c = r.querySelector('td.lead');
                  return !c || c === r.querySelector('td[data-label="状态"]') || !inView(c);
                }).length
              : 0,
            lights: [...document.querySelectorAll('table.stack .light')].filter((c) => !inView(c)).length,
            buttons: [...document.querySelectorAll('table.stack td.actions button')].filter((c) => !inView(c))
              .length,
            narrowTitles: rows.filter((r) => {
              const t = r.querySelector('td.title-cell')!.getBoundingClientRect();
              return t.width < r.getBoundingClientRect().width * 0.9;
            }).length,
          };
        }, queue);
        expect(m.rows, path).toBeGreaterThan(0);
        expect(m.scrollWidth, path).toBeLessThanOrEqual(m.vw);
        expect(
          m.wraps.every((d) => d <= 0),
          `${path} ${m.wraps}`,
        ).toBe(true);
        expect(m.states, `${path}: state cells out of view`).toBe(0);
        expect(m.deadlines, `${path}: deadlines out of view`).toBe(0);
        expect(m.lights, `${path}: lights out of view`).toBe(0);
        expect(m.narrowTitles, `${path}: titles squeezed into a column`).toBe(0);
        expect(m.buttons, `${path}: buttons out of view`).toBe(0);
        if (path === '/workbench?tab=supervised')
          expect(await page.getByRole('button', { name: '督办', exact: true }).count()).toBe(1);
        if (path === '/workbench?tab=repeats')
          expect(await page.getByRole('button', { name: /^确认重复/ }).count()).toBeGreaterThan(0);
        await expectAccessible(page, `${path} at ${width} px`);

        // the case page opened from it fits as well
        await page.locator('td.title-cell a').first().click();
        await page.getByRole('heading', { name: '承办单位' }).waitFor();
        const c = await page.evaluate(() => {
          const vw = document.documentElement.clientWidth;
          const state = document.querySelector('td[data-testid^="state-"]')?.getBoundingClientRect();
          return {
            vw,
            scrollWidth: document.documentElement.scrollWidth,
            state: state ? state.right <= vw && state.left >= 0 : null,
          };
        });
        expect(c.scrollWidth, `case from ${path}`).toBeLessThanOrEqual(c.vw);
        if (c.state !== null) expect(c.state, `case from ${path}: state out of view`).toBe(true);
        await expectAccessible(page, `case page at ${width} px`);
        await page.context().close();
      }
    });
  }

  it('on a desktop the lists stay tables with their column headings', async () => {
    const page = await login(e2e, 'dispatcher', 1280);
    await page.goto(`${e2e.baseUrl}/console/cases`);
    await page.locator('td.title-cell').first().waitFor();
    expect(await page.getByRole('columnheader', { name: '状态' }).isVisible()).toBe(true);
    const layout = await page.evaluate(() => ({
      row: getComputedStyle(document.querySelector('table.stack tbody tr')!).display,
      fits: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    }));
    expect(layout).toEqual({ row: 'table-row', fits: true });
    await page.context().close();
  });
});
