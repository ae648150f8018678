// A county 12345 hotline operator's call, in a real browser: a 咨询 registered while the caller
// is on the line (kind 12345 工单, the purposes named as the hotline names them: 投诉, 举报, 建议),
// its number and query code on the slip to read back, its dispatch due the next working day (not
// in the 信访 15 days), and answered on the call (平台自办), closed and rated by the caller there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar, dueAt, localDay } from '../../workers/domain/calendar';
import { apiCall, consoleLogin, type E2E, ROOT, startE2E } from './harness';

const SLUG = 'e2e-hotline';
const PASSWORD = 'Test#2026pass';
const TZ = 'Asia/Shanghai';
let e2e: E2E;
let bureau = '';

const call = (method: string, path: string, body?: unknown, cookie = bureau) =>
  apiCall(e2e, method, path, body, cookie);

beforeAll(async () => {
  e2e = await startE2E();
  const root = (await call('POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password }, ''))
    .cookie;
  await call('POST', '/api/admin/tenants', { slug: SLUG, name: '热线县' }, root);
  await call('POST', `/api/t/${SLUG}/units`, { name: '东山镇', kind: 'township' }, root);
  const operator = { login: `${SLUG}.operator`, password: PASSWORD, name: '陈话务', role: 'dispatcher' };
  await call('POST', `/api/t/${SLUG}/users`, { ...operator, mustChangePassword: false }, root);
  bureau = (await call('POST', '/api/auth/login', { login: operator.login, password: PASSWORD }, '')).cookie;
});
afterAll(async () => e2e?.stop());

describe('a 12345 operator on the phone', () => {
  it('registers a 咨询, reads back its code, answers it on the call and records the caller’s rating', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.operator`, PASSWORD);
    page.on('dialog', (d) => void d.accept()); // the 平台自办 confirmation
    await page.goto(`${e2e.baseUrl}/console/register`);
    await page.getByRole('heading', { name: '登记来件' }).waitFor();
    expect(await page.locator('#f-channel').inputValue()).toBe('phone');
    await page.locator('#f-kind').selectOption('hotline');
    // the hotline's own words: 诉求类型, with 投诉 among them, the current choice kept
    await expect.poll(() => page.locator('label[for=f-purpose]').textContent()).toContain('诉求类型');
    expect(await page.locator('#f-purpose option:checked').textContent()).toBe('投诉（申诉求决）');
    const names = await page.locator('#f-purpose option').allTextContents();
    expect(names.slice(0, 3)).toEqual(['咨询', '求助', '投诉（申诉求决）']);
    await page.locator('#f-purpose').selectOption('question');
    await page.locator('#f-phone').fill('13900139000');
    await page
      .locator('textarea[name=content]')
      .fill('请问新生儿参加城乡居民医保在哪里办理，需要带什么材料？');
    await page.getByRole('button', { name: /保存并转送/ }).click();

    await page
      .getByRole('dialog')
      .getByRole('heading', { name: /转送\/交办/ })
      .waitFor();
    await page.keyboard.press('Escape');
    const slip = page.getByRole('region', { name: '登记回执' });
    expect((await slip.locator('dd').nth(0).textContent())!.trim()).toMatch(/^\w{6,}$/);
    // dispatch due the next working day (a Friday call: Monday), not 15 natural days away
    const routeDay = localDay(dueAt(Date.now(), { days: 1, unit: 'working' }, TZ, createCalendar()) - 1, TZ);
    await page.getByText(`${routeDay} 24:00`).first().waitFor();

    await page.getByRole('button', { name: '平台自办' }).click();
    const answer = page.getByRole('dialog');
    await answer.locator('textarea').fill('已电话告知：携出生医学证明和户口簿到县医保服务大厅办理。');
    await answer.getByRole('button', { name: '答复', exact: true }).click();
    await page.getByText('已平台自办并答复').waitFor();

    // 办结 before the 回访: a rating taken first leaves the bureau's work never closed (办结率)
    // (the confirmation is the browser's own, accepted above)
    await page.getByRole('button', { name: '办结', exact: true }).click();
    await page.getByText('已办结').first().waitFor();

    await page.getByRole('button', { name: '回访评价' }).click();
    const rate = page.getByRole('dialog');
    await rate.locator('select').first().selectOption('satisfied');
    await rate.locator('textarea').fill('来电当场回访，群众表示满意。');
    await rate
      .getByRole('button', { name: /回访评价|确定|提交/ })
      .last()
      .click();
    await page.getByText('回访评价已录入').waitFor();

    const id = page.url().split('/cases/')[1]!.split('?')[0]!;
    const detail = (await call('GET', `/api/t/${SLUG}/cases/${id}`)).data;
    expect(detail.case.kind).toBe('hotline');
    expect(detail.case.purpose).toBe('question');
    expect(detail.assignments[0].state).toBe('rated');
    expect(detail.assignments[0].rating).toBe('satisfied');
    const month = localDay(Date.now(), TZ).slice(0, 7);
    const figures = (await call('GET', `/api/t/${SLUG}/stats?month=${month}`)).data.tenant;
    expect(figures).toMatchObject({ received: 1, closed: 1, rated: 1, satisfied: 1 });
    await page.context().close();
  });
});
