import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_PROFILE } from '../../workers/domain/scoring';
import { deriveFigures, emptyCounts, type FigureCounts } from '../../workers/domain/stats/figures';
import { rankUnits, rateRanks, type UnitFiguresRow } from '../../workers/domain/stats/ranking';

/** a unit whose every step was timely and every case rated, with `sat` of `rated` satisfied */
function unit(
  unitId: string,
  received: number,
  rated: number,
  sat: number,
  extra: Partial<FigureCounts> = {},
): UnitFiguresRow {
  const f = deriveFigures({
    ...emptyCounts(),
    received,
    cases: received,
    closed: received,
    acceptedInTime: received,
    acceptanceDue: received,
    repliedInTime: received,
    replyDue: received,
    rated,
    toBeRated: rated,
    satisfied: sat,
    unsatisfied: rated - sat,
    oneTimeResolved: sat,
    oneTimeDue: rated,
    ...extra,
  });
  return { unitId, unitName: unitId, unitKind: 'department', figures: f };
}

describe('rankUnits', () => {
  it('shows every score term, the volume share, procedure, penalties and deductions', () => {
    const r = rankUnits([unit('住建局', 20, 10, 9), unit('人社局', 10, 10, 10)], DEFAULT_SCORING_PROFILE, {
      yoyRepeatRateDelta: { 住建局: 0.035 },
      deductions: [
        { unitId: '住建局', level: 'city' },
        { unitId: '住建局', level: 'county' },
      ],
    });
    const zj = r.ranked.find((x) => x.unitId === '住建局')!;
    expect(zj.volume).toMatchObject({ received: 20, maxReceived: 20, points: 25 });
    expect(zj.terms.map((t) => [t.label, t.points])).toEqual([
      ['及时受理率', 5],
      ['按期答复率', 10],
      ['参评率', 10],
      ['满意率', 22.5],
      ['一次性化解率', 13.5],
    ]);
    expect(zj.procedure.points).toBe(10);
    expect(zj.repeatPenalty).toEqual({ delta: 0.035, points: 0.7 });
    expect(zj.deductions).toMatchObject({ count: 2, points: 1.5 });
    expect(zj.score).toBe(25 + 5 + 10 + 10 + 22.5 + 13.5 + 10 - 0.7 - 1.5);
    const rs = r.ranked.find((x) => x.unitId === '人社局')!;
    expect(rs.volume.points).toBe(12.5);
    expect(rs.score).toBe(12.5 + 65 + 10);
    // the busier unit keeps the lead despite its penalties: 93.8 against 87.5
    expect(r.ranked.map((x) => [x.rank, x.unitId, x.score])).toEqual([
      [1, '住建局', 93.8],
      [2, '人社局', 87.5],
    ]);
    expect(r.maxScore).toBe(100);
  });

  it('units with no cases are listed apart as 零诉求, not ranked at the bottom', () => {
    const r = rankUnits([unit('六郎乡', 0, 0, 0), unit('夹河镇', 12, 12, 12)], DEFAULT_SCORING_PROFILE);
    expect(r.ranked.map((x) => x.unitId)).toEqual(['夹河镇']);
    expect(r.zeroCase.map((x) => x.unitId)).toEqual(['六郎乡']);
  });

  it('a unit with only returned assignments is 零诉求 too', () => {
    const r = rankUnits([unit('关防乡', 0, 0, 0, { returned: 2 })], DEFAULT_SCORING_PROFILE);
    expect(r.zeroCase).toHaveLength(1);
  });

  it('ties on score break by satisfaction rate, then by volume', () => {
    // a profile where only the assessor's points count, so that all three scores are equal
    const profile = { ...DEFAULT_SCORING_PROFILE, terms: [], volume: { weight: 0, label: '访量' } };
    const r = rankUnits(
      [unit('甲镇', 10, 10, 8), unit('乙镇', 10, 10, 9), unit('丙镇', 5, 4, 4), unit('丁镇', 9, 10, 9)],
      profile,
    );
    expect(new Set(r.ranked.map((x) => x.score))).toEqual(new Set([10]));
    expect(r.ranked.map((x) => [x.rank, x.unitId, x.satisfactionRate])).toEqual([
      [1, '丙镇', 1],
      [2, '乙镇', 0.9], // 0.9 and 10 received
      [3, '丁镇', 0.9], // 0.9 and 9 received
      [4, '甲镇', 0.8],
    ]);
  });

  it('the assessor’s procedure points count, capped at the weight', () => {
    const r = rankUnits([unit('甲镇', 10, 10, 10), unit('乙镇', 10, 10, 10)], DEFAULT_SCORING_PROFILE, {
      procedureScores: { 甲镇: 7.5, 乙镇: 12 },
    });
    expect(r.ranked.map((x) => [x.unitId, x.procedure.points, x.score])).toEqual([
      ['乙镇', 10, 100],
      ['甲镇', 7.5, 97.5],
    ]);
  });

  it('equal satisfaction breaks by volume; units equal on all three share a rank', () => {
    const profile = { ...DEFAULT_SCORING_PROFILE, volume: { weight: 0, label: '访量' } };
    const r = rankUnits(
      [unit('甲局', 5, 5, 5), unit('乙局', 8, 8, 8), unit('丙局', 5, 5, 5), unit('丁局', 1, 1, 0)],
      profile,
    );
    expect(r.ranked.map((x) => [x.rank, x.unitId])).toEqual([
      [1, '乙局'],
      [2, '甲局'],
      [2, '丙局'],
      [4, '丁局'],
    ]);
  });

  it('a null satisfaction rate ranks after any number when scores tie', () => {
    const profile = { ...DEFAULT_SCORING_PROFILE, volume: { weight: 0, label: '访量' } };
    const noRatings = unit('甲局', 5, 0, 0); // every rate term earns full weight (nothing to judge)
    const perfect = unit('乙局', 5, 5, 5);
    const r = rankUnits([noRatings, perfect], profile);
    expect(r.ranked[0]?.score).toBe(r.ranked[1]?.score);
    expect(r.ranked.map((x) => x.unitId)).toEqual(['乙局', '甲局']);
  });
});

describe('rateRanks: where each unit stands on one rate (名次)', () => {
  const rates = (...xs: (number | null)[]) => xs.map((rate, i) => ({ unitId: `u${i}`, rate }));
  const rateOf = (x: { rate: number | null }) => x.rate;

  it('the highest rate is first; equal rates share the better 名次 and the next one skips (1, 2, 2, 4)', () => {
    const xs = rates(0.9, 1, 0.95, 0.95, 0.8);
    expect(rateRanks(xs, rateOf)).toEqual([4, 1, 2, 2, 5]);
  });

  it('a unit with nothing to divide (—) has no 名次 and does not push the others down', () => {
    const xs = rates(null, 0.5, 1, null);
    expect(rateRanks(xs, rateOf)).toEqual([null, 2, 1, null]);
  });

  it('units are compared as the rates are printed: 7/9 and 77.8% read the same, so they share a 名次', () => {
    // 0.77777… and 0.7781 both read 77.8%; 0.7784 reads 77.8% too, 0.7785 reads 77.9%
    const xs = rates(7 / 9, 0.7781, 0.7785);
    expect(rateRanks(xs, rateOf)).toEqual([2, 2, 1]);
    // at two decimals they differ
    expect(rateRanks(xs, rateOf, { digits: 2 })).toEqual([3, 2, 1]);
  });

  it('a rate short of 100% never shares first place with 100%, as it never reads 100.0%', () => {
    const xs = rates(1, 0.9999);
    expect(rateRanks(xs, rateOf)).toEqual([1, 2]);
  });

  it('where lower is better (the repeat rate), the lowest is first', () => {
    const xs = rates(0.25, 0, 0.4, 0, null);
    expect(rateRanks(xs, rateOf, { lowerIsBetter: true })).toEqual([3, 1, 4, 1, null]);
  });

  it('nobody to rank is an empty list; everyone tied is all first', () => {
    expect(rateRanks([], () => null)).toEqual([]);
    const xs = rates(1, 1, 1);
    expect(rateRanks(xs, rateOf)).toEqual([1, 1, 1]);
  });
});
