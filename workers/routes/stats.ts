// Statistics (统计), rankings (考核排名), deductions (通报扣分), the monthly bulletin (工作通报) and the
// historical import. The figures follow DOMAIN.md "Statistics" exactly; see docs/IMPORT.md for the
// import format.
import { Hono } from 'hono';
import { CASE_KINDS } from '../../db/schema/cases';
import type { Context } from 'hono';
import * as v from 'valibot';
import type { AppEnv, ServiceCtx } from '../api/context';
import { endOfDay, isValidDay, localDay } from '../domain/calendar';
import { change, type Period, periodOf, previousPeriod, sameMonthLastYear } from '../domain/stats/compare';
import type { Figures } from '../domain/stats/figures';
import { invalid } from '../lib/errors';
import { insertEvent } from '../repo/events';
import { kindsPresent } from '../repo/stats';
import { describe, valid } from '../lib/openapi';
import { requireRole } from '../middleware/auth';
import { assertReadsAll, assertStatsWriter, statsScope } from '../services/stats/access';
import {
  bulletinCsv,
  bulletinPrint,
  bulletinXlsx,
  downloadName,
  editBulletin,
  generateBulletin,
  getBulletin,
  listBulletins,
  publishBulletin,
} from '../services/stats/bulletins';
import { listDeductions, recordDeduction, revokeDeduction } from '../services/stats/deductions';
import { procedureSheet, setProcedureScores } from '../services/stats/procedure';
import { importCases } from '../services/stats/import';
import { MAX_IMPORT_LINES } from '../services/stats/import-format';
import { BREAKDOWN_MONTHS, statsBreakdown } from '../services/stats/breakdown';
import { rankingsFor } from '../services/stats/rankings';
import { recomputeStats } from '../services/stats/recompute';
import { type PeriodReport, periodReport, reportUnits, type UnitFigures } from '../services/stats/report';
import { Day, Id, inYearRange, MIN_YEAR, Month, YEAR_RANGE_MESSAGE, Year } from './schemas';
import { serviceCtx } from './tenant-admin';

const TAG = ['统计与通报'];

const PeriodFields = {
  month: v.optional(Month),
  quarter: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{4}-?Q[1-4]$/i, '季度格式应为 YYYY-Q1…Q4'),
      v.check(inYearRange, YEAR_RANGE_MESSAGE),
    ),
  ),
  half: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{4}-?H[12]$/i, '半年格式应为 YYYY-H1 或 YYYY-H2'),
      v.check(inYearRange, YEAR_RANGE_MESSAGE),
    ),
  ),
  year: v.optional(Year),
  ytd: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{4}-\d{2}(-\d{2})?$/, '年初至今格式应为 YYYY-MM 或 YYYY-MM-DD'),
      v.check(
        (s) => (s.length === 7 ? /-(0[1-9]|1[0-2])$/.test(s) : isValidDay(s)),
        '年初至今应为有效的月份或日期',
      ),
      v.check(inYearRange, YEAR_RANGE_MESSAGE),
    ),
  ),
  from: v.optional(Day),
  to: v.optional(Day),
  /** ISO-8601 with offset; a bare day means 24:00 local of that day; default now */
  cutoff: v.optional(v.pipe(v.string(), v.maxLength(40))),
};

/** The kind of case the figures are of (信访事项 / 网上问政 / 12345工单); absent: all. */
const KindField = v.optional(
  v.picklist(CASE_KINDS, 'kind 应为 petition（信访事项）、inquiry（网上问政）或 hotline（12345工单）'),
);

const StatsQuery = v.object({
  ...PeriodFields,
  kind: KindField,
  unitKind: v.optional(
    v.picklist(['township', 'department', 'bureau'], 'unitKind 应为 township 或 department'),
  ),
});
const RankingQuery = v.object({
  ...PeriodFields,
  kind: KindField,
  unitKind: v.optional(v.picklist(['township', 'department'], 'unitKind 应为 township 或 department')),
});
type PeriodQuery = v.InferOutput<typeof StatsQuery>;

/** Paragraphs of a bulletin's text, as typed: each trimmed, blank ones dropped. */
const Paragraphs = (what: string, min: number) =>
  v.pipe(
    v.array(v.pipe(v.string(), v.trim(), v.maxLength(2000, `${what}每段不超过 2000 字`))),
    v.maxLength(50, `${what}不超过 50 段`),
    v.transform((xs) => xs.filter((x) => x.length > 0)),
    v.check((xs) => xs.length >= min, `请至少填写一段${what}`),
  );

// One instant per request: the cut-off "now" of every report of the request (this period, the
// previous one, last year's) is the same instant. Workers even stop the clock between I/O.
const requestTimes = new WeakMap<object, number>();
function requestTime(c: Context<AppEnv>): number {
  const key = c.req.raw;
  let t = requestTimes.get(key);
  if (t === undefined) {
    t = c.get('deps').clock.now();
    requestTimes.set(key, t);
  }
  return t;
}

/** The report period from the query: month, quarter, half, year, ytd or from/to; default this month. */
function periodFrom(c: Context<AppEnv>, q: PeriodQuery): Period {
  const spec = { ...q, year: q.year };
  const given = ['month', 'quarter', 'half', 'year', 'ytd'].filter((k) => q[k as keyof PeriodQuery]);
  if (given.length + (q.from || q.to ? 1 : 0) > 1)
    throw invalid('请只给出一种统计周期：month、quarter、half、year、ytd 或 from/to');
  if ((q.from && !q.to) || (!q.from && q.to))
    throw invalid('from 与 to 须同时给出', [{ path: q.from ? 'to' : 'from', message: '请同时给出起止日期' }]);
  if (q.from && q.to && q.from > q.to)
    throw invalid('起始日期不能晚于截止日期', [{ path: 'to', message: '截止日期不能早于起始日期' }]);
  try {
    if (given.length === 0 && !q.from) {
      const today = localDay(requestTime(c), c.get('settings').timeZone);
      return periodOf({ month: today.slice(0, 7) });
    }
    return periodOf(spec);
  } catch {
    // the query's schema refuses what periodOf would; its messages are for developers, in English
    throw invalid('统计周期有误，请检查月份、季度、半年、年份或起止日期');
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** The cut-off instant: ISO-8601 with offset, a day (its 24:00 local), epoch ms, or now; never later than now. */
function cutoffFrom(c: Context<AppEnv>, raw: string | undefined): number {
  const now = requestTime(c);
  if (raw === undefined || raw === '') return now;
  const tz = c.get('settings').timeZone;
  let t = Number.NaN;
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw) && isValidDay(raw)) t = endOfDay(raw, tz);
  else if (ISO.test(raw)) t = Date.parse(raw);
  else if (/^\d{10,15}$/.test(raw)) t = Number(raw);
  if (!Number.isFinite(t))
    throw invalid('cutoff 应为带时区的 ISO-8601 时间（如 2026-07-25T24:00:00+08:00）或日期', [
      { path: 'cutoff', message: '时间格式有误' },
    ]);
  if (t < Date.UTC(MIN_YEAR, 0, 1))
    throw invalid(`统计时点不能早于 ${MIN_YEAR} 年`, [{ path: 'cutoff', message: YEAR_RANGE_MESSAGE }]);
  // figures at a time not yet come would count as overdue what may still be done in time
  if (t > now)
    throw invalid('统计时点不能晚于当前时间（统计到此刻请不填 cutoff）', [
      { path: 'cutoff', message: '统计时点不能晚于当前时间' },
    ]);
  return t;
}

const unitRow = (u: UnitFigures) => ({
  unitId: u.unitId,
  unitName: u.unitName,
  unitKind: u.unitKind,
  ...u.figures,
});

function periodView(p: Period) {
  return { kind: p.kind, key: p.key, label: p.label, from: p.from, to: p.to };
}

/** The report's scope: the tenant, its settings, the request's instant and the kind asked for. */
function reportScope(c: Context<AppEnv>, ctx: ServiceCtx, kind: PeriodQuery['kind']) {
  return {
    db: ctx.db,
    tenantId: ctx.tenant.id,
    settings: ctx.settings,
    now: requestTime(c),
    kind: kind ?? null,
  };
}

async function reportFor(c: Context<AppEnv>, q: PeriodQuery, period: Period, cutoff: number) {
  const ctx = serviceCtx(c);
  const scope = statsScope(ctx.actor);
  const units = await reportUnits(ctx.db, ctx.tenant.id);
  const report = await periodReport(reportScope(c, ctx, q.kind), period, cutoff, {
    unitKind: q.unitKind,
    unitId: scope.unitId,
    units,
  });
  return { report, units, ctx };
}

const Figure = v.nullable(v.number());
const FiguresDoc = v.object({
  received: v.number(),
  closed: v.number(),
  completionRate: Figure,
  timelyAcceptanceRate: Figure,
  onTimeReplyRate: Figure,
  toBeRated: v.number(),
  rated: v.number(),
  unratedOverdue: v.number(),
  participationRate: Figure,
  satisfied: v.number(),
  basicallySatisfied: v.number(),
  unsatisfied: v.number(),
  satisfactionRate: Figure,
  bureauSatisfactionRate: Figure,
  oneTimeResolutionRate: Figure,
  repeatRate: Figure,
  avgDays: Figure,
  returned: v.number(),
  overdue: v.number(),
});
const PeriodDoc = v.object({
  kind: v.string(),
  key: v.string(),
  label: v.string(),
  from: v.string(),
  to: v.string(),
});
const StatsDoc = v.object({
  period: PeriodDoc,
  cutoff: v.string(),
  source: v.picklist(['aggregates', 'replay']),
  /** the kind asked for, null for all */
  kind: v.nullable(v.picklist(CASE_KINDS)),
  /** the kinds of case the county has ever had (the console offers those) */
  kinds: v.array(v.picklist(CASE_KINDS)),
  tenant: FiguresDoc,
  units: v.array(
    v.object({ unitId: v.string(), unitName: v.string(), unitKind: v.string(), ...FiguresDoc.entries }),
  ),
});

const BreakdownQuery = v.object({
  kind: KindField,
  month: PeriodFields.month,
  quarter: PeriodFields.quarter,
  half: PeriodFields.half,
  year: PeriodFields.year,
  ytd: PeriodFields.ytd,
  from: PeriodFields.from,
  to: PeriodFields.to,
});
const Count = v.pipe(v.number(), v.integer());
const BreakdownDoc = v.object({
  period: PeriodDoc,
  byChannel: v.array(v.object({ channel: v.string(), label: v.string(), count: Count })),
  byCategory: v.array(v.object({ categoryId: v.nullable(v.string()), name: v.string(), count: Count })),
  byMonth: v.array(v.object({ month: v.string(), count: Count })),
  asOf: Count,
  lightsByUnit: v.array(
    v.object({
      unitId: v.string(),
      unitName: v.string(),
      unitKind: v.string(),
      red: Count,
      yellow: Count,
      green: Count,
      redSupervision: Count,
    }),
  ),
});

const BREAKDOWN_HELP =
  '周期：from=YYYY-MM-DD&to=YYYY-MM-DD，或 month、quarter、half、year、ytd（同 /stats，默认本月）。' +
  'byChannel、byCategory：本期受理件数（按承办单位计，与月度通报的渠道、分类表同一口径：一件转两个单位计两件，已退件不计），' +
  '分类按一级分类汇总，未分类的 categoryId 为 null；按件数从多到少排列，零件不列。' +
  `byMonth：截至 to 的近 ${BREAKDOWN_MONTHS} 个自然月（最后一个月到 to 为止）的受理件数，无来件的月份为 0。` +
  'lightsByUnit：各单位当前（请求时刻 asOf，毫秒）待办件的亮灯数——红灯已逾期、黄灯 1 日内到期、绿灯正常，与统计周期无关；无亮灯的在用单位也列出。' +
  'redSupervision：红灯中因超过督办期限而亮的件数（统计指标中的“逾期”只计签收、受理、答复环节，不含督办期限）。' +
  '县领导、信访部门、县级管理员看到全县；承办单位账号只看到本单位。' +
  'kind：只统计一类诉求（petition 信访事项、inquiry 网上问政、hotline 12345工单），亮灯也只计该类；不填为全部。';

const PERIOD_HELP =
  '周期：month=YYYY-MM｜quarter=YYYY-Q1…Q4｜half=YYYY-H1/H2｜year=YYYY｜ytd=YYYY-MM[-DD]｜from=YYYY-MM-DD&to=YYYY-MM-DD（默认本月）。' +
  'cutoff：统计时点，带时区的 ISO-8601 或日期（该日 24:00），默认当前时刻；统计时点之后已有办理记录时按事件记录回放计算（结果与当时一致）。' +
  '件数为整数，比率为 [0,1] 的小数，分母为 0 时为 null（显示为“—”）。' +
  '承办单位账号只看到本单位一行（及全县合计）。' +
  'kind：只统计一类诉求——petition 信访事项、inquiry 网上问政、hotline 12345工单；不填为全部（件数为各类之和，比率按全部重新计算）。';

const IMPORT_HELP = `历史数据导入，格式见 docs/IMPORT.md。请求体为 NDJSON（Content-Type: application/x-ndjson，每行一件，含全部办理记录）或 CSV（text/csv，平铺格式，一行一个承办单位），UTF-8 编码；GBK/GB18030 编码须在 Content-Type 中注明 charset=gbk（或 gb18030），其他编码 415。含无法识别字符（U+FFFD）的内容整批拒收（400）。
每行逐项校验并经状态机预演；任何一行有误则整批不写入，返回 400 VALIDATION，details 为 [{line, path, message}]。外部编号 externalId 已导入的行跳过并注明。每批最多 ${MAX_IMPORT_LINES} 行（一次原子写入）。?dryRun=1 只校验不写入。`;

export const statsRoutes = new Hono<AppEnv>()
  .get(
    '/stats',
    describe({
      summary: '统计指标：全县及各单位（乡镇、部门分列）',
      description: PERIOD_HELP,
      tags: TAG,
      response: StatsDoc,
    }),
    valid('query', StatsQuery),
    async (c) => {
      const q = c.req.valid('query');
      const period = periodFrom(c, q);
      const cutoff = cutoffFrom(c, q.cutoff);
      const { report, ctx } = await reportFor(c, q, period, cutoff);
      return c.json({
        period: periodView(period),
        cutoff: new Date(cutoff).toISOString(),
        source: report.source,
        kind: q.kind ?? null,
        kinds: await kindsPresent(ctx.db, ctx.tenant.id),
        tenant: report.tenant,
        units: report.units.map(unitRow),
      });
    },
  )
  .get(
    '/stats/compare',
    describe({
      summary: '统计指标及环比、同比',
      description: `${PERIOD_HELP} 每个指标另给 previous（上期）、lastYear（去年同期）、mom（环比）、yoy（同比）：件数为相对变化（-0.216 即下降 21.6%），比率为百分点之差（0.012 即上升 1.2 个百分点），平均天数为天数之差；无可比基数时为 null。`,
      tags: TAG,
    }),
    valid('query', StatsQuery),
    async (c) => {
      const q = c.req.valid('query');
      const period = periodFrom(c, q);
      const cutoff = cutoffFrom(c, q.cutoff);
      const prev = previousPeriod(period);
      const ly = sameMonthLastYear(period);
      const { report, units, ctx } = await reportFor(c, q, period, cutoff);
      const scope = reportScope(c, ctx, q.kind);
      const opts = { unitKind: q.unitKind, unitId: statsScope(ctx.actor).unitId, units };
      const [before, lastYear] = await Promise.all([
        periodReport(scope, prev, cutoff, opts),
        periodReport(scope, ly, cutoff, opts),
      ]);
      const row = (cur: Figures, p: Figures | undefined, l: Figures | undefined) => ({
        ...cur,
        previous: p ?? null,
        lastYear: l ?? null,
        mom: p ? change(cur, p) : null,
        yoy: l ? change(cur, l) : null,
      });
      const byId = (r: PeriodReport) => new Map(r.units.map((u) => [u.unitId, u.figures]));
      const b = byId(before);
      const l = byId(lastYear);
      return c.json({
        period: periodView(period),
        previousPeriod: periodView(prev),
        lastYearPeriod: periodView(ly),
        cutoff: new Date(cutoff).toISOString(),
        source: report.source,
        tenant: row(report.tenant, before.tenant, lastYear.tenant),
        units: report.units.map((u) => ({
          unitId: u.unitId,
          unitName: u.unitName,
          unitKind: u.unitKind,
          ...row(u.figures, b.get(u.unitId), l.get(u.unitId)),
        })),
      });
    },
  )
  .get(
    '/stats/breakdown',
    describe({
      summary: '统计分布：按来源渠道、内容分类（热点）、近 12 个月来件量，及各单位当前亮灯',
      description: `${BREAKDOWN_HELP}`,
      tags: TAG,
      response: BreakdownDoc,
    }),
    valid('query', BreakdownQuery),
    async (c) => {
      const q = c.req.valid('query');
      const period = periodFrom(c, q);
      const ctx = serviceCtx(c);
      const breakdown = await statsBreakdown(ctx, period, requestTime(c), q.kind ?? null);
      return c.json({ period: periodView(period), ...breakdown });
    },
  )
  .get(
    '/rankings',
    describe({
      summary: '考核排名：乡镇、部门分别排名，列出各项得分；零诉求单位单列',
      description: `${PERIOD_HELP} 计分办法取本县设置（settings.scoring）；重复率同比每上升 1 个百分点扣 0.2 分（可设），通报扣分见 /deductions。并列时依次比较满意率、受理件数。仅信访部门和县领导可查看。`,
      tags: TAG,
    }),
    valid('query', RankingQuery),
    async (c) => {
      const ctx = serviceCtx(c);
      assertReadsAll(ctx.actor, '考核排名');
      const q = c.req.valid('query');
      const period = periodFrom(c, q);
      const cutoff = cutoffFrom(c, q.cutoff);
      const r = await rankingsFor(ctx, period, cutoff, {
        unitKind: q.unitKind,
        kind: q.kind ?? null,
        now: requestTime(c),
      });
      const profile = ctx.settings.scoring;
      return c.json({
        period: periodView(period),
        lastYearPeriod: periodView(r.lastYear),
        cutoff: new Date(cutoff).toISOString(),
        kind: q.kind ?? null,
        kinds: await kindsPresent(ctx.db, ctx.tenant.id),
        maxScore: r.maxScore,
        profile: {
          volume: profile.volume,
          terms: profile.terms,
          procedure: profile.procedure,
          penalties: profile.penalties,
          deductionLevels: profile.deductionLevels,
          nullRatePoints: profile.nullRatePoints,
        },
        ranked: r.groups.flatMap((g) => g.result.ranked.map((x) => ({ ...x, unitKind: g.unitKind }))),
        zeroCase: r.groups.flatMap((g) => g.result.zeroCase.map((x) => ({ ...x, unitKind: g.unitKind }))),
        groups: r.groups.map((g) => ({
          unitKind: g.unitKind,
          ranked: g.result.ranked,
          zeroCase: g.result.zeroCase,
        })),
      });
    },
  )
  .post(
    '/stats/rebuild',
    requireRole('tenant_admin', 'platform_admin'),
    describe({
      summary: '由事件记录重建本县统计汇总表（stats_daily、stats_open）',
      description:
        '统计汇总随每次办理同步更新；本接口用于核对或在修改时区后重建。重建期间有新办理记录写入时会自动重试。',
      tags: TAG,
    }),
    async (c) => {
      const ctx = serviceCtx(c);
      const result = await recomputeStats(ctx.db, ctx.tenant.id, { timeZone: ctx.settings.timeZone });
      await insertEvent(ctx.db, ctx.actor, {
        tenantId: ctx.tenant.id,
        type: 'stats.rebuilt',
        at: ctx.clock.now(),
        payload: { timeZone: ctx.settings.timeZone },
      });
      return c.json(result);
    },
  )
  .post(
    '/deductions',
    describe({
      summary: '登记通报扣分（市级通报每件 -1 分，县级 -0.5 分，可设；其他须填分值）',
      tags: TAG,
      responses: { '201': '已登记' },
    }),
    valid(
      'json',
      v.object({
        unitId: Id,
        month: Month,
        level: v.picklist(['city', 'county', 'other'], 'level 应为 city、county 或 other'),
        points: v.optional(v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)))),
        reason: v.pipe(v.string(), v.trim(), v.minLength(1, '请填写通报事由'), v.maxLength(500)),
      }),
    ),
    async (c) => c.json(await recordDeduction(serviceCtx(c), c.req.valid('json')), 201),
  )
  .post(
    '/deductions/:id/revoke',
    describe({
      summary: '撤销误登记的通报扣分（保留记录并注明原因，不再计入考核）',
      tags: TAG,
      responses: { '409': '已撤销' },
    }),
    valid(
      'json',
      v.object({
        reason: v.pipe(v.string(), v.trim(), v.minLength(1, '请填写撤销原因'), v.maxLength(500)),
      }),
    ),
    async (c) => c.json(await revokeDeduction(serviceCtx(c), c.req.param('id'), c.req.valid('json').reason)),
  )
  .get(
    '/deductions',
    describe({ summary: '通报扣分记录（按月，含已撤销的）', tags: TAG }),
    valid('query', v.object({ month: v.optional(Month) })),
    async (c) => c.json({ items: await listDeductions(serviceCtx(c), c.req.valid('query').month) }),
  )
  .get(
    '/procedure-scores',
    describe({
      summary: '制度落实得分表（按月；每个参加考核的单位一行，未录入按满分计）',
      tags: TAG,
    }),
    valid('query', v.object({ month: Month })),
    async (c) => c.json(await procedureSheet(serviceCtx(c), c.req.valid('query').month)),
  )
  .put(
    '/procedure-scores',
    describe({
      summary: '录入制度落实得分（0 至考核方案的分值；points 为 null 即清除，恢复按满分计）',
      description: '只改列出的单位；任何一行有误则全部不保存。每次修改记入审计日志（含原值）。',
      tags: TAG,
    }),
    valid(
      'json',
      v.object({
        month: Month,
        entries: v.pipe(
          v.array(
            v.object({
              unitId: Id,
              points: v.nullable(v.pipe(v.number('得分应为数字'), v.finite())),
              note: v.optional(
                v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(200, '说明不超过 200 字'))),
              ),
            }),
          ),
          v.minLength(1, '请至少填写一个单位'),
          v.maxLength(500),
        ),
      }),
    ),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await setProcedureScores(serviceCtx(c), body.month, body.entries));
    },
  )
  .post(
    '/bulletins',
    describe({
      summary: '生成月度工作通报（草稿）；同月同范围已有草稿时替换',
      description:
        'cutoff 可选（统计时点，默认当前时刻）；发布后冻结，之后的办理不再改变已发布的通报。' +
        'scope 可选：all（默认，全部诉求，按类型分列件数）、petition（信访工作通报）、inquiry（网上问政工作通报）、hotline（12345热线工作通报）；每月每个范围各发布一份。',
      tags: TAG,
      responses: { '201': '已生成' },
    }),
    valid(
      'json',
      v.object({
        month: Month,
        cutoff: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(40)))),
        /** all cases (default) or one kind: 信访工作通报, 网上问政工作通报, 12345热线工作通报 */
        scope: v.optional(
          v.picklist(
            ['all', ...CASE_KINDS],
            'scope 应为 all（全部）、petition（信访事项）、inquiry（网上问政）或 hotline（12345工单）',
          ),
        ),
      }),
    ),
    async (c) => {
      const body = c.req.valid('json');
      const cutoff = body.cutoff ? cutoffFrom(c, body.cutoff) : null;
      return c.json(
        await generateBulletin(serviceCtx(c), {
          month: body.month,
          cutoff,
          now: requestTime(c),
          scope: body.scope,
        }),
        201,
      );
    },
  )
  .get(
    '/bulletins',
    describe({ summary: '通报列表（按月；承办单位只看到已发布的）', tags: TAG }),
    valid('query', v.object({ month: v.optional(Month) })),
    async (c) => c.json({ items: await listBulletins(serviceCtx(c), c.req.valid('query').month) }),
  )
  .get('/bulletins/:id', describe({ summary: '通报全文（JSON 文档）', tags: TAG }), async (c) =>
    c.json(await getBulletin(serviceCtx(c), c.req.param('id'))),
  )
  .patch(
    '/bulletins/:id',
    describe({
      summary: '修改通报草稿的期号、存在问题、下一步工作要求（发布后不能修改）',
      description:
        '只改给出的字段。findings 为 null 时恢复自动生成的“存在问题”；重新生成草稿时保留已修改的内容。每次修改记入审计日志（含原文）。',
      tags: TAG,
      responses: { '409': '已发布（冻结）' },
    }),
    valid(
      'json',
      v.object({
        docNumber: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(40, '期号不超过 40 字')))),
        findings: v.optional(v.nullable(Paragraphs('存在问题', 1))),
        measures: v.optional(Paragraphs('下一步工作要求', 0)),
      }),
    ),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await editBulletin(serviceCtx(c), c.req.param('id'), {
          ...body,
          docNumber: body.docNumber === '' ? null : body.docNumber,
        }),
      );
    },
  )
  .post('/bulletins/:id/publish', describe({ summary: '发布通报（冻结，不再改变）', tags: TAG }), async (c) =>
    c.json(await publishBulletin(serviceCtx(c), c.req.param('id'))),
  )
  .get(
    '/bulletins/:id/export.csv',
    describe({ summary: '导出通报（CSV，UTF-8 带 BOM，中文表头）', tags: TAG }),
    async (c) => {
      const ctx = serviceCtx(c);
      const { row, text } = await bulletinCsv(ctx, c.req.param('id'));
      await logBulletinExport(ctx, row, 'csv');
      return new Response(text, {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': disposition(row, 'csv'),
        },
      });
    },
  )
  .get('/bulletins/:id/export.xlsx', describe({ summary: '导出通报（Excel）', tags: TAG }), async (c) => {
    const ctx = serviceCtx(c);
    const { row, bytes } = await bulletinXlsx(ctx, c.req.param('id'));
    await logBulletinExport(ctx, row, 'xlsx');
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': disposition(row, 'xlsx'),
      },
    });
  })
  .get('/bulletins/:id/print', describe({ summary: '通报打印版（A4 HTML）', tags: TAG }), async (c) =>
    c.html(await bulletinPrint(serviceCtx(c), c.req.param('id'))),
  )
  .post(
    '/import',
    describe({
      summary: '历史数据导入（NDJSON 或 CSV，整批原子写入，按外部编号幂等）',
      description: IMPORT_HELP,
      tags: TAG,
    }),
    valid('query', v.object({ dryRun: v.optional(v.picklist(['1', '0', 'true', 'false'])) })),
    async (c) => {
      const ctx = serviceCtx(c);
      assertStatsWriter(ctx.actor);
      const q = c.req.valid('query');
      // the bytes: the service reads them in the charset the Content-Type names (UTF-8 or GBK)
      const body = new Uint8Array(await c.req.arrayBuffer());
      const result = await importCases(ctx, {
        body,
        contentType: c.req.header('content-type') ?? '',
        dryRun: q.dryRun === '1' || q.dryRun === 'true',
      });
      return c.json(result, result.status === 'applied' ? 201 : 200);
    },
  );

/** Taking a bulletin out of the system is logged, like the ledgers' exports. */
async function logBulletinExport(
  ctx: ServiceCtx,
  row: { id: string; month: string },
  format: 'csv' | 'xlsx',
) {
  await insertEvent(ctx.db, ctx.actor, {
    tenantId: ctx.tenant.id,
    type: 'export.bulletin',
    at: ctx.clock.now(),
    payload: { bulletinId: row.id, month: row.month, format },
  });
}

function disposition(row: { month: string; title: string }, ext: string) {
  const name = downloadName(row, ext);
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`;
}
