// Staff attachments: uploaded by bureau and unit staff (scanned letters, 答复意见书, 送达回证) and
// downloaded by whoever may see the case they belong to — a unit only its own cases' files, and
// never a 检举控告 petitioner's own material.
import { and, eq } from 'drizzle-orm';
import { assignments, attachments, cases } from '../../../db/schema';
import type { ServiceCtx } from '../../api/context';
import { forbidden, notFound } from '../../lib/errors';
import { isBureau, isUnitRole } from './common';

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
    const mine = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(
        and(
          eq(assignments.tenantId, tenant.id),
          eq(assignments.caseId, f.caseId),
          eq(assignments.unitId, actor.unitId ?? '-'),
        ),
      )
      .limit(1);
    if (!mine.length) throw notFound('附件');
    // On accusation cases units see the replies' files, not what the petitioner sent.
    const c = (
      await db.select({ purpose: cases.purpose }).from(cases).where(eq(cases.id, f.caseId)).limit(1)
    )[0];
    if (c?.purpose === 'accusation' && !f.replyId) throw forbidden('检举控告材料不向承办单位提供原件');
  } else if (!isBureau(actor) && actor.role !== 'county_leader') {
    throw notFound('附件');
  }
  const stored = await ctx.deps.files.get(f.storageKey);
  if (!stored) throw notFound('附件');
  return { row: f, bytes: stored.bytes };
}
