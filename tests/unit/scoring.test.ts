import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORING_PROFILE,
  deductionPoints,
  maxScore,
  missedTargets,
  repeatRatePenalty,
  ScoringProfileSchema,
  termPoints,
  volumePoints,
} from '../../workers/domain/scoring';
import { deriveFigures, emptyCounts } from '../../workers/domain/stats/figures';

describe('the default scoring profile (county practice)', () => {
  it('is out of 100: volume 25, the rates 65, procedure 10', () => {
    const p = DEFAULT_SCORING_PROFILE;
    expect(maxScore(p)).toBe(100);
    expect(p.volume.weight).toBe(25);
    expect(p.procedure.weight).toBe(10);
    expect(p.terms.reduce((s, t) => s + t.weight, 0)).toBe(65);
    expect(p.terms.map((t) => t.figure)).toEqual([
      'timelyAcceptanceRate',
      'onTimeReplyRate',
      'participationRate',
      'satisfactionRate',
      'oneTimeResolutionRate',
    ]);
  });

  it('validates against its own schema, and the schema refuses nonsense', () => {
    expect(v.parse(ScoringProfileSchema, DEFAULT_SCORING_PROFILE)).toEqual(DEFAULT_SCORING_PROFILE);
    const bad = { ...DEFAULT_SCORING_PROFILE, terms: [{ figure: 'received', weight: 5, label: '受理' }] };
    expect(v.safeParse(ScoringProfileSchema, bad).success).toBe(false);
    const negative = { ...DEFAULT_SCORING_PROFILE, volume: { weight: -1, label: '访量' } };
    expect(v.safeParse(ScoringProfileSchema, negative).success).toBe(false);
    const noBound = {
      ...DEFAULT_SCORING_PROFILE,
      targets: [{ figure: 'satisfactionRate', label: '满意率' }],
    };
    expect(v.safeParse(ScoringProfileSchema, noBound).success).toBe(false);
  });

  it('fills optional fields with their defaults', () => {
    const { nullRatePoints: _n, ...rest } = DEFAULT_SCORING_PROFILE;
    const parsed = v.parse(ScoringProfileSchema, {
      ...rest,
      terms: [{ figure: 'timelyAcceptanceRate', weight: 5, label: '及时受理率' }],
    });
    expect(parsed.nullRatePoints).toBe('full');
    expect(parsed.terms[0]?.invert).toBe(false);
  });
});

describe('score terms', () => {
  it('timely acceptance score = timely acceptance rate × 5', () => {
    expect(termPoints(0.9, { weight: 5, invert: false })).toBeCloseTo(4.5, 12);
  });

  it('an inverted term scores (1 − rate) × weight', () => {
    expect(termPoints(0.25, { weight: 10, invert: true })).toBe(7.5);
  });

  it('a rate with nothing to judge earns the full weight, or nothing if the tenant says so', () => {
    expect(termPoints(null, { weight: 10, invert: false })).toBe(10);
    expect(termPoints(null, { weight: 10, invert: false }, 'zero')).toBe(0);
  });

  it('volume is the share of the busiest unit', () => {
    expect(volumePoints(6, 12, 25)).toBe(12.5);
    expect(volumePoints(0, 0, 25)).toBe(0);
  });

  it('each point the repeat rate rose year-on-year takes 0.2; a fall takes nothing', () => {
    expect(repeatRatePenalty(0.03, 0.2)).toBeCloseTo(0.6, 12);
    expect(repeatRatePenalty(0.025, 0.2)).toBeCloseTo(0.5, 12);
    expect(repeatRatePenalty(-0.05, 0.2)).toBe(0);
    expect(repeatRatePenalty(null, 0.2)).toBe(0);
  });

  it('a case criticised in a city bulletin takes 1, in a county bulletin 0.5, unless points were recorded', () => {
    const levels = DEFAULT_SCORING_PROFILE.deductionLevels;
    expect(deductionPoints({ unitId: 'u', level: 'city' }, levels)).toBe(1);
    expect(deductionPoints({ unitId: 'u', level: 'county' }, levels)).toBe(0.5);
    expect(deductionPoints({ unitId: 'u', level: 'county', points: 2 }, levels)).toBe(2);
    expect(deductionPoints({ unitId: 'u', level: 'other' }, levels)).toBe(0);
  });
});

describe('targets', () => {
  it('names the missed ones; a null rate misses nothing', () => {
    const f = deriveFigures({
      ...emptyCounts(),
      received: 10,
      rated: 10,
      satisfied: 8,
      toBeRated: 10,
      repeatCases: 3,
      cases: 10,
    });
    expect(missedTargets(f, DEFAULT_SCORING_PROFILE.targets).map((m) => [m.label, m.value])).toEqual([
      ['满意率', 0.8],
      ['重复率', 0.3],
    ]);
  });
});
