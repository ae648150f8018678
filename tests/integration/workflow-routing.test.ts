// Routing (转送/交办): one lead and any co-handlers, suggested from the category's routing map and
// the township; re-routing a returned case; the bureau answering itself (平台自办); merging a
// duplicate; publishing or withholding a 问政 answer on the public board.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../db/migrate';
import { mergeCase } from '../../workers/services/workflow/routing';
import { T0 } from '../fixtures/app';
import {
  assignmentRow,
  caseAt,
  caseRow,
  type desks,
  eventsOf,
  expectError,
  expectOk,
  register,
  bureauCtx,
  racing,
  replyFully,
  routeTo,
  sh,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('rt');

describe('routing a case to units', () => {
  it('suggests the township and the category’s department, and routes to a lead and a co-handler', async () => {
    const { s, f } = await county();
    const c = await register(s.dispatcher, { categoryId: f.categoryId, townshipUnitId: f.units.townA });
    expect(c.suggestedUnits).toEqual([
      { unitId: f.units.townA, role: 'lead', reason: '属地乡镇（街道）', unitName: '东山镇' },
      { unitId: f.units.deptB, role: 'co', reason: '“城乡建设”类默认承办单位', unitName: '县住建局' },
    ]);
    const routed = await routeTo(
      s.dispatcher,
      c.case,
      c.suggestedUnits.map((u: any) => [u.unitId, u.role]),
    );
    expect(routed.case).toMatchObject({ status: 'routed', routedAt: T0, version: 2 });
    expect(routed.assignments.map((a: any) => [a.unitName, a.role, a.state])).toEqual([
      ['东山镇', 'lead', 'dispatched'],
      ['县住建局', 'co', 'dispatched'],
    ]);
    // signing within a day, deciding within 5, both counted from dispatch, ending at 24:00
    expect(routed.assignments[0]).toMatchObject({
      signDueAt: sh(2026, 3, 4),
      acceptDueAt: sh(2026, 3, 8),
      instructions: '请按程序办理并及时答复',
      due: { step: 'sign', dueAt: sh(2026, 3, 4) },
      light: 'green',
    });
    const texts = routed.timeline.map((e: any) => e.text);
    expect(texts).toEqual([
      '登记（电话/12345）',
      '交办：请按程序办理并及时答复',
      '转主办单位：东山镇',
      '转协办单位：县住建局',
    ]);
    // both units see it in their queue
    expect(expectOk(await s.handlerA.get('/assignments')).items).toHaveLength(1);
    expect((await s.dispatcher.get('/assignments', { unitId: f.units.deptB })).body.items).toHaveLength(1);
  });

  it('a case with only a township is suggested to that township alone', async () => {
    const { s, f } = await county();
    const c = await register(s.dispatcher, { townshipUnitId: f.units.townB });
    expect(c.suggestedUnits.map((u: any) => [u.unitName, u.role])).toEqual([['西水乡', 'lead']]);
  });

  it('refuses a routing without exactly one lead, a unit twice, the bureau itself or an unknown unit', async () => {
    const { s, f } = await county();
    const { f: other } = await county();
    const c = (await register(s.dispatcher)).case;
    const bad: [string, string][][] = [
      [[f.units.townA, 'co']],
      [
        [f.units.townA, 'lead'],
        [f.units.townB, 'lead'],
      ],
      [
        [f.units.townA, 'lead'],
        [f.units.townA, 'co'],
      ],
      [[f.units.bureau, 'lead']],
      [['no-such-unit', 'lead']],
      [[other.units.townA, 'lead']],
    ];
    for (const units of bad) {
      const r = await s.dispatcher.post(`/cases/${c.id}/route`, {
        version: c.version,
        units: units.map(([unitId, role]) => ({ unitId, role })),
      });
      expectError(r, 400, 'VALIDATION');
    }
    expect(await caseRow(t, c.id)).toMatchObject({ status: 'new', version: 1 });
    expect((await eventsOf(t, c.id)).map((e) => e.type)).toEqual(['case.created']);
  });

  it('only the bureau routes; a stale version is 409 and routes nothing', async () => {
    const { s, f } = await county();
    const c = (await register(s.dispatcher)).case;
    const body = { version: c.version, units: [{ unitId: f.units.townA, role: 'lead' }] };
    expectError(await s.handlerA.post(`/cases/${c.id}/route`, body), 403, 'FORBIDDEN');
    expectError(await s.county.post(`/cases/${c.id}/route`, body), 403, 'FORBIDDEN');
    expectOk(await s.dispatcher.post(`/cases/${c.id}/route`, body));
    expectError(
      await s.dispatcher.post(`/cases/${c.id}/route`, {
        ...body,
        units: [{ unitId: f.units.townB, role: 'co' }],
      }),
      409,
      'CONFLICT',
    );
    const detail = expectOk(await s.dispatcher.get(`/cases/${c.id}`));
    expect(detail.assignments).toHaveLength(1);
  });

  it('adding a co-handler to a case in progress keeps it in progress', async () => {
    const { s, f } = await county();
    const { caseId } = await caseAt(s, ['sign', 'accept']);
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(detail.case.status).toBe('in_progress');
    const more = await routeTo(s.dispatcher, detail.case, [[f.units.deptA, 'co']]);
    expect(more.case.status).toBe('in_progress');
    expect(more.assignments.map((a: any) => a.state)).toEqual(['accepted', 'dispatched']);
  });
});

describe('re-routing a returned case', () => {
  it('goes back to 待分派 and is routed again to the right township', async () => {
    const { s, f } = await county();
    const { a, caseId } = await caseAt(s);
    let x = await step(s.handlerA, a, 'return', { reason: '该村属西水乡' });
    expect(expectOk(await s.dispatcher.get('/queues')).returned).toBe(1);
    x = await step(s.dispatcher, x, 'approve-return');
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(detail.case.status).toBe('new');
    const again = await routeTo(s.dispatcher, detail.case, [[f.units.townB, 'lead']]);
    expect(again.assignments.map((y: any) => [y.unitName, y.state])).toEqual([
      ['东山镇', 'returned'],
      ['西水乡', 'dispatched'],
    ]);
    // the township that returned it no longer sees it as work, but the new one does
    expect(expectOk(await s.handlerA.get('/assignments', { state: 'dispatched' })).items).toEqual([]);
    expect(expectOk(await s.handlerB.get('/assignments')).items.map((y: any) => y.caseId)).toEqual([caseId]);
    expect((await eventsOf(t, caseId)).filter((e) => e.type === 'case.routed').at(-1)!.payload).toMatchObject(
      {
        rerouted: true,
      },
    );
  });

  it('routed again after a return and refused by the next unit: closed by the notice, not back to 待分派', async () => {
    const { s, f } = await county();
    const { a, caseId } = await caseAt(s);
    let x = await step(s.handlerA, a, 'return', { reason: '该村属西水乡' });
    x = await step(s.dispatcher, x, 'approve-return');
    t.clock.set(T0 + 3_600_000);
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    const again = await routeTo(s.dispatcher, detail.case, [[f.units.townB, 'lead']]);
    t.clock.set(T0 + 2 * 3_600_000);
    let y = await step(s.handlerB, again.assignments.at(-1), 'sign');
    y = await step(s.handlerB, y, 'refuse', { reason: '属于诉讼程序', notice: '请依法向人民法院起诉。' });
    expect(expectOk(await s.dispatcher.get(`/cases/${caseId}`)).case.status).toBe('closed');
    expect(expectOk(await s.dispatcher.get('/queues')).new).toBe(0);

    // A database written by the old rule had left it 待分派: migration 0013 settles it as the rule
    // does, and leaves a case that is really waiting alone.
    const waiting = await register(s.dispatcher);
    await t.deps.db.run(sql`UPDATE cases SET status = 'new', closed_at = NULL WHERE id = ${caseId}`);
    for (const stmt of readFileSync(
      join(MIGRATIONS_DIR, '0013_refused_after_return_closes.sql'),
      'utf8',
    ).split('--> statement-breakpoint'))
      await t.deps.db.run(sql.raw(stmt));
    const settled = await caseRow(t, caseId);
    expect([settled.status, settled.closedAt]).toEqual(['closed', T0 + 2 * 3_600_000]);
    expect((await caseRow(t, waiting.case.id)).status).toBe('new');
  });
});

describe('the bureau answers a case itself (平台自办)', () => {
  it('a new case is answered by the bureau; its assignment is the bureau’s, replied, open for rating', async () => {
    const { s, f } = await county();
    const c = (await register(s.dispatcher, { purpose: 'question' })).case;
    expectError(
      await s.handlerA.post(`/cases/${c.id}/self-handle`, { version: 1, reply: '答' }),
      403,
      'FORBIDDEN',
    );
    const r = expectOk(
      await s.dispatcher.post(`/cases/${c.id}/self-handle`, {
        version: c.version,
        reply: '经查询，该路段维修已列入本月计划。',
      }),
    );
    expect(r.case.status).toBe('replied');
    expect(r.assignments).toHaveLength(1);
    expect(r.assignments[0]).toMatchObject({
      unitId: f.units.bureau,
      state: 'replied',
      ratingDueAt: sh(2026, 3, 18),
    });
    expect(r.replies).toMatchObject([{ status: 'sent', body: '经查询，该路段维修已列入本月计划。' }]);
    expect(r.timeline.map((e: any) => e.text)).toContain('平台自办');
    // it closes and is rated like any other
    let a = await step(s.dispatcher, r.assignments[0], 'close');
    a = await step(s.dispatcher, a, 'rate', { value: 'satisfied' });
    expect(a.caseStatus).toBe('rated');
  });

  it('a case already routed cannot be self-handled', async () => {
    const { s } = await county();
    const { caseId } = await caseAt(s);
    const c = expectOk(await s.dispatcher.get(`/cases/${caseId}`)).case;
    expectError(
      await s.dispatcher.post(`/cases/${caseId}/self-handle`, { version: c.version, reply: '答复' }),
      409,
      'CONFLICT',
    );
  });
});

describe('merging a duplicate', () => {
  it('the later case is merged into the earlier; both timelines say so; it cannot be routed after', async () => {
    const { s, f } = await county();
    const first = (await register(s.dispatcher)).case;
    const dup = (await register(s.dispatcher, { channel: 'letter' })).case;
    const r = expectOk(
      await s.dispatcher.post(`/cases/${dup.id}/merge`, { version: dup.version, intoCaseId: first.id }),
    );
    expect(r.case).toMatchObject({ status: 'merged', mergedIntoCaseId: first.id });
    // the same caller twice: the suggestion that the second repeats the first goes with the merge
    expect(r.timeline.at(-1).text).toBe(`并入 ${first.number}；与 ${first.number} 的重复件提示随之排除`);
    const into = expectOk(await s.dispatcher.get(`/cases/${first.id}`));
    expect(into.timeline.at(-1).text).toBe(`合并 ${dup.number}`);
    expectError(
      await s.dispatcher.post(`/cases/${dup.id}/route`, {
        version: r.case.version,
        units: [{ unitId: f.units.townA, role: 'lead' }],
      }),
      409,
      'CONFLICT',
    );
    // merged once is merged for good: not again into another case
    const third = (await register(s.dispatcher, { title: '第三件' })).case;
    expectError(
      await s.dispatcher.post(`/cases/${dup.id}/merge`, { version: r.case.version, intoCaseId: third.id }),
      409,
      'CONFLICT',
    );
    expect(await caseRow(t, dup.id)).toMatchObject({ mergedIntoCaseId: first.id });
  });

  it('sets aside the merged case’s waiting repeat suggestions, each recorded, and leaves the others', async () => {
    const { s, f } = await county();
    // the same caller three times about the same matter: B repeats A; C repeats A and B
    const a = (await register(s.dispatcher)).case;
    const b = (await register(s.dispatcher, { channel: 'letter' })).case;
    const c = await register(s.dispatcher, { channel: 'visit' });
    expect(c.repeatSuggestions).toHaveLength(2);
    expect(expectOk(await s.dispatcher.get('/queues')).repeatSuggestions).toBe(3);
    t.clock.advance(60_000);
    expectOk(await s.dispatcher.post(`/cases/${b.id}/merge`, { version: b.version, intoCaseId: a.id }));

    // only C ↔ A still waits, in the count and in the queue
    expect(expectOk(await s.dispatcher.get('/queues')).repeatSuggestions).toBe(1);
    const queue = expectOk(await s.dispatcher.get('/repeat-suggestions')).items;
    expect(queue.map((x: any) => [x.caseId, x.earlierCaseId])).toEqual([[c.case.id, a.id]]);
    // B's two are set aside by the dispatcher who merged, at the merge, not confirmed
    const onB = expectOk(await s.dispatcher.get(`/cases/${b.id}`));
    expect(onB.repeatSuggestions).toHaveLength(2);
    for (const x of onB.repeatSuggestions)
      expect(x).toMatchObject({
        status: 'rejected',
        decidedBy: f.users.dispatcher,
        decidedAt: t.clock.now(),
      });
    expect(await caseRow(t, c.case.id)).toMatchObject({ isRepeat: false });
    expect(await caseRow(t, b.id)).toMatchObject({ isRepeat: false });
    // …and say so in the merge's event (the audit log's line) and on B's timeline
    const merged = (await eventsOf(t, b.id)).find((e) => e.type === 'case.merged')!;
    expect((merged.payload as any).repeatsSetAside).toEqual(
      expect.arrayContaining([
        { suggestionId: expect.any(String), otherCaseId: a.id, otherNumber: a.number },
        { suggestionId: expect.any(String), otherCaseId: c.case.id, otherNumber: c.case.number },
      ]),
    );
    expect(onB.timeline.at(-1).text).toMatch(
      new RegExp(
        `^并入 ${a.number}；与 (${a.number}、${c.case.number}|${c.case.number}、${a.number}) 的重复件提示随之排除$`,
      ),
    );
    // A's line, which its units read, says nothing of repeats
    expect(expectOk(await s.dispatcher.get(`/cases/${a.id}`)).timeline.at(-1).text).toBe(`合并 ${b.number}`);
    // a set-aside suggestion is decided: not confirmed afterwards
    expectError(
      await s.dispatcher.post(`/repeat-suggestions/${onB.repeatSuggestions[0].id}/confirm`),
      409,
      'CONFLICT',
    );
  });

  it('two merges asked at once into each other: the second to write is refused, one case stands', async () => {
    const { f, s } = await county();
    const e = (await register(s.dispatcher, { title: '东门菜市场占道经营' })).case;
    const ff = (await register(s.dispatcher, { title: '东门菜市场占道经营严重' })).case;
    const theirs = await bureauCtx(t, f, 'admin');
    // between this merge's reads (F stands) and its writes, the administrator merges F into E
    const race = racing(await bureauCtx(t, f, 'dispatcher'), () =>
      mergeCase(theirs, ff.id, { version: ff.version, intoCaseId: e.id }),
    );
    const mergingE = mergeCase(race.ctx, e.id, { version: e.version, intoCaseId: ff.id });
    await expect(mergingE).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(race.ran()).toBe(true);
    expect(await caseRow(t, ff.id)).toMatchObject({ status: 'merged', mergedIntoCaseId: e.id });
    expect(await caseRow(t, e.id)).toMatchObject({ status: 'new', mergedIntoCaseId: null });
    expect((await eventsOf(t, e.id)).filter((x) => x.type === 'case.merged')).toHaveLength(1);
  });

  it('refuses a merge into itself, into an unknown case, of a routed case, or by a unit', async () => {
    const { s } = await county();
    const a = (await register(s.dispatcher)).case;
    expectError(
      await s.dispatcher.post(`/cases/${a.id}/merge`, { version: 1, intoCaseId: a.id }),
      400,
      'VALIDATION',
    );
    expectError(
      await s.dispatcher.post(`/cases/${a.id}/merge`, { version: 1, intoCaseId: 'nope' }),
      400,
      'VALIDATION',
    );
    const routed = await caseAt(s);
    const rc = expectOk(await s.dispatcher.get(`/cases/${routed.caseId}`)).case;
    expectError(
      await s.dispatcher.post(`/cases/${routed.caseId}/merge`, { version: rc.version, intoCaseId: a.id }),
      409,
      'CONFLICT',
    );
    expectError(
      await s.handlerA.post(`/cases/${routed.caseId}/merge`, { version: rc.version, intoCaseId: a.id }),
      403,
      'FORBIDDEN',
    );
    // nor into a case already answered: nothing would follow for the merged one
    const answered = await caseAt(s, ['sign', 'accept']);
    await replyFully(s, answered.a);
    const late = (await register(s.dispatcher)).case;
    const refused = await s.dispatcher.post(`/cases/${late.id}/merge`, {
      version: late.version,
      intoCaseId: answered.caseId,
    });
    expectError(refused, 409, 'CONFLICT');
    expect(refused.body.error.message).toContain('尚在办理中');
    expect(await caseRow(t, late.id)).toMatchObject({ status: 'new', mergedIntoCaseId: null });
  });
});

describe('publishing a 问政 answer', () => {
  async function publicQuestion(s: ReturnType<typeof desks>, isPublic = true) {
    const { a, caseId } = await caseAt(s, ['sign', 'accept'], {
      kind: 'inquiry',
      purpose: 'question',
      channel: 'mailbox',
      isPublic,
      title: '城区停车收费标准',
      content: '请问城区路边停车收费标准是多少，节假日是否免费？',
    });
    return { a, caseId };
  }

  it('is refused before the answer was sent, then published and shown on the board, then withheld', async () => {
    const { s, f } = await county();
    const { a, caseId } = await publicQuestion(s);
    let c = expectOk(await s.dispatcher.get(`/cases/${caseId}`)).case;
    expectError(await s.dispatcher.post(`/cases/${caseId}/publish`, { version: c.version }), 409, 'CONFLICT');
    // not even with an answer typed in by the dispatcher: answers go public only after review
    expectError(
      await s.dispatcher.post(`/cases/${caseId}/publish`, { version: c.version, answer: '免费' }),
      409,
      'CONFLICT',
    );
    await replyFully(s, a, '工作日每小时 2 元，节假日免费。');
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(detail.actions).toContain('publish');
    expect(expectOk(await s.dispatcher.get('/queues')).toPublish).toBe(1);
    c = detail.case;
    expectError(await s.handlerA.post(`/cases/${caseId}/publish`, { version: c.version }), 403, 'FORBIDDEN');
    const pub = expectOk(await s.dispatcher.post(`/cases/${caseId}/publish`, { version: c.version }));
    expect(pub.case).toMatchObject({
      publishStatus: 'published',
      publicAnswer: '工作日每小时 2 元，节假日免费。',
    });
    const board = expectOk(await t.client().get(`/api/t/${f.slug}/portal/board`));
    expect(board.items.map((i: any) => [i.title, i.answer])).toEqual([
      ['城区停车收费标准', '工作日每小时 2 元，节假日免费。'],
    ]);
    const held = expectOk(
      await s.dispatcher.post(`/cases/${caseId}/withhold`, { version: pub.case.version }),
    );
    expect(held.case.publishStatus).toBe('withheld');
    expect(expectOk(await t.client().get(`/api/t/${f.slug}/portal/board`)).items).toEqual([]);
    expect(held.timeline.slice(-2).map((e: any) => e.text)).toEqual(['问政答复已公开', '问政答复不予公开']);
  });

  it('a question the citizen kept private cannot be published; a petition is no 问政', async () => {
    const { s } = await county();
    const priv = await publicQuestion(s, false);
    await replyFully(s, priv.a);
    const c = expectOk(await s.dispatcher.get(`/cases/${priv.caseId}`)).case;
    expectError(
      await s.dispatcher.post(`/cases/${priv.caseId}/publish`, { version: c.version }),
      409,
      'CONFLICT',
    );
    const pet = await caseAt(s, ['sign', 'accept']);
    await replyFully(s, pet.a);
    const p = expectOk(await s.dispatcher.get(`/cases/${pet.caseId}`)).case;
    expectError(
      await s.dispatcher.post(`/cases/${pet.caseId}/publish`, { version: p.version }),
      400,
      'VALIDATION',
    );
    expect((await assignmentRow(t, pet.a.id)).state).toBe('replied');
  });
});
