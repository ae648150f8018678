// The demo county's November bulletin opened with "共登记群众诉求211件，交办承办单位216件次" and then
// said "从来源看，电话74件…" and "城乡建设（25件）": channels and categories count assignments like
// 受理件数, so they added up to 216, not to the 211 件 a reader had just been told. Where a case went
// to several units they now say 件次, and their tables say how they count. The bulletin also splits
// the month by 信访目的 (the seeds' 12345 bulletin: 投诉类1999件、建议类573件、咨询类4件、求助类1件).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_PROFILE } from '../../workers/domain/scoring';
import { type BulletinUnit, composeBulletin } from '../../workers/domain/stats/bulletin';
import { periodOf } from '../../workers/domain/stats/compare';
import { deriveFigures, emptyCounts, type FigureCounts } from '../../workers/domain/stats/figures';
import { rankUnits } from '../../workers/domain/stats/ranking';

const f = (c: Partial<FigureCounts>) => deriveFigures({ ...emptyCounts(), ...c });

function compose(cases: number) {
  const units: BulletinUnit[] = [
    { unitId: 't1', unitName: '青石镇', unitKind: 'township', figures: f({ received: 2, cases: 2 }) },
    { unitId: 'd1', unitName: '县住建局', unitKind: 'department', figures: f({ received: 1, cases: 1 }) },
  ];
  return composeBulletin({
    tenantName: '青禾县',
    period: periodOf({ month: '2026-11' }),
    figures: { tenant: f({ received: 3, cases }), units },
    byChannel: [
      { key: 'phone', count: 2, lastYear: 1 },
      { key: 'web', count: 1, lastYear: 0 },
    ],
    byCategory: [{ key: 'c1', label: '城乡建设', count: 3 }],
    visits: { batches: 2, people: 9, collectiveBatches: 1, collectivePeople: 7 },
    byPurpose: [
      { key: 'help', label: '求助', count: 1 },
      { key: 'claim', label: '申诉求决', count: 2 },
    ],
    profile: DEFAULT_SCORING_PROFILE,
  });
}

describe('channels and categories in 件 or 件次', () => {
  it('a case sent to two units: the counts are 件次, adding up to the 件次 of the opening sentence', () => {
    const doc = compose(2);
    const text = doc.summary.join('');
    expect(text).toContain('共登记群众诉求2件，交办承办单位3件次');
    expect(text).toContain(
      '从来源看，电话2件次（占66.7%，同比上升100.0%），网上平台1件次（占33.3%，去年同期0件次）',
    );
    expect(text).toContain('诉求热点集中在：城乡建设（3件次）');
    // visits as bulletins count them (来访47批次, 集体访0批0人次): batches and people
    expect(text).toContain('；按登记计，来访2批9人次，其中集体访1批7人次。');
    // 信访目的, as 12345 bulletins split 投诉、建议、咨询、求助: most first, with shares
    expect(text).toContain('按信访目的分，申诉求决2件次（占66.7%），求助1件次（占33.3%）。');
    expect(doc.tables.find((x) => x.key === 'purposes')?.rows).toEqual([
      [1, '申诉求决', 2, '66.7%'],
      [2, '求助', 1, '33.3%'],
    ]);
    for (const key of ['channels', 'categories', 'purposes'])
      expect(doc.tables.find((x) => x.key === key)?.note).toContain('按承办单位计（件次）');
  });

  it('each case to one unit: plain 件, no note', () => {
    const doc = compose(3);
    const text = doc.summary.join('');
    expect(text).toContain('从来源看，电话2件（占66.7%');
    expect(text).toContain('城乡建设（3件）');
    expect(doc.tables.find((x) => x.key === 'channels')?.note).toBeUndefined();
  });
});

describe('units whose repeat rate rose year-on-year', () => {
  it('are named with the rise, the largest first, as printed bulletins name them', () => {
    const units: BulletinUnit[] = [
      { unitId: 't1', unitName: '青石镇', unitKind: 'township', figures: f({ received: 4, cases: 4 }) },
      { unitId: 't2', unitName: '白河乡', unitKind: 'township', figures: f({ received: 2, cases: 2 }) },
      { unitId: 't3', unitName: '松岭乡', unitKind: 'township', figures: f({ received: 2, cases: 2 }) },
    ];
    const doc = composeBulletin({
      tenantName: '青禾县',
      period: periodOf({ month: '2026-11' }),
      figures: { tenant: f({ received: 8, cases: 8 }), units },
      ranking: {
        township: rankUnits(units, DEFAULT_SCORING_PROFILE, {
          yoyRepeatRateDelta: { t1: 0.05, t2: 0.125, t3: -0.1 },
        }),
      },
      profile: DEFAULT_SCORING_PROFILE,
    });
    expect(doc.summary).toContain(
      '重复率同比上升的单位有：乡镇（街道）：白河乡（上升12.5个百分点）、青石镇（上升5.0个百分点）。',
    );
  });
});
