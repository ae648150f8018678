// About 3,000 demo cases over the last 14 months, generated through the same workflow services a
// bureau uses, each step at its own past instant (a movable clock), deterministic from a seed.
// Every state a county sees appears: new, routed, overdue, returned, extended, supervised,
// repeats, replied, rated (satisfied or not), reworked, 超期未评 and published 问政 answers.
import { and, eq } from 'drizzle-orm';
import { cases, categories, tenants, units, users } from '../schema';
import type { CaseKind, Channel, Purpose, RatingValue } from '../schema/cases';
import type { Actor, AppDeps, ServiceCtx, TenantRow } from '../../workers/api/context';
import { resolveSettings } from '../../workers/domain/settings';
import { ManualClock } from '../../workers/lib/clock';
import { AppError } from '../../workers/lib/errors';
import { getSettingsRow } from '../../workers/repo/tenancy';
import { citizenActor, systemActor } from '../../workers/services/workflow/common';
import { createCase, type CaseInput } from '../../workers/services/workflow/intake';
import { loadAssignment, moveAssignment, type MoveInput } from '../../workers/services/workflow/moves';
import {
  answerReview,
  decideRepeat,
  routeCase,
  selfHandle,
  setPublication,
} from '../../workers/services/workflow/routing';
import { requestByCitizen } from '../../workers/services/workflow/citizen';
import { runSweep } from '../../workers/services/workflow/sweep';
import { generateBulletin, publishBulletin } from '../../workers/services/stats/bulletins';
import { recordDeduction } from '../../workers/services/stats/deductions';
import { setProcedureScores } from '../../workers/services/stats/procedure';
import { addDays, endOfDay, localDay, startOfDay } from '../../workers/domain/calendar';
import type { Move } from '../../workers/domain/state-machine';
import { reviewApplies } from '../../workers/domain/review';
import { repeatSuggestions } from '../schema';
import { type Sleep, type SleepOptions, Timeline, type Turn } from './timeline';

/** Case lives woken together (their writes commit together); more saves little, fewer costs commits. */
const TIMELINE_BATCH = 128;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: small, fast, good enough for demo data */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
    weighted: <T>(pairs: readonly [T, number][]): T => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of pairs) {
        r -= w;
        if (r <= 0) return v;
      }
      return pairs[pairs.length - 1]![0];
    },
  };
}

const SURNAMES =
  '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛范彭郎鲁韦昌马苗凤花方俞任袁柳';
const GIVEN =
  '建国秀英桂兰志强丽娟春梅海燕文华明辉玉珍德胜红霞永康淑芬金凤国庆晓东宏伟雪梅立新爱民振华子涵思远雨桐佳怡浩然';
/** Where a matter happens, by the kind of place its wording needs ({p} in a template). */
const PLACES = {
  estate: ['梧桐小区', '柳岸花园', '幸福里小区', '翠湖苑小区', '金桂园小区'],
  street: ['青石路', '东门菜市场', '滨河路', '南门桥', '新华街', '育才路', '汽车站', '人民公园'],
  village: ['杨柳村', '石桥村', '红星村', '双河村', '枫林村'],
  school: ['县实验小学', '县第二中学', '育才路小学', '城南幼儿园'],
} as const;

interface Matter {
  title: string;
  content: string;
  /** the leaf category the matter belongs to */
  leaf: string;
  /** what the person asks for (a few choose otherwise, as people do) */
  purpose: Purpose;
  place: keyof typeof PLACES;
  /** a matter of public interest, which people also raise as a public question (问政) */
  open?: boolean;
  /** how many people come together about it */
  people?: [number, number];
}

/**
 * Per top-level category, the matters people bring: {p} is a place of the matter's kind, {t} the
 * township it is in.
 */
const TEMPLATES: Record<string, Matter[]> = {
  城乡建设: [
    {
      title: '{p}电梯长期故障无人维修',
      content: '{p} 3 号楼电梯故障已两个多月，物业一直推脱，老人上下楼非常困难，请有关部门督促物业尽快维修。',
      leaf: '物业管理',
      purpose: 'help',
      place: 'estate',
    },
    {
      title: '{p}房屋墙体开裂渗水',
      content: '我家住在{p}，去年交房，现在墙体多处开裂，下雨渗水，开发商不予处理，请求协调解决。',
      leaf: '房屋质量',
      purpose: 'claim',
      place: 'estate',
    },
    {
      title: '{p}片区拆迁安置房迟迟未交付',
      content: '{p}片区拆迁已三年，安置房原定去年底交付，至今没有消息，群众租房过渡压力很大。',
      leaf: '拆迁安置',
      purpose: 'claim',
      place: 'street',
      people: [5, 12],
    },
  ],
  政法: [
    {
      title: '{p}夜宵摊夜间噪音扰民',
      content: '{p}附近夜宵摊经常喝酒闹事到凌晨，多次报警后仍反复出现，请加强巡逻管理。',
      leaf: '治安管理',
      purpose: 'help',
      place: 'street',
      open: true,
    },
    {
      title: '咨询户口迁移办理流程',
      content: '本人因工作调动需要将户口迁入县城，想咨询需要准备哪些材料、在哪里办理。',
      leaf: '户籍管理',
      purpose: 'question',
      place: 'street',
      open: true,
    },
  ],
  卫生计生: [
    {
      title: '{t}卫生院工作人员服务态度差',
      content: '带孩子到{t}卫生院看病，工作人员态度生硬，排队秩序混乱，希望改进服务。',
      leaf: '医疗纠纷',
      purpose: 'claim',
      place: 'street',
    },
    {
      title: '建议{t}卫生院开设夜间门诊',
      content: '{t}卫生院晚上没有门诊，老人孩子夜间看病要跑到县城，建议开设夜间门诊或安排值班医生。',
      leaf: '公共卫生',
      purpose: 'suggestion',
      place: 'street',
      open: true,
    },
  ],
  劳动和社会保障: [
    {
      title: '{p}工地拖欠农民工工资',
      content:
        '我们一行十几人在{p}工地干活，工程结束已四个月，包工头一直拖欠工资共计约 18 万元，请求帮助追讨。',
      leaf: '拖欠工资',
      purpose: 'claim',
      place: 'street',
      people: [10, 16],
    },
    {
      title: '咨询灵活就业人员养老保险缴费',
      content: '本人是灵活就业人员，想了解养老保险的缴费档次和办理地点。',
      leaf: '社会保险',
      purpose: 'question',
      place: 'street',
      open: true,
    },
  ],
  纪检监察: [
    {
      title: '反映{p}村干部优亲厚友问题',
      content: '{p}的低保评定中，村干部把指标给了自己亲戚，真正困难的家庭没有评上，请求调查。',
      leaf: '作风问题',
      purpose: 'accusation',
      place: 'village',
    },
  ],
  经济管理: [
    {
      title: '{p}一健身房预付卡跑路',
      content: '在{p}一家健身房办了年卡，现在店铺突然关门，老板联系不上，很多会员受损。',
      leaf: '消费纠纷',
      purpose: 'claim',
      place: 'street',
    },
  ],
  教育文体: [
    {
      title: '孩子入学学位分配问题',
      content: '我家住在{p}，按学区应该就读县实验小学，但今年被分配到较远的学校，请求说明原因。',
      leaf: '入学招生',
      purpose: 'claim',
      place: 'estate',
    },
    {
      title: '{p}门口上下学交通拥堵存在安全隐患',
      content: '每天上下学时段{p}门口车辆乱停，孩子过马路很危险，建议设置护学岗和临时停车区。',
      leaf: '校园安全',
      purpose: 'suggestion',
      place: 'school',
      open: true,
    },
  ],
  农村农业: [
    {
      title: '{p}通村道路破损严重',
      content: '{t}通往{p}的水泥路多处坍塌，雨天无法通行，请求列入维修计划。',
      leaf: '农村道路',
      purpose: 'help',
      place: 'village',
      open: true,
    },
    {
      title: '耕地地力保护补贴未发放到位',
      content: '去年的耕地地力保护补贴至今未到账，询问村里说不清楚，请求核实。',
      leaf: '惠农补贴',
      purpose: 'claim',
      place: 'village',
    },
  ],
  自然资源: [
    {
      title: '{p}宅基地审批进度咨询',
      content: '本人在{t}{p}申请宅基地建房，材料已交半年，想了解审批进度。',
      leaf: '宅基地',
      purpose: 'question',
      place: 'village',
    },
  ],
  生态环境: [
    {
      title: '{p}附近工厂排放刺鼻气味',
      content: '{p}附近工厂夜间排放刺鼻气味，周边居民晚上不敢开窗，请求环保部门检查。',
      leaf: '大气污染',
      purpose: 'help',
      place: 'estate',
      open: true,
    },
    {
      title: '{p}附近河道污水直排',
      content: '{p}附近河道有排污口直排污水，河水发黑发臭，请求治理。',
      leaf: '水污染',
      purpose: 'help',
      place: 'village',
      open: true,
    },
  ],
  市场监管: [
    {
      title: '{p}一超市销售过期食品',
      content: '在{p}一家超市买到过期的牛奶，与店家协商不予退换，请求查处。',
      leaf: '食品安全',
      purpose: 'claim',
      place: 'street',
    },
    {
      title: '{p}加油站价格异常',
      content: '{p}加油站标价与实际收费不一致，多收费用，请求核查。',
      leaf: '价格投诉',
      purpose: 'claim',
      place: 'street',
    },
  ],
  城市管理: [
    {
      title: '{p}占道经营影响通行',
      content: '{p}两侧摊贩占道经营，早晚高峰行人只能走机动车道，非常危险。',
      leaf: '占道经营',
      purpose: 'suggestion',
      place: 'street',
      open: true,
    },
    {
      title: '{p}路灯不亮',
      content: '{p}一带路灯已经坏了半个多月，晚上出行很不安全，请尽快维修。',
      leaf: '路灯设施',
      purpose: 'help',
      place: 'street',
      open: true,
    },
    {
      title: '{p}垃圾清运不及时',
      content: '{p}的垃圾桶经常满溢，清运不及时，夏天气味很大。',
      leaf: '市容环卫',
      purpose: 'help',
      place: 'estate',
      open: true,
    },
  ],
};

const KEEP_REASONS = [
  '经审查，原答复事实清楚、依据充分，群众诉求超出政策规定范围，维持原答复。',
  '经回访核实，承办单位已按规定办理到位，群众对政策规定有异议，已做好解释说明。',
  '诉求所涉事项已通过法定途径处理完毕，维持原答复意见。',
];
const DEDUCTION_REASONS = {
  county: [
    '县级通报：超期未办结，群众多次催问',
    '县级通报：答复内容与群众诉求不对应',
    '县级通报：未按规定签收，延误办理',
  ],
  city: ['市级通报：重复信访未有效化解', '市级通报：群众越级反映，属地化解不力'],
};
const PROCEDURE_NOTES = ['月度台账未按时报送', '联席会议未按要求召开', '领导接访日未落实'];
const REVIEW_REASONS = [
  '对答复意见不服，认为事实没有查清，申请复查。',
  '答复没有解决实际问题，申请复查。',
  '处理结果与政策规定不符，申请复查。',
];

const REPLIES = {
  // a question (咨询) is answered with how to do it
  question: [
    '您咨询的事项办理流程如下：携带身份证及相关材料到县政务服务中心对应窗口办理，工作日均可受理。',
    '经查询，您咨询的政策目前仍在执行，具体标准及申请条件已在县政府网站公开，也可来电咨询。',
  ],
  // an accusation (检举控告) with what the inquiry found
  accusation: [
    '经调查核实，您反映的问题部分属实，已对相关责任人作出处理，并责令限期整改。感谢您的监督。',
    '经调查核实，您反映的问题查无实据。如有新的线索，欢迎继续向我们反映。',
  ],
  other: [
    '经调查核实，您反映的问题属实。我单位已责成相关责任方限期整改，目前已处理完毕。感谢您对我们工作的监督。',
    '收到您的诉求后，我单位工作人员已现场查看并与相关方沟通协调，问题已基本解决，后续将持续跟踪。',
    '经核查，您反映的情况与实际有出入，相关事项已按政策规定办理，具体依据已电话告知您本人，如有疑问可来电咨询。',
  ],
};
const repliesFor = (purpose: Purpose) =>
  purpose === 'question' ? REPLIES.question : purpose === 'accusation' ? REPLIES.accusation : REPLIES.other;

export interface DemoCasesResult {
  cases: number;
  ms: number;
}

export async function seedDemoCases(
  deps: AppDeps,
  opts: {
    slug?: string;
    count?: number;
    seed?: number;
    months?: number;
    now?: number;
    signal?: { stopped: boolean };
  } = {},
): Promise<DemoCasesResult | null> {
  const t0 = performance.now();
  const r = rng(opts.seed ?? 20261122);
  const { db } = deps;
  const found = (
    await db
      .select()
      .from(tenants)
      .where(eq(tenants.slug, opts.slug ?? 'demo'))
      .limit(1)
  )[0] as TenantRow | undefined;
  if (!found) return null;
  const tenant: TenantRow = found;
  const settings = resolveSettings((await getSettingsRow(db, tenant.id))?.settings ?? {});
  const end = opts.now ?? deps.clock.now();
  const months = opts.months ?? 14;
  const start = end - months * 30 * DAY;
  const unitRows = await db
    .select()
    .from(units)
    .where(eq(units.tenantId, tenant.id))
    .orderBy(units.sort, units.name);
  const townships = unitRows.filter((u) => u.kind === 'township');
  const departments = unitRows.filter((u) => u.kind === 'department');
  // in a fixed order (ids are random), so the same seed picks the same categories and units
  const cats = await db
    .select()
    .from(categories)
    .where(eq(categories.tenantId, tenant.id))
    .orderBy(categories.sort);
  const leafCats = cats.filter((c) => c.parentId);
  const staff = await db.select().from(users).where(eq(users.tenantId, tenant.id));
  const dispatcherUser = staff.find((u) => u.role === 'dispatcher');
  const dispatcher: Actor = {
    kind: 'user',
    id: dispatcherUser?.id ?? 'demo-dispatcher',
    name: dispatcherUser?.name ?? '调度员',
    role: 'dispatcher',
    tenantId: tenant.id,
    unitId: dispatcherUser?.unitId ?? null,
  };
  const unitActor = (unitId: string, role: 'handler' | 'unit_leader'): Actor => {
    const u = staff.find((s) => s.unitId === unitId && s.role === role);
    return {
      kind: 'user',
      id: u?.id ?? `demo-${role}-${unitId}`,
      name: u?.name ?? (role === 'handler' ? '承办人' : '单位领导'),
      role,
      tenantId: tenant.id,
      unitId,
    };
  };
  const count = opts.count ?? 3000;
  const stopped = () => opts.signal?.stopped === true;

  // Most people write once; forty regulars come back (the repeat petitioners a bureau knows by name).
  const people = Array.from({ length: count + 50 }, () => ({
    name: r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.6) ? r.pick([...GIVEN]) : ''),
    phone: `1${r.pick(['38', '39', '58', '59', '86', '87', '35', '36'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
  }));
  const lastMatter = new Map<
    number,
    { categoryId: string; title: string; content: string; townshipId: string; purpose: Purpose }
  >();

  // Receipt instants spread over the period, more on weekdays and in working hours, sorted.
  const instants = Array.from({ length: count }, () => {
    let at = start + r.next() * (end - start - 2 * HOUR);
    const dow = new Date(at + 8 * HOUR).getUTCDay();
    if ((dow === 0 || dow === 6) && r.chance(0.6)) at += 2 * DAY;
    return Math.floor(Math.min(at, end - HOUR));
  }).sort((a, b) => a - b);

  // What comes in, decided up front in receipt order (who writes, about what, through which
  // channel); what happens to each case afterwards is its own life below, with its own dice.
  const planned = instants.map((receivedAt, n) => {
    // one case in twelve comes from a regular; everyone else is a new person
    const regular = r.chance(0.08);
    const personIdx = regular ? r.int(0, 40) : Math.min(41 + n, people.length - 1);
    const person = people[personIdx]!;
    // a regular mostly comes back about the same matter
    const repeatOf = regular && r.chance(0.7) ? lastMatter.get(personIdx) : undefined;
    const channel = r.weighted<Channel>([
      ['web', 38],
      ['phone', 30],
      ['letter', 10],
      ['visit', 12],
      ['mailbox', 6],
      ['transfer', 4],
    ]);
    // a top-level category, one of its matters, then the leaf that matter belongs to (a repeat
    // keeps the earlier case's)
    const earlier = repeatOf ? leafCats.find((c) => c.id === repeatOf.categoryId)! : null;
    const drawn = r.pick(leafCats);
    const top = cats.find((c) => c.id === (earlier ?? drawn).parentId)!;
    const matter = r.pick(TEMPLATES[top.name] ?? TEMPLATES.城市管理!);
    const place = r.pick(PLACES[matter.place]);
    const leaf = earlier ?? leafCats.find((c) => c.parentId === top.id && c.name === matter.leaf) ?? drawn;
    // the county seat and the town's streets (街道) bring most of the cases
    const township = repeatOf
      ? unitRows.find((u) => u.id === repeatOf.townshipId)!
      : r.weighted(
          townships.map((u) => [u, u.name === '城关镇' ? 6 : u.name.endsWith('街道') ? 2 : 1] as const),
        );
    const fill = (text: string) => text.replaceAll('{p}', place).replaceAll('{t}', township.name);
    const title = repeatOf ? `再次反映：${repeatOf.title}` : fill(matter.title);
    const content = repeatOf
      ? `${repeatOf.content}此前已经反映过，问题仍未彻底解决，再次请求处理。`
      : fill(matter.content);
    // Most people pick the purpose their matter is; some pick another (an accusation stays one).
    const purpose: Purpose =
      repeatOf?.purpose ??
      (matter.purpose === 'accusation' || r.chance(0.85)
        ? matter.purpose
        : r.weighted<Purpose>([
            ['help', 35],
            ['claim', 25],
            ['suggestion', 20],
            ['other', 10],
            ['question', 10],
          ]));
    // A public question (问政) is asked on the portal, about a matter of public interest.
    const kind: CaseKind =
      channel === 'web' && matter.open && purpose !== 'accusation' && r.chance(0.6) ? 'inquiry' : 'petition';
    const input: CaseInput = {
      kind,
      channel,
      purpose,
      categoryId: leaf.id,
      townshipUnitId: township.id,
      address: `${township.name}${place}`,
      title,
      content,
      petitioner: { name: person.name, phone: person.phone },
      peopleCount: matter.people ? r.int(...matter.people) : 1,
      flags: { sensitive: r.chance(0.02), threat: r.chance(0.01), fastTrack: r.chance(0.05) },
      isPublic: kind === 'inquiry' ? r.chance(0.8) : false,
      higherLevelDueAt: channel === 'transfer' ? receivedAt + 30 * DAY : null,
    };
    lastMatter.set(personIdx, {
      categoryId: leaf.id,
      title: repeatOf?.title ?? title,
      content: repeatOf?.content ?? content,
      townshipId: township.id,
      purpose,
    });
    return { receivedAt, input, kind, purpose, leaf, township, dice: Math.floor(r.next() * 2 ** 32) };
  });

  // Every move goes through `move` below, so the latest row of each assignment is known without
  // reading it back before the next move.
  const rows = new Map<string, Awaited<ReturnType<typeof loadAssignment>>>();
  let made = 0;
  const timeline = new Timeline(TIMELINE_BATCH);
  for (const p of planned) timeline.spawn((sleep) => caseLife(p, sleep));
  await timeline.run(stopped);

  /** One case from receipt to its last step before "now", each step at its own instant. */
  /**
   * The steps of one simulated life, on its own clock and dice, sleeping on the timeline: a case
   * from receipt, or a co-handler (协办) working alongside the lead unit.
   */
  function lifeSteps(
    p: (typeof planned)[number],
    sleep: Sleep,
    clock: ManualClock,
    d: ReturnType<typeof rng>,
  ) {
    const { purpose } = p;
    const cdeps: AppDeps = { ...deps, clock };
    const ctxAs = (actor: Actor): ServiceCtx => ({ db, clock, deps: cdeps, tenant, settings, actor });
    /** Lets time pass until `at` (null if that would pass "now": the case then stays open). */
    const until = async (at: number, opts?: SleepOptions): Promise<Turn | null> => {
      if (at >= end || stopped()) return null;
      const t = Math.max(clock.now(), Math.floor(at));
      const turn = await sleep(t, opts);
      clock.set(t);
      return stopped() ? null : turn;
    };
    const fresh = async (caseId: string) =>
      (await db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId)).limit(1))[0]!;
    const move = async (actor: Actor, id: string, m: Move, extra: Partial<MoveInput> = {}) => {
      const a = rows.get(id) ?? (await loadAssignment(ctxAs(dispatcher), id));
      if (!a) return null;
      try {
        const next = (await moveAssignment(ctxAs(actor), id, m, { version: a.version, ...extra }, a))
          .assignment;
        rows.set(id, next);
        return next;
      } catch (e) {
        if (e instanceof AppError) return null; // a step the rules refuse at this instant: leave it
        throw e;
      }
    };

    async function runAssignment(aid: string, unitId: string, isLead: boolean): Promise<void> {
      const handler = unitActor(unitId, 'handler');
      const leader = unitActor(unitId, 'unit_leader');
      const a0 = rows.get(aid) ?? (await loadAssignment(ctxAs(dispatcher), aid));
      if (!a0) return;
      const late = d.chance(0.08);
      // 3% ask to return a misrouted case; the bureau agrees and the case waits to be re-routed.
      if (d.chance(0.03) && (await until(a0.dispatchedAt + d.int(2, 30) * HOUR))) {
        await move(handler, aid, 'requestReturn', {
          reason: '该事项不属于本单位职责范围，建议转县相关职能部门办理。',
        });
        if (!(await until(clock.now() + d.int(2, 20) * HOUR))) return;
        const back = await move(dispatcher, aid, 'approveReturn', { note: '同意退回，另行交办。' });
        // the bureau routes the case again, to the unit it should have gone to
        if (!back || !isLead || !(await until(clock.now() + d.int(1, 24) * HOUR))) return;
        const other = d.pick(departments.filter((u) => u.id !== unitId));
        const again = await routeCase(ctxAs(dispatcher), back.caseId, {
          version: (await fresh(back.caseId)).version,
          units: [{ unitId: other.id, role: 'lead' }],
          instructions: '原承办单位退回，改由本单位主办。',
        }).catch(() => []);
        for (const id of again) await runAssignment(id, other.id, true);
        return;
      }
      if (!(await until(a0.dispatchedAt + (late ? d.int(26, 60) : d.int(1, 20)) * HOUR))) return;
      await move(handler, aid, 'sign');
      if (d.chance(0.03) && (await until(clock.now() + d.int(2, 30) * HOUR))) {
        await move(handler, aid, 'refuse', {
          reason: '该事项已经依法通过诉讼途径处理。',
          notice: '根据《信访工作条例》第三十一条，您反映的事项已进入诉讼程序，本机关不予受理。',
        });
        return;
      }
      if (!(await until(clock.now() + (late ? d.int(90, 150) : d.int(2, 60)) * HOUR))) return;
      let a = await move(handler, aid, 'accept');
      if (!a) return;
      if (d.chance(0.04))
        await move(dispatcher, aid, 'supervise', {
          note: '群众反映强烈，请加快办理。',
          // as the console sets it: a day, ending at 24:00 in the county's time zone
          dueAt: endOfDay(addDays(localDay(clock.now(), settings.timeZone), 5), settings.timeZone),
        });
      if (d.chance(0.05)) await move(dispatcher, aid, 'urge', { message: '请抓紧办理。' });
      // Extensions: mostly on 申诉求决, with the bureau's approval.
      if (
        d.chance(a.replyDueAt && a.replyDueAt - clock.now() > 40 * DAY ? 0.15 : 0.04) &&
        (await until(clock.now() + d.int(2, 8) * DAY))
      ) {
        const asked = await move(handler, aid, 'requestExtension', {
          days: d.int(5, 15),
          reason: '情况复杂，需要多部门会商，申请延期办理。',
        });
        if (asked && (await until(clock.now() + d.int(2, 30) * HOUR)))
          await move(dispatcher, aid, d.chance(0.85) ? 'approveExtension' : 'denyExtension', {
            note: '请按时办结。',
          });
      }
      a = rows.get(aid)!;
      const span = Math.max(DAY, (a.replyDueAt ?? clock.now() + 15 * DAY) - clock.now());
      const replyAt =
        clock.now() + (d.chance(late ? 0.5 : 0.1) ? span + d.int(1, 5) * DAY : d.next() * span * 0.8);
      if (!(await until(replyAt))) return;
      await replyRound(handler, leader, aid);
      if (!(await until(clock.now() + d.int(1, 48) * HOUR))) return;
      await move(handler, aid, 'close');
      await rateOrExpire(aid, isLead, handler, leader, 0);
    }

    async function replyRound(handler: Actor, leader: Actor, aid: string) {
      await move(handler, aid, 'draftReply', { body: d.pick(repliesFor(purpose)) });
      if (settings.requireReplyReview) {
        await move(handler, aid, 'submitReply');
        if (!(await until(clock.now() + d.int(1, 20) * HOUR))) return;
        await move(leader, aid, 'approveReply', { note: '同意。' });
      }
      await move(handler, aid, 'sendReply');
    }

    async function rateOrExpire(
      aid: string,
      isLead: boolean,
      handler: Actor,
      leader: Actor,
      round: number,
    ): Promise<void> {
      const a = rows.get(aid);
      if (!a?.ratingDueAt) return;
      if (d.chance(0.72)) {
        if (!(await until(Math.min(a.ratingDueAt - HOUR, clock.now() + d.int(2, 120) * HOUR)))) return;
        const value = d.weighted<RatingValue>([
          ['satisfied', 78],
          ['basic', 13],
          ['unsatisfied', 9],
        ]);
        await move(citizenActor(tenant.id), aid, 'rate', {
          value,
          bureauValue: isLead
            ? d.weighted<RatingValue>([
                ['satisfied', 85],
                ['basic', 10],
                ['unsatisfied', 5],
              ])
            : null,
        });
        if (value === 'unsatisfied') {
          // the bureau decides within days: a rework (重办), or, the answer found right, it keeps it
          const rework = round === 0 && d.chance(0.6);
          if (!(await until(clock.now() + d.int(1, rework ? 3 : 7) * DAY))) return;
          if (!rework) {
            await move(dispatcher, aid, 'keepAnswer', { reason: d.pick(KEEP_REASONS) });
            return;
          }
          await move(dispatcher, aid, 'reopen', { reason: '群众不满意，要求重新办理。' });
          if (!(await until(clock.now() + d.int(2, 10) * DAY))) return;
          await replyRound(handler, leader, aid);
          if (!(await until(clock.now() + d.int(1, 24) * HOUR))) return;
          await move(handler, aid, 'close');
          await rateOrExpire(aid, isLead, handler, leader, round + 1);
        }
      } else if (await until(a.ratingDueAt + d.int(1, 12) * HOUR)) {
        await move(systemActor(tenant.id), aid, 'expireRating');
      }
    }
    return { ctxAs, until, fresh, runAssignment };
  }

  async function caseLife(p: (typeof planned)[number], sleep: Sleep) {
    const { receivedAt, input, kind, purpose, leaf, township } = p;
    const d = rng(p.dice);
    const clock = new ManualClock(receivedAt);
    const { ctxAs, until, fresh, runAssignment } = lifeSteps(p, sleep, clock, d);

    // Intakes write in the order of their instants, so cases are numbered in the order they came in.
    const turn = await until(receivedAt, { inOrder: true });
    if (!turn) return;
    const intakeActor = input.channel === 'web' ? citizenActor(tenant.id) : dispatcher;
    const created = await createCase(ctxAs(intakeActor), input, {
      source: input.channel === 'web' ? 'portal' : 'staff',
      inOrder: turn,
    });
    made++;
    const c = created.caseRow;

    // The dispatcher confirms most repeat suggestions.
    if (created.repeatSuggestions > 0 && (await until(receivedAt + d.int(1, 20) * HOUR))) {
      // in the order of the earlier cases' numbers, so the same seed decides the same way
      const sugg = await db
        .select({ id: repeatSuggestions.id })
        .from(repeatSuggestions)
        .innerJoin(cases, eq(cases.id, repeatSuggestions.earlierCaseId))
        .where(and(eq(repeatSuggestions.tenantId, tenant.id), eq(repeatSuggestions.caseId, c.id)))
        .orderBy(cases.number);
      for (const s of sugg)
        await decideRepeat(ctxAs(dispatcher), s.id, d.chance(0.85)).catch(() => undefined);
    }

    // Routing: most within a day or two; some of the newest are still waiting.
    if (!(await until(receivedAt + d.int(1, 40) * HOUR))) return;
    if (kind === 'inquiry' && purpose === 'question' && d.chance(0.3)) {
      await selfHandle(ctxAs(dispatcher), c.id, {
        version: (await fresh(c.id)).version,
        reply: d.pick(repliesFor(purpose)),
      });
      await publishLater();
      return;
    }
    const routeIds = new Set<string>(leaf.routeUnitIds);
    // A township matter (城乡建设, 农村农业, 自然资源) goes to the township, or, where it needs the
    // department's powers, to the department (the township may then help as 协办).
    const lead =
      leaf.routeToTownship && (!leaf.routeUnitIds[0] || d.chance(0.6))
        ? township.id
        : (leaf.routeUnitIds[0] ?? township.id);
    if (lead !== township.id && leaf.routeToTownship) routeIds.add(township.id);
    const co = d.chance(0.12)
      ? [...routeIds]
          .filter((u) => u !== lead)
          .slice(0, 1)
          .concat(d.chance(0.3) ? [d.pick(departments).id] : [])
      : [];
    const unitsToRoute = [
      { unitId: lead, role: 'lead' as const },
      ...[...new Set(co)].filter((u) => u !== lead).map((unitId) => ({ unitId, role: 'co' as const })),
    ];
    const assignmentIds = await routeCase(ctxAs(dispatcher), c.id, {
      version: (await fresh(c.id)).version,
      units: unitsToRoute,
      instructions: d.chance(0.3) ? '请按期办理并及时答复群众。' : null,
    });

    // Co-handlers (协办) work alongside the lead, each at its own pace on its own clock; run after
    // the lead's life, they started months late, past their 5 working days to return a case.
    for (const [i, aid] of assignmentIds.entries()) {
      if (i === 0) continue;
      const unitId = unitsToRoute[i]!.unitId;
      const [from, dice] = [clock.now(), Math.floor(d.next() * 2 ** 32)];
      timeline.spawn((coSleep) =>
        lifeSteps(p, coSleep, new ManualClock(from), rng(dice)).runAssignment(aid, unitId, false),
      );
    }
    if (assignmentIds[0]) await runAssignment(assignmentIds[0], unitsToRoute[0]!.unitId, true);
    // A few petitioners do not accept the answer and ask for a review (复查, 信访事项 only); the
    // bureau answers most.
    if (reviewApplies(kind) && d.chance(0.05)) await reviewRound(c.id);
    await publishLater();

    /**
     * The bureau decides on every answered public question, hours or days later: most go on the 问政
     * board, a few are withheld (the answer turned on one family's affairs); none waits for months.
     */
    async function publishLater() {
      if (kind !== 'inquiry' || !input.isPublic) return;
      if (!(await until(clock.now() + d.int(3, 72) * HOUR))) return;
      const publish = d.chance(0.9);
      const now = (
        await db
          .select({ version: cases.version, status: cases.status })
          .from(cases)
          .where(eq(cases.id, c.id))
      )[0]!;
      // a question still without an answer waits (publishing it would be refused anyway)
      if (!['replied', 'closed', 'rated', 'self_handled'].includes(now.status)) return;
      await setPublication(ctxAs(dispatcher), c.id, { version: now.version, publish }).catch(() => undefined);
    }

    async function reviewRound(caseId: string) {
      if (!(await until(clock.now() + d.int(2, 20) * DAY))) return;
      const reason = d.pick(REVIEW_REASONS);
      const upheld = d.chance(0.8);
      // the bureau leaves a few recent 复查 requests waiting, never one from months ago
      const answer = d.chance(0.85) || clock.now() < end - 60 * DAY;
      const after = d.int(3, 28) * DAY;
      try {
        await requestByCitizen(ctxAs(citizenActor(tenant.id)), caseId, { kind: 'review', reason });
        if (!answer || !(await until(clock.now() + after))) return;
        await answerReview(ctxAs(dispatcher), caseId, {
          version: (await fresh(caseId)).version,
          decision: upheld ? 'upheld' : 'revised',
          opinion: upheld
            ? '经复查，原处理意见认定事实清楚，适用依据正确，予以维持。'
            : '经复查，原处理意见认定事实不清，予以撤销，责成原承办单位重新办理。',
        });
      } catch (e) {
        if (!(e instanceof AppError)) throw e; // not answered yet, or no longer in time: leave it
      }
    }
  }

  if (stopped()) return { cases: made, ms: Math.round(performance.now() - t0) };
  const clock = new ManualClock(end - HOUR);
  const ctxAs = (actor: Actor): ServiceCtx => ({
    db,
    clock,
    deps: { ...deps, clock },
    tenant,
    settings,
    actor,
  });

  // The bureau's monthly bulletins (工作通报): each drafted on the 3rd at 09:00 about the month
  // before, counted as things stood then, and published the next morning.
  const tz = settings.timeZone;
  for (let m = nextMonth(localDay(start, tz).slice(0, 7)); ; m = nextMonth(m)) {
    const draftAt = startOfDay(`${nextMonth(m)}-03`, tz) + 9 * HOUR;
    if (draftAt >= end) break;
    clock.set(draftAt);
    const b = await generateBulletin(ctxAs(dispatcher), { month: m, cutoff: draftAt });
    if (draftAt + DAY >= end) break;
    clock.set(draftAt + DAY);
    await publishBulletin(ctxAs(dispatcher), b.id);
    // then the month's assessment: a unit or two criticised in a bulletin (通报扣分), and the
    // procedure sheet (制度落实) where a unit fell short
    const all = [...townships, ...departments];
    for (const [level, chance] of [
      ['county', 0.4],
      ['city', 0.15],
    ] as const)
      if (r.chance(chance))
        await recordDeduction(ctxAs(dispatcher), {
          unitId: r.pick(all).id,
          month: m,
          level,
          reason: r.pick(DEDUCTION_REASONS[level]),
        });
    const short = [...new Set([r.pick(all), r.pick(all)].map((u) => u.id))];
    await setProcedureScores(
      ctxAs(dispatcher),
      m,
      short.map((unitId) => ({ unitId, points: r.int(6, 9), note: r.pick(PROCEDURE_NOTES) })),
    );
  }
  clock.set(end - HOUR);
  // Today's morning sweep: overdue steps flagged, reminders written.
  clock.set(end);
  await runSweep(ctxAs(systemActor(tenant.id)));
  return { cases: made, ms: Math.round(performance.now() - t0) };
}

/** The month after `YYYY-MM`. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
