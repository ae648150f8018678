// The bureau's own words in the monthly bulletin: before, the findings (存在问题) were whatever the
// generator wrote, there was no 下一步工作要求 and no 期号, and a chief who wanted any of it changed
// had to retype the whole bulletin outside the system. Now the draft takes them, a regeneration keeps
// them, the print and the exports carry them, and publishing freezes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TestApp } from '../fixtures/app';
import { caseLine, importLines } from './stats-helpers';
import { auditEvents, desks, expectError, expectOk, sh } from './workflow-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ now: sh(2026, 12, 6, 9) });
});
afterAll(async () => t.close());

describe('the November bulletin, written over by the bureau', () => {
  it('takes the 期号, findings and 下一步工作要求 on the draft, keeps them and freezes them', async () => {
    const f = await makeTenant(t, 'be');
    const s = desks(t, f);
    await importLines(s.dispatcher, [
      caseLine('N-0', '2026-11', 0, '东山镇', 'satisfied'),
      caseLine('N-1', '2026-11', 1, '西水乡', 'unsatisfied'),
      caseLine('N-2', '2026-11', 2, '县教育局', 'basic'),
    ]);
    const draft = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-11' }), 201);
    expect(draft.document.docNumber).toBe('2026年第11期');
    expect(draft.document.measures).toEqual([]);
    const generated = draft.document.findings as string[];
    expect(generated.length).toBeGreaterThan(0);

    const path = `/bulletins/${draft.id}`;
    const findings = ['西水乡群众满意率偏低，答复内容针对性不强。', '个别单位签收不及时。'];
    const measures = ['各单位要落实“晨提醒亮灯、晚报告灭灯”机制。', '对不满意件逐件回访，限期整改。'];
    // blank lines dropped, each paragraph trimmed
    const edited = expectOk(
      await s.dispatcher.req('PATCH', path, {
        docNumber: '2026年第十一期',
        findings: [...findings.map((x) => ` ${x} `), ''],
        measures,
      }),
    );
    expect(edited.document).toMatchObject({ docNumber: '2026年第十一期', findings, measures });
    expect(edited.edited).toBe(true);
    expect(edited.generatedFindings).toEqual(generated);

    // bad input: a 4xx in the one shape, nothing changed
    expectError(await s.dispatcher.req('PATCH', path, { findings: ['', '  '] }), 400, 'VALIDATION');
    expectError(await s.dispatcher.req('PATCH', path, { docNumber: 'x'.repeat(41) }), 400, 'VALIDATION');
    expectError(await s.dispatcher.req('PATCH', path, { measures: 'text' }), 400, 'VALIDATION');
    // a unit's staff and the county leader read, they do not write
    expectError(await s.handlerA.req('PATCH', path, { findings }), 403, 'FORBIDDEN');
    expectError(await s.county.req('PATCH', path, { findings }), 403, 'FORBIDDEN');
    expectError(await s.dispatcher.req('PATCH', '/bulletins/nope', { findings }), 404, 'NOT_FOUND');

    // the print: 期号 under the red head, the text signed before the tables, which start a page of
    // their own; the wide tables on landscape pages; page numbers at the foot
    const print = (await s.dispatcher.req('GET', `${path}/print`)).body as string;
    expect(print).toContain('<p class="issue">2026年第十一期</p>');
    expect(print).toContain('<h2>三、下一步工作要求</h2>');
    for (const x of [...findings, ...measures]) expect(print).toContain(x);
    const sign = print.indexOf('<p class="sign">');
    expect(sign).toBeGreaterThan(print.indexOf(measures[1]!));
    expect(sign).toBeLessThan(print.indexOf('<div class="annex">'));
    expect(print.indexOf('<div class="annex">')).toBeLessThan(print.indexOf('<table'));
    expect(print).toContain('.annex { break-before: page; }');
    expect(print).toContain('@page wide { size: A4 landscape;');
    expect(print).toMatch(/<section class="wide"><table class="wide"><caption>[^<]*考核得分排名/);
    expect(print).toContain('counter(page)');
    expect(print).toContain('<td class="seq">');

    // the exports carry the same text
    const csv = (await s.dispatcher.download(`${path}/export.csv`)).text;
    for (const x of ['2026年第十一期', '二、存在问题', ...findings, '三、下一步工作要求', ...measures])
      expect(csv).toContain(x);
    expect(csv).not.toContain(generated[0]!);

    // a regeneration refreshes the figures and keeps what the bureau wrote
    t.clock.set(sh(2026, 12, 6, 10));
    const redo = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-11' }), 201);
    expect(redo.id).not.toBe(draft.id);
    expect(redo.document).toMatchObject({ docNumber: '2026年第十一期', findings, measures });
    expect(redo.generatedFindings).toEqual(generated);
    // findings null: back to the generated ones; the rest stays
    const back = expectOk(await s.dispatcher.req('PATCH', `/bulletins/${redo.id}`, { findings: null }));
    expect(back.document.findings).toEqual(generated);
    expect(back.document.measures).toEqual(measures);
    expectOk(await s.dispatcher.req('PATCH', `/bulletins/${redo.id}`, { findings }));

    // published: frozen, no more changes
    expectOk(await s.dispatcher.post(`/bulletins/${redo.id}/publish`));
    expectError(
      await s.dispatcher.req('PATCH', `/bulletins/${redo.id}`, { findings: ['改'] }),
      409,
      'CONFLICT',
    );
    const published = expectOk(await s.handlerA.get(`/bulletins/${redo.id}`));
    expect(published.document).toMatchObject({ findings, measures, docNumber: '2026年第十一期' });
    expect(published.generatedFindings).toBeNull();

    // every change is in the audit log with what was there before
    const edits = (await auditEvents(t, f.id, 'bulletin.edited')).map((e) => e.payload);
    expect(edits).toHaveLength(3);
    expect(edits[0]).toMatchObject({
      bulletinId: draft.id,
      month: '2026-11',
      fields: ['docNumber', 'findings', 'measures'],
      before: { docNumber: '2026年第11期', findings: generated, measures: [] },
    });
    expect(edits[1]).toMatchObject({ fields: ['findings'], after: { findings: generated } });
  });
});
