// A case sent to a township in September and still not answered in December was named in no
// bulletin: September's was printed before it was late, and each later month counts only its own
// cases. The county leader saw red lights on the dashboard and a November bulletin that said
// "no overdue cases". The bulletin now names the backlog at its cut-off apart from the month's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TestApp } from '../fixtures/app';
import { caseLine, importLines, replyAs, routed } from './stats-helpers';
import { desks, expectOk, register, sh, step } from './workflow-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ now: sh(2026, 9, 20, 9) });
});
afterAll(async () => t.close());

const table = (doc: any, key: string) => doc.tables.find((x: any) => x.key === key);

describe("November's bulletin and the cases still late from before", () => {
  it('names a September case still unanswered at the cut-off, apart from the month, until it is answered', async () => {
    const f = await makeTenant(t, 'bk');
    const s = desks(t, f);
    // September: sent to 东山镇, signed and accepted, never answered (reply due in October)
    t.clock.set(sh(2026, 9, 20, 9));
    const late = await routed(s, [[f.units.townA, 'lead']]);
    let a = await step(s.handlerA, late.byUnit.get(f.units.townA)!, 'sign');
    a = await step(s.handlerA, a, 'accept');
    // September too, but answered in time: not in the backlog
    const done = await routed(s, [[f.units.townB, 'lead']]);
    let b = await step(s.handlerB, done.byUnit.get(f.units.townB)!, 'sign');
    b = await step(s.handlerB, b, 'accept');
    await replyAs(s, f, f.units.townB, b);
    // a group of six came to the bureau on 10 November (registered, not yet routed)
    t.clock.set(sh(2026, 11, 10, 9));
    await register(s.dispatcher, { channel: 'visit', collective: true, peopleCount: 6 });
    // November's own cases, answered and rated
    t.clock.set(sh(2026, 12, 6, 9));
    await importLines(s.dispatcher, [
      caseLine('N-0', '2026-11', 0, '东山镇', 'satisfied'),
      caseLine('N-1', '2026-11', 1, '县教育局', 'satisfied'),
    ]);

    const draft = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-11' }), 201);
    const doc = draft.document;
    const carried = table(doc, 'overdue-carried');
    expect(carried.rows).toEqual([[1, '东山镇', 0, 0, 1, 1, late.number]]);
    expect(carried.note).toContain('不计入本月各项指标');
    const text = doc.summary.join('');
    expect(text).toContain('本月交办的件未出现逾期');
    expect(text).toContain('以前月份交办、截至统计时点仍逾期未办的1件，涉及：东山镇1件');
    expect(text).not.toContain(done.number);
    expect(doc.findings.join('')).toContain('仍有1件逾期未办（其中以前月份交办的1件）');
    // visits in 批次 and 人次, as bulletins count them
    expect(text).toContain('按登记计，来访1批6人次，其中集体访1批6人次');
    // the month by 信访目的, from the cases' own purpose
    expect(table(doc, 'purposes').rows).toEqual([[1, '求助', 2, '100.0%']]);
    // November's own figures are November's: the September case is not counted in them
    expect(table(doc, 'overview').rows.find((r: any) => r[0] === '逾期件数')[1]).toBe(0);

    // answered on 6 December: a bulletin frozen at 5 December still names it, one at now does not
    t.clock.set(sh(2026, 12, 6, 10));
    await replyAs(s, f, f.units.townA, a);
    t.clock.set(sh(2026, 12, 6, 11));
    const frozenEarlier = expectOk(
      await s.dispatcher.post('/bulletins', { month: '2026-11', cutoff: '2026-12-05' }),
      201,
    );
    expect(table(frozenEarlier.document, 'overdue-carried').rows[0][6]).toBe(late.number);
    const now = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-11' }), 201);
    expect(table(now.document, 'overdue-carried')).toBeUndefined();
    expect(now.document.summary.join('')).toContain('截至统计时点，未出现逾期件。');
  });
});
