// 登记来件 as a bureau clerk who types in forty letters and calls a day meets it, in a real browser:
// a letter registered with Tab, typing and Enter alone (the township and category picked by typing
// part of their Chinese names), and its 登记回执; a wrong phone or ID number (checked by the
// server's rules, ID checksum included) and a problem only the server finds, each shown under its
// field, focused and announced; the draft surviving a reload and gone after success; the next
// letter of the pile keeping its channel and day; a transfer with the higher level's deadline on a
// 390 px phone without sideways scrolling; the caller's earlier cases shown while the phone is typed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIdNumber } from '../../workers/domain/masking';
import { apiCall, consoleLogin, type E2E, expectAccessible, ROOT, startE2E, holdRequests } from './harness';

const SLUG = 'e2e-register';
const PASSWORD = 'Test#2026pass';
/** GB 11643's own example: a real birth date and the right check character */
const ID = '11010519491231002X';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
let e2e: E2E;
let bureau = '';
const units: Record<string, string> = {};
const cats: Record<string, string> = {};

const call = (method: string, path: string, body?: unknown, cookie = bureau) =>
  apiCall(e2e, method, path, body, cookie);
/** A day in the county's zone, n days before today, as YYYY-MM-DD. */
const dayAgo = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(Date.now() - n * 86_400_000);
/** The county administrator sets which kinds may be anonymous (null: the defaults again). */
async function setAnonymousAllowed(value: Record<string, boolean> | null) {
  const root = (await call('POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password }, ''))
    .cookie;
  const { version } = (await call('GET', `/api/t/${SLUG}/settings`)).data;
  await call('PATCH', `/api/t/${SLUG}/settings`, { version, patch: { anonymousAllowed: value } }, root);
}
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const draftText = (page: Page) =>
  page.evaluate(() =>
    Object.keys(sessionStorage)
      .filter((k) => k.includes('register'))
      .map((k) => sessionStorage.getItem(k))
      .join('\n'),
  );

beforeAll(async () => {
  e2e = await startE2E();
  const root = (await call('POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password }, ''))
    .cookie;
  await call('POST', '/api/admin/tenants', { slug: SLUG, name: '登记县' }, root);
  for (const name of ['东山镇', '西水乡', '北坡镇'])
    units[name] = (await call('POST', `/api/t/${SLUG}/units`, { name, kind: 'township' }, root)).data.id;
  const top = (await call('POST', `/api/t/${SLUG}/categories`, { name: '城乡建设' }, root)).data.id;
  cats.城乡建设 = top;
  for (const name of ['物业管理', '住房保障'])
    cats[name] = (await call('POST', `/api/t/${SLUG}/categories`, { name, parentId: top }, root)).data.id;
  cats.农村农业 = (await call('POST', `/api/t/${SLUG}/categories`, { name: '农村农业' }, root)).data.id;
  const dispatcher = { login: `${SLUG}.dispatcher`, password: PASSWORD, name: '林晓岚', role: 'dispatcher' };
  await call('POST', `/api/t/${SLUG}/users`, { ...dispatcher, mustChangePassword: false }, root);
  bureau = (await call('POST', '/api/auth/login', { login: dispatcher.login, password: PASSWORD }, ''))
    .cookie;
  expect(isValidIdNumber(ID)).toBe(true);
});
afterAll(async () => e2e?.stop());

describe('登记来件 at the bureau desk', () => {
  it('registers a letter with Tab, typing and Enter alone, and hands over its 登记回执', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.keyboard.press('Alt+N');
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    await expect.poll(() => focusedId(page)).toBe('f-name');
    await expectAccessible(page, 'register');

    // back up to the channel: name ← 信访目的 ← 件类型 ← 收件日期 ← 来源渠道 (one stop each)
    for (const id of ['f-purpose', 'f-kind', 'f-receivedAt', 'f-channel']) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusedId(page)).toBe(id);
    }
    await page.keyboard.press('ArrowDown'); // 电话/12345 → 来信
    expect(await page.locator('#f-channel').inputValue()).toBe('letter');
    await page.keyboard.press('Tab');
    const received = dayAgo(3);
    const [, m, d] = received.split('-').map(Number);
    await page.keyboard.type(`${m}-${d}`); // the year left out, as clerks write it
    for (const id of ['f-kind', 'f-purpose', 'f-name']) {
      await page.keyboard.press('Tab');
      expect(await focusedId(page)).toBe(id);
    }
    expect(await page.locator('#f-receivedAt').inputValue()).toBe(received);
    await page.keyboard.type('陶建军');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0591-87654321');
    await page.keyboard.press('Tab');
    await page.keyboard.type(ID.toLowerCase());
    await page.keyboard.press('Tab'); // 人数 (a 信访事项 here cannot be anonymous: no 匿名 stop)
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('f-townshipUnitId');
    await page.keyboard.type('西水');
    await page.getByRole('option', { name: '西水乡' }).waitFor();
    await page.keyboard.press('Enter');
    expect(await page.locator('#f-townshipUnitId').inputValue()).toBe('西水乡');
    await page.keyboard.press('Tab');
    await page.keyboard.type('西水乡杨柳村三组');
    await page.keyboard.press('Tab');
    await page.keyboard.type('来信反映村里灌溉水渠年久失修，春耕在即，请求尽快修缮。');
    await page.keyboard.press('Tab'); // 标题: left empty
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('f-categoryId');
    await page.keyboard.type('物业');
    await page.getByRole('option', { name: '城乡建设 / 物业管理' }).waitFor();
    await expectAccessible(page, 'register, category list open');
    await page.keyboard.press('Enter'); // takes the highlighted category, does not save
    expect(await page.locator('#f-categoryId').inputValue()).toBe('城乡建设 / 物业管理');
    expect(page.url()).toContain('/register');
    await page.keyboard.press('Enter'); // the list closed: Enter saves

    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: /转送\/交办/ }).waitFor();
    await page.keyboard.press('Escape');
    const slip = page.getByRole('region', { name: '登记回执' });
    const queryCode = (await slip.locator('dd').nth(0).textContent())!.trim();
    expect(queryCode).toMatch(/^\w{6,}$/);
    // nobody's details are left in the browser once the server has the case
    expect(await draftText(page)).not.toContain('陶建军');

    const id = page.url().split('/cases/')[1]!.split('?')[0]!;
    const c = (await call('GET', `/api/t/${SLUG}/cases/${id}`)).data.case;
    expect(c.channel).toBe('letter');
    expect(c.townshipUnitId).toBe(units.西水乡);
    expect(c.categoryId).toBe(cats.物业管理);
    expect(c.title).toBe('来信反映村里灌溉水渠年久失修，春耕在即，请求尽快修缮。'.slice(0, 30));
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(c.receivedAt)).toBe(
      received,
    );
    await page.context().close();
  });

  it('keeps a problem under its field, focused and announced, keeps the draft through a reload, and clears it on success', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/register`);
    await expect.poll(() => focusedId(page)).toBe('f-name');
    await page.keyboard.type('周美玲');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1391111222'); // a digit short
    await page.keyboard.press('Tab');
    await page.keyboard.type('110105194912310021'); // wrong check character
    await page.getByLabel('诉求内容').fill('小区电梯故障一个多月，物业一直不修。');
    await page.getByLabel('姓名').press('Enter');

    // the first problem is focused, described by its message, and the whole is announced
    await expect.poll(() => focusedId(page)).toBe('f-phone');
    const phone = page.getByRole('textbox', { name: '联系电话' });
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect(await phone.getAttribute('aria-describedby')).toContain('f-phone-error');
    expect(await page.locator('#f-phone-error').textContent()).toContain('电话号码格式不正确');
    expect(await page.locator('#f-idNumber-error').textContent()).toContain('校验码');
    expect(await page.getByRole('alert').filter({ hasText: '有 2 处需要修改' }).count()).toBe(1);
    // nothing typed was lost
    expect(await page.getByLabel('姓名').inputValue()).toBe('周美玲');
    await expectAccessible(page, 'register with problems');

    // fixed one by one: each message goes as its field is put right
    await phone.fill('139 1111 2222');
    await page.getByLabel('身份证号').fill(ID);
    await page.getByLabel('身份证号').blur();
    expect(await page.locator('#f-phone-error').count()).toBe(0);
    expect(await page.locator('#f-idNumber-error').count()).toBe(0);

    // a problem only the server finds (a letter over a year old) comes back under its field
    await page.getByLabel('收件日期').fill(dayAgo(400));
    await page.getByLabel('姓名').press('Enter');
    await page
      .locator('#f-receivedAt-error')
      .getByText(/不能早于一年前/)
      .waitFor();
    await expect.poll(() => focusedId(page)).toBe('f-receivedAt');

    // a scan still uploading when Enter is pressed: the letter waits for it, said under the file field
    await page.getByLabel('收件日期').fill(dayAgo(1));
    const release = await holdRequests(page, '**/attachments');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '来信扫描件.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('status').filter({ hasText: '正在上传 来信扫描件.pdf' }).waitFor();
    await page.getByLabel('姓名').press('Enter');
    await page.locator('#f-files-error').getByText('附件正在上传').waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '有 1 处需要修改：附件正在上传' }).count()).toBe(
      1,
    );
    release();
    await page.getByRole('list', { name: '待提交的附件' }).getByText('来信扫描件.pdf').waitFor();
    expect(await page.locator('#f-files-error').count()).toBe(0);
    await page.unroute('**/attachments');

    // an accidental reload: everything is still there
    await page.reload();
    await page.getByText('已恢复您上次未提交的内容。').waitFor();
    expect(await page.getByLabel('姓名').inputValue()).toBe('周美玲');
    expect(await page.getByLabel('联系电话').inputValue()).toBe('139 1111 2222');
    expect(await page.getByLabel('诉求内容').inputValue()).toBe('小区电梯故障一个多月，物业一直不修。');

    // the next letter of the pile: saved, its slip shown here, the form clear but for channel and day
    await page.getByLabel('来源渠道').selectOption('visit');
    await page.getByLabel('收件日期').fill(dayAgo(1));
    await page.getByLabel('诉求内容').press('Control+Shift+Enter');
    const slip = page.getByRole('region', { name: '登记回执' });
    await slip.waitFor();
    expect(await slip.locator('dd').nth(1).textContent()).toMatch(/\w{6,}/);
    await expect.poll(() => focusedId(page)).toBe('f-name');
    expect(await page.getByLabel('姓名').inputValue()).toBe('');
    expect(await page.getByLabel('诉求内容').inputValue()).toBe('');
    expect(await page.getByLabel('来源渠道').inputValue()).toBe('visit');
    expect(await page.getByLabel('收件日期').inputValue()).toBe(dayAgo(1));
    const left = await draftText(page);
    for (const personal of ['周美玲', '139 1111 2222', ID, '电梯']) expect(left).not.toContain(personal);
    await expectAccessible(page, 'register, slip of the last case');
    const number = (await slip.getByRole('link').first().textContent())!.trim();
    const listed = (await call('GET', `/api/t/${SLUG}/cases?q=${encodeURIComponent(number)}`)).data.items;
    expect(listed[0].channel).toBe('visit');

    // a reload now finds no draft to restore
    await page.reload();
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    expect(await page.getByText('已恢复您上次未提交的内容。').count()).toBe(0);
    expect(await page.getByRole('region', { name: '登记回执' }).count()).toBe(0);
    await page.context().close();
  });

  it('offers 匿名 only for the kinds the county allows it for, and takes it back when the kind changes', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/register`);
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    const anonymous = page.getByRole('checkbox', { name: '匿名' });
    // the county's defaults: a 信访事项 must be named, a 网上问政 may be anonymous
    await page.getByText('该类事项须实名反映').waitFor();
    expect(await anonymous.count()).toBe(0);
    await page.getByLabel('件类型').selectOption('inquiry');
    await anonymous.waitFor();
    expect(await page.getByText('该类事项须实名反映').count()).toBe(0);
    await anonymous.check();
    expect(await page.getByLabel('姓名').isDisabled()).toBe(true);
    await expectAccessible(page, 'register, 匿名 offered');
    // back to 信访事项: the choice goes and the name can be typed again
    await page.getByLabel('件类型').selectOption('petition');
    await page.getByText('该类事项须实名反映').waitFor();
    expect(await anonymous.count()).toBe(0);
    expect(await page.getByLabel('姓名').isDisabled()).toBe(false);
    // a county that allows it for 信访事项 too: offered there
    await setAnonymousAllowed({ petition: true });
    await page.reload();
    await anonymous.waitFor();
    expect(await page.getByLabel('件类型').inputValue()).toBe('petition');
    expect(await page.getByText('该类事项须实名反映').count()).toBe(0);
    await setAnonymousAllowed(null);
    await page.context().close();
  });

  it('a county that stops 匿名 while the form is open: the refusal takes the choice away and asks for the name, and the letter saves named', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    await page.goto(`${e2e.baseUrl}/console/register`);
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    await page.getByLabel('件类型').selectOption('inquiry');
    const anonymous = page.getByRole('checkbox', { name: '匿名' });
    await anonymous.check();
    await page.getByLabel('诉求内容').fill('村口的路灯什么时候能修好？');
    // meanwhile the administrator: 网上问政 must be named from now on
    await setAnonymousAllowed({ inquiry: false });
    await page.getByRole('button', { name: '保存并转送（Enter）' }).click();
    // the server's refusal stands under the field; the choice is gone and the name is asked for
    await page.locator('#f-anonymous-error').getByText('该类事项须实名反映').waitFor();
    await page.getByText('该类事项须实名反映，不能匿名登记。').waitFor();
    expect(await anonymous.count()).toBe(0);
    await expect.poll(() => focusedId(page)).toBe('f-name');
    expect(await page.getByLabel('姓名').isDisabled()).toBe(false);
    await page.getByLabel('姓名').fill('周明远');
    await page.getByRole('button', { name: '保存并转送（Enter）' }).click();
    await page.waitForURL(/\/cases\/[^/?]+\?registered=1/);
    await setAnonymousAllowed(null);
    await page.context().close();
  });

  it('on a 390 px phone: a transfer with the higher level’s deadline, the caller’s earlier case shown, nothing scrolls sideways', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD, { width: 390, height: 844 });
    await page.goto(`${e2e.baseUrl}/console/register`);
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBe(0);

    await page.getByLabel('来源渠道').selectOption('transfer');
    const due = dayAgo(-20);
    await page.getByLabel('上级要求办结日期').fill(due);
    await page.getByLabel('姓名').fill('周美玲');
    await page.getByLabel('联系电话').fill('13911112222');
    // the caller has been here before (the visit above): the earlier case is named as she is typed in
    const history = page.locator('#petitioner-history');
    await history.getByText(/此联系电话已有 1 件来件登记/).waitFor();
    await history.getByText('小区电梯故障一个多月').waitFor();
    await page.getByRole('combobox', { name: '所在乡镇（街道）' }).fill('坡');
    await page.getByRole('option', { name: '北坡镇' }).waitFor();
    expect(await overflow()).toBe(0);
    await page.keyboard.press('Enter');
    expect(await page.getByRole('combobox', { name: '所在乡镇（街道）' }).inputValue()).toBe('北坡镇');
    await page.getByLabel('诉求内容').fill('市信访局转来：小区电梯仍未修复，请限期办结并报结果。');
    await page.getByRole('button', { name: /保存并转送/ }).click();
    await page.getByLabel('上级要求办结日期').waitFor({ state: 'detached' });
    expect(await overflow()).toBe(0);
    const id = page.url().split('/cases/')[1]!.split('?')[0]!;
    const c = (await call('GET', `/api/t/${SLUG}/cases/${id}`)).data.case;
    expect(c.channel).toBe('transfer');
    expect(c.townshipUnitId).toBe(units.北坡镇);
    expect(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(c.higherLevelDueAt - 1),
    ).toBe(due);
    await page.context().close();
  });
});
