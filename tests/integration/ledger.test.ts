// 台账 exports: the case list and the assignment queue as CSV and Excel, with the lists' filters and
// the lists' eyes — units get only their own assignments, phone numbers stay masked, another county
// gets nothing of this one — and every export in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { auditEvents, type Desks, desks, expectError, register, routeTo, step } from './workflow-helpers';

let t: TestApp;
let f: TenantFixture;
let s: Desks;
beforeAll(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'tz');
  s = desks(t, f);
  const a = (await register(s.dispatcher)).case;
  const b = (
    await register(s.dispatcher, {
      channel: 'letter',
      title: '反映村干部优亲厚友',
      content: '低保评定中村干部把指标给了亲戚，请求调查。',
      purpose: 'accusation',
      petitioner: { name: '钱多多', phone: '13912345678' },
    })
  ).case;
  const ra = await routeTo(s.dispatcher, a, [[f.units.townA, 'lead']]);
  await routeTo(s.dispatcher, b, [[f.units.townB, 'lead']]);
  await step(s.handlerA, ra.assignments[0], 'sign');
});
afterAll(async () => t.close());

const download = (who: keyof Desks, path: string) => s[who].download(path);
const lines = (text: string) => text.trim().split('\r\n');

describe('台账 exports', () => {
  it('the case list as CSV: the list’s filters, Chinese headers and names, phone numbers masked', async () => {
    const { res, bytes, text } = await download('dispatcher', '/cases/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="cases-\d{8}\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [head, ...rows] = lines(text);
    expect(head).toBe(
      '编号,登记时间,类型,来源,信访目的,内容分类,乡镇（街道）,标题,信访人,联系电话,人数,状态,重复件,标记,办结时间',
    );
    expect(rows).toHaveLength(2);
    expect(res.headers.get('x-rows')).toBe('2');
    expect(text).toContain(',信访事项,来信,检举控告,');
    expect(text).toContain(',钱多多,139****5678,1,已转送,');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('13800138000');
    // the list's filters
    const letters = await download('dispatcher', '/cases/export.csv?channel=letter');
    expect(lines(letters.text)).toHaveLength(2);
    expect(letters.text).toContain('反映村干部优亲厚友');
  });

  it('as Excel too', async () => {
    const { res, bytes } = await download('county', '/cases/export.xlsx?purpose=accusation');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    expect(res.headers.get('x-rows')).toBe('1');
  });

  it("a unit exports only its own assignments, never the bureau's case list", async () => {
    expectError(await s.handlerA.get('/cases/export.csv'), 403, 'FORBIDDEN');
    const mine = await download('handlerA', '/assignments/export.csv');
    expect(mine.res.status).toBe(200);
    const [head, ...rows] = lines(mine.text);
    expect(head?.startsWith('编号,标题,承办单位,主办/协办,状态')).toBe(true);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(',东山镇,主办,已签收,');
    // the deadline as the console and the papers say it: the step, and 24:00 of its last day (a
    // printed 00:00 of the next day gave every unit a day more)
    expect(rows[0]).toContain(',2026-03-02 09:00,受理 2026-03-07 24:00,');
    const theirs = await download('handlerB', '/assignments/export.csv');
    expect(lines(theirs.text).slice(1)).toHaveLength(1);
    expect(theirs.text).toContain(',西水乡,主办,待签收,');
    expect(theirs.text).not.toContain('东山镇');
    // the bureau sees both, and can filter by state
    const all = await download('dispatcher', '/assignments/export.xlsx');
    expect(all.res.headers.get('x-rows')).toBe('2');
    const signed = await download('dispatcher', '/assignments/export.csv?state=signed');
    expect(signed.res.headers.get('x-rows')).toBe('1');
  });

  it("another county exports none of this one's rows; every export is in the audit log", async () => {
    const other = await makeTenant(t, 'tz2');
    const o = desks(t, other);
    const { res, text } = await o.dispatcher.download('/cases/export.csv');
    expect(res.headers.get('x-rows')).toBe('0');
    expect(text).not.toContain('钱多多');
    const exports = await auditEvents(t, f.id, 'export.');
    expect(exports.length).toBeGreaterThanOrEqual(6);
    expect(exports[0]).toMatchObject({
      type: 'export.cases',
      role: 'dispatcher',
      payload: { rows: 2, format: 'csv', truncated: false, filter: {} },
    });
    expect(exports.some((e) => e.role === 'handler' && e.type === 'export.assignments')).toBe(true);
  });

  it('keeps the search of an export in the audit log with a caller’s number masked', async () => {
    expect((await s.dispatcher.download('/cases/export.csv?q=138 1234 8000 路灯')).res.status).toBe(200);
    const exports = await auditEvents(t, f.id, 'export.cases');
    const last = exports.at(-1)!;
    expect(last.payload).toMatchObject({ filter: { q: '138****8000 路灯' } });
    expect(JSON.stringify(last.payload)).not.toContain('13812348000');
  });
});
