// Two hands on one draft bulletin at once. Before, an edit answered 200 and was then lost: a
// regeneration running at the same moment read the draft's hand-written parts before the edit and
// replaced the draft after it; two edits of different parts each wrote the whole text back, the
// second without the first's. Now every edit either lands in the draft that stays, or is refused
// with 409 and the clerk reads it again; nothing answered 200 is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TestApp } from '../fixtures/app';
import { caseLine, importLines } from './stats-helpers';
import { desks, expectOk, sh } from './workflow-helpers';

let t: TestApp;
let s: ReturnType<typeof desks>;
beforeAll(async () => {
  t = await makeTestApp({ now: sh(2026, 12, 6, 9) });
  const f = await makeTenant(t, 'br');
  s = desks(t, f);
  await importLines(
    s.dispatcher,
    Array.from({ length: 12 }, (_, i) =>
      caseLine(`N-${i}`, '2026-11', i, ['东山镇', '西水乡', '县教育局'][i % 3]!, 'satisfied'),
    ),
  );
});
afterAll(async () => t.close());

const current = async () => {
  const list = expectOk(await s.dispatcher.get('/bulletins?month=2026-11'));
  const drafts = (list.items as { id: string; status: string }[]).filter((b) => b.status === 'draft');
  expect(drafts).toHaveLength(1);
  return expectOk(await s.dispatcher.get(`/bulletins/${drafts[0]!.id}`));
};

describe('one draft, two hands', () => {
  it('an edit made while the draft is generated again is kept, or refused with 409: never answered 200 and lost', async () => {
    let draft = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-11' }), 201);
    for (let round = 0; round < 6; round++) {
      const words = [`第${round}轮：个别单位签收不及时。`];
      const [edit, again] = await Promise.all([
        s.dispatcher.req('PATCH', `/bulletins/${draft.id}`, { measures: words }),
        s.dispatcher.post('/bulletins', { month: '2026-11' }),
      ]);
      expect([200, 409], JSON.stringify(edit.body)).toContain(edit.status);
      expect([201, 409], JSON.stringify(again.body)).toContain(again.status);
      draft = await current();
      if (edit.status === 200) expect(draft.document.measures, `round ${round}`).toEqual(words);
    }
  });

  it('two edits of different parts at once: each answered 200 is in the draft', async () => {
    for (let round = 0; round < 6; round++) {
      const draft = await current();
      const findings = [`第${round}轮：满意率偏低。`];
      const docNumber = `2026年第${round}期`;
      const [a, b] = await Promise.all([
        s.dispatcher.req('PATCH', `/bulletins/${draft.id}`, { findings }),
        s.dispatcher.req('PATCH', `/bulletins/${draft.id}`, { docNumber }),
      ]);
      for (const r of [a, b]) expect([200, 409], JSON.stringify(r.body)).toContain(r.status);
      const after = await current();
      if (a.status === 200) expect(after.document.findings, `round ${round}`).toEqual(findings);
      if (b.status === 200) expect(after.document.docNumber, `round ${round}`).toBe(docNumber);
    }
  });
});
