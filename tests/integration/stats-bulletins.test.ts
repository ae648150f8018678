// The monthly bulletin (工作通报): generated as a draft with the tables counties print, published
// and then frozen — later events never change it, its exports stay byte for byte the same —,
// exported as CSV and xlsx with Chinese headers, printed on A4 with every value escaped; units see
// only published bulletins and never the top repeat petitioners.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TestApp } from '../fixtures/app';
import { caseLine, importLines, routed } from './stats-helpers';
import { auditEvents, desks, expectError, expectOk, register, routeTo, sh, step } from './workflow-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ now: sh(2026, 4, 2, 9) });
});
afterAll(async () => t.close());

async function raw(d: any, path: string) {
  // the Desk answers text bodies as they are
  return d.req('GET', path);
}

describe('the March bulletin', () => {
  it('is generated with its tables, published, and never changes afterwards', async () => {
    const f = await makeTenant(t, 'bl');
    const s = desks(t, f);
    // a unit whose name would break a page if it were not escaped
    const odd = expectOk(await s.admin.post('/units', { name: '<b>南岭</b>街道', kind: 'township' }), 201);
    expectOk(await s.admin.post('/units', { name: '北坡镇', kind: 'township' }), 201);
    t.clock.set(sh(2026, 4, 2, 9));
    await importLines(s.dispatcher, [
      ...[0, 1, 2].map((i) => caseLine(`M-${i}`, '2026-03', i, '东山镇', 'satisfied')),
      caseLine('M-3', '2026-03', 3, '西水乡', 'unsatisfied'),
      caseLine('M-4', '2026-03', 4, '县教育局'),
      caseLine('F-0', '2026-02', 0, '东山镇', 'satisfied'),
      caseLine('M-5', '2026-03', 5, '<b>南岭</b>街道', 'basic'),
      // the same person three times, twice confirmed as a repeat
      caseLine('R-0', '2026-03', 6, '西水乡', 'satisfied', {
        petitioner: { name: '钱秀英', phone: '13700001111' },
        title: '征地补偿款未发放',
      }),
      caseLine('R-1', '2026-03', 7, '西水乡', 'satisfied', {
        petitioner: { name: '钱秀英', phone: '13700001111' },
        title: '征地补偿款仍未发放',
        repeat: true,
      }),
      caseLine('R-2', '2026-03', 8, '西水乡', undefined, {
        petitioner: { name: '钱秀英', phone: '13700001111' },
        title: '再次反映征地补偿款问题',
        repeat: true,
      }),
    ]);
    // a case still waiting for 县住建局 to sign: overdue at the cut-off
    t.clock.set(sh(2026, 3, 30, 9));
    await routed(s, [[f.units.deptB, 'lead']]);
    t.clock.set(sh(2026, 4, 2, 9));

    const draft = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-03' }), 201);
    expect(draft).toMatchObject({
      status: 'draft',
      month: '2026-03',
      cutoff: new Date(sh(2026, 4, 2, 9)).toISOString(),
    });
    const doc = draft.document;
    expect(doc.title).toBe('bl县2026年3月信访工作通报');
    const keys = doc.tables.map((x: any) => x.key);
    for (const k of [
      'overview',
      'rating-township',
      'rating-department',
      'handling-township',
      'handling-department',
      'satisfaction-township',
      'portal-township',
      'portal-department',
      'ranking-township',
      'ranking-department',
      'channels',
      'categories',
      'overdue',
      'repeat-petitioners',
    ])
      expect(keys).toContain(k);
    const rating = doc.tables.find((x: any) => x.key === 'rating-township');
    expect(rating.columns).toEqual([
      '序号',
      '单位',
      '应评',
      '超期未评',
      '参评率',
      '满意',
      '基本满意',
      '不满意',
      '满意率',
    ]);
    expect(rating.rows.find((r: any) => r[1] === '东山镇').slice(1)).toEqual([
      '东山镇',
      3,
      0,
      '100.0%',
      3,
      0,
      0,
      '100.0%',
    ]);
    expect(rating.rows.at(-1)[1]).toBe('合计');
    const overdue = doc.tables.find((x: any) => x.key === 'overdue');
    expect(overdue.rows.map((r: any) => r.slice(1, 6))).toEqual([
      ['西水乡', 0, 0, 1, 1],
      ['县教育局', 0, 0, 1, 1],
      ['县住建局', 1, 0, 0, 1],
    ]);
    expect(overdue.rows[2][6]).toMatch(/^2026-\d{6}$/);
    const people = doc.tables.find((x: any) => x.key === 'repeat-petitioners');
    expect(people.internal).toBe(true);
    expect(people.rows).toEqual([[1, '钱**（137****1111）', 2, '再次反映征地补偿款问题', '西水乡']]);
    expect(JSON.stringify(doc)).not.toContain('13700001111');
    const text = doc.summary.join('');
    expect(text).toContain('本次统计以2026年4月2日为时间节点');
    expect(text).toContain('县住建局'); // named among the units with overdue cases
    expect(text).toContain('北坡镇本月实现零诉求');

    // units see nothing of a draft
    expectError(await s.handlerA.get(`/bulletins/${draft.id}`), 404, 'NOT_FOUND');
    expect(expectOk(await s.handlerA.get('/bulletins')).items).toEqual([]);

    const published = expectOk(await s.dispatcher.post(`/bulletins/${draft.id}/publish`));
    expect(published).toMatchObject({ status: 'published', publishedAt: sh(2026, 4, 2, 9) });
    expectError(await s.dispatcher.post(`/bulletins/${draft.id}/publish`), 409, 'CONFLICT');
    const frozen = expectOk(await s.county.get(`/bulletins/${draft.id}`));
    const csvBefore = await raw(s.county, `/bulletins/${draft.id}/export.csv`);
    const { res: xlsxBefore, bytes: xlsxBytes } = await s.county.download(
      `/bulletins/${draft.id}/export.xlsx`,
    );

    // later: the overdue case is signed and answered, a late March case is registered and rated
    t.clock.set(sh(2026, 4, 10, 9));
    const c = await register(s.dispatcher, { receivedAt: sh(2026, 3, 31, 18) });
    const r = await routeTo(s.dispatcher, c.case, [[f.units.townA, 'lead']]);
    let a = await step(s.handlerA, r.assignments[0], 'sign');
    a = await step(s.handlerA, a, 'accept');
    expect(expectOk(await s.county.get(`/bulletins/${draft.id}`))).toEqual(frozen);
    expect((await raw(s.county, `/bulletins/${draft.id}/export.csv`)).body).toEqual(csvBefore.body);
    expect((await s.county.download(`/bulletins/${draft.id}/export.xlsx`)).bytes).toEqual(xlsxBytes);
    // a new draft of March sees the change; publishing it is refused: March is published
    const redo = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-03' }), 201);
    const lateDept = (d: any) =>
      d.tables
        .find((x: any) => x.key === 'handling-department')
        .rows.find((r: any) => r[1] === '县住建局')[6];
    // 县住建局 has not accepted by 24:00 on 4 April either: 逾期办理 now, not in the published one
    expect(lateDept(frozen.document)).toBe(0);
    expect(lateDept(redo.document)).toBe(1);
    expectError(await s.dispatcher.post(`/bulletins/${redo.id}/publish`), 409, 'CONFLICT');
    const list = expectOk(await s.county.get('/bulletins', { month: '2026-03' }));
    expect(list.items.map((x: any) => x.status).sort()).toEqual(['draft', 'published']);
    // in the audit log: each draft and the one publication that took effect (not the refused ones)
    const audit = (await auditEvents(t, f.id, 'bulletin.')).map((e) => [e.type, e.payload.bulletinId]);
    expect(audit).toEqual([
      ['bulletin.drafted', draft.id],
      ['bulletin.published', draft.id],
      ['bulletin.drafted', redo.id],
    ]);

    // units: the published bulletin, without the internal table
    const mine = expectOk(await s.handlerA.get(`/bulletins/${draft.id}`));
    expect(mine.document.tables.map((x: any) => x.key)).not.toContain('repeat-petitioners');
    expect(JSON.stringify(mine)).not.toContain('钱**');
    expect(expectOk(await s.handlerA.get('/bulletins')).items.map((x: any) => x.id)).toEqual([draft.id]);
    const unitCsv = await raw(s.handlerA, `/bulletins/${draft.id}/export.csv`);
    expect(unitCsv.body).not.toContain('重复信访人员');
    expectError(await s.handlerA.post('/bulletins', { month: '2026-04' }), 403, 'FORBIDDEN');

    // the exports
    expect(csvBefore.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvBefore.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const csvBytes = (await s.county.download(`/bulletins/${draft.id}/export.csv`)).bytes;
    // UTF-8 with a byte-order mark, so that Excel reads the Chinese right
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvBefore.body).toContain('序号,单位,应评,超期未评,参评率,满意,基本满意,不满意,满意率');
    expect(csvBefore.body).toContain('排名,单位,群众满意率,受理总件数,不满意件数');
    expect(xlsxBefore.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(String.fromCharCode(xlsxBytes[0]!, xlsxBytes[1]!)).toBe('PK');
    const page = await raw(s.county, `/bulletins/${draft.id}/print`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('@page { size: A4');
    expect(page.body).toContain('<table');
    expect(page.body).toContain('&lt;b&gt;南岭&lt;/b&gt;街道');
    expect(page.body).not.toContain('<b>南岭');
    expect(odd.id).toBeTruthy();
  });

  it('a bulletin frozen at an earlier cut-off counts only what had happened by then', async () => {
    const f = await makeTenant(t, 'blc');
    const s = desks(t, f);
    t.clock.set(sh(2026, 4, 2, 9));
    await importLines(s.dispatcher, [
      caseLine('E-0', '2026-03', 0, '东山镇', 'satisfied'),
      // received 28 March: after a cut-off on the 25th
      caseLine('E-1', '2026-03', 27, '东山镇', 'satisfied'),
    ]);
    const all = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-03' }), 201);
    const early = expectOk(
      await s.dispatcher.post('/bulletins', { month: '2026-03', cutoff: '2026-03-25' }),
      201,
    );
    expect(all.document.tables[0].rows[0][1]).toBe(2);
    expect(early.document.tables[0].rows[0][1]).toBe(1);
    expect(early.source).toBe('replay');
    expect(early.document.summary.join('')).toContain('本次统计以2026年3月25日为时间节点');
    // the second draft replaced the first
    expect(expectOk(await s.dispatcher.get('/bulletins')).items.map((x: any) => x.id)).toEqual([early.id]);
    expectError(
      await s.dispatcher.post('/bulletins', { month: '2026-03', cutoff: '2026-02-20' }),
      400,
      'VALIDATION',
    );
  });

  it('counts the portal letters, the late steps, the bureau apart and the fast track as the tables say', async () => {
    const f = await makeTenant(t, 'blh');
    const s = desks(t, f);
    t.clock.set(sh(2026, 4, 2, 9));
    // 东山镇: one portal letter signed three days late, then answered in time; one letter by post;
    // one portal letter on the fast track (最多投一次). 县教育局: a portal question answered late.
    const lateSign = caseLine('H-1', '2026-03', 1, '东山镇', 'satisfied');
    lateSign.assignments[0]!.events.splice(
      1,
      1,
      { type: 'signed', at: '2026-03-05 09:00' },
      { type: 'accepted', at: '2026-03-05 10:00' },
    );
    for (const e of lateSign.assignments[0]!.events.slice(3)) e.at = `2026-03-06 ${String(e.at).slice(11)}`;
    const lateReply = caseLine('H-4', '2026-03', 4, '县教育局', 'basic', { kind: 'inquiry' });
    for (const e of lateReply.assignments[0]!.events.slice(2)) e.at = `2026-03-28 ${String(e.at).slice(11)}`;
    await importLines(s.dispatcher, [
      lateSign,
      caseLine('H-0', '2026-03', 0, '东山镇', 'satisfied'),
      caseLine('H-2', '2026-03', 2, '东山镇', 'satisfied', { flags: { fastTrack: true } }),
      lateReply,
    ]);
    // the bureau answers one case itself (平台自办)
    t.clock.set(sh(2026, 3, 20, 9));
    const own = await register(s.dispatcher);
    expectOk(
      await s.dispatcher.post(`/cases/${own.case.id}/self-handle`, {
        version: own.case.version,
        reply: '已答复。',
      }),
    );
    t.clock.set(sh(2026, 4, 2, 9));
    const doc = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-03' }), 201).document;
    const tb = (key: string) => doc.tables.find((x: any) => x.key === key);
    const row = (key: string, unit: string) => tb(key).rows.find((r: any) => r[1] === unit);

    // 网上投诉/问政: the two portal letters of 东山镇, not its letter by post; 县教育局's question
    expect(row('portal-township', '东山镇').slice(2)).toEqual([2, 2, '100.0%']);
    expect(row('portal-township', '西水乡').slice(2)).toEqual([0, 0, '—']);
    expect(row('portal-department', '县教育局').slice(2)).toEqual([1, 1, '100.0%']);
    // the handling table: signed late (now signed) and answered late (now answered) still count
    expect(row('handling-township', '东山镇').slice(2)).toEqual([3, 0, 3, 1, 0, '100.0%']);
    expect(row('handling-department', '县教育局').slice(5, 7)).toEqual([0, 1]);
    // the bureau: in the county's 5, in no unit table
    for (const x of doc.tables.filter((x: any) => /-(township|department)$/.test(x.key)))
      expect(x.rows.some((r: any) => String(r[1]).includes('信访'))).toBe(false);
    expect(doc.summary[0]).toMatch(/共受理群众诉求5件，其中乡镇（街道）3件，县直部门1件，.+直接办理1件/);
    // every rate of every unit, each with its 名次; the score columns say points
    expect(tb('rates-township').columns.slice(3)).toEqual([
      '及时受理率',
      '名次',
      '按期答复率',
      '名次',
      '参评率',
      '名次',
      '满意率',
      '名次',
      '一次性化解率',
      '名次',
      '重复率',
      '名次',
      '办结率',
      '名次',
    ]);
    // signing late is not deciding late: accepted within its five days
    expect(row('rates-township', '东山镇').slice(2)).toEqual([
      3,
      ...['100.0%', 1, '100.0%', 1, '100.0%', 1, '100.0%', 1, '100.0%', 1, '0.0%', 1, '100.0%', 1],
    ]);
    // 西水乡 had no case: listed, neither a rate nor a 名次
    expect(row('rates-township', '西水乡')).toEqual(['零诉求', '西水乡', 0, ...Array(14).fill('—')]);
    expect(tb('ranking-township').columns[3]).toBe('及时受理得分（5分）');
    // the fast track: 1 of the 5 first-time cases
    expect(tb('fast-track').rows[0].slice(0, 3)).toEqual([1, 5, '20.0%']);
    expect(doc.summary.join('')).toContain('本月纳入“最多投一次”的初件1件，占初件总数的20.0%');
    // the exports and the print carry the new tables
    const id = expectOk(await s.dispatcher.get('/bulletins', { month: '2026-03' })).items[0].id;
    const csv = (await raw(s.county, `/bulletins/${id}/export.csv`)).body as string;
    expect(csv).toContain('各项指标情况表');
    expect(csv).toContain('序号,单位,受理件数,及时受理率,名次,按期答复率,名次,');
    expect(csv).toContain('1,东山镇,3,100.0%,1,100.0%,1,');
    const html = (await raw(s.county, `/bulletins/${id}/print`)).body as string;
    expect(html).toContain('各项指标情况表');
    expect(html).toContain('<th scope="col">满意率</th><th scope="col">名次</th>');
    // seventeen columns are set smaller to stay within the A4 width
    expect(html).toMatch(/<table class="wide"><caption>[^<]*各项指标情况表/);
    // in Excel a rate is a number shown as a percentage, not the text '100.0%'
    const files = unzipSync((await s.county.download(`/bulletins/${id}/export.xlsx`)).bytes);
    const names = [...strFromU8(files['xl/workbook.xml']!).matchAll(/<sheet name="([^"]*)"/g)].map(
      (m) => m[1],
    );
    const sheet = strFromU8(
      files[`xl/worksheets/sheet${names.indexOf('乡镇（街道）各项指标情况表') + 1}.xml`]!,
    );
    expect(strFromU8(files['xl/styles.xml']!)).toContain('formatCode="0.0%"');
    expect(sheet).toMatch(/<c r="D\d+" s="3"><v>1<\/v><\/c>/);
    // a 名次 is a plain number beside its rate
    expect(sheet).toMatch(/<c r="E3"( s="\d+")?><v>1<\/v><\/c>/);
    expect(strFromU8(files['xl/sharedStrings.xml']!)).not.toContain('>100.0%<');
  });
});
