// A township's working day in the console, on a phone and at a desk: the handler signs the morning's
// cases from the list and accepts one from the keyboard without losing its place, sees until when a
// misrouted case may still be given back, asks for an extension and hears the bureau's answer on the
// home page, drafts a reply with a photo; the leader sends it back with a note, which the handler
// hears of too, then approves; it is sent, rated 不满意 and reopened, and the reply panel says why.
// The unit never sees who filed an accusation; where the county has no 审核, the reply goes out directly.
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

const SLUG = 'e2e-unit-day';
const PASSWORD = 'Test#2026pass';
const PHONE = { width: 390, height: 844 };
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
]);

/** What has the keyboard's focus: its tag and its text or name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return { tag: e?.tagName ?? '', text: (e?.getAttribute('aria-label') || e?.textContent || '').trim() };
  });

/** Nothing runs off the right of the screen. */
async function fitsWidth(page: Page, where: string) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, where).toBeLessThanOrEqual(client);
}

describe("a township handler's and leader's day", () => {
  let e2e: E2E;
  let bureau = '';

  const assignment = async (title: string) => {
    const list = await apiCall(e2e, 'GET', `/api/t/${SLUG}/assignments`, undefined, bureau);
    return list.data.items.find((a: { title: string }) => a.title === title);
  };

  beforeAll(async () => {
    e2e = await startE2E();
    const root = (
      await apiCall(e2e, 'POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password })
    ).cookie;
    const tenant = (await apiCall(e2e, 'POST', '/api/admin/tenants', { slug: SLUG, name: '测试县' }, root))
      .data;
    const unit = async (name: string) =>
      (await apiCall(e2e, 'POST', `/api/t/${SLUG}/units`, { name, kind: 'township' }, root)).data
        .id as string;
    const town = await unit('东山镇');
    await unit('西水乡');
    const staff = (login: string, name: string, role: string, unitId: string) =>
      addStaff(e2e, SLUG, root, { login, name, role, unitId, password: PASSWORD });
    await staff('dispatcher', '林晓岚', 'dispatcher', tenant.bureauUnitId);
    await staff('handler', '王春和', 'handler', town);
    await staff('leader', '赵安平', 'unit_leader', town);
    bureau = (
      await apiCall(e2e, 'POST', '/api/auth/login', { login: `${SLUG}.dispatcher`, password: PASSWORD })
    ).cookie;
    for (const [title, purpose] of [
      ['村口路灯损坏两个月', 'help'],
      ['建议增设公交站', 'suggestion'],
      ['检举村干部侵占补贴', 'accusation'],
    ]) {
      const c = (
        await apiCall(
          e2e,
          'POST',
          `/api/t/${SLUG}/cases`,
          {
            kind: 'petition',
            channel: 'visit',
            purpose,
            title,
            content: `${title}，请尽快处理。`,
            petitioner: { name: '张桂芳', phone: '13900002222' },
          },
          bureau,
        )
      ).data;
      await apiCall(
        e2e,
        'POST',
        `/api/t/${SLUG}/cases/${c.case.id}/route`,
        { version: c.case.version, units: [{ unitId: town, role: 'lead' }] },
        bureau,
      );
    }
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('on a phone, from the keyboard: signing from the list goes on to the next case to sign, and the last one to the message', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.handler`, PASSWORD, PHONE);
    // the home's count and the inbox tab's agree
    const home = page.getByRole('link', { name: /待签收/ });
    await expect.poll(() => home.textContent()).toContain('3');
    await home.press('Enter');
    await page.getByRole('tab', { name: /待签收\s*3/ }).waitFor();
    await fitsWidth(page, 'inbox on a phone');
    await expectAccessible(page, 'inbox 待签收');

    const signButtons = page.getByRole('button', { name: /^签收 / });
    await signButtons.first().focus();
    const first = (await focused(page)).text;
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '已签收' }).waitFor();
    // the keyboard is on the next case to sign, not thrown back to the top of the page
    await expect.poll(async () => (await focused(page)).text).toMatch(/^签收 /);
    expect((await focused(page)).text).not.toBe(first);
    await page.keyboard.press('Enter');
    await expect.poll(() => signButtons.count()).toBe(1);
    await expect.poll(async () => (await focused(page)).text).toMatch(/^签收 /);
    await page.keyboard.press('Enter');
    await expect.poll(() => signButtons.count()).toBe(0);
    // none left: on the message that says what was done
    await expect.poll(async () => (await focused(page)).text).toMatch(/^已签收：/);

    // an accusation shows the unit neither who filed it nor the way to reveal it
    const a = await assignment('检举村干部侵占补贴');
    await page.goto(`${e2e.baseUrl}/console/assignments/${a.id}`);
    await page.getByText('检举控告件，诉求人信息仅信访部门可见').waitFor();
    expect(await page.getByText('张桂芳').count()).toBe(0);
    expect(await page.getByRole('button', { name: /查看完整号码/ }).count()).toBe(0);
    await page.context().close();
  });

  it('on the case page the handler sees until when it may return the case, and after 受理 the keyboard is on the message', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.handler`, PASSWORD, PHONE);
    const a = await assignment('村口路灯损坏两个月');
    await page.goto(`${e2e.baseUrl}/console/assignments/${a.id}`);
    const due = page.locator('td[data-label="期限"]');
    await expect.poll(() => due.textContent()).toMatch(/退件须在 \d{4}-\d\d-\d\d 24:00 前申请/);
    await fitsWidth(page, 'case page on a phone');
    await page.getByRole('button', { name: '受理', exact: true }).press('Enter');
    await page.getByRole('status').filter({ hasText: '东山镇：已受理' }).waitFor();
    await expect.poll(async () => (await focused(page)).text).toBe('东山镇：已受理');
    // accepted: 退件 is no longer open, and the page no longer offers or dates it
    await expect.poll(() => due.textContent()).not.toContain('退件');

    // an extension asked from the keyboard; the dialog's submit takes the keyboard to the message
    // a field found wanting, by the page or by the server, takes the cursor
    await page.getByRole('button', { name: '申请延期', exact: true }).press('Enter');
    const dialog = page.getByRole('dialog');
    await page.keyboard.type('100');
    await dialog.getByRole('button', { name: '申请延期' }).press('Enter');
    await dialog.getByRole('alert').filter({ hasText: '理由不能为空' }).waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('TEXTAREA');
    await page.keyboard.type('需协调供电公司更换线路');
    await dialog.getByRole('button', { name: '申请延期' }).press('Enter');
    await dialog.getByRole('alert').filter({ hasText: '最多还可延期' }).waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('INPUT');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('5');
    await dialog.getByRole('button', { name: '申请延期' }).press('Enter');
    await page.getByRole('status').filter({ hasText: '东山镇：已提交延期申请' }).waitFor();
    await expect.poll(async () => (await focused(page)).text).toMatch(/^东山镇：/);
    // the inbox's 退件/延期审批中 holds it, counted (it held returns only, so said 0)
    await page.goto(`${e2e.baseUrl}/console/inbox?tab=waiting`);
    await page.getByRole('tab', { name: /退件\/延期审批中\s*1/, selected: true }).waitFor();
    await page.getByRole('row').filter({ hasText: '村口路灯损坏两个月' }).waitFor();
    await page.context().close();
  });

  it("the bureau's refusal of the extension and its 督办 reach the handler's home; a reminder opened is read", async () => {
    const a = await assignment('村口路灯损坏两个月');
    await apiCall(
      e2e,
      'POST',
      `/api/t/${SLUG}/assignments/${a.id}/deny-extension`,
      { version: a.version, note: '路灯维修无需延期' },
      bureau,
    );
    const s = await assignment('建议增设公交站');
    await apiCall(
      e2e,
      'POST',
      `/api/t/${SLUG}/assignments/${s.id}/supervise`,
      { version: s.version, note: '群众多次来电，请加快办理' },
      bureau,
    );
    const page = await consoleLogin(e2e, `${SLUG}.handler`, PASSWORD, PHONE);
    const reminders = page.getByRole('region', { name: /提醒/ });
    const denied = reminders.getByRole('link', { name: /延期申请未获批准：路灯维修无需延期，请于.+前答复/ });
    await denied.waitFor();
    await fitsWidth(page, 'home on a phone');
    await expectAccessible(page, 'unit home');

    // 督办件 have a place of their own, counted alike on the home page and in the inbox
    const supervised = page.getByRole('link', { name: /督办件/ });
    await expect.poll(() => supervised.textContent()).toContain('1');
    await supervised.click();
    await page.getByRole('tab', { name: /督办件\s*1/, selected: true }).waitFor();
    await page.getByRole('row').filter({ hasText: '建议增设公交站' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: '村口路灯损坏两个月' }).count()).toBe(0);
    await fitsWidth(page, 'inbox 督办件 on a phone');

    // a reminder opened is read: back home it is no longer listed, the 督办 one still is
    await page.goto(`${e2e.baseUrl}/console/`);
    // the click marks it read in a request of its own, which the next page must not overtake
    const read = page.waitForResponse((r) => r.url().endsWith('/reminders/read') && r.ok());
    await denied.click();
    await read;
    await page.getByRole('heading', { name: /村口路灯损坏两个月/ }).waitFor();
    await page.goto(`${e2e.baseUrl}/console/`);
    await reminders.getByRole('link', { name: /督办：群众多次来电，请加快办理/ }).waitFor();
    expect(await denied.count()).toBe(0);
    // 标为已读 from the keyboard: the last one read, the keyboard is on the heading, not lost
    await reminders.getByRole('button', { name: /^标为已读：.*督办/ }).press('Enter');
    await reminders.getByText('没有未读提醒。').waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('H2');
    await page.context().close();
  });

  it('at a desk: a reply with a photo, sent back by the leader (the handler hears of it), approved, sent, reopened with its reason shown where the reply is written', async () => {
    const a = await assignment('村口路灯损坏两个月');
    const handler = await consoleLogin(e2e, `${SLUG}.handler`, PASSWORD);
    handler.on('dialog', (d) => void d.accept());
    await handler.goto(`${e2e.baseUrl}/console/assignments/${a.id}`);
    // submitted empty: told so, and the keyboard is where the reply is written
    await handler.getByRole('button', { name: '提交领导审核' }).press('Enter');
    await handler.getByRole('alert').filter({ hasText: '答复内容不能为空' }).waitFor();
    await expect.poll(async () => (await focused(handler)).tag).toBe('TEXTAREA');
    await handler.getByRole('textbox', { name: '答复意见' }).fill('经核查，路灯线路老化，已于本周更换。');
    // the photo is still uploading when 提交领导审核 is pressed: it is refused, not sent without it
    const release = await holdRequests(handler, '**/attachments');
    await handler
      .locator('input[type=file]')
      .setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
    await handler.getByRole('status').filter({ hasText: '正在上传 现场照片.png' }).waitFor();
    await handler.getByRole('button', { name: '提交领导审核' }).click();
    await handler.getByRole('alert').filter({ hasText: '附件正在上传' }).waitFor();
    release();
    await handler.getByRole('list', { name: '待提交的附件' }).getByText('现场照片.png').waitFor();
    await handler.unroute('**/attachments');
    await handler.getByRole('button', { name: '提交领导审核' }).click();
    await handler.getByRole('status').filter({ hasText: '答复已提交单位领导审核' }).waitFor();

    const leader = await consoleLogin(e2e, `${SLUG}.leader`, PASSWORD);
    await leader.getByRole('link', { name: /待我审核/ }).click();
    await leader.getByRole('link', { name: '村口路灯损坏两个月' }).first().click();
    await leader.getByRole('link', { name: '现场照片.png' }).first().waitFor();
    await leader.getByRole('button', { name: '退回修改' }).click();
    await leader.getByRole('dialog').getByLabel('退回意见').fill('请写明更换日期');
    await leader.getByRole('dialog').getByRole('button', { name: '审核退回' }).click();
    await leader.getByRole('status').filter({ hasText: '答复已退回修改' }).waitFor();
    await expect.poll(async () => (await focused(leader)).text).toMatch(/答复已退回修改/);

    // the handler hears of it on the home page, and finds the note on the reply
    await handler.goto(`${e2e.baseUrl}/console/`);
    await handler.getByRole('link', { name: /答复被领导退回修改：请写明更换日期/ }).click();
    await handler.getByText('领导退回意见：请写明更换日期').waitFor();
    await handler.getByRole('textbox', { name: '答复意见' }).fill('经核查，路灯线路老化，已于12月3日更换。');
    await handler.getByRole('button', { name: '提交领导审核' }).click();
    await handler.getByRole('status').filter({ hasText: '答复已提交单位领导审核' }).waitFor();

    await leader.reload();
    await leader.getByRole('button', { name: '审核通过' }).click();
    await leader.getByRole('status').filter({ hasText: '答复已审核通过' }).waitFor();
    await leader.context().close();

    await handler.goto(`${e2e.baseUrl}/console/`);
    await handler.getByRole('link', { name: /答复已经领导审核通过，请答复群众/ }).click();
    await handler.getByRole('button', { name: '答复群众' }).click();
    await handler.getByRole('status').filter({ hasText: '东山镇：已答复群众' }).waitFor();

    // rated 不满意 on a call-back, and reopened by the bureau
    let x = await assignment('村口路灯损坏两个月');
    x = (
      await apiCall(
        e2e,
        'POST',
        `/api/t/${SLUG}/assignments/${x.id}/rate`,
        { version: x.version, value: 'unsatisfied', comment: '路灯还是不亮' },
        bureau,
      )
    ).data;
    await apiCall(
      e2e,
      'POST',
      `/api/t/${SLUG}/assignments/${x.id}/reopen`,
      { version: x.version, reason: '群众反映路灯仍不亮，请现场复核' },
      bureau,
    );
    await handler.goto(`${e2e.baseUrl}/console/`);
    await handler
      .getByRole('link', { name: /重办：群众反映路灯仍不亮，请现场复核（请于.+前重新答复）/ })
      .click();
    await handler.getByText('重办（第 1 次）：群众反映路灯仍不亮，请现场复核。').waitFor();
    await expectAccessible(handler, 'a reopened case');
    await handler.context().close();
  });

  it('in a county that does not have replies reviewed, a new reply is sent from the panel, not submitted to a leader', async () => {
    const root = (
      await apiCall(e2e, 'POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password })
    ).cookie;
    const settings = (await apiCall(e2e, 'GET', `/api/t/${SLUG}/settings`, undefined, root)).data;
    await apiCall(
      e2e,
      'PATCH',
      `/api/t/${SLUG}/settings`,
      { version: settings.version, patch: { requireReplyReview: false } },
      root,
    );
    const a = await assignment('建议增设公交站');
    const page = await consoleLogin(e2e, `${SLUG}.handler`, PASSWORD, PHONE);
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${e2e.baseUrl}/console/assignments/${a.id}`);
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.getByRole('textbox', { name: '答复意见' }).fill('经研究，已将设站纳入明年公交线路调整计划。');
    await page.getByRole('button', { name: '答复群众' }).waitFor();
    expect(await page.getByRole('button', { name: '提交领导审核' }).count()).toBe(0);
    await page.getByRole('button', { name: '答复群众' }).click();
    await page.getByRole('status').filter({ hasText: '东山镇：已答复群众' }).waitFor();
    await page.context().close();
  });
});
