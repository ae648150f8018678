// A citizen's walk on a 360 px phone, the parts the portal's main walk does not take: a query code
// written down wrong by one character (a misread 0/O/1/I/L is said at the field, without a lookup),
// the code typed with a Chinese input method in full-width mode (全角), the tracking page saying who
// owes the next step and by when (the receipt says the first deadline), and a draft kept for days whose category the county has retired
// since, which must still go through.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, apiCall, expectAccessible, ROOT, startE2E, type E2E } from './harness';

const SLUG = 'qingxi';
const PASSWORD = 'Walk#2026pass';
let e: E2E;
let rootCookie = '';

beforeAll(async () => {
  e = await startE2E({ PORTAL_CAPTCHA: '0' });
  rootCookie = (await apiCall(e, 'POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password }))
    .cookie;
  const t = (await apiCall(e, 'POST', '/api/admin/tenants', { slug: SLUG, name: '清溪县' }, rootCookie)).data;
  await apiCall(e, 'POST', `/api/t/${SLUG}/units`, { name: '清溪镇', kind: 'township' }, rootCookie);
  await apiCall(e, 'POST', `/api/t/${SLUG}/categories`, { name: '城乡建设' }, rootCookie);
  await addStaff(e, SLUG, rootCookie, {
    login: 'dispatcher',
    name: '分派员',
    role: 'dispatcher',
    unitId: t.bureauUnitId,
    password: PASSWORD,
  });
});
afterAll(async () => {
  await e?.stop();
});

const phone = () => e.newPage({ width: 360, height: 740 });

async function fileByApi(): Promise<{ number: string; queryCode: string; secret: string }> {
  const res = await fetch(`${e.baseUrl}/api/t/${SLUG}/portal/cases`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `walk-${Date.now()}-${Math.random()}`.replace('.', ''),
    },
    body: JSON.stringify({
      kind: 'petition',
      purpose: 'claim',
      title: '村口道路破损',
      content: '村口的水泥路破了好几个大坑，老人小孩走路容易摔倒，请尽快修一修。',
      name: '王守田',
      phone: '13912340001',
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { number: string; queryCode: string; secret: string };
}

/** Counts the page's lookups, so a check made on the phone can be told from one the server made. */
function countLookups(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/portal/track')) n++;
  });
  return () => n;
}

describe('an elderly villager tracking the case from the paper receipt', () => {
  it('wrote an O for a letter the code never has: told so at the field, no lookup spent', async () => {
    const r = await fileByApi();
    const page = await phone();
    const lookups = countLookups(page);
    await page.goto(`/${SLUG}/track`);
    const wrong = `${r.queryCode.slice(0, 4)}O${r.queryCode.slice(5)}`;
    await page.locator('#t-code').fill(wrong);
    await page.locator('#t-secret').fill(r.secret);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect
      .poll(() => page.locator('#t-code-error').textContent())
      .toContain('没有数字 0、1 和字母 O、I、L');
    // the field says what is wrong, is marked invalid, and has the focus
    expect(await page.locator('#t-code').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#t-code').getAttribute('aria-describedby')).toContain('t-code-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('t-code');
    expect(lookups()).toBe(0);
    await expectAccessible(page, 'track form, misread code');

    // a short one, and a secret that is not six digits
    await page.locator('#t-code').fill(r.queryCode.slice(0, 9));
    await page.locator('#t-secret').fill(`${r.secret}7`);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.locator('#t-code-error').textContent()).toContain('您输入了 9 位');
    expect(await page.locator('#t-secret-error').textContent()).toContain('6 位数字');
    expect(lookups()).toBe(0);
  });

  it('typed in full-width (全角) with a space: finds the case, and reads who owes what by when', async () => {
    const r = await fileByApi();
    const page = await phone();
    await page.goto(`/${SLUG}/track`);
    const wide = (s: string) => [...s].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
    await page
      .locator('#t-code')
      .fill(`${wide(r.queryCode.slice(0, 5).toLowerCase())} ${wide(r.queryCode.slice(5))}`);
    await page.locator('#t-secret').fill(wide(r.secret));
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => page.locator('#case-h').textContent()).toBe('村口道路破损');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-h');
    await page.getByRole('heading', { name: '办理期限' }).waitFor();
    expect(await page.locator('#progress-route').textContent()).toMatch(
      /^信访部门应于 \d{4}年\d{1,2}月\d{1,2}日 前把您反映的事项转交办理单位。$/,
    );
    await expectAccessible(page, 'tracking page of a new case');
  });
});

describe('a draft kept on the phone for days', () => {
  it('whose category the county has retired since still goes through', async () => {
    const page = await phone();
    await page.addInitScript((slug) => {
      if (localStorage.getItem(`minsheng:draft:${slug}`) !== null || sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(
        `minsheng:draft:${slug}`,
        JSON.stringify({
          v: 1,
          key: 'd-0123456789abcdef0123456789abcdef',
          kind: 'petition',
          purpose: 'claim',
          categoryId: 'retired-category-id',
          townshipUnitId: 'retired-township-id',
          address: '',
          title: '村口道路破损',
          content: '村口的水泥路破了好几个大坑，老人小孩走路容易摔倒，请尽快修一修。',
          name: '王守田',
          anonymous: false,
          phone: '13912340002',
          idNumber: '',
          isPublic: false,
          files: [],
        }),
      );
    }, SLUG);
    await page.goto(`/${SLUG}/submit`);
    await page.getByText('已恢复您上次未提交完的内容').waitFor();
    expect(await page.locator('#f-title').inputValue()).toBe('村口道路破损');
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain('/receipt');
    await page.locator('#receipt-query-code').waitFor();
    // what happens next, and by when, is said on the receipt itself
    expect(await page.locator('#receipt-next').textContent()).toMatch(
      /^接下来：信访部门应于 \d{4}年\d{1,2}月\d{1,2}日 前把您反映的事项转交办理单位/,
    );
    await expectAccessible(page, 'receipt');
  });
});
