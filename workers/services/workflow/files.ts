// Staff attachments: uploaded by bureau and unit staff (scanned letters, 答复意见书, 送达回证) and
// downloaded by whoever may see the case they belong to — a unit only its own cases' files, and
// never a 检举控告 petitioner's own material. A file saved with a reply draft can be taken off it
// again while the reply is still the unit's own (草稿, 退回修改); the row stays, detached.
import { and, eq } from 'drizzle-orm';
import { assignments, attachments, cases, replies } from '../../../db/schema';
import type { ServiceCtx } from '../../api/context';
import type { AssignmentEventPayloads } from '../../domain/events';
import { conflict, type ErrorDetail, forbidden, notFound } from '../../lib/errors';
import { randomString } from '../../lib/ids';
import { affected, guardedEvent, isBureau, isUnitRole, unitHold, unitMaySeeFile, won } from './common';
import { assertCanSee, loadAssignment } from './moves';

export async function readAttachment(ctx: ServiceCtx, id: string) {
  const { db, tenant, actor } = ctx;
  const f = (
    await db
      .select()
      .from(attachments)
      .where(and(eq(attachments.tenantId, tenant.id), eq(attachments.id, id)))
      .limit(1)
  )[0];
  if (!f) throw notFound('附件');
  if (!f.caseId) {
    // not attached to anything yet: only whoever uploaded it; taken off a reply: nobody (the row and
    // the bytes are kept as the record, not handed out again)
    if (f.replyId || f.uploadedBy !== actor.id) throw notFound('附件');
  } else if (isUnitRole(actor)) {
    // the same rule as the case page's list of files (caseDetail)
    const all = await db
      .select({ id: assignments.id, unitId: assignments.unitId, state: assignments.state })
      .from(assignments)
      .where(and(eq(assignments.tenantId, tenant.id), eq(assignments.caseId, f.caseId)));
    const hold = unitHold(actor, all);
    if (!hold) throw notFound('附件');
    const c = (
      await db.select({ purpose: cases.purpose }).from(cases).where(eq(cases.id, f.caseId)).limit(1)
    )[0];
    const reply = f.replyId
      ? ((
          await db
            .select({ status: replies.status, assignmentId: replies.assignmentId })
            .from(replies)
            .where(and(eq(replies.tenantId, tenant.id), eq(replies.id, f.replyId)))
            .limit(1)
        )[0] ?? null)
      : null;
    const accusation = c?.purpose === 'accusation';
    const seen = unitMaySeeFile(
      hold,
      accusation,
      f,
      reply && { status: reply.status, unitId: all.find((a) => a.id === reply.assignmentId)?.unitId ?? null },
      actor.unitId,
    );
    if (!seen) {
      // On accusation cases units see the replies' files, not what the petitioner sent.
      if (accusation && !f.replyId && hold === 'active') throw forbidden('检举控告材料不向承办单位提供原件');
      throw notFound('附件');
    }
  } else if (actor.role === 'county_leader') {
    // as the case page lists them (caseDetail): a 检举控告's own material stays with the bureau
    if (!f.replyId) {
      const c = (
        await db.select({ purpose: cases.purpose }).from(cases).where(eq(cases.id, f.caseId)).limit(1)
      )[0];
      if (c?.purpose === 'accusation') throw forbidden('检举控告材料仅信访部门可以查看');
    }
  } else if (!isBureau(actor)) {
    throw notFound('附件');
  }
  const stored = await ctx.deps.files.get(f.storageKey);
  if (!stored) throw notFound('附件');
  return { row: f, bytes: stored.bytes };
}

/** The refusal of a move made on a stale page, worded as the moves word it (moves.ts). */
const stale = (detail: ErrorDetail) => conflict('该件已被他人处理，页面内容已过期，请刷新后重试', [detail]);

/** Why a reply's files are no longer the unit's to change, by the reply's status. */
const REPLY_FILES_LOCKED: Record<string, string> = {
  pending_review: '答复正在领导审核中，附件不能移除；如需更换，请领导退回修改后再移除',
  approved: '答复已审核通过，附件不能移除',
  sent: '答复已发送群众，附件已存档，不能移除',
};

/**
 * Takes a file off a reply that is still a draft or was sent back (退回修改), for the assignment's
 * own unit. Never from a reply under review, approved or sent: those files are part of the record.
 * Compare-and-set on the assignment's version like every move: the version proves the reply's
 * status is still the one read here, since every change of it is a move that bumps the version.
 * The attachment row and its bytes stay; it loses its case (so no list shows it and nobody
 * downloads it) and keeps the reply it was taken off, and the event records who did it and when.
 */
export async function removeReplyFile(
  ctx: ServiceCtx,
  assignmentId: string,
  attachmentId: string,
  input: { version: number },
) {
  const { db, tenant, actor } = ctx;
  const a = await loadAssignment(ctx, assignmentId);
  if (!a) throw notFound('批转件');
  assertCanSee(actor, a);
  if (!isUnitRole(actor)) throw forbidden('只有承办单位可以移除答复的附件');
  const f = (
    await db
      .select({ id: attachments.id, caseId: attachments.caseId, replyId: attachments.replyId })
      .from(attachments)
      .where(and(eq(attachments.tenantId, tenant.id), eq(attachments.id, attachmentId)))
      .limit(1)
  )[0];
  const reply = f?.replyId
    ? (
        await db
          .select({ id: replies.id, status: replies.status })
          .from(replies)
          .where(
            and(eq(replies.tenantId, tenant.id), eq(replies.id, f.replyId), eq(replies.assignmentId, a.id)),
          )
          .limit(1)
      )[0]
    : undefined;
  // a file of this assignment's replies only: the case's own material, another unit's reply or an
  // upload not saved with anything is not found here
  if (!f || !reply) throw notFound('附件');
  if (f.caseId === null) throw conflict('该附件已从答复中移除');
  if (a.version !== input.version)
    throw stale({
      path: 'version',
      message: `当前版本为 ${a.version}`,
      currentVersion: a.version,
      state: a.state,
    });
  if (reply.status !== 'draft' && reply.status !== 'rejected')
    throw conflict(REPLY_FILES_LOCKED[reply.status] ?? '该答复的附件不能移除');

  const now = ctx.clock.now();
  const token = randomString(16);
  const guard = won('assignments', a.id, token);
  const payload: AssignmentEventPayloads['assignment.reply_file_removed'] = {
    replyId: reply.id,
    attachmentId: f.id,
  };
  const results = await db.batch([
    db
      .update(assignments)
      .set({ version: a.version + 1, moveToken: token, updatedAt: now })
      .where(
        and(
          eq(assignments.tenantId, tenant.id),
          eq(assignments.id, a.id),
          eq(assignments.version, a.version),
        ),
      ),
    guardedEvent(
      db,
      actor,
      {
        tenantId: tenant.id,
        caseId: a.caseId,
        assignmentId: a.id,
        type: 'assignment.reply_file_removed',
        at: now,
        fromState: a.state,
        toState: a.state,
        payload,
      },
      guard,
    ),
    db
      .update(attachments)
      .set({ caseId: null })
      .where(
        and(
          eq(attachments.tenantId, tenant.id),
          eq(attachments.id, f.id),
          eq(attachments.replyId, reply.id),
          guard,
        ),
      ),
    db
      .update(replies)
      .set({ updatedAt: now })
      .where(and(eq(replies.id, reply.id), guard)),
  ]);
  if (affected(results[0]) === 0) throw stale({ path: 'version', message: '版本已变化' });
  return { ...a, version: a.version + 1, moveToken: token, updatedAt: now };
}
