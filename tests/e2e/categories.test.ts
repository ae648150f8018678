// 内容分类与分派 in a real browser, as a new county's admin met it: the bureau was offered as a
// category's default unit (and then no case of the category could be routed), and a category whose
// township leads named its first department 主办 in the table though the case routes it as 协办.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, type E2E, ROOT, startE2E } from './harness';

const SLUG = 'e2e-cats';
const PASSWORD = 'Test#2026pass';
let e2e: E2E;
let adminCookie = '';

const call = (method: string, path: string, body: unknown, cookie = '') =>
  apiCall(e2e, method, path, body, cookie);

beforeAll(async () => {
  e2e = await startE2E();
  const root = (await call('POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password })).cookie;
  await call('POST', '/api/admin/tenants', { slug: SLUG, name: '分类县' }, root);
  await call('POST', `/api/t/${SLUG}/units`, { name: '城关镇', kind: 'township' }, root);
  const dept = (
    await call('POST', `/api/t/${SLUG}/units`, { name: '县自然资源局', kind: 'department' }, root)
  ).data;
  await call(
    'POST',
    `/api/t/${SLUG}/categories`,
    { name: '征地拆迁', routeUnitIds: [dept.id], routeToTownship: true },
    root,
  );
  const admin = { login: `${SLUG}.admin`, password: PASSWORD, name: '管理员', role: 'tenant_admin' };
  await call('POST', `/api/t/${SLUG}/users`, { ...admin, mustChangePassword: false }, root);
  adminCookie = (await call('POST', '/api/auth/login', { login: admin.login, password: PASSWORD })).cookie;
});
afterAll(async () => e2e?.stop());

describe('内容分类与分派', () => {
  it('names the township as lead where it leads, and never offers the bureau as a default unit', async () => {
    const page = await e2e.newPage();
    const [name, value] = adminCookie.split('=') as [string, string];
    await page.context().addCookies([{ name, value, url: e2e.baseUrl }]);
    await page.goto(`${e2e.baseUrl}/console/admin/categories`);
    const row = page.getByRole('row', { name: /征地拆迁/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('县自然资源局');
    expect(await row.textContent()).not.toContain('（主办）');
    await page.getByRole('button', { name: '编辑 征地拆迁' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('县自然资源局（协办）').waitFor();
    const offered = await dialog.locator('select option').allTextContents();
    expect(offered.some((o) => o.includes('城关镇'))).toBe(true);
    expect(offered.some((o) => o.includes('信访局'))).toBe(false);
  });
});
