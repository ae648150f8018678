// Case workflow routes: intake, routing, every assignment move, queues, reveal, repeats.
import { inList } from '../../db/in-list';
import { type Context, Hono } from 'hono';
import * as v from 'valibot';
import { CASE_KINDS, CHANNELS, PURPOSES, RATING_VALUES } from '../../db/schema/cases';
import type { AppEnv, ServiceCtx } from '../api/context';
import { describe, valid } from '../lib/openapi';
import { AppError, invalid, notFound } from '../lib/errors';
import { serviceCtx } from './tenant-admin';
import { isValidDay } from '../domain/calendar';
import { Day, Id, Version } from './schemas';
import { MAX_SEARCH_TERMS, searchWords } from '../domain/search';
import { createCase } from '../services/workflow/intake';
import {
  answerReview,
  decideRepeat,
  mergeCase,
  registerReviewRequest,
  reopenRepeat,
  routeCase,
  selfHandle,
  setPublication,
} from '../services/workflow/routing';
import { loadAssignment, MOVE_PATHS, moveAssignment } from '../services/workflow/moves';
import {
  CASE_DOCUMENTS,
  type CaseDocument,
  caseDocumentHtml,
  reviewOpinionHtml,
} from '../services/workflow/documents';
import { LEDGER_MAX_ROWS, type LedgerFormat, ledger } from '../services/workflow/ledger';
import {
  type AssignmentFilter,
  assertNotCountyLeaderWrite,
  CASE_SORTS,
  assignmentRowView,
  type CaseFilter,
  caseDetail,
  listAssignments,
  listCases,
  queueCounts,
  unitQueueCounts,
  repeatPetitioners,
  revealContact,
} from '../services/workflow/views';
import { assignments, reminderReads, reminders } from '../../db/schema';
import { and, desc, eq, getTableColumns, lte, sql } from 'drizzle-orm';
import { reminderSettled } from '../services/workflow/reminders';
import { affected, isUnitRole } from '../services/workflow/common';

const Text = (max: number, msg = '不能为空') =>
  v.pipe(v.string(), v.trim(), v.minLength(1, msg), v.maxLength(max, `不能超过 ${max} 个字`));
const Opt = (max: number) =>
  v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(max, `不能超过 ${max} 个字`))));
// Instants the API takes lie between 2000 and 2100 (a deadline of 1e15 ms is tens of thousands of years).
const Instant = v.pipe(
  v.number('应为毫秒时间戳'),
  v.integer('应为毫秒时间戳'),
  v.minValue(Date.UTC(2000, 0, 1), '时间不能早于 2000 年'),
  v.maxValue(Date.UTC(2100, 0, 1), '时间不能晚于 2100 年'),
);

export const CaseInputSchema = v.object({
  kind: v.picklist(CASE_KINDS, '类型无效'),
  channel: v.picklist(CHANNELS, '来源渠道无效'),
  purpose: v.picklist(PURPOSES, '信访目的无效'),
  categoryId: v.optional(v.nullable(Id)),
  townshipUnitId: v.optional(v.nullable(Id)),
  address: Opt(200),
  title: Text(100, '请填写标题'),
  content: Text(5000, '请填写诉求内容'),
  petitioner: v.object({
    name: Opt(30),
    phone: Opt(20),
    idNumber: Opt(18),
    anonymous: v.optional(v.boolean()),
  }),
  peopleCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10000))),
  flags: v.optional(
    v.object({
      sensitive: v.optional(v.boolean()),
      threat: v.optional(v.boolean()),
      collective: v.optional(v.boolean()),
      fastTrack: v.optional(v.boolean()),
    }),
  ),
  isPublic: v.optional(v.boolean()),
  receivedAt: v.optional(v.nullable(Instant)),
  higherLevelDueAt: v.optional(v.nullable(Instant)),
  attachmentIds: v.optional(v.pipe(v.array(Id), v.maxLength(6, '最多 6 个附件'))),
});

const MoveSchema = v.object({
  version: Version,
  attachmentIds: v.optional(v.pipe(v.array(Id), v.maxLength(6, '最多 6 个附件'))),
  reason: Opt(1000),
  notice: Opt(5000),
  note: Opt(1000),
  days: v.optional(
    v.pipe(v.number(), v.integer('天数必须是整数'), v.minValue(1, '天数至少为 1'), v.maxValue(365)),
  ),
  body: Opt(10000),
  message: Opt(1000),
  dueAt: v.optional(v.nullable(Instant)),
  value: v.optional(v.nullable(v.picklist(RATING_VALUES, '评价无效'))),
  bureauValue: v.optional(v.nullable(v.picklist(RATING_VALUES, '评价无效'))),
  comment: Opt(500),
});

// schemas.Day checks the shape only; 2026-13-01 would reach startOfDay and fail there as a 500.
const CalendarDay = v.pipe(Day, v.check(isValidDay, '日期无效'));

/** The reminders a person sees: a unit its own, the bureau every unit's and its own. */
const remindersFor = (ctx: ServiceCtx) => {
  const conds = [eq(reminders.tenantId, ctx.tenant.id)];
  if (isUnitRole(ctx.actor)) conds.push(eq(reminders.unitId, ctx.actor.unitId ?? '-'));
  return conds;
};
/** When this person read a reminder (or anyone did, under the shared mark of earlier versions). */
const readByMe = (ctx: ServiceCtx) =>
  sql`coalesce(${reminders.readAt}, (SELECT rr.read_at FROM reminder_reads rr WHERE rr.reminder_id = ${reminders.id} AND rr.user_id = ${ctx.actor.id}))`;

const csv = (s?: string) => (s ? s.split(',').filter(Boolean) : undefined);
const Bool = v.optional(v.picklist(['true', 'false', '1', '0']));
const yes = (s?: string) => s === 'true' || s === '1';

/** A search box's words (domain/search.ts): all must match, so there is a cap on how many. */
const SearchText = v.optional(
  v.pipe(
    v.string(),
    v.maxLength(100),
    v.check(
      (q) => searchWords(q).length <= MAX_SEARCH_TERMS,
      `最多输入 ${MAX_SEARCH_TERMS} 个关键词（用空格分开）`,
    ),
  ),
);

const AssignmentQuery = v.object({
  state: v.optional(v.pipe(v.string(), v.maxLength(200))),
  light: v.optional(v.picklist(['green', 'yellow', 'red'])),
  unitId: v.optional(Id),
  categoryId: v.optional(Id),
  channel: v.optional(v.picklist(CHANNELS)),
  purpose: v.optional(v.picklist(PURPOSES)),
  kind: v.optional(v.picklist(CASE_KINDS)),
  from: v.optional(CalendarDay),
  to: v.optional(CalendarDay),
  q: SearchText,
  supervised: Bool,
  pendingExtension: Bool,
  /** 退件/延期审批中: a return or an extension asked for and not yet decided by the bureau */
  waiting: Bool,
  rating: v.optional(v.picklist(RATING_VALUES)),
  /** rated 不满意 and not yet decided: rework (重办) or keep the answer (维持答复) */
  reworkPending: Bool,
  replyStatus: v.optional(v.picklist(['draft', 'pending_review', 'approved', 'rejected', 'sent'])),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number))),
});

const CaseQuery = v.object({
  status: v.optional(v.pipe(v.string(), v.maxLength(200))),
  kind: v.optional(v.picklist(CASE_KINDS)),
  channel: v.optional(v.picklist(CHANNELS)),
  purpose: v.optional(v.picklist(PURPOSES)),
  categoryId: v.optional(Id),
  q: SearchText,
  from: v.optional(CalendarDay),
  to: v.optional(CalendarDay),
  repeat: Bool,
  /** true: only the questions whose asker agreed to publication (those the bureau may publish) */
  isPublic: Bool,
  publish: v.optional(v.picklist(['none', 'pending', 'published', 'withheld'])),
  review: v.optional(v.picklist(['pending'])),
  /** newest (default), oldest, routeDue (分派期限 soonest first), reviewDue (复查 waiting longest first) */
  sort: v.optional(v.picklist(CASE_SORTS, '排序方式无效')),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number))),
});

const TAG = ['办件流程'];

const caseFilter = (q: v.InferOutput<typeof CaseQuery>) => ({
  ...q,
  status: csv(q.status),
  repeat: yes(q.repeat),
  isPublic: yes(q.isPublic),
});
const assignmentFilter = (q: v.InferOutput<typeof AssignmentQuery>) => ({
  ...q,
  state: csv(q.state),
  supervised: yes(q.supervised),
  pendingExtension: yes(q.pendingExtension),
  waiting: yes(q.waiting),
  reworkPending: yes(q.reworkPending),
});

/** A 台账 download: the list's rows as a file (ledger.ts). */
async function exportLedger(
  c: Context<AppEnv>,
  of: 'cases' | 'assignments',
  format: LedgerFormat,
  filter: CaseFilter | AssignmentFilter,
) {
  const file = await ledger(serviceCtx(c), of, format, filter);
  return new Response(file.body as string | Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'x-rows': String(file.rows),
    },
  });
}

export const caseRoutes = new Hono<AppEnv>()
  .post(
    '/cases',
    describe({
      summary: '登记案件（来信、来访、电话、领导信箱、上级转送）；支持 Idempotency-Key',
      tags: TAG,
      responses: { '201': '已登记' },
    }),
    valid('json', CaseInputSchema),
    async (c) => {
      const ctx = serviceCtx(c);
      if (isUnitRole(ctx.actor) || ctx.actor.role === 'county_leader')
        throw new AppError('FORBIDDEN', '只有信访部门可以登记案件');
      const input = c.req.valid('json');
      const key = c.req.header('idempotency-key')?.slice(0, 100) ?? null;
      const created = await createCase(ctx, input, { idempotencyKey: key, source: 'staff' });
      const detail = await caseDetail(ctx, created.caseRow.id);
      // A retry gets the first answer, status included (as the portal does); the header tells.
      if (created.replayed) c.header('idempotent-replayed', 'true');
      return c.json({ ...detail, queryCode: created.queryCode, secret: created.secret }, 201);
    },
  )
  .get(
    '/cases',
    describe({ summary: '案件列表（信访部门）', tags: TAG }),
    valid('query', CaseQuery),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await listCases(serviceCtx(c), caseFilter(q)));
    },
  )
  .get(
    '/cases/export.csv',
    describe({ summary: `导出案件台账（CSV，筛选同案件列表，最多 ${LEDGER_MAX_ROWS} 行）`, tags: TAG }),
    valid('query', CaseQuery),
    async (c) => exportLedger(c, 'cases', 'csv', caseFilter(c.req.valid('query'))),
  )
  .get(
    '/cases/export.xlsx',
    describe({ summary: `导出案件台账（Excel，筛选同案件列表，最多 ${LEDGER_MAX_ROWS} 行）`, tags: TAG }),
    valid('query', CaseQuery),
    async (c) => exportLedger(c, 'cases', 'xlsx', caseFilter(c.req.valid('query'))),
  )
  .get('/cases/:id', describe({ summary: '案件详情及办理过程（时间线）', tags: TAG }), async (c) =>
    c.json(await caseDetail(serviceCtx(c), c.req.param('id'))),
  )
  .post(
    '/cases/:id/route',
    describe({ summary: '转送/交办：一个主办单位，若干协办单位', tags: TAG }),
    valid(
      'json',
      v.object({
        version: Version,
        units: v.pipe(
          v.array(v.object({ unitId: Id, role: v.picklist(['lead', 'co']) })),
          v.minLength(1, '请选择承办单位'),
          v.maxLength(10),
        ),
        instructions: Opt(1000),
      }),
    ),
    async (c) => {
      const ctx = serviceCtx(c);
      await routeCase(ctx, c.req.param('id'), c.req.valid('json'));
      return c.json(await caseDetail(ctx, c.req.param('id')));
    },
  )
  .post(
    '/cases/:id/self-handle',
    describe({ summary: '平台自办：信访部门直接答复', tags: TAG }),
    valid('json', v.object({ version: Version, reply: Text(10000, '请填写答复内容') })),
    async (c) => {
      const ctx = serviceCtx(c);
      await selfHandle(ctx, c.req.param('id'), c.req.valid('json'));
      return c.json(await caseDetail(ctx, c.req.param('id')));
    },
  )
  .post(
    '/cases/:id/merge',
    describe({ summary: '合并重复件到另一案件', tags: TAG }),
    valid('json', v.object({ version: Version, intoCaseId: Id })),
    async (c) => {
      const ctx = serviceCtx(c);
      await mergeCase(ctx, c.req.param('id'), c.req.valid('json'));
      return c.json(await caseDetail(ctx, c.req.param('id')));
    },
  )
  .post(
    '/cases/:id/publish',
    describe({
      summary:
        '公开问政（经审核）：公开的标题、问题和答复可编辑，缺省为原文；姓名、电话、身份证号、邮箱一律再脱敏一次',
      tags: TAG,
    }),
    valid('json', v.object({ version: Version, answer: Opt(10000), title: Opt(200), content: Opt(10000) })),
    async (c) => {
      const ctx = serviceCtx(c);
      await setPublication(ctx, c.req.param('id'), { ...c.req.valid('json'), publish: true });
      return c.json(await caseDetail(ctx, c.req.param('id')));
    },
  )
  .post(
    '/cases/:id/withhold',
    describe({ summary: '问政答复不予公开', tags: TAG }),
    valid('json', v.object({ version: Version })),
    async (c) => {
      const ctx = serviceCtx(c);
      await setPublication(ctx, c.req.param('id'), { ...c.req.valid('json'), publish: false });
      return c.json(await caseDetail(ctx, c.req.param('id')));
    },
  )
  .post(
    '/cases/:id/answer-review',
    describe({
      summary: '录入复查（复核）意见：维持或撤销变更原处理意见（信访部门）',
      tags: TAG,
      responses: { '409': '没有待答复的复查申请，或版本已过期' },
    }),
    valid(
      'json',
      v.object({
        version: Version,
        decision: v.picklist(['upheld', 'revised'], '请选择维持或撤销变更原处理意见'),
        opinion: v.pipe(
          v.string('请填写复查（复核）意见'),
          v.trim(),
          v.minLength(1, '请填写复查（复核）意见'),
          v.maxLength(10000, '意见不能超过 10000 字'),
        ),
      }),
    ),
    async (c) => {
      const ctx = serviceCtx(c);
      await answerReview(ctx, c.req.param('id'), c.req.valid('json'));
      return c.json(await caseDetail(ctx, c.req.param('id')));
    },
  )
  .post(
    '/cases/:id/review-request',
    describe({
      summary: '登记群众来信、来访或来电提出的复查（复核）申请（信访部门）',
      tags: TAG,
      responses: { '409': '不在申请期限内、已有申请在处理或版本已过期' },
    }),
    valid(
      'json',
      v.object({
        version: Version,
        channel: v.picklist(['letter', 'visit', 'phone', 'mailbox'], '请选择申请方式'),
        reason: v.pipe(
          v.string('请填写申请理由'),
          v.trim(),
          v.minLength(1, '请填写申请理由'),
          v.maxLength(2000, '理由不能超过 2000 字'),
        ),
      }),
    ),
    async (c) => {
      const ctx = serviceCtx(c);
      await registerReviewRequest(ctx, c.req.param('id'), c.req.valid('json'));
      return c.json(await caseDetail(ctx, c.req.param('id')));
    },
  )
  .post(
    '/cases/:id/reveal',
    describe({ summary: '查看完整电话或身份证号（需权限，留痕）', tags: TAG }),
    valid('json', v.object({ field: v.picklist(['phone', 'idNumber']) })),
    async (c) => c.json(await revealContact(serviceCtx(c), c.req.param('id'), c.req.valid('json').field)),
  )
  .get(
    '/assignments',
    describe({ summary: '批转件队列（按到期时间排序，游标分页）', tags: TAG }),
    valid('query', AssignmentQuery),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await listAssignments(serviceCtx(c), assignmentFilter(q)));
    },
  )
  .get(
    '/assignments/export.csv',
    describe({ summary: `导出批转件台账（CSV，筛选同队列；承办单位只导出本单位的）`, tags: TAG }),
    valid('query', AssignmentQuery),
    async (c) => exportLedger(c, 'assignments', 'csv', assignmentFilter(c.req.valid('query'))),
  )
  .get(
    '/assignments/export.xlsx',
    describe({ summary: `导出批转件台账（Excel，筛选同队列；承办单位只导出本单位的）`, tags: TAG }),
    valid('query', AssignmentQuery),
    async (c) => exportLedger(c, 'assignments', 'xlsx', assignmentFilter(c.req.valid('query'))),
  )
  .get(
    `/assignments/:id/documents/:kind{(?:${CASE_DOCUMENTS.join('|')})}`,
    describe({
      summary:
        '打印文书（A4 HTML）：交办单 dispatch、受理/不予受理告知书 decision、答复意见书 reply、督办单 supervision',
      tags: TAG,
    }),
    async (c) =>
      c.html(await caseDocumentHtml(serviceCtx(c), c.req.param('id'), c.req.param('kind') as CaseDocument)),
  )
  .get(
    '/cases/:id/documents/review',
    describe({
      summary:
        '打印复查（复核）意见书（A4 HTML）：最近录入的一份，或 level=1 复查、level=2 复核；信访部门的文书，承办单位无此文书',
      tags: TAG,
    }),
    valid(
      'query',
      v.object({ level: v.optional(v.picklist(['1', '2'], 'level 应为 1（复查）或 2（复核）')) }),
    ),
    async (c) => {
      const level = c.req.valid('query').level;
      return c.html(
        await reviewOpinionHtml(
          serviceCtx(c),
          c.req.param('id'),
          level ? (Number(level) as 1 | 2) : undefined,
        ),
      );
    },
  )
  .get('/assignments/:id', describe({ summary: '批转件及其案件详情', tags: TAG }), async (c) => {
    const ctx = serviceCtx(c);
    const a = await loadAssignment(ctx, c.req.param('id'));
    if (!a || (isUnitRole(ctx.actor) && ctx.actor.unitId !== a.unitId)) throw notFound('批转件');
    return c.json({ assignmentId: a.id, ...(await caseDetail(ctx, a.caseId)) });
  })
  .post(
    // grouped, so the whole segment must be a move: `reply|sign` alone would take any path that
    // merely begins with one (…/replyx, …/reply-attachments/…/remove) for that move
    `/assignments/:id/:move{(?:${Object.keys(MOVE_PATHS).join('|')})}`,
    describe({
      summary:
        '批转件办理动作：sign 签收, accept 受理, refuse 不予受理, return 退件, approve-return, reject-return, request-extension 申请延期, approve-extension, deny-extension, reply 拟写答复, submit-reply 提交审核, approve-reply 审核通过, reject-reply 审核退回, send-reply 答复, close 办结, rate 回访评价, reopen 重办, keep-answer 维持答复, supervise 督办, urge 催办',
      description: '请求体须带当前 version；版本过期返回 409 CONFLICT 且不做任何修改。',
      tags: TAG,
    }),
    valid('json', MoveSchema),
    async (c) => {
      const ctx = serviceCtx(c);
      assertNotCountyLeaderWrite(ctx.actor);
      const move = MOVE_PATHS[c.req.param('move')]!;
      const r = await moveAssignment(ctx, c.req.param('id'), move, c.req.valid('json'));
      return c.json({ ...(await assignmentRowView(ctx, r.assignment)), caseStatus: r.caseStatus });
    },
  )
  .get('/queues', describe({ summary: '工作台待办数量（信访部门）', tags: TAG }), async (c) =>
    c.json(await queueCounts(serviceCtx(c))),
  )
  .get(
    '/inbox/counts',
    describe({ summary: '承办单位待办数量（各分类、亮灯、待领导审核）', tags: TAG }),
    async (c) => c.json(await unitQueueCounts(serviceCtx(c))),
  )
  .get('/reminders', describe({ summary: '提醒（逾期、即将到期、待复查、催办）', tags: TAG }), async (c) => {
    const ctx = serviceCtx(c);
    const read = readByMe(ctx);
    const conds = remindersFor(ctx);
    if (c.req.query('unread') === '1') conds.push(sql`${read} IS NULL`);
    const items = await ctx.db
      .select({
        ...getTableColumns(reminders),
        readAt: sql<number | null>`${read}`,
        unitName: sql<string | null>`(SELECT u.name FROM units u WHERE u.id = ${reminders.unitId})`,
      })
      .from(reminders)
      .where(and(...conds))
      .orderBy(desc(reminders.createdAt))
      .limit(100);
    if (c.req.query('unread') !== '1') return c.json({ items });
    // unread: not those about a step the unit has since taken (请答复 on a case already answered)
    const ids = [...new Set(items.map((r) => r.assignmentId).filter((x): x is string => x != null))];
    const states = ids.length
      ? await ctx.db
          .select({ id: assignments.id, state: assignments.state, reworkCount: assignments.reworkCount })
          .from(assignments)
          .where(and(eq(assignments.tenantId, ctx.tenant.id), inList(assignments.id, ids)))
      : [];
    const byId = new Map(states.map((a) => [a.id, a]));
    return c.json({
      items: items.filter((r) => !reminderSettled(r, r.assignmentId ? byId.get(r.assignmentId) : undefined)),
    });
  })
  .post(
    '/reminders/read',
    describe({ summary: '提醒标为已读（给出 ids，或全部）；每人只标自己的', tags: TAG }),
    valid(
      'json',
      v.object({
        ids: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(200))),
        all: v.optional(v.boolean()),
        /** with all: only reminders written up to this instant (what the reader's list showed) */
        upTo: v.optional(Instant),
      }),
    ),
    async (c) => {
      const ctx = serviceCtx(c);
      const { ids, all, upTo } = c.req.valid('json');
      if (!all && !ids?.length)
        throw invalid('请指定要标为已读的提醒', [{ path: 'ids', message: '请指定提醒' }]);
      // the same reminders the list shows this person, still unread by them
      const conds = [...remindersFor(ctx), sql`${readByMe(ctx)} IS NULL`];
      if (!all) conds.push(inList(reminders.id, ids!));
      // a reminder written after the reader's list was loaded was not seen: it stays unread
      else if (upTo != null) conds.push(lte(reminders.createdAt, upTo));
      const r = await ctx.db
        .insert(reminderReads)
        .select(
          ctx.db
            .select({
              reminderId: reminders.id,
              userId: sql<string>`${ctx.actor.id}`.as('user_id'),
              tenantId: reminders.tenantId,
              readAt: sql<number>`${ctx.clock.now()}`.as('read_at'),
            })
            .from(reminders)
            .where(and(...conds)),
        )
        .onConflictDoNothing();
      return c.json({ read: affected(r) });
    },
  )
  .post('/repeat-suggestions/:id/confirm', describe({ summary: '确认重复件', tags: TAG }), async (c) => {
    await decideRepeat(serviceCtx(c), c.req.param('id'), true);
    return c.json({ ok: true });
  })
  .post('/repeat-suggestions/:id/reject', describe({ summary: '排除重复件提示', tags: TAG }), async (c) => {
    await decideRepeat(serviceCtx(c), c.req.param('id'), false);
    return c.json({ ok: true });
  })
  .post(
    '/repeat-suggestions/:id/reopen',
    describe({ summary: '撤回排除，重复件提示重新待审', tags: TAG }),
    async (c) => {
      await reopenRepeat(serviceCtx(c), c.req.param('id'));
      return c.json({ ok: true });
    },
  )
  .get(
    '/repeat-petitioners',
    describe({ summary: '重复信访人排行（仅信访部门）', tags: TAG }),
    valid(
      'query',
      v.object({
        from: v.optional(CalendarDay),
        to: v.optional(CalendarDay),
        limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number))),
      }),
    ),
    async (c) => c.json({ items: await repeatPetitioners(serviceCtx(c), c.req.valid('query')) }),
  );
