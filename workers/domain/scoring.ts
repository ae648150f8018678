// The tenant's scoring profile (考核办法) and the arithmetic of each score term. The profile is tenant
// data (settings.ts stores it); ranking.ts applies it to the units of a period.
//
// Default, after county practice (DOMAIN.md, seeds): 100 points = volume 25 + rates 65 + procedure 10.
// - a rate term scores rate × weight ("及时受理率×5分"); a term may be inverted, (1 − rate) × weight,
//   for a rate where lower is better. A rate with no denominator (nothing to judge, e.g. no case
//   was due for rating) earns the full weight by default (无此项不扣分); `nullRatePoints: 'zero'`
//   gives nothing instead.
// - volume (访量) scores the unit's received count relative to the busiest unit ranked with it:
//   weight × received / max(received). It rewards carrying the county's workload; units with no
//   cases are not ranked at all (零诉求).
// - procedure (制度落实) covers duties the system does not see (联席会议, 下沉接访, 台账): the
//   assessor enters the points per unit; a unit with no entry gets the full weight.
// - penalties: each percentage point the unit's repeat rate rose year-on-year takes
//   `repeatRateYoYPerPoint` (0.2), proportionally (a rise of 2.5 points takes 0.5); a fall takes
//   nothing. Each case criticised in a bulletin (通报) takes `deductionLevels[level]` (city 1,
//   county 0.5) unless the dispatcher recorded other points.
import * as v from 'valibot';
import { type Figures, RATE_KEYS, type RateKey } from './stats/figures';

const Points = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1000));
const Fraction = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const Label = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40));

export const ScoringTermSchema = v.object({
  figure: v.picklist(RATE_KEYS),
  weight: Points,
  label: Label,
  /** score (1 − rate) × weight: for a rate where lower is better */
  invert: v.optional(v.boolean(), false),
});

export const ScoringTargetSchema = v.pipe(
  v.object({
    figure: v.picklist(RATE_KEYS),
    /** units below this rate are named in the bulletin */
    min: v.optional(Fraction),
    /** units above this rate are named in the bulletin */
    max: v.optional(Fraction),
    label: Label,
  }),
  v.check((t) => t.min !== undefined || t.max !== undefined, 'a target needs min or max'),
);

export const ScoringProfileSchema = v.object({
  terms: v.pipe(v.array(ScoringTermSchema), v.maxLength(20)),
  volume: v.object({ weight: Points, label: Label }),
  procedure: v.object({ weight: Points, label: Label }),
  nullRatePoints: v.optional(v.picklist(['full', 'zero']), 'full'),
  penalties: v.object({
    /** points taken per percentage point the repeat rate rose year-on-year */
    repeatRateYoYPerPoint: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)),
  }),
  /** points taken per case criticised in a bulletin, by the level of the bulletin */
  deductionLevels: v.object({ city: Points, county: Points }),
  targets: v.pipe(v.array(ScoringTargetSchema), v.maxLength(20)),
});

export type ScoringTerm = v.InferOutput<typeof ScoringTermSchema>;
export type ScoringTarget = v.InferOutput<typeof ScoringTargetSchema>;
export type ScoringProfile = v.InferOutput<typeof ScoringProfileSchema>;

export const DEFAULT_SCORING_PROFILE: ScoringProfile = {
  terms: [
    { figure: 'timelyAcceptanceRate', weight: 5, label: '及时受理率', invert: false },
    { figure: 'onTimeReplyRate', weight: 10, label: '按期答复率', invert: false },
    { figure: 'participationRate', weight: 10, label: '参评率', invert: false },
    { figure: 'satisfactionRate', weight: 25, label: '满意率', invert: false },
    { figure: 'oneTimeResolutionRate', weight: 15, label: '一次性化解率', invert: false },
  ],
  volume: { weight: 25, label: '访量' },
  procedure: { weight: 10, label: '制度落实' },
  nullRatePoints: 'full',
  penalties: { repeatRateYoYPerPoint: 0.2 },
  deductionLevels: { city: 1, county: 0.5 },
  targets: [
    { figure: 'onTimeReplyRate', min: 0.95, label: '按期答复率' },
    { figure: 'participationRate', min: 0.7, label: '参评率' },
    { figure: 'satisfactionRate', min: 0.9, label: '满意率' },
    { figure: 'repeatRate', max: 0.25, label: '重复率' },
  ],
};

/** The most a unit can score: volume + rate terms + procedure. */
export function maxScore(profile: ScoringProfile): number {
  return profile.volume.weight + profile.procedure.weight + profile.terms.reduce((s, t) => s + t.weight, 0);
}

/** Points of one rate term; a null rate earns per `nullRatePoints`. */
export function termPoints(
  rate: number | null,
  term: Pick<ScoringTerm, 'weight' | 'invert'>,
  nullRatePoints: ScoringProfile['nullRatePoints'] = 'full',
): number {
  if (rate === null) return nullRatePoints === 'full' ? term.weight : 0;
  return (term.invert ? 1 - rate : rate) * term.weight;
}

/** Volume points: weight × received / the largest received among the units ranked together. */
export function volumePoints(received: number, maxReceived: number, weight: number): number {
  return maxReceived <= 0 ? 0 : (weight * received) / maxReceived;
}

/** Points taken for a year-on-year rise of the repeat rate (delta as a fraction: 0.03 = 3 points). */
export function repeatRatePenalty(delta: number | null | undefined, perPoint: number): number {
  if (delta === null || delta === undefined || !(delta > 0)) return 0;
  return delta * 100 * perPoint;
}

export type DeductionLevel = 'city' | 'county' | 'other';

/** A case criticised in a bulletin, as the dispatcher recorded it (db: deductions). */
export interface Deduction {
  unitId: string;
  level: DeductionLevel;
  /** recorded points; when absent the profile's points for the level ('other' then counts 0) */
  points?: number | null;
  reason?: string;
}

export function deductionPoints(d: Deduction, levels: ScoringProfile['deductionLevels']): number {
  if (d.points !== null && d.points !== undefined) return d.points;
  return d.level === 'other' ? 0 : levels[d.level];
}

export interface MissedTarget {
  figure: RateKey;
  label: string;
  value: number;
  min?: number;
  max?: number;
}

/** The targets a row of figures misses (a null rate misses nothing: there is nothing to judge). */
export function missedTargets(figures: Figures, targets: readonly ScoringTarget[]): MissedTarget[] {
  const out: MissedTarget[] = [];
  for (const t of targets) {
    const value = figures[t.figure];
    if (value === null) continue;
    if ((t.min !== undefined && value < t.min) || (t.max !== undefined && value > t.max)) {
      out.push({ figure: t.figure, label: t.label, value, min: t.min, max: t.max });
    }
  }
  return out;
}
