// Staff attachments: uploaded by bureau and unit staff (scanned letters, 答复意见书, 送达回证) and
// downloaded by whoever may see the case they belong to — a unit only its own cases' files, and
// never a 检举控告 petitioner's own material.
import { and, eq } from 'drizzle-orm';
import { assignments, attachments, cases, replies } from '../../../db/schema';
import type { ServiceCtx } from '../../api/context';
import { forbidden, notFound } from '../../lib/errors';
import { isBureau, isUnitRole, unitHold, unitMaySeeFile } from './common';

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
    // not attached to anything yet: only whoever uploaded it
    if (f.uploadedBy !== actor.id) throw notFound('附件');
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
  } else if (!isBureau(actor) && actor.role !== 'county_leader') {
    throw notFound('附件');
  }
  const stored = await ctx.deps.files.get(f.storageKey);
  if (!stored) throw notFound('附件');
  return { row: f, bytes: stored.bytes };
}
