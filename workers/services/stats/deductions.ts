// Deductions (通报扣分) the dispatcher records: a unit's case criticised in a bulletin of the city
// (市级通报) or county (县级通报), or another reason with its own points. The points are fixed when
// recorded (the profile's points for the level unless given), so a later change of the scoring
// profile does not rewrite past assessments.
import { and, desc, eq, sql } from 'drizzle-orm';
import { deductions, units } from '../../../db/schema';
import type { ServiceCtx } from '../../api/context';
import { deductionPoints, type DeductionLevel } from '../../domain/scoring';
import { invalid } from '../../lib/errors';
import { newId } from '../../lib/ids';
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
  await db.insert(deductions).values(row);
  return { ...row, unitName: unit.name };
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
    })
    .from(deductions)
    .leftJoin(units, eq(units.id, deductions.unitId))
    .where(and(eq(deductions.tenantId, ctx.tenant.id), month ? eq(deductions.month, month) : sql`1`))
    .orderBy(desc(deductions.month), desc(deductions.createdAt))
    .limit(500);
  return rows;
}
