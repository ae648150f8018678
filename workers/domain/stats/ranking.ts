// Ranks units by the tenant's scoring profile (DOMAIN.md, "Rankings and scores"), and on each rate
// alone (名次 of a rate, as bulletins list units "从高到低" per rate: seeds/000).
//
// Rules decided here:
// - Units with received = 0 are listed apart as 零诉求 and not ranked (nor counted for the volume max).
// - Every component is rounded to 2 decimals and the score is the sum of the rounded components, so
//   a printed row adds up; ranking compares the rounded score, as people read it.
// - Order: score, then satisfaction rate (a null rate after any number), then received (more first).
//   Units equal on all three share a rank (1, 2, 2, 4) and keep their input order (the tenant's unit
//   order).
// - Volume is relative to the busiest unit of the list passed in: rank townships and departments
//   separately by calling rankUnits once per list.
// - On one rate (rateRanks): units compare on the rate as printed (formatRate's rounding), so two
//   units that read 95.2% share a 名次; ties share the better 名次 and the next skips (1, 2, 2, 4); a
//   unit whose rate has no denominator ('—', which every 零诉求 unit has) gets no 名次 and pushes
//   nobody down. Higher is first, except for a rate where lower is better (the repeat rate).
import {
  type Deduction,
  deductionPoints,
  maxScore,
  repeatRatePenalty,
  type ScoringProfile,
  termPoints,
  volumePoints,
} from '../scoring';
import type { Figures, RateKey } from './figures';
import { printedPercent, roundHalfUp } from './format';

export type UnitKind = 'township' | 'department' | 'bureau';
/** The kinds of unit assessed, each ranked apart (the bureau is not assessed). */
export const RANKED_KINDS = ['township', 'department'] as const;
export type RankedKind = (typeof RANKED_KINDS)[number];

export interface UnitFiguresRow {
  unitId: string;
  unitName: string;
  unitKind?: UnitKind;
  figures: Figures;
}

export interface RankOptions {
  /** year-on-year change of each unit's repeat rate, a fraction (0.03 = up 3 points): change().repeatRate */
  yoyRepeatRateDelta?: Readonly<Record<string, number | null | undefined>>;
  /** cases criticised in bulletins during the period */
  deductions?: readonly Deduction[];
  /** 制度落实 points entered by the assessor; a unit without an entry gets the full weight */
  procedureScores?: Readonly<Record<string, number>>;
}

export interface ScoreTermRow {
  figure: RateKey;
  label: string;
  rate: number | null;
  weight: number;
  points: number;
}

export interface RankedUnit {
  rank: number;
  unitId: string;
  unitName: string;
  unitKind?: UnitKind;
  score: number;
  volume: { label: string; received: number; maxReceived: number; weight: number; points: number };
  terms: ScoreTermRow[];
  procedure: { label: string; weight: number; points: number };
  repeatPenalty: { delta: number | null; points: number };
  deductions: { count: number; points: number; items: Deduction[] };
  satisfactionRate: number | null;
  received: number;
}

export interface ZeroCaseUnit {
  unitId: string;
  unitName: string;
  unitKind?: UnitKind;
}

export interface RankingResult {
  ranked: RankedUnit[];
  /** 零诉求: no cases in the period, listed apart */
  zeroCase: ZeroCaseUnit[];
  maxScore: number;
}

const round2 = (x: number) => roundHalfUp(x, 2);

export function rankUnits(
  unitFigures: readonly UnitFiguresRow[],
  profile: ScoringProfile,
  opts: RankOptions = {},
): RankingResult {
  const active = unitFigures.filter((u) => u.figures.received > 0);
  const zeroCase = unitFigures
    .filter((u) => u.figures.received <= 0)
    .map(({ unitId, unitName, unitKind }) => ({ unitId, unitName, unitKind }));
  const maxReceived = Math.max(0, ...active.map((u) => u.figures.received));

  const rows = active.map((u, index) => {
    const f = u.figures;
    const terms: ScoreTermRow[] = profile.terms.map((t) => ({
      figure: t.figure,
      label: t.label,
      rate: f[t.figure],
      weight: t.weight,
      points: round2(termPoints(f[t.figure], t, profile.nullRatePoints)),
    }));
    const volume = {
      label: profile.volume.label,
      received: f.received,
      maxReceived,
      weight: profile.volume.weight,
      points: round2(volumePoints(f.received, maxReceived, profile.volume.weight)),
    };
    const entered = opts.procedureScores?.[u.unitId];
    const procedure = {
      label: profile.procedure.label,
      weight: profile.procedure.weight,
      points: round2(
        entered === undefined
          ? profile.procedure.weight
          : Math.min(Math.max(entered, 0), profile.procedure.weight),
      ),
    };
    const delta = opts.yoyRepeatRateDelta?.[u.unitId] ?? null;
    const repeatPenalty = {
      delta,
      points: round2(repeatRatePenalty(delta, profile.penalties.repeatRateYoYPerPoint)),
    };
    const items = (opts.deductions ?? []).filter((d) => d.unitId === u.unitId);
    const deductions = {
      count: items.length,
      points: round2(items.reduce((s, d) => s + deductionPoints(d, profile.deductionLevels), 0)),
      items,
    };
    const score = round2(
      volume.points +
        terms.reduce((s, t) => s + t.points, 0) +
        procedure.points -
        repeatPenalty.points -
        deductions.points,
    );
    const row: RankedUnit = {
      rank: 0,
      unitId: u.unitId,
      unitName: u.unitName,
      unitKind: u.unitKind,
      score,
      volume,
      terms,
      procedure,
      repeatPenalty,
      deductions,
      satisfactionRate: f.satisfactionRate,
      received: f.received,
    };
    return { row, index };
  });

  const cmp = (a: RankedUnit, b: RankedUnit) => {
    if (a.score !== b.score) return b.score - a.score;
    const sa = a.satisfactionRate ?? -1;
    const sb = b.satisfactionRate ?? -1;
    if (sa !== sb) return sb - sa;
    return b.received - a.received;
  };
  rows.sort((a, b) => cmp(a.row, b.row) || a.index - b.index);
  const ranks = competitionRanks(
    rows.map((r) => r.row),
    (a, b) => cmp(a, b) === 0,
  );
  rows.forEach(({ row }, i) => {
    row.rank = ranks[i]!;
  });

  return { ranked: rows.map((r) => r.row), zeroCase, maxScore: maxScore(profile) };
}

/** Ranks of items already in order (1, 2, 2, 4): an item the same as the one before shares its rank. */
export function competitionRanks<T>(ordered: readonly T[], same: (a: T, b: T) => boolean): number[] {
  const ranks: number[] = [];
  ordered.forEach((x, i) => {
    const prev = ordered[i - 1];
    ranks.push(prev !== undefined && same(prev, x) ? ranks[i - 1]! : i + 1);
  });
  return ranks;
}

/** Rates where a lower value is the better one: their 名次 runs from the lowest. */
export const LOWER_IS_BETTER: ReadonlySet<RateKey> = new Set<RateKey>(['repeatRate']);

/**
 * The 名次 of each item on one rate, in the items' own order: null for an item with no rate (its
 * denominator is 0). Compared as printed with `digits` decimals (default 1, as the bulletin prints).
 */
export function rateRanks<T>(
  items: readonly T[],
  rateOf: (item: T) => number | null,
  opts: { lowerIsBetter?: boolean; digits?: number } = {},
): (number | null)[] {
  const printed = items.map((x) => printedPercent(rateOf(x), opts.digits ?? 1));
  const order = printed
    .map((pct, index) => ({ pct, index }))
    .filter((x): x is { pct: number; index: number } => x.pct !== null)
    .sort((a, b) => (opts.lowerIsBetter ? a.pct - b.pct : b.pct - a.pct));
  const ranks = competitionRanks(order, (a, b) => a.pct === b.pct);
  const out: (number | null)[] = items.map(() => null);
  order.forEach((x, i) => {
    out[x.index] = ranks[i]!;
  });
  return out;
}
