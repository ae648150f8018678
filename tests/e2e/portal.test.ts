// The citizen portal in a real Chromium against the real Node server: a villager on a 360 px phone
// files a complaint with a photo (the draft survives a reload, the proof-of-work captcha runs for
// real), the bureau routes and answers it through the API, the citizen tracks and rates it; a
// retried and double-tapped submission makes one case; a published 问政 answer is on the board;
// axe-core finds no serious or critical problem on any page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Challenge } from '../../portal/src/lib/api';
import { solveChallenge } from '../../portal/src/lib/pow';
import { answerThroughStaff, type JsonClient, publishThroughStaff } from '../integration/portal-helpers';
import { axe, ROOT, startE2E, type E2E } from './harness';

const SLUG = 'taohua';
const PHONE_W = 360;

let e: E2E;
let county: { id: string; townA: string; categoryId: string; subCategoryId: string };
let staff: { dispatcher: JsonClient; handler: JsonClient; leader: JsonClient };

/** A JSON client with its own cookie jar, talking to the real server over HTTP. */
function http(): JsonClient & { login(login: string, password: string): Promise<void> } {
  let cookie = '';
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(e.baseUrl + path, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = res.headers.get('set-cookie');
    const m = set && /ms_session=([^;]*)/.exec(set);
    if (m) cookie = `ms_session=${m[1]}`;
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (p) => call('GET', p),
    post: (p, b) => call('POST', p, b ?? {}),
    async login(login, password) {
      const r = await call('POST', '/api/auth/login', { login, password });
      if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${JSON.stringify(r.body)}`);
    },
  };
}

const PASSWORD = 'Test#2026pass';

async function setUpCounty() {
  const root = http();
  await root.login(ROOT.login, ROOT.password);
  const t = await root.post('/api/admin/tenants', { slug: SLUG, name: '桃花县' });
  if (t.status !== 201) throw new Error(JSON.stringify(t.body));
  const base = `/api/t/${SLUG}`;
  await root.post(`${base}/users`, {
    login: 'th.admin',
    password: PASSWORD,
    name: '管理员',
    role: 'tenant_admin',
    mustChangePassword: false,
  });
  const admin = http();
  await admin.login('th.admin', PASSWORD);
  const townA = (await admin.post(`${base}/units`, { name: '桃源镇', kind: 'township' })).body.id;
  await admin.post(`${base}/units`, { name: '杏林乡', kind: 'township' });
  await admin.post(`${base}/units`, { name: '县卫生健康局', kind: 'department' });
  const cat = (await admin.post(`${base}/categories`, { name: '城乡建设', routeToTownship: true })).body.id;
  const sub = (await admin.post(`${base}/categories`, { name: '道路照明', parentId: cat })).body.id;
  await admin.post(`${base}/categories`, { name: '卫生健康' });
  for (const [login, role, unitId] of [
    ['th.dispatcher', 'dispatcher', t.body.bureauUnitId],
    ['th.handler', 'handler', townA],
    ['th.leader', 'unit_leader', townA],
  ]) {
    const r = await admin.post(`${base}/users`, {
      login,
      password: PASSWORD,
      name: login,
      role,
      unitId,
      mustChangePassword: false,
    });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  }
  const clients = { dispatcher: http(), handler: http(), leader: http() };
  await clients.dispatcher.login('th.dispatcher', PASSWORD);
  await clients.handler.login('th.handler', PASSWORD);
  await clients.leader.login('th.leader', PASSWORD);
  staff = clients;
  county = { id: t.body.id, townA, categoryId: cat, subCategoryId: sub };
}

async function expectAccessible(page: Page, where: string) {
  const violations = await axe(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function expectFitsWidth(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** A real 2400×1800 JPEG photo, made by the browser itself (no image library on the test side). */
async function makePhoto(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 2400;
    c.height = 1800;
    const g = c.getContext('2d')!;
    // Noise, like a real photo's detail: it does not compress to nothing.
    const img = g.createImageData(2400, 1800);
    for (let i = 0; i < img.data.length; i += 4) {
      const v = (i * 2654435761) >>> 24;
      img.data[i] = v;
      img.data[i + 1] = (v * 7) & 255;
      img.data[i + 2] = (i >>> 10) & 255;
      img.data[i + 3] = 255;
    }
    g.putImageData(img, 0, 0);
    const blob: Blob = await new Promise((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.95));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}

/** A submission straight to the API, solving the real captcha as the page would. */
async function submitByApi(
  body: Record<string, unknown>,
  key: string,
): Promise<{ number: string; queryCode: string; secret: string }> {
  const challenge = (await (await fetch(`${e.baseUrl}/api/t/${SLUG}/portal/captcha`)).json()) as Challenge;
  const res = await fetch(`${e.baseUrl}/api/t/${SLUG}/portal/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ ...body, captcha: await solveChallenge(challenge) }),
  });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return (await res.json()) as { number: string; queryCode: string; secret: string };
}

async function caseCount(): Promise<number> {
  const r = await staff.dispatcher.get(`/api/t/${SLUG}/cases?limit=200`);
  return r.body.items.length;
}

beforeAll(async () => {
  e = await startE2E();
  await setUpCounty();
});
afterAll(async () => {
  await e?.stop();
});

describe('a villager on a phone', () => {
  let receipt: { number: string; queryCode: string; secret: string };
  let page: Page;

  it('finds the two doors on the county home page, by keyboard too', async () => {
    page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto(`/${SLUG}/`);
    await expect.poll(() => page.locator('h1').textContent()).toContain('桃花县');
    await expectAccessible(page, 'home');
    await expectFitsWidth(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    // Every focused control shows a visible ring.
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const st = getComputedStyle(document.activeElement!);
      return { style: st.outlineStyle, width: Number.parseFloat(st.outlineWidth) };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.getByRole('link', { name: /我要投诉 \/ 信访/ }).click();
    await expect.poll(() => page.url()).toContain(`/${SLUG}/submit?kind=petition`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-title');
  });

  it('gets Chinese messages at the fields when the form is incomplete', async () => {
    await page.getByRole('button', { name: '提交' }).click();
    const summary = page.locator('.error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    const text = await summary.textContent();
    expect(text).toContain('请选择诉求目的');
    expect(text).toContain('标题至少 4 个字');
    expect(await page.locator('#f-title-error').textContent()).toBe('标题至少 4 个字');
    expect(await page.locator('#f-title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await expectAccessible(page, 'submit with errors');
    // The link in the summary takes the cursor to the field.
    await summary.getByRole('link', { name: '标题至少 4 个字' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-title');
  });

  it('fills the form with a photo, reloads by mistake, and finds everything still there', async () => {
    await page.getByLabel('申诉求决').check();
    await page.getByLabel('输入关键字筛选分类').fill('照明');
    await expect.poll(() => page.locator('#f-category option').count()).toBe(2);
    await page.locator('#f-category').selectOption({ label: '城乡建设 › 道路照明' });
    await page.locator('#f-township').selectOption({ label: '桃源镇' });
    await page.locator('#f-address').fill('桃源镇东村三组');
    await page.locator('#f-title').fill('村道路灯<b>坏了</b>三个月');
    await page
      .locator('#f-content')
      .fill('东村三组村道上的路灯已经坏了三个多月，晚上老人孩子出行很不安全，请尽快维修。');
    expect(await page.locator('#f-content-counter').textContent()).toContain('已输入 38 字');
    await page.locator('#f-name').fill('王小明');
    await page.locator('#f-phone').fill('13912345678');

    const photo = await makePhoto(page);
    expect(photo.byteLength).toBeGreaterThan(400 * 1024);
    await page
      .locator('#f-files')
      .setInputFiles({ name: 'IMG_20260302.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.locator('.files li').textContent(), { timeout: 20_000 }).toContain('已上传');
    // Shrunk in the browser before upload: well under the original size.
    const sizeText = (await page.locator('.files li .meta').textContent()) ?? '';
    expect(sizeText).toMatch(/KB/);
    expect(Number(/(\d+) KB/.exec(sizeText)?.[1])).toBeLessThan(photo.byteLength / 1024);

    await page.waitForTimeout(400); // the draft is saved 300 ms after the last keystroke
    await page.reload();
    await expect.poll(() => page.locator('#f-title').inputValue()).toBe('村道路灯<b>坏了</b>三个月');
    expect(await page.locator('#f-content').inputValue()).toContain('东村三组');
    expect(await page.getByLabel('申诉求决').isChecked()).toBe(true);
    expect(await page.locator('#f-phone').inputValue()).toBe('13912345678');
    expect(await page.locator('#f-category').inputValue()).toBe(county.subCategoryId);
    expect(await page.locator('.files li').textContent()).toContain('IMG_20260302.jpg');
    expect(await page.getByRole('status').filter({ hasText: '已恢复' }).count()).toBe(1);
    await expectAccessible(page, 'submit filled');
    await expectFitsWidth(page);
  });

  it('submits (solving the captcha in the page) and gets a printable receipt', async () => {
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain(`/${SLUG}/receipt`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('提交成功');
    receipt = {
      number: (await page.locator('.receipt-list dd').first().textContent())!,
      queryCode: (await page.locator('#receipt-query-code').textContent())!,
      secret: (await page.locator('#receipt-secret').textContent())!,
    };
    expect(receipt.number).toMatch(/^\d{4}-\d{6}$/);
    expect(receipt.queryCode).toMatch(/^[A-Z0-9]{10}$/);
    // What the citizen typed is shown as text, never as HTML.
    expect(await page.locator('.receipt').textContent()).toContain('村道路灯<b>坏了</b>三个月');
    expect(await page.locator('.receipt b').count()).toBe(0);
    expect(await page.getByRole('button', { name: '打印回执' }).isVisible()).toBe(true);
    await expectAccessible(page, 'receipt');
    await expectFitsWidth(page);
    // The print view keeps the receipt and drops the navigation.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.locator('.receipt').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    // The draft is gone: the next complaint starts empty.
    expect(await page.evaluate((s) => localStorage.getItem(`minsheng:draft:${s}`), SLUG)).toBeNull();

    const detail = await staff.dispatcher.get(`/api/t/${SLUG}/cases?q=${receipt.number}`);
    const c = detail.body.items[0];
    const full = await staff.dispatcher.get(`/api/t/${SLUG}/cases/${c.id}`);
    expect(full.body.attachments).toHaveLength(1);
    expect(full.body.attachments[0].mime).toBe('image/jpeg');
    expect(full.body.attachments[0].size).toBeLessThan(1024 * 1024);
  });

  it('tracks the case after the township answers, and rates it', async () => {
    await answerThroughStaff(
      staff,
      SLUG,
      receipt.number,
      county.townA,
      '路灯已于3月5日全部更换。\n如仍有问题请再联系我们。',
    );
    await page.getByRole('button', { name: '查询办理进度' }).click();
    await expect
      .poll(() => page.locator('#case-h').textContent(), { timeout: 10_000 })
      .toBe('村道路灯<b>坏了</b>三个月');
    const timeline = await page.locator('.timeline li').allTextContents();
    expect(timeline.join('\n')).toContain('已转交桃源镇办理');
    expect(timeline.at(-1)).toContain('桃源镇已答复');
    expect(await page.locator('.reply').textContent()).toContain('路灯已于3月5日全部更换。');
    await expectAccessible(page, 'track result');
    await expectFitsWidth(page);

    // the reply as a formal paper (答复意见书) the citizen can print or keep
    const [sheet] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: '打印答复意见书（桃源镇）' }).click(),
    ]);
    await sheet.getByRole('heading', { name: '信访事项答复意见书' }).waitFor();
    const printed = (await sheet.locator('body').textContent()) ?? '';
    expect(printed).toContain('路灯已于3月5日全部更换。');
    expect(printed).toContain('30 日内请求复查');
    await sheet.close();

    await page.getByRole('button', { name: '提交评价' }).click();
    await expect
      .poll(() => page.locator('.has-error .error').first().textContent())
      .toBe('请为每个承办单位选择评价');
    const unitGroup = page.getByRole('group', { name: /^对桃源镇的评价/ });
    await unitGroup.getByLabel('满意', { exact: true }).check();
    await page
      .getByRole('group', { name: /信访部门/ })
      .getByLabel('基本满意')
      .check();
    await page.locator('#r-comment').fill('修得很快，谢谢！');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.locator('.success').textContent()).toBe('感谢您的评价。');
    expect(await page.locator('#given-h').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await expectAccessible(page, 'track after rating');
  });

  it('a wrong secret gets the one uniform message', async () => {
    await page.getByRole('button', { name: '查询其他事项' }).click();
    await page.locator('#t-code').fill(receipt.queryCode);
    await page.locator('#t-secret').fill('000000');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('查询码或查询密码不正确，请核对回执后重新输入');
    await expectAccessible(page, 'track form with error');
  });
});

describe('an unsatisfied citizen', () => {
  it('types the code from the paper receipt, rates 不满意 and asks for the case to be redone', async () => {
    const r = await submitByApi(
      {
        kind: 'petition',
        purpose: 'help',
        title: '低保申请一直没有答复',
        content: '今年一月提交的低保申请到现在没有答复，家里生活困难，请帮忙催一下。',
        name: '赵大娘',
        phone: '13600002222',
      },
      'e2e-unsatisfied-00001',
    );
    await answerThroughStaff(staff, SLUG, r.number, county.townA, '已转民政办按程序审核。');
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto(`/${SLUG}/track`);
    await expect.poll(() => page.locator('#t-code').isVisible()).toBe(true);
    await expectAccessible(page, 'track form');
    await expectFitsWidth(page);
    await page.locator('#t-code').fill(r.queryCode.toLowerCase());
    await page.locator('#t-secret').fill(r.secret);
    await page.locator('#t-secret').press('Enter');
    await expect.poll(() => page.locator('#case-h').textContent()).toBe('低保申请一直没有答复');
    await page
      .getByRole('group', { name: /^对桃源镇的评价/ })
      .getByLabel('不满意')
      .check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(() => page.locator('#req-h').isVisible()).toBe(true);
    await page.getByLabel('申请重新办理').check();
    await page.locator('#q-reason').fill('还是没有结果');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect
      .poll(() => page.locator('.success').textContent())
      .toBe('您的申请已提交，信访部门将依规处理。');
    expect(await page.locator('.timeline li').last().textContent()).toContain('您已申请重新办理');
    await expectAccessible(page, 'track after request');
  });
});

describe('a citizen who does not accept the answer', () => {
  it("asks for a review (复查) and reads the bureau's opinion on the tracking page", async () => {
    const r = await submitByApi(
      {
        kind: 'petition',
        purpose: 'claim',
        title: '宅基地确权结果有误',
        content: '我家宅基地确权面积比实际少了二十平方米，请重新核实。',
        name: '钱国庆',
        phone: '13600003333',
      },
      'e2e-review-000001',
    );
    const { caseId } = await answerThroughStaff(
      staff,
      SLUG,
      r.number,
      county.townA,
      '经核实，确权面积无误。',
    );
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto(`/${SLUG}/track`);
    await page.locator('#t-code').fill(r.queryCode);
    await page.locator('#t-secret').fill(r.secret);
    await page.locator('#t-secret').press('Enter');
    await expect.poll(() => page.locator('#case-h').textContent()).toBe('宅基地确权结果有误');
    await page.getByLabel('申请复查').check();
    await page.locator('#q-reason').fill('测量时我不在场，面积不对，申请复查。');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.locator('#review-h').isVisible()).toBe(true);
    expect(await page.getByText('信访部门将在收到申请后 30 日内出具意见').isVisible()).toBe(true);

    // the bureau records its opinion (the console does this through the same endpoint)
    const detail = await staff.dispatcher.get(`/api/t/${SLUG}/cases/${caseId}`);
    expect(detail.body.review.pending).toBe(true);
    const answered = await staff.dispatcher.post(`/api/t/${SLUG}/cases/${caseId}/answer-review`, {
      version: detail.body.case.version,
      decision: 'revised',
      opinion: '经复查，确权面积测量有误，责成桃源镇重新测量。',
    });
    expect(answered.status).toBe(200);
    await page.reload();
    await page.locator('#t-code').fill(r.queryCode);
    await page.locator('#t-secret').fill(r.secret);
    await page.locator('#t-secret').press('Enter');
    await expect
      .poll(() => page.locator('section[aria-labelledby="review-h"] .reply').textContent())
      .toContain('经复查，确权面积测量有误，责成桃源镇重新测量。');
    expect(await page.locator('section[aria-labelledby="review-h"] h3').textContent()).toContain(
      '撤销或变更原处理意见',
    );
    expect(await page.locator('.timeline li').last().textContent()).toContain('信访部门已出具复查意见');
    await expectAccessible(page, 'track with a review opinion');
    await expectFitsWidth(page);
  });
});

describe('a shaky connection', () => {
  it('a retried and double-tapped submission creates one case', async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    // Switching door from the header keeps the page and changes the kind.
    await page.goto(`/${SLUG}/submit?kind=inquiry`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('我要问政');
    expect(await page.getByLabel(/同意公开/).isChecked()).toBe(true);
    await page.getByRole('navigation').getByRole('link', { name: '我要投诉' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('我要投诉 / 信访');
    expect(await page.getByLabel('投诉 / 信访（不公开）').isChecked()).toBe(true);
    await page.getByLabel('意见建议').check();
    await page.locator('#f-title').fill('建议增设公交站台');
    await page.locator('#f-content').fill('杏林乡集镇到县城的公交没有站台，雨天候车很不方便，建议增设。');
    await page.locator('#f-name').fill('李桂芳');
    await page.locator('#f-phone').fill('13700001111');
    const before = await caseCount();

    // The first answer is lost on the way back (the server did create the case): the page retries
    // with the same Idempotency-Key and gets the same case back.
    let posts = 0;
    const keys = new Set<string>();
    await page.route('**/portal/cases', async (route) => {
      posts++;
      keys.add(route.request().headers()['idempotency-key'] ?? '');
      const response = await route.fetch();
      if (posts === 1) await route.abort('connectionreset');
      else await route.fulfill({ response });
    });
    await page.getByRole('button', { name: '提交' }).dblclick();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('/receipt');
    expect(posts).toBe(2);
    expect(keys.size).toBe(1);
    expect(await caseCount()).toBe(before + 1);
  });
});

describe('the public 问政 board', () => {
  it('shows a published answer, searchable, on its own page', async () => {
    // A question asked through the API (with a real captcha), answered and published by the bureau.
    const { number } = await submitByApi(
      {
        kind: 'inquiry',
        purpose: 'question',
        title: '桃源镇卫生院能否开通夜间门诊',
        content: '家里老人晚上看病不方便，请问桃源镇卫生院能否开通夜间门诊？我的电话 13812348000。',
        phone: '13812348000',
        anonymous: true,
        isPublic: true,
        categoryId: county.categoryId,
      },
      'e2e-board-question-0001',
    );
    const { caseId } = await answerThroughStaff(
      staff,
      SLUG,
      number,
      county.townA,
      '卫生院将于下月起开通夜间门诊。',
    );
    await publishThroughStaff(staff.dispatcher, SLUG, caseId);

    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto(`/${SLUG}/`);
    await expect
      .poll(() => page.locator('#recent-h + ul').textContent())
      .toContain('桃源镇卫生院能否开通夜间门诊');
    await page.getByRole('link', { name: '问政公开' }).click();
    await expect.poll(() => page.locator('.board-list li').count()).toBe(1);
    await expectAccessible(page, 'board');
    await expectFitsWidth(page);

    await page.locator('#b-q').fill('火星');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: '没有找到' }).count()).toBe(1);
    await page.locator('#b-q').fill('夜间门诊');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => page.locator('.board-list li').count()).toBe(1);
    expect(page.url()).toContain(`q=${encodeURIComponent('夜间门诊')}`);

    await page.getByRole('link', { name: '桃源镇卫生院能否开通夜间门诊' }).click();
    await expect.poll(() => page.url()).toContain(`/${SLUG}/board/${number}`);
    await expect
      .poll(() => page.locator('.answer').textContent())
      .toContain('卫生院将于下月起开通夜间门诊。');
    const all = (await page.locator('main').textContent()) ?? '';
    expect(all).not.toContain('13812348000');
    expect(all).toContain('138****8000');
    await expectAccessible(page, 'board item');
    await expectFitsWidth(page);

    // The item's address works on its own (shared link, fresh page).
    const fresh = await e.newPage();
    await fresh.goto(`/${SLUG}/board/${number}`);
    await expect.poll(() => fresh.locator('h1').textContent()).toBe('桃源镇卫生院能否开通夜间门诊');
  });

  it('an unknown page and an unknown county say so in Chinese', async () => {
    const page = await e.newPage();
    await page.goto(`/${SLUG}/nothing-here`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('页面不存在');
    await expectAccessible(page, 'not found');
    await page.goto('/no-such-county/');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('未找到该县（区）');
  });
});
