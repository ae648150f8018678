// What a citizen can do with a query code and secret: find their case, rate the answer (the unit
// and the bureau apart), and ask for rework (重办) or a review (复查/复核).
import { and, eq } from 'drizzle-orm';
import { assignments, cases } from '../../../db/schema';
import type { RatingValue } from '../../../db/schema/cases';
import type { ServiceCtx } from '../../api/context';
import { dayRuleText, reviewDeadline } from '../../domain/deadlines';
import { REVIEW_NOT_APPLICABLE, reviewApplies, reviewState } from '../../domain/review';
import { isInTime } from '../../domain/lights';
import { MOVES, reworkOpen } from '../../domain/state-machine';
import { AppError, conflict, invalid } from '../../lib/errors';
import { randomString, timingSafeEqual } from '../../lib/ids';
import type { Db } from '../../../db/client';
import { affected, calendarFor, guardedEvent, won } from './common';
import { hashSecret } from './intake';
import { moveAssignment } from './moves';

/** The case for a query code and secret, or null; the secret is compared in constant time. */
export async function findCaseByQuery(db: Db, tenantId: string, queryCode: string, secret: string) {
  const code = queryCode.trim().toUpperCase();
  const row = (
    await db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenantId), eq(cases.queryCode, code)))
      .limit(1)
  )[0];
  // Hash even when the code is unknown, so both failures take the same time.
  const hash = await hashSecret(tenantId, code, secret.trim());
  if (!row?.querySecretHash) return null;
  return timingSafeEqual(hash, row.querySecretHash) ? row : null;
}

export async function rateByCitizen(
  ctx: ServiceCtx,
  caseId: string,
  input: {
    ratings: { assignmentId: string; value: RatingValue }[];
    bureau?: RatingValue | null;
    comment?: string | null;
  },
) {
  const { db, tenant } = ctx;
  const rows = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.tenantId, tenant.id), eq(assignments.caseId, caseId)));
  if (!input.ratings.length)
    throw invalid('请选择评价', [{ path: 'ratings', message: '请至少评价一个承办单位' }]);
  for (const r of input.ratings) {
    if (!rows.some((a) => a.id === r.assignmentId))
      throw invalid('评价的承办单位不属于本件', [{ path: 'ratings', message: '承办单位不属于本件' }]);
  }
  // Every unit once, and every one ready to be rated, before the first rating is written: a request
  // that cannot be taken whole writes nothing.
  if (new Set(input.ratings.map((r) => r.assignmentId)).size !== input.ratings.length)
    throw invalid('同一承办单位只能评价一次', [{ path: 'ratings', message: '同一承办单位只能评价一次' }]);
  const now = ctx.clock.now();
  for (const r of input.ratings) {
    const a = rows.find((x) => x.id === r.assignmentId)!;
    if (!MOVES.rate.from.includes(a.state) || (a.ratingDueAt != null && !isInTime(now, a.ratingDueAt)))
      throw conflict('该承办单位的答复现在不能评价（已评价或已过评价期限）');
  }
  const lead = rows.find((a) => a.role === 'lead' && (a.state === 'replied' || a.state === 'closed'));
  for (const r of input.ratings) {
    const a = rows.find((x) => x.id === r.assignmentId)!;
    await moveAssignment(ctx, a.id, 'rate', {
      version: a.version,
      value: r.value,
      bureauValue: a.id === lead?.id ? (input.bureau ?? null) : null,
      comment: input.comment ?? null,
    });
  }
}

/**
 * Why a 复查 (or, after its answer, a 复核) cannot be asked on this case now, or null when it can:
 * the portal and the bureau's desk refuse by it, and the case page offers 登记复查申请 by it.
 */
export async function reviewRefusal(
  ctx: ServiceCtx,
  c: typeof cases.$inferSelect,
  rows: (typeof assignments.$inferSelect)[],
): Promise<string | null> {
  if (!reviewApplies(c.kind)) return REVIEW_NOT_APPLICABLE;
  if (c.reviewLevel >= 2) return '已经过复核，同一事项不再受理';
  const replied = rows.map((a) => a.repliedAt).filter((x): x is number => x != null);
  if (!replied.length) return '尚未答复，不能申请复查';
  // 复核 counts from the answer to the 复查 (the bureau's opinion, or a later reply)
  const review = reviewState({
    requestedAt: c.reviewRequestedAt,
    answeredAt: c.reviewAnsweredAt,
    lastReplyAt: Math.max(...replied),
  });
  if (review.pending || review.windowFrom == null) return '您的复查申请正在处理，收到复查意见后才能申请复核';
  const due = reviewDeadline(review.windowFrom, ctx.settings, await calendarFor(ctx));
  if (!isInTime(ctx.clock.now(), due))
    return `已超过申请${c.reviewLevel === 0 ? '复查' : '复核'}的期限（答复后 ${dayRuleText(ctx.settings.deadlines.reviewWindow)}内）`;
  return null;
}

/**
 * Rework after an unsatisfied rating goes to the dispatcher; a review (复查) must come within 30 days.
 * The citizen asks through the portal; one who writes or comes in has the bureau register it
 * (`registered`: the case's version the clerk saw, and the channel the request came by).
 */
export async function requestByCitizen(
  ctx: ServiceCtx,
  caseId: string,
  input: { kind: 'rework' | 'review'; reason: string },
  registered?: { version: number; channel: string },
) {
  const { db, tenant } = ctx;
  const c = (
    await db
      .select()
      .from(cases)
      .where(and(eq(cases.tenantId, tenant.id), eq(cases.id, caseId)))
      .limit(1)
  )[0];
  if (!c) throw new AppError('NOT_FOUND', registered ? '案件不存在' : '查询码或密码不正确');
  if (registered && registered.version !== c.version)
    throw new AppError('CONFLICT', '该件已被他人处理，页面内容已过期，请刷新后重试', [
      { path: 'version', message: `当前版本为 ${c.version}`, currentVersion: c.version },
    ]);
  const reason = input.reason.trim();
  if (!reason) throw invalid('请填写理由', [{ path: 'reason', message: '请填写理由' }]);
  const rows = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.tenantId, tenant.id), eq(assignments.caseId, caseId)));
  const now = ctx.clock.now();
  if (input.kind === 'rework') {
    if (!rows.some((a) => a.state === 'rated' && a.rating === 'unsatisfied'))
      throw conflict('只有评价为不满意的件才能申请重办');
    if (!rows.some(reworkOpen))
      throw conflict('信访部门已审查决定维持原答复；如不服，可在规定期限内申请复查');
  } else {
    const refusal = await reviewRefusal(ctx, c, rows);
    if (refusal) throw conflict(refusal);
  }
  // Compare-and-set on the case: two requests sent at once raise the review level once and
  // record one event; the other answers CONFLICT.
  const token = randomString(16);
  const results = await db.batch([
    db
      .update(cases)
      .set({
        ...(input.kind === 'review' ? { reviewLevel: c.reviewLevel + 1, reviewRequestedAt: now } : {}),
        updatedAt: now,
        version: c.version + 1,
        moveToken: token,
      })
      .where(and(eq(cases.tenantId, tenant.id), eq(cases.id, c.id), eq(cases.version, c.version))),
    guardedEvent(
      db,
      ctx.actor,
      {
        tenantId: tenant.id,
        caseId: c.id,
        type: 'case.review_requested',
        at: now,
        payload: {
          kind: input.kind,
          level: input.kind === 'review' ? c.reviewLevel + 1 : null,
          reason,
          ...(registered ? { channel: registered.channel } : {}),
        },
      },
      won('cases', c.id, token),
    ),
  ]);
  if (affected(results[0]) === 0) throw conflict('该件刚刚有了新的变化，请刷新后重试');
}
