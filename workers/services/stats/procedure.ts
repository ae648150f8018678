// 制度落实 (procedure) scores: the part of a unit's assessment the system cannot see — joint
// meetings, receiving petitioners in the villages, keeping the ledgers — entered by the bureau per
// unit and month, from 0 to the profile's procedure weight. A unit without an entry gets the full
// weight; over a period of several months each month counts (an empty month at full weight), and
// the period's points are their average. Every change is an audited event with the previous value.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { procedureScores, units } from '../../../db/schema';
import type { ServiceCtx } from '../../api/context';
import type { Period } from '../../domain/stats/compare';
import { RANKED_KINDS } from '../../domain/stats/ranking';
import { invalid } from '../../lib/errors';
import { insertEvent } from '../../repo/events';
import { assertReadsAll, assertStatsWriter } from './access';

export interface ProcedureEntry {
  unitId: string;
  points: number | null;
  note?: string | null;
}

/** The month's sheet: every assessed unit with its entry (points null = none, full weight). */
export async function procedureSheet(ctx: ServiceCtx, month: string) {
  assertReadsAll(ctx.actor, '制度落实得分');
  const { db, tenant } = ctx;
  const profile = ctx.settings.scoring.procedure;
  const rows = await db
    .select({
      unitId: units.id,
      unitName: units.name,
      unitKind: units.kind,
      points: procedureScores.points,
      note: procedureScores.note,
      recordedBy: procedureScores.recordedBy,
      recordedAt: procedureScores.recordedAt,
    })
    .from(units)
    .leftJoin(
      procedureScores,
      and(
        eq(procedureScores.tenantId, units.tenantId),
        eq(procedureScores.unitId, units.id),
        eq(procedureScores.month, month),
      ),
    )
    .where(and(eq(units.tenantId, tenant.id), inArray(units.kind, [...RANKED_KINDS]), eq(units.active, true)))
    // townships first, as the ranking tables list them
    .orderBy(desc(units.kind), asc(units.sort), asc(units.name));
  return {
    month,
    label: profile.label,
    weight: profile.weight,
    items: rows.map((r) => ({
      ...r,
      points: r.points ?? null,
      note: r.note ?? null,
      recordedBy: r.recordedBy ?? null,
      recordedAt: r.recordedAt ?? null,
    })),
  };
}

/** Sets (or clears, with points null) the listed units' entries for a month, all or nothing. */
export async function setProcedureScores(ctx: ServiceCtx, month: string, entries: ProcedureEntry[]) {
  assertStatsWriter(ctx.actor);
  const { db, tenant, actor } = ctx;
  const weight = ctx.settings.scoring.procedure.weight;
  const before = new Map((await procedureSheet(ctx, month)).items.map((r) => [r.unitId, r]));
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    if (!before.has(e.unitId))
      problems.push({ path: `entries.${i}.unitId`, message: '不是本县参加考核的单位' });
    else if (seen.has(e.unitId))
      problems.push({ path: `entries.${i}.unitId`, message: '同一单位只能填写一次' });
    seen.add(e.unitId);
    if (e.points !== null && (e.points < 0 || e.points > weight))
      problems.push({ path: `entries.${i}.points`, message: `得分应在 0 到 ${weight} 之间` });
  });
  if (problems.length) throw invalid('制度落实得分有误，未保存', problems);
  const now = ctx.clock.now();
  const writes: BatchItem<'sqlite'>[] = [];
  for (const e of entries) {
    const old = before.get(e.unitId)!;
    // a note left out stays as it was; an empty one clears it
    const note = e.note === undefined ? old.note : e.note?.trim() || null;
    if (old.points === e.points && old.note === note) continue;
    writes.push(
      db
        .insert(procedureScores)
        .values({
          tenantId: tenant.id,
          unitId: e.unitId,
          month,
          points: e.points,
          note,
          recordedBy: actor.id,
          recordedAt: now,
        })
        .onConflictDoUpdate({
          target: [procedureScores.tenantId, procedureScores.month, procedureScores.unitId],
          set: { points: e.points, note, recordedBy: actor.id, recordedAt: now },
        }),
      insertEvent(db, actor, {
        tenantId: tenant.id,
        type: 'procedure_score.set',
        at: now,
        payload: { unitId: e.unitId, month, points: e.points, note, previous: old.points },
      }),
    );
  }
  if (writes.length) await db.batch(writes as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return procedureSheet(ctx, month);
}

/**
 * Each unit's procedure points for a period: the average over the months it touches, a month
 * without an entry at the full weight. Units without any entry are left out (full weight).
 */
export async function procedurePointsFor(
  ctx: Pick<ServiceCtx, 'db' | 'tenant' | 'settings'>,
  period: Pick<Period, 'from' | 'to'>,
): Promise<Record<string, number>> {
  const from = period.from.slice(0, 7);
  const to = period.to.slice(0, 7);
  const rows = await ctx.db.all<{ unitId: string; sum: number; n: number }>(
    sql`SELECT unit_id AS unitId, SUM(points) AS sum, COUNT(*) AS n FROM procedure_scores
      WHERE tenant_id = ${ctx.tenant.id} AND month BETWEEN ${from} AND ${to} AND points IS NOT NULL
      GROUP BY unit_id`,
  );
  const months = monthsBetween(from, to);
  const weight = ctx.settings.scoring.procedure.weight;
  return Object.fromEntries(
    rows.map((r) => [r.unitId, (Number(r.sum) + (months - Number(r.n)) * weight) / months]),
  );
}

/** Calendar months from one YYYY-MM to another, both included. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return Math.max(1, (ty - fy) * 12 + (tm - fm) + 1);
}
