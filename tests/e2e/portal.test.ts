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

/** The tracking page of a case on a phone, looked up with its code and secret. */
async function trackOnPhone(
  r: { queryCode: string; secret: string },
  title: string,
  prepare?: (page: Page) => Promise<unknown>,
): Promise<Page> {
  const page = await e.newPage({ width: PHONE_W, height: 740 });
  await prepare?.(page);
  await page.goto(`/${SLUG}/track`);
  await page.locator('#t-code').fill(r.queryCode);
  await page.locator('#t-secret').fill(r.secret);
  await page.locator('#t-secret').press('Enter');
  await expect.poll(() => page.locator('#case-h').textContent()).toBe(title);
  return page;
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
    // the tab names the portal once; the five sections share one row on the phone
    expect(await page.title()).toBe(await page.locator('h1').textContent());
    const navTops = await page
      .getByRole('navigation')
      .locator('li')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(navTops).toHaveLength(5);
    expect(new Set(navTops).size).toBe(1);
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
    const page = await trackOnPhone(r, '宅基地确权结果有误');
    // the last day to ask is said as a date: 30 days (the county's setting) after today's answer
    const due = new Date(Date.now() + 8 * 3_600_000 + 30 * 86_400_000);
    const dueText = `${due.getUTCFullYear()}年${due.getUTCMonth() + 1}月${due.getUTCDate()}日`;
    await page.getByText(`如不服答复意见，可在${dueText}前申请复查`).waitFor();
    await page.getByLabel('申请复查').check();
    await page.locator('#q-reason').fill('测量时我不在场，面积不对，申请复查。');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.locator('#review-h').isVisible()).toBe(true);
    // and the day the opinion is due, 30 days after the request
    expect(await page.getByText(`信访部门将在${dueText}前出具意见`).isVisible()).toBe(true);

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
    const timeline = (await page.locator('.timeline').textContent()) ?? '';
    expect(timeline).toContain('您已申请复查');
    expect(timeline).not.toContain('（复核）');
    expect(await page.locator('#review-h').textContent()).toBe('复查意见');
    await expectAccessible(page, 'track with a review opinion');
    await expectFitsWidth(page);

    // at the 复核 stage the page speaks of 复核, counted from the 复查 opinion
    const lead = (await page.locator('section[aria-labelledby="req-h"] > p').textContent()) ?? '';
    expect(lead).toContain(`如不服复查意见，可在${dueText}前申请复核`);
    expect(lead).not.toContain('申请复查');
    expect(lead).not.toContain('重新办理');
    await page.getByLabel('申请复核').check();
    await page.locator('#q-reason').fill('重新测量仍未通知我到场，申请复核。');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect.poll(() => page.locator('.timeline li').last().textContent()).toContain('您已申请复核');
    expect(await page.locator('#review-h').textContent()).toBe('复查和复核意见');
    expect(await page.locator('section[aria-labelledby="review-h"] .muted').textContent()).toContain(
      '您的复核申请已收到',
    );
    // while the 复核 is in the bureau's hands nothing more is offered
    expect(await page.locator('#req-h').count()).toBe(0);
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
    expect(all).not.toContain('8000');
    expect(all).toContain('我的电话 【已隐去】。');
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
  });

  it('an unknown county gets a page of its own, with the way to the list of counties', async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto('/no-such-county/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('未找到该县（区）');
    expect(await page.getByRole('alert').textContent()).toContain('未找到该县（区）的网上信访平台');
    expect(await page.title()).toBe('未找到该县（区） · 网上信访与问政');
    // no county navigation pointing into the unknown county, no footer starting with "·"
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.locator('a[href^="/no-such-county"]').count()).toBe(0);
    expect(((await page.locator('footer').textContent()) ?? '').trim()).toMatch(/^本平台/);
    const list = page.getByRole('link', { name: '选择您所在的县（区）' });
    expect(await list.getAttribute('href')).toBe('/');
    await expectAccessible(page, 'unknown county');
    await list.click();
    await expect.poll(() => page.getByRole('link', { name: '桃花县' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('a county still being set up says it takes no submissions yet, on its home and its form', async () => {
    const root = http();
    await root.login(ROOT.login, ROOT.password);
    expect((await root.post('/api/admin/tenants', { slug: 'baishi', name: '白石县' })).status).toBe(201);
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto('/baishi/');
    await page.getByRole('heading', { name: '本县区网上信访和问政尚未开通' }).waitFor();
    expect(await page.getByRole('link', { name: /我要投诉/ }).count()).toBe(0);
    // tracking stays offered: cases already in keep their query codes
    expect(await page.getByRole('link', { name: /查询/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'county being set up');
    await page.goto('/baishi/submit?kind=petition');
    await page.getByRole('heading', { name: '本县区网上信访和问政尚未开通' }).waitFor();
    expect(await page.locator('form.form').isVisible()).toBe(false);
  });

  it("when the county's information does not load, says so and tries again", async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.route('**/portal/info', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'text/html',
        body: '<html><body>Service Unavailable</body></html>',
      }),
    );
    await page.goto(`/${SLUG}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('页面暂时无法打开');
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await page.getByRole('link', { name: '选择您所在的县（区）' }).count()).toBe(1);
    await page.unroute('**/portal/info');
    await page.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('桃花县');
    expect(await page.getByRole('navigation').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});

/** Fills the complaint form with what every submission needs. */
async function fillComplaint(page: Page, o: { title: string; phone: string }) {
  await page.getByLabel('意见建议').check();
  await page.locator('#f-title').fill(o.title);
  await page.locator('#f-content').fill('集镇农贸市场门口每天早上堵车，建议划定临时停车区域并安排人员疏导。');
  await page.locator('#f-name').fill('孙立新');
  await page.locator('#f-phone').fill(o.phone);
}

const jsonError = (status: number, code: string, message: string) => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify({ error: { code, message, requestId: 'r-test', details: [] } }),
});

describe('the 反映类型 a citizen chose', () => {
  it('survives a reload and the address: a private complaint never comes back as a public question', async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto(`/${SLUG}/submit?kind=inquiry`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('我要问政');
    // arriving by 我要问政, the purpose is 咨询 already
    expect(await page.getByLabel('咨询', { exact: true }).isChecked()).toBe(true);
    expect(await page.title()).toMatch(/^我要问政 · /);

    await page.getByLabel('投诉 / 信访（不公开）').check();
    // the address, the heading, the tab and the header follow the radio
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('petition');
    expect(await page.locator('h1').textContent()).toBe('我要投诉 / 信访');
    expect(await page.title()).toMatch(/^我要投诉 \/ 信访 · /);
    expect(
      await page.getByRole('navigation').getByRole('link', { name: '我要投诉' }).getAttribute('aria-current'),
    ).toBe('page');
    await page.locator('#f-title').fill('邻居私搭乱建影响采光');
    await page.waitForTimeout(400); // the draft is saved 300 ms after the last keystroke

    await page.reload();
    await expect.poll(() => page.locator('#f-title').inputValue()).toBe('邻居私搭乱建影响采光');
    expect(await page.getByLabel('投诉 / 信访（不公开）').isChecked()).toBe(true);
    expect(await page.getByLabel(/同意公开/).count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('我要投诉 / 信访');

    // an old link or the home page's 我要问政 door does not turn the saved complaint public either
    await page.goto(`/${SLUG}/submit?kind=inquiry`);
    await expect.poll(() => page.locator('#f-title').inputValue()).toBe('邻居私搭乱建影响采光');
    expect(await page.getByLabel('投诉 / 信访（不公开）').isChecked()).toBe(true);
    await expect.poll(() => new URL(page.url()).searchParams.get('kind')).toBe('petition');
    expect(await page.getByRole('status').filter({ hasText: '已恢复' }).textContent()).toContain(
      '投诉 / 信访',
    );
  });

  it('counts characters as the server does: an emoji is one', async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto(`/${SLUG}/submit?kind=petition`);
    await page.locator('#f-content').fill('😀'.repeat(12));
    expect(await page.locator('#f-content-counter').textContent()).toContain('已输入 12 字');
    // 60 characters of two UTF-16 units each fit the title and pass the check; 61 do not
    await page.locator('#f-title').fill('🚧'.repeat(60));
    expect(Array.from(await page.locator('#f-title').inputValue())).toHaveLength(60);
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.locator('.error-summary').isVisible()).toBe(true);
    expect(await page.locator('#f-title-error').count()).toBe(0);
    await page.locator('#f-title').fill(`${'修'.repeat(58)}🚧🚧🚧`);
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.locator('#f-title-error').textContent()).toBe('标题不能超过 60 个字');
  });
});

describe('a submission that did not go through', () => {
  it('is sent under a new key once edited, and the receipt shows what the server answered', async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto(`/${SLUG}/submit?kind=petition`);
    await fillComplaint(page, { title: '农贸市场门口早上堵车', phone: '13700002001' });
    const keys: string[] = [];
    let answered: { number: string; queryCode: string; secret: string } | null = null;
    await page.route('**/portal/cases', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length <= 2)
        return route.fulfill(jsonError(429, 'RATE_LIMITED', '提交过于频繁，请 1 分钟后再试。'));
      const response = await route.fetch();
      answered = await response.json();
      // the server's time of intake, not the phone's clock, dates the receipt
      await route.fulfill({
        response,
        json: { ...answered, receivedAt: Date.UTC(2025, 0, 2, 3, 4, 5) },
      });
    });
    const send = page.getByRole('button', { name: '提交' });
    await send.click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('提交过于频繁');
    await send.click(); // nothing changed: the same submission, the same key
    await expect.poll(() => keys.length).toBe(2);
    expect(keys[1]).toBe(keys[0]);
    await page.locator('#f-title').fill('农贸市场门口早上堵车严重');
    await send.click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('/receipt');
    expect(keys).toHaveLength(3);
    expect(keys[2]).not.toBe(keys[0]);
    expect(answered).not.toBeNull();
    const a = answered!;
    expect(await page.locator('#receipt-number').textContent()).toBe(a.number);
    expect(await page.locator('#receipt-query-code').textContent()).toBe(a.queryCode);
    expect(await page.locator('#receipt-secret').textContent()).toBe(a.secret);
    expect(await page.locator('#receipt-at').textContent()).toBe('2025年1月2日 11:04');
    expect(await page.locator('.receipt').textContent()).toContain('农贸市场门口早上堵车严重');
    expect(await page.locator('.receipt').textContent()).toContain('登记编号');
  });

  it('a key the server holds for another body is replaced once, and one case is made', async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto(`/${SLUG}/submit?kind=petition`);
    await fillComplaint(page, { title: '集镇路口缺少红绿灯', phone: '13700002002' });
    const before = await caseCount();
    const keys: string[] = [];
    await page.route('**/portal/cases', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1)
        return route.fulfill(jsonError(422, 'IDEMPOTENCY_MISMATCH', '该提交标识已用于其他内容'));
      return route.fulfill({ response: await route.fetch() });
    });
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('/receipt');
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
    expect(await caseCount()).toBe(before + 1);
  });

  it('an answer that is not the server\'s says what it means, not "网络连接失败"', async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.goto(`/${SLUG}/submit?kind=petition`);
    await fillComplaint(page, { title: '公园厕所无人打扫', phone: '13700002003' });
    const pages: Record<number, string> = {
      413: '<html><body><h1>413 Request Entity Too Large</h1><hr>nginx</body></html>',
      403: '<html><body>Access denied by WAF</body></html>',
    };
    let status = 413;
    await page.route('**/portal/cases', (route) =>
      route.fulfill({ status, contentType: 'text/html', body: pages[status] }),
    );
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('过大');
    expect(await page.getByRole('alert').textContent()).not.toContain('网络连接失败');
    status = 403;
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('请求被拒绝');
  });
});

describe('the receipt on a shared phone', () => {
  it('stays in this tab for an hour, prints where to track the case, and can be cleared', async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    const first = await submitByApi(
      {
        kind: 'petition',
        purpose: 'help',
        title: '独居老人家中漏水',
        content: '独居老人家里屋顶漏水，无力维修，请帮忙联系。',
        name: '周秀兰',
        phone: '13700002004',
      },
      'e2e-receipt-first-0001',
    );
    await page.goto(`/${SLUG}/submit?kind=petition`);
    // this tab made a receipt earlier (as the page does after a submission)
    await page.evaluate(
      ([slug, r]) =>
        sessionStorage.setItem(
          `minsheng:receipts:${slug}`,
          JSON.stringify([
            { ...r, kind: 'petition', title: '独居老人家中漏水', at: null, keptAt: Date.now() },
          ]),
        ),
      [SLUG, first] as const,
    );
    // what an earlier version left on the device for good is removed
    await page.evaluate((slug) => localStorage.setItem(`minsheng:receipt:${slug}`, '{"secret":"old"}'), SLUG);
    await fillComplaint(page, { title: '村口垃圾清运不及时', phone: '13700002005' });
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).toContain('/receipt');
    await expect.poll(() => page.locator('.receipt').textContent()).toContain('村口垃圾清运不及时');
    // nothing of it on the device for good
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('receipt')));
    expect(kept).toEqual([]);
    // the first case is not overwritten: it is still one tap away
    await page.getByRole('button', { name: `查看回执 ${first.number}` }).click();
    expect(await page.locator('#receipt-secret').textContent()).toBe(first.secret);

    // printed: where to track it, and no "只显示在本页"
    const trackUrl = `${e.baseUrl}/${SLUG}/track`;
    expect(await page.locator('#receipt-track-url').textContent()).toBe(trackUrl);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#receipt-track-url').isVisible()).toBe(true);
    expect(await page.locator('#receipt-h').textContent()).toContain('提交回执');
    expect(await page.locator('#receipt-h').isVisible()).toBe(true);
    expect(await page.getByText('请妥善保管本回执').isVisible()).toBe(true);
    expect(await page.getByText(/只在提交后显示/).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // another tab of the same phone sees none
    const other = await page.context().newPage();
    await other.goto(`/${SLUG}/receipt`);
    await expect.poll(() => other.locator('h1').textContent()).toBe('提交回执');
    expect(await other.locator('main').textContent()).not.toContain(first.secret);

    // an hour later this tab forgets it too
    await page.evaluate((slug) => {
      const k = `minsheng:receipts:${slug}`;
      const list = JSON.parse(sessionStorage.getItem(k) ?? '[]');
      for (const r of list) r.keptAt -= 61 * 60 * 1000;
      sessionStorage.setItem(k, JSON.stringify(list));
    }, SLUG);
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('提交回执');
    expect(
      await page.evaluate((slug) => sessionStorage.getItem(`minsheng:receipts:${slug}`), SLUG),
    ).toBeNull();
  });
});

describe('after an unsatisfied rating', () => {
  it('offers 重新办理 first, and after each step puts the confirmation in view with the focus', async () => {
    const r = await submitByApi(
      {
        kind: 'petition',
        purpose: 'claim',
        title: '拆迁补偿款迟迟未发',
        content: '去年签的拆迁协议，补偿款到现在还没有发放，请督促有关部门尽快兑现。',
        name: '吴建华',
        phone: '13700002006',
      },
      'e2e-rework-focus-0001',
    );
    await answerThroughStaff(staff, SLUG, r.number, county.townA, '补偿款正在走审批流程。');
    const page = await trackOnPhone(r, '拆迁补偿款迟迟未发');

    // before rating only 复查 is open, and the text says how 重新办理 is reached
    const lead = page.locator('section[aria-labelledby="req-h"] > p');
    expect(await lead.textContent()).toContain('请先在上方评价中选择“不满意”');
    expect(await page.getByLabel('申请重新办理').count()).toBe(0);

    const inView = () =>
      page.evaluate(() => {
        const el = document.activeElement!;
        const box = el.getBoundingClientRect();
        return { id: el.id, visible: box.top >= 0 && box.bottom <= window.innerHeight, text: el.textContent };
      });
    await page
      .getByRole('group', { name: /^对桃源镇的评价/ })
      .getByLabel('不满意')
      .check();
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect.poll(inView).toEqual({ id: 'track-notice', visible: true, text: '感谢您的评价。' });
    expect(await page.getByLabel('申请重新办理').isChecked()).toBe(true);
    expect(await lead.textContent()).toContain('您可以申请重新办理');

    await page.locator('#q-reason').fill('审批流程走了半年了，请重新办理。');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect
      .poll(inView)
      .toEqual({ id: 'track-notice', visible: true, text: '您的申请已提交，信访部门将依规处理。' });
    // while the rework is in hand, it is not asked twice; the 30 days for 复查 run on, so 复查 stays
    expect(await page.getByLabel('申请重新办理').count()).toBe(0);
    expect(await page.getByLabel('申请复查').isChecked()).toBe(true);
    expect(await page.locator('.info-box').textContent()).toContain('您已申请重新办理');
    expect(await page.locator('.info-box').textContent()).toContain('仍可在期限内申请复查');
    expect(await page.locator('.timeline li').last().textContent()).toContain('您已申请重新办理');
    await expectAccessible(page, 'track with a rework pending');
  });
});

describe('a complaint merged into another', () => {
  /** The dispatcher merges the later case into the earlier, as after confirming a repeat. */
  async function merge(later: string, earlier: string) {
    const find = async (n: string) =>
      (await staff.dispatcher.get(`/api/t/${SLUG}/cases?q=${n}`)).body.items.find(
        (c: { number: string }) => c.number === n,
      );
    const [b, a] = [await find(later), await find(earlier)];
    const r = await staff.dispatcher.post(`/api/t/${SLUG}/cases/${b.id}/merge`, {
      version: b.version,
      intoCaseId: a.id,
    });
    if (r.status !== 200) throw new Error(`merge: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const complaint = (name: string, phone: string) => ({
    kind: 'petition',
    purpose: 'claim',
    title: '桃源镇集贸市场污水外溢',
    content: '桃源镇集贸市场的下水道堵了一个多月，污水流到路上，气味很大，请尽快疏通。',
    name,
    phone,
  });

  it("of another person: says which case and how far it is, but not that person's answer", async () => {
    const a = await submitByApi(complaint('郑春生', '13600002001'), 'e2e-merged-other-0001');
    const b = await submitByApi(complaint('冯秋月', '13600002002'), 'e2e-merged-other-0002');
    await merge(b.number, a.number);
    await answerThroughStaff(staff, SLUG, a.number, county.townA, '郑春生同志：下水道已于本周疏通。');
    const page = await trackOnPhone(b, '桃源镇集贸市场污水外溢');
    const merged = page.locator('section[aria-labelledby="merged-h"]');
    const text = (await merged.textContent()) ?? '';
    expect(text).toContain(`与编号 ${a.number} 的事项是同一事项`);
    expect(text).toContain('已答复');
    expect(text).toMatch(/桃源镇：已于 \d{4}年\d{1,2}月\d{1,2}日 答复/);
    expect(text).toContain('携带本人身份证件');
    expect(text).toContain('不能在这里评价');
    expect(await page.locator('.timeline li').last().textContent()).toContain(
      `已与编号 ${a.number} 的同一事项合并办理`,
    );
    expect(await page.locator('section[aria-labelledby="rep-h"]').textContent()).toContain(
      `答复在编号 ${a.number} 的事项中作出`,
    );
    const all = (await page.locator('main').textContent()) ?? '';
    expect(all).not.toContain('郑春生');
    expect(all).not.toContain('下水道已于本周疏通');
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await expectAccessible(page, "track a case merged into another person's");
    await expectFitsWidth(page);
  });

  it('filed with the same phone: points to that case and its own code, shows and rates nothing of it', async () => {
    const a = await submitByApi(complaint('褚晓东', '13600002003'), 'e2e-merged-same-0001');
    const b = await submitByApi(complaint('褚晓东', '13600002003'), 'e2e-merged-same-0002');
    await merge(b.number, a.number);
    await answerThroughStaff(staff, SLUG, a.number, county.townA, '褚晓东同志：下水道已于本周疏通。');
    const page = await trackOnPhone(b, '桃源镇集贸市场污水外溢');
    const card = (await page.locator('section[aria-labelledby="merged-h"]').textContent()) ?? '';
    expect(card).toContain(a.number);
    expect(card).toContain('请用该件的查询码和查询密码查询');
    expect(await page.locator('.reply').count()).toBe(0);
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await expectAccessible(page, 'track a case merged into one with the same phone');
    await expectFitsWidth(page);
    // the first case's own code reads and rates the answer
    const first = await trackOnPhone(a, '桃源镇集贸市场污水外溢');
    expect(await first.locator('.reply').textContent()).toContain('下水道已于本周疏通。');
    expect(await first.getByRole('button', { name: '提交评价' }).count()).toBe(1);
  });
});

describe('the 答复意见书 on a phone', () => {
  it('has its own 打印 button, prints itself, and a blocked window keeps the citizen on the page', async () => {
    const r = await submitByApi(
      {
        kind: 'petition',
        purpose: 'suggestion',
        title: '建议在小学门口设置减速带',
        content: '小学门口车速太快，上下学时段很危险，建议设置减速带和警示标志。',
        name: '郑春梅',
        phone: '13700002007',
      },
      'e2e-paper-print-0001',
    );
    await answerThroughStaff(staff, SLUG, r.number, county.townA, '已安排在校门口设置减速带。');
    // count the print calls of every page of this phone, the paper's window included
    const page = await trackOnPhone(r, '建议在小学门口设置减速带', (p) =>
      p.context().addInitScript(() => {
        const w = window as unknown as { printed: number; print: () => void };
        w.printed = 0;
        w.print = () => {
          w.printed++;
        };
      }),
    );

    const [sheet] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByRole('button', { name: '打印答复意见书（桃源镇）' }).click(),
    ]);
    await sheet.getByRole('heading', { name: '信访事项答复意见书' }).waitFor();
    const button = sheet.getByRole('button', { name: '打印' });
    expect(await button.isVisible()).toBe(true);
    await expect.poll(() => sheet.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await button.click();
    expect(await sheet.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(2);
    // the paper fits the phone, and the button is not printed
    expect(await sheet.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await sheet.emulateMedia({ media: 'print' });
    expect(await button.isVisible()).toBe(false);
    await sheet.close();

    // a browser that blocks the window: the page stays and says so
    const at = page.url();
    await page.evaluate(() => {
      window.open = () => null;
    });
    await page.getByRole('button', { name: '打印答复意见书（桃源镇）' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('没有打开新窗口');
    expect(page.url()).toBe(at);
    expect(await page.locator('#case-h').textContent()).toBe('建议在小学门口设置减速带');
    const link = page.getByRole('link', { name: '打开答复意见书' });
    expect(await link.getAttribute('href')).toMatch(/^blob:.*#print$/);
  });
});

describe('the home page when the answers do not load', () => {
  it('says so, not "暂无公开的答复", and tries again', async () => {
    const page = await e.newPage({ width: PHONE_W, height: 740 });
    await page.route('**/portal/board*', (route) =>
      route.fulfill({
        status: 502,
        contentType: 'text/html',
        body: '<html><body>502 Bad Gateway</body></html>',
      }),
    );
    await page.goto(`/${SLUG}/`);
    const recent = page.locator('section[aria-labelledby="recent-h"]');
    await expect.poll(() => recent.getByRole('alert').textContent()).toContain('服务暂时不可用');
    expect(await recent.textContent()).not.toContain('暂无公开的答复');
    await page.unroute('**/portal/board*');
    await recent.getByRole('button', { name: '重试' }).click();
    await expect.poll(() => recent.getByRole('alert').count()).toBe(0);
    await expect.poll(() => recent.locator('li').count()).toBeGreaterThan(0);
  });
});
