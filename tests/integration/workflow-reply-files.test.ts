// A file saved with a reply draft can be taken off again while the reply is still the unit's own
// (草稿, 退回修改) — a wrong scan, one that shows an accuser's identity — and never once the reply
// is under review, approved or sent. Taking it off keeps the row and the bytes (detached) and writes
// an event; the file no longer goes with the reply, and nobody downloads it.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attachments } from '../../db/schema';
import { runSweepAllTenants } from '../../workers/services/sweep';
import { fileForm, JPEG, ORIGIN, PDF, portal } from './portal-helpers';
import {
  caseAt,
  DAY,
  type Desk,
  type Desks,
  eventsOf,
  expectError,
  expectOk,
  type Ref,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('replyfiles');

async function upload(d: Desk, name: string, bytes: Uint8Array = PDF, type = 'application/pdf') {
  return expectOk(await d.post('/attachments', fileForm(bytes, name, type), ORIGIN), 201) as { id: string };
}

const remove = (d: Desk, a: Ref, fileId: string, version = a.version) =>
  d.post(`/assignments/${a.id}/reply-attachments/${fileId}/remove`, { version });

const fileIds = async (d: Desk, caseId: string) =>
  (expectOk(await d.get(`/cases/${caseId}`)).attachments as { id: string }[]).map((x) => x.id);

/** Township A drafts a reply with a right and a wrong file and sends it for review. */
async function draftedWithFiles(s: Desks, over: Record<string, unknown> = {}) {
  const { caseId, a, created } = await caseAt(s, ['sign', 'accept'], over);
  const right = await upload(s.handlerA, '答复意见书.pdf');
  const wrong = await upload(s.handlerA, '举报人身份证复印件.pdf');
  let x = await step(s.handlerA, a, 'reply', {
    body: '经核查，道路已于本周修复完毕。',
    attachmentIds: [right.id, wrong.id],
  });
  x = await step(s.handlerA, x, 'submit-reply');
  return { caseId, created, right, wrong, x };
}

describe('taking a file off a reply', () => {
  it('after 退回修改 the handler takes the wrong file off: kept and recorded, never sent nor downloaded', async () => {
    const { s, f } = await county();
    const {
      caseId,
      created,
      right,
      wrong,
      x: submitted,
    } = await draftedWithFiles(s, {
      petitioner: { name: '钱多多', phone: '13700004321' },
    });
    // under review the file is the leader's to read, not the handler's to change
    expectError(await remove(s.handlerA, submitted, wrong.id), 409, 'CONFLICT');
    let x = await step(s.leaderA, submitted, 'reject-reply', { note: '附件错了，身份证复印件不能随答复' });

    // a stale page changes nothing
    expectError(await remove(s.handlerA, x, wrong.id, x.version - 1), 409, 'CONFLICT');
    expect(await fileIds(s.handlerA, caseId)).toEqual(expect.arrayContaining([right.id, wrong.id]));

    const r = expectOk(await remove(s.handlerA, x, wrong.id));
    expect(r.version).toBe(x.version + 1);
    expect(r.replyStatus).toBe('rejected');
    x = r;
    // once is enough: the second click says so
    expectError(await remove(s.handlerA, x, wrong.id), 409, 'CONFLICT');

    // no list shows it, nobody downloads it, the uploader included
    for (const d of [s.handlerA, s.leaderA, s.dispatcher]) {
      expect(await fileIds(d, caseId)).toEqual([right.id]);
      expectError(await d.get(`/attachments/${wrong.id}`), 404, 'NOT_FOUND');
    }
    expect((await s.handlerA.download(`/attachments/${right.id}`)).res.status).toBe(200);

    // the record: who took it off, from which reply; the row and the bytes stay, the sweep keeps them
    const ev = (await eventsOf(t, caseId)).filter((e) => e.type === 'assignment.reply_file_removed');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.actorId).toBe(f.users.handlerA);
    expect(ev[0]!.assignmentId).toBe(x.id);
    expect(ev[0]!.payload).toEqual({ replyId: expect.any(String), attachmentId: wrong.id });
    t.clock.advance(3 * DAY);
    await runSweepAllTenants(t.deps);
    const row = (await t.deps.db.select().from(attachments).where(eq(attachments.id, wrong.id)))[0];
    expect(row).toMatchObject({
      caseId: null,
      replyId: ev[0]!.payload!.replyId,
      fileName: '举报人身份证复印件.pdf',
    });
    expect(await t.deps.files.get(row!.storageKey)).toBeTruthy();

    // the reply goes out with the right file only
    x = await step(s.handlerA, x, 'submit-reply');
    x = await step(s.leaderA, x, 'approve-reply', { note: '同意' });
    x = await step(s.handlerA, x, 'send-reply');
    expect(await fileIds(s.dispatcher, caseId)).toEqual([right.id]);
    expectError(await s.dispatcher.get(`/attachments/${wrong.id}`), 404, 'NOT_FOUND');
    // and the citizen following the case reads nothing of it
    const tracked = await t
      .client()
      .post(`${portal(f.slug)}/track`, { queryCode: created.queryCode, secret: created.secret });
    expect(tracked.status).toBe(200);
    expect(JSON.stringify(tracked.body)).toContain('经核查');
    expect(JSON.stringify(tracked.body)).not.toContain(wrong.id);
    expect(JSON.stringify(tracked.body)).not.toContain('身份证复印件');
  });

  it("the unit's leader may take a file off a draft too", async () => {
    const { s, f } = await county();
    const { caseId, a } = await caseAt(s, ['sign', 'accept']);
    const scan = await upload(s.handlerA, '送达回证.jpg', JPEG, 'image/jpeg');
    const x = await step(s.handlerA, a, 'reply', { body: '已处理。', attachmentIds: [scan.id] });
    expect(x.replyStatus).toBe('draft');
    expectOk(await remove(s.leaderA, x, scan.id));
    expect(await fileIds(s.handlerA, caseId)).toEqual([]);
    const ev = (await eventsOf(t, caseId)).filter((e) => e.type === 'assignment.reply_file_removed');
    expect(ev.map((e) => e.actorId)).toEqual([f.users.leaderA]);

    // a file taken off stays off: neither a new draft nor a new case takes it back in
    const again = await s.handlerA.post(`/assignments/${x.id}/reply`, {
      version: x.version + 1,
      body: '已处理。',
      attachmentIds: [scan.id],
    });
    expect(again.status).toBeLessThan(500);
    const registered = await s.handlerA.post('/cases', {
      kind: 'petition',
      channel: 'visit',
      purpose: 'help',
      title: '来访反映村道破损',
      content: '来访群众反映村道破损，请求维修。',
      petitioner: { name: '孙小二', phone: '13700009999' },
      attachmentIds: [scan.id],
    });
    expect(registered.status).toBeLessThan(500);
    const row = (await t.deps.db.select().from(attachments).where(eq(attachments.id, scan.id)))[0];
    expect(row?.caseId).toBeNull();
    expect(await fileIds(s.handlerA, caseId)).toEqual([]);
  });

  it('refused: another unit, the bureau, a county leader, an approved or sent reply, an unknown or foreign id', async () => {
    const { s } = await county();
    const { s: other } = await county();
    const { caseId, right, x: submitted } = await draftedWithFiles(s);
    let x = await step(s.leaderA, submitted, 'reject-reply', { note: '请修改' });

    // another unit does not find the assignment; the bureau and a county leader may not change a unit's reply
    expectError(await remove(s.handlerB, x, right.id), 404, 'NOT_FOUND');
    expectError(await remove(s.leaderDept, x, right.id), 404, 'NOT_FOUND');
    expectError(await remove(s.dispatcher, x, right.id), 403, 'FORBIDDEN');
    expectError(await remove(s.county, x, right.id), 403, 'FORBIDDEN');
    // unknown ids, another county's file, and the case's own material are not a file of this reply
    expectError(await remove(s.handlerA, x, 'no-such-file'), 404, 'NOT_FOUND');
    expectError(
      await remove(s.handlerA, { id: 'no-such-assignment', version: 1 }, right.id),
      404,
      'NOT_FOUND',
    );
    const theirs = await draftedWithFiles(other);
    expectError(await remove(s.handlerA, x, theirs.right.id), 404, 'NOT_FOUND');
    expectError(await remove(other.handlerA, theirs.x, right.id), 404, 'NOT_FOUND');
    expectError(await remove(other.handlerA, x, right.id), 404, 'NOT_FOUND');
    const letter = await upload(s.dispatcher, '来信扫描件.pdf');
    const { a: b, caseId: letterCase } = await caseAt(s, ['sign', 'accept'], { attachmentIds: [letter.id] });
    const drafted = await step(s.handlerA, b, 'reply', { body: '已处理。' });
    expectError(await remove(s.handlerA, drafted, letter.id), 404, 'NOT_FOUND');
    expect(await fileIds(s.handlerA, letterCase)).toEqual([letter.id]);
    // a file of another reply of the same county: still not this reply's
    expectError(await remove(s.handlerA, drafted, right.id), 404, 'NOT_FOUND');

    // approved, then sent: the files are the record
    x = await step(s.handlerA, x, 'submit-reply');
    x = await step(s.leaderA, x, 'approve-reply', { note: '同意' });
    expectError(await remove(s.handlerA, x, right.id), 409, 'CONFLICT');
    expectError(await remove(s.leaderA, x, right.id), 409, 'CONFLICT');
    x = await step(s.handlerA, x, 'send-reply');
    expectError(await remove(s.handlerA, x, right.id), 409, 'CONFLICT');
    expect(await fileIds(s.dispatcher, caseId)).toContain(right.id);
    const ev = (await eventsOf(t, caseId)).filter((e) => e.type === 'assignment.reply_file_removed');
    expect(ev).toEqual([]);
  });
});
