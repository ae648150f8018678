// Deductions (通报扣分) the dispatcher records: a unit's case criticised in a bulletin of the city
// (市级通报) or county (县级通报), or another reason with its own points. The points are fixed when
// recorded (the profile's points for the level unless given), so a later change of the scoring
// profile does not rewrite past assessments. One recorded by mistake is revoked with a reason: it
// stays on the list, marked, and no longer counts. Both are events in the audit log.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { deductions, units } from '../../../db/schema';
import type { ServiceCtx } from '../../api/context';
import { deductionPoints, type DeductionLevel } from '../../domain/scoring';
import { conflict, invalid, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { insertEvent } from '../../repo/events';
import { affected, guardedEvent } from '../workflow/common';
import { assertReadsAll, assertStatsWriter } from './access';

export interface DeductionInput {
  unitId: string;
  month: string;
  level: DeductionLevel;
  points?: number | null;
  reason: string;
}

export async function recordDeduction(ctx: ServiceCtx, input: DeductionInput) {
  assertStatsWriter(ctx.actor);
  const { db, tenant } = ctx;
  const unit = (
    await db
      .select({ id: units.id, name: units.name, kind: units.kind })
      .from(units)
      .where(and(eq(units.tenantId, tenant.id), eq(units.id, input.unitId)))
      .limit(1)
  )[0];
  if (!unit || unit.kind === 'bureau')
    throw invalid('单位不存在', [{ path: 'unitId', message: '请选择被通报的承办单位' }]);
  if (input.level === 'other' && (input.points === null || input.points === undefined))
    throw invalid('请填写扣分分值', [{ path: 'points', message: '“其他”类扣分须填写分值' }]);
  const points = deductionPoints(
    { unitId: unit.id, level: input.level, points: input.points },
    ctx.settings.scoring.deductionLevels,
  );
  const row = {
    id: newId(),
    tenantId: tenant.id,
    unitId: unit.id,
    month: input.month,
    level: input.level,
    points,
    reason: input.reason.trim(),
    createdBy: ctx.actor.id,
    createdAt: ctx.clock.now(),
  };
  await db.batch([
    db.insert(deductions).values(row),
    insertEvent(db, ctx.actor, {
      tenantId: tenant.id,
      type: 'deduction.recorded',
      at: row.createdAt,
      payload: {
        deductionId: row.id,
        unitId: unit.id,
        month: row.month,
        level: row.level,
        points,
        reason: row.reason,
      },
    }),
  ]);
  return { ...row, revokedAt: null, revokedBy: null, revokeReason: null, unitName: unit.name };
}

/** Takes back a deduction recorded by mistake: kept on the list as revoked, counted no more. */
export async function revokeDeduction(ctx: ServiceCtx, id: string, reason: string) {
  assertStatsWriter(ctx.actor);
  const { db, tenant, actor } = ctx;
  const row = (
    await db
      .select()
      .from(deductions)
      .where(and(eq(deductions.tenantId, tenant.id), eq(deductions.id, id)))
      .limit(1)
  )[0];
  if (!row) throw notFound('扣分记录');
  if (row.revokedAt !== null) throw conflict('该扣分已撤销');
  const now = ctx.clock.now();
  const why = reason.trim();
  // the event is written only by the revocation that took effect (two at once: one wins)
  const took = sql`EXISTS (SELECT 1 FROM deductions WHERE id = ${id} AND revoked_at = ${now} AND revoked_by = ${actor.id})`;
  const [changed] = await db.batch([
    db
      .update(deductions)
      .set({ revokedAt: now, revokedBy: actor.id, revokeReason: why })
      .where(and(eq(deductions.tenantId, tenant.id), eq(deductions.id, id), isNull(deductions.revokedAt))),
    guardedEvent(
      db,
      actor,
      {
        tenantId: tenant.id,
        type: 'deduction.revoked',
        at: now,
        payload: { deductionId: id, unitId: row.unitId, month: row.month, points: row.points, reason: why },
      },
      took,
    ) as never,
  ]);
  if (affected(changed) === 0) throw conflict('该扣分已撤销');
  return { ...row, revokedAt: now, revokedBy: actor.id, revokeReason: why };
}

export async function listDeductions(ctx: ServiceCtx, month?: string) {
  assertReadsAll(ctx.actor, '考核扣分');
  const rows = await ctx.db
    .select({
      id: deductions.id,
      unitId: deductions.unitId,
      unitName: units.name,
      month: deductions.month,
      level: deductions.level,
      points: deductions.points,
      reason: deductions.reason,
      createdBy: deductions.createdBy,
      createdAt: deductions.createdAt,
      revokedAt: deductions.revokedAt,
      revokedBy: deductions.revokedBy,
      revokeReason: deductions.revokeReason,
    })
    .from(deductions)
    .leftJoin(units, eq(units.id, deductions.unitId))
    .where(and(eq(deductions.tenantId, ctx.tenant.id), month ? eq(deductions.month, month) : sql`1`))
    .orderBy(desc(deductions.month), desc(deductions.createdAt))
    .limit(500);
  return rows;
}
