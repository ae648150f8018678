// The staff console in a real browser: a phone call registered and routed to two units, signed,
// accepted and answered by the lead unit with its 答复意见书 and 送达回证 attached, approved by its
// leader, closed by the bureau; a handler of another unit cannot open it; a letter registered with
// its scan; a repeat call suggested and confirmed in the workbench; the dashboard's breakdown;
// axe-core finds nothing serious on any page on the way.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { localDay, missingScheduleYears } from '../../workers/domain/calendar';
import { runSweepAllTenants } from '../../workers/services/workflow/sweep';
import { consoleLogin, type E2E, expectAccessible, ROOT, startE2E } from './harness';

const PASSWORD = 'Test#2026pass';
const SLUG = 'e2e-console';

/** A tiny API client for setting up the county (cookie kept by hand). */
class Api {
  cookie = '';
  constructor(private base: string) {}
  async req<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    const m = set && /ms_session=([^;]*)/.exec(set);
    if (m) this.cookie = `ms_session=${m[1]}`;
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return data as T;
  }
  async login(login: string, password = PASSWORD) {
    await this.req('POST', '/api/auth/login', { login, password });
    return this;
  }
}

interface County {
  units: Record<'bureau' | 'townA' | 'townB' | 'deptA', string>;
  categoryId: string;
}

async function makeCounty(e2e: E2E): Promise<County> {
  const root = await new Api(e2e.baseUrl).login(ROOT.login, ROOT.password);
  const tenant = await root.req('POST', '/api/admin/tenants', { slug: SLUG, name: '测试县' });
  await root.req('POST', `/api/t/${SLUG}/users`, {
    login: `${SLUG}.admin`,
    password: PASSWORD,
    name: '管理员',
    role: 'tenant_admin',
    mustChangePassword: false,
  });
  const admin = await new Api(e2e.baseUrl).login(`${SLUG}.admin`);
  const unit = async (name: string, kind: string) =>
    (await admin.req('POST', `/api/t/${SLUG}/units`, { name, kind })).id as string;
  const units = {
    bureau: tenant.bureauUnitId as string,
    townA: await unit('东山镇', 'township'),
    townB: await unit('西水乡', 'township'),
    deptA: await unit('县住建局', 'department'),
  };
  const user = (login: string, name: string, role: string, unitId?: string) =>
    admin.req('POST', `/api/t/${SLUG}/users`, {
      login: `${SLUG}.${login}`,
      password: PASSWORD,
      name,
      role,
      unitId,
      mustChangePassword: false,
    });
  await user('dispatcher', '林晓岚', 'dispatcher', units.bureau);
  await user('handlerA', '王春和', 'handler', units.townA);
  await user('leaderA', '赵安平', 'unit_leader', units.townA);
  await user('handlerDept', '吴清泉', 'handler', units.deptA);
  await user('leaderDept', '郑德华', 'unit_leader', units.deptA);
  await user('handlerB', '孙雨桐', 'handler', units.townB);
  await user('county', '冯致远', 'county_leader');
  const cat = await admin.req('POST', `/api/t/${SLUG}/categories`, {
    name: '城乡建设',
    routeUnitIds: [units.deptA],
    routeToTownship: true,
  });
  await admin.req('POST', `/api/t/${SLUG}/reply-templates`, {
    name: '物业纠纷答复',
    body: '您好！您反映的“{标题}”问题，经{单位}调查核实，现答复如下：',
  });
  return { units, categoryId: cat.id };
}

const login = (e2e: E2E, who: string): Promise<Page> => consoleLogin(e2e, `${SLUG}.${who}`, PASSWORD);

// Files made here, as a scanner would hand them over: the server reads the type from the bytes.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89,
]);

/** Clicks a download link and answers the file's name and bytes as the browser saved them. */
async function download(page: Page, name: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name, exact: true }).first().click(),
  ]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

describe('staff console', () => {
  let e2e: E2E;
  let county: County;
  let caseUrl = '';
  let caseId = '';

  beforeAll(async () => {
    e2e = await startE2E();
    county = await makeCounty(e2e);
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('a dispatcher registers a phone call from the keyboard and routes it to a township (lead) and a department (co)', async () => {
    const login0 = await e2e.newPage();
    await login0.goto(`${e2e.baseUrl}/console/`);
    await login0.getByLabel('登录名').waitFor();
    await expectAccessible(login0, 'login');
    await login0.getByLabel('登录名').fill(`${SLUG}.dispatcher`);
    await login0.getByLabel('密码').fill('wrong-password');
    await login0.getByRole('button', { name: '登录' }).click();
    await login0.getByRole('alert').waitFor();
    await login0.close();

    const page = await login(e2e, 'dispatcher');
    await page.getByRole('heading', { name: '林晓岚，您好' }).waitFor();
    await expectAccessible(page, 'dispatcher home');

    await page.getByRole('link', { name: '工作台', exact: true }).click();
    await page.getByRole('tab', { name: /新件待分派/ }).waitFor();
    await expectAccessible(page, 'workbench');

    // Alt+N opens registration; the name field has focus; Tab through, Ctrl+Enter saves.
    await page.keyboard.press('Alt+N');
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    await expectAccessible(page, 'register');
    await page.keyboard.type('张桂芳');
    await page.keyboard.press('Tab');
    await page.keyboard.type('13812348000');
    // the pickers take part of a name and Enter
    await page.getByRole('combobox', { name: '所在乡镇（街道）' }).fill('东山');
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: '内容分类' }).fill('城乡');
    await page.keyboard.press('Enter');
    await page
      .getByLabel('诉求内容')
      .fill('小区物业长期不清运垃圾，楼道堆满杂物，多次反映无果，请求督促物业整改。');
    await page.keyboard.press('Control+Enter');

    // The case page opens with the routing dialog; the category's suggestions are pre-selected.
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: /转送\/交办/ }).waitFor();
    await expectAccessible(page, 'route dialog');
    await expect(dialog.getByRole('checkbox', { name: /东山镇/ }).isChecked()).resolves.toBe(true);
    await expect(dialog.getByRole('checkbox', { name: /县住建局/ }).isChecked()).resolves.toBe(true);
    await expect(dialog.getByRole('radio', { name: '东山镇 主办' }).isChecked()).resolves.toBe(true);
    await expect(dialog.getByRole('radio', { name: '县住建局 主办' }).isChecked()).resolves.toBe(false);
    await dialog.getByLabel('交办意见（可选）').fill('请属地牵头，住建局配合，15 日内答复。');
    await dialog.getByRole('button', { name: '确认转送' }).click();
    await page.getByText(/已转送：东山镇（主办）、县住建局（协办）/).waitFor();

    caseUrl = page.url();
    caseId = caseUrl.split('/cases/')[1]!.split('?')[0]!;

    // The registration slip: the caller's query code and secret, shown once, printable, and
    // good on the portal for following the case
    const slip = page.getByRole('region', { name: '登记回执' });
    const queryCode = (await slip.locator('dd').nth(0).textContent())!.trim();
    const secret = (await slip.locator('dd').nth(1).textContent())!.trim();
    expect(queryCode).toMatch(/^\w{6,}$/);
    const [sheet] = await Promise.all([
      page.waitForEvent('popup'),
      slip.getByRole('button', { name: '打印登记回执' }).click(),
    ]);
    await sheet.getByRole('heading', { name: '信访事项登记回执' }).waitFor();
    const printed = (await sheet.locator('body').textContent()) ?? '';
    expect(printed).toContain(queryCode);
    expect(printed).toContain(secret);
    expect(printed).toContain('张桂芳：');
    await sheet.close();
    const tracked = await new Api(e2e.baseUrl).req('POST', `/api/t/${SLUG}/portal/track`, {
      queryCode,
      secret,
    });
    expect(JSON.stringify(tracked)).toContain('小区物业长期不清运垃圾');
    // once: the case page opened again no longer shows the secret
    await page.reload();
    await page.getByRole('heading', { name: '承办单位' }).waitFor();
    expect(await page.getByRole('region', { name: '登记回执' }).count()).toBe(0);
    await expect.poll(async () => page.getByTestId('state-东山镇').textContent()).toContain('待签收');
    await expect.poll(async () => page.getByTestId('state-县住建局').textContent()).toContain('待签收');
    // the phone is masked on the case page
    await page.getByText('138****8000').first().waitFor();
    await expectAccessible(page, 'case page (dispatcher)');
    await page.context().close();
  });

  it('the lead unit handler signs, accepts and drafts a reply from a template, then submits it for review', async () => {
    const page = await login(e2e, 'handlerA');
    await page.getByRole('link', { name: '待办件' }).click();
    const row = page.getByRole('row', { name: /小区物业长期不清运垃圾/ });
    await row.waitFor();
    await expectAccessible(page, 'inbox');
    await row.getByRole('button', { name: /签收/ }).click();
    await page.getByText(/已签收：/).waitFor();

    await page
      .getByRole('link', { name: /小区物业长期不清运垃圾/ })
      .first()
      .click();
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.getByText('东山镇：已受理').waitFor();

    // An empty reply is refused with a clear message, before anything reaches the server.
    await page.getByRole('button', { name: '提交领导审核' }).click();
    await page.getByText('答复内容不能为空，请填写答复意见。').waitFor();

    await page.getByLabel('答复模板').selectOption({ label: '物业纠纷答复' });
    await page.getByRole('button', { name: '套用模板' }).click();
    const editor = page.getByRole('textbox', { name: '答复意见', exact: true });
    await expect(editor.inputValue()).resolves.toContain('经东山镇调查核实');
    await editor.press('End');
    await editor.pressSequentially('已责令物业公司三日内清运完毕，并建立每日巡查制度。');

    // The 答复意见书 (PDF) and the 送达回证 scan (PNG) go with the reply; a file chosen by mistake
    // is taken off again before saving, and one that is no PDF at all is refused by its bytes.
    const files = page.getByLabel('附件（答复意见书、送达回证扫描件）');
    await files.setInputFiles([
      { name: '答复意见书.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: '送达回证.png', mimeType: 'image/png', buffer: PNG },
      { name: '错选的照片.png', mimeType: 'image/png', buffer: PNG },
      { name: '举报人身份证.png', mimeType: 'image/png', buffer: PNG },
    ]);
    const waiting = page.getByRole('list', { name: '待提交的附件' });
    // the files are uploaded one after another, each listed when the server has it
    await expect.poll(() => waiting.getByRole('listitem').count()).toBe(4);
    await waiting.getByRole('button', { name: '移除 错选的照片.png' }).click();
    await expect.poll(() => waiting.getByRole('listitem').count()).toBe(3);
    await files.setInputFiles({
      name: '伪装.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf'),
    });
    await page.getByText(/伪装\.pdf：只能上传 JPG、PNG、WebP 图片或 PDF 文件/).waitFor();
    await expect(waiting.getByRole('listitem').count()).resolves.toBe(3);
    await expectAccessible(page, 'case page (handler)');
    // Saved with the draft, a file still comes off while the reply is a draft: from the keyboard,
    // after a confirmation.
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('答复草稿及附件已保存').waitFor();
    const saved = page.getByRole('list', { name: '已随答复保存的附件' });
    await expect.poll(() => saved.getByRole('listitem').count()).toBe(3);
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await saved.getByRole('button', { name: '移除 举报人身份证.png' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('已从答复中移除附件：举报人身份证.png').waitFor();
    expect(asked).toContain('举报人身份证.png');
    await expect.poll(() => saved.getByRole('listitem').count()).toBe(2);
    await expectAccessible(page, 'case page with saved reply files');
    await page.getByRole('button', { name: '提交领导审核' }).click();
    await page.getByText('答复已提交单位领导审核').waitFor();

    // Saved with the draft: listed with the reply and on the case, each a link that downloads.
    await page.getByRole('heading', { name: '答复附件：东山镇' }).waitFor();
    const onCase = page.getByRole('list', { name: '答复附件 东山镇' });
    await expect(onCase.getByRole('link').allTextContents()).resolves.toEqual([
      '答复意见书.pdf',
      '送达回证.png',
    ]);
    await expect(page.getByText('错选的照片.png').count()).resolves.toBe(0);
    await expect(page.getByText('举报人身份证.png').count()).resolves.toBe(0);
    // under review the files are the leader's to read, not the handler's to take off
    await expect(page.getByRole('button', { name: /^移除 / }).count()).resolves.toBe(0);
    const pdf = await download(page, '答复意见书.pdf');
    expect(pdf.name).toBe('答复意见书.pdf');
    expect(pdf.bytes.equals(PDF)).toBe(true);
    const png = await download(page, '送达回证.png');
    expect(png.bytes.equals(PNG)).toBe(true);
    await expectAccessible(page, 'case page with reply files');
    await page.context().close();
  });

  it('the unit leader approves the reply from the review queue and sends it', async () => {
    const page = await login(e2e, 'leaderA');
    // the home page counts what waits for the leader (counted by the server, not a page of rows)
    await expect.poll(() => page.getByRole('link', { name: /待我审核/ }).textContent()).toBe('1待我审核');
    // the review queue is asked of the server, not filtered from a page of accepted cases
    const asked = page.waitForRequest((r) => /\/assignments\?.*replyStatus=pending_review/.test(r.url()));
    await page.getByRole('link', { name: '待办件' }).click();
    await asked;
    await page.getByRole('tab', { name: '待领导审核', selected: true }).waitFor();
    await expect.poll(() => page.getByRole('tab', { name: '待领导审核' }).textContent()).toBe('待领导审核1');
    const link = page.getByRole('link', { name: /小区物业长期不清运垃圾/ }).first();
    await link.waitFor();
    await expectAccessible(page, 'review queue');
    await link.click();
    await page.getByText('已责令物业公司三日内清运完毕').waitFor();
    // the leader reads the attached 答复意见书 before approving
    const pdf = await download(page, '答复意见书.pdf');
    expect(pdf.bytes.equals(PDF)).toBe(true);
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByText('答复已审核通过').waitFor();
    // sending cannot be taken back: the clerk is asked first, and declining sends nothing
    let sendAsked = '';
    page.once('dialog', (d) => {
      sendAsked = d.message();
      void d.dismiss();
    });
    await page.getByRole('button', { name: '答复群众' }).click();
    await expect.poll(() => sendAsked).toContain('发送后不能撤回');
    await expect(page.getByTestId('state-东山镇').textContent()).resolves.not.toContain('已答复');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '答复群众' }).click();
    await page.getByText('已答复群众').first().waitFor();
    // the notice can show before the case reloads: wait for the row, do not read it once
    await expect.poll(async () => page.getByTestId('state-东山镇').textContent()).toContain('已答复');
    await page.context().close();
  });

  it('after the co-handling department answers too, the dispatcher closes both and sees the case closed', async () => {
    // The department's part, through the API: it is the same moves the console makes.
    const dept = await new Api(e2e.baseUrl).login(`${SLUG}.handlerDept`);
    const deptLeader = await new Api(e2e.baseUrl).login(`${SLUG}.leaderDept`);
    const mine = (await dept.req('GET', `/api/t/${SLUG}/assignments?state=dispatched`)).items[0];
    const base = `/api/t/${SLUG}/assignments/${mine.id}`;
    let a = await dept.req('POST', `${base}/sign`, { version: mine.version });
    a = await dept.req('POST', `${base}/accept`, { version: a.version });
    a = await dept.req('POST', `${base}/reply`, {
      version: a.version,
      body: '住建局已约谈物业公司，督促其落实清运责任。',
    });
    a = await dept.req('POST', `${base}/submit-reply`, { version: a.version });
    a = await deptLeader.req('POST', `${base}/approve-reply`, { version: a.version });
    await dept.req('POST', `${base}/send-reply`, { version: a.version });

    const page = await login(e2e, 'dispatcher');
    await page.goto(caseUrl);
    const close = page.getByRole('button', { name: '办结', exact: true });
    await close.first().waitFor();
    // 办结 asks first: only a 重办 (counted as rework) would take it back
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.message());
      void d.accept();
    });
    await close.first().click();
    await page.getByText(/：已办结/).waitFor();
    expect(asked[0]).toContain('只能重办');
    await page.getByRole('button', { name: '办结', exact: true }).first().click();
    await expect.poll(async () => page.getByRole('button', { name: '办结', exact: true }).count()).toBe(0);
    await page.getByRole('heading', { name: /已办结/ }).waitFor();
    await expect.poll(async () => page.getByTestId('state-东山镇').textContent()).toContain('已办结');
    await expect.poll(async () => page.getByTestId('state-县住建局').textContent()).toContain('已办结');
    await expectAccessible(page, 'closed case');
    await page.context().close();
  });

  it('after the call-back ratings, the 不满意待重办 queue lists only the unit rated 不满意 (filtered by the server); 维持答复 takes it off', async () => {
    const bureau = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    const detail = await bureau.req('GET', `/api/t/${SLUG}/cases/${caseId}`);
    const by = (name: string) => detail.assignments.find((a: { unitName: string }) => a.unitName === name);
    for (const [unit, value] of [
      ['东山镇', 'unsatisfied'],
      ['县住建局', 'satisfied'],
    ] as const) {
      const a = by(unit);
      await bureau.req('POST', `/api/t/${SLUG}/assignments/${a.id}/rate`, { version: a.version, value });
    }
    const page = await login(e2e, 'dispatcher');
    const asked = page.waitForRequest((r) => /\/assignments\?.*reworkPending=true/.test(r.url()));
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=unsatisfied`);
    await asked;
    const tab = page.getByRole('tab', { name: /不满意待重办/, selected: true });
    await expect.poll(async () => (await tab.textContent()) ?? '').toMatch(/不满意待重办\s*1$/);
    const panel = page.getByRole('tabpanel', { name: '不满意待重办' });
    const rows = panel.getByRole('row', { name: /小区物业长期不清运垃圾/ });
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('东山镇');
    await expect(rows.first().textContent()).resolves.toContain('不满意');
    await expectAccessible(page, 'unsatisfied queue');

    // The bureau finds the township's answer right and keeps it, with its reasons, on the case page.
    await page.goto(caseUrl);
    await page.getByRole('button', { name: '维持答复', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '维持答复' }).click();
    await dialog.getByText('请写明维持原答复的理由').waitFor();
    await dialog
      .getByLabel('维持答复的理由（经审查原答复正确，不予重办）')
      .fill('经审查，东山镇已督促物业清运，答复属实，维持原答复。');
    await expectAccessible(page, 'keep answer dialog');
    await dialog.getByRole('button', { name: '维持答复' }).click();
    await page.getByText('东山镇：已维持原答复').waitFor();
    await page.getByText(/不予重办：经审查，东山镇已督促物业清运/).waitFor();
    expect(await page.getByRole('button', { name: '维持答复', exact: true }).count()).toBe(0);
    // the unit's row says the answer was kept, so nobody reads 已评价 as still waiting
    await expect.poll(() => page.getByTestId('state-东山镇').textContent()).toContain('不满意，已维持答复');
    // the papers for the file and for the citizen by post: the reply as an A4 答复意见书
    const [sheet] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('link', { name: '打印东山镇的答复意见书' }).click(),
    ]);
    await sheet.getByRole('heading', { name: '信访事项答复意见书' }).waitFor();
    expect(await sheet.locator('body').textContent()).toContain('30 日内请求复查');
    await expectAccessible(sheet, 'reply paper');
    await sheet.close();
    await expect.poll(async () => (await bureau.req('GET', `/api/t/${SLUG}/queues`)).unsatisfied).toBe(0);
    await page.context().close();
  });

  it('on a phone the inbox is a card per case, title first, and nothing runs off the screen', async () => {
    const bureau = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    const created = await bureau.req('POST', `/api/t/${SLUG}/cases`, {
      kind: 'petition',
      channel: 'visit',
      purpose: 'suggestion',
      title: '建议在东山镇卫生院增设夜间门诊',
      content: '东山镇卫生院晚上没有门诊，群众夜间看病要跑到县城，建议增设夜间门诊。',
      petitioner: { name: '孙晓梅', phone: '13900002222' },
    });
    await bureau.req('POST', `/api/t/${SLUG}/cases/${created.case.id}/route`, {
      version: created.case.version,
      units: [{ unitId: county.units.townA, role: 'lead' }],
    });
    const page = await login(e2e, 'handlerA');
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${e2e.baseUrl}/console/inbox?tab=sign`);
    const row = page.getByRole('row').filter({ hasText: '建议在东山镇卫生院增设夜间门诊' }).first();
    await row.waitFor();
    // the title is the card's first line; each other cell says which column it is
    const [first, second] = await row.getByRole('cell').evaluateAll((cells) =>
      cells
        .filter((c) => getComputedStyle(c).display !== 'none')
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map((c) => [c.textContent ?? '', getComputedStyle(c, '::before').content]),
    );
    expect(first![0]).toContain('建议在东山镇卫生院增设夜间门诊');
    expect(second![1]).toMatch(/：/);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    await expectAccessible(page, 'inbox on a phone');
    await page.context().close();
  });

  it('a handler of another unit cannot open the case, by case or by assignment address', async () => {
    const page = await login(e2e, 'handlerB');
    await page.goto(`${e2e.baseUrl}/console/cases/${caseId}`);
    await page.getByRole('heading', { name: '无法打开该件' }).waitFor();
    await page.getByText('未找到该记录，或您无权查看。').waitFor();
    const bureau = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    const assignmentId = (await bureau.req('GET', `/api/t/${SLUG}/cases/${caseId}`)).assignments[0].id;
    await page.goto(`${e2e.baseUrl}/console/assignments/${assignmentId}`);
    await page.getByRole('heading', { name: '无法打开该件' }).waitFor();
    await expect(page.getByText('小区物业长期不清运垃圾').count()).resolves.toBe(0);
    await expectAccessible(page, 'not found');
    await page.context().close();
  });

  it('a stale page: the handler clicks 签收 after the leader already signed, and the page says what changed', async () => {
    const bureau = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    const created = await bureau.req('POST', `/api/t/${SLUG}/cases`, {
      kind: 'petition',
      channel: 'letter',
      purpose: 'help',
      title: '村道路灯损坏',
      content: '村口路灯损坏两个月，夜间出行不便。',
      petitioner: { name: '钱多多', phone: '13900001111' },
    });
    const routed = await bureau.req('POST', `/api/t/${SLUG}/cases/${created.case.id}/route`, {
      version: created.case.version,
      units: [{ unitId: county.units.townA, role: 'lead' }],
    });
    const assignment = routed.assignments[0];

    const page = await login(e2e, 'handlerA');
    await page.goto(`${e2e.baseUrl}/console/assignments/${assignment.id}`);
    await page.getByRole('button', { name: '签收', exact: true }).waitFor();
    // Meanwhile the unit leader signs it.
    const leader = await new Api(e2e.baseUrl).login(`${SLUG}.leaderA`);
    await leader.req('POST', `/api/t/${SLUG}/assignments/${assignment.id}/sign`, {
      version: assignment.version,
    });

    await page.getByRole('button', { name: '签收', exact: true }).click();
    await page.getByText('该件已被他人处理，页面已刷新为最新情况。').first().waitFor();
    await page.getByText('东山镇：状态由“待签收”变为“已签收”').waitFor();
    await page.getByText(/赵安平 东山镇签收/).waitFor();
    // Only what is possible now is offered, and nothing was applied twice.
    await page.getByRole('button', { name: '受理', exact: true }).waitFor();
    await expect(page.getByRole('button', { name: '签收', exact: true }).count()).resolves.toBe(0);
    const detail = await bureau.req('GET', `/api/t/${SLUG}/cases/${created.case.id}`);
    expect(detail.timeline.filter((e: { type: string }) => e.type === 'assignment.signed')).toHaveLength(1);
    await expectAccessible(page, 'stale page');
    await page.context().close();
  });

  it('a county leader reads the dashboard, rankings and bulletin pages; an endpoint that answers 404 gets a clear message', async () => {
    const page = await login(e2e, 'county');
    for (const [path, heading] of [
      ['/dashboard', /统计分析/],
      ['/rankings', /考核排名/],
      ['/bulletins', /工作通报/],
    ] as const) {
      await page.goto(`${e2e.baseUrl}/console${path}`);
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const text = (await page.locator('main').textContent()) ?? '';
      // Either real figures or the plain Chinese message: never a blank page or a raw error.
      expect(text.includes('尚未开通') || /受理件数|排名|通报/.test(text)).toBe(true);
      expect(text).not.toMatch(/页面出错|NOT_FOUND|undefined/);
      await expectAccessible(page, path);
    }
    // The dashboard's hot spots and lights come from /stats/breakdown, counted, not estimated.
    const county = await new Api(e2e.baseUrl).login(`${SLUG}.county`);
    const month = new Date().toISOString().slice(0, 7);
    const [y, m] = month.split('-').map(Number) as [number, number];
    const to = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
    const b = await county.req('GET', `/api/t/${SLUG}/stats/breakdown?from=${month}-01&to=${to}`);
    expect(b.byChannel.find((r: { channel: string }) => r.channel === 'phone')?.count).toBeGreaterThanOrEqual(
      2,
    );
    // the cases were made this month; the dashboard opens on the last complete one unless told.
    // It asks for the month as a month (环比 against the month before), not as its days.
    const asked = page.waitForRequest(/\/stats\/compare\?/);
    await page.goto(`${e2e.baseUrl}/console/dashboard?month=${month}`);
    const compareUrl = new URL((await asked).url());
    expect(Object.fromEntries(compareUrl.searchParams)).toEqual({ month });
    const prevMonth = new Date(Date.UTC(y, m - 2, 1));
    await page
      .getByRole('columnheader', {
        name: `环比（${prevMonth.getUTCFullYear()}年${prevMonth.getUTCMonth() + 1}月）`,
      })
      .waitFor();
    const channels = page.getByRole('figure', { name: '按来源渠道的受理件数' });
    await channels.waitFor();
    for (const r of b.byChannel as { channel: string; count: number }[]) {
      const label = { phone: '电话/12345', letter: '来信', visit: '来访' }[r.channel] ?? r.channel;
      await expect(
        channels.locator('.hbar', { hasText: label }).locator('.hbar-value').textContent(),
      ).resolves.toBe(String(r.count));
    }
    const hot = page.getByRole('figure', { name: '按内容分类（一级）的受理件数' });
    await hot.getByText('城乡建设').waitFor();
    const built = b.byCategory.find((r: { name: string }) => r.name === '城乡建设');
    await expect(
      hot.locator('.hbar', { hasText: '城乡建设' }).locator('.hbar-value').textContent(),
    ).resolves.toBe(String(built.count));
    const lights = page.getByRole('table', { name: '各单位当前亮灯件数' });
    for (const u of b.lightsByUnit as {
      unitName: string;
      red: number;
      redSupervision: number;
      yellow: number;
      green: number;
    }[])
      await expect(lights.getByRole('row', { name: new RegExp(u.unitName) }).textContent()).resolves.toBe(
        `${u.unitName}${u.red}${u.redSupervision}${u.yellow}${u.green}`,
      );
    await page.getByRole('heading', { name: /当前亮灯（按单位） 截至 \d{2}:\d{2}/ }).waitFor();
    const months = page.getByRole('img', { name: /近 12 个月受理件数/ });
    await months.waitFor();
    await expect(months.locator('rect.bar').count()).resolves.toBe(12);
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/估算|前 200 件/);
    await expectAccessible(page, 'dashboard with breakdown');

    // A statistics endpoint that is not there (an older server): the page says so in Chinese.
    await page.route('**/api/t/*/rankings*', (route) =>
      route.fulfill({
        status: 404,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'NOT_FOUND', message: '请求的地址不存在', requestId: 'x', details: [] },
        }),
      }),
    );
    await page.goto(`${e2e.baseUrl}/console/rankings`);
    await page
      .getByText('考核排名：该功能的统计接口尚未开通（服务器返回 404），请稍后再来或联系管理员。')
      .waitFor();
    await expectAccessible(page, 'rankings 404');
    await page.context().close();
  });

  it('a letter is registered with its scan attached, and the case page offers the scan for download', async () => {
    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/register`);
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    await page.getByLabel('来源渠道').selectOption({ label: '来信' });
    await page.getByLabel('姓名').fill('陶建军');
    await page.getByLabel('诉求内容').fill('来信反映村里灌溉水渠年久失修，春耕在即，请求尽快修缮。');
    await page
      .getByLabel('附件（来信扫描件、来访材料）')
      .setInputFiles({ name: '来信扫描件.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('list', { name: '待提交的附件' }).getByText('来信扫描件.pdf').waitFor();
    await expectAccessible(page, 'register with a file');
    await page.keyboard.press('Control+Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: /转送\/交办/ }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('heading', { name: '来件材料' }).waitFor();
    const scan = await download(page, '来信扫描件.pdf');
    expect(scan.name).toBe('来信扫描件.pdf');
    expect(scan.bytes.equals(PDF)).toBe(true);
    await page.context().close();
  });

  it('a second call from the same number about the same matter shows in the repeat queue, and the dispatcher confirms it', async () => {
    const bureau = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    const first = await bureau.req('POST', `/api/t/${SLUG}/cases`, {
      kind: 'petition',
      channel: 'phone',
      purpose: 'claim',
      categoryId: county.categoryId,
      title: '小区电梯长期故障无人维修',
      content: '幸福里小区 3 号楼电梯故障一个多月，物业一直不修，老人上下楼非常困难。',
      petitioner: { name: '周美玲', phone: '13911112222' },
    });

    // The same caller again, registered at the phone desk a week of waiting later.
    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/register`);
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    await page.keyboard.type('周美玲');
    await page.keyboard.press('Tab');
    await page.keyboard.type('139 1111 2222');
    await page.getByRole('combobox', { name: '内容分类' }).fill('城乡建设');
    await page.keyboard.press('Enter');
    await page
      .getByLabel('诉求内容')
      .fill('幸福里小区 3 号楼电梯还是坏的，物业仍然不修，老人上下楼太困难了，再次反映。');
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('dialog')
      .getByRole('heading', { name: /转送\/交办/ })
      .waitFor();
    await page.keyboard.press('Escape');
    const second = page.url().split('/cases/')[1]!.split('?')[0]!;
    const number = (await bureau.req('GET', `/api/t/${SLUG}/cases/${second}`)).case.number as string;

    await page.getByRole('link', { name: '工作台', exact: true }).click();
    const tab = page.getByRole('tab', { name: /重复件提示/ });
    await expect.poll(async () => (await tab.textContent()) ?? '').toMatch(/重复件提示\s*1$/);
    await tab.click();
    const row = page.getByRole('row', { name: new RegExp(number) });
    await row.waitFor();
    // both cases, the score and why
    await row.getByRole('link', { name: first.case.number }).waitFor();
    await row.getByText('小区电梯长期故障无人维修').waitFor();
    await row.getByText('同一联系电话').waitFor();
    await row.getByText('同一内容分类').waitFor();
    await row.getByText(/内容共有：/).waitFor();
    await expectAccessible(page, 'workbench repeat queue');
    await row.getByRole('button', { name: `确认重复：${number}` }).click();
    await page.getByText(`已确认 ${number} 为 ${first.case.number} 的重复件`).waitFor();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(number) }).count()).toBe(0);
    await expect.poll(async () => (await tab.textContent()) ?? '').toMatch(/重复件提示\s*0$/);

    const after = await bureau.req('GET', `/api/t/${SLUG}/cases/${second}`);
    expect(after.case.isRepeat).toBe(true);
    expect(after.case.repeatOfCaseId).toBe(first.case.id);
    expect(after.repeatSuggestions[0].status).toBe('confirmed');
    await page.context().close();
  });

  it('a duplicate merged into an earlier case names that case by its number, and its repeat suggestions leave the queue', async () => {
    const bureau = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    // the same caller three times about the same matter: B repeats A; C repeats A and B
    const call = (channel: string, content: string) =>
      bureau.req('POST', `/api/t/${SLUG}/cases`, {
        kind: 'petition',
        channel,
        purpose: 'claim',
        categoryId: county.categoryId,
        title: '村口排水沟堵塞污水外溢',
        content,
        petitioner: { name: '陶文斌', phone: '13722223333' },
      });
    const a = await call('phone', '村口排水沟堵塞，污水外溢到路面，气味很大，请尽快疏通。');
    const b = await call('letter', '村口排水沟堵塞，污水外溢到路面，气味很大，请尽快疏通。');
    const c = await call('visit', '村口排水沟还是堵塞，污水外溢到路面，气味很大，请尽快疏通。');
    expect(c.repeatSuggestions).toHaveLength(2);
    await bureau.req('POST', `/api/t/${SLUG}/cases/${b.case.id}/merge`, {
      version: b.case.version,
      intoCaseId: a.case.id,
    });

    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/cases/${b.case.id}`);
    const merged = page.getByRole('definition').filter({ hasText: '已并入' });
    await merged.getByRole('link', { name: a.case.number }).waitFor();
    expect((await merged.textContent())?.trim()).toBe(`已并入 ${a.case.number}`);
    // B's suggestions went with it: only C ↔ A waits in the workbench
    await page.getByRole('link', { name: '工作台', exact: true }).click();
    const tab = page.getByRole('tab', { name: /重复件提示/ });
    await expect.poll(async () => (await tab.textContent()) ?? '').toMatch(/重复件提示\s*1$/);
    await tab.click();
    await page.getByRole('row', { name: new RegExp(c.case.number) }).waitFor();
    await expect(page.getByRole('row', { name: new RegExp(b.case.number) }).count()).resolves.toBe(0);
    await page.context().close();
    // leave the queue as the other tests found it
    const left = c.repeatSuggestions.find((x: { earlierCaseId: string }) => x.earlierCaseId === a.case.id);
    await bureau.req('POST', `/api/t/${SLUG}/repeat-suggestions/${left.id}/reject`);
  });

  it("a citizen's 复查 request waits in the workbench; the dispatcher records the opinion on the case page", async () => {
    const bureau = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    const handler = await new Api(e2e.baseUrl).login(`${SLUG}.handlerA`);
    const leader = await new Api(e2e.baseUrl).login(`${SLUG}.leaderA`);
    const reg = await bureau.req('POST', `/api/t/${SLUG}/cases`, {
      kind: 'petition',
      channel: 'letter',
      purpose: 'claim',
      categoryId: county.categoryId,
      townshipUnitId: county.units.townA,
      title: '征地补偿款发放标准不公',
      content: '同村同地类补偿标准不一样，我家每亩少了两千元，请求复核。',
      petitioner: { name: '陈德胜', phone: '13922223333' },
    });
    const id = reg.case.id as string;
    const routed = await bureau.req('POST', `/api/t/${SLUG}/cases/${id}/route`, {
      version: reg.case.version,
      units: [{ unitId: county.units.townA, role: 'lead' }],
    });
    const a = routed.assignments[0];
    let v = (await handler.req('POST', `/api/t/${SLUG}/assignments/${a.id}/sign`, { version: a.version }))
      .version;
    v = (await handler.req('POST', `/api/t/${SLUG}/assignments/${a.id}/accept`, { version: v })).version;
    v = (
      await handler.req('POST', `/api/t/${SLUG}/assignments/${a.id}/reply`, {
        version: v,
        body: '补偿标准符合规定。',
      })
    ).version;
    v = (await handler.req('POST', `/api/t/${SLUG}/assignments/${a.id}/submit-reply`, { version: v }))
      .version;
    v = (await leader.req('POST', `/api/t/${SLUG}/assignments/${a.id}/approve-reply`, { version: v }))
      .version;
    await handler.req('POST', `/api/t/${SLUG}/assignments/${a.id}/send-reply`, { version: v });
    await new Api(e2e.baseUrl).req('POST', `/api/t/${SLUG}/portal/review`, {
      queryCode: reg.queryCode,
      secret: reg.secret,
      kind: 'review',
      reason: '同地不同价，申请复查。',
    });

    const page = await login(e2e, 'dispatcher');
    await page.getByRole('link', { name: '工作台', exact: true }).click();
    const tab = page.getByRole('tab', { name: /复查待答复/ });
    await expect.poll(async () => (await tab.textContent()) ?? '').toMatch(/复查待答复\s*1$/);
    await tab.click();
    await page.getByRole('link', { name: reg.case.number }).click();
    const card = page.getByTestId('review-card');
    await card.getByText('群众申请复查：同地不同价，申请复查。').waitFor();
    await card.getByText('待答复').waitFor();
    await expectAccessible(page, 'case page with a review request');
    await page.getByRole('button', { name: '录入复查意见' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '录入' }).click();
    await dialog.getByText('请选择复查结论').waitFor();
    await dialog.getByLabel('复查结论').selectOption('revised');
    await dialog
      .getByLabel('复查意见（群众可见）')
      .fill('经复查，补偿标准执行有误，责成东山镇按同地同价补发。');
    await expectAccessible(page, 'review answer dialog');
    // the citizen reads it at once and it cannot be corrected: the bureau is asked first
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await dialog.getByRole('button', { name: '录入' }).click();
    await page.getByText('复查意见已录入，群众可在查询页看到').waitFor();
    expect(asked).toContain('撤销或变更原处理意见');
    await card.getByText(/复查意见（撤销或变更原处理意见）：经复查，补偿标准执行有误/).waitFor();
    // the written opinion, to print and send to the citizen
    const paperLink = card.getByRole('link', { name: '打印复查意见书' });
    const href = (await paperLink.getAttribute('href')) ?? '';
    const paper = await page.request.get(`${e2e.baseUrl}${href}`);
    expect(paper.status()).toBe(200);
    expect(await paper.text()).toContain('信访事项复查意见书');
    expect(await page.getByRole('button', { name: '录入复查意见' }).count()).toBe(0);
    const after = await bureau.req('GET', `/api/t/${SLUG}/queues`);
    expect(after.reviewRequests).toBe(0);
    await page.context().close();
  });

  it("the bureau generates the month's bulletin, reads it and publishes it (frozen)", async () => {
    const page = await login(e2e, 'dispatcher');
    const month = new Date().toISOString().slice(0, 7);
    await page.goto(`${e2e.baseUrl}/console/bulletins?month=${month}`);
    await page.getByRole('heading', { name: `工作通报 · ${month}` }).waitFor();
    await page.getByRole('button', { name: `生成 ${month} 通报草稿` }).click();
    await page.getByText(/已生成 .* 工作通报草稿/).waitFor();
    await page.getByText('草稿：发布前会随办理情况变化，可重新生成。', { exact: false }).waitFor();
    await expectAccessible(page, 'bulletin draft');
    // the exports download from the console (they asked addresses the server never had)
    for (const [button, ext] of [
      ['导出 Excel', 'xlsx'],
      ['导出 CSV', 'csv'],
    ] as const) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      expect((await download).suggestedFilename()).toMatch(new RegExp(`信访工作通报\\.${ext}$`));
    }
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: '发布通报' }).click();
    await page.getByText(/已发布（/).waitFor();
    await expect(page.getByRole('button', { name: '发布通报' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it("a unit's leader reads the published bulletin and the unit's own figures, not the rankings", async () => {
    const page = await login(e2e, 'leaderA');
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.getByRole('link', { name: '工作通报' }).waitFor();
    await expect(nav.getByRole('link', { name: '统计分析' }).count()).resolves.toBe(1);
    await expect(nav.getByRole('link', { name: '考核排名' }).count()).resolves.toBe(0);
    const month = new Date().toISOString().slice(0, 7);
    await page.goto(`${e2e.baseUrl}/console/bulletins?month=${month}`);
    await page.getByText(/已发布（/).waitFor();
    await page.getByRole('heading', { name: /测试县.*信访工作通报/ }).waitFor();
    // the public version: no internal table, and no button of the bureau's
    await expect(page.getByText('重复信访人员情况').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /生成 .* 通报草稿/ }).count()).resolves.toBe(0);
    await expectAccessible(page, 'bulletin as a unit');
    await page.goto(`${e2e.baseUrl}/console/dashboard?month=${month}`);
    await page.getByRole('heading', { name: '本单位指标' }).waitFor();
    const rows = page
      .locator('.card', { has: page.getByRole('heading', { name: '本单位指标' }) })
      .locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('东山镇');
    await expectAccessible(page, 'dashboard as a unit');
    await page.context().close();
  });

  it("the county leader's home says what its red lights include and when they were read", async () => {
    const page = await login(e2e, 'county');
    const red = page.locator('a.stat', { hasText: '当前逾期（红灯）' });
    await red.getByText(/截至 \d{2}:\d{2}/).waitFor();
    await page.getByText('红灯含超过督办期限的件').waitFor();
    await page.context().close();
  });

  it('the bureau records a 通报扣分 on the rankings page and revokes it with a reason', async () => {
    const page = await login(e2e, 'dispatcher');
    const month = new Date().toISOString().slice(0, 7);
    await page.goto(`${e2e.baseUrl}/console/rankings?month=${month}`);
    const card = page.locator('.card', { has: page.getByRole('heading', { name: `通报扣分（${month}）` }) });
    await card.waitFor();
    await card.getByLabel('单位').selectOption({ label: '西水乡' });
    await card.getByLabel('级别').selectOption({ label: '市级通报' });
    await card.getByLabel('通报事由').fill('一件逾期未答复（误录）');
    await card.getByRole('button', { name: '记录' }).click();
    await card.getByText('已记录：西水乡 市级通报').waitFor();
    await card.getByRole('button', { name: '撤销 西水乡 的这条扣分' }).click();
    await expectAccessible(page, 'deduction revoke form');
    await card.getByRole('button', { name: '确认撤销' }).click();
    await card.getByText('请填写撤销原因').waitFor();
    await card.getByLabel('撤销原因').fill('单位录错，应为东山镇');
    await card.getByRole('button', { name: '确认撤销' }).click();
    await card.getByText('已撤销该扣分，不再计入考核').waitFor();
    await card.getByText('（已撤销：单位录错，应为东山镇）').waitFor();
    expect(await card.getByRole('button', { name: '撤销 西水乡 的这条扣分' }).count()).toBe(0);
    await page.context().close();
  });

  it('the bureau enters 制度落实得分 for a township on the rankings page; out of range is refused before sending', async () => {
    const page = await login(e2e, 'dispatcher');
    const month = new Date().toISOString().slice(0, 7);
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/procedure-scores')) puts.push(r.url());
    });
    await page.goto(`${e2e.baseUrl}/console/rankings?month=${month}`);
    const card = page.locator('.card', {
      has: page.getByRole('heading', { name: `制度落实得分（${month}）` }),
    });
    const score = card.getByLabel('东山镇 制度落实得分');
    await score.waitFor();
    expect(await score.getAttribute('placeholder')).toBe('10（未录入按满分）');
    await expectAccessible(page, 'procedure score sheet');

    await score.fill('12');
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByText('东山镇：得分应在 0 到 10 之间').waitFor();
    expect(puts).toEqual([]);

    await score.fill('7.5');
    await card.getByLabel('东山镇 说明').fill('本月联席会议缺席一次');
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByText('已保存制度落实得分').waitFor();
    expect(puts).toHaveLength(1);

    // The ranking counts it at once: in the 制度落实 column if 东山镇 is ranked this month, or
    // (no cases this month) it stays among the 零诉求 units, which are not scored.
    const towns = page.locator('.card', { has: page.getByRole('heading', { name: /^乡镇（街道）/ }) });
    await towns.waitFor();
    const ranked = towns.getByRole('row', { name: /东山镇/ });
    if (await ranked.count()) {
      const col = (await towns.locator('thead th').allTextContents()).indexOf('制度落实得分（10分）');
      expect(col).toBeGreaterThan(0);
      await expect.poll(() => ranked.locator('td').nth(col).textContent()).toBe('7.50');
    } else {
      await towns.getByText(/零诉求单位（不参与排名）：.*东山镇/).waitFor();
    }

    await page.reload();
    await score.waitFor();
    await expect.poll(() => score.inputValue()).toBe('7.5');
    expect(await card.getByLabel('东山镇 说明').inputValue()).toBe('本月联席会议缺席一次');
    expect(await card.getByLabel('西水乡 制度落实得分').inputValue()).toBe('');
    await page.context().close();
  });

  it('administration pages work and pass axe: units, users, categories, deadlines, holidays, settings, templates, tokens', async () => {
    const page = await login(e2e, 'admin');
    for (const [link, heading] of [
      ['/admin/units', '县区管理 · 单位'],
      ['/admin/users', '县区管理 · 用户与角色'],
      ['/admin/categories', '县区管理 · 内容分类与分派'],
      ['/admin/deadlines', '县区管理 · 办理期限'],
      ['/admin/holidays', '县区管理 · 节假日'],
      ['/admin/settings', '县区管理 · 评价、考核与门户'],
      ['/admin/templates', '县区管理 · 答复模板'],
      ['/admin/tokens', '县区管理 · API 令牌'],
    ] as const) {
      await page.goto(`${e2e.baseUrl}/console${link}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, link);
    }
    // Lock and unlock a user.
    await page.goto(`${e2e.baseUrl}/console/admin/users`);
    const row = page.getByRole('row', { name: /孙雨桐/ });
    await row.getByRole('button', { name: '锁定' }).click();
    await page.getByText('孙雨桐：已锁定').waitFor();
    await row.getByRole('button', { name: '解锁' }).click();
    await page.getByText('孙雨桐：已解锁').waitFor();
    await page.context().close();
  });

  it('台账: the dispatcher exports the filtered case list, a unit its own queue, each with the screen’s filters', async () => {
    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/cases?channel=phone`);
    await page.getByRole('heading', { name: '案件查询' }).waitFor();
    const csvLink = page.getByRole('link', { name: '导出 CSV' });
    const href = (await csvLink.getAttribute('href'))!;
    expect(new URL(href, e2e.baseUrl).pathname).toBe(`/api/t/${SLUG}/cases/export.csv`);
    expect(new URL(href, e2e.baseUrl).searchParams.get('channel')).toBe('phone');
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toMatch(/^编号,登记时间,类型,来源,信访目的/);
    const rows = text.trim().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    // the filter holds and phone numbers stay masked
    expect(rows.every((r) => r.includes(',电话/12345,'))).toBe(true);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    await expectAccessible(page, 'cases with export links');
    await page.context().close();

    const unit = await login(e2e, 'handlerA');
    await unit.goto(`${e2e.baseUrl}/console/inbox?tab=done`);
    await unit.getByRole('tab', { name: '已答复/办结' }).waitFor();
    const xlsx = unit.getByRole('link', { name: '导出 Excel' });
    const xhref = (await xlsx.getAttribute('href'))!;
    expect(new URL(xhref, e2e.baseUrl).pathname).toBe(`/api/t/${SLUG}/assignments/export.xlsx`);
    // a case given back (退件) is not the unit's finished work: it has its own tab (已退件)
    expect(new URL(xhref, e2e.baseUrl).searchParams.get('state')).toBe(
      'replied,closed,rated,unrated,refused',
    );
    const file = await unit.request.get(xhref);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toContain('spreadsheetml');
    expect((await file.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    await unit.context().close();
  });

  it('the workbench lists new cases by routing deadline; 案件查询 sorts on request and finds a caller by phone or by two words', async () => {
    const bureau = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    const call = (title: string, content: string, phone: string, receivedAt?: number) =>
      bureau.req('POST', `/api/t/${SLUG}/cases`, {
        kind: 'petition',
        channel: receivedAt ? 'letter' : 'phone',
        purpose: 'help',
        title,
        content,
        petitioner: { name: '欧阳明', phone },
        receivedAt,
      });
    // a letter registered late: received 200 days ago, its routing deadline long past
    const late = await call(
      '排序测试：积压来信',
      '村道路面塌陷多处，请派人修补。',
      '13612345678',
      Date.now() - 200 * 86_400_000,
    );
    const fresh = await call('排序测试：今日来电', '村道塌陷处仍未修补。', '13612345678');
    const lift = await call('梧桐苑电梯困人', '梧桐苑二号楼电梯故障，昨晚困人半小时。', '13687654321');
    const numbers = async (page: Page) =>
      (await page.locator('tbody tr td[data-label="编号"]').allTextContents()).map((x) => x.trim());

    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/workbench?tab=new`);
    await page.getByRole('tabpanel', { name: '新件待分派' }).getByText('分派期限最近的排在最前').waitFor();
    await page.getByRole('link', { name: late.case.number }).waitFor();
    // the one nearest (here past) its deadline comes first, ahead of the newer calls
    const queue = await numbers(page);
    expect(queue[0]).toBe(late.case.number);
    expect(queue.indexOf(fresh.case.number)).toBeGreaterThan(0);

    await page.goto(`${e2e.baseUrl}/console/cases`);
    await page.getByRole('heading', { name: '案件查询' }).waitFor();
    const box = page.getByRole('searchbox', { name: /关键词/ });
    expect(await box.getAttribute('placeholder')).toContain('电话、身份证号、查询码');
    // a phone number as a caller reads it out: that caller's cases, newest first
    await box.fill('136 1234 5678');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => numbers(page)).toEqual([fresh.case.number, late.case.number]);
    await page.getByLabel('排序').selectOption({ label: '分派期限（最近在前）' });
    await expect.poll(() => numbers(page)).toEqual([late.case.number, fresh.case.number]);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('routeDue');
    await expectAccessible(page, 'cases sorted by routing deadline');
    // two words, both in the case
    await box.fill('梧桐 电梯');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => numbers(page)).toEqual([lift.case.number]);
    await page.context().close();

    // a county leader searches the words only, and the box says so
    const leader = await login(e2e, 'county');
    await leader.goto(`${e2e.baseUrl}/console/cases?q=${encodeURIComponent('13612345678')}`);
    const leaderBox = leader.getByRole('searchbox', { name: /关键词/ });
    await leaderBox.waitFor();
    expect(await leaderBox.getAttribute('placeholder')).not.toContain('电话');
    await leader.getByText('暂无记录').waitFor();
    expect(await numbers(leader)).toEqual([]);
    await leader.context().close();
    // leave the repeat queue as the other tests found it
    for (const x of [...fresh.repeatSuggestions, ...lift.repeatSuggestions])
      await bureau.req('POST', `/api/t/${SLUG}/repeat-suggestions/${x.id}/reject`);
  });

  it('the county admin reads the 审计日志 from the admin navigation, filters it by category, loads more and exports the same rows; a dispatcher is refused', async () => {
    // The county leader signed in 50 times today, then the admin added a reply template: the log has
    // more 账号与登录 rows than one page holds, and something else on top of them.
    for (let i = 0; i < 50; i++) await new Api(e2e.baseUrl).login(`${SLUG}.county`);
    const admin = await new Api(e2e.baseUrl).login(`${SLUG}.admin`);
    await admin.req('POST', `/api/t/${SLUG}/reply-templates`, { name: '审计核对模板', body: '您好！' });

    const page = await login(e2e, 'admin');
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '县区管理' }).click();
    await page.getByRole('navigation', { name: '县区管理' }).getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '县区管理 · 审计日志' }).waitFor();
    const table = page.getByRole('table', { name: '审计日志，新的在前' });
    const rows = table.locator('tbody tr');
    const events = () => table.locator('tbody tr td:nth-child(2)').allTextContents();
    await rows.first().locator('td').first().waitFor();
    // The last 30 days of the county's own calendar by default.
    const day = (ms: number) => new Date(ms).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await expect(page.getByLabel('截止日期').inputValue()).resolves.toBe(day(Date.now()));
    await expect(page.getByLabel('起始日期').inputValue()).resolves.toBe(day(Date.now() - 29 * 86_400_000));
    // Newest first: the admin's own sign-in, then the template added just before.
    await expect(rows.nth(0).textContent()).resolves.toMatch(/登录管理员\s*县级管理员/);
    await expect(rows.nth(1).textContent()).resolves.toMatch(/新增答复模板管理员\s*县级管理员.*审计核对模板/);
    await expectAccessible(page, 'audit log');

    const filter = async (label: string, prefix: string) => {
      await page.getByLabel('类别').selectOption({ label });
      const answered = page.waitForResponse(
        (r) => r.url().includes(`/audit?`) && r.url().includes(`type=${prefix}`),
      );
      await page.getByRole('button', { name: '查询', exact: true }).click();
      await answered;
    };
    // The county's setup, each kind under its own category.
    await filter('单位', 'unit.');
    await expect.poll(async () => [...new Set(await events())]).toEqual(['新增单位']);
    for (const name of ['东山镇', '西水乡', '县住建局'])
      await table.getByRole('row', { name: new RegExp(`新增单位.*${name}`) }).waitFor();
    await filter('内容分类', 'category.');
    await expect.poll(async () => [...new Set(await events())]).toEqual(['新增分类']);
    await table.getByRole('row', { name: /新增分类.*城乡建设/ }).waitFor();

    // 账号与登录: only sign-ins and account changes, a first page of 50, then 加载更多.
    await filter('账号与登录', 'user.');
    const accountEvents = ['登录', '登录失败', '账号锁定', '新增账号', '修改账号'];
    await expect
      .poll(
        async () => (await events()).every((e) => accountEvents.includes(e)) && (await rows.count()) === 50,
      )
      .toBe(true);
    await expect(rows.nth(0).textContent()).resolves.toMatch(/登录管理员\s*县级管理员/);
    await table
      .getByRole('row', { name: /登录\s*冯致远\s*县领导/ })
      .first()
      .waitFor();
    expect(page.url()).toContain('type=user.');
    await page.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(50);
    expect((await events()).every((e) => accountEvents.includes(e))).toBe(true);
    await expectAccessible(page, 'audit log, 账号与登录');

    // The CSV link carries the same filters, and the file holds the same kind of rows.
    const link = page.getByRole('link', { name: '导出 CSV' });
    const href = (await link.getAttribute('href'))!;
    const params = new URL(href, e2e.baseUrl).searchParams;
    expect(new URL(href, e2e.baseUrl).pathname).toBe(`/api/t/${SLUG}/audit/export.csv`);
    expect(params.get('type')).toBe('user.');
    expect(params.get('from')).toBe(day(Date.now() - 29 * 86_400_000));
    expect(params.get('to')).toBe(day(Date.now()));
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toMatch(/^时间,事件,事件类型,操作人/);
    expect(text).toContain(',user.login,');
    expect(text).not.toMatch(/,(unit|category|template)\.created,/);
    await page.context().close();

    // A dispatcher who types the address reads why, not a broken page.
    const bureau = await login(e2e, 'dispatcher');
    await expect(bureau.getByRole('link', { name: '县区管理' }).count()).resolves.toBe(0);
    await bureau.goto(`${e2e.baseUrl}/console/admin/audit`);
    await bureau.getByText('审计日志仅限本县管理员查看，当前账号无权查看。').waitFor();
    await expect(bureau.getByRole('table').count()).resolves.toBe(0);
    await expect(bureau.getByRole('link', { name: '导出 CSV' }).count()).resolves.toBe(0);
    await expectAccessible(bureau, 'audit log refused');
    await bureau.context().close();
  });

  it('the bureau imports historical cases from a CSV: imported, skipped on re-upload, a bad line rejects the batch', async () => {
    const page = await login(e2e, 'dispatcher');
    await page.getByRole('link', { name: '历史数据导入' }).click();
    await page.getByRole('heading', { name: '历史数据导入', level: 1 }).waitFor();
    await expectAccessible(page, 'import');
    // The template is made in the page: the documented Chinese header and one example row.
    await page.getByText('文件格式说明').click();
    const template = await download(page, '下载 CSV 模板');
    const templateText = template.bytes.toString('utf8');
    expect(template.name).toBe('历史数据导入模板.csv');
    expect(templateText).toMatch(/^\uFEFF外部编号,类型,来源渠道,信访目的/);
    expect(templateText.trim().split(/\r?\n/)).toHaveLength(2);

    const header =
      '外部编号,来源渠道,信访目的,内容分类,所属乡镇,标题,诉求内容,姓名,联系电话,收件时间,承办单位,主协办,交办时间,签收时间,受理时间,答复时间,答复内容,办结时间';
    const good = [
      header,
      'HX-2024-0001,来信,求助,城乡建设,东山镇,青石路路灯不亮,青石路一带路灯坏了半个多月。,周建国,13912345678,2024-03-02 09:00,东山镇,主办,2024-03-02 10:00,2024-03-02 15:00,2024-03-03 09:00,2024-03-12 16:00,已更换灯具。,2024-03-12 16:05',
      'HX-2024-0002,电话,意见建议,城乡建设,西水乡,"西水乡农贸市场占道经营,影响通行",农贸市场门口摊位占道。,孙立,13812345678,2024-04-08 14:30,县住建局,主办,2024-04-08 16:00,2024-04-09 09:00,,,,',
    ].join('\r\n');
    const upload = async (name: string, text: string) => {
      await page
        .getByLabel('选择文件')
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await page.getByText(`文件：${name}`, { exact: false }).waitFor();
      await page.getByRole('button', { name: '上传并导入' }).click();
      const result = page.getByRole('heading', { name: /^导入结果/ });
      await result.waitFor();
      // Focus moves to the result for keyboard and screen-reader users.
      await expect(result.evaluate((h) => h === document.activeElement)).resolves.toBe(true);
    };

    await upload('history.csv', good);
    await page.getByText('共 3 行', { exact: false }).waitFor();
    await page.getByRole('heading', { name: '导入结果：已完成' }).waitFor();
    await page.locator('p.notice-ok', { hasText: /新导入\s*2\s*件，跳过\s*0\s*件/ }).waitFor();
    await expectAccessible(page, 'import done');

    // The same file again: nothing doubled, both lines skipped by their external ids.
    await upload('history-again.csv', good);
    await page.locator('p.notice-ok', { hasText: /新导入\s*0\s*件，跳过\s*2\s*件/ }).waitFor();

    // One bad line (line 3: an unknown channel) rejects the whole batch, the good line included.
    const bad = [
      header,
      'HX-2024-0003,来访,咨询,城乡建设,东山镇,咨询低保申请,询问低保申请条件。,李梅,13712345678,2024-05-06 10:00,,,,,,,,',
      'HX-2024-0004,飞鸽传书,咨询,城乡建设,东山镇,咨询医保,询问医保报销。,王芳,13612345678,2024-05-07 10:00,,,,,,,,',
    ].join('\r\n');
    await upload('history-bad.csv', bad);
    await page.getByRole('heading', { name: '导入结果：整批未导入' }).waitFor();
    await page.getByText('本批所有记录均未写入', { exact: false }).waitFor();
    const table = page.getByRole('table', { name: /错误明细/ });
    await expect(table.getByRole('columnheader').allTextContents()).resolves.toEqual([
      '行号',
      '字段',
      '问题',
    ]);
    const rows = table.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator('td').first().textContent()).resolves.toBe('3');
    await expectAccessible(page, 'import rejected');

    // All or nothing: the good line of the rejected file was not written.
    const api = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    const check = await fetch(`${e2e.baseUrl}/api/t/${SLUG}/import?dryRun=1`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: api.cookie },
      body: bad.split('\r\n').slice(0, 2).join('\r\n'),
    });
    expect(check.status).toBe(200);
    expect(((await check.json()) as { imported: number }).imported).toBe(1);
    await page.context().close();
  });

  it('督办 from the case page: the dialog says the date does not move the unit’s own deadline, and the unit is told', async () => {
    const bureau = await new Api(e2e.baseUrl).login(`${SLUG}.dispatcher`);
    const handler = await new Api(e2e.baseUrl).login(`${SLUG}.handlerA`);
    const reg = await bureau.req('POST', `/api/t/${SLUG}/cases`, {
      kind: 'petition',
      channel: 'phone',
      purpose: 'help',
      categoryId: county.categoryId,
      townshipUnitId: county.units.townA,
      title: '村道塌方影响通行',
      content: '村口道路雨后塌方，车辆无法通行，请尽快抢修。',
      petitioner: { name: '孙立平', phone: '13944445555' },
    });
    const routed = await bureau.req('POST', `/api/t/${SLUG}/cases/${reg.case.id}/route`, {
      version: reg.case.version,
      units: [{ unitId: county.units.townA, role: 'lead' }],
    });
    const a = routed.assignments[0];
    const v = (await handler.req('POST', `/api/t/${SLUG}/assignments/${a.id}/sign`, { version: a.version }))
      .version;
    await handler.req('POST', `/api/t/${SLUG}/assignments/${a.id}/accept`, { version: v });

    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/cases/${reg.case.id}`);
    await page.getByRole('button', { name: '督办', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByText(/督办期限不改变该单位的答复期限（\d{4}-\d{2}-\d{2} 24:00），晚于它的督办期限不会推迟该期限/)
      .waitFor();
    await dialog.getByLabel('督办意见').fill('塌方影响群众出行，请三日内抢通并报告。');
    await expectAccessible(page, 'supervise dialog');
    await dialog.getByRole('button', { name: '督办', exact: true }).click();
    await page.getByText('东山镇：已督办').waitFor();
    await page.context().close();

    const unit = await login(e2e, 'handlerA');
    await unit
      .getByRole('region', { name: /提醒/ })
      .getByRole('link', { name: new RegExp(`${reg.case.number} 督办：塌方影响群众出行`) })
      .waitFor();
    await unit.context().close();
  });

  it("the sweep's reminders show on a unit's home page, each opens its case and can be marked read", async () => {
    // the sweep as it would run forty days from now: the county's open steps are all late by then
    const later = { ...e2e.server.deps, clock: { now: () => Date.now() + 40 * 86_400_000 } };
    await runSweepAllTenants(later);
    const page = await login(e2e, 'handlerA');
    const panel = page.getByRole('region', { name: /提醒/ });
    await panel.getByRole('listitem').first().waitFor();
    const before = await panel.getByRole('listitem').count();
    expect(before).toBeGreaterThan(0);
    expect(await panel.getByRole('listitem').first().textContent()).toMatch(
      /已逾期，请尽快办理|24 小时内到期/,
    );
    await expectAccessible(page, 'home with reminders');
    // a reminder opens the late assignment
    await panel.getByRole('listitem').first().getByRole('link').click();
    await page.waitForURL(/\/console\/assignments\/\w+/);
    await page.getByRole('heading', { name: '承办单位' }).waitFor();
    await page.goBack();
    // the one opened is read: it has left the list
    await expect.poll(() => panel.getByRole('listitem').count()).toBe(before - 1);
    if (before > 1) {
      await panel
        .getByRole('button', { name: /^标为已读：/ })
        .first()
        .click();
      await expect.poll(() => panel.getByRole('listitem').count()).toBe(before - 2);
    }
    if (before > 2) await panel.getByRole('button', { name: '全部标为已读' }).click();
    await panel.getByText('没有未读提醒。').waitFor();
    // the other township's clerk sees none of them
    const other = await new Api(e2e.baseUrl).login(`${SLUG}.handlerB`);
    const theirs = (await other.req('GET', `/api/t/${SLUG}/reminders`)).items as { unitId: string }[];
    expect(theirs.every((r) => r.unitId === county.units.townB)).toBe(true);
    await page.context().close();
    // the clerk's reading is the clerk's own: the bureau still has them, each saying whose it is
    const bureau = await login(e2e, 'dispatcher');
    await bureau
      .getByRole('region', { name: /提醒/ })
      .getByRole('link', { name: /^东山镇：/ })
      .first()
      .waitFor();
    await bureau.context().close();
  });

  it('before the idle limit the console warns, and one click keeps the clerk signed in', async () => {
    const page = await e2e.newPage();
    await page.clock.install();
    await page.goto(`${e2e.baseUrl}/console/`);
    await page.getByLabel('登录名').fill(`${SLUG}.dispatcher`);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    // the home page's own requests answered first: one answering after the jump is activity, and
    // rightly puts the warning away again (on a slow machine it did, and the test saw it vanish)
    await page.waitForLoadState('networkidle');
    // 28 minutes without a request: the warning, with the continue button focused
    await page.clock.fastForward('28:00');
    const warning = page.getByRole('alertdialog', { name: '即将退出登录' });
    await warning.waitFor();
    await warning.getByText(/登录将在约 [23] 分钟后失效/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('继续使用');
    await expectAccessible(page, 'idle warning');
    await warning.getByRole('button', { name: '继续使用' }).click();
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(0);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.context().close();
  });

  it('an expired session sends the clerk back to login and keeps what was typed', async () => {
    const page = await login(e2e, 'dispatcher');
    await page.goto(`${e2e.baseUrl}/console/register`);
    await page.getByLabel('诉求内容').fill('路灯不亮已经一个月了。');
    // The session ends on the server (as after 30 idle minutes).
    await page.context().clearCookies();
    await page.getByLabel('姓名').fill('李明');
    await page.keyboard.press('Control+Enter');
    await page.getByText(/登录已超时，请重新登录/).waitFor();
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    await expect(page.getByLabel('诉求内容').inputValue()).resolves.toBe('路灯不亮已经一个月了。');
    await page.getByText('已恢复您上次未提交的内容。').waitFor();
    await page.context().close();
  });

  it('a new account lands on 修改密码 after its first login, and works once the password is its own', async () => {
    const admin = await new Api(e2e.baseUrl).login(`${SLUG}.admin`);
    await admin.req('POST', `/api/t/${SLUG}/users`, {
      login: `${SLUG}.newcomer`,
      password: PASSWORD,
      name: '何新',
      role: 'handler',
      unitId: county.units.townA,
    });
    const page = await e2e.newPage();
    await page.goto(`${e2e.baseUrl}/console/inbox`);
    await page.getByLabel('登录名').fill(`${SLUG}.newcomer`);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.getByText(/请先修改为只有您自己知道的密码/).waitFor();
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link').count()).toBe(0);
    await expectAccessible(page, 'forced password change');
    // typing another page's address comes back here
    await page.goto(`${e2e.baseUrl}/console/inbox`);
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.getByRole('textbox', { name: '当前密码', exact: true }).fill(PASSWORD);
    await page.getByLabel(/^新密码/).fill('Mine#2026newer');
    await page.getByLabel('再次输入新密码').fill('Mine#2026other');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('两次输入的新密码不一致').waitFor();
    await page.getByLabel('再次输入新密码').fill('Mine#2026newer');
    await page.getByRole('button', { name: '修改密码' }).click();
    // on to where the clerk was going, with the whole console
    await page.getByRole('heading', { name: /待办件/ }).waitFor();
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '待办件' }).waitFor();
    // the page stays in the user menu
    await page.getByRole('link', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.context().close();
  });

  it('the platform admin sees which counties citizens can find, and disables and enables one', async () => {
    const root = await new Api(e2e.baseUrl).login(ROOT.login, ROOT.password);
    await root.req('POST', '/api/admin/tenants', { slug: 'e2e-spare', name: '备用县' });
    const page = await e2e.newPage();
    await page.goto(`${e2e.baseUrl}/console/platform`);
    await page.getByLabel('登录名').fill(ROOT.login);
    await page.getByLabel('密码').fill(ROOT.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '平台管理' }).waitFor();
    const spare = page.getByRole('row', { name: /备用县/ });
    await spare.getByText(/门户暂不显示（尚缺启用的内容分类/).waitFor();
    await page
      .getByRole('row', { name: /测试县/ })
      .getByText('启用 · 门户已显示')
      .waitFor();
    await expectAccessible(page, 'platform');
    page.once('dialog', (d) => d.accept());
    await spare.getByRole('button', { name: '停用 备用县' }).click();
    await page.getByText('备用县：已停用').waitFor();
    await spare.getByText('已停用', { exact: true }).waitFor();
    expect(await spare.getByRole('button', { name: '进入管理' }).isDisabled()).toBe(true);
    const portal = await fetch(`${e2e.baseUrl}/api/t/e2e-spare/portal/info`);
    expect(portal.status).toBe(404);
    await spare.getByRole('button', { name: '启用 备用县' }).click();
    await page.getByText('备用县：已启用').waitFor();
    expect((await fetch(`${e2e.baseUrl}/api/t/e2e-spare/portal/info`)).status).toBe(200);
    await page.context().close();
  });

  it('holidays: the platform admin is warned of a missing national year, and of one begun but incomplete, and enters it; entries are deleted, not only flipped', async () => {
    // the coming year as the server sees it; the package may know it already (no warning then)
    const years = missingScheduleYears(localDay(Date.now(), 'Asia/Shanghai'), []);
    const missing = years.at(-1) ?? null;
    const admin = await login(e2e, 'admin');
    await admin.goto(`${e2e.baseUrl}/console/`);
    if (missing !== null) {
      const warning = admin.getByText(`${missing}年全国节假日安排尚未录入`);
      await warning.waitFor();
      expect(await admin.getByText('由平台运营方按国务院办公厅通知统一录入').count()).toBe(years.length);
      await admin.getByRole('link', { name: '查看本县节假日安排' }).click();
    } else await admin.goto(`${e2e.baseUrl}/console/admin/holidays`);
    await admin.getByRole('heading', { name: '县区管理 · 节假日' }).waitFor();
    await admin.getByText(/全国安排（元旦、春节等放假和调休）由平台运营方/).waitFor();
    await admin.getByLabel('日期').fill('2027-03-15');
    await admin.getByLabel('说明').fill('县庆');
    await admin.getByRole('button', { name: '保存' }).click();
    const own = admin.getByRole('row', { name: /2027-03-15/ });
    await own.waitFor();
    admin.once('dialog', (d) => d.accept());
    await own.getByRole('button', { name: '删除' }).click();
    await admin.getByText('已删除本县 2027-03-15 的安排').waitFor();
    // the notice shows as the list is read again: wait for the list, not the moment
    await expect.poll(() => admin.getByRole('row', { name: /2027-03-15/ }).count()).toBe(0);
    await admin.context().close();

    const page = await e2e.newPage();
    await page.goto(`${e2e.baseUrl}/console/platform`);
    await page.getByLabel('登录名').fill(ROOT.login);
    await page.getByLabel('密码').fill(ROOT.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '全国节假日安排' }).waitFor();
    const year = missing ?? Number(localDay(Date.now(), 'Asia/Shanghai').slice(0, 4)) + 1;
    const warning = page.getByText(`${year}年全国节假日安排尚未录入`);
    if (missing !== null) await warning.waitFor();
    await expectAccessible(page, 'platform holidays');
    const schedule = page.getByLabel(/按国务院办公厅通知录入/);
    const enter = page.getByRole('button', { name: '录入', exact: true });
    // New Year alone is a schedule begun, not one known: the warning says what is missing
    const partial = page.getByText(`${year}年全国节假日安排录入不完整`);
    await schedule.fill(`${year}-01-01 休 元旦`);
    await enter.click();
    await page.getByText('已录入 1 天的全国节假日安排').waitFor();
    if (missing !== null) await partial.waitFor();
    expect(await warning.count()).toBe(0);
    await schedule.fill(`${year}-02-08 休 春节\n${year}-10-01 休 国庆节`);
    await enter.click();
    await page.getByText('已录入 2 天的全国节假日安排').waitFor();
    await expect.poll(() => partial.count()).toBe(0);
    expect(await warning.count()).toBe(0);
    // a day deleted is gone from the schedule: without National Day it is incomplete again
    page.once('dialog', (d) => d.accept());
    await page
      .getByRole('row', { name: new RegExp(`${year}-10-01`) })
      .getByRole('button', { name: '删除' })
      .click();
    await page.getByText(`已删除全国安排中的 ${year}-10-01`).waitFor();
    if (missing !== null) await partial.waitFor();
    await page.context().close();
  });

  it('the platform admin reads the 平台审计日志: a sign-in tried with a login that does not exist, the counties opened; filters and exports it; a county admin is refused', async () => {
    const tried = await fetch(`${e2e.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'e2e.nobody', password: 'Guess#2026pass' }),
    });
    expect(tried.status).toBe(401);
    const page = await e2e.newPage();
    await page.goto(`${e2e.baseUrl}/console/platform`);
    await page.getByLabel('登录名').fill(ROOT.login);
    await page.getByLabel('密码').fill(ROOT.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page
      .getByRole('navigation', { name: '平台管理' })
      .getByRole('link', { name: '平台审计日志' })
      .click();
    await page.getByRole('heading', { name: '平台管理 · 平台审计日志' }).waitFor();
    const table = page.getByRole('table', { name: '平台审计日志，新的在前' });
    await table.getByRole('row', { name: /登录失败.*不存在的登录名“e2e\.nobody”/ }).waitFor();
    await table.getByRole('row', { name: /开通县区\s*平台管理员.*测试县\s*测试县（e2e-console）/ }).waitFor();
    // nothing of the county's own work
    expect(await table.getByText('新增单位').count()).toBe(0);
    await expectAccessible(page, 'platform audit log');

    await page.getByLabel('类别').selectOption({ label: '县区开通' });
    const answered = page.waitForResponse(
      (r) => r.url().includes('/api/admin/audit?') && r.url().includes('type=tenant.'),
    );
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await answered;
    const events = () => table.locator('tbody tr td:nth-child(2)').allTextContents();
    await expect.poll(async () => new Set(await events()).has('登录失败')).toBe(false);
    expect((await events()).every((e) => ['开通县区', '停用县区', '启用县区'].includes(e))).toBe(true);
    const href = (await page.getByRole('link', { name: '导出 CSV' }).getAttribute('href'))!;
    expect(new URL(href, e2e.baseUrl).pathname).toBe('/api/admin/audit/export.csv');
    expect(new URL(href, e2e.baseUrl).searchParams.get('type')).toBe('tenant.');
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    const text = (await csv.body()).subarray(3).toString('utf8');
    expect(text).toMatch(/^时间,事件,事件类型,操作人,角色,县区,说明\r\n/);
    expect(text).toContain(',tenant.created,平台管理员,平台管理员,测试县,');
    await page.context().close();

    // A county's administrator who types the address reads why, and the API says 403.
    const admin = await login(e2e, 'admin');
    await expect(admin.getByRole('link', { name: '平台管理' }).count()).resolves.toBe(0);
    await admin.goto(`${e2e.baseUrl}/console/platform/audit`);
    await admin.getByText(/平台审计日志仅限平台管理员查看/).waitFor();
    await expect(admin.getByRole('table').count()).resolves.toBe(0);
    expect((await admin.request.get(`${e2e.baseUrl}/api/admin/audit`)).status()).toBe(403);
    await admin.context().close();
  });
});
