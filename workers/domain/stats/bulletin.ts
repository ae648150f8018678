// Composes the monthly bulletin (工作通报) as a JSON document: title, Chinese summary paragraphs,
// findings and the tables counties print (DOMAIN.md, "The monthly bulletin"). Pure: every figure is
// passed in; the document is what gets frozen when the bulletin is published.
//
// Rules decided here:
// - Unit tables come as a township table (乡镇/街道) and a department table (县直部门). The bureau's
//   own unit is in neither (it is not assessed, as in the rankings): what it handled itself is in the
//   county's figures and named apart in the summary. Each table has a 合计 row whose rates are
//   re-derived from the summed counts.
// - Rows keep the tenant's unit order (the order of figures.units), except the ranking tables and the
//   portal table (by letters, most first, zero-case units last, as printed).
// - Each rate is ranked on its own (名次 beside the rate in the rates table, 排名 of the satisfaction
//   ranking), by rateRanks: as printed, ties sharing a 名次, '—' (no denominator) not ranked, the
//   repeat rate from the lowest. The score ranking is its own table, not an order of the others.
// - Units with received = 0 are 零诉求: named in the summary, listed in the portal table, never
//   ranked and never named as below target.
// - Rates are written by formatRate everywhere ('96.5%', '—' when there is nothing to divide).
// - 逾期查阅 / 逾期办理 of the handling table are steps done late or still owed past their deadline
//   (handling.ts), not only the steps open at C; without that input the columns read '—'. A step
//   paused by a return request waiting on the dispatcher is not owed (figures.ts), as the note says.
// - The portal table counts only cases submitted on the portal (channel web: 网上投诉 and 网上问政);
//   without that input it is left out rather than filled with every channel.
// - Tables marked `internal` (top repeat petitioners) are for the bureau only: publicBulletin() drops
//   them.
import type { CaseKind } from '../../../db/schema/cases';
import { cnDay } from '../labels';
import { type MissedTarget, missedTargets, type ScoringProfile } from '../scoring';
import { type Changes, change, changeOf, type Period } from './compare';
import {
  emptyFigures,
  FIGURE_KINDS,
  type FigureKey,
  type Figures,
  type RateKey,
  sumFigures,
} from './figures';
import { formatChange, formatChangeShort, formatDays, formatRate, pointsLabel } from './format';
import type { FastTrack, Lateness } from './handling';
import { LOWER_IS_BETTER, type RankingResult, rateRanks, type UnitKind } from './ranking';

export { formatRate, pointsLabel } from './format';

export type Cell = string | number | null;

export interface BulletinTable {
  key: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** for the bureau only (not published, not sent to units) */
  internal?: boolean;
  note?: string;
}

export interface BulletinUnit {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  figures: Figures;
}

export interface BulletinComparison {
  period: Period;
  /** the tenant's figures of that period */
  figures: Figures;
}

export interface CountRow {
  /** channel code ('web', 'letter', …) or category id */
  key: string;
  /** Chinese name; channels default to CHANNEL_LABELS */
  label?: string;
  count: number;
  /** the same count in the previous period (环比) */
  previous?: number | null;
  /** the same count a year earlier (同比) */
  lastYear?: number | null;
}

/** Visits (来访) of P as bulletins count them: 批次 (cases) and 人次 (people), 集体访 apart. */
export interface VisitCount {
  batches: number;
  people: number;
  collectiveBatches: number;
  collectivePeople: number;
}

export interface OverdueUnitRow {
  unitId: string;
  unitName: string;
  sign: number;
  accept: number;
  reply: number;
  /** numbers of the overdue cases, e.g. 2026-000123 */
  caseNumbers?: string[];
}

export interface RepeatPetitionerRow {
  /** masked name or identity, never a full ID or phone number */
  label: string;
  count: number;
  /** main matter (主要诉求) */
  matter?: string;
  units?: string;
}

/** Which cases a bulletin reports: all, or one kind of case. */
export type BulletinScope = 'all' | CaseKind;

/** The title's words for each scope (信访工作通报, 12345热线工作通报 …), as counties print them. */
export const SCOPE_TITLE: Readonly<Record<BulletinScope, string>> = {
  all: '信访工作通报',
  petition: '信访工作通报',
  inquiry: '网上问政工作通报',
  hotline: '12345热线工作通报',
};

/** A bulletin of all kinds that had more than petitions is a bulletin of every 群众诉求. */
const MIXED_TITLE = '群众诉求办理工作通报';

export interface BulletinInput {
  tenantName: string;
  period: Period;
  /** which cases the bulletin reports (default all) */
  caseScope?: BulletinScope;
  /** received assignments by the case's kind (a bulletin of all kinds says how many of each) */
  byKind?: readonly CountRow[];
  /** local day the figures were frozen at: '本次统计以…为时间节点' */
  cutoffDay?: string;
  figures: { tenant: Figures; units: readonly BulletinUnit[] };
  compare?: { previous?: BulletinComparison; lastYear?: BulletinComparison };
  byChannel?: readonly CountRow[];
  byCategory?: readonly CountRow[];
  /** cases received in P by visit, in 批次 and 人次 */
  visits?: VisitCount;
  /** 信访目的 (意见建议、申诉求决、咨询、求助 …) of the received assignments, labelled */
  byPurpose?: readonly CountRow[];
  /** defaults to the overdue counts of figures.units */
  overdueByUnit?: readonly OverdueUnitRow[];
  /**
   * Assignments dispatched before P and still overdue at C, by unit: in no month's figures (each
   * month counts its own cases), so without them a case late since September is named nowhere.
   */
  carriedOverdue?: readonly OverdueUnitRow[];
  topRepeatPetitioners?: readonly RepeatPetitionerRow[];
  ranking?: { township?: RankingResult; department?: RankingResult };
  /** 逾期查阅 / 逾期办理 by unit id (handling.latenessByUnit); a unit absent had nothing late */
  lateness?: Readonly<Record<string, Lateness>>;
  /** each unit's FIGURES counting only portal submissions (channel web); a unit absent had none */
  webByUnit?: Readonly<Record<string, Figures>>;
  /** the fast track (最多投一次) of the period */
  fastTrack?: FastTrack;
  profile: ScoringProfile;
  /** decimals of printed rates (default 1) */
  rateDigits?: number;
}

export interface BulletinDocument {
  title: string;
  subtitle: string;
  /** 期号 printed under the red head, e.g. '2026年第11期'; the bureau may change it on the draft */
  docNumber?: string | null;
  period: Period;
  cutoffDay: string | null;
  summary: string[];
  /** 存在问题: generated, then rewritten by the bureau on the draft as it sees fit */
  findings: string[];
  /** 下一步工作要求: written by the bureau (none is generated); absent in bulletins of before */
  measures?: string[];
  tables: BulletinTable[];
  /** the document holds internal tables */
  hasInternal: boolean;
}

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  web: '网上平台',
  letter: '来信',
  visit: '来访',
  phone: '电话',
  mailbox: '领导信箱',
  transfer: '上级转送交办',
};

const FIGURE_LABELS: Partial<Record<FigureKey, string>> = {
  received: '受理件数',
  closed: '办结数',
  completionRate: '办结率',
  timelyAcceptanceRate: '及时受理率',
  onTimeReplyRate: '按期答复率',
  toBeRated: '应评件数',
  participationRate: '参评率',
  satisfactionRate: '满意率',
  bureauSatisfactionRate: '信访部门满意率',
  oneTimeResolutionRate: '一次性化解率',
  repeatRate: '重复率',
  avgDays: '平均办理天数',
  returned: '退件',
  overdue: '逾期件数',
};

function scopeOf(tenantName: string): { whole: string; departments: string } {
  const last = tenantName.trim().slice(-1);
  if (last === '县' || last === '区' || last === '市' || last === '旗') {
    return { whole: `全${last}`, departments: `${last}直部门` };
  }
  return { whole: '全域', departments: '直属部门' };
}

const joinNames = (names: readonly string[]) => names.join('、');

/** Period-on-period phrase for a count: '环比（2026年6月139件）下降21.6%'. */
function countCompare(
  word: '环比' | '同比',
  current: number,
  base: BulletinComparison | undefined,
  digits: number,
  unit: '件' | '件次' = '件',
) {
  if (!base) return null;
  const prev = base.figures.received;
  const ch = changeOf('count', current, prev);
  return `${word}（${base.period.label}${prev}${unit}）${ch === null ? '无可比基数' : formatChange(ch, 'count', digits)}`;
}

export function composeBulletin(input: BulletinInput): BulletinDocument {
  const { tenantName, period, profile } = input;
  const digits = input.rateDigits ?? 1;
  const rate = (r: number | null) => formatRate(r, digits);
  const scope = scopeOf(tenantName);
  const t = input.figures.tenant;
  const groups = [
    {
      kind: 'township' as const,
      key: 'township',
      name: '乡镇（街道）',
      units: input.figures.units.filter((u) => u.unitKind === 'township'),
    },
    {
      kind: 'department' as const,
      key: 'department',
      name: scope.departments,
      units: input.figures.units.filter((u) => u.unitKind === 'department'),
    },
  ];
  // the bureau answers some cases itself (平台自办): in the county's figures, in no unit table
  const bureauUnits = input.figures.units.filter((u) => u.unitKind === 'bureau' && u.figures.received > 0);
  const periodWord = period.kind === 'month' ? '本月' : '本期';
  const active = (u: BulletinUnit) => u.figures.received > 0;
  const prevCh: Changes | null = input.compare?.previous ? change(t, input.compare.previous.figures) : null;
  const yoyCh: Changes | null = input.compare?.lastYear ? change(t, input.compare.lastYear.figures) : null;

  // ---- summary
  const summary: string[] = [];
  // channels and categories count assignments as 受理件数 does: where a case went to two units,
  // their counts are 件次 and add up to the 件次 of the first sentence, not to its 件
  const countUnit = t.received !== t.cases ? '件次' : '件';
  {
    // 受理件数 counts assignments (DOMAIN.md): a case sent to two units counts twice, and a case
    // registered but not yet routed not at all. Where that makes a difference the sentence says
    // both numbers, in 件 and 件次, rather than calling assignments 群众诉求.
    const perUnit = t.received !== t.cases;
    const unit = perUnit ? '件次' : '件';
    const parts = perUnit
      ? [
          `${period.label}，${scope.whole}共登记群众诉求${t.cases}件，` +
            `交办承办单位${t.received}件次（一件交多个单位办理的分别计数）`,
        ]
      : [`${period.label}，${scope.whole}共受理群众诉求${t.received}件`];
    const byGroup = groups
      .filter((g) => g.units.length > 0)
      .map((g) => `${g.name}${g.units.reduce((s, u) => s + u.figures.received, 0)}${unit}`);
    for (const b of bureauUnits) byGroup.push(`${b.unitName}直接办理${b.figures.received}${unit}`);
    if (byGroup.length > 0) parts.push(`其中${byGroup.join('，')}`);
    // a bulletin of all kinds says how many of each (as counties report 信访 and 12345 apart)
    const kinds = (input.byKind ?? []).filter((k) => k.count > 0);
    const ofAll = (input.caseScope ?? 'all') === 'all';
    if (ofAll && (kinds.length > 1 || (kinds.length === 1 && kinds[0]!.key !== 'petition')))
      parts.push(`按类型分，${kinds.map((k) => `${k.label ?? k.key}${k.count}${unit}`).join('，')}`);
    const mom = countCompare('环比', t.received, input.compare?.previous, digits, unit);
    const yoy = countCompare('同比', t.received, input.compare?.lastYear, digits, unit);
    if (mom) parts.push(mom);
    if (yoy) parts.push(yoy);
    let text = `${parts.join('，')}。`;
    if (t.returned > 0) text += `另有退件${t.returned}件，不计入受理件数。`;
    if (input.cutoffDay) text += `本次统计以${cnDay(input.cutoffDay)}为时间节点。`;
    summary.push(text);
  }
  summary.push(
    `${scope.whole}办结${t.closed}件，办结率${rate(t.completionRate)}；及时受理率${rate(t.timelyAcceptanceRate)}，` +
      `按期答复率${rate(t.onTimeReplyRate)}；应评${t.toBeRated}件，超期未评${t.unratedOverdue}件，参评率${rate(t.participationRate)}，` +
      `满意率${rate(t.satisfactionRate)}（满意${t.satisfied}件、基本满意${t.basicallySatisfied}件、不满意${t.unsatisfied}件）；` +
      `信访部门满意率${rate(t.bureauSatisfactionRate)}；一次性化解率${rate(t.oneTimeResolutionRate)}；` +
      `重复率${rate(t.repeatRate)}；平均办理天数${t.avgDays === null ? '—' : `${formatDays(t.avgDays)}天`}。`,
  );
  {
    const keyRates: FigureKey[] = ['satisfactionRate', 'participationRate', 'onTimeReplyRate', 'repeatRate'];
    const phrases = (ch: Changes | null) =>
      ch
        ? keyRates
            .filter((k) => ch[k] !== null)
            .map((k) => `${FIGURE_LABELS[k]}${formatChange(ch[k], FIGURE_KINDS[k], digits)}`)
        : [];
    const mom = phrases(prevCh);
    const yoy = phrases(yoyCh);
    const sentences: string[] = [];
    if (mom.length > 0) sentences.push(`与上期相比，${mom.join('，')}`);
    if (yoy.length > 0) sentences.push(`与去年同期相比，${yoy.join('，')}`);
    if (sentences.length > 0) summary.push(`${sentences.join('；')}。`);
  }
  const channels = (input.byChannel ?? []).filter((c) => c.count > 0);
  if (channels.length > 0) {
    const total = channels.reduce((s, c) => s + c.count, 0);
    const items = [...channels]
      .sort((a, b) => b.count - a.count)
      .map((c) => {
        const label = c.label ?? CHANNEL_LABELS[c.key] ?? c.key;
        const extra: string[] = [`占${rate(c.count / total)}`];
        if (c.lastYear !== undefined && c.lastYear !== null) {
          const ch = c.lastYear === 0 ? null : (c.count - c.lastYear) / c.lastYear;
          extra.push(
            ch === null ? `去年同期${c.lastYear}${countUnit}` : `同比${formatChange(ch, 'count', digits)}`,
          );
        }
        return `${label}${c.count}${countUnit}（${extra.join('，')}）`;
      });
    const v = input.visits;
    const visitText =
      v && v.batches > 0
        ? `按登记计，来访${v.batches}批${v.people}人次，其中集体访${v.collectiveBatches}批${v.collectivePeople}人次`
        : '';
    summary.push(`从来源看，${items.join('，')}${visitText ? `；${visitText}` : ''}。`);
  }
  const purposes = [...(input.byPurpose ?? [])].filter((c) => c.count > 0).sort((a, b) => b.count - a.count);
  if (purposes.length > 0) {
    const total = purposes.reduce((s, c) => s + c.count, 0);
    const items = purposes.map(
      (c) => `${c.label ?? c.key}${c.count}${countUnit}（占${rate(c.count / total)}）`,
    );
    // a 12345 bulletin speaks of 诉求类型 (咨询、求助、投诉 …), as the hotline names them
    summary.push(`按${input.caseScope === 'hotline' ? '诉求类型' : '信访目的'}分，${items.join('，')}。`);
  }
  const categories = [...(input.byCategory ?? [])]
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count);
  if (categories.length > 0) {
    const hot = categories.slice(0, 7).map((c) => `${c.label ?? c.key}（${c.count}${countUnit}）`);
    summary.push(`诉求热点集中在：${joinNames(hot)}等领域。`);
  }
  const ft = input.fastTrack;
  const days = (d: number | null) => (d === null ? '—' : `${formatDays(d)}天`);
  if (ft && (ft.cases > 0 || ft.figures.received > 0)) {
    const x = ft.figures;
    summary.push(
      `${periodWord}纳入“最多投一次”的初件${ft.cases}件，占初件总数的${rate(ft.share)}；` +
        `按期答复率${rate(x.onTimeReplyRate)}，一次性化解率${rate(x.oneTimeResolutionRate)}，平均办理天数${days(x.avgDays)}。`,
    );
  }
  const missed: { target: MissedTarget; group: string; unit: BulletinUnit }[] = [];
  for (const g of groups) {
    for (const u of g.units.filter(active)) {
      for (const m of missedTargets(u.figures, profile.targets))
        missed.push({ target: m, group: g.name, unit: u });
    }
  }
  for (const target of profile.targets) {
    const hits = missed.filter((m) => m.target.figure === target.figure && m.target.label === target.label);
    // a target is written as set: 90%, 99.5%
    const bound = (
      target.min !== undefined ? `未达到${rate(target.min)}` : `超过${rate(target.max ?? null)}`
    ).replace(/\.0+%$/, '%');
    if (hits.length === 0) continue;
    const byGroup = groups
      .map((g) => ({
        g,
        names: hits
          .filter((h) => h.group === g.name)
          .map((h) => `${h.unit.unitName}（${rate(h.target.value)}）`),
      }))
      .filter((x) => x.names.length > 0)
      .map((x) => `${x.g.name}：${joinNames(x.names)}`);
    summary.push(`${target.label}${bound}的单位有：${byGroup.join('；')}。`);
  }
  // as printed: "重复占比同比上升的县（市、区）有：绛县上升61.88%、…", the largest rise first; the
  // ranking takes 0.2 a point for it, so the units should read why
  const rose = groups
    .map((g) => ({
      g,
      rows: (input.ranking?.[g.kind]?.ranked ?? [])
        .filter((r) => (r.repeatPenalty.delta ?? 0) > 0)
        .sort((a, b) => (b.repeatPenalty.delta ?? 0) - (a.repeatPenalty.delta ?? 0)),
    }))
    .filter((x) => x.rows.length > 0);
  if (rose.length > 0)
    summary.push(
      `重复率同比上升的单位有：${rose
        .map(
          (x) =>
            `${x.g.name}：${joinNames(x.rows.map((r) => `${r.unitName}（${formatChange(r.repeatPenalty.delta, 'rate', digits)}）`))}`,
        )
        .join('；')}。`,
    );
  const zero = input.figures.units.filter((u) => !active(u) && u.unitKind !== 'bureau');
  if (zero.length > 0) summary.push(`${joinNames(zero.map((u) => u.unitName))}${periodWord}实现零诉求。`);

  const overdueRows: OverdueUnitRow[] = input.overdueByUnit
    ? [...input.overdueByUnit]
    : input.figures.units.map((u) => ({
        unitId: u.unitId,
        unitName: u.unitName,
        sign: u.figures.overdueSign,
        accept: u.figures.overdueAccept,
        reply: u.figures.overdueReply,
      }));
  const overdueUnits = overdueRows.filter((r) => r.sign + r.accept + r.reply > 0);
  const rowTotal = (r: OverdueUnitRow) => r.sign + r.accept + r.reply;
  const carried = (input.carriedOverdue ?? []).filter((r) => rowTotal(r) > 0);
  const carriedTotal = carried.reduce((n, r) => n + rowTotal(r), 0);
  const carriedText =
    carriedTotal > 0
      ? `以前月份交办、截至统计时点仍逾期未办的${carriedTotal}件，涉及：${joinNames(carried.map((r) => `${r.unitName}${rowTotal(r)}件`))}。`
      : '';
  if (t.overdueSign + t.overdueAccept + t.overdueReply === 0 && overdueUnits.length === 0) {
    summary.push(
      carriedTotal > 0
        ? `截至统计时点，${periodWord}交办的件未出现逾期；${carriedText}`
        : '截至统计时点，未出现逾期件。',
    );
  } else {
    const steps = [
      t.overdueSign > 0 ? `逾期未签收${t.overdueSign}件` : null,
      t.overdueAccept > 0 ? `逾期未受理${t.overdueAccept}件` : null,
      t.overdueReply > 0 ? `逾期未答复${t.overdueReply}件` : null,
    ].filter((s): s is string => s !== null);
    const who = overdueUnits.map((r) => `${r.unitName}${r.sign + r.accept + r.reply}件`);
    summary.push(
      `截至统计时点，${periodWord}交办的件中有逾期件${t.overdue}件${steps.length > 0 ? `（${steps.join('，')}）` : ''}` +
        `${who.length > 0 ? `，涉及：${joinNames(who)}` : ''}。${carriedText ? `另有${carriedText}` : ''}`,
    );
  }

  // ---- findings
  const findings: string[] = [];
  if (
    prevCh?.satisfactionRate !== null &&
    prevCh?.satisfactionRate !== undefined &&
    prevCh.satisfactionRate < 0
  ) {
    findings.push(
      `群众满意率较上期${formatChange(prevCh.satisfactionRate, 'rate', digits)}，办理质量仍需提升。`,
    );
  }
  if (yoyCh?.repeatRate !== null && yoyCh?.repeatRate !== undefined && yoyCh.repeatRate > 0) {
    findings.push(`重复率同比${formatChange(yoyCh.repeatRate, 'rate', digits)}，重复信访治理仍需加力。`);
  }
  const missedUnits = new Set(missed.map((m) => m.unit.unitId));
  if (missedUnits.size > 0) findings.push(`${missedUnits.size}个单位有指标未达到考核要求，详见附表。`);
  if (t.overdue + carriedTotal > 0)
    findings.push(
      `仍有${t.overdue + carriedTotal}件逾期未办${carriedTotal > 0 ? `（其中以前月份交办的${carriedTotal}件）` : ''}，相关单位须立即办理并说明原因。`,
    );
  if (t.unratedOverdue > 0 && t.participationRate !== null) {
    findings.push(`超期未评${t.unratedOverdue}件，参评率${rate(t.participationRate)}，需引导群众及时评价。`);
  }
  if (findings.length === 0) findings.push('各项指标运行平稳，未发现突出问题。');

  // ---- tables
  const tables: BulletinTable[] = [];
  const overviewKeys: FigureKey[] = [
    'received',
    'closed',
    'completionRate',
    'timelyAcceptanceRate',
    'onTimeReplyRate',
    'toBeRated',
    'participationRate',
    'satisfactionRate',
    'bureauSatisfactionRate',
    'oneTimeResolutionRate',
    'repeatRate',
    'avgDays',
    'returned',
    'overdue',
  ];
  const cellOf = (k: FigureKey, f: Figures | undefined): Cell => {
    if (!f) return '—';
    const kind = FIGURE_KINDS[k];
    if (kind === 'rate') return rate(f[k]);
    if (kind === 'days') return f[k] === null ? '—' : (f[k] as number);
    return f[k];
  };
  tables.push({
    key: 'overview',
    title: `${period.label}${scope.whole}主要指标`,
    columns: ['指标', '本期', '上期', '环比', '去年同期', '同比'],
    rows: overviewKeys.map((k) => [
      FIGURE_LABELS[k] ?? k,
      cellOf(k, t),
      input.compare?.previous ? cellOf(k, input.compare.previous.figures) : '—',
      prevCh ? formatChangeShort(prevCh[k], FIGURE_KINDS[k], digits) : '—',
      input.compare?.lastYear ? cellOf(k, input.compare.lastYear.figures) : '—',
      yoyCh ? formatChangeShort(yoyCh[k], FIGURE_KINDS[k], digits) : '—',
    ]),
  });

  for (const g of groups) {
    if (g.units.length === 0) continue;
    const total = sumFigures(g.units.map((u) => u.figures));
    tables.push({
      key: `rating-${g.key}`,
      title: `${period.label}${g.name}群众评价情况统计表`,
      columns: ['序号', '单位', '应评', '超期未评', '参评率', '满意', '基本满意', '不满意', '满意率'],
      rows: [
        ...g.units.map((u, i) => {
          const f = u.figures;
          return [
            i + 1,
            u.unitName,
            f.toBeRated,
            f.unratedOverdue,
            rate(f.participationRate),
            f.satisfied,
            f.basicallySatisfied,
            f.unsatisfied,
            rate(f.satisfactionRate),
          ];
        }),
        [
          null,
          '合计',
          total.toBeRated,
          total.unratedOverdue,
          rate(total.participationRate),
          total.satisfied,
          total.basicallySatisfied,
          total.unsatisfied,
          rate(total.satisfactionRate),
        ],
      ],
    });
  }
  const late = input.lateness;
  const lateOf = (unitId: string): Lateness | null =>
    late ? (late[unitId] ?? { signLate: 0, handleLate: 0 }) : null;
  for (const g of groups) {
    if (g.units.length === 0) continue;
    const total = sumFigures(g.units.map((u) => u.figures));
    const lates = g.units.map((u) => lateOf(u.unitId));
    const sum = (k: keyof Lateness): Cell => (late ? lates.reduce((s, l) => s + (l?.[k] ?? 0), 0) : '—');
    const row = (n: Cell, name: string, f: Figures, signLate: Cell, handleLate: Cell): Cell[] => [
      n,
      name,
      f.received,
      f.received - f.closed,
      f.closed,
      signLate,
      handleLate,
      rate(f.satisfactionRate),
    ];
    tables.push({
      key: `handling-${g.key}`,
      title: `${period.label}${g.name}诉求件办理情况统计表`,
      columns: ['序号', '单位', '受理件数', '正在办理', '处理完毕', '逾期查阅', '逾期办理', '群众满意率'],
      rows: [
        ...g.units.map((u, i) =>
          row(i + 1, u.unitName, u.figures, lates[i]?.signLate ?? '—', lates[i]?.handleLate ?? '—'),
        ),
        row(null, '合计', total, sum('signLate'), sum('handleLate')),
      ],
      note:
        '逾期查阅：超过签收期限才签收，或截至统计时点超过期限仍未签收；逾期办理：超过期限才受理（不予受理）或答复，' +
        '或截至统计时点超过期限仍未受理、答复（含重办）。每件只计一次。' +
        '单位申请退件、待信访部门审核期间不计逾期；退件申请被驳回后按原期限计算。',
    });
  }
  for (const g of groups) {
    const list = g.units.filter(active);
    if (list.length === 0) continue;
    // 排名 is the 满意率 名次 of the rates table; among equals the busier unit is listed first
    const ranks = rateRanks(list, (u) => u.figures.satisfactionRate, { digits });
    const rows = list
      .map((u, index) => ({ u, rank: ranks[index] ?? null, index }))
      .sort(
        (a, b) =>
          (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
          b.u.figures.received - a.u.figures.received ||
          a.index - b.index,
      );
    tables.push({
      key: `satisfaction-${g.key}`,
      title: `${period.label}${g.name}群众满意率排名`,
      columns: ['排名', '单位', '群众满意率', '受理总件数', '不满意件数'],
      rows: rows.map(({ u, rank }) => [
        rank ?? '—',
        u.unitName,
        rate(u.figures.satisfactionRate),
        u.figures.received,
        u.figures.unsatisfied,
      ]),
    });
  }
  const web = input.webByUnit;
  for (const g of web ? groups : []) {
    if (g.units.length === 0) continue;
    const list = g.units.map((u, index) => ({ u, f: web?.[u.unitId] ?? emptyFigures(), index }));
    list.sort((a, b) => b.f.received - a.f.received || a.index - b.index);
    const total = sumFigures(list.map((x) => x.f));
    tables.push({
      key: `portal-${g.key}`,
      title: `${period.label}${g.name}网上投诉（问政）办理情况统计表`,
      columns: ['序号', '部门名称', '信件总数', '办结总数', '办结率'],
      rows: [
        ...list.map(({ u, f }, i) => [i + 1, u.unitName, f.received, f.closed, rate(f.completionRate)]),
        [null, '合计', total.received, total.closed, rate(total.completionRate)],
      ],
      note:
        `统计周期：${cnDay(period.from)}至${cnDay(period.to)}。信件指群众在门户网站提交的网上投诉和网上问政，` +
        '按承办单位计；本期无网上来信的单位也列出（零诉求）。',
    });
  }
  // every rate of every unit with its 名次 beside it, in the tenant's unit order; zero-case units last
  // (零诉求), with every rate '—' and no 名次
  for (const g of groups) {
    if (g.units.length === 0) continue;
    const ordered = [...g.units.filter(active), ...g.units.filter((u) => !active(u))];
    const ranks = RATE_TABLE_KEYS.map((k) =>
      rateRanks(ordered, (u) => u.figures[k], {
        lowerIsBetter: LOWER_IS_BETTER.has(k),
        digits,
      }),
    );
    const total = sumFigures(g.units.map((u) => u.figures));
    const targets = profile.targets.map(
      (x) => `${x.label}${x.min !== undefined ? `不低于${targetText(x.min)}` : `不超过${targetText(x.max)}`}`,
    );
    const lowFirst = RATE_TABLE_KEYS.filter((k) => LOWER_IS_BETTER.has(k)).map((k) => FIGURE_LABELS[k] ?? k);
    tables.push({
      key: `rates-${g.key}`,
      title: `${period.label}${g.name}各项指标情况表`,
      columns: [
        '序号',
        '单位',
        '受理件数',
        ...RATE_TABLE_KEYS.flatMap((k) => [FIGURE_LABELS[k] ?? k, '名次']),
      ],
      rows: [
        ...ordered.map((u, i) => [
          active(u) ? i + 1 : '零诉求',
          u.unitName,
          u.figures.received,
          ...RATE_TABLE_KEYS.flatMap((k, j) => [rate(u.figures[k]), ranks[j]?.[i] ?? '—']),
        ]),
        [null, '合计', total.received, ...RATE_TABLE_KEYS.flatMap((k) => [rate(total[k]), null])],
      ],
      note:
        `名次为该项比率在本表各单位中的排名（${lowFirst.length > 0 ? `${joinNames(lowFirst)}由低到高，其余` : ''}由高到低），` +
        '比率相同的并列；分母为0的比率记“—”，不参与排名。' +
        (targets.length > 0 ? `考核要求：${targets.join('，')}，未达到的单位见正文。` : ''),
    });
  }
  for (const g of groups) {
    const result = input.ranking?.[g.kind];
    if (!result) continue;
    const columns = [
      '排名',
      '单位',
      pointsLabel(profile.volume.label, profile.volume.weight),
      ...profile.terms.map((x) => pointsLabel(x.label, x.weight)),
      pointsLabel(profile.procedure.label, profile.procedure.weight),
      '重复率同比扣分',
      '通报扣分',
      '总分',
    ];
    tables.push({
      key: `ranking-${g.key}`,
      title: `${period.label}${g.name}考核得分排名（满分${result.maxScore}分）`,
      columns,
      rows: [
        ...result.ranked.map((r) => [
          r.rank,
          r.unitName,
          r.volume.points,
          ...r.terms.map((x) => x.points),
          r.procedure.points,
          r.repeatPenalty.points === 0 ? 0 : -r.repeatPenalty.points,
          r.deductions.points === 0 ? 0 : -r.deductions.points,
          r.score,
        ]),
        ...result.zeroCase.map((z) => ['零诉求', z.unitName, ...columns.slice(2).map(() => null)]),
      ],
    });
  }
  if (ft && (ft.cases > 0 || ft.figures.received > 0)) {
    const x = ft.figures;
    tables.push({
      key: 'fast-track',
      title: `${period.label}“最多投一次”办理情况`,
      columns: [
        '纳入件数',
        '初件总数',
        '占初件比例',
        '承办件数',
        '办结数',
        '按期答复率',
        '一次性化解率',
        '平均办理天数',
      ],
      rows: [
        [
          ft.cases,
          ft.firstTimeCases,
          rate(ft.share),
          x.received,
          x.closed,
          rate(x.onTimeReplyRate),
          rate(x.oneTimeResolutionRate),
          x.avgDays === null ? '—' : x.avgDays,
        ],
      ],
      note: '纳入件数、初件总数按信访件计（初件指非重复信访件）；承办件数及各项比率按承办单位计，期限按“最多投一次”的办理期限。',
    });
  }
  const perUnitCounts = perUnitCountsOf(countUnit);
  if (channels.length > 0) {
    const total = channels.reduce((s, c) => s + c.count, 0);
    const withPrev = channels.some((c) => c.previous !== undefined && c.previous !== null);
    const withYoy = channels.some((c) => c.lastYear !== undefined && c.lastYear !== null);
    tables.push(
      perUnitCounts(
        'channels',
        `${period.label}来源渠道统计`,
        '来源',
        input.byChannel ?? [],
        total,
        withPrev,
        withYoy,
        rate,
        digits,
      ),
    );
  }
  if (purposes.length > 0) {
    const total = purposes.reduce((s, c) => s + c.count, 0);
    tables.push(
      perUnitCounts(
        'purposes',
        `${period.label}信访目的统计`,
        '信访目的',
        purposes,
        total,
        false,
        false,
        rate,
        digits,
      ),
    );
  }
  if (categories.length > 0) {
    const total = categories.reduce((s, c) => s + c.count, 0);
    const withPrev = categories.some((c) => c.previous !== undefined && c.previous !== null);
    const withYoy = categories.some((c) => c.lastYear !== undefined && c.lastYear !== null);
    tables.push(
      perUnitCounts(
        'categories',
        `${period.label}内容分类统计`,
        '内容分类',
        categories,
        total,
        withPrev,
        withYoy,
        rate,
        digits,
      ),
    );
  }
  const overdueTable = (key: string, title: string, rowsIn: readonly OverdueUnitRow[], note?: string) => {
    const withNumbers = rowsIn.some((r) => (r.caseNumbers?.length ?? 0) > 0);
    tables.push({
      key,
      title,
      ...(note ? { note } : {}),
      columns: [
        '序号',
        '单位',
        '逾期未签收',
        '逾期未受理',
        '逾期未答复',
        '合计',
        ...(withNumbers ? ['逾期件编号'] : []),
      ],
      rows: rowsIn.map((r, i) => [
        i + 1,
        r.unitName,
        r.sign,
        r.accept,
        r.reply,
        rowTotal(r),
        ...(withNumbers ? [(r.caseNumbers ?? []).join('、')] : []),
      ]),
    });
  };
  if (overdueUnits.length > 0)
    overdueTable('overdue', `${period.label}逾期件情况（截至统计时点）`, overdueUnits);
  if (carried.length > 0)
    overdueTable(
      'overdue-carried',
      `以前月份交办、截至统计时点仍逾期未办的件`,
      carried,
      `交办日期在${cnDay(period.from)}以前、截至统计时点仍超过签收、受理或答复期限未办的件，不计入${periodWord}各项指标。`,
    );
  const petitioners = input.topRepeatPetitioners ?? [];
  if (petitioners.length > 0) {
    tables.push({
      key: 'repeat-petitioners',
      title: `${period.label}重复信访人员情况（内部资料，不得外传）`,
      columns: ['序号', '信访人', '重复件数', '主要诉求', '涉及单位'],
      rows: petitioners.map((p, i) => [i + 1, p.label, p.count, p.matter ?? '', p.units ?? '']),
      internal: true,
    });
  }

  return {
    title: `${tenantName}${period.label}${bulletinTitleWords(input.caseScope ?? 'all', input.byKind)}`,
    subtitle: `统计周期：${cnDay(period.from)}至${cnDay(period.to)}`,
    docNumber: defaultDocNumber(period),
    period,
    cutoffDay: input.cutoffDay ?? null,
    summary,
    findings,
    measures: [],
    tables,
    hasInternal: tables.some((x) => x.internal),
  };
}

/** A monthly bulletin is numbered by its month, as county bureaus number them: '2026年第11期'. */
export function defaultDocNumber(period: Period): string | null {
  if (period.kind !== 'month') return null;
  const [y, m] = period.from.split('-');
  return `${Number(y)}年第${Number(m)}期`;
}

/**
 * What the bureau wrote on a draft by hand: the 期号, the findings (存在问题) in place of the
 * generated ones, the 下一步工作要求. A field left out keeps what the document says; findings null
 * go back to the generated ones.
 */
export interface BulletinEdits {
  docNumber?: string | null;
  findings?: string[] | null;
  measures?: string[];
}

/** The document with the bureau's hand-written parts in place of the generated ones. */
export function applyEdits(
  doc: BulletinDocument,
  edits: BulletinEdits | undefined,
  generatedFindings: readonly string[] = doc.findings,
): BulletinDocument {
  if (!edits) return doc;
  return {
    ...doc,
    docNumber: edits.docNumber !== undefined ? edits.docNumber : doc.docNumber,
    findings: edits.findings ? [...edits.findings] : [...generatedFindings],
    measures: edits.measures ? [...edits.measures] : (doc.measures ?? []),
  };
}

/** The text of the bulletin before its tables, in order, for the CSV and Excel exports. */
export function bulletinText(doc: BulletinDocument): string[] {
  const measures = doc.measures ?? [];
  return [
    ...(doc.docNumber ? [doc.docNumber] : []),
    doc.subtitle,
    '一、基本情况',
    ...doc.summary,
    '二、存在问题',
    ...doc.findings,
    ...(measures.length > 0 ? ['三、下一步工作要求', ...measures] : []),
  ];
}

/** The count tables say 件次 where a case went to several units (see countUnit). */
function perUnitCountsOf(countUnit: string) {
  return (...args: Parameters<typeof countTable>): BulletinTable => {
    const table = countTable(...args);
    return countUnit === '件次'
      ? { ...table, note: '按承办单位计（件次）：一件交多个单位办理的分别计数，合计与受理件数一致。' }
      : table;
  };
}

function countTable(
  key: string,
  title: string,
  header: string,
  rows: readonly CountRow[],
  total: number,
  withPrev: boolean,
  withYoy: boolean,
  rate: (r: number | null) => string,
  digits: number,
): BulletinTable {
  const sorted = [...rows].sort((a, b) => b.count - a.count);
  const rel = (cur: number, base: number | null | undefined) =>
    base === null || base === undefined
      ? '—'
      : formatChangeShort(base === 0 ? null : (cur - base) / base, 'count', digits);
  return {
    key,
    title,
    columns: ['序号', header, '件数', '占比', ...(withPrev ? ['环比'] : []), ...(withYoy ? ['同比'] : [])],
    rows: sorted.map((c, i) => [
      i + 1,
      c.label ?? CHANNEL_LABELS[c.key] ?? c.key,
      c.count,
      rate(total === 0 ? null : c.count / total),
      ...(withPrev ? [rel(c.count, c.previous)] : []),
      ...(withYoy ? [rel(c.count, c.lastYear)] : []),
    ]),
  };
}

/** The rates of the per-unit rates table, in the order counties list them. */
const RATE_TABLE_KEYS: readonly RateKey[] = [
  'timelyAcceptanceRate',
  'onTimeReplyRate',
  'participationRate',
  'satisfactionRate',
  'oneTimeResolutionRate',
  'repeatRate',
  'completionRate',
];

/** A target as set: 0.9 → '90%', 0.995 → '99.5%'. */
function targetText(x: number | undefined): string {
  return x === undefined ? '—' : `${Math.round(x * 10000) / 100}%`;
}

/** The bulletin without its internal tables: what is published and sent to units. */
export function publicBulletin(doc: BulletinDocument): BulletinDocument {
  return { ...doc, tables: doc.tables.filter((x) => !x.internal), hasInternal: false };
}

/**
 * The title's words: those of the scope; a bulletin of all kinds where cases other than petitions
 * were received is 群众诉求办理工作通报, not 信访工作通报.
 */
export function bulletinTitleWords(scope: BulletinScope, byKind?: readonly CountRow[]): string {
  if (scope !== 'all') return SCOPE_TITLE[scope];
  const other = (byKind ?? []).some((k) => k.key !== 'petition' && k.count > 0);
  return other ? MIXED_TITLE : SCOPE_TITLE.all;
}
