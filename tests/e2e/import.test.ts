// 历史数据导入 in a real browser: a GBK file (Excel's "CSV" in China) is read as GB18030 with a
// preview and lands with its Chinese intact; bytes in no known encoding never leave the page; a file
// bigger than one request is checked whole, so an external id repeated in a later batch is an error
// before anything is sent, as it is within one batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { gbk } from '../fixtures/gbk';
import { apiCall, axe, type E2E, ROOT, startE2E } from './harness';

const SLUG = 'e2e-import';
const PASSWORD = 'Test#2026pass';

let e2e: E2E;
let dispatcherCookie = '';

const call = (method: string, path: string, body: unknown, cookie = '') =>
  apiCall(e2e, method, path, body, cookie);

beforeAll(async () => {
  e2e = await startE2E();
  const root = (await call('POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password })).cookie;
  const tenant = (await call('POST', '/api/admin/tenants', { slug: SLUG, name: '导入县' }, root)).data;
  await call('POST', `/api/t/${SLUG}/units`, { name: '东山镇', kind: 'township' }, root);
  const user = { login: `${SLUG}.dispatcher`, password: PASSWORD, name: '林晓岚', role: 'dispatcher' };
  await call(
    'POST',
    `/api/t/${SLUG}/users`,
    { ...user, unitId: tenant.bureauUnitId, mustChangePassword: false },
    root,
  );
  dispatcherCookie = (await call('POST', '/api/auth/login', { login: user.login, password: PASSWORD }))
    .cookie;
});
afterAll(async () => e2e?.stop());

async function importPage(): Promise<Page> {
  const page = await e2e.newPage();
  const [name, value] = dispatcherCookie.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: e2e.baseUrl }]);
  await page.goto(`${e2e.baseUrl}/console/import`);
  await page.getByRole('heading', { name: '历史数据导入', level: 1 }).waitFor();
  return page;
}

async function choose(page: Page, name: string, bytes: Uint8Array) {
  await page.getByLabel('选择文件').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });
  await page.getByText(`文件：${name}`, { exact: false }).waitFor();
}

const cases = async () =>
  (await call('GET', `/api/t/${SLUG}/cases?limit=50`, undefined, dispatcherCookie)).data.items as {
    number: string;
    title: string;
  }[];

describe('历史数据导入', () => {
  it('a GBK file is read as GB18030 with a preview, and lands with its Chinese intact', async () => {
    const page = await importPage();
    const csv = [
      '外部编号,来源渠道,信访目的,所属乡镇,标题,诉求内容,姓名,收件时间,承办单位,交办时间',
      'GB-1,来信,求助,东山镇,青石路路灯不亮,青石路一带路灯坏了半个多月。,周建国,2024-03-02 09:00,东山镇,2024-03-02 10:00',
      'GB-2,来访,咨询,东山镇,咨询低保申请条件,询问低保申请条件。,李梅,2024-05-06 10:00,,',
    ].join('\r\n');
    await choose(page, '历史件.csv', gbk(csv));
    await page.getByTestId('import-encoding').getByText('已按 GBK/GB18030 编码读取').waitFor();
    const preview = page.getByRole('region', { name: '导入内容预览' });
    await preview.getByRole('cell', { name: '青石路路灯不亮' }).waitFor();
    await expect(preview.getByRole('columnheader').first().textContent()).resolves.toBe('外部编号');
    expect(await axe(page)).toEqual([]);
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.getByRole('heading', { name: '导入结果：已完成' }).waitFor();
    await page.locator('p.notice-ok', { hasText: /新导入\s*2\s*件/ }).waitFor();
    expect((await cases()).map((c) => c.title).sort()).toEqual(['咨询低保申请条件', '青石路路灯不亮']);

    // bytes that are neither UTF-8 nor GBK: named by line, and the page sends nothing
    const broken = new Uint8Array([
      ...gbk(`${csv.split('\r\n')[0]}\r\nGB-3,来信,求助,`),
      0xff,
      0xff,
      0x0d,
      0x0a,
    ]);
    await choose(page, '坏文件.csv', broken);
    await page.getByTestId('import-garbled').getByText('第 2 行', { exact: false }).waitFor();
    await expect(page.getByRole('button', { name: '上传并导入' }).isDisabled()).resolves.toBe(true);
    expect(await cases()).toHaveLength(2);
    await page.context().close();
  });

  it('a file bigger than one request: an external id repeated in a later batch is an error before anything is sent', async () => {
    const page = await importPage();
    const line = (id: string, title: string) =>
      JSON.stringify({
        externalId: id,
        channel: 'letter',
        purpose: 'help',
        title,
        content: '青石路',
        receivedAt: '2024-03-02 09:00',
      });
    const lines = Array.from({ length: 2001 }, (_, i) => line(`ND-${i + 1}`, '路灯不亮'));
    lines.push(line('ND-1', '路灯不亮（更正）'));
    await choose(page, 'big.ndjson', new TextEncoder().encode(lines.join('\n')));
    await page.getByRole('button', { name: '上传并导入' }).click();
    await page.getByRole('heading', { name: '导入结果：整批未导入' }).waitFor({ timeout: 60_000 });
    const rows = page.getByRole('table', { name: /错误明细/ }).locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator('td').allTextContents()).resolves.toEqual([
      '2002',
      '外部编号（externalId）',
      '外部编号与第 1 行重复',
    ]);
    expect((await cases()).filter((c) => c.title.startsWith('路灯'))).toEqual([]);
    await page.context().close();
  });
});
