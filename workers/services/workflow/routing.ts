// Routing (转送/交办) a case to one lead unit and any co-handlers, the platform handling a case
// itself (平台自办), merging a duplicate, publishing a 问政 answer and confirming repeats.
import { and, eq, is, ne, SQL, sql } from 'drizzle-orm';
import { inList } from '../../../db/in-list';
import type { BatchItem } from 'drizzle-orm/batch';
import { ph, preparedSet, preparedUpdate } from '../../../db/prepared';
import { assignments, cases, repeatSuggestions, replies, units } from '../../../db/schema';
import type { ServiceCtx } from '../../api/context';
import { localDay } from '../../domain/calendar';
import {
  dispatchDeadlines,
  ratingDeadline,
  replyDeadline,
  reviewAnswerDeadline,
} from '../../domain/deadlines';
import { isInTime } from '../../domain/lights';
import { reviewState } from '../../domain/review';
import { redactPersonalData } from '../../domain/masking';
import { caseRoutable, caseStatusFromAssignments, MERGE_TARGET_STATES } from '../../domain/state-machine';
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/errors';
import { newId, randomString } from '../../lib/ids';
import { findCategory } from '../../repo/tenancy';
import { affected, bureauUnit, calendarFor, caseFacts, guardedEvent, isBureau, won } from './common';
import { requestByCitizen } from './citizen';
import { dispatchedAssignment } from './move-plan';
import { statsWritesForMove, statsWritesForRepeat } from './stats-hook';

type CaseRow = typeof cases.$inferSelect;
type AssignmentRow = typeof assignments.$inferSelect;

export async function loadCase(ctx: Pick<ServiceCtx, 'db' | 'tenant'>, id: string): Promise<CaseRow | null> {
  return (await caseQueries(ctx.db).byId.get({ tenantId: ctx.tenant.id, id })) ?? null;
}

// What routing reads for every case, built once per database (db/prepared.ts).
const caseQueries = preparedSet((db) => ({
  byId: db
    .select()
    .from(cases)
    .where(and(eq(cases.tenantId, ph('tenantId')), eq(cases.id, ph('id'))))
    .limit(1)
    .prepare(),
  assignments: db
    .select()
    .from(assignments)
    .where(and(eq(assignments.tenantId, ph('tenantId')), eq(assignments.caseId, ph('caseId'))))
    .prepare(),
  unit: db
    .select()
    .from(units)
    .where(and(eq(units.tenantId, ph('tenantId')), eq(units.id, ph('id'))))
    .limit(1)
    .prepare(),
}));

function assertBureau(ctx: ServiceCtx) {
  if (!isBureau(ctx.actor)) throw forbidden('只有信访部门（平台）工作人员可以执行此操作');
}

function assertVersion(c: CaseRow, version: number) {
  if (c.version !== version) {
    throw new AppError('CONFLICT', '该件已被他人处理，页面内容已过期，请刷新后重试', [
      { path: 'version', message: `当前版本为 ${c.version}`, currentVersion: c.version },
    ]);
  }
}

/**
 * Units suggested from the category's routing map and the township named on the case: only units a
 * case can be routed to (active, not the bureau). A map written before that rule, or a unit closed
 * since, pre-selected a unit the route then refused, and the case could not be routed from the console.
 * Nor a unit that gave this case back (退件, approved): taking the suggestion sent it straight back.
 */
export async function suggestUnits(
  ctx: Pick<ServiceCtx, 'db' | 'tenant'>,
  c: CaseRow,
  returnedBy: ReadonlySet<string> = new Set(),
) {
  const out: { unitId: string; role: 'lead' | 'co'; reason: string }[] = [];
  const cat = c.categoryId ? await findCategory(ctx.db, ctx.tenant.id, c.categoryId) : null;
  const named = [
    ...new Set([c.townshipUnitId, ...(cat?.routeUnitIds ?? [])].filter((u): u is string => !!u)),
  ].filter((u) => !returnedBy.has(u));
  const open = new Set(
    named.length
      ? (
          await ctx.db
            .select({ id: units.id })
            .from(units)
            .where(
              and(
                eq(units.tenantId, ctx.tenant.id),
                inList(units.id, named),
                eq(units.active, true),
                ne(units.kind, 'bureau'),
              ),
            )
        ).map((u) => u.id)
      : [],
  );
  const township = c.townshipUnitId && open.has(c.townshipUnitId) ? c.townshipUnitId : null;
  if (cat?.routeToTownship && township)
    out.push({ unitId: township, role: 'lead', reason: '属地乡镇（街道）' });
  for (const u of cat?.routeUnitIds ?? []) {
    if (open.has(u) && !out.some((o) => o.unitId === u))
      out.push({ unitId: u, role: out.length ? 'co' : 'lead', reason: `“${cat!.name}”类默认承办单位` });
  }
  if (!out.length && township) out.push({ unitId: township, role: 'lead', reason: '属地乡镇（街道）' });
  return out;
}

/** Builds the writes that dispatch one assignment; used by routing, self-handling and import. */
export function dispatchWrites(
  ctx: ServiceCtx,
  c: CaseRow,
  a: AssignmentRow,
  guard: ReturnType<typeof won>,
  instructions: string | null,
): BatchItem<'sqlite'>[] {
  const { db, tenant, actor } = ctx;
  return [
    db.run(sql`INSERT INTO assignments (id, tenant_id, case_id, unit_id, role, state, version, instructions, dispatched_at, dispatch_day, dispatched_by,
        sign_due_at, return_due_at, accept_due_at, due_at, due_step, updated_at)
      SELECT ${a.id}, ${tenant.id}, ${c.id}, ${a.unitId}, ${a.role}, 'dispatched', 1, ${instructions}, ${a.dispatchedAt}, ${a.dispatchDay}, ${actor.id},
        ${a.signDueAt}, ${a.returnDueAt}, ${a.acceptDueAt}, ${a.dueAt}, ${a.dueStep}, ${a.dispatchedAt} WHERE ${guard}`) as never,
    guardedEvent(
      db,
      actor,
      {
        tenantId: tenant.id,
        caseId: c.id,
        assignmentId: a.id,
        type: 'assignment.dispatched',
        at: a.dispatchedAt,
        toState: 'dispatched',
        payload: {
          unitId: a.unitId,
          role: a.role,
          signDueAt: a.signDueAt,
          acceptDueAt: a.acceptDueAt,
          returnDueAt: a.returnDueAt,
          instructions,
        },
      },
      guard,
    ),
    ...statsWritesForMove(ctx, { before: null, after: a, caseRow: c, guard }),
  ];
}

export function newAssignment(
  ctx: ServiceCtx,
  c: CaseRow,
  unitId: string,
  role: 'lead' | 'co',
  now: number,
  cal: Awaited<ReturnType<typeof calendarFor>>,
): AssignmentRow {
  return dispatchedAssignment({
    id: newId(),
    tenantId: ctx.tenant.id,
    caseId: c.id,
    unitId,
    role,
    dispatchedAt: now,
    dispatchDay: localDay(now, ctx.settings.timeZone),
    dispatchedBy: ctx.actor.id,
    ...dispatchDeadlines(now, caseFacts(c), ctx.settings, cal),
  });
}

const STALE = '该件已被他人处理，页面内容已过期，请刷新后重试';

/**
 * A change to a case, the one way: compare-and-set on the case's version, its event, and the writes
 * that must happen only if it won (given the guard) — all in one batch; a stale version is a 409.
 */
/** A case's own change, compare-and-set on its version (prepared per set of columns). */
const updateCase = preparedUpdate(
  cases,
  and(eq(cases.tenantId, ph('tenantId')), eq(cases.id, ph('id')), eq(cases.version, ph('version')))!,
);
/**
 * A merge's update: also only while the case it goes into is still being handled, read in the same
 * transaction. Two merges asked at once (E into F, F into E) both found their target standing; the
 * second to commit now finds its target merged and is refused, so no two cases end merged into each
 * other with nobody left to handle them.
 */
const updateMergedCase = preparedUpdate(
  cases,
  and(
    eq(cases.tenantId, ph('tenantId')),
    eq(cases.id, ph('id')),
    eq(cases.version, ph('version')),
    sql`EXISTS (SELECT 1 FROM cases t WHERE t.tenant_id = ${ph('tenantId')} AND t.id = ${ph('intoId')} AND t.status IN ${sql.raw(`(${MERGE_TARGET_STATES.map((x) => `'${x}'`).join(', ')})`)})`,
  )!,
);

async function writeCase(
  ctx: ServiceCtx,
  c: CaseRow,
  now: number,
  set: Partial<typeof cases.$inferInsert>,
  event: {
    type: string;
    fromState?: string | null;
    toState?: string | null;
    /** or SQL giving the payload's JSON, read in the batch after the case's update */
    payload: Record<string, unknown> | SQL;
  },
  more: (guard: ReturnType<typeof won>) => BatchItem<'sqlite'>[] = () => [],
  /** a merge: the case it goes into must still stand when the batch runs */
  intoId?: string,
) {
  const { db, tenant, actor } = ctx;
  const token = randomString(16);
  const guard = won('cases', c.id, token);
  const { payload, ...rest } = event;
  const where = { tenantId: tenant.id, id: c.id, version: c.version };
  const values = { ...set, version: c.version + 1, moveToken: token, updatedAt: now };
  const results = await db.batch([
    intoId ? updateMergedCase(db, values, { ...where, intoId }) : updateCase(db, values, where),
    is(payload, SQL)
      ? (db.run(sql`INSERT INTO events (tenant_id, case_id, assignment_id, type, actor_id, actor_role, at, from_state, to_state, payload)
          SELECT ${tenant.id}, ${c.id}, NULL, ${event.type}, ${actor.id}, ${actor.role}, ${now}, ${event.fromState ?? null}, ${event.toState ?? null}, ${payload}
          WHERE ${guard}`) as never)
      : guardedEvent(db, actor, { tenantId: tenant.id, caseId: c.id, at: now, ...rest, payload }, guard),
    ...more(guard),
  ] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  if (affected(results[0]) === 0) throw conflict(STALE);
}

export async function routeCase(
  ctx: ServiceCtx,
  caseId: string,
  input: { version: number; units: { unitId: string; role: 'lead' | 'co' }[]; instructions?: string | null },
) {
  assertBureau(ctx);
  const { db, tenant } = ctx;
  const c = await loadCase(ctx, caseId);
  if (!c) throw notFound('案件');
  assertVersion(c, input.version);
  if (c.status === 'merged') throw conflict('该件已并入其他案件，不能转办');
  const existing = await caseQueries(db).assignments.all({ tenantId: tenant.id, caseId: c.id });
  if (c.status !== 'new' && !caseRoutable(existing))
    throw conflict('该件各承办单位已答复办结，不能再转办；群众不满意需重新办理的，请使用“重办”');
  const active = existing.filter((a) => a.state !== 'returned' && a.state !== 'refused');
  const leads = input.units.filter((u) => u.role === 'lead');
  if (!input.units.length)
    throw invalid('请选择承办单位', [{ path: 'units', message: '至少选择一个承办单位' }]);
  if (leads.length + active.filter((a) => a.role === 'lead').length !== 1)
    throw invalid('须有且只有一个主办单位', [{ path: 'units', message: '须有且只有一个主办单位' }]);
  const ids = new Set<string>();
  for (const u of input.units) {
    if (ids.has(u.unitId) || active.some((a) => a.unitId === u.unitId))
      throw invalid('同一单位不能重复交办', [{ path: 'units', message: '同一单位不能重复交办' }]);
    ids.add(u.unitId);
    const unit = await caseQueries(db).unit.get({ tenantId: tenant.id, id: u.unitId });
    if (!unit?.active) throw invalid('承办单位不存在', [{ path: 'units', message: '承办单位不存在' }]);
    if (unit.kind === 'bureau')
      throw invalid('不能交办给信访部门本身，请使用“平台自办”', [
        { path: 'units', message: '不能交办给信访部门本身' },
      ]);
  }
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx);
  const instructions = input.instructions?.trim() || null;
  const fresh = input.units.map((u) => newAssignment(ctx, c, u.unitId, u.role, now, cal));
  // Routed when every unit is new to it; a co-handler added to a case a unit already works on
  // leaves it in progress.
  const status = caseStatusFromAssignments([...existing, ...fresh]);
  await writeCase(
    ctx,
    c,
    now,
    // a case closed by refusals is open again once routed anew
    { status, closedAt: null, routedAt: c.routedAt ?? now },
    {
      type: 'case.routed',
      fromState: c.status,
      toState: status,
      payload: { units: input.units, instructions, rerouted: existing.length > 0 },
    },
    (guard) => fresh.flatMap((a) => dispatchWrites(ctx, c, a, guard, instructions)),
  );
  return fresh.map((a) => a.id);
}

/** 平台自办: the bureau answers the case itself; it becomes an assignment of the bureau unit. */
export async function selfHandle(ctx: ServiceCtx, caseId: string, input: { version: number; reply: string }) {
  assertBureau(ctx);
  const { db, tenant, actor, settings } = ctx;
  const c = await loadCase(ctx, caseId);
  if (!c) throw notFound('案件');
  assertVersion(c, input.version);
  if (c.status !== 'new') throw conflict('只有待分派的件可以平台自办');
  const body = input.reply.trim();
  if (!body) throw invalid('答复内容不能为空', [{ path: 'reply', message: '请填写答复内容' }]);
  const bureau = await bureauUnit(ctx);
  if (!bureau) throw invalid('本县尚未设置信访部门单位');
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx);
  const base = newAssignment(ctx, c, bureau.id, 'lead', now, cal);
  const a: AssignmentRow = {
    ...base,
    state: 'replied',
    signedAt: now,
    decidedAt: now,
    replyDueAt: replyDeadline(now, caseFacts(c), settings, cal, c.higherLevelDueAt),
    repliedAt: now,
    ratingDueAt: ratingDeadline(now, settings, cal),
    dueAt: null,
    dueStep: null,
  };
  const replyId = newId();
  await writeCase(
    ctx,
    c,
    now,
    { status: 'replied', routedAt: now },
    { type: 'case.self_handled', fromState: c.status, toState: 'replied', payload: {} },
    (guard) => [
      db.run(sql`INSERT INTO assignments (id, tenant_id, case_id, unit_id, role, state, version, dispatched_at, dispatch_day, dispatched_by,
          sign_due_at, signed_at, return_due_at, accept_due_at, decided_at, reply_due_at, replied_at, rating_due_at, updated_at)
        SELECT ${a.id}, ${tenant.id}, ${c.id}, ${a.unitId}, 'lead', 'replied', 1, ${now}, ${a.dispatchDay}, ${actor.id},
          ${a.signDueAt}, ${now}, ${a.returnDueAt}, ${a.acceptDueAt}, ${now}, ${a.replyDueAt}, ${now}, ${a.ratingDueAt}, ${now} WHERE ${guard}`) as never,
      db.run(sql`INSERT INTO replies (id, tenant_id, case_id, assignment_id, round, body, status, author_id, reviewer_id, created_at, updated_at, sent_at)
        SELECT ${replyId}, ${tenant.id}, ${c.id}, ${a.id}, 0, ${body}, 'sent', ${actor.id}, ${actor.id}, ${now}, ${now}, ${now} WHERE ${guard}`) as never,
      // The moves the bureau made at once, each with its states like any other unit's.
      ...(
        [
          ['assignment.dispatched', null, 'dispatched'],
          ['assignment.signed', 'dispatched', 'signed'],
          ['assignment.accepted', 'signed', 'accepted'],
          ['assignment.replied', 'accepted', 'replied'],
        ] as const
      ).map(([type, fromState, toState]) =>
        guardedEvent(
          db,
          actor,
          {
            tenantId: tenant.id,
            caseId: c.id,
            assignmentId: a.id,
            type,
            at: now,
            fromState,
            toState,
            payload:
              type === 'assignment.dispatched'
                ? {
                    unitId: a.unitId,
                    role: 'lead',
                    signDueAt: a.signDueAt,
                    acceptDueAt: a.acceptDueAt,
                    returnDueAt: a.returnDueAt,
                    selfHandled: true,
                  }
                : type === 'assignment.accepted'
                  ? { replyDueAt: a.replyDueAt }
                  : type === 'assignment.replied'
                    ? { replyId, ratingDueAt: a.ratingDueAt }
                    : {},
          },
          guard,
        ),
      ),
      ...statsWritesForMove(ctx, { before: null, after: a, caseRow: c, guard }),
    ],
  );
  return a.id;
}

/**
 * The head of the repeat chain a case belongs to: its "repeat of", and the case it was merged into,
 * followed until a case that has neither (a loop stops where it closes). Chains stay flat, so this
 * is a read or two.
 */
async function chainHead(ctx: ServiceCtx, caseId: string): Promise<{ id: string; number: string }> {
  const seen = new Set<string>();
  let at: { id: string; number: string } | null = null;
  for (let id: string | null = caseId; id && !seen.has(id); ) {
    seen.add(id);
    const row: { id: string; number: string; next: string | null } | undefined = (
      await ctx.db
        .select({
          id: cases.id,
          number: cases.number,
          next: sql<string | null>`COALESCE(${cases.mergedIntoCaseId}, ${cases.repeatOfCaseId})`,
        })
        .from(cases)
        .where(and(eq(cases.tenantId, ctx.tenant.id), eq(cases.id, id)))
        .limit(1)
    )[0];
    if (!row) break;
    at = { id: row.id, number: row.number };
    id = row.next;
  }
  if (!at) throw notFound('案件');
  return at;
}

/**
 * The cases that chained to `from` move to `head`, each with an event on its own timeline, when
 * `from` joins another chain (confirmed a repeat of an earlier case) or is merged: a chain stays
 * one head deep whatever the order of the decisions. The events read the cases before the update
 * moves them, in one batch, under the decision's guard.
 */
function moveChain(
  ctx: ServiceCtx,
  from: { id: string; number: string },
  head: { id: string; number: string },
  now: number,
  guard: SQL,
  because: 'repeat' | 'merged',
): BatchItem<'sqlite'>[] {
  const { db, tenant, actor } = ctx;
  const followers = sql`tenant_id = ${tenant.id} AND repeat_of_case_id = ${from.id} AND id <> ${head.id}`;
  return [
    db.run(sql`INSERT INTO events (tenant_id, case_id, assignment_id, type, actor_id, actor_role, at, from_state, to_state, payload)
      SELECT ${tenant.id}, id, NULL, 'case.repeat_chain_moved', ${actor.id}, ${actor.role}, ${now}, NULL, NULL,
        json_object('fromCaseId', ${from.id}, 'fromNumber', ${from.number}, 'chainHead', ${head.id},
          'chainHeadNumber', ${head.number}, 'because', ${because})
      FROM cases WHERE ${followers} AND ${guard} ORDER BY number`) as never,
    db.run(sql`UPDATE cases SET repeat_of_case_id = ${head.id}, version = version + 1, updated_at = ${now}
      WHERE ${followers} AND ${guard}`) as never,
  ];
}

export async function mergeCase(
  ctx: ServiceCtx,
  caseId: string,
  input: { version: number; intoCaseId: string },
) {
  assertBureau(ctx);
  const { db, tenant, actor } = ctx;
  const c = await loadCase(ctx, caseId);
  if (!c) throw notFound('案件');
  assertVersion(c, input.version);
  if (c.status === 'merged') throw conflict('该件已并入其他案件，不能再次合并');
  if (input.intoCaseId === c.id)
    throw invalid('不能把案件并入它自己，请选择另一件', [
      { path: 'intoCaseId', message: '不能并入本件自己' },
    ]);
  const into = await loadCase(ctx, input.intoCaseId);
  if (!into) throw invalid('要并入的案件不存在', [{ path: 'intoCaseId', message: '案件不存在' }]);
  if (into.status === 'merged')
    throw invalid('不能并入一个已被合并的案件', [{ path: 'intoCaseId', message: '该件已被合并' }]);
  // A matter answered or closed is not being handled any more: a new letter about it is a new case
  // (or the citizen's 复查), not one to fold into an old answer that nothing will follow.
  if (!MERGE_TARGET_STATES.includes(into.status))
    throw conflict('只能并入尚在办理中的案件；已答复或已办结的，请作为新件交办或按复查处理', [
      { path: 'intoCaseId', message: '该件已答复或已办结' },
    ]);
  const open = await db
    .select({ id: assignments.id, state: assignments.state })
    .from(assignments)
    .where(and(eq(assignments.tenantId, tenant.id), eq(assignments.caseId, c.id)));
  if (open.some((a) => a.state !== 'returned')) throw conflict('该件已交办，不能合并；请先处理其批转件');
  // Its repeat suggestions still waiting leave the queue with it. Nobody judged them: they are not
  // confirmed (that would count the case a repeat in the statistics), but set aside (rejected, as
  // 排除 reads) by the dispatcher who merged, as new cases are never suggested against a merged one
  // either. None disappears unrecorded: the merge's event lists each, and one that belongs to a later
  // case (C repeats B, B merged into A) is also recorded on C, as a decision on it would be, so C's
  // timeline and the audit log under C say what became of it.
  // The events and the update read the suggestions in the same batch (one transaction), in that
  // order, under the same guard: they name exactly the ones the update sets aside, not one another
  // dispatcher decided after this merge was asked for, and none if the merge lost.
  const now = ctx.clock.now();
  const mine = (s: string) => sql`${sql.raw(s)}.tenant_id = ${tenant.id} AND ${sql.raw(s)}.status = 'pending'
    AND (${sql.raw(s)}.case_id = ${c.id} OR ${sql.raw(s)}.earlier_case_id = ${c.id})`;
  const setAside = sql`json((SELECT json_group_array(json_object('suggestionId', y.id, 'otherCaseId', y.other,
      'otherNumber', y.number)) FROM (
      SELECT x.id, x.other, oc.number FROM (
        SELECT s.id, CASE WHEN s.case_id = ${c.id} THEN s.earlier_case_id ELSE s.case_id END AS other
        FROM repeat_suggestions s WHERE ${mine('s')}) x
      LEFT JOIN cases oc ON oc.tenant_id = ${tenant.id} AND oc.id = x.other
      ORDER BY oc.number, x.id) y))`;
  // The cases that chained to this one now chain to what it goes into (or that one's head).
  let head = await chainHead(ctx, into.id);
  if (head.id === c.id) head = { id: into.id, number: into.number };
  await writeCase(
    ctx,
    c,
    now,
    { status: 'merged', mergedIntoCaseId: into.id },
    {
      type: 'case.merged',
      fromState: c.status,
      toState: 'merged',
      payload: sql`json_object('intoCaseId', ${into.id}, 'intoNumber', ${into.number}, 'repeatsSetAside', ${setAside})`,
    },
    (guard) => [
      ...moveChain(ctx, c, head, now, guard, 'merged'),
      // on each later case whose suggestion goes (its earlier case is the merged one)
      db.run(sql`INSERT INTO events (tenant_id, case_id, assignment_id, type, actor_id, actor_role, at, from_state, to_state, payload)
        SELECT ${tenant.id}, s.case_id, NULL, 'case.repeat_rejected', ${actor.id}, ${actor.role}, ${now}, NULL, NULL,
          json_object('suggestionId', s.id, 'earlierCaseId', s.earlier_case_id, 'earlierNumber', ${c.number},
            'mergedIntoCaseId', ${into.id}, 'mergedIntoNumber', ${into.number})
        FROM repeat_suggestions s
        WHERE ${mine('s')} AND s.case_id <> ${c.id} AND ${guard}
        ORDER BY s.case_id`) as never,
      db.run(sql`UPDATE repeat_suggestions SET status = 'rejected', decided_by = ${actor.id}, decided_at = ${now}
        WHERE ${mine('repeat_suggestions')} AND ${guard}`) as never,
      guardedEvent(
        db,
        actor,
        {
          tenantId: tenant.id,
          caseId: into.id,
          type: 'case.merged',
          at: now,
          payload: { fromCaseId: c.id, fromNumber: c.number },
        },
        guard,
      ),
    ],
    into.id,
  );
}

/** 问政: a dispatcher publishes the answer on the public board, or withholds it. */
export async function setPublication(
  ctx: ServiceCtx,
  caseId: string,
  input: {
    version: number;
    publish: boolean;
    answer?: string | null;
    /** the question as the public will read it; by default the citizen's, personal data taken out */
    title?: string | null;
    content?: string | null;
  },
) {
  assertBureau(ctx);
  const { db, tenant } = ctx;
  const c = await loadCase(ctx, caseId);
  if (!c) throw notFound('案件');
  assertVersion(c, input.version);
  if (c.kind !== 'inquiry') throw invalid('只有网上问政件可以公开发布');
  if (input.publish && !c.isPublic) throw conflict('群众选择不公开此问政，不能发布');
  let answer = input.answer?.trim() || null;
  let draft: ReturnType<typeof publicDraft> | null = null;
  if (input.publish) {
    // Only an answer that went through the unit's review and reached the citizen goes public; the
    // dispatcher may publish an edited text of it (e.g. with names taken out), not an answer of
    // their own before the unit replied.
    const sent = await db
      .select({ body: replies.body })
      .from(replies)
      .where(and(eq(replies.tenantId, tenant.id), eq(replies.caseId, c.id), eq(replies.status, 'sent')))
      .orderBy(sql`${replies.sentAt} DESC`)
      .limit(1);
    if (!sent[0]) throw conflict('该问政尚未答复，不能发布');
    // Whatever the dispatcher typed, numbers and the citizen's name are taken out once more.
    draft = publicDraft(c, {
      title: input.title?.trim() || c.title,
      content: input.content?.trim() || c.content,
      answer: answer ?? sent[0].body,
    });
    answer = draft.answer;
  }
  const now = ctx.clock.now();
  await writeCase(
    ctx,
    c,
    now,
    {
      publishStatus: input.publish ? 'published' : 'withheld',
      publicAnswer: input.publish ? answer : c.publicAnswer,
      publicTitle: draft ? draft.title : c.publicTitle,
      publicContent: draft ? draft.content : c.publicContent,
      publishedAt: input.publish ? now : null,
    },
    {
      type: input.publish ? 'case.published' : 'case.withheld',
      payload: { answerLength: answer?.length ?? 0 },
    },
  );
}

/** A 问政 as it would go public: its question and answer with the citizen's personal data out. */
export function publicDraft(
  c: { petitionerName: string | null; petitionerPhone: string | null; petitionerIdNumber: string | null },
  text: { title: string; content: string; answer: string },
) {
  const known = { name: c.petitionerName, phone: c.petitionerPhone, idNumber: c.petitionerIdNumber };
  return {
    title: redactPersonalData(text.title, known),
    content: redactPersonalData(text.content, known),
    answer: redactPersonalData(text.answer, known),
  };
}

export type ReviewDecision = 'upheld' | 'revised';

/**
 * The answer to a citizen's review request (复查意见, or 复核意见 at the second level), recorded by
 * the bureau: whether the original handling is upheld (维持) or revised (撤销或变更), with the
 * opinion the citizen reads. The next level may be asked within the review window after it.
 */
export async function answerReview(
  ctx: ServiceCtx,
  caseId: string,
  input: { version: number; decision: ReviewDecision; opinion: string },
) {
  assertBureau(ctx);
  const c = await loadCase(ctx, caseId);
  if (!c) throw notFound('案件');
  assertVersion(c, input.version);
  // The bureau owes a formal opinion even if a unit has written again meanwhile: replies do not count.
  const { pending } = reviewState({
    requestedAt: c.reviewRequestedAt,
    answeredAt: c.reviewAnsweredAt,
    lastReplyAt: null,
  });
  if (!pending || c.reviewRequestedAt == null) throw conflict('该件没有待答复的复查（复核）申请');
  const opinion = input.opinion.trim();
  if (!opinion)
    throw invalid('请填写复查（复核）意见', [{ path: 'opinion', message: '请填写复查（复核）意见' }]);
  const now = ctx.clock.now();
  const dueAt = reviewAnswerDeadline(c.reviewRequestedAt, ctx.settings, await calendarFor(ctx));
  await writeCase(
    ctx,
    c,
    now,
    { reviewAnsweredAt: now },
    {
      type: 'case.review_answered',
      payload: { level: c.reviewLevel, decision: input.decision, opinion, late: !isInTime(now, dueAt) },
    },
  );
}

/**
 * A 复查 (复核) asked by letter, in person or by phone: the bureau registers it on the case, with the
 * same window and the same one-at-a-time rule as the portal's request (citizen.ts). Cases without a
 * query code — imported ones, or a petitioner who never used it — have no other way to one.
 */
export async function registerReviewRequest(
  ctx: ServiceCtx,
  caseId: string,
  input: { version: number; reason: string; channel: string },
) {
  assertBureau(ctx);
  const c = await loadCase(ctx, caseId);
  if (!c) throw notFound('案件');
  await requestByCitizen(
    ctx,
    c.id,
    { kind: 'review', reason: input.reason },
    { version: input.version, channel: input.channel },
  );
}

async function loadSuggestion(ctx: ServiceCtx, id: string) {
  const s = (
    await ctx.db
      .select()
      .from(repeatSuggestions)
      .where(and(eq(repeatSuggestions.tenantId, ctx.tenant.id), eq(repeatSuggestions.id, id)))
      .limit(1)
  )[0];
  if (!s) throw notFound('重复件提示');
  return s;
}

/** The dispatcher confirms or rejects a suggested repeat; confirmed repeats chain to the first case. */
export async function decideRepeat(ctx: ServiceCtx, suggestionId: string, confirm: boolean) {
  assertBureau(ctx);
  const { db, tenant, actor } = ctx;
  const s = await loadSuggestion(ctx, suggestionId);
  if (s.status !== 'pending') throw conflict('该提示已处理');
  const now = ctx.clock.now();
  // The chain's head: the earlier case's own "repeat of", or the case it was merged into, followed
  // to the end; the cases that chained to this one move there too (moveChain).
  const head = await chainHead(ctx, s.earlierCaseId);
  if (confirm && head.id === s.caseId) throw conflict('前案已是本件的重复件，不能再确认本件为其重复件');
  const status = confirm ? 'confirmed' : 'rejected';
  // The case and the event change only if this decision is the one that took the suggestion
  // (a second dispatcher deciding at the same time finds it decided and writes nothing).
  const decided = sql`EXISTS (SELECT 1 FROM repeat_suggestions WHERE id = ${s.id} AND status = ${status}
    AND decided_by = ${actor.id} AND decided_at = ${now})`;
  // Statistics count the case and its assignments again as a repeat; the decision holds only while
  // they are as read for it (stats-hook.ts).
  const repeatCase = confirm ? await loadCase(ctx, s.caseId) : null;
  const stats = repeatCase ? await statsWritesForRepeat(ctx, repeatCase, decided) : null;
  const writes: BatchItem<'sqlite'>[] = [
    db
      .update(repeatSuggestions)
      .set({ status, decidedBy: actor.id, decidedAt: now })
      .where(
        and(eq(repeatSuggestions.id, s.id), eq(repeatSuggestions.status, 'pending'), stats?.precondition),
      ),
    ...(stats?.writes ?? []),
  ];
  if (repeatCase)
    writes.push(
      ...moveChain(ctx, repeatCase, head, now, decided, 'repeat'),
      db
        .update(cases)
        .set({ isRepeat: true, repeatOfCaseId: head.id, updatedAt: now, version: sql`${cases.version} + 1` })
        .where(and(eq(cases.tenantId, tenant.id), eq(cases.id, s.caseId), decided)),
    );
  writes.push(
    guardedEvent(
      db,
      actor,
      {
        tenantId: tenant.id,
        caseId: s.caseId,
        type: confirm ? 'case.repeat_confirmed' : 'case.repeat_rejected',
        at: now,
        payload: { earlierCaseId: s.earlierCaseId, chainHead: head.id },
      },
      decided,
    ) as never,
  );
  const results = await db.batch(writes as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  if (affected(results[0]) === 0) throw conflict('该提示已处理');
}

/**
 * The dispatcher takes back a rejection (排除) made by mistake: the suggestion waits in the queue
 * again, to be confirmed or rejected anew. A confirmation is not taken back here: the statistics,
 * including those as they stood at a past 统计时点, count the case a repeat from its confirmation.
 * A suggestion set aside by a merge stays so: one of its cases is no more.
 */
export async function reopenRepeat(ctx: ServiceCtx, suggestionId: string) {
  assertBureau(ctx);
  const { db, tenant, actor } = ctx;
  const s = await loadSuggestion(ctx, suggestionId);
  if (s.status === 'pending') throw conflict('该提示尚未处理');
  if (s.status === 'confirmed') throw conflict('已确认的重复件不能撤回：统计已按重复件计入');
  const merged = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, tenant.id),
        inList(cases.id, [s.caseId, s.earlierCaseId]),
        eq(cases.status, 'merged'),
      ),
    );
  if (merged.length) throw conflict('其中一件已并入其他案件，该提示不能重新处理');
  const now = ctx.clock.now();
  // The event is written first, while the suggestion still stands rejected as read, and the update
  // then takes it back, in one transaction: a second dispatcher at the same time writes neither.
  const rejected = sql`EXISTS (SELECT 1 FROM repeat_suggestions WHERE id = ${s.id} AND status = 'rejected'
    AND decided_at = ${s.decidedAt ?? 0})`;
  const results = await db.batch([
    guardedEvent(
      db,
      actor,
      {
        tenantId: tenant.id,
        caseId: s.caseId,
        type: 'case.repeat_reopened',
        at: now,
        payload: { suggestionId: s.id, earlierCaseId: s.earlierCaseId, rejectedAt: s.decidedAt },
      },
      rejected,
    ) as never,
    db
      .update(repeatSuggestions)
      .set({ status: 'pending', decidedBy: null, decidedAt: null })
      .where(
        and(
          eq(repeatSuggestions.id, s.id),
          eq(repeatSuggestions.status, 'rejected'),
          eq(repeatSuggestions.decidedAt, s.decidedAt ?? 0),
        ),
      ),
  ]);
  if (affected(results[1]) === 0) throw conflict('该提示已处理');
}
