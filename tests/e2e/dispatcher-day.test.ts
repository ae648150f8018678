// The bureau dispatcher's working day in a real browser: a morning's portal submissions routed from
// the workbench one after another by keyboard (the suggested units preselected, the case shown in the
// dialog, Enter in the unit search never sending it, the next case's 转送 focused after each), a 退件
// approved and routed again at once without the unit that gave it back, extension requests decided for
// one unit at a time (the place kept after each), and a duplicate merged into the earlier case the
// system suggested, after a confirmation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addStaff, apiCall, consoleLogin, type E2E, expectAccessible, ROOT, startE2E } from './harness';

const SLUG = 'e2e-day';
const PASSWORD = 'Test#2026pass';

interface County {
  townA: string;
  townB: string;
  housing: string;
  labour: string;
  buildCat: string;
  wageCat: string;
}

/** What the keyboard is on: a button's name, or the element's tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return e?.getAttribute('aria-label') || e?.textContent?.trim() || e?.tagName || '';
  });

/** The number on a workbench tab. */
async function tabCount(page: Page, name: RegExp): Promise<number> {
  return Number((await page.getByRole('tab', { name }).locator('.count').textContent())?.trim());
}

describe('the dispatcher’s day', () => {
  let e2e: E2E;
  let county: County;
  let bureau = '';
  let handlerA = '';
  let handlerHousing = '';
  let leaderA = '';
  let phoneSeq = 0;

  const api = (method: string, path: string, body: unknown, cookie: string) =>
    apiCall(e2e, method, `/api/t/${SLUG}${path}`, body, cookie).then((r) => r.data);

  /** A citizen's submission on the portal (the API the portal calls); answers its number. */
  async function submit(over: Record<string, unknown> = {}): Promise<string> {
    phoneSeq++;
    const res = await fetch(`${e2e.baseUrl}/api/t/${SLUG}/portal/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `day-walk-${phoneSeq}-0000000000` },
      body: JSON.stringify({
        kind: 'petition',
        purpose: 'help',
        categoryId: county.buildCat,
        townshipUnitId: county.townA,
        title: `东山镇第${phoneSeq}村道路破损`,
        content: `第${phoneSeq}村通村道路破损严重，雨天无法通行，请尽快修复。`,
        name: `村民${phoneSeq}`,
        phone: `1380000${String(1000 + phoneSeq)}`,
        ...over,
      }),
    });
    const body = (await res.json()) as { number: string };
    if (res.status !== 201) throw new Error(`portal submit → ${res.status} ${JSON.stringify(body)}`);
    return body.number as string;
  }

  /** The case as the bureau sees it, by its number. */
  async function caseByNumber(number: string) {
    const list = await api('GET', `/cases?q=${number}`, undefined, bureau);
    return list.items.find((c: { number: string }) => c.number === number);
  }

  async function routeTo(number: string, unitId: string) {
    const c = await caseByNumber(number);
    const d = await api(
      'POST',
      `/cases/${c.id}/route`,
      { version: c.version, units: [{ unitId, role: 'lead' }] },
      bureau,
    );
    return d.assignments.find((a: { unitId: string }) => a.unitId === unitId);
  }

  const move = (cookie: string, a: { id: string; version: number }, name: string, body = {}) =>
    api('POST', `/assignments/${a.id}/${name}`, { version: a.version, ...body }, cookie);

  /** Routed to 东山镇, which answers it with its leader's approval. */
  async function answered(number: string) {
    let a = await routeTo(number, county.townA);
    a = await move(handlerA, a, 'sign');
    a = await move(handlerA, a, 'accept');
    a = await move(handlerA, a, 'reply', { body: '您好，经核实，已安排处理，预计下周完成。' });
    a = await move(handlerA, a, 'submit-reply');
    a = await move(leaderA, a, 'approve-reply', { note: '同意' });
    await move(handlerA, a, 'send-reply');
  }

  beforeAll(async () => {
    e2e = await startE2E({ PORTAL_CAPTCHA: '0' });
    const root = (
      await apiCall(e2e, 'POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password })
    ).cookie;
    const tenant = (await apiCall(e2e, 'POST', '/api/admin/tenants', { slug: SLUG, name: '青山县' }, root))
      .data;
    await addStaff(e2e, SLUG, root, {
      login: 'admin',
      name: '管理员',
      role: 'tenant_admin',
      password: PASSWORD,
    });
    const admin = (
      await apiCall(e2e, 'POST', '/api/auth/login', { login: `${SLUG}.admin`, password: PASSWORD })
    ).cookie;
    const unit = async (name: string, kind: string) =>
      (await api('POST', '/units', { name, kind }, admin)).id;
    const townA = await unit('东山镇', 'township');
    const townB = await unit('西水乡', 'township');
    const housing = await unit('县住建局', 'department');
    const labour = await unit('县人社局', 'department');
    const cat = (name: string, routeUnitIds: string[], routeToTownship: boolean) =>
      api('POST', '/categories', { name, routeUnitIds, routeToTownship }, admin).then((c) => c.id as string);
    county = {
      townA,
      townB,
      housing,
      labour,
      buildCat: await cat('城乡建设', [housing], true),
      wageCat: await cat('拖欠工资', [labour], false),
    };
    const staff = (login: string, name: string, role: string, unitId?: string) =>
      addStaff(e2e, SLUG, admin, { login, name, role, unitId, password: PASSWORD });
    await staff('dispatcher', '林晓岚', 'dispatcher', tenant.bureauUnitId);
    await staff('handlerA', '王春和', 'handler', townA);
    await staff('housing', '吴清泉', 'handler', housing);
    await staff('leaderA', '赵安平', 'unit_leader', townA);
    const signIn = async (login: string) =>
      (await apiCall(e2e, 'POST', '/api/auth/login', { login: `${SLUG}.${login}`, password: PASSWORD }))
        .cookie;
    bureau = await signIn('dispatcher');
    handlerA = await signIn('handlerA');
    handlerHousing = await signIn('housing');
    leaderA = await signIn('leaderA');
  }, 60_000);
  afterAll(async () => {
    await e2e?.stop();
  });

  it('routes the morning’s new cases from the workbench by keyboard: the case and its suggestion in the dialog, Enter in the unit search finds, the next case’s 转送 focused after each', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 12; i++) numbers.push(await submit());
    for (let i = 0; i < 3; i++)
      numbers.push(
        await submit({
          categoryId: county.wageCat,
          purpose: 'claim',
          title: `工地拖欠第${i + 1}班组农民工工资`,
          content: `城东某工地拖欠第${i + 1}班组十几个人三个月工资，请帮忙追讨。`,
        }),
      );
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=new`);
    await page.getByRole('button', { name: `转送：${numbers[0]}` }).waitFor();
    // the counts come in a request of their own: they may be on screen after the rows ('…' before)
    await expect.poll(() => tabCount(page, /新件待分派/)).toBe(15);

    await page.getByRole('button', { name: `转送：${numbers[0]}` }).focus();
    for (let i = 0; i < 3; i++) {
      const number = numbers[i]!;
      expect(await focused(page)).toBe(`转送：${number}`);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: `转送/交办：${number}` });
      await dialog.waitFor();
      // what the case is about, without leaving the queue
      await dialog.getByText(`东山镇第${i + 1}村道路破损`).waitFor();
      await dialog.getByText(`第${i + 1}村通村道路破损严重`).waitFor();
      if (i === 0) await expectAccessible(page, 'workbench route dialog');
      // the suggestion preselected: the township leads, the category's department helps
      expect(await dialog.getByRole('radio', { name: '东山镇 主办' }).isChecked()).toBe(true);
      expect(await dialog.getByRole('checkbox', { name: /县住建局/ }).isChecked()).toBe(true);
      if (i === 0) {
        // Enter in the unit search ticks the one unit found; it does not send the case
        expect(await focused(page)).toBe('INPUT');
        await page.keyboard.type('西水');
        await page.keyboard.press('Enter');
        expect(await dialog.getByRole('checkbox', { name: /西水乡/ }).isChecked()).toBe(true);
        expect(await dialog.isVisible()).toBe(true);
        await dialog.getByRole('checkbox', { name: /西水乡/ }).uncheck();
        await dialog.getByLabel('查找单位').fill('');
      }
      await dialog.getByLabel('交办意见（可选）').fill('请尽快核实修复。');
      await dialog.getByRole('button', { name: '确认转送' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText(`${number} 已转送：东山镇（主办）、县住建局（协办）`).waitFor();
      // the queue and its count follow, and the keyboard is on the next case
      await expect.poll(() => tabCount(page, /新件待分派/)).toBe(14 - i);
      await expect.poll(() => focused(page)).toBe(`转送：${numbers[i + 1]}`);
      expect(await page.locator('td[data-label="编号"]').allTextContents()).not.toContain(number);
    }
    const routed = await caseByNumber(numbers[0]!);
    expect(routed.status).toBe('routed');

    // a wage claim: its department is suggested alone, as lead
    const wage = numbers[12]!;
    await page.getByRole('button', { name: `转送：${wage}` }).click();
    const dialog = page.getByRole('dialog', { name: `转送/交办：${wage}` });
    expect(await dialog.getByRole('radio', { name: '县人社局 主办' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('checkbox', { name: /东山镇/ }).isChecked()).toBe(false);
    // Escape gives the keyboard back to the row it came from
    await page.keyboard.press('Escape');
    await expect.poll(() => focused(page)).toBe(`转送：${wage}`);

    // on a tablet the queue with its 转送 column still fits
    await page.setViewportSize({ width: 768, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await page.close();
  });

  it('晨提醒亮灯 for the bureau’s own step: a letter past its routing deadline turns 新件待分派 red with 逾期 1', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=new`);
    await page
      .getByRole('tab', { name: /新件待分派/ })
      .locator('.count')
      .first()
      .waitFor();
    expect(await page.getByRole('tab', { name: /新件待分派/ }).textContent()).not.toContain('逾期');
    // a letter registered late: received 20 days ago, its 15 days to be routed are over
    await api(
      'POST',
      '/cases',
      {
        kind: 'petition',
        channel: 'letter',
        purpose: 'help',
        title: '积压来信：村道塌陷',
        content: '村道路面塌陷多处，请派人修补。',
        petitioner: { name: '欧阳明', phone: '13612345678' },
        receivedAt: Date.now() - 20 * 86_400_000,
      },
      bureau,
    );
    await page.getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => page.getByRole('tab', { name: /新件待分派/ }).textContent()).toContain('逾期 1');
    // the red one heads the queue
    // the rows are read again apart from the counts: wait for them too
    await expect
      .poll(async () => (await page.locator('td[data-label="分派期限"]').first().textContent())?.trim())
      .toBe('逾期');
    await page.close();
  });

  it('a 退件 approved is routed again at once, its reason in view and the unit that gave it back not preselected', async () => {
    const number = await submit({
      title: '西岭村道路塌方无人处理',
      content: '西岭村村道塌方半个月无人处理，请尽快修复。',
    });
    let a = await routeTo(number, county.townA);
    a = await move(handlerA, a, 'sign');
    await move(handlerA, a, 'return', { reason: '道路属县住建局管养，建议转县住建局' });

    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=returned`);
    await page.getByRole('button', { name: '同意退件' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '同意退件' }).click();
    await page.getByText(`${number} 东山镇：已同意退件`).waitFor();
    // the keyboard is on 重新转送, and the counts moved
    await expect.poll(() => focused(page)).toBe(`重新转送 ${number}`);
    await expect.poll(() => tabCount(page, /退件申请/)).toBe(0);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `转送/交办：${number}` });
    await dialog.getByText('东山镇 已退件：道路属县住建局管养，建议转县住建局').waitFor();
    expect(await dialog.getByRole('checkbox', { name: /东山镇/ }).isChecked()).toBe(false);
    expect(await dialog.getByRole('radio', { name: '县住建局 主办' }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: '确认转送' }).click();
    await page.getByText(`${number} 已转送：县住建局（主办）`).waitFor();
    const detail = await api('GET', `/cases/${(await caseByNumber(number)).id}`, undefined, bureau);
    expect(detail.assignments.map((x: { unitName: string; state: string }) => [x.unitName, x.state])).toEqual(
      [
        ['东山镇', 'returned'],
        ['县住建局', 'dispatched'],
      ],
    );
    await page.close();
  });

  it('extension requests are decided one unit at a time: the unit filter is kept in the address, the next request focused after each', async () => {
    const asks: Array<[string, string, string]> = [];
    for (const [unitId, cookie, days] of [
      [county.townA, handlerA, 10],
      [county.housing, handlerHousing, 20],
      [county.housing, handlerHousing, 30],
    ] as const) {
      const number = await submit({ purpose: 'claim' });
      let a = await routeTo(number, unitId);
      a = await move(cookie, a, 'sign');
      a = await move(cookie, a, 'accept');
      await move(cookie, a, 'request-extension', { days, reason: '需现场勘查，协调多部门。' });
      asks.push([number, unitId, String(days)]);
    }
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=extension`);
    await page.getByRole('button', { name: '批准延期' }).first().waitFor();
    expect(await page.getByRole('button', { name: '批准延期' }).count()).toBe(3);
    await page.getByLabel('承办单位').selectOption({ label: '县住建局' });
    await expect.poll(() => page.getByRole('button', { name: '批准延期' }).count()).toBe(2);
    expect(page.url()).toContain(`unit=${county.housing}`);
    await page.getByText('只显示县住建局的件；标签上的件数是全县合计。').waitFor();
    await expect.poll(() => tabCount(page, /延期申请/)).toBe(3);
    expect(await page.locator('td[data-label="承办单位"]').allTextContents()).toEqual([
      '县住建局',
      '县住建局',
    ]);

    // a reload keeps the unit
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: '批准延期' }).count()).toBe(2);
    await page.getByRole('button', { name: '批准延期' }).first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('批准天数').fill('15');
    await dialog.getByRole('button', { name: '批准延期' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/已批准延期/).waitFor();
    await expect.poll(() => tabCount(page, /延期申请/)).toBe(2);
    // still this unit's, and the keyboard is on its next request
    await expect.poll(() => page.getByRole('button', { name: '批准延期' }).count()).toBe(1);
    await expect.poll(() => focused(page)).toBe('批准延期');
    expect(page.url()).toContain(`unit=${county.housing}`);
    // another tab starts with the whole county again
    await page.getByRole('tab', { name: /督办件/ }).click();
    await expect.poll(() => page.url()).not.toContain('unit=');
    await page.close();
  });

  it('a laggard is urged from its queue with the usual words, and supervised no earlier than today; the keyboard stays on its row', async () => {
    const number = await submit({
      title: '东山镇集贸市场排水沟堵塞',
      content: '集贸市场排水沟堵塞，污水外溢，请尽快疏通。',
    });
    let a = await routeTo(number, county.townA);
    a = await move(handlerA, a, 'sign');
    a = await move(handlerA, a, 'accept');
    a = await move(handlerA, a, 'reply', { body: '已安排疏通。' });
    await move(handlerA, a, 'submit-reply');

    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=review`);
    await page.getByRole('button', { name: '催办' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `催办：${number} 东山镇` });
    expect(await dialog.getByLabel('催办内容').inputValue()).toBe('请抓紧办理，按期答复。');
    await dialog.getByRole('button', { name: '催办' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`${number} 东山镇：已催办`).waitFor();
    await expect.poll(() => focused(page)).toBe('催办');

    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('督办');
    await page.keyboard.press('Enter');
    const supervise = page.getByRole('dialog', { name: `督办：${number} 东山镇` });
    const today = await page.evaluate(() =>
      new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }),
    );
    expect(await supervise.getByLabel('督办期限（可选）').getAttribute('min')).toBe(today);
    await page.close();
  });

  it('问政待发布 lists what its count says (not the questions whose asker wanted them private), and an answer published leaves it', async () => {
    const asked: string[] = [];
    for (const isPublic of [true, false]) {
      const number = await submit({
        kind: 'inquiry',
        purpose: 'question',
        isPublic,
        title: isPublic ? '东山镇公交站台何时修好' : '我家低保资格复核进度',
        content: isPublic
          ? '东山镇汽车站站台顶棚损坏，请问何时修复？'
          : '我家低保资格复核已两个月，请问进度如何？',
      });
      await answered(number);
      asked.push(number);
    }
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=publish`);
    await page.getByRole('link', { name: asked[0] }).first().waitFor();
    await expect.poll(() => tabCount(page, /问政待发布/)).toBe(1);
    expect(await page.locator('td[data-label="编号"]').allTextContents()).toEqual([asked[0]]);
    await page.getByRole('link', { name: asked[0] }).first().click();
    await page.getByRole('button', { name: '发布答复' }).click();
    const dialog = page.getByRole('dialog', { name: `发布问政答复：${asked[0]}` });
    await dialog.getByRole('button', { name: '发布' }).click();
    await page.getByRole('status').getByText('问政答复已公开').waitFor();
    await page.getByRole('link', { name: /返回工作台/ }).click();
    await expect.poll(() => tabCount(page, /问政待发布/)).toBe(0);
    await page.getByText('暂无记录').waitFor();
    await page.close();
  });

  it('复查待答复 says when each opinion is due; answered from the case page, the case leaves the queue', async () => {
    const number = await submit({
      purpose: 'claim',
      title: '征地补偿款发放不足',
      content: '我家被征土地补偿款比公示的少了一万元，请核查。',
    });
    await answered(number);
    const c = await caseByNumber(number);
    await api(
      'POST',
      `/cases/${c.id}/review-request`,
      { version: c.version, channel: 'letter', reason: '对答复不服，补偿款仍未补足。' },
      bureau,
    );

    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=citizen-review`);
    await page.getByRole('link', { name: number }).first().waitFor();
    await expect.poll(() => tabCount(page, /复查待答复/)).toBe(1);
    await page.getByRole('columnheader', { name: '复查期限' }).waitFor();
    expect(await page.locator('td[data-label="复查期限"]').first().textContent()).toMatch(
      /正常\s*复查 还剩 (29|30) 天/,
    );
    await page.getByRole('link', { name: number }).first().click();
    await page.getByRole('button', { name: '录入复查意见' }).click();
    const dialog = page.getByRole('dialog', { name: `录入复查意见：${number}` });
    await dialog.getByLabel('复查结论').selectOption('upheld');
    await dialog
      .getByLabel('复查意见（群众可见）')
      .fill('经复查，补偿款按批准方案足额发放，维持原处理意见。');
    page.once('dialog', (d) => void d.accept());
    await dialog.getByRole('button', { name: '录入' }).click();
    await page.getByRole('status').getByText('复查意见已录入').waitFor();
    await page.getByRole('link', { name: /返回工作台/ }).click();
    await expect.poll(() => tabCount(page, /复查待答复/)).toBe(0);
    await page.close();
  });

  it('a duplicate is merged into the earlier case the system suggested, after a confirmation', async () => {
    const twice = {
      title: '幸福里小区5栋电梯故障两个月',
      content: '幸福里小区5栋电梯坏了两个月，物业一直不修，老人上下楼很困难。',
      phone: '13911112222',
      name: '赵大爷',
    };
    const first = await submit(twice);
    const again = await submit({ ...twice, content: `${twice.content}请督促物业维修。` });
    // another caller, twice about one streetlight: the queue's second suggestion
    const lamp = {
      title: '东山镇中心路路灯不亮',
      content: '东山镇中心路一段路灯连续一周不亮，夜间行人很危险。',
      phone: '13922223333',
      name: '钱女士',
    };
    await submit(lamp);
    const lampAgain = await submit({ ...lamp, content: `${lamp.content}请尽快维修。` });
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=repeats`);
    await page.getByRole('button', { name: `确认重复：${again}` }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(`已确认 ${again} 为 ${first} 的重复件`).waitFor();
    // the suggestion left the queue; the keyboard is on the next one
    await expect.poll(() => focused(page)).toBe(`确认重复：${lampAgain}`);

    // the confirmed suggestion leaves the queue; the case is opened from the search
    await page.goto(`${e2e.baseUrl}/console/cases/${(await caseByNumber(again)).id}`);
    await page.getByRole('button', { name: '合并重复件' }).click();
    const dialog = page.getByRole('dialog', { name: `合并重复件：${again}` });
    // the earlier case is offered without a search
    await dialog.getByText('系统提示的疑似重复在先件（也可查找其他案件）：').waitFor();
    await dialog.getByRole('radio', { name: new RegExp(first) }).check();
    // the first answer is No: nothing happens
    page.once('dialog', (d) => {
      expect(d.message()).toContain(`确定将 ${again} 并入 ${first} 吗？`);
      void d.dismiss();
    });
    await dialog.getByRole('button', { name: '并入所选案件' }).click();
    expect(await dialog.isVisible()).toBe(true);
    expect((await caseByNumber(again)).status).toBe('new');
    page.once('dialog', (d) => void d.accept());
    await dialog.getByRole('button', { name: '并入所选案件' }).click();
    await page.getByRole('status').getByText(`已并入 ${first}`).waitFor();
    expect((await caseByNumber(again)).status).toBe('merged');
    await page.close();
  });
});
