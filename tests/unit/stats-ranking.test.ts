import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_PROFILE } from '../../workers/domain/scoring';
import { deriveFigures, emptyCounts, type FigureCounts } from '../../workers/domain/stats/figures';
import { rankUnits, type UnitFiguresRow } from '../../workers/domain/stats/ranking';

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
