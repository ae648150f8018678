// Supervision (督办) with a note and a new deadline, urging (催办) counted; repeat detection (同人同事)
// suggested with Chinese reasons, confirmed into a chain or rejected by the dispatcher; the bureau's
// list of repeat petitioners, which units never see.
import { describe, expect, it } from 'vitest';
import { T0 } from '../fixtures/app';
import {
  assignmentRow,
  caseAt,
  caseRow,
  DAY,
  type Desks,
  eventsOf,
  eventsOfAssignment,
  expectError,
  expectOk,
  move,
  register,
  sh,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('sr');

describe('supervision (督办) and urging (催办)', () => {
  it('the dispatcher puts a late-running case under supervision with a note and an earlier deadline', async () => {
    const { s } = await county();
    const { a, caseId } = await caseAt(s, ['sign', 'accept']);
    expect(a.due).toEqual({ step: 'reply', dueAt: sh(2026, 3, 18) });
    const x = await step(s.dispatcher, a, 'supervise', {
      note: '群众多次来电，请于3月6日前答复',
      dueAt: sh(2026, 3, 7),
    });
    expect(x).toMatchObject({
      state: 'accepted',
      supervised: true,
      supervisionNote: '群众多次来电，请于3月6日前答复',
      supervisionDueAt: sh(2026, 3, 7),
      // the unit now works against the supervision deadline, the earlier of the two
      due: { step: 'supervision', dueAt: sh(2026, 3, 7) },
      light: 'green',
    });
    expect(expectOk(await s.dispatcher.get('/queues')).supervised).toBe(1);
    const listed = expectOk(await s.handlerA.get('/assignments', { supervised: 'true' })).items;
    expect(listed.map((y: any) => y.id)).toEqual([a.id]);
    const detail = expectOk(await s.handlerA.get(`/cases/${caseId}`));
    expect(detail.timeline.at(-1).text).toBe('督办东山镇：群众多次来电，请于3月6日前答复');
    t.clock.set(sh(2026, 3, 6, 12));
    expect(expectOk(await s.handlerA.get(`/assignments/${a.id}`)).assignments[0].light).toBe('yellow');
    t.clock.set(sh(2026, 3, 7));
    expect(expectOk(await s.handlerA.get(`/assignments/${a.id}`)).assignments[0].light).toBe('red');
  });

  it('supervision needs a note and a deadline in the future, and only the bureau supervises', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign']);
    expectError(await move(s.dispatcher, a, 'supervise', { note: '' }), 400, 'VALIDATION');
    expectError(
      await move(s.dispatcher, a, 'supervise', { note: '督办', dueAt: T0 - DAY }),
      400,
      'VALIDATION',
    );
    // nor tens of thousands of years away
    for (const dueAt of [1e15, 8.64e15])
      expectError(await move(s.dispatcher, a, 'supervise', { note: '督办', dueAt }), 400, 'VALIDATION');
    expectError(await move(s.leaderA, a, 'supervise', { note: '督办' }), 403, 'FORBIDDEN');
    expect(await assignmentRow(t, a.id)).toMatchObject({ supervised: false, version: a.version });
  });

  it('a finished case is not supervised or urged any more', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign']);
    const x = await step(s.handlerA, a, 'refuse', { reason: '已经司法程序', notice: '依法不予受理' });
    expectError(await move(s.dispatcher, x, 'supervise', { note: '督办' }), 409, 'CONFLICT');
    expectError(await move(s.dispatcher, x, 'urge', { message: '催办' }), 409, 'CONFLICT');
  });

  it('every urging message is recorded and counted', async () => {
    const { s } = await county();
    const { a } = await caseAt(s);
    expectError(await move(s.dispatcher, a, 'urge', { message: ' ' }), 400, 'VALIDATION');
    let x = await step(s.dispatcher, a, 'urge', { message: '请今天内签收' });
    t.clock.advance(3 * 3_600_000);
    x = await step(s.dispatcher, x, 'urge', { message: '再次催办：请立即签收' });
    expect(x.urgeCount).toBe(2);
    const urged = (await eventsOfAssignment(t, a.id)).filter((e) => e.type === 'assignment.urged');
    expect(urged.map((e) => e.payload)).toEqual([
      { message: '请今天内签收' },
      { message: '再次催办：请立即签收' },
    ]);
    const row = expectOk(await s.dispatcher.get('/assignments')).items.find((y: any) => y.id === a.id);
    expect(row.urgeCount).toBe(2);
  });

  it('an urge reaches the unit as an unread reminder, one for each urge, for that unit only', async () => {
    const { s } = await county();
    const { a, number } = await caseAt(s, ['sign', 'accept']);
    expect(expectOk(await s.handlerA.get('/reminders', { unread: '1' })).items).toEqual([]);
    let x = await step(s.dispatcher, a, 'urge', { message: '请于本周内答复' });
    t.clock.advance(3_600_000);
    x = await step(s.dispatcher, x, 'urge', { message: '再次催办' });
    const mine = expectOk(await s.handlerA.get('/reminders', { unread: '1' })).items;
    expect(mine).toMatchObject([
      { kind: 'urged', assignmentId: a.id, message: `${number} 催办：再次催办`, readAt: null },
      { kind: 'urged', assignmentId: a.id, message: `${number} 催办：请于本周内答复`, readAt: null },
    ]);
    // the unit's leader sees them too; another unit does not; the bureau sees whom it urged
    expect(expectOk(await s.leaderA.get('/reminders', { unread: '1' })).items).toHaveLength(2);
    expect(expectOk(await s.handlerB.get('/reminders')).items).toEqual([]);
    const bureau = expectOk(await s.dispatcher.get('/reminders')).items;
    expect(bureau.filter((r: any) => r.kind === 'urged').map((r: any) => r.unitName)).toEqual([
      '东山镇',
      '东山镇',
    ]);
    // a refused urge (stale version) writes no reminder
    expectError(await move(s.dispatcher, a, 'urge', { message: '过期的页面' }), 409, 'CONFLICT');
    expect(expectOk(await s.handlerA.get('/reminders')).items).toHaveLength(2);
    expect(x.urgeCount).toBe(2);
  });

  it('the unit reads what the bureau wrote to it, and the bureau what the unit wrote, on an accusation too', async () => {
    const { s } = await county();
    const { a, caseId } = await caseAt(s, ['sign'], {
      purpose: 'accusation',
      title: '反映某站所工作人员吃拿卡要',
    });
    let x = await step(s.handlerA, a, 'return', { reason: '该站所由县直部门管理' });
    x = await step(s.dispatcher, x, 'reject-return', { note: '经核实属本镇管辖，请继续办理' });
    x = await step(s.handlerA, x, 'accept');
    x = await step(s.handlerA, x, 'request-extension', { days: 5, reason: '需要调查取证' });
    x = await step(s.dispatcher, x, 'deny-extension', { note: '案情简单，请按期办结' });
    x = await step(s.dispatcher, x, 'urge', { message: '请于本周内答复' });
    x = await step(s.handlerA, x, 'reply', { body: '经核查，情况不属实。' });
    x = await step(s.handlerA, x, 'submit-reply');
    x = await step(s.leaderA, x, 'reject-reply', { note: '请补充核查经过' });
    const lines = [
      '东山镇申请退件：该站所由县直部门管理',
      '驳回东山镇退件申请：经核实属本镇管辖，请继续办理',
      '东山镇申请延期 5 天：需要调查取证',
      '不同意东山镇延期：案情简单，请按期办结',
      '催办东山镇：请于本周内答复',
      '东山镇领导审核退回：请补充核查经过',
    ];
    for (const d of [s.handlerA, s.leaderA, s.dispatcher]) {
      const detail = expectOk(await d.get(`/cases/${caseId}`));
      const texts = detail.timeline.map((e: any) => e.text);
      for (const line of lines) expect(texts).toContain(line);
    }
    // nothing in the unit's page names the accuser
    const unitPage = JSON.stringify(expectOk(await s.handlerA.get(`/cases/${caseId}`)));
    for (const secret of ['郑一鸣', '13800138000', '138****8000']) expect(unitPage).not.toContain(secret);

    // an approved return, with the bureau's note, read by the unit that gave the case back
    const other = await caseAt(s, ['sign']);
    let y = await step(s.handlerA, other.a, 'return', { reason: '不属本镇职责' });
    y = await step(s.dispatcher, y, 'approve-return', { note: '同意，改交县住建局' });
    const back = expectOk(await s.handlerA.get(`/cases/${other.caseId}`));
    expect(back.timeline.map((e: any) => e.text)).toContain('同意东山镇退件：同意，改交县住建局');
  });
});

const ROAD = {
  title: '青石路小区门口道路破损积水',
  content: '青石路小区门口道路破损，下雨天积水严重，老人孩子出行不便，请尽快修复。',
};
const ROAD_AGAIN = {
  title: '青石路小区门口道路积水仍未修复',
  content: '上次反映青石路小区门口道路破损积水，至今没有修复，下雨天出行不便。',
};
const ROAD_THIRD = {
  title: '第三次反映青石路门口道路破损',
  content: '青石路小区门口道路破损积水的问题反映两次了，还是没有修复，请领导重视。',
};

async function repeatedCaller(s: Desks, categoryId: string) {
  const first = await register(s.dispatcher, { ...ROAD, categoryId });
  t.clock.advance(5 * DAY);
  const second = await register(s.dispatcher, { ...ROAD_AGAIN, categoryId, channel: 'visit' });
  return { first, second };
}

describe('repeat detection (同人同事)', () => {
  it('a second call from the same phone about the same matter is suggested as a repeat, with reasons', async () => {
    const { s, f } = await county();
    const { first, second } = await repeatedCaller(s, f.categoryId);
    expect(first.repeatSuggestions).toEqual([]);
    expect(second.repeatSuggestions).toHaveLength(1);
    const sug = second.repeatSuggestions[0];
    expect(sug).toMatchObject({ earlierCaseId: first.case.id, status: 'pending' });
    expect(sug.other).toMatchObject({ number: first.case.number, title: ROAD.title });
    expect(sug.reasons[0]).toBe('同一联系电话');
    expect(sug.reasons).toContain('同一内容分类');
    expect(sug.reasons.some((r: string) => /^内容共有：.+/.test(r))).toBe(true);
    expect(sug.reasons).toContain('前案仍在办理中');
    expect(sug.score).toBeGreaterThanOrEqual(70);
    expect(expectOk(await s.dispatcher.get('/queues')).repeatSuggestions).toBe(1);
    // the earlier case shows the link too
    expect(expectOk(await s.dispatcher.get(`/cases/${first.case.id}`)).repeatSuggestions).toHaveLength(1);
    // the system suggested it, not the dispatcher who registered the case
    const said = expectOk(await s.dispatcher.get(`/cases/${second.case.id}`)).timeline.find(
      (e: any) => e.type === 'case.repeat_suggested',
    );
    expect(said).toMatchObject({ actorName: '系统' });
  });

  it('the same ID number is the same person even from another phone', async () => {
    const { s, f } = await county();
    const id = '110105199001080123';
    await register(s.dispatcher, {
      ...ROAD,
      categoryId: f.categoryId,
      petitioner: { name: '郑一鸣', phone: '13800138000', idNumber: id },
    });
    const again = await register(s.dispatcher, {
      ...ROAD_AGAIN,
      categoryId: f.categoryId,
      petitioner: { name: '郑一鸣', phone: '13911112222', idNumber: id },
    });
    expect(again.repeatSuggestions[0].reasons[0]).toBe('同一身份证号');
  });

  it('an ID number given at a visit and only the phone the next time are one person, either way round', async () => {
    const { s, f } = await county();
    const visit = await register(s.dispatcher, {
      ...ROAD,
      categoryId: f.categoryId,
      channel: 'visit',
      petitioner: { name: '郑一鸣', phone: '13800138000', idNumber: '110105199001080123' },
    });
    const call = await register(s.dispatcher, {
      ...ROAD_AGAIN,
      petitioner: { name: '郑一鸣', phone: '138 0013 8000' },
    });
    expect(call.repeatSuggestions.map((x: any) => [x.earlierCaseId, x.reasons[0]])).toEqual([
      [visit.case.id, '同一联系电话'],
    ]);
    const letter = await register(s.dispatcher, {
      ...ROAD_THIRD,
      channel: 'letter',
      petitioner: { name: '郑一鸣', phone: '13800138000', idNumber: '110105199001080123' },
    });
    const reasons = Object.fromEntries(
      letter.repeatSuggestions.map((x: any) => [x.earlierCaseId, x.reasons[0]]),
    );
    expect(reasons).toEqual({ [visit.case.id]: '同一身份证号', [call.case.id]: '同一联系电话' });
  });

  it('a heavy repeater’s open case is found behind more than twenty later ones', async () => {
    const { s, f } = await county();
    const first = await register(s.dispatcher, { ...ROAD, categoryId: f.categoryId });
    const topics = ['路灯', '噪音', '欠薪', '垃圾', '占道', '补贴', '低保', '电梯'];
    for (let i = 0; i < 24; i++) {
      t.clock.advance(DAY / 4);
      await register(s.dispatcher, {
        title: `反映${topics[i % topics.length]}问题（第${i + 1}件）`,
        content: `关于${topics[i % topics.length]}的情况，请相关部门处理。`,
      });
    }
    const again = await register(s.dispatcher, { ...ROAD_AGAIN, categoryId: f.categoryId });
    expect(again.repeatSuggestions.map((x: any) => x.earlierCaseId)).toEqual([first.case.id]);
  });

  it('another person with the same matter, or the same person with another matter, is no repeat', async () => {
    const { s, f } = await county();
    await register(s.dispatcher, { ...ROAD, categoryId: f.categoryId });
    const neighbour = await register(s.dispatcher, {
      ...ROAD_AGAIN,
      categoryId: f.categoryId,
      petitioner: { name: '王芳', phone: '13711112222' },
    });
    expect(neighbour.repeatSuggestions).toEqual([]);
    const other = await register(s.dispatcher, {
      title: '孩子入学户籍证明开不出来',
      content: '我家孩子今年秋季入学，需要的户籍证明在派出所开不出来，请帮忙协调。',
    });
    expect(other.repeatSuggestions).toEqual([]);
  });

  it('the dispatcher confirms: the case is a repeat and chains to the first case', async () => {
    const { s, f } = await county();
    const { first, second } = await repeatedCaller(s, f.categoryId);
    const sugId = second.repeatSuggestions[0].id;
    expectError(await s.handlerA.post(`/repeat-suggestions/${sugId}/confirm`), 403, 'FORBIDDEN');
    expectError(await s.county.post(`/repeat-suggestions/${sugId}/confirm`), 403, 'FORBIDDEN');
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${sugId}/confirm`));
    expect(await caseRow(t, second.case.id)).toMatchObject({ isRepeat: true, repeatOfCaseId: first.case.id });
    expectError(await s.dispatcher.post(`/repeat-suggestions/${sugId}/reject`), 409, 'CONFLICT');
    // a third call suggests both earlier cases; confirming against the second still chains to the first
    t.clock.advance(5 * DAY);
    const third = await register(s.dispatcher, {
      ...ROAD_THIRD,
      categoryId: f.categoryId,
      channel: 'letter',
    });
    const onSecond = third.repeatSuggestions.find((x: any) => x.earlierCaseId === second.case.id);
    expect(onSecond).toBeTruthy();
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${onSecond.id}/confirm`));
    expect(await caseRow(t, third.case.id)).toMatchObject({ isRepeat: true, repeatOfCaseId: first.case.id });
    const listed = expectOk(await s.dispatcher.get('/cases', { repeat: 'true' })).items.map(
      (c: any) => c.number,
    );
    expect(listed.sort()).toEqual([second.case.number, third.case.number].sort());
    const types = (await eventsOf(t, third.case.id)).map((e) => e.type);
    expect(types).toContain('case.repeat_confirmed');
  });

  it('the dispatcher rejects: the case stays a first-time case', async () => {
    const { s, f } = await county();
    const { second } = await repeatedCaller(s, f.categoryId);
    const sugId = second.repeatSuggestions[0].id;
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${sugId}/reject`));
    expect(await caseRow(t, second.case.id)).toMatchObject({ isRepeat: false, repeatOfCaseId: null });
    expect(expectOk(await s.dispatcher.get('/queues')).repeatSuggestions).toBe(0);
    const detail = expectOk(await s.dispatcher.get(`/cases/${second.case.id}`));
    expect(detail.repeatSuggestions[0].status).toBe('rejected');
    expect(detail.timeline.at(-1).text).toBe('排除重复件提示');
    expectError(await s.dispatcher.post('/repeat-suggestions/nope/confirm'), 404, 'NOT_FOUND');
  });

  it('units never see repeat suggestions on their cases', async () => {
    const { s, f } = await county();
    const { second } = await repeatedCaller(s, f.categoryId);
    const c = second.case;
    const routed = expectOk(
      await s.dispatcher.post(`/cases/${c.id}/route`, {
        version: c.version,
        units: [{ unitId: f.units.townA, role: 'lead' }],
      }),
    );
    expect(routed.repeatSuggestions).toHaveLength(1);
    const seen = expectOk(await s.handlerA.get(`/cases/${c.id}`));
    expect(seen.repeatSuggestions).toEqual([]);
    expect(seen.timeline.map((e: any) => e.type)).not.toContain('case.repeat_suggested');
  });
});

describe('repeat petitioners (重复信访人)', () => {
  it('the bureau sees who comes back most, with the phone masked; units are refused', async () => {
    const { s, f } = await county();
    const { second } = await repeatedCaller(s, f.categoryId);
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${second.repeatSuggestions[0].id}/confirm`));
    const list = expectOk(await s.dispatcher.get('/repeat-petitioners'));
    expect(list.items).toEqual([
      expect.objectContaining({
        name: '郑一鸣',
        phone: '138****8000',
        cases: 2,
        repeats: 1,
        lastAt: T0 + 5 * DAY,
      }),
    ]);
    expect(list.items[0].idNumber).toBeNull();
    expect(JSON.stringify(list)).not.toContain('13800138000');
    // a period counts the cases received in it
    const march5on = expectOk(
      await s.dispatcher.get('/repeat-petitioners', { from: '2026-03-05', to: '2026-03-31' }),
    );
    expect(march5on.items).toMatchObject([{ cases: 1, repeats: 1 }]);
    expect(expectOk(await s.dispatcher.get('/repeat-petitioners', { to: '2026-03-04' })).items).toEqual([]);
    for (const who of ['handlerA', 'leaderA', 'handlerDept', 'county'] as const)
      expectError(await s[who].get('/repeat-petitioners'), 403, 'FORBIDDEN');
  });
});
