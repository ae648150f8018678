import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_PROFILE } from '../../workers/domain/scoring';
import {
  type BulletinInput,
  type BulletinUnit,
  composeBulletin,
  formatRate,
  publicBulletin,
} from '../../workers/domain/stats/bulletin';
import { change, periodOf, previousMonth, sameMonthLastYear } from '../../workers/domain/stats/compare';
import {
  deriveFigures,
  emptyCounts,
  type FigureCounts,
  sumFigures,
} from '../../workers/domain/stats/figures';
import { rankUnits } from '../../workers/domain/stats/ranking';
import { changeText } from '../../web/src/pages/stats-period';

const f = (c: Partial<FigureCounts>) => deriveFigures({ ...emptyCounts(), ...c });

/** received n, all closed and rated, `unsat` unsatisfied */
const busy = (n: number, unsat = 0, extra: Partial<FigureCounts> = {}) =>
  f({
    received: n,
    cases: n,
    closed: n,
    acceptedInTime: n,
    acceptanceDue: n,
    repliedInTime: n,
    replyDue: n,
    rated: n,
    toBeRated: n,
    satisfied: n - unsat,
    unsatisfied: unsat,
    ...extra,
  });

const units: BulletinUnit[] = [
  { unitId: 't1', unitName: '青石镇', unitKind: 'township', figures: busy(12) },
  { unitId: 't2', unitName: '白河乡', unitKind: 'township', figures: busy(9, 2) },
  { unitId: 't3', unitName: '松岭乡', unitKind: 'township', figures: f({}) },
  {
    unitId: 't4',
    unitName: '桃源街道',
    unitKind: 'township',
    figures: busy(4, 0, {
      closed: 3,
      overdueSign: 1,
      overdueReply: 1,
      overdue: 2,
      rated: 3,
      toBeRated: 4,
      satisfied: 3,
      unratedOverdue: 1,
    }),
  },
  { unitId: 'd1', unitName: '县住建局', unitKind: 'department', figures: busy(20, 3) },
  { unitId: 'd2', unitName: '县人社局', unitKind: 'department', figures: busy(11) },
  { unitId: 'd3', unitName: '县档案馆', unitKind: 'department', figures: f({ returned: 1 }) },
];
const tenant = sumFigures(units.map((u) => u.figures));
const july = periodOf({ month: '2026-07' });

function input(over: Partial<BulletinInput> = {}): BulletinInput {
  return {
    tenantName: '云岭县',
    period: july,
    cutoffDay: '2026-08-10',
    figures: { tenant, units },
    compare: {
      previous: { period: previousMonth(july), figures: f({ received: 139 }) },
      lastYear: { period: sameMonthLastYear(july), figures: f({ received: 50 }) },
    },
    byChannel: [
      { key: 'web', count: 40, lastYear: 30 },
      { key: 'letter', count: 10, lastYear: 12 },
      { key: 'mailbox', count: 6 },
    ],
    byCategory: [
      { key: 'k1', label: '城乡建设', count: 25 },
      { key: 'k2', label: '劳动和社会保障', count: 14 },
      { key: 'k3', label: '生态环境', count: 8 },
    ],
    topRepeatPetitioners: [{ label: '张*', count: 6, matter: '房屋征收补偿' }],
    ranking: {
      township: rankUnits(
        units.filter((u) => u.unitKind === 'township'),
        DEFAULT_SCORING_PROFILE,
      ),
      department: rankUnits(
        units.filter((u) => u.unitKind !== 'township'),
        DEFAULT_SCORING_PROFILE,
      ),
    },
    profile: DEFAULT_SCORING_PROFILE,
    ...over,
  };
}

const table = (doc: ReturnType<typeof composeBulletin>, key: string) => {
  const t = doc.tables.find((x) => x.key === key);
  if (!t) throw new Error(`no table ${key}`);
  return t;
};

describe('composeBulletin', () => {
  it('titles the bulletin with the county and the month', () => {
    const doc = composeBulletin(input());
    expect(doc.title).toBe('云岭县2026年7月信访工作通报');
    expect(doc.subtitle).toBe('统计周期：2026年7月1日至2026年7月31日');
  });

  it('reports volume with 环比 and 同比 computed, not hand-written: 139 → 56 is a fall of 59.7%', () => {
    const doc = composeBulletin(input());
    expect(tenant.received).toBe(56);
    expect(doc.summary[0]).toContain('全县共受理群众诉求56件');
    expect(doc.summary[0]).toContain('其中乡镇（街道）25件，县直部门31件');
    expect(doc.summary[0]).toContain('环比（2026年6月139件）下降59.7%');
    expect(doc.summary[0]).toContain('同比（2025年7月50件）上升12.0%');
    expect(doc.summary[0]).toContain('另有退件1件');
    expect(doc.summary[0]).toContain('本次统计以2026年8月10日为时间节点');
  });

  it('does not call assignments 群众诉求 when a case went to two units: it says 件 and 件次', () => {
    // 50 cases registered, 56 assignments (six cases had a co-handler): the sentence names both
    const doc = composeBulletin(input({ figures: { tenant: { ...tenant, cases: 50 }, units } }));
    expect(doc.summary[0]).toContain(
      '全县共登记群众诉求50件，交办承办单位56件次（一件交多个单位办理的分别计数）',
    );
    expect(doc.summary[0]).toContain('其中乡镇（街道）25件次，县直部门31件次');
    expect(doc.summary[0]).toContain('环比（2026年6月139件次）下降59.7%');
    expect(doc.summary[0]).not.toContain('共受理群众诉求56件');
  });

  it('the 109 against 139 of the worked example reads 下降21.6%', () => {
    const doc = composeBulletin(input({ figures: { tenant: f({ received: 109, cases: 109 }), units: [] } }));
    expect(doc.summary[0]).toContain('环比（2026年6月139件）下降21.6%');
  });

  it('a change that rounds to nothing reads 持平 in its tables, as on the console, never 0.0个百分点', () => {
    // 90.0% against 89.97%: 0.03 points, printed to one decimal is no change at all
    const now = f({ received: 100, cases: 100, rated: 1000, toBeRated: 1000, satisfied: 900 });
    const before = f({ received: 100, cases: 100, rated: 10003, toBeRated: 10003, satisfied: 9000 });
    const doc = composeBulletin(
      input({
        figures: { tenant: now, units: [] },
        compare: {
          previous: { period: previousMonth(july), figures: before },
          lastYear: { period: sameMonthLastYear(july), figures: now },
        },
        byChannel: [{ key: 'web', count: 40, previous: 40, lastYear: 40 }],
      }),
    );
    const overview = table(doc, 'overview');
    const row = (label: string) => overview.rows.find((r) => r[0] === label);
    expect(row('满意率')?.[3]).toBe('持平');
    expect(row('受理件数')?.[3]).toBe('持平');
    expect(row('满意率')?.[5]).toBe('持平');
    expect(table(doc, 'channels').rows[0]?.slice(4)).toEqual(['持平', '持平']);
    for (const r of overview.rows) for (const c of [r[3], r[5]]) expect(String(c)).not.toMatch(/^[+-]?0\.0/);
    // one rule for the bulletin and the console: the same change reads the same in both
    const k = ['received', 'satisfactionRate', 'avgDays', 'repeatRate'] as const;
    const later = f({
      received: 109,
      cases: 109,
      rated: 50,
      satisfied: 44,
      closedInPeriod: 3,
      closedDaysSum: 10,
    });
    const earlier = f({
      received: 139,
      cases: 139,
      rated: 40,
      satisfied: 36,
      closedInPeriod: 2,
      closedDaysSum: 7,
    });
    const moved = composeBulletin(
      input({
        figures: { tenant: later, units: [] },
        compare: { previous: { period: previousMonth(july), figures: earlier } },
      }),
    );
    const ch = change(later, earlier);
    for (const key of k) {
      const label = {
        received: '受理件数',
        satisfactionRate: '满意率',
        avgDays: '平均办理天数',
        repeatRate: '重复率',
      }[key];
      expect(table(moved, 'overview').rows.find((r) => r[0] === label)?.[3]).toBe(changeText(key, ch[key]));
    }
    expect(table(moved, 'overview').rows.find((r) => r[0] === '受理件数')?.[3]).toBe('-21.6%');
  });

  it('names hot categories and channels with their shares', () => {
    const text = composeBulletin(input()).summary.join('\n');
    expect(text).toContain('诉求热点集中在：城乡建设（25件）、劳动和社会保障（14件）、生态环境（8件）等领域');
    expect(text).toContain('网上平台40件（占71.4%，同比上升33.3%）');
    expect(text).toContain('领导信箱6件（占10.7%）');
  });

  it('names the units below target, by township and department, and never a zero-case unit', () => {
    const text = composeBulletin(input()).summary.join('\n');
    // 白河乡 7/9 = 77.8%, 县住建局 17/20 = 85.0%
    expect(text).toContain(
      '满意率未达到90%的单位有：乡镇（街道）：白河乡（77.8%）；县直部门：县住建局（85.0%）。',
    );
    expect(text).not.toMatch(/松岭乡（/);
  });

  it('lists zero-case units (零诉求), also a unit whose only assignment was returned', () => {
    const text = composeBulletin(input()).summary.join('\n');
    expect(text).toContain('松岭乡、县档案馆本月实现零诉求。');
  });

  it('reports overdue cases by unit', () => {
    const doc = composeBulletin(input());
    expect(doc.summary.join('\n')).toContain(
      '有逾期件2件（逾期未签收1件，逾期未答复1件），涉及：桃源街道2件',
    );
    expect(table(doc, 'overdue').rows).toEqual([[1, '桃源街道', 1, 0, 1, 2]]);
  });

  it('has a rating table for townships and one for departments, with a 合计 row', () => {
    const doc = composeBulletin(input());
    const t = table(doc, 'rating-township');
    expect(t.title).toBe('2026年7月乡镇（街道）群众评价情况统计表');
    expect(t.columns).toEqual([
      '序号',
      '单位',
      '应评',
      '超期未评',
      '参评率',
      '满意',
      '基本满意',
      '不满意',
      '满意率',
    ]);
    expect(t.rows[1]).toEqual([2, '白河乡', 9, 0, '100.0%', 7, 0, 2, '77.8%']);
    expect(t.rows[2]).toEqual([3, '松岭乡', 0, 0, '—', 0, 0, 0, '—']);
    expect(t.rows[3]).toEqual([4, '桃源街道', 4, 1, '75.0%', 3, 0, 0, '100.0%']);
    // 应评 12 + 9 + 0 + 4, rated 12 + 9 + 3, satisfied 12 + 7 + 3: rates from the sums
    expect(t.rows.at(-1)).toEqual([null, '合计', 25, 1, '96.0%', 22, 0, 2, formatRate(22 / 24)]);
    expect(formatRate(22 / 24)).toBe('91.7%');
    expect(table(doc, 'rating-department').rows.map((r) => r[1])).toEqual([
      '县住建局',
      '县人社局',
      '县档案馆',
      '合计',
    ]);
  });

  it('the handling table prints 逾期查阅 and 逾期办理 as given: steps done late count, not only the open ones', () => {
    // 白河乡 signed two cases late (both signed by now) and replied to one late; 桃源街道 still has
    // one unsigned past its deadline
    const lateness = { t2: { signLate: 2, handleLate: 1 }, t4: { signLate: 1, handleLate: 1 } };
    const t = table(composeBulletin(input({ lateness })), 'handling-township');
    expect(t.columns).toEqual([
      '序号',
      '单位',
      '受理件数',
      '正在办理',
      '处理完毕',
      '逾期查阅',
      '逾期办理',
      '群众满意率',
    ]);
    expect(t.rows[1]).toEqual([2, '白河乡', 9, 0, 9, 2, 1, '77.8%']);
    expect(t.rows[3]).toEqual([4, '桃源街道', 4, 1, 3, 1, 1, '100.0%']);
    expect(t.rows.at(-1)).toEqual([null, '合计', 25, 1, 24, 3, 2, formatRate(22 / 24)]);
    expect(t.note).toContain('超过签收期限才签收');
    // without the lateness the columns say nothing rather than count only the open steps
    const bare = table(composeBulletin(input()), 'handling-township');
    expect(bare.rows[3]?.slice(5, 7)).toEqual(['—', '—']);
  });

  it('ranks satisfaction, leaving zero-case units out', () => {
    const t = table(composeBulletin(input()), 'satisfaction-department');
    expect(t.columns).toEqual(['排名', '单位', '群众满意率', '受理总件数', '不满意件数']);
    expect(t.rows).toEqual([
      [1, '县人社局', '100.0%', 11, 0],
      [2, '县住建局', '85.0%', 20, 3],
    ]);
  });

  it('the portal table counts the letters submitted on the portal only, every unit listed (零诉求 too)', () => {
    // of 青石镇's 12 cases 3 came in on the portal, of 白河乡's 9 one, and 桃源街道 had 4 (3 closed)
    const webByUnit = {
      t1: f({ received: 3, closed: 3 }),
      t2: f({ received: 1 }),
      t4: f({ received: 4, closed: 3 }),
    };
    const t = table(composeBulletin(input({ webByUnit })), 'portal-township');
    expect(t.columns).toEqual(['序号', '部门名称', '信件总数', '办结总数', '办结率']);
    expect(t.title).toBe('2026年7月乡镇（街道）网上投诉（问政）办理情况统计表');
    expect(t.rows).toEqual([
      [1, '桃源街道', 4, 3, '75.0%'],
      [2, '青石镇', 3, 3, '100.0%'],
      [3, '白河乡', 1, 0, '0.0%'],
      [4, '松岭乡', 0, 0, '—'],
      [null, '合计', 8, 6, '75.0%'],
    ]);
    expect(t.note).toContain('网上投诉和网上问政');
    // a department with no portal letter at all is still listed
    expect(table(composeBulletin(input({ webByUnit })), 'portal-department').rows.map((r) => r[2])).toEqual([
      0, 0, 0, 0,
    ]);
    // without the portal's own figures there is no such table, rather than one counting every channel
    expect(composeBulletin(input()).tables.some((x) => x.key === 'portal-township')).toBe(false);
  });

  it('leaves the bureau out of the unit tables, as the rankings do, and names what it handled itself', () => {
    const bureau: BulletinUnit = {
      unitId: 'b',
      unitName: '县信访局',
      unitKind: 'bureau',
      figures: busy(2, 1),
    };
    const all = [...units, bureau];
    const doc = composeBulletin(
      input({ figures: { tenant: sumFigures(all.map((u) => u.figures)), units: all } }),
    );
    for (const x of doc.tables.filter((t) => /-(township|department)$/.test(t.key)))
      expect(x.rows.map((r) => r[1])).not.toContain('县信访局');
    // the departments' totals are the departments' own
    expect(table(doc, 'rating-department').rows.at(-1)?.[2]).toBe(31);
    expect(doc.summary[0]).toContain(
      '全县共受理群众诉求58件，其中乡镇（街道）25件，县直部门31件，县信访局直接办理2件',
    );
    expect(doc.summary.join('')).not.toMatch(/县直部门：[^；。]*县信访局/);
  });

  it('has every rate of every unit with its 名次 beside it, ties sharing one, — neither printed nor ranked', () => {
    const doc = composeBulletin(input());
    const t = table(doc, 'rates-township');
    expect(t.title).toBe('2026年7月乡镇（街道）各项指标情况表');
    expect(t.columns).toEqual([
      '序号',
      '单位',
      '受理件数',
      '及时受理率',
      '名次',
      '按期答复率',
      '名次',
      '参评率',
      '名次',
      '满意率',
      '名次',
      '一次性化解率',
      '名次',
      '重复率',
      '名次',
      '办结率',
      '名次',
    ]);
    // the tenant's unit order, not the score order; 青石镇 and 桃源街道 both read 100.0% satisfied
    expect(t.rows).toEqual([
      [1, '青石镇', 12, '100.0%', 1, '100.0%', 1, '100.0%', 1, '100.0%', 1, '—', '—', '0.0%', 1, '100.0%', 1],
      [2, '白河乡', 9, '100.0%', 1, '100.0%', 1, '100.0%', 1, '77.8%', 3, '—', '—', '0.0%', 1, '100.0%', 1],
      [3, '桃源街道', 4, '100.0%', 1, '100.0%', 1, '75.0%', 3, '100.0%', 1, '—', '—', '0.0%', 1, '75.0%', 3],
      ['零诉求', '松岭乡', 0, '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', '—', '—'],
      [
        null,
        '合计',
        25,
        '100.0%',
        null,
        '100.0%',
        null,
        '96.0%',
        null,
        '91.7%',
        null,
        '—',
        null,
        '0.0%',
        null,
        '96.0%',
        null,
      ],
    ]);
    expect(t.note).toContain('比率相同的并列');
    expect(t.note).toContain('重复率由低到高');
    expect(t.note).toContain('满意率不低于90%');
    expect(t.note).toContain('重复率不超过25%');
    expect(table(doc, 'rates-department').rows.map((r) => r[1])).toContain('县住建局');
  });

  it('ranks the repeat rate from the lowest, and a rate nobody could earn is — for that unit alone', () => {
    const some: BulletinUnit[] = [
      { unitId: 'a', unitName: '甲镇', unitKind: 'township', figures: busy(10, 0, { repeatCases: 3 }) },
      { unitId: 'b', unitName: '乙镇', unitKind: 'township', figures: busy(10, 0, { repeatCases: 1 }) },
      {
        unitId: 'c',
        unitName: '丙镇',
        unitKind: 'township',
        figures: busy(5, 0, { oneTimeDue: 4, oneTimeResolved: 3, rated: 0, toBeRated: 0, satisfied: 0 }),
      },
    ];
    const doc = composeBulletin(
      input({ figures: { tenant: sumFigures(some.map((u) => u.figures)), units: some }, ranking: undefined }),
    );
    const t = table(doc, 'rates-township');
    const col = (label: string) => t.columns.indexOf(label);
    const cells = (label: string) => t.rows.slice(0, 3).map((r) => [r[col(label)], r[col(label) + 1]]);
    expect(cells('重复率')).toEqual([
      ['30.0%', 3],
      ['10.0%', 2],
      ['0.0%', 1],
    ]);
    // 丙镇 had nothing rated: no satisfaction rate and no 名次, and the other two still share the first
    expect(cells('满意率')).toEqual([
      ['100.0%', 1],
      ['100.0%', 1],
      ['—', '—'],
    ]);
    expect(cells('一次性化解率')).toEqual([
      ['—', '—'],
      ['—', '—'],
      ['75.0%', 1],
    ]);
  });

  it('the satisfaction ranking gives equal rates one 排名, the same as the 名次 of the rates table', () => {
    const doc = composeBulletin(input());
    const t = table(doc, 'satisfaction-township');
    // more cases first among equals, as printed, but both are first
    expect(t.rows).toEqual([
      [1, '青石镇', '100.0%', 12, 0],
      [1, '桃源街道', '100.0%', 4, 0],
      [3, '白河乡', '77.8%', 9, 2],
    ]);
    const rates = table(doc, 'rates-township');
    const col = rates.columns.indexOf('满意率') + 1;
    for (const r of t.rows) expect(rates.rows.find((x) => x[1] === r[1])?.[col]).toBe(r[0]);
  });

  it('reports the fast track (最多投一次): count, share of first-time cases, on time, one-time, days', () => {
    const fastTrack = {
      cases: 131,
      firstTimeCases: 289,
      share: 131 / 289,
      figures: f({
        received: 131,
        closed: 120,
        replyDue: 120,
        repliedInTime: 110,
        closedInPeriod: 5,
        closedDaysSum: 88,
      }),
    };
    const doc = composeBulletin(input({ fastTrack }));
    expect(doc.summary.join('')).toContain(
      '本月纳入“最多投一次”的初件131件，占初件总数的45.3%；按期答复率91.7%',
    );
    expect(doc.summary.join('')).toContain('平均办理天数17.6天');
    expect(table(doc, 'fast-track').rows).toEqual([[131, 289, '45.3%', 131, 120, '91.7%', '—', 17.6]]);
    expect(composeBulletin(input()).tables.some((x) => x.key === 'fast-track')).toBe(false);
  });

  it('has the score ranking with every term and the zero-case units apart', () => {
    const t = table(composeBulletin(input()), 'ranking-township');
    expect(t.columns).toEqual([
      '排名',
      '单位',
      '访量得分（25分）',
      '及时受理得分（5分）',
      '按期答复得分（10分）',
      '参评得分（10分）',
      '满意得分（25分）',
      '一次性化解得分（15分）',
      '制度落实得分（10分）',
      '重复率同比扣分',
      '通报扣分',
      '总分',
    ]);
    expect(t.rows[0]?.slice(0, 2)).toEqual([1, '青石镇']);
    expect(t.rows.at(-1)?.slice(0, 2)).toEqual(['零诉求', '松岭乡']);
  });

  it('has volume by channel and by category', () => {
    const doc = composeBulletin(input());
    expect(table(doc, 'channels').rows[0]).toEqual([1, '网上平台', 40, '71.4%', '+33.3%']);
    expect(table(doc, 'categories').rows.map((r) => r[1])).toEqual([
      '城乡建设',
      '劳动和社会保障',
      '生态环境',
    ]);
  });

  it('marks the top repeat petitioners internal, and the public version drops them', () => {
    const doc = composeBulletin(input());
    expect(table(doc, 'repeat-petitioners').internal).toBe(true);
    expect(doc.hasInternal).toBe(true);
    const pub = publicBulletin(doc);
    expect(pub.tables.some((t) => t.key === 'repeat-petitioners')).toBe(false);
    expect(JSON.stringify(pub)).not.toContain('张*');
  });

  it('writes no NaN, undefined or raw null into the text, and every cell is a string, number or null', () => {
    const doc = composeBulletin(
      input({ compare: undefined, byChannel: [], byCategory: [], webByUnit: {}, lateness: {} }),
    );
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
    expect(doc.summary.join('')).not.toContain('null');
    expect(doc.summary.join('')).toContain('平均办理天数—。');
    for (const t of doc.tables) {
      for (const r of t.rows) {
        expect(r).toHaveLength(t.columns.length);
        for (const c of r) expect(c === null || typeof c === 'string' || typeof c === 'number').toBe(true);
      }
    }
  });

  it('says so when nothing is overdue, and writes findings', () => {
    const calm = units.filter((u) => u.unitId !== 't4');
    const doc = composeBulletin(
      input({ figures: { tenant: sumFigures(calm.map((u) => u.figures)), units: calm } }),
    );
    expect(doc.summary).toContain('截至统计时点，未出现逾期件。');
    expect(doc.findings.length).toBeGreaterThan(0);
  });
});
