// The admin pages in a real browser, as an administrator works them: the audit log read three pages
// deep (加载更多) with a filter, a case opened from it or another admin page visited, and the
// browser's Back returns to the same filter, the same rows and the same scroll; a reload keeps the
// filter. The accounts table keeps its filters and page on Back and reload. On a tablet (768 px) and
// a phone (390 px) no admin page, the bulletin or the import scrolls sideways, and each passes axe;
// on paper a bulletin stays tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiCall, consoleLogin, type E2E, expectAccessible, ROOT, startE2E, addStaff } from './harness';

const SLUG = 'e2e-admin';
const PASSWORD = 'Test#2026pass';
/** cases registered and routed: each writes case.created and case.routed, so 案件 has 4 pages of 50 */
const CASES = 80;
/** handlers in 东山镇: with the 承办人 filter the accounts table has 2 pages of 25 */
const HANDLERS = 40;
/** the month whose bulletin is generated */
const MONTH = new Date().toISOString().slice(0, 7);

let e2e: E2E;
let root = '';

const call = async (method: string, path: string, body: unknown, cookie: string) =>
  (await apiCall(e2e, method, `/api/t/${SLUG}${path}`, body, cookie)).data;
const signIn = async (login: string, password = PASSWORD) =>
  (await apiCall(e2e, 'POST', '/api/auth/login', { login, password })).cookie;
const login = (who: string, width = 1280): Promise<Page> =>
  consoleLogin(e2e, `${SLUG}.${who}`, PASSWORD, { width, height: 800 });

/** The audit log's rows as shown (time, event, who, case, state, summary), in order. */
const auditRows = (page: Page) => page.locator('main table tbody tr').allInnerTexts();
/** The audit log's status line once `n` rows are shown. */
const shown = (page: Page, n: number) => page.getByText(new RegExp(`已显示 ${n} 条`)).waitFor();
const scrollY = (page: Page) => page.evaluate(() => window.scrollY);

beforeAll(async () => {
  e2e = await startE2E();
  root = await signIn(ROOT.login, ROOT.password);
  const tenant = (await apiCall(e2e, 'POST', '/api/admin/tenants', { slug: SLUG, name: '管理县' }, root))
    .data;
  const townA = (await call('POST', '/units', { name: '东山镇', kind: 'township' }, root)).id;
  const user = (login: string, name: string, role: string, unitId?: string) =>
    addStaff(e2e, SLUG, root, { login, name, role, unitId, password: PASSWORD });
  await user('admin', '陈立言', 'tenant_admin');
  await user('dispatcher', '林晓岚', 'dispatcher', tenant.bureauUnitId);
  for (let i = 1; i <= HANDLERS; i++)
    await user(`handler${i}`, `承办员${String(i).padStart(2, '0')}`, 'handler', townA);
  const bureau = await signIn(`${SLUG}.dispatcher`);
  for (let i = 1; i <= CASES; i++) {
    const n = String(i).padStart(2, '0');
    const reg = await call(
      'POST',
      '/cases',
      {
        kind: 'petition',
        channel: 'phone',
        purpose: 'help',
        title: `第${n}号 东山镇路段${n}号路灯损坏，夜间出行不便`,
        content: `东山镇第${n}号路灯损坏已久，请尽快维修。`,
        petitioner: { name: `市民${n}`, phone: `137000001${n}` },
      },
      bureau,
    );
    await call(
      'POST',
      `/cases/${reg.case.id}/route`,
      { version: reg.case.version, units: [{ unitId: townA, role: 'lead' }] },
      bureau,
    );
  }
  await call('POST', '/bulletins', { month: MONTH, cutoff: null }, bureau);
}, 180_000);
afterAll(async () => {
  await e2e?.stop();
});

describe('admin lists keep their place', () => {
  it('审计日志: three pages read with a filter, a case opened near the bottom, Back → the same rows, filter and scroll; another admin page and Back too; a reload keeps the filter and the rows', async () => {
    const page = await login('admin');
    await page.goto(`${e2e.baseUrl}/console/admin/audit`);
    await page.getByText(/已显示 \d+ 条/).waitFor();
    await page.getByLabel('类别').selectOption('case.');
    await page.getByRole('button', { name: '查询' }).click();
    await shown(page, 50);
    expect(new URL(page.url()).searchParams.get('type')).toBe('case.');
    await page.getByRole('button', { name: '加载更多' }).click();
    await shown(page, 100);
    await page.getByRole('button', { name: '加载更多' }).click();
    await shown(page, 150);
    const rows = await auditRows(page);
    expect(rows.length).toBe(150);

    // the administrator reads far down and opens the case of an entry there
    const link = page.locator('main table tbody tr').nth(120).getByRole('link');
    await link.scrollIntoViewIfNeeded();
    const y = await scrollY(page);
    expect(y).toBeGreaterThan(2000);
    await link.click();
    await page.getByRole('heading', { name: '承办单位' }).waitFor();

    await page.goBack();
    await shown(page, 150);
    expect(await auditRows(page)).toEqual(rows);
    expect(await page.getByLabel('类别').inputValue()).toBe('case.');
    await expect.poll(() => scrollY(page)).toBeGreaterThan(y - 5);
    expect(await scrollY(page)).toBeLessThan(y + 5);

    // another admin page, then Back: the same again (the link clicked where the log is scrolled to,
    // as a mouse would, without the scroll to the top a driven click makes first)
    expect(await scrollY(page)).toBeGreaterThan(y - 5);
    await page
      .getByRole('navigation', { name: '县区管理' })
      .getByRole('link', { name: '单位' })
      .evaluate((a: HTMLAnchorElement) => a.click());
    await page.getByRole('heading', { name: '县区管理 · 单位' }).waitFor();
    await page.goBack();
    await shown(page, 150);
    expect(await auditRows(page)).toEqual(rows);
    await expect.poll(() => scrollY(page)).toBeGreaterThan(y - 5);

    // a reload keeps the filter (the address) and the pages read (the history entry)
    await page.reload();
    await shown(page, 150);
    expect(await page.getByLabel('类别').inputValue()).toBe('case.');
    expect(await auditRows(page)).toEqual(rows);

    // another filter is a new first page, and going back to the earlier one does not bring its pages
    await page.getByLabel('类别').selectOption('user.');
    await page.getByRole('button', { name: '查询' }).click();
    // the rows of the filter before stay until the new first page is in: wait for them to go
    await page.getByText('已显示 150 条').waitFor({ state: 'detached' });
    await page.getByText(/已显示 \d+ 条/).waitFor();
    expect(await page.getByText('已显示 150 条').count()).toBe(0);
    await page.getByLabel('类别').selectOption('case.');
    await page.getByRole('button', { name: '查询' }).click();
    await shown(page, 50);

    // the navigation's 审计日志 is a fresh visit: the default filters, the first page
    await page.getByRole('button', { name: '加载更多' }).click();
    await shown(page, 100);
    await page.getByRole('navigation', { name: '县区管理' }).getByRole('link', { name: '审计日志' }).click();
    await page.waitForURL((u) => !u.search.includes('type='));
    await page.getByText(/已显示 50 条/).waitFor();
    expect(await page.getByLabel('类别').inputValue()).toBe('');
    await page.context().close();
  });

  it('用户与角色: the filters and page 2 survive another page and Back, and a reload; another filter starts at page 1', async () => {
    const page = await login('admin');
    await page.goto(`${e2e.baseUrl}/console/admin/users`);
    await page.getByRole('cell', { name: '陈立言', exact: true }).waitFor();
    await page.getByLabel('角色').selectOption('handler');
    await page.getByLabel('姓名、登录名或单位').fill('承办员');
    const pager = page.getByRole('navigation', { name: '翻页' });
    await pager.getByText(`第 1 / 2 页，共 ${HANDLERS} 条`).waitFor();
    await pager.getByRole('button', { name: '下一页' }).click();
    await pager.getByText('第 2 / 2 页').waitFor();
    const names = await page.locator('main table tbody td:first-child').allTextContents();
    expect(names.length).toBe(HANDLERS - 25);
    // a row opened (its dialog) and closed changes nothing
    await page.getByRole('button', { name: `编辑/重置密码 ${names[3]}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();

    await page.getByRole('navigation', { name: '县区管理' }).getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '县区管理 · 审计日志' }).waitFor();
    await page.goBack();
    await pager.getByText('第 2 / 2 页').waitFor();
    expect(await page.locator('main table tbody td:first-child').allTextContents()).toEqual(names);
    expect(await page.getByLabel('角色').inputValue()).toBe('handler');
    expect(await page.getByLabel('姓名、登录名或单位').inputValue()).toBe('承办员');

    await page.reload();
    await pager.getByText('第 2 / 2 页').waitFor();
    expect(await page.locator('main table tbody td:first-child').allTextContents()).toEqual(names);
    expect(await page.getByLabel('角色').inputValue()).toBe('handler');

    // a narrower filter is a new first page
    await page.getByLabel('姓名、登录名或单位').fill('承办员0');
    await pager.getByText('第 1 / 1 页，共 9 条').waitFor();
    await page.context().close();
  });

  it('用户与角色: a lock on one address reads 已锁定（某地址，至 HH:MM） with 解锁, and both go when the lock ends, without a reload', async () => {
    const who = `${SLUG}.handler${HANDLERS}`;
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${e2e.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: who, password: 'Wrong#2026pass' }),
      });
      expect(res.status).toBe(401);
    }
    const page = await login('admin');
    await page.clock.install();
    await page.goto(`${e2e.baseUrl}/console/admin/users?q=承办员${HANDLERS}`);
    const row = page.getByRole('row', { name: new RegExp(`承办员${HANDLERS}`) });
    await row.getByText(/已锁定（某地址，至 \d\d:\d\d）/).waitFor();
    await row.getByRole('button', { name: '解锁' }).waitFor();
    // fifteen minutes on, the page's own clock ends the lock it was shown
    await page.clock.fastForward('15:30');
    await row.getByText('正常').waitFor();
    await row.getByRole('button', { name: '锁定' }).waitFor();
    expect(await row.getByText(/已锁定/).count()).toBe(0);
    await page.context().close();
  });
});

describe('平台账号', () => {
  it('a platform admin makes an operator their own account, who must choose a password at first login; locks and unlocks it; the page passes axe', async () => {
    const page = await consoleLogin(e2e, ROOT.login, ROOT.password, { width: 1280, height: 800 });
    await page.goto(`${e2e.baseUrl}/console/platform`);
    await page.getByRole('navigation', { name: '平台管理' }).getByRole('link', { name: '平台账号' }).click();
    await page.getByRole('heading', { name: '平台管理 · 平台账号' }).waitFor();
    await page.getByRole('cell', { name: ROOT.login, exact: true }).waitFor();
    // no county's roles or units here
    expect(await page.getByRole('columnheader', { name: '所属单位' }).count()).toBe(0);
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('登录名').fill('ops.zhou');
    // counted once the dialog is there (before, it counted nothing)
    expect(await dialog.getByLabel('角色').count()).toBe(0);
    await dialog.getByLabel('姓名').fill('周运维');
    await dialog.getByRole('textbox', { name: /^初始密码/ }).fill('Ops#2026first');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已创建用户 周运维（ops.zhou），首次登录须修改密码').waitFor();
    const row = page.getByRole('row', { name: /周运维/ });
    await row.getByText('待本人修改密码').waitFor();
    await expectAccessible(page, '/platform/users');
    await row.getByRole('button', { name: '锁定' }).click();
    await page.getByText('周运维：已锁定').waitFor();
    await row.getByRole('button', { name: '解锁' }).click();
    await page.getByText('周运维：已解锁').waitFor();
    // root cannot lock themselves: the server's words
    await page
      .getByRole('row', { name: new RegExp(`\\b${ROOT.login}\\b`) })
      .getByRole('button', { name: '锁定' })
      .click();
    await page.getByText(/不能停用、锁定或降级自己的账号/).waitFor();
    await page.context().close();

    // the operator's first sign-in asks for their own password, then the platform is theirs
    const ops = await e2e.newPage();
    await ops.goto(`${e2e.baseUrl}/console/`);
    await ops.getByLabel('登录名').fill('ops.zhou');
    await ops.getByLabel('密码').fill('Ops#2026first');
    await ops.getByRole('button', { name: '登录' }).click();
    await ops.getByRole('heading', { name: /修改密码/ }).waitFor();
    await ops.context().close();
  });
});

describe('admin pages on a tablet and a phone', () => {
  /** who, where, and what is on it once loaded */
  const pages: [string, string, string][] = [
    ['admin', '/admin/units', 'table'],
    ['admin', '/admin/users', 'table.stack td.title-cell'],
    ['admin', '/admin/categories', 'table'],
    ['admin', '/admin/deadlines', 'table.stack select'],
    ['admin', '/admin/holidays', 'table'],
    ['admin', '/admin/settings', 'table.stack input'],
    ['admin', '/admin/templates', 'h1'],
    ['admin', '/admin/tokens', 'table.stack'],
    ['admin', '/admin/audit', 'table.stack td.title-cell'],
    ['admin', `/bulletins?month=${MONTH}`, 'article.bulletin table.stack td'],
    ['dispatcher', '/import', 'textarea'],
  ];
  for (const width of [768, 390]) {
    it(`at ${width} px nothing scrolls sideways: no page wider than the screen, no table scrolling in its box`, async () => {
      const signed: Record<string, Page> = {};
      const check = async (page: Page, where: string) => {
        const m = await page.evaluate(() => {
          const vw = document.documentElement.clientWidth;
          return {
            vw,
            scrollWidth: document.documentElement.scrollWidth,
            wraps: [...document.querySelectorAll('.table-wrap')].map((w) => w.scrollWidth - w.clientWidth),
            // every button and field can be reached without scrolling sideways
            outside: [...document.querySelectorAll('main button, main input, main select, main a')]
              .map((el) => el.getBoundingClientRect())
              .filter((r) => r.width > 0 && (r.left < 0 || r.right > vw + 0.5)).length,
          };
        });
        expect(m.scrollWidth, where).toBeLessThanOrEqual(m.vw);
        expect(
          m.wraps.every((d) => d <= 0),
          `${where}: tables scrolling in their box ${m.wraps}`,
        ).toBe(true);
        expect(m.outside, `${where}: controls out of view`).toBe(0);
        await expectAccessible(page, `${where} at ${width} px`);
      };
      for (const [who, path, ready] of pages) {
        signed[who] ??= await login(who, width);
        const page = signed[who]!;
        await page.goto(`${e2e.baseUrl}/console${path}`);
        await page.locator(ready).first().waitFor();
        await check(page, path);
      }
      // the import's preview of a wide CSV: each line a card
      const imp = signed.dispatcher!;
      const header = Array.from({ length: 14 }, (_, i) => `很长的一列名称第${i + 1}列`).join(',');
      const line = Array.from({ length: 14 }, (_, i) => `第${i + 1}列的一个相当长的值`).join(',');
      await imp.getByLabel('或粘贴内容').fill(`${header}\n${line}\n${line}\n`);
      await imp.getByText('预览（开头几行）').click();
      await imp.locator('.import-preview td').first().waitFor();
      await check(imp, '/import preview');
      for (const p of Object.values(signed)) await p.context().close();

      // the platform's own pages
      const platform = await consoleLogin(e2e, ROOT.login, ROOT.password, { width, height: 800 });
      for (const path of ['/platform', '/platform/users', '/platform/audit']) {
        await platform.goto(`${e2e.baseUrl}/console${path}`);
        await platform.locator('table').first().waitFor();
        await check(platform, path);
      }
      await platform.context().close();
    });
  }

  it('on a desktop the audit log and the accounts stay tables with their column headings', async () => {
    const page = await login('admin', 1280);
    for (const path of ['/admin/audit', '/admin/users']) {
      await page.goto(`${e2e.baseUrl}/console${path}`);
      await page.locator('table.stack td.title-cell').first().waitFor();
      const layout = await page.evaluate(() => ({
        row: getComputedStyle(document.querySelector('table.stack tbody tr')!).display,
        head: getComputedStyle(document.querySelector('table.stack thead')!).position,
        fits: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      }));
      expect(layout, path).toEqual({ row: 'table-row', head: 'static', fits: true });
    }
    await page.context().close();
  });

  it('a bulletin printed from a phone is still tables on paper', async () => {
    const page = await login('admin', 390);
    await page.goto(`${e2e.baseUrl}/console/bulletins?month=${MONTH}`);
    await page.locator('article.bulletin table.stack td').first().waitFor();
    const row = () =>
      page.evaluate(() => getComputedStyle(document.querySelector('article.bulletin tbody tr')!).display);
    expect(await row()).toBe('flex');
    await page.emulateMedia({ media: 'print' });
    expect(await row()).toBe('table-row');
    await page.context().close();
  });
});
