// 答复模板 corrected and retired by a county's admin on a phone: a typo in a template is fixed in
// its dialog (a problem stands under its field), another template is retired (停用) and stays in the
// admin's list marked 已停用, and the handler's reply panel no longer offers it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff, apiCall, consoleLogin, type E2E, expectAccessible, ROOT, startE2E } from './harness';

const SLUG = 'e2e-tpl';
const PASSWORD = 'Test#2026pass';
const PHONE = { width: 390, height: 844 };
let e2e: E2E;
let caseId = '';
let root = '';

beforeAll(async () => {
  e2e = await startE2E();
  root = (await apiCall(e2e, 'POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password }))
    .cookie;
  const tenant = (await apiCall(e2e, 'POST', '/api/admin/tenants', { slug: SLUG, name: '模板县' }, root))
    .data;
  const town = (
    await apiCall(e2e, 'POST', `/api/t/${SLUG}/units`, { name: '东山镇', kind: 'township' }, root)
  ).data.id as string;
  const staff = (login: string, name: string, role: string, unitId?: string) =>
    addStaff(e2e, SLUG, root, { login, name, role, unitId, password: PASSWORD });
  await staff('admin', '周文', 'tenant_admin');
  await staff('dispatcher', '林晓岚', 'dispatcher', tenant.bureauUnitId);
  await staff('handler', '王春和', 'handler', town);
  for (const [name, body] of [
    ['物业纠纷答复', '经东山镇调查核实，咨询电话：0000-1234567。'],
    ['旧版政策答复', '依据已废止的旧政策，现答复如下。'],
  ])
    await apiCall(e2e, 'POST', `/api/t/${SLUG}/reply-templates`, { name, body }, root);
  const login = async (who: string) =>
    (await apiCall(e2e, 'POST', '/api/auth/login', { login: `${SLUG}.${who}`, password: PASSWORD })).cookie;
  const bureau = await login('dispatcher');
  const c = (
    await apiCall(
      e2e,
      'POST',
      `/api/t/${SLUG}/cases`,
      {
        kind: 'petition',
        channel: 'visit',
        purpose: 'help',
        title: '小区物业长期不清运垃圾',
        content: '小区物业长期不清运垃圾，请尽快处理。',
        petitioner: { name: '张桂芳', phone: '13900002222' },
      },
      bureau,
    )
  ).data;
  caseId = c.case.id;
  const routed = (
    await apiCall(
      e2e,
      'POST',
      `/api/t/${SLUG}/cases/${caseId}/route`,
      { version: c.case.version, units: [{ unitId: town, role: 'lead' }] },
      bureau,
    )
  ).data;
  const handler = await login('handler');
  let a = routed.assignments[0];
  for (const move of ['sign', 'accept'])
    a = (
      await apiCall(
        e2e,
        'POST',
        `/api/t/${SLUG}/assignments/${a.id}/${move}`,
        { version: a.version },
        handler,
      )
    ).data;
});
afterAll(async () => e2e?.stop());

describe('答复模板: correct and retire', () => {
  it('the admin fixes a typo and retires a template; the handler is no longer offered it', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.admin`, PASSWORD, PHONE);
    await page.goto(`${e2e.baseUrl}/console/admin/templates`);
    await page.getByRole('button', { name: '编辑 物业纠纷答复' }).click();
    const dialog = page.getByRole('dialog');
    const name = dialog.getByRole('textbox', { name: '模板名称' });
    // the dialog opens on its first field, as the other admin dialogs do
    await expect.poll(() => name.evaluate((e) => e === document.activeElement)).toBe(true);
    // an empty name is said under the name
    await name.fill('');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => name.evaluate((e) => e === document.activeElement)).toBe(true);
    await expect.poll(() => dialog.locator('#tpl-edit-name-error').textContent()).toMatch(/模板名称/);
    await expectAccessible(page, 'template dialog with an error');
    await name.fill('物业纠纷答复');
    const body = dialog.getByRole('textbox', { name: '模板内容' });
    await body.fill('经东山镇调查核实，咨询电话：0000-7654321。');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存：物业纠纷答复').waitFor();
    await page.getByText('经东山镇调查核实，咨询电话：0000-7654321。').waitFor();

    // another admin corrected it meanwhile: the stale 停用 is refused and the list read again
    const all = (await apiCall(e2e, 'GET', `/api/t/${SLUG}/reply-templates?all=1`, undefined, root)).data;
    const old = all.items.find((x: { name: string }) => x.name === '旧版政策答复');
    await apiCall(
      e2e,
      'PATCH',
      `/api/t/${SLUG}/reply-templates/${old.id}`,
      { version: old.version, body: '依据已废止的旧政策（待更新），现答复如下。' },
      root,
    );
    await page.getByRole('button', { name: '停用 旧版政策答复' }).click();
    await page.getByText('模板已被他人修改，请刷新后重试').waitFor();
    await page.getByText('依据已废止的旧政策（待更新），现答复如下。').waitFor();
    await page.getByRole('button', { name: '停用 旧版政策答复' }).click();
    await page.getByText('已停用：旧版政策答复').waitFor();
    // still listed for the admin, marked, and offered back
    await page.getByRole('button', { name: '启用 旧版政策答复' }).waitFor();
    await page.getByText('已停用', { exact: true }).waitFor();
    const fits = await page.evaluate(
      () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
    );
    expect(fits, 'the page fits 390 px').toBe(true);
    await expectAccessible(page, 'templates page');

    // the audit log reads both changes
    await page.goto(`${e2e.baseUrl}/console/admin/audit`);
    await page.getByText('停用答复模板').first().waitFor();
    await page.getByText('修改答复模板').first().waitFor();
    await page.context().close();

    const handler = await consoleLogin(e2e, `${SLUG}.handler`, PASSWORD);
    await handler.goto(`${e2e.baseUrl}/console/cases/${caseId}`);
    const picker = handler.getByLabel('答复模板');
    await picker.waitFor();
    await expect
      .poll(() => picker.locator('option').allTextContents())
      .toEqual(expect.arrayContaining(['物业纠纷答复']));
    expect(await picker.locator('option').allTextContents()).not.toContain('旧版政策答复');
    await picker.selectOption({ label: '物业纠纷答复' });
    await handler.getByRole('button', { name: '套用模板' }).click();
    const editor = handler.getByRole('textbox', { name: '答复意见', exact: true });
    await expect.poll(() => editor.inputValue()).toContain('0000-7654321');
    await handler.context().close();
  });
});
