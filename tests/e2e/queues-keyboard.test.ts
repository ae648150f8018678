// The queues' tabs as the WAI-ARIA tabs pattern has them (the selected tab the one stop in the Tab
// order, Left/Right/Home/End among the tabs, Enter selects), on the dispatcher's 工作台 and the unit's
// 待办件; the unit's finished work apart from what it gave back (已答复/办结 holds a 不予受理, not a
// 退件); a row that may still be given back says until when (可退件至); a tab just chosen never shows
// the rows of the one before under its name, nor a 亮灯 filter that contradicts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  addStaff,
  apiCall,
  consoleLogin,
  type E2E,
  expectAccessible,
  ROOT,
  startE2E,
  holdRequests,
} from './harness';

const SLUG = 'e2e-queues-keys';
const PASSWORD = 'Test#2026pass';
const PHONE = { width: 390, height: 844 };

/** The tab that has the keyboard's focus: its name, whether selected, and its tabindex. */
const focusedTab = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return {
      role: e?.getAttribute('role') ?? e?.tagName ?? '',
      name: (e?.textContent ?? '').replace(/\d+$/, '').trim(),
      selected: e?.getAttribute('aria-selected') === 'true',
    };
  });

/** The tabindex of every tab in the list: only the selected one is 0. */
const tabStops = (page: Page) =>
  page
    .getByRole('tab')
    .evaluateAll((tabs) =>
      tabs.filter((t) => t.getAttribute('tabindex') === '0').map((t) => t.getAttribute('aria-selected')),
    );

/** Tabs forward from the page's top until a tab has the focus. */
async function tabIntoList(page: Page) {
  await page.locator('body').focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedTab(page)).role === 'tab') return;
  }
  throw new Error('no tab reached by Tab');
}

/** A deadline as the console writes it: the local day it ends and 24:00. */
const deadlineText = (ms: number) => `${new Date(ms - 1 + 8 * 3_600_000).toISOString().slice(0, 10)} 24:00`;

describe('the queues from the keyboard', () => {
  let e2e: E2E;
  let bureau = '';
  let unitCookie = '';
  const open = new Map<string, { id: string; version: number; returnDueAt: number }>();

  const api = async (method: string, path: string, body: unknown, cookie: string) =>
    (await apiCall(e2e, method, `/api/t/${SLUG}${path}`, body, cookie)).data;
  const move = (a: { id: string; version: number }, name: string, body: object, cookie: string) =>
    api('POST', `/assignments/${a.id}/${name}`, { version: a.version, ...body }, cookie);

  beforeAll(async () => {
    e2e = await startE2E();
    const root = (
      await apiCall(e2e, 'POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password })
    ).cookie;
    const tenant = (await apiCall(e2e, 'POST', '/api/admin/tenants', { slug: SLUG, name: '测试县' }, root))
      .data;
    const town = (
      await apiCall(e2e, 'POST', `/api/t/${SLUG}/units`, { name: '东山镇', kind: 'township' }, root)
    ).data.id as string;
    const staff = (login: string, name: string, role: string, unitId: string) =>
      addStaff(e2e, SLUG, root, { login, name, role, unitId, password: PASSWORD });
    await staff('dispatcher', '林晓岚', 'dispatcher', tenant.bureauUnitId);
    await staff('handler', '王春和', 'handler', town);
    const login = async (who: string) =>
      (await apiCall(e2e, 'POST', '/api/auth/login', { login: `${SLUG}.${who}`, password: PASSWORD })).cookie;
    bureau = await login('dispatcher');
    unitCookie = await login('handler');
    for (const title of ['村口路灯损坏两个月', '小区门口道路积水', '邻居装修噪音扰民']) {
      const c = await api(
        'POST',
        '/cases',
        {
          kind: 'petition',
          channel: 'visit',
          purpose: 'help',
          title,
          content: `${title}，请尽快处理。`,
          petitioner: { name: '张桂芳', phone: '13900002222' },
        },
        bureau,
      );
      const routed = await api(
        'POST',
        `/cases/${c.case.id}/route`,
        { version: c.case.version, units: [{ unitId: town, role: 'lead' }] },
        bureau,
      );
      open.set(title, await move(routed.assignments[0], 'sign', {}, unitCookie));
    }
    // one given back (退件, approved), one refused (不予受理): neither was answered
    const asked = await move(
      open.get('小区门口道路积水')!,
      'return',
      { reason: '该路段属西水乡管辖' },
      unitCookie,
    );
    await move(asked, 'approve-return', {}, bureau);
    await move(
      open.get('邻居装修噪音扰民')!,
      'refuse',
      { reason: '属民事纠纷，不属信访事项', notice: '您反映的问题属民事纠纷，请通过人民调解或诉讼解决。' },
      unitCookie,
    );
    // one more new case, waiting on the workbench
    await api(
      'POST',
      '/cases',
      {
        kind: 'petition',
        channel: 'phone',
        purpose: 'help',
        title: '公交站台顶棚破损',
        content: '公交站台顶棚破损，雨天无法避雨。',
        petitioner: { name: '李建国', phone: '13900003333' },
      },
      bureau,
    );
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('工作台: one Tab stop on the selected tab, arrows/Home/End among the tabs, Enter selects, Shift+Tab comes back to it', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/workbench`);
    await page.getByRole('tab', { name: /新件待分派/, selected: true }).waitFor();
    expect(await tabStops(page)).toEqual(['true']);
    await tabIntoList(page);
    expect(await focusedTab(page)).toEqual({ role: 'tab', name: '新件待分派', selected: true });
    await page.keyboard.press('ArrowRight');
    // the arrows move the focus; nothing is read until the tab is chosen
    expect(await focusedTab(page)).toEqual({ role: 'tab', name: '退件申请', selected: false });
    await page.keyboard.press('End');
    expect(await focusedTab(page)).toMatchObject({ name: '复查待答复' });
    await page.keyboard.press('ArrowRight');
    expect(await focusedTab(page)).toMatchObject({ name: '新件待分派' });
    await page.keyboard.press('ArrowLeft');
    expect(await focusedTab(page)).toMatchObject({ name: '复查待答复' });
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: /退件申请/, selected: true }).waitFor();
    expect(await focusedTab(page)).toEqual({ role: 'tab', name: '退件申请', selected: true });
    expect(await tabStops(page)).toEqual(['true']);
    // Tab leaves the list for the panel; Shift+Tab comes back to the selected tab, not the first
    await page.keyboard.press('Tab');
    expect((await focusedTab(page)).role).not.toBe('tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedTab(page)).toEqual({ role: 'tab', name: '退件申请', selected: true });
    await expectAccessible(page, 'workbench tabs');
    await page.context().close();
  });

  it('待办件 on a phone: the same keys; 已答复/办结 holds the 不予受理, 已退件 the case given back; 可退件至 on an open row', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.handler`, PASSWORD, PHONE);
    await page.goto(`${e2e.baseUrl}/console/inbox`);
    await page.getByRole('tab', { name: /全部待办/, selected: true }).waitFor();
    // the signed case may still be given back: its row says until when, as the server has it
    const row = page.getByRole('row').filter({ hasText: '村口路灯损坏两个月' });
    const due = open.get('村口路灯损坏两个月')!.returnDueAt;
    await expect.poll(() => row.textContent()).toContain(`可退件至 ${deadlineText(due)}`);

    await tabIntoList(page);
    expect(await focusedTab(page)).toMatchObject({ name: '全部待办', selected: true });
    await page.keyboard.press('End');
    expect(await focusedTab(page)).toMatchObject({ name: '已退件', selected: false });
    await page.keyboard.press('ArrowLeft');
    expect(await focusedTab(page)).toMatchObject({ name: '已答复/办结' });
    await page.keyboard.press(' ');
    await page.getByRole('tab', { name: '已答复/办结', selected: true }).waitFor();
    const panel = page.getByRole('tabpanel');
    await panel.getByText('邻居装修噪音扰民').waitFor();
    expect(await panel.getByRole('row').filter({ hasText: '邻居装修噪音扰民' }).textContent()).toContain(
      '不予受理',
    );
    expect(await panel.getByText('小区门口道路积水').count()).toBe(0);
    expect(await panel.getByText('村口路灯损坏两个月').count()).toBe(0);

    // 已退件's rows held back: meanwhile the panel says it is loading, not 已答复/办结's rows under its name
    const release = await holdRequests(page, /\/assignments\?.*state=returned/);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: '已退件', selected: true }).waitFor();
    await panel.getByRole('status').filter({ hasText: '加载' }).waitFor();
    expect(await panel.getByText('邻居装修噪音扰民').count()).toBe(0);
    release();
    await panel.getByText('小区门口道路积水').waitFor();
    expect(await panel.getByRole('row').filter({ hasText: '小区门口道路积水' }).textContent()).toContain(
      '已退件',
    );
    expect(await panel.getByText('邻居装修噪音扰民').count()).toBe(0);
    expect(await tabStops(page)).toEqual(['true']);
    await expectAccessible(page, 'inbox 已退件 on a phone');

    // 亮灯 正常 chosen on 全部待办 does not follow to 逾期, whose tab is the light (and count)
    await page.getByRole('tab', { name: /全部待办/ }).click();
    await page.getByLabel('亮灯').selectOption('green');
    await panel.getByText('村口路灯损坏两个月').waitFor();
    await page.getByRole('tab', { name: /逾期/ }).click();
    await page.getByRole('tab', { name: /逾期/, selected: true }).waitFor();
    await panel.getByText('暂无记录').waitFor();
    expect(await panel.getByText('村口路灯损坏两个月').count()).toBe(0);
    expect(await page.getByLabel('亮灯').count()).toBe(0);
    await page.context().close();
  });
});
