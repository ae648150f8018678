// The papers of an assignment (交办单, 受理/不予受理告知书, 答复意见书) as A4 pages: what each says,
// when it exists, who may print it, and that a unit never prints an accuser's identity.
import { describe, expect, it } from 'vitest';
import { T0 } from '../fixtures/app';
import { fromIp, portal } from './portal-helpers';
import {
  caseAt,
  type Desk,
  expectError,
  expectOk,
  register,
  replyFully,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('doc');

/** The page as the browser gets it: status, type and its text without tags. */
async function paper(d: Desk, assignmentId: string, kind: string) {
  const { res, text } = await d.download(`/assignments/${assignmentId}/documents/${kind}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: text };
}

describe('the papers of an assignment', () => {
  it('交办单 names the unit, the matter, the masked phone, the instructions and each step’s last day', async () => {
    const { s } = await county();
    const { a, number } = await caseAt(s);
    const p = await paper(s.dispatcher, a.id, 'dispatch');
    expect(p.status).toBe(200);
    expect(p.type).toMatch(/text\/html/);
    for (const text of [
      '信访事项交办单',
      `编号：${number}`,
      '东山镇（主办）',
      '2026年3月2日',
      '郑一鸣',
      '138****8000',
      '小区门口道路破损多处积水',
      '请按程序办理并及时答复',
      '前签收',
      '前作出是否受理的决定',
    ])
      expect(p.html).toContain(text);
    expect(p.html).not.toContain('13800138000');
    // the township prints its own, for its file
    expect((await paper(s.handlerA, a.id, 'dispatch')).status).toBe(200);
  });

  it('告知书 exists once the unit decided: 受理 with the reply’s last day, or 不予受理 with reason and notice', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign']);
    const early = await s.dispatcher.get(`/assignments/${a.id}/documents/decision`);
    expectError(early, 409, 'CONFLICT');
    t.clock.set(T0 + 3_600_000);
    const accepted = await step(s.handlerA, a, 'accept');
    const p = await paper(s.handlerA, a.id, 'decision');
    expect(p.html).toContain('受理告知书');
    expect(p.html).toContain('郑一鸣：');
    expect(p.html).toContain('我单位已于2026年3月2日依法受理');
    expect(p.html).toMatch(/将于2026年\d+月\d+日前办结并书面答复您/);
    expect(accepted.state).toBe('accepted');

    const { a: b } = await caseAt(s, ['sign']);
    await step(s.handlerA, b, 'refuse', {
      reason: '该事项已进入诉讼程序',
      notice: '根据《信访工作条例》第三十一条，本机关不予受理，请通过诉讼途径解决。',
    });
    const r = await paper(s.dispatcher, b.id, 'decision');
    expect(r.html).toContain('不予受理告知书');
    // the clerk's reason is ended as a sentence
    expect(r.html).toContain('经审查，该事项已进入诉讼程序。');
    expect(r.html).toContain('请通过诉讼途径解决');
  });

  it('答复意见书 carries the sent reply and the right to a review within 30 days; none before it is sent', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    expectError(await s.handlerA.get(`/assignments/${a.id}/documents/reply`), 409, 'CONFLICT');
    await step(s.handlerA, a, 'reply', { body: '草稿不应出现在答复意见书中' });
    expectError(await s.handlerA.get(`/assignments/${a.id}/documents/reply`), 409, 'CONFLICT');
    const fresh = expectOk(await s.handlerA.get(`/assignments/${a.id}`)).assignments[0];
    await replyFully(s, fresh, '经核查，道路已于本周修复完毕，<感谢>您的监督。');
    const p = await paper(s.handlerA, a.id, 'reply');
    expect(p.html).toContain('信访事项答复意见书');
    // typed text is escaped, never markup
    expect(p.html).toContain('经核查，道路已于本周修复完毕，&lt;感谢&gt;您的监督。');
    expect(p.html).toContain('30 日内请求复查');
    expect(p.html).not.toContain('草稿不应出现');
  });

  it('a 问政 answer’s paper is named for 问政 and offers 不满意 and 重办, not the 信访 复查', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept'], { kind: 'inquiry', purpose: 'question' });
    await replyFully(s, a, '卫生院将于下月起开通夜间门诊。');
    const p = await paper(s.handlerA, a.id, 'reply');
    expect(p.html).toContain('网上问政答复意见书');
    expect(p.html).not.toContain('复查');
    expect(p.html).toContain('选择“不满意”');
  });

  it('督办单 exists once the bureau supervised the case: its note, the new last day, to the unit', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    expectError(await s.dispatcher.get(`/assignments/${a.id}/documents/supervision`), 409, 'CONFLICT');
    const fresh = expectOk(await s.dispatcher.get(`/assignments/${a.id}`)).assignments[0];
    await step(s.dispatcher, fresh, 'supervise', {
      note: '群众多次来电反映，请加快办理',
      // 24:00 on Saturday 7 March, Shanghai
      dueAt: Date.UTC(2026, 2, 7, 16),
    });
    const p = await paper(s.handlerA, a.id, 'supervision');
    expect(p.html).toContain('信访事项督办单');
    expect(p.html).toContain('东山镇：');
    expect(p.html).toContain('现予督办：群众多次来电反映，请加快办理。');
    expect(p.html).toContain('请于2026年3月7日前办结');
  });

  it('a case the bureau answered itself (平台自办) has its reply paper but no 交办单', async () => {
    const { s, f } = await county();
    const created = await register(s.dispatcher);
    const c = created.case;
    const done = expectOk(
      await s.dispatcher.post(`/cases/${c.id}/self-handle`, {
        version: c.version,
        reply: '您咨询的事项已电话答复，相关办理指南已短信发送。',
      }),
    );
    const own = done.assignments[0];
    expectError(await s.dispatcher.get(`/assignments/${own.id}/documents/dispatch`), 409, 'CONFLICT');
    const p = await paper(s.dispatcher, own.id, 'reply');
    expect(p.html).toContain('相关办理指南已短信发送');
    // 条例 art. 35: the bureau's own answer is reviewed by the county government, not by the bureau
    expect(p.html).toContain(`内请求${f.slug}县人民政府复查`);
    expect(p.html).not.toMatch(/向[^。]*信访局提出/);

    // the 复查 opinion on it is the county government's paper; a 复核 goes up a level
    const creds = { queryCode: created.queryCode, secret: created.secret };
    const asked = await fromIp(t, '10.9.0.1', 'POST', `${portal(f.slug)}/review`, {
      ...creds,
      kind: 'review',
      reason: '对答复不服，申请复查。',
    });
    expect(asked.status).toBe(200);
    const now = expectOk(await s.dispatcher.get(`/cases/${c.id}`));
    expectOk(
      await s.dispatcher.post(`/cases/${c.id}/answer-review`, {
        version: now.case.version,
        decision: 'upheld',
        opinion: '经复查，原答复意见正确，予以维持。',
      }),
    );
    const r = await s.dispatcher.get(`/cases/${c.id}/documents/review`);
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain('信访事项复查意见书');
    expect(String(r.body)).toMatch(new RegExp(`${f.slug}县人民政府\\s*<`));
    expect(String(r.body)).toContain('向上一级人民政府请求复核');
  });

  it('another unit cannot print them, and a unit never prints an accuser’s identity', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept'], {
      purpose: 'accusation',
      title: '反映某站所工作人员吃拿卡要',
    });
    expectError(await s.handlerB.get(`/assignments/${a.id}/documents/dispatch`), 404, 'NOT_FOUND');
    expectError(
      await s.handlerB.get('/assignments/01nosuchassignment00/documents/dispatch'),
      404,
      'NOT_FOUND',
    );
    const unitCopy = await paper(s.handlerA, a.id, 'dispatch');
    expect(unitCopy.html).toContain('信访人身份保密');
    expect(unitCopy.html).not.toContain('郑一鸣');
    expect(unitCopy.html).not.toContain('138****8000');
    const notice = await paper(s.handlerA, a.id, 'decision');
    expect(notice.html).toContain('信访人：');
    expect(notice.html).not.toContain('郑一鸣');
    // the bureau, which may see the accuser, prints the name on the notice it sends
    expect((await paper(s.dispatcher, a.id, 'decision')).html).toContain('郑一鸣：');
    // an unknown paper is no route at all
    expect((await s.dispatcher.get(`/assignments/${a.id}/documents/receipt`)).status).toBe(404);
  });

  it('a paper for the unit hides an accuser whoever prints it; the citizen’s own papers name the citizen', async () => {
    const { s, f } = await county();
    const { a, created } = await caseAt(s, ['sign', 'accept'], {
      purpose: 'accusation',
      title: '反映某站所工作人员吃拿卡要',
    });
    const fresh = expectOk(await s.dispatcher.get(`/assignments/${a.id}`)).assignments[0];
    await step(s.dispatcher, fresh, 'supervise', { note: '请加快核查' });
    // the 交办单 and the 督办单 go to the unit: the bureau's print hides the accuser as the unit's does
    for (const d of [s.dispatcher, s.handlerA, s.county])
      for (const kind of ['dispatch', 'supervision']) {
        const p = await paper(d, a.id, kind);
        expect(p.status).toBe(200);
        expect(p.html).not.toContain('郑一鸣');
        expect(p.html).not.toContain('138****8000');
      }
    expect((await paper(s.dispatcher, a.id, 'dispatch')).html).toContain('（检举控告件，信访人身份保密）');
    // the 告知书 goes to the citizen: printed by the citizen (portal) or the bureau it names them
    const citizen = t.client();
    const own = await citizen.post(`/api/t/${f.slug}/portal/papers`, {
      queryCode: created.queryCode,
      secret: created.secret,
      assignmentId: a.id,
      kind: 'decision',
    });
    expect(own.status).toBe(200);
    expect(own.body).toContain('郑一鸣：');
    expect((await paper(s.dispatcher, a.id, 'decision')).html).toContain('郑一鸣：');
    expect((await paper(s.handlerA, a.id, 'decision')).html).not.toContain('郑一鸣');
  });
});
