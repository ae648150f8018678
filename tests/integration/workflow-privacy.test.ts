// What a unit may see of a case beyond its own step: an accuser's other cases and material stay
// with the bureau; another unit's unsent draft (and its files) stays with that unit; a unit that
// gave a case back (退件) keeps only its own part of it; a case whose units have all answered is
// not routed again (it goes back to a unit only by 重办).
import { describe, expect, it } from 'vitest';
import { fileForm, JPEG, ORIGIN } from './portal-helpers';
import {
  caseAt,
  type Desk,
  expectError,
  expectOk,
  register,
  replyFully,
  routeTo,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('privacy');

async function upload(d: Desk, name: string) {
  return expectOk(await d.post('/attachments', fileForm(JPEG, name, 'image/jpeg'), ORIGIN), 201) as {
    id: string;
  };
}

describe('a unit sees of a case what is its business', () => {
  it('an accusation: no link to the accuser’s other cases, no names of the accuser’s files', async () => {
    const { s, f } = await county();
    const who = { name: '赵小明', phone: '13700001234' };
    const claim = await register(s.dispatcher, {
      purpose: 'claim',
      categoryId: f.categoryId,
      petitioner: who,
      title: '村道塌陷多次反映未修',
      content: '村东头道路塌陷一个多月，多次反映没有人来修，请尽快处理。',
    });
    await routeTo(s.dispatcher, claim.case, [[f.units.townA, 'lead']]);
    const file = await upload(s.dispatcher, '举报人赵小明身份证13700001234.jpg');
    const accusation = await register(s.dispatcher, {
      purpose: 'accusation',
      categoryId: f.categoryId,
      petitioner: who,
      title: '村道塌陷多次反映未修，村干部不作为',
      content: '村东头道路塌陷一个多月，多次反映没有人来修，村干部不作为，请尽快处理。',
      attachmentIds: [file.id],
    });
    const sug = accusation.repeatSuggestions.find((x: any) => x.earlierCaseId === claim.case.id);
    expect(sug).toBeTruthy();
    expectOk(await s.dispatcher.post(`/repeat-suggestions/${sug.id}/confirm`));
    const now = expectOk(await s.dispatcher.get(`/cases/${accusation.case.id}`));
    await routeTo(s.dispatcher, now.case, [[f.units.townA, 'lead']]);

    // the bureau keeps the link and the file
    const bureau = expectOk(await s.dispatcher.get(`/cases/${accusation.case.id}`));
    expect(bureau.case.repeatOfCaseId).toBe(claim.case.id);
    expect(bureau.attachments.map((a: any) => a.id)).toEqual([file.id]);
    // the unit sees neither the link to the claim (which names 赵小明) nor the file's name
    const unit = expectOk(await s.handlerA.get(`/cases/${accusation.case.id}`));
    expect(unit.case.petitioner.hidden).toBe(true);
    expect(unit.case.repeatOfCaseId).toBeNull();
    expect(unit.case.isRepeat).toBe(false);
    expect(unit.attachments).toEqual([]);
    expect(JSON.stringify(unit)).not.toContain('赵小明');
    expect(JSON.stringify(unit)).not.toContain(claim.case.id);
    expectError(await s.handlerA.get(`/attachments/${file.id}`), 403, 'FORBIDDEN');
  });

  it('an accusation: a county leader reads the case and its replies, not the accuser', async () => {
    const { s, f } = await county();
    const file = await upload(s.dispatcher, '举报材料-钱大勇.jpg');
    const accusation = await register(s.dispatcher, {
      purpose: 'accusation',
      categoryId: f.categoryId,
      petitioner: { name: '钱大勇', phone: '13700005678', idNumber: '11010519491231002X' },
      title: '举报某站所违规收费',
      content: '某站所办理证件时额外收取费用且不开票据，请调查处理。',
      attachmentIds: [file.id],
    });
    const leader = expectOk(await s.county.get(`/cases/${accusation.case.id}`));
    expect(leader.case.petitioner).toMatchObject({ hidden: true, name: null, phone: null, idNumber: null });
    expect(leader.attachments).toEqual([]);
    const seen = JSON.stringify(leader);
    for (const secret of ['钱大勇', '5678', '002X', '举报材料']) expect(seen).not.toContain(secret);
    expectError(await s.county.get(`/attachments/${file.id}`), 403, 'FORBIDDEN');
    const list = expectOk(await s.county.get(`/cases?q=${encodeURIComponent('违规收费')}`));
    expect(list.items.map((c: any) => c.id)).toContain(accusation.case.id);
    expect(JSON.stringify(list)).not.toContain('钱大勇');
    // the bureau still knows who wrote, and the leader reads an ordinary case as before
    const bureau = expectOk(await s.dispatcher.get(`/cases/${accusation.case.id}`));
    expect(bureau.case.petitioner.name).toBe('钱大勇');
    expectOk(await s.dispatcher.get(`/attachments/${file.id}`));
    const claim = await register(s.dispatcher, {
      purpose: 'claim',
      categoryId: f.categoryId,
      petitioner: { name: '钱大勇', phone: '13700005678' },
      title: '证件办理时间过长',
      content: '证件办理等待两个月仍未办好，请督促。',
    });
    expect(expectOk(await s.county.get(`/cases/${claim.case.id}`)).case.petitioner.name).toBe('钱大勇');
  });

  it('an accusation: the citizen’s rating comment and review reason (their own words) reach the bureau, not the units', async () => {
    const { s } = await county();
    const { caseId, a, created } = await caseAt(s, ['sign', 'accept'], { purpose: 'accusation' });
    await replyFully(s, a);
    const rated = await t.client().post(`/api/t/${s.dispatcher.f.slug}/portal/rate`, {
      queryCode: created.queryCode,
      secret: created.secret,
      ratings: [{ assignmentId: a.id, value: 'unsatisfied' }],
      comment: '我是赵小明，电话13700001234，村主任还在打击报复我',
    });
    expect(rated.status).toBe(200);
    const asked = await t.client().post(`/api/t/${s.dispatcher.f.slug}/portal/review`, {
      queryCode: created.queryCode,
      secret: created.secret,
      kind: 'review',
      reason: '我是赵小明，村主任打击报复我，申请复查。',
    });
    expect(asked.status).toBe(200);
    const bureau = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(bureau.review.history[0].reason).toContain('赵小明');
    const unit = expectOk(await s.handlerA.get(`/cases/${caseId}`));
    expect(unit.review.history[0]).toMatchObject({ kind: 'request', reason: null });
    expect(unit.ratings[0]).toMatchObject({ value: 'unsatisfied', comment: null });
    expect(JSON.stringify(unit)).not.toContain('赵小明');
    expect(bureau.ratings[0].comment).toContain('赵小明');
  });

  it('a co-handler sees neither the lead’s unsent draft nor its files, until the reply is sent', async () => {
    const { s, f } = await county();
    const { caseId, a } = await caseAt(s, ['sign', 'accept'], {}, [
      [f.units.townA, 'lead'],
      [f.units.deptA, 'co'],
    ]);
    const scan = await upload(s.handlerA, '答复意见书.jpg');
    let x = await step(s.handlerA, a, 'reply', {
      body: '经核查，道路已于本周修复完毕。',
      attachmentIds: [scan.id],
    });
    const lead = expectOk(await s.handlerA.get(`/cases/${caseId}`));
    expect(lead.attachments.map((y: any) => y.id)).toEqual([scan.id]);
    const co = expectOk(await s.handlerDept.get(`/cases/${caseId}`));
    expect(co.attachments).toEqual([]);
    expectError(await s.handlerDept.get(`/attachments/${scan.id}`), 404, 'NOT_FOUND');

    x = await step(s.handlerA, x, 'submit-reply');
    x = await step(s.leaderA, x, 'approve-reply', { note: '同意' });
    await step(s.handlerA, x, 'send-reply');
    const after = expectOk(await s.handlerDept.get(`/cases/${caseId}`));
    expect(after.attachments.map((y: any) => y.id)).toEqual([scan.id]);
    const got = await s.handlerDept.download(`/attachments/${scan.id}`);
    expect(got.res.status).toBe(200);
  });

  it('a unit leader’s review notes stay in that unit: another unit reads that the reply was sent back, not why', async () => {
    const { s, f } = await county();
    const { caseId, a } = await caseAt(s, ['sign', 'accept'], {}, [
      [f.units.townA, 'lead'],
      [f.units.deptA, 'co'],
    ]);
    let x = await step(s.handlerA, a, 'reply', { body: '经核查，道路已于本周修复完毕。' });
    x = await step(s.handlerA, x, 'submit-reply');
    x = await step(s.leaderA, x, 'reject-reply', { note: '内部意见：张站长说再拖一周' });
    x = await step(s.handlerA, x, 'submit-reply');
    await step(s.leaderA, x, 'approve-reply', { note: '同意，李书记已阅' });
    const lines = async (d: Desk) =>
      (expectOk(await d.get(`/cases/${caseId}`)).timeline as any[]).filter((e) =>
        ['assignment.reply_rejected', 'assignment.reply_approved'].includes(e.type),
      );
    const co = await lines(s.handlerDept);
    expect(co.map((e) => e.text)).toEqual(['东山镇领导审核退回', '东山镇领导审核通过']);
    expect(co.map((e) => e.payload)).toEqual([null, null]);
    expect(JSON.stringify(expectOk(await s.handlerDept.get(`/cases/${caseId}`)))).not.toContain('张站长');
    // the unit itself and the bureau read the notes
    for (const d of [s.handlerA, s.dispatcher])
      expect((await lines(d)).map((e) => e.text)).toEqual([
        '东山镇领导审核退回：内部意见：张站长说再拖一周',
        '东山镇领导审核通过：同意，李书记已阅',
      ]);
  });

  it('a unit that gave a case back keeps its own part only: no later replies, ratings, reveal', async () => {
    const { s, f } = await county();
    const { caseId, a } = await caseAt(s, ['sign']);
    const asked = await step(s.handlerA, a, 'return', { reason: '该事项属县住建局职责，非本镇管辖' });
    await step(s.dispatcher, asked, 'approve-return');
    const c = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    const routed = await routeTo(s.dispatcher, c.case, [[f.units.townB, 'lead']]);
    const b = routed.assignments.find((y: any) => y.unitId === f.units.townB);
    const scan = await upload(s.handlerB, '答复意见书.jpg');
    let x = await step(s.handlerB, b, 'sign');
    x = await step(s.handlerB, x, 'accept');
    x = await step(s.handlerB, x, 'reply', { body: '经核查，已安排维修。', attachmentIds: [scan.id] });
    x = await step(s.handlerB, x, 'submit-reply');
    x = await step(s.leaderB, x, 'approve-reply', { note: '同意' });
    await step(s.handlerB, x, 'send-reply');

    const gone = expectOk(await s.handlerA.get(`/cases/${caseId}`));
    expect(gone.assignments.map((y: any) => y.unitId)).toEqual([f.units.townA]);
    expect(gone.replies).toEqual([]);
    expect(gone.attachments).toEqual([]);
    expect(gone.actions).not.toContain('reveal');
    expect(JSON.stringify(gone.timeline)).not.toContain('经核查');
    expectError(await s.handlerA.post(`/cases/${caseId}/reveal`, { field: 'phone' }), 403, 'FORBIDDEN');
    expectError(await s.handlerA.get(`/attachments/${scan.id}`), 404, 'NOT_FOUND');
    // the unit now holding it sees everything of its own
    const holder = expectOk(await s.handlerB.get(`/cases/${caseId}`));
    expect(holder.replies).toHaveLength(1);
    expect(holder.actions).toContain('reveal');
  });

  it('a case whose units have all answered is not routed again; one still in hand takes a co-handler', async () => {
    const { s, f } = await county();
    const { caseId, a } = await caseAt(s, ['sign', 'accept']);
    let c = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(c.actions).toContain('route');
    await routeTo(s.dispatcher, c.case, [[f.units.deptA, 'co']]);
    await replyFully(s, a);
    c = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    // the co-handler still works: the case can take another unit
    expect(c.actions).toContain('route');
    const co = c.assignments.find((y: any) => y.unitId === f.units.deptA);
    let y = await step(s.handlerDept, co, 'sign');
    y = await step(s.handlerDept, y, 'accept');
    y = await step(s.handlerDept, y, 'reply', { body: '已配合城关镇完成维修。' });
    y = await step(s.handlerDept, y, 'submit-reply');
    y = await step(s.leaderDept, y, 'approve-reply', { note: '同意' });
    await step(s.handlerDept, y, 'send-reply');
    c = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(c.actions).not.toContain('route');
    const before = c.case;
    expectError(
      await s.dispatcher.post(`/cases/${caseId}/route`, {
        version: before.version,
        units: [{ unitId: f.units.townB, role: 'co' }],
      }),
      409,
      'CONFLICT',
    );
    const still = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(still.case.status).toBe(before.status);
    expect(still.case.version).toBe(before.version);
  });
});
