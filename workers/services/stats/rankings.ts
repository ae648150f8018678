// Rankings (考核排名) of a period: townships and departments ranked apart by the tenant's scoring
// profile, with the year-on-year rise of each unit's repeat rate and the dispatcher's deductions
// (通报扣分) taken off, and the bureau's 制度落实 points (procedure.ts). The bureau itself is not
// assessed.
import { sql } from 'drizzle-orm';
import type { CaseKind } from '../../../db/schema/cases';
import type { ServiceCtx } from '../../api/context';
import type { Deduction } from '../../domain/scoring';
import { changeOf, type Period, sameMonthLastYear } from '../../domain/stats/compare';
import {
  RANKED_KINDS,
  type RankedKind,
  type RankingResult,
  rankUnits,
  type UnitKind,
} from '../../domain/stats/ranking';
import { procedurePointsFor } from './procedure';
import { type PeriodReport, periodReport, reportUnits, type UnitRow } from './report';

export { RANKED_KINDS, type RankedKind };

export interface RankingsResult {
  period: Period;
  cutoff: number;
  lastYear: Period;
  maxScore: number;
  groups: { unitKind: RankedKind; result: RankingResult }[];
  report: PeriodReport;
}

export interface DeductionRow extends Deduction {
  id: string;
  month: string;
  points: number;
  reason: string;
}

/** Deductions recorded for the months a period touches. */
export async function deductionsFor(
  ctx: Pick<ServiceCtx, 'db' | 'tenant'>,
  period: Pick<Period, 'from' | 'to'>,
): Promise<DeductionRow[]> {
  const rows = await ctx.db.all<
    Record<string, unknown>
  >(sql`SELECT id, unit_id AS unitId, month, level, points, reason
    FROM deductions WHERE tenant_id = ${ctx.tenant.id} AND month BETWEEN ${period.from.slice(0, 7)} AND ${period.to.slice(0, 7)}
      AND revoked_at IS NULL
    ORDER BY month, created_at`);
  return rows.map((r) => ({
    id: String(r.id),
    unitId: String(r.unitId),
    month: String(r.month),
    level: r.level as Deduction['level'],
    points: Number(r.points),
    reason: String(r.reason),
  }));
}

export async function rankingsFor(
  ctx: Pick<ServiceCtx, 'db' | 'tenant' | 'settings' | 'clock'>,
  period: Period,
  cutoff: number,
  /** now: the request's instant */
  opts: {
    unitKind?: UnitKind;
    units?: UnitRow[];
    report?: PeriodReport;
    /** the same period a year earlier at the same cut-off, when the caller has it already */
    lastYearReport?: PeriodReport;
    now?: number;
    /** the cases of one kind only (信访事项, 网上问政, 12345工单); absent or null: all */
    kind?: CaseKind | null;
  } = {},
): Promise<RankingsResult> {
  const scope = {
    db: ctx.db,
    tenantId: ctx.tenant.id,
    settings: ctx.settings,
    now: opts.now ?? ctx.clock.now(),
    kind: opts.kind ?? null,
  };
  const units = opts.units ?? (await reportUnits(ctx.db, ctx.tenant.id));
  const lastYear = sameMonthLastYear(period);
  const [report, before, deductions, procedureScores] = await Promise.all([
    opts.report ?? periodReport(scope, period, cutoff, { units }),
    opts.lastYearReport ?? periodReport(scope, lastYear, cutoff, { units }),
    deductionsFor(ctx, period),
    procedurePointsFor(ctx, period),
  ]);
  const lastRate = new Map(before.units.map((u) => [u.unitId, u.figures.repeatRate]));
  const yoyRepeatRateDelta = Object.fromEntries(
    report.units.map((u) => [
      u.unitId,
      changeOf('rate', u.figures.repeatRate, lastRate.get(u.unitId) ?? null),
    ]),
  );
  const profile = ctx.settings.scoring;
  const kinds = RANKED_KINDS.filter((k) => !opts.unitKind || opts.unitKind === k);
  const groups = kinds.map((unitKind) => ({
    unitKind,
    result: rankUnits(
      report.units.filter((u) => u.unitKind === unitKind),
      profile,
      { yoyRepeatRateDelta, deductions, procedureScores },
    ),
  }));
  const max = rankUnits([], profile).maxScore;
  return { period, cutoff, lastYear, maxScore: max, groups, report };
}
