// The case page in a real browser, for what the console could not do or said wrongly: the bureau
// registers a 复查 a citizen asked by letter (the button only while one can be taken, never a unit's),
// with the server's refusal shown in the dialog; an imported case shows its old system's number; a
// rejected repeat suggestion is taken back (撤回排除) from the workbench and from the case; a county
// leader reads on a 检举控告 whom its petitioner is shown to; a unit reads 重复件 and 已并入 with no
// link to a case it cannot open; after a dialog's action the keyboard is back on the button that
// opened it when that is still there, else on the message saying what was done (it fell to <body>).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiCall,
  consoleLogin,
  type E2E,
  expectAccessible,
  ROOT,
  startE2E,
  addStaff,
  holdRequests,
} from './harness';

const SLUG = 'e2e-extras';
const PASSWORD = 'Test#2026pass';
const DAY = 86_400_000;

let e2e: E2E;
let bureau = '';
let handler = '';
let leader = '';
let townA = '';

const call = async (method: string, path: string, body?: unknown, cookie = bureau) =>
  (await apiCall(e2e, method, `/api/t/${SLUG}${path}`, body, cookie)).data;
const login = (who: string): Promise<Page> => consoleLogin(e2e, `${SLUG}.${who}`, PASSWORD);

beforeAll(async () => {
  e2e = await startE2E();
  const root = (await apiCall(e2e, 'POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password }))
    .cookie;
  const tenant = (await apiCall(e2e, 'POST', '/api/admin/tenants', { slug: SLUG, name: '补遗县' }, root))
    .data;
  townA = (await call('POST', '/units', { name: '东山镇', kind: 'township' }, root)).id;
  const user = (login: string, name: string, role: string, unitId?: string) =>
    addStaff(e2e, SLUG, root, { login, name, role, unitId, password: PASSWORD });
  await user('dispatcher', '林晓岚', 'dispatcher', tenant.bureauUnitId);
  await user('handlerA', '王春和', 'handler', townA);
  await user('county', '冯致远', 'county_leader');
  await user('leaderA', '赵立新', 'unit_leader', townA);
  const signIn = async (who: string) =>
    (await apiCall(e2e, 'POST', '/api/auth/login', { login: `${SLUG}.${who}`, password: PASSWORD })).cookie;
  bureau = await signIn('dispatcher');
  handler = await signIn('handlerA');
  leader = await signIn('leaderA');
});
afterAll(async () => e2e?.stop());

/** A case of the old system, answered by 东山镇 `repliedDaysAgo` days ago; answers its detail. */
async function imported(externalId: string, repliedDaysAgo: number) {
  const at = (days: number, h = 0) => new Date(Date.now() - days * DAY + h * 3_600_000).toISOString();
  const line = {
    externalId,
    channel: 'letter',
    purpose: 'help',
    township: '东山镇',
    title: `东山镇青石路路灯不亮（${externalId}）`,
    content: '青石路一带路灯坏了半个多月，晚上出行很不安全，请尽快维修。',
    petitioner: { name: '周建国', phone: '13912345678' },
    receivedAt: at(repliedDaysAgo + 10),
    assignments: [
      {
        unit: '东山镇',
        role: 'lead',
        events: [
          { type: 'dispatched', at: at(repliedDaysAgo + 10, 1) },
          { type: 'signed', at: at(repliedDaysAgo + 10, 2) },
          { type: 'accepted', at: at(repliedDaysAgo + 9) },
          { type: 'replied', at: at(repliedDaysAgo), body: '已更换灯具，路灯恢复照明。' },
          { type: 'closed', at: at(repliedDaysAgo, 1) },
        ],
      },
    ],
  };
  const res = await fetch(`${e2e.baseUrl}/api/t/${SLUG}/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', cookie: bureau },
    body: JSON.stringify(line),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const found = await call('GET', `/cases?q=${encodeURIComponent(externalId)}`);
  expect(found.items).toHaveLength(1);
  return call('GET', `/cases/${found.items[0].id}`);
}

const openCase = async (page: Page, id: string) => {
  await page.goto(`${e2e.baseUrl}/console/cases/${id}`);
  await page.getByRole('heading', { name: '办理过程' }).waitFor();
};
/** the value of a 基本信息 line, by its term */
const fact = (page: Page, term: string) => page.locator(`dt:text-is("${term}") + dd`);

describe('登记复查申请 on the case page', () => {
  it('the bureau registers a 复查 asked by letter and the timeline shows it; a unit has no such button', async () => {
    const detail = await imported('LSXF-2024-000645', 2);
    const id = detail.case.id as string;
    expect(detail.actions).toContain('review-request');

    // the unit that answered reads the case, the old number and all, but registers nothing
    const unit = await login('handlerA');
    await openCase(unit, id);
    await expect(fact(unit, '原系统编号').textContent()).resolves.toBe('LSXF-2024-000645');
    await expect(unit.getByRole('button', { name: /登记复[查核]申请/ }).count()).resolves.toBe(0);
    await unit.context().close();

    const page = await login('dispatcher');
    await openCase(page, id);
    await expect(fact(page, '原系统编号').textContent()).resolves.toBe('LSXF-2024-000645');
    await page.getByRole('button', { name: '登记复查申请' }).click();
    const dialog = page.getByRole('dialog', { name: /登记复查申请/ });
    await dialog.waitFor();
    await expectAccessible(page, 'review request dialog');
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    await dialog.getByText('请选择申请方式').waitFor();
    await dialog.getByLabel('申请方式').selectOption({ label: '来信' });
    await dialog.getByLabel(/申请理由/).fill('路灯又坏了，对答复不服，申请复查。');
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.accept();
    });
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('已登记复查申请').waitFor();
    expect(asked[0]).toContain('确定登记群众的复查申请（来信）');
    // the message comes with the case read again; the dialog closes just after it
    await dialog.waitFor({ state: 'detached' });
    const timeline = page.getByRole('list', { name: '办理过程' });
    await timeline.getByText('群众申请复查（来信，信访部门登记）').waitFor();
    await page.getByTestId('review-card').getByText('待答复').waitFor();
    await page.getByTestId('review-card').getByText('路灯又坏了，对答复不服，申请复查。').waitFor();
    // one at a time: the bureau now owes the opinion
    await expect(page.getByRole('button', { name: '登记复查申请' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: '录入复查意见' }).waitFor();
    const after = await call('GET', `/cases/${id}`);
    expect(after.review).toMatchObject({ level: 1, pending: true });
    await page.context().close();
  });

  it('the server’s refusal shows in the dialog: a request registered meanwhile by another clerk', async () => {
    const detail = await imported('LSXF-2024-000646', 3);
    const id = detail.case.id as string;
    const page = await login('dispatcher');
    await openCase(page, id);
    await page.getByRole('button', { name: '登记复查申请' }).click();
    const dialog = page.getByRole('dialog', { name: /登记复查申请/ });
    await dialog.getByLabel('申请方式').selectOption({ label: '电话/12345' });
    await dialog.getByLabel(/申请理由/).fill('对答复不服。');
    // the same citizen's visit, registered at the next desk first
    await call('POST', `/cases/${id}/review-request`, {
      version: detail.case.version,
      channel: 'visit',
      reason: '当面申请复查。',
    });
    page.once('dialog', (d) => void d.accept());
    await dialog.getByRole('button', { name: '登记', exact: true }).click();
    // said once, as what happened: the page has already reloaded, so no 请刷新后重试 after it
    await dialog.getByText('该件已被他人处理，页面已刷新为最新情况。', { exact: true }).waitFor();
    await expect(dialog.getByText(/请刷新后重试/).count()).resolves.toBe(0);
    await page
      .getByRole('list', { name: '办理过程' })
      .getByText('群众申请复查（来访，信访部门登记）')
      .waitFor();
    const after = await call('GET', `/cases/${id}`);
    expect(after.review.history.filter((h: { kind: string }) => h.kind === 'request')).toHaveLength(1);
    await page.context().close();
  });

  it('no button once the 30 days after the answer are over', async () => {
    const detail = await imported('LSXF-2024-000647', 90);
    expect(detail.actions).not.toContain('review-request');
    const page = await login('dispatcher');
    await openCase(page, detail.case.id);
    await expect(fact(page, '原系统编号').textContent()).resolves.toBe('LSXF-2024-000647');
    await expect(page.getByRole('button', { name: '登记复查申请' }).count()).resolves.toBe(0);
    await page.context().close();
  });
});

describe('repeat suggestions', () => {
  it('a rejected suggestion is taken back from the workbench and from the case page', async () => {
    const file = (channel: string, content: string) =>
      call('POST', '/cases', {
        kind: 'petition',
        channel,
        purpose: 'claim',
        townshipUnitId: townA,
        title: '村口排水沟堵塞污水外溢',
        content,
        petitioner: { name: '陶文斌', phone: '13722223333' },
      });
    const first = await file('phone', '村口排水沟堵塞，污水外溢到路面，气味很大，请尽快疏通。');
    const again = await file('letter', '村口排水沟还是堵塞，污水外溢到路面，气味很大，请尽快疏通。');
    const suggestion = again.repeatSuggestions[0];
    expect(suggestion.earlierCaseId).toBe(first.case.id);
    await call('POST', `/repeat-suggestions/${suggestion.id}/reject`, {});

    const page = await login('dispatcher');
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=repeats`);
    const tab = page.getByRole('tab', { name: /重复件提示/ });
    await expect.poll(async () => (await tab.textContent()) ?? '').toMatch(/重复件提示\s*0$/);
    await page.getByText('已排除的提示（排除有误的可撤回）').click();
    const rejected = page.getByRole('table', { name: '已排除的重复件提示' });
    const row = rejected.getByRole('row', { name: new RegExp(again.case.number) });
    await row.waitFor();
    await expectAccessible(page, 'workbench rejected repeats');
    await row.getByRole('button', { name: `撤回排除：${again.case.number}` }).click();
    await page.getByText(`已撤回排除：${again.case.number} 与 ${first.case.number} 的提示重新待审`).waitFor();
    await expect.poll(async () => (await tab.textContent()) ?? '').toMatch(/重复件提示\s*1$/);
    await page
      .getByRole('table', { name: '重复件提示', exact: true })
      .getByRole('row', { name: new RegExp(again.case.number) })
      .waitFor();
    await expect
      .poll(() => rejected.getByRole('row', { name: new RegExp(again.case.number) }).count())
      .toBe(0);

    // rejected again on the case, then taken back there too
    await openCase(page, again.case.id);
    const card = page.locator('.card', { has: page.getByRole('heading', { name: '疑似重复 / 相关件' }) });
    await card.getByRole('button', { name: '排除', exact: true }).click();
    await page.getByText('已排除重复件提示').waitFor();
    await card.getByRole('button', { name: `撤回排除：${first.case.number}` }).click();
    await page.getByText('已撤回排除，该提示重新待审').waitFor();
    // once from the workbench, once here
    await expect
      .poll(() =>
        page.getByRole('list', { name: '办理过程' }).getByText('撤回排除，重复件提示重新待审').count(),
      )
      .toBe(2);
    expect((await call('GET', `/cases/${again.case.id}`)).repeatSuggestions[0].status).toBe('pending');

    // confirmed: the bureau follows the tag to the earlier case
    await card.getByRole('button', { name: '确认重复' }).click();
    await page.getByText('已确认为重复件').waitFor();
    const tags = fact(page, '标记');
    await tags.getByText('重复件', { exact: true }).waitFor();
    await tags.getByRole('link', { name: `查看在先件 ${first.case.number}` }).waitFor();
    await page.context().close();

    // the unit it goes to knows it is a repeat, with no link to a case it cannot open
    const routed = await call('GET', `/cases/${again.case.id}`);
    await call('POST', `/cases/${again.case.id}/route`, {
      version: routed.case.version,
      units: [{ unitId: townA, role: 'lead' }],
    });
    const unit = await login('handlerA');
    await openCase(unit, again.case.id);
    await fact(unit, '标记').getByText('重复件', { exact: true }).waitFor();
    await expect(fact(unit, '标记').getByRole('link').count()).resolves.toBe(0);
    // (and it cannot: the earlier case was never its own)
    await expect(call('GET', `/cases/${first.case.id}`, undefined, handler)).rejects.toThrow(/→ 404/);
    await unit.context().close();
  });

  it('a unit that gave a case back reads where it was merged, with no link it could not follow', async () => {
    const file = (title: string) =>
      call('POST', '/cases', {
        kind: 'petition',
        channel: 'visit',
        purpose: 'help',
        title,
        content: '东山镇集市占道经营，车辆无法通行。',
        petitioner: { name: '韩立新' },
      });
    const into = await file('集市占道经营');
    const gone = await file('集市占道经营影响通行');
    const routed = await call('POST', `/cases/${gone.case.id}/route`, {
      version: gone.case.version,
      units: [{ unitId: townA, role: 'lead' }],
    });
    const a = routed.assignments[0];
    const asked = await call(
      'POST',
      `/assignments/${a.id}/return`,
      { version: a.version, reason: '不属本镇职责' },
      handler,
    );
    await call('POST', `/assignments/${a.id}/approve-return`, { version: asked.version });
    const now = await call('GET', `/cases/${gone.case.id}`);
    await call('POST', `/cases/${gone.case.id}/merge`, {
      version: now.case.version,
      intoCaseId: into.case.id,
    });

    const page = await login('handlerA');
    await openCase(page, gone.case.id);
    const merged = fact(page, '合并');
    await merged.getByText(/已并入/).waitFor();
    await expect(merged.getByRole('link').count()).resolves.toBe(0);
    await page.context().close();
  });
});

describe('检举控告 for a county leader', () => {
  it('says the petitioner is shown to the bureau alone, not that units alone are kept from it', async () => {
    const c = await call('POST', '/cases', {
      kind: 'petition',
      channel: 'letter',
      purpose: 'accusation',
      title: '举报某站所工作人员违规收费',
      content: '某站所工作人员办理证件时额外收取费用，未开具票据。',
      petitioner: { name: '匿名群众', phone: '13800001111' },
    });
    const page = await login('county');
    await openCase(page, c.case.id);
    await fact(page, '诉求人').getByText('检举控告件，诉求人信息仅信访部门可见').waitFor();
    await expect(page.getByText('对承办单位隐藏').count()).resolves.toBe(0);
    await expect(page.locator('dt:text-is("联系电话")').count()).resolves.toBe(0);
    // registered here, not imported: no old number
    await expect(page.locator('dt:text-is("原系统编号")').count()).resolves.toBe(0);
    await expectAccessible(page, 'accusation for a county leader');
    await page.context().close();
  });
});

let n = 0;
/** A new phone case about 东山镇, waiting to be routed; answers its CaseDetail. */
const newCase = (title = '幸福路井盖缺失') =>
  call('POST', '/cases', {
    kind: 'petition',
    channel: 'phone',
    purpose: 'help',
    townshipUnitId: townA,
    title: `${title}（${++n}）`,
    content: `幸福路口的井盖丢了好几天，晚上行人容易踩空，请尽快补上。第 ${n} 次来电。`,
    petitioner: { name: `周建国${n}`, phone: `139${String(10_000_000 + n * 7919).slice(0, 8)}` },
  });

/** A case routed to 东山镇 and moved by it through `moves`; answers the assignment as it stands. */
async function routed(moves: string[] = []) {
  const c = await newCase();
  const r = await call('POST', `/cases/${c.case.id}/route`, {
    version: c.case.version,
    units: [{ unitId: townA, role: 'lead' }],
  });
  let a = r.assignments[0];
  for (const [who, m, body] of moves.map((x) => x.split(':')) as [string, string, string?][]) {
    const cookie = who === 'leader' ? leader : handler;
    a = await call(
      'POST',
      `/assignments/${a.id}/${m}`,
      { version: a.version, ...(body ? { body } : {}) },
      cookie,
    );
  }
  return { caseId: c.case.id as string, number: c.case.number as string, a };
}

/** What has the keyboard: the element's tag, role, and its name or text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    const status = e?.matches('[role=status]') ? e : e?.querySelector('[role=status]');
    return {
      tag: e?.tagName ?? '',
      status: status ? (status.textContent ?? '').trim() : null,
      text: (e?.getAttribute('aria-label') || e?.textContent || '').trim(),
    };
  });

/** Presses the page's button by the keyboard, as a keyboard user opens a dialog. */
const press = (page: Page, name: string) =>
  page.getByRole('button', { name, exact: true }).first().press('Enter');

/** The message of what was done has the keyboard. */
const onMessage = async (page: Page, done: string | RegExp) => {
  await page.getByRole('status').filter({ hasText: done }).waitFor();
  await expect.poll(async () => (await focused(page)).status).toMatch(done);
};

describe('a move’s message on the case page', () => {
  it('comes with the case read again: under 东山镇：已签收 there is no 签收 left to press with the old version', async () => {
    const { a } = await routed();
    const page = await login('handlerA');
    await page.goto(`${e2e.baseUrl}/console/assignments/${a.id}`);
    const sign = page.getByRole('button', { name: '签收', exact: true });
    await sign.waitFor();
    // the page's reading of the case after the move is held until the test lets it go
    const release = await holdRequests(page, `**/api/t/${SLUG}/assignments/${a.id}`, 'GET');
    const reread = page.waitForRequest(
      (r) => r.method() === 'GET' && new URL(r.url()).pathname.endsWith(`/assignments/${a.id}`),
    );
    await sign.click();
    await reread;
    // signed on the server, not yet on the page: no message says it is
    expect(await page.getByRole('status').filter({ hasText: '已签收' }).count()).toBe(0);
    release();
    await page.getByRole('status').filter({ hasText: '东山镇：已签收' }).waitFor();
    // read once, on purpose: the message and the state it describes come together
    expect(await sign.count()).toBe(0);
    expect(await page.getByRole('button', { name: '受理', exact: true }).count()).toBe(1);
    await page.context().close();
  });
});

describe('focus after a dialog on the case page', () => {
  it('转送: the button stays (co-handlers may still be added) and has the keyboard again; opened on registering, the message has it', async () => {
    const c = await newCase();
    const page = await login('dispatcher');
    await openCase(page, c.case.id);
    await press(page, '转送/交办');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: /东山镇/ }).check();
    await dialog.getByRole('button', { name: '确认转送' }).press('Enter');
    await page.getByRole('status').filter({ hasText: '已转送：东山镇（主办）' }).waitFor();
    // the message comes with the case read again; the dialog closes just after it
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused(page)).text).toBe('转送/交办');

    // just registered, the page opens the dialog itself: no button opened it
    const fresh = await newCase();
    await page.goto(`${e2e.baseUrl}/console/cases/${fresh.case.id}?registered=1`);
    await dialog.getByRole('checkbox', { name: /东山镇/ }).check();
    await dialog.getByRole('button', { name: '确认转送' }).press('Enter');
    await onMessage(page, '已转送：东山镇（主办）');
    await page.context().close();
  });

  it('平台自办 and 合并: to the message', async () => {
    const own = await newCase('咨询低保申请条件');
    const page = await login('dispatcher');
    await openCase(page, own.case.id);
    await press(page, '平台自办');
    await page
      .getByRole('dialog')
      .getByLabel(/答复内容/)
      .fill('低保申请条件请见县民政局公告，可到镇便民服务中心办理。');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('dialog').getByRole('button', { name: '答复' }).press('Enter');
    await onMessage(page, '已平台自办并答复');

    const first = await newCase('东山中学门口积水');
    const dup = await newCase('东山中学门口积水');
    await openCase(page, dup.case.id);
    await press(page, '合并重复件');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('关键词').fill(first.case.number);
    await dialog.getByLabel('关键词').press('Enter');
    await dialog.getByRole('radio', { name: new RegExp(first.case.number) }).check();
    page.once('dialog', (d) => void d.accept());
    await dialog.getByRole('button', { name: '并入所选案件' }).press('Enter');
    await onMessage(page, `已并入 ${first.case.number}`);
    await page.context().close();
  });

  it('督办 twice: the button that opened the dialog is still there and has the keyboard again', async () => {
    const { caseId } = await routed(['handler:sign']);
    const page = await login('dispatcher');
    await openCase(page, caseId);
    await press(page, '督办');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/督办意见/).fill('请于本周内处理完毕。');
    await dialog.getByRole('button', { name: '督办' }).press('Enter');
    await page.getByRole('status').filter({ hasText: '督办' }).waitFor();
    // the message comes with the case read again; the dialog closes just after it
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused(page)).text).toBe('督办');
    await page.context().close();
  });

  it('办结 and 登记复查申请: to the message', async () => {
    const { caseId } = await routed([
      'handler:sign',
      'handler:accept',
      'handler:reply:已更换灯具，路灯恢复照明。',
      'handler:submit-reply',
      'leader:approve-reply',
      'handler:send-reply',
    ]);
    const page = await login('dispatcher');
    await openCase(page, caseId);
    page.once('dialog', (d) => void d.accept());
    await press(page, '办结');
    await onMessage(page, /东山镇：已办结/);

    await press(page, '登记复查申请');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('申请方式').selectOption({ label: '来信' });
    await dialog.getByLabel(/申请理由/).fill('路灯又坏了，对答复不服，申请复查。');
    page.once('dialog', (d) => void d.accept());
    await dialog.getByRole('button', { name: '登记', exact: true }).press('Enter');
    await onMessage(page, '已登记复查申请');
    await page.context().close();
  });
});

describe('the dispatcher’s home', () => {
  it('shows the county settings’ warnings in the same words, with no way into the admin pages', async () => {
    // the server's own (next year's national schedule not entered yet) when it has one; in a year
    // the built-in data already knows both years, one put into its answer
    const { warnings } = await call('GET', '/settings');
    const words: string[] = warnings.length ? warnings : ['2099年全国节假日安排尚未录入（测试）'];
    const page = await login('dispatcher');
    if (!warnings.length)
      await page.route('**/api/t/*/settings', async (route) => {
        const res = await route.fetch();
        await route.fulfill({ response: res, json: { ...(await res.json()), warnings: words } });
      });
    await page.goto(`${e2e.baseUrl}/console/`);
    await page.getByRole('link', { name: /新件待分派/ }).waitFor();
    for (const w of words) await page.getByRole('alert').filter({ hasText: w }).waitFor();
    expect(await page.getByRole('link', { name: '查看本县节假日安排' }).count()).toBe(0);
    await page.context().close();
  });
});
