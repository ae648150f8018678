// Month-end in a real browser, as a county bureau does it on 6 December: November's bulletin drafted,
// its findings and 下一步工作要求 written over by the bureau, published (frozen), printed to A4 as a
// PDF (portrait text, the wide tables on landscape pages), exported as CSV and Excel; then the county
// leader reads it on a phone, with nothing to change, and the ranking says what a "—" scored.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseLine } from '../integration/stats-helpers';
import { addStaff, apiCall, consoleLogin, type E2E, ROOT, startE2E } from './harness';

const SLUG = 'e2e-month';
const PASSWORD = 'Test#2026pass';
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
  const root = (await apiCall(e2e, 'POST', '/api/auth/login', { login: ROOT.login, password: ROOT.password }))
    .cookie;
  const tenant = (await apiCall(e2e, 'POST', '/api/admin/tenants', { slug: SLUG, name: '月末县' }, root))
    .data;
  for (const [name, kind] of [
    ['东山镇', 'township'],
    ['西水乡', 'township'],
    ['南岭镇', 'township'],
    ['县教育局', 'department'],
    ['县住建局', 'department'],
    ['县人力资源和社会保障局', 'department'],
  ])
    await apiCall(e2e, 'POST', `/api/t/${SLUG}/units`, { name, kind }, root);
  await addStaff(e2e, SLUG, root, {
    login: 'dispatcher',
    name: '林晓岚',
    role: 'dispatcher',
    unitId: tenant.bureauUnitId,
    password: PASSWORD,
  });
  await addStaff(e2e, SLUG, root, {
    login: 'county',
    name: '冯致远',
    role: 'county_leader',
    password: PASSWORD,
  });
  const d = (
    await apiCall(e2e, 'POST', '/api/auth/login', { login: `${SLUG}.dispatcher`, password: PASSWORD })
  ).cookie;
  const lines = [
    ...[0, 1, 2, 3].map((i) => caseLine(`N${i}`, '2026-11', i, '东山镇', 'satisfied')),
    caseLine('N4', '2026-11', 4, '西水乡', 'unsatisfied', {
      petitioner: { name: '钱秀英', phone: '13700001111' },
    }),
    caseLine('N5', '2026-11', 5, '县教育局', 'basic'),
    caseLine('N6', '2026-11', 6, '县住建局'),
    caseLine('N8', '2026-11', 8, '县人力资源和社会保障局', 'satisfied'),
    // the same person again, confirmed a repeat: named (masked) among the repeat petitioners
    caseLine('N7', '2026-11', 7, '西水乡', 'satisfied', {
      petitioner: { name: '钱秀英', phone: '13700001111' },
      repeat: true,
    }),
    ...[0, 1, 2].map((i) => caseLine(`O${i}`, '2026-10', i, '东山镇', 'satisfied')),
    ...[0, 1].map((i) => caseLine(`L${i}`, '2025-11', i, '县教育局', 'satisfied')),
  ];
  const res = await fetch(`${e2e.baseUrl}/api/t/${SLUG}/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', cookie: d },
    body: lines.map((l) => JSON.stringify(l)).join('\n'),
  });
  expect(res.status).toBe(201);
});
afterAll(async () => e2e?.stop());

const FINDINGS = ['西水乡群众满意率偏低，答复针对性不强。', '县住建局答复迟缓。'];
const MEASURES = ['各单位落实“晨提醒亮灯、晚报告灭灯”机制。', '对不满意件逐件回访，月底前报县信访局。'];

describe('November 2026, month-end', () => {
  it('is drafted, written over, published, printed on A4 and exported; the leader reads it on a phone', async () => {
    const page = await consoleLogin(e2e, `${SLUG}.dispatcher`, PASSWORD);
    page.on('dialog', (dlg) => void dlg.accept());
    await page.goto(`${e2e.baseUrl}/console/bulletins?month=2026-11`);
    await page.getByRole('button', { name: '生成 2026-11 通报草稿' }).click();
    await page.getByText('已生成 2026-11 工作通报草稿').waitFor();
    const article = page.locator('article.bulletin');
    await article.getByText('2026年第11期').waitFor();
    await article.getByText('零诉求').first().waitFor();

    // the bureau writes the findings and the requirements in its own words
    await page.getByRole('button', { name: '修改期号、问题与要求' }).click();
    await page.getByLabel('存在问题（每行一段）').fill(FINDINGS.join('\n\n'));
    await page.getByLabel('下一步工作要求（每行一段）').fill(MEASURES.join('\n'));
    await page.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('已保存对通报草稿的修改').waitFor();
    await article.getByRole('heading', { name: '三、下一步工作要求' }).waitFor();
    for (const x of [...FINDINGS, ...MEASURES]) await article.getByText(x).waitFor();

    await page.getByRole('button', { name: '发布通报' }).click();
    await page.getByText(/已发布（.*），内容已冻结/).waitFor();
    expect(await page.getByRole('button', { name: '修改期号、问题与要求' }).count()).toBe(0);
    const id = new URL(page.url()).searchParams.get('id');
    expect(id).toBeTruthy();
    // a later draft of the published month is for comparing: it is not offered for publication
    await page.getByRole('button', { name: '生成 2026-11 通报草稿' }).click();
    await page.getByText(/草稿，仅供核对：本月通报已于 .* 发布，不能再发布/).waitFor();
    expect(await page.getByRole('button', { name: '发布通报' }).count()).toBe(0);
    await page.getByLabel('本月各版本').selectOption(id!);
    await page.getByText(/已发布（.*），内容已冻结/).waitFor();

    // the print: A4, the text on portrait pages, the wide tables on landscape ones, page numbers
    const print = await e2e.newPage();
    await print.context().addCookies(await page.context().cookies());
    await print.goto(`${e2e.baseUrl}/api/t/${SLUG}/bulletins/${id}/print`);
    await print.getByText('2026年第11期').waitFor();
    expect(await print.locator('.sign').textContent()).toMatch(/月末县信访局\s*2026年12月\d+日/);
    const pdf = Buffer.from(await print.pdf({ preferCSSPageSize: true })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map(
      (m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`,
    );
    expect(boxes[0]).toBe('595x842');
    expect(boxes).toContain('842x595');
    expect(boxes.length).toBeGreaterThan(2);

    // the exports: numbers as numbers, Chinese heads, the bureau's text, masked phones
    const get = (ext: string) =>
      page.evaluate(async (url) => {
        const r = await fetch(url);
        return [...new Uint8Array(await r.arrayBuffer())];
      }, `/api/t/${SLUG}/bulletins/${id}/export.${ext}`);
    const csvBytes = Uint8Array.from(await get('csv'));
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(csvBytes);
    for (const x of ['二、存在问题', ...FINDINGS, '三、下一步工作要求', ...MEASURES])
      expect(csv).toContain(x);
    expect(csv).toContain('序号,单位,应评,超期未评,参评率,满意,基本满意,不满意,满意率');
    expect(csv).toContain('137****1111');
    expect(csv).not.toContain('13700001111');
    const files = unzipSync(Uint8Array.from(await get('xlsx')));
    const sheets = Object.keys(files).filter((k) => k.startsWith('xl/worksheets/sheet'));
    expect(sheets.length).toBeGreaterThan(5);
    const overview = strFromU8(files['xl/worksheets/sheet2.xml']!);
    // 受理件数 this month (9) and last (3) are numbers, not text
    expect(overview).toMatch(/<c r="B3"><v>9<\/v><\/c><c r="C3"><v>3<\/v><\/c>/);

    // the county leader, on a phone: the published bulletin, nothing to change, nothing off screen
    const leader = await consoleLogin(e2e, `${SLUG}.county`, PASSWORD, { width: 390, height: 800 });
    await leader.goto(`${e2e.baseUrl}/console/bulletins?month=2026-11`);
    await leader.getByText(FINDINGS[0]!).waitFor();
    expect(await leader.getByRole('button', { name: /发布通报|修改期号|生成/ }).count()).toBe(0);
    const overflow = await leader.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // the ranking says where a score rests on a rate the unit did not have: 县住建局 answered none of
    // its case, so its satisfaction and participation terms are "—", scored in full by default
    await leader.goto(`${e2e.baseUrl}/console/rankings?month=2026-11`);
    const row = leader.getByRole('row', { name: /县住建局/ });
    await row.getByText('—（无此项，按满分计）').first().waitFor();
    await leader.getByText('该项按满分计（本县考核设置：无此项不扣分）').waitFor();
    // on the phone a unit's name stays on one line (the table scrolls sideways), here and on the
    // dashboard: they were stacked one or two characters a line
    const lines = (cell: import('playwright-core').Locator) =>
      cell.evaluate((td) => {
        const r = document.createRange();
        r.selectNodeContents(td.firstChild ?? td);
        return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
      });
    const long = '县人力资源和社会保障局';
    expect(
      await lines(leader.getByRole('row', { name: new RegExp(long) }).getByRole('cell', { name: long })),
    ).toBe(1);
    await leader.goto(`${e2e.baseUrl}/console/dashboard?month=2026-11`);
    const unitRow = leader.getByRole('row', { name: new RegExp(`${long}\\s*县直部门`) });
    expect(await lines(unitRow.getByRole('cell', { name: long }))).toBe(1);
  });
});
