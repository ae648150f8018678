// A new county goes live, in a real browser, as its people work the console: the platform admin
// opens 石桥县 and its first county admin; the county admin changes the given password at the first
// login and sets the deadline rules, among them the time a rule gives the bureau to dispatch (分派,
// e.g. the 12345 hotline's 1 working day), with an out-of-range value said under its own field;
// the home page lists what the county still lacks (上线准备); the units are pasted as one list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, consoleLogin, type E2E, expectAccessible, ROOT, startE2E } from './harness';

const SLUG = 'shiqiao';
const GIVEN = 'Init#2026a';
const OWN = 'Shiqiao#2026';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

const signIn = async (login: string, password: string) =>
  (await apiCall(e2e, 'POST', '/api/auth/login', { login, password })).cookie;

describe('a county signs up', () => {
  it('the platform admin opens the county and its administrator', async () => {
    const page = await consoleLogin(e2e, ROOT.login, ROOT.password);
    await page.goto(`${e2e.baseUrl}/console/platform`);
    await page.getByLabel('标识（门户地址）').fill(SLUG);
    await page.getByLabel('名称').fill('石桥县');
    await page.getByRole('button', { name: '开通' }).click();
    // the notice says what comes next: the county's administrator
    await page.getByText(/已创建县区：石桥县.*下一步.*县级管理员/).waitFor();
    await page.getByRole('button', { name: '进入管理' }).click();
    await page.getByRole('link', { name: '用户与角色' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('登录名').fill('sq.admin');
    await dialog.getByLabel('姓名').fill('王石桥');
    await dialog.getByLabel('角色').selectOption({ label: '县级管理员' });
    await dialog.getByRole('textbox', { name: /^初始密码/ }).fill(GIVEN);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已创建用户 王石桥（sq.admin），首次登录须修改密码').waitFor();
    await page.close();
  });

  it('the county admin changes the given password at the first login', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.baseUrl}/console/`);
    await page.getByLabel('登录名').fill('sq.admin');
    await page.getByLabel('密码').fill(GIVEN);
    await page.getByRole('button', { name: '登录' }).click();
    // each field is named by its label alone: the rule under 新密码 describes it, so "当前密码"
    // (which the rule mentions) finds one field
    await page.getByLabel('当前密码').fill(GIVEN);
    const fresh = page.getByRole('textbox', { name: '新密码', exact: true });
    const rule = (await fresh.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${rule}"]`).textContent()).toContain('不能与当前密码相同');
    await fresh.fill(OWN);
    await page.getByLabel('再次输入新密码').fill(OWN);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await expect.poll(() => new URL(page.url()).pathname).not.toBe('/console/password');
    // the home page tells what the county still lacks, each with the way to put it right
    const ready = page.getByRole('region', { name: /^上线准备：尚缺 \d+ 项$/ });
    await ready.getByText('尚无启用的信访局工作人员（调度员）').waitFor();
    await ready.getByText(/尚未建立承办单位/).waitFor();
    await expectAccessible(page, '首页 上线准备');
    await page.close();
  });

  it('sets how long a rule gives the bureau to dispatch, and says a bad value under its field', async () => {
    const admin = await signIn('sq.admin', OWN);
    const rules = async () =>
      (await apiCall(e2e, 'GET', `/api/t/${SLUG}/settings`, undefined, admin)).data.settings.deadlines
        .rules as Array<{
        match: { kind?: string; purpose?: string };
        route?: { days: number; unit: string };
      }>;
    // the hotline rule (件类型 12345, any purpose) and where it stands in the table
    const hotline = (await rules()).findIndex((r) => r.match.kind === 'hotline' && !r.match.purpose);
    expect(hotline).toBeGreaterThanOrEqual(0);
    const n = hotline + 1;

    const page = await consoleLogin(e2e, 'sq.admin', OWN);
    await page.getByRole('link', { name: '县区管理', exact: true }).click();
    await page.getByRole('link', { name: '办理期限', exact: true }).click();
    const days = page.getByLabel(`规则 ${n} 分派天数`);
    const unit = page.getByLabel(`规则 ${n} 分派计日方式`);
    await expect.poll(() => days.inputValue()).toBe('1');
    expect(await unit.inputValue()).toBe('working');
    // a rule that sets no dispatch time leaves it to the county's default: the field is empty
    expect(await page.getByLabel('规则 1 分派天数').inputValue()).toBe('');

    // 0 days is refused under the field, and nothing is saved
    await days.fill('0');
    await page.getByRole('button', { name: '保存期限设置' }).click();
    await page.getByText('有 1 处期限不在允许范围内').waitFor();
    await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await days.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('天数不能少于 1');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe(`规则 ${n} 分派天数`);
    expect((await rules())[hotline]!.route).toEqual({ days: 1, unit: 'working' });

    // 2 working days: saved, the error gone
    await days.fill('2');
    await page.getByRole('button', { name: '保存期限设置' }).click();
    await page.getByText('办理期限已保存').waitFor();
    expect(await days.getAttribute('aria-invalid')).toBeNull();
    expect((await rules())[hotline]!.route).toEqual({ days: 2, unit: 'working' });

    // a rule given a dispatch time of its own, in natural days
    await page.getByLabel('规则 1 分派天数').fill('3');
    await page.getByLabel('规则 1 分派计日方式').selectOption('natural');
    await page.getByRole('button', { name: '保存期限设置' }).click();
    await expect.poll(async () => (await rules())[0]!.route).toEqual({ days: 3, unit: 'natural' });
    await expectAccessible(page, '办理期限');
    await page.close();
  });

  it('pastes the townships and departments as one list, a wrong line said under it', async () => {
    const page = await consoleLogin(e2e, 'sq.admin', OWN);
    await page.goto(`${e2e.baseUrl}/console/admin/units`);
    // the county has no unit to route to yet: the checklist says so on the units page too
    const ready = page.getByRole('region', { name: /^上线准备/ });
    await ready.getByText(/尚未建立承办单位/).waitFor();
    await page.getByRole('button', { name: '批量导入' }).click();
    const dialog = page.getByRole('dialog');
    const list = dialog.getByRole('textbox', { name: /^单位名单/ });
    await list.fill(['石桥镇', '城南街道', '石桥镇', '县民政局,县直部门', '县教育局,县直部门'].join('\n'));
    await dialog.getByRole('button', { name: '导入' }).click();
    await dialog.getByText('导入未执行：名单中有 1 行有误').waitFor();
    expect(await list.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await list.getAttribute('aria-describedby'))!.split(' ')[0];
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('第 3 行：“石桥镇”与第 1 行重复');
    await expectAccessible(page, '批量导入单位');
    await list.fill(['石桥镇', '城南街道', '县民政局,县直部门', '县教育局,县直部门'].join('\n'));
    await dialog.getByRole('button', { name: '导入' }).click();
    await page.getByText('已导入 4 个单位').waitFor();
    const rows = page.locator('main table tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    // units there now: the checklist asks for their handlers instead
    await ready.getByText(/以下单位尚无承办人/).waitFor();
    expect(await ready.getByText(/尚未建立承办单位/).count()).toBe(0);
    await page.close();
  });
});
