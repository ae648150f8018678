// A merge sets aside the merged case's waiting repeat suggestions, also those that belong to a later
// case (C repeats B, B merged into A): that case's own timeline and the audit log say so, with the
// dispatcher who merged, and its statistics do not change. The merge's events name only the
// suggestions the merge itself set aside, not one another dispatcher decided in the same instant.
import { describe, expect, it } from 'vitest';
import { decideRepeat, mergeCase } from '../../workers/services/workflow/routing';
import { idemKey, petition, portal } from './portal-helpers';
import { expectStatsInStep, stats, unitOf } from './stats-helpers';
import {
  caseRow,
  type Desks,
  eventsOf,
  expectOk,
  routeTo,
  bureauCtx,
  racing,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('mr');

const HOUR = 3_600_000;

/** The same citizen submits the same matter on the portal three times, an hour apart: A, B, C. */
async function threeTimes(s: Desks, slug: string) {
  const out = [];
  for (let i = 0; i < 3; i++) {
    if (i) t.clock.advance(HOUR);
    const r = await t.client().post(`${portal(slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    expect(r.status).toBe(201);
    const list = expectOk(await s.dispatcher.get('/cases', { q: r.body.number })).items;
    const id = list.find((c: any) => c.number === r.body.number).id;
    out.push(expectOk(await s.dispatcher.get(`/cases/${id}`)));
  }
  const [a, b, c] = out;
  // C repeats A and B, B repeats A: each suggestion is the later case's
  expect(c.repeatSuggestions.map((x: any) => x.earlierCaseId).sort()).toEqual([a.case.id, b.case.id].sort());
  expect(c.timeline.map((e: any) => e.text)).toEqual(['收件（网上平台）', '系统提示可能为重复件']);
  return { a, b, c };
}

/** Later case `c`'s suggestion that it repeats `b`, as read on either. */
const onC = (c: any, b: any) =>
  c.repeatSuggestions.find((x: any) => x.caseId === c.case.id && x.earlierCaseId === b.case.id);

describe('merging sets aside the repeat suggestions of another case', () => {
  it('C ↔ B set aside by merging B into A: on C’s timeline and in the audit log, by the dispatcher who merged; C no repeat', async () => {
    const { f, s } = await county();
    const { a, b, c } = await threeTimes(s, f.slug);
    // C goes to a unit, so that it counts in the statistics
    await routeTo(s.dispatcher, c.case, [[f.units.townA, 'lead']]);
    t.clock.advance(60_000);
    const mergedAt = t.clock.now();
    expectOk(
      await s.dispatcher.post(`/cases/${b.case.id}/merge`, {
        version: b.case.version,
        intoCaseId: a.case.id,
      }),
    );

    const cNow = expectOk(await s.dispatcher.get(`/cases/${c.case.id}`));
    expect(onC(cNow, b)).toMatchObject({
      status: 'rejected',
      decidedBy: f.users.dispatcher,
      decidedAt: mergedAt,
    });
    // C ↔ A is not the merge's business: it still waits for a dispatcher
    expect(cNow.repeatSuggestions.find((x: any) => x.earlierCaseId === a.case.id).status).toBe('pending');
    expect(cNow.timeline.at(-1).text).toBe(
      `排除与 ${b.case.number} 的重复件提示（${b.case.number} 已并入 ${a.case.number}）`,
    );
    const events = (await eventsOf(t, c.case.id)).filter((e) => e.type === 'case.repeat_rejected');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: f.users.dispatcher, actorRole: 'dispatcher', at: mergedAt });
    expect(events[0]!.payload).toMatchObject({
      suggestionId: onC(cNow, b).id,
      earlierCaseId: b.case.id,
      mergedIntoCaseId: a.case.id,
    });
    // B's own event still names both suggestions it set aside (B ↔ A and C ↔ B)
    const merged = (await eventsOf(t, b.case.id)).find((e) => e.type === 'case.merged')!;
    expect((merged.payload as any).repeatsSetAside).toEqual(
      expect.arrayContaining([
        { suggestionId: expect.any(String), otherCaseId: a.case.id, otherNumber: a.case.number },
        { suggestionId: onC(cNow, b).id, otherCaseId: c.case.id, otherNumber: c.case.number },
      ]),
    );
    expect((merged.payload as any).repeatsSetAside).toHaveLength(2);

    // the audit log, read for case C, says what happened to it and who did it
    const audit = expectOk(await s.admin.get('/audit', { type: 'case.' })).items.filter(
      (x: any) => x.caseNumber === c.case.number,
    );
    expect(audit[0]).toMatchObject({
      type: 'case.repeat_rejected',
      typeLabel: '排除重复件',
      actorId: f.users.dispatcher,
      summary: `排除与 ${b.case.number} 的重复件提示（${b.case.number} 已并入 ${a.case.number}）`,
    });

    // units never read it
    const unitView = expectOk(await s.handlerA.get(`/cases/${c.case.id}`));
    expect(unitView.timeline.map((e: any) => e.type)).not.toContain('case.repeat_rejected');

    // set aside is no judgement that C repeats anything: the statistics are as before
    expect(await caseRow(t, c.case.id)).toMatchObject({ isRepeat: false, repeatOfCaseId: null });
    const body = await stats(s.county, { month: '2026-03' });
    expect(body.tenant.repeatRate).toBe(0);
    expect(unitOf(body, f.units.townA)).toMatchObject({ received: 1, repeatRate: 0 });
    await expectStatsInStep(t, f.id);
  });

  it('a suggestion another dispatcher decides in the same instant is not listed as set aside', async () => {
    const { f, s } = await county();
    const { a, b, c } = await threeTimes(s, f.slug);
    const cb = onC(c, b);
    const other = await bureauCtx(t, f, 'admin');
    // between the merge's reads and its writes, the administrator rejects C ↔ B
    const race = racing(await bureauCtx(t, f, 'dispatcher'), () => decideRepeat(other, cb.id, false));
    t.clock.advance(60_000);
    await mergeCase(race.ctx, b.case.id, { version: b.case.version, intoCaseId: a.case.id });
    expect(race.ran()).toBe(true);

    // the administrator's decision stands, and the merge claims only B ↔ A
    const cNow = expectOk(await s.dispatcher.get(`/cases/${c.case.id}`));
    expect(onC(cNow, b)).toMatchObject({ status: 'rejected', decidedBy: f.users.admin });
    const merged = (await eventsOf(t, b.case.id)).find((e) => e.type === 'case.merged')!;
    expect((merged.payload as any).repeatsSetAside).toEqual([
      { suggestionId: onC(b, a).id, otherCaseId: a.case.id, otherNumber: a.case.number },
    ]);
    const onCEvents = (await eventsOf(t, c.case.id)).filter((e) => e.type === 'case.repeat_rejected');
    expect(onCEvents.map((e) => [e.actorId, e.payload])).toEqual([
      [f.users.admin, { earlierCaseId: b.case.id, chainHead: b.case.id }],
    ]);
    expect(cNow.timeline.at(-1).text).toBe('排除重复件提示');
  });
});

describe('repeat chains stay flat and follow merges', () => {
  const headOf = async (id: string) => (await caseRow(t, id)).repeatOfCaseId;

  it('C → B confirmed before B → A: C moves to A, on its own timeline', async () => {
    const { f, s } = await county();
    const { a, b, c } = await threeTimes(s, f.slug);
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${onC(c, b).id}/confirm`));
    expect(await headOf(c.case.id)).toBe(b.case.id);
    const bOnA = b.repeatSuggestions.find((x: any) => x.caseId === b.case.id);
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${bOnA.id}/confirm`));
    expect(await headOf(b.case.id)).toBe(a.case.id);
    expect(await headOf(c.case.id)).toBe(a.case.id);
    const moved = (await eventsOf(t, c.case.id)).filter((e) => e.type === 'case.repeat_chain_moved');
    expect(moved.map((e) => e.payload)).toEqual([
      expect.objectContaining({ fromCaseId: b.case.id, chainHead: a.case.id, because: 'repeat' }),
    ]);
    const timeline = expectOk(await s.dispatcher.get(`/cases/${c.case.id}`)).timeline.map((e: any) => e.text);
    expect(timeline).toContain(
      `重复链改以 ${a.case.number} 为首（${b.case.number} 已确认为 ${a.case.number} 的重复件）`,
    );
  });

  it('confirming onto a case merged since chains to the case it went into; merging moves a chain', async () => {
    const { f, s } = await county();
    const { a, b, c } = await threeTimes(s, f.slug);
    // C repeats B (confirmed); then B is merged into a fourth case M: C now chains to M
    t.clock.advance(HOUR);
    const m = await t.client().post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const mId = expectOk(await s.dispatcher.get('/cases', { q: m.body.number })).items[0].id;
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${onC(c, b).id}/confirm`));
    const bNow = expectOk(await s.dispatcher.get(`/cases/${b.case.id}`)).case;
    expectOk(
      await s.dispatcher.post(`/cases/${b.case.id}/merge`, { version: bNow.version, intoCaseId: mId }),
    );
    expect(await headOf(c.case.id)).toBe(mId);
    expect(
      (await eventsOf(t, c.case.id)).find((e) => e.type === 'case.repeat_chain_moved')?.payload,
    ).toMatchObject({
      fromCaseId: b.case.id,
      chainHead: mId,
      because: 'merged',
    });
    // M's suggestion that it repeats A, confirmed: C follows to A
    const mOnA = expectOk(await s.dispatcher.get(`/cases/${mId}`)).repeatSuggestions.find(
      (x: any) => x.caseId === mId && x.earlierCaseId === a.case.id,
    );
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${mOnA.id}/confirm`));
    expect(await headOf(c.case.id)).toBe(a.case.id);
    expect(await headOf(mId)).toBe(a.case.id);
  });

  it('a rejection made by mistake is taken back: the suggestion waits again, audited; a confirmation is not', async () => {
    const { f, s } = await county();
    const { a, b } = await threeTimes(s, f.slug);
    const sug = b.repeatSuggestions.find((x: any) => x.caseId === b.case.id && x.earlierCaseId === a.case.id);
    expect((await s.dispatcher.post(`/repeat-suggestions/${sug.id}/reopen`)).status).toBe(409);
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${sug.id}/reject`));
    expect((await s.handlerA.post(`/repeat-suggestions/${sug.id}/reopen`)).status).toBe(403);
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${sug.id}/reopen`));
    expect((await s.dispatcher.post(`/repeat-suggestions/${sug.id}/reopen`)).status).toBe(409);
    const detail = expectOk(await s.dispatcher.get(`/cases/${b.case.id}`));
    expect(detail.repeatSuggestions.find((x: any) => x.id === sug.id).status).toBe('pending');
    expect(detail.timeline.map((e: any) => e.text)).toContain('撤回排除，重复件提示重新待审');
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${sug.id}/confirm`));
    expect(await caseRow(t, b.case.id)).toMatchObject({ isRepeat: true, repeatOfCaseId: a.case.id });
    const undo = await s.dispatcher.post(`/repeat-suggestions/${sug.id}/reopen`);
    expect(undo.status).toBe(409);
    expect(undo.body.error.message).toBe('已确认的重复件不能撤回：统计已按重复件计入');
  });
});
