// The dashboard's breakdown of a period (GET /stats/breakdown): volume by channel and by top-level
// category (hot spots), volume of the twelve months ending with the period, and today's lights by
// unit. Volume counts received assignments (受理件数) exactly as the monthly bulletin's tables do
// (stats/volume.ts): a case routed to two units counts once for each, a returned one not at all.
// County leaders, the bureau and admins see the county; a unit's staff see their own unit only.
import { CHANNELS, type CaseKind } from '../../../db/schema/cases';
import type { ServiceCtx } from '../../api/context';
import { CHANNEL_LABELS } from '../../domain/stats/bulletin';
import type { Period } from '../../domain/stats/compare';
import { lightsByUnit } from '../../repo/stats';
import { statsScope } from './access';
import { reportUnits } from './report';
import { categoryRoots, receivedVolume } from './volume';

/** How many months byMonth covers, the last one ending on the period's last day. */
export const BREAKDOWN_MONTHS = 12;

/** The `n` months 'YYYY-MM' ending with the month of `day`, oldest first. */
export function monthsEnding(day: string, n: number): string[] {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

export interface Breakdown {
  byChannel: { channel: string; label: string; count: number }[];
  byCategory: { categoryId: string | null; name: string; count: number }[];
  byMonth: { month: string; count: number }[];
  /** the instant the lights are read at (ms): live figures say "截至 HH:MM" */
  asOf: number;
  lightsByUnit: {
    unitId: string;
    unitName: string;
    unitKind: string;
    red: number;
    yellow: number;
    green: number;
    /** of the red, past a 督办 deadline rather than a step's own */
    redSupervision: number;
  }[];
}

/** The breakdown of `period` with volume as at `now` and lights at `now`; of one kind when given. */
export async function statsBreakdown(
  ctx: ServiceCtx,
  period: Period,
  now: number,
  kind: CaseKind | null = null,
): Promise<Breakdown> {
  const { unitId } = statsScope(ctx.actor);
  const { db, tenant } = ctx;
  const months = monthsEnding(period.to, BREAKDOWN_MONTHS);
  const [roots, units] = await Promise.all([categoryRoots(db, tenant.id), reportUnits(db, tenant.id)]);
  const [channel, category, month, lights] = await Promise.all([
    receivedVolume(db, tenant.id, 'channel', period.from, period.to, now, { unitId, kind }),
    receivedVolume(db, tenant.id, 'category', period.from, period.to, now, { unitId, roots, kind }),
    receivedVolume(db, tenant.id, 'month', `${months[0]}-01`, period.to, now, { unitId, kind }),
    lightsByUnit(db, tenant.id, now, unitId, kind),
  ]);

  const channelOrder = (c: string) => {
    const i = (CHANNELS as readonly string[]).indexOf(c);
    return i < 0 ? CHANNELS.length : i;
  };
  const byChannel = channel
    .filter((r) => r.count > 0)
    .map((r) => ({ channel: r.key, label: CHANNEL_LABELS[r.key] ?? r.key, count: r.count }))
    .sort((a, b) => b.count - a.count || channelOrder(a.channel) - channelOrder(b.channel));

  const byCategory = category
    .filter((r) => r.count > 0)
    .map((r) => ({ categoryId: r.key || null, name: r.label ?? r.key, count: r.count }))
    // the uncategorised last among equals
    .sort(
      (a, b) =>
        b.count - a.count ||
        Number(a.categoryId === null) - Number(b.categoryId === null) ||
        a.name.localeCompare(b.name, 'zh-Hans-CN'),
    );

  const perMonth = new Map(month.map((r) => [r.key, r.count]));
  const byMonth = months.map((m) => ({ month: m, count: perMonth.get(m) ?? 0 }));

  // Every working unit in report order (townships, departments, then the bureau when it holds
  // work), zero rows included so a quiet unit shows as quiet; a unit's staff get their own row only.
  const lit = new Map(lights.map((l) => [l.unitId, l]));
  const lightsRows = units
    .filter((u) => (unitId !== null ? u.id === unitId : lit.has(u.id) || (u.active && u.kind !== 'bureau')))
    .map((u) => {
      const l = lit.get(u.id);
      return {
        unitId: u.id,
        unitName: u.name,
        unitKind: u.kind,
        red: l?.red ?? 0,
        yellow: l?.yellow ?? 0,
        green: l?.green ?? 0,
        redSupervision: l?.redSupervision ?? 0,
      };
    });

  return { byChannel, byCategory, byMonth, asOf: now, lightsByUnit: lightsRows };
}
