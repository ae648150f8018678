// Every move of an assignment (签收, 受理, 不予受理, 退件, 延期, 答复, 审核, 办结, 评价, 重办, 督办, 催办):
// checked by the pure state machine, applied with compare-and-set on the assignment's version, and
// recorded as an event in the same batch. A stale version answers 409 and changes nothing.
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { bound, ph, preparedRun, preparedSet, preparedUpdate } from '../../../db/prepared';
import { assignments, attachments, cases, replies } from '../../../db/schema';
import type { AssignmentState, RatingValue } from '../../../db/schema/cases';
import type { Actor, ServiceCtx } from '../../api/context';
import { dueDay, resolveRule } from '../../domain/deadlines';
import { cnDay } from '../../domain/labels';
import {
  caseStatusFromAssignments,
  checkMove,
  type Move,
  type ReplyStatus,
} from '../../domain/state-machine';
import { AppError, notFound } from '../../lib/errors';
import { newId, randomString } from '../../lib/ids';
import { dueOf, planMove } from './move-plan';
import { reminderInsert } from './reminders';
import { attachmentsClaimable, STALE_ATTACHMENTS } from './refs';
import {
  affected,
  calendarFor,
  caseFacts,
  guardedEvent,
  isUnitRole,
  systemActor,
  WON_PH,
  won,
} from './common';
import { statsPriorEvents, statsWritesForMove } from './stats-hook';

export type AssignmentRow = typeof assignments.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;
export type ReplyRow = typeof replies.$inferSelect;

export interface MoveInput {
  version: number;
  reason?: string | null;
  notice?: string | null;
  note?: string | null;
  days?: number;
  body?: string | null;
  message?: string | null;
  dueAt?: number | null;
  value?: RatingValue | null;
  bureauValue?: RatingValue | null;
  comment?: string | null;
  /** files attached to a reply draft (答复意见书, 送达回证 scans), uploaded first */
  attachmentIds?: string[];
}

/** URL segment → move. */
export const MOVE_PATHS: Record<string, Move> = {
  sign: 'sign',
  accept: 'accept',
  refuse: 'refuse',
  return: 'requestReturn',
  'approve-return': 'approveReturn',
  'reject-return': 'rejectReturn',
  'request-extension': 'requestExtension',
  'approve-extension': 'approveExtension',
  'deny-extension': 'denyExtension',
  reply: 'draftReply',
  'submit-reply': 'submitReply',
  'approve-reply': 'approveReply',
  'reject-reply': 'rejectReply',
  'send-reply': 'sendReply',
  close: 'close',
  rate: 'rate',
  reopen: 'reopen',
  'keep-answer': 'keepAnswer',
  supervise: 'supervise',
  urge: 'urge',
};

export async function loadAssignment(ctx: Pick<ServiceCtx, 'db' | 'tenant'>, id: string) {
  return (await readQueries(ctx.db).assignment.get({ tenantId: ctx.tenant.id, id })) ?? null;
}

export async function currentReply(
  ctx: Pick<ServiceCtx, 'db' | 'tenant'>,
  a: AssignmentRow,
): Promise<ReplyRow | null> {
  return (
    (await readQueries(ctx.db).reply.get({
      tenantId: ctx.tenant.id,
      assignmentId: a.id,
      round: a.reworkCount,
    })) ?? null
  );
}

// An assignment and its reply of the current round, read by every move: built once per database.
const readQueries = preparedSet((db) => ({
  assignment: db
    .select()
    .from(assignments)
    .where(and(eq(assignments.tenantId, ph('tenantId')), eq(assignments.id, ph('id'))))
    .limit(1)
    .prepare(),
  reply: db
    .select()
    .from(replies)
    .where(
      and(
        eq(replies.tenantId, ph('tenantId')),
        eq(replies.assignmentId, ph('assignmentId')),
        eq(replies.round, ph('round')),
      ),
    )
    .orderBy(desc(replies.createdAt))
    .limit(1)
    .prepare(),
}));

/** Units see only their own assignments: another unit's is "not found", like another county's. */
export function assertCanSee(actor: Actor, a: Pick<AssignmentRow, 'unitId'>) {
  if (isUnitRole(actor) && actor.unitId !== a.unitId) throw notFound('批转件');
}

export { dueOf } from './move-plan';

/** The case columns a move needs: deadline facts, status, what statistics key on, the number (reminders). */
export const CASE_CORE = {
  id: cases.id,
  number: cases.number,
  tenantId: cases.tenantId,
  kind: cases.kind,
  channel: cases.channel,
  purpose: cases.purpose,
  fastTrack: cases.fastTrack,
  status: cases.status,
  isRepeat: cases.isRepeat,
  receivedAt: cases.receivedAt,
  receivedDay: cases.receivedDay,
  higherLevelDueAt: cases.higherLevelDueAt,
  closedAt: cases.closedAt,
  version: cases.version,
};
export type CaseCore = Pick<CaseRow, keyof typeof CASE_CORE>;

// The read every move makes, built once per database (db/prepared.ts): the case's core columns
// and the states of all its assignments, in one statement (one snapshot).
const moveQueries = preparedSet((db) => ({
  caseCore: db
    .select({
      ...CASE_CORE,
      siblings: sql<string>`(SELECT json_group_array(json_array(a.id, a.state, a.dispatched_at)) FROM assignments a
        WHERE a.tenant_id = cases.tenant_id AND a.case_id = cases.id)`,
    })
    .from(cases)
    .where(and(eq(cases.tenantId, ph('tenantId')), eq(cases.id, ph('caseId'))))
    .limit(1)
    .prepare(),
}));

// The writes every move makes, prepared once per database and set of columns: building them with
// drizzle on every move cost more than SQLite spends running them.
const updateAssignment = preparedUpdate(
  assignments,
  and(
    eq(assignments.tenantId, ph('tenantId')),
    eq(assignments.id, ph('id')),
    eq(assignments.version, ph('version')),
  )!,
);
/** the case's status, with compare-and-set on its version, only if the move won */
const updateCaseStatus = preparedUpdate(
  cases,
  and(eq(cases.id, ph('id')), eq(cases.version, ph('version')), WON_PH.assignments)!,
);
/** a reply of the moved assignment, only if the move won */
const updateReply = preparedUpdate(replies, and(eq(replies.id, ph('id')), WON_PH.assignments)!);
const moveInserts = preparedSet((db) => ({
  reply: preparedRun(
    db,
    sql`INSERT INTO replies (id, tenant_id, case_id, assignment_id, round, body, status, author_id, created_at, updated_at)
      SELECT ${ph('id')}, ${ph('tenantId')}, ${ph('caseId')}, ${ph('assignmentId')}, ${ph('round')}, ${ph('body')}, 'draft', ${ph('authorId')}, ${ph('now')}, ${ph('now')}
      WHERE ${WON_PH.assignments}`,
  ),
  rating: preparedRun(
    db,
    sql`INSERT INTO ratings (id, tenant_id, case_id, assignment_id, target, unit_id, value, comment, round, rated_at, source)
      SELECT ${ph('id')}, ${ph('tenantId')}, ${ph('caseId')}, ${ph('assignmentId')}, ${ph('target')}, ${ph('unitId')}, ${ph('value')}, ${ph('comment')}, ${ph('round')}, ${ph('now')}, ${ph('source')}
      WHERE ${WON_PH.assignments}`,
  ),
}));

type GuardValues = { guardId: string; guardToken: string };

export interface MoveResult {
  assignment: AssignmentRow;
  caseStatus: CaseRow['status'];
}

export async function moveAssignment(
  ctx: ServiceCtx,
  assignmentId: string,
  move: Move,
  input: MoveInput,
  /** the caller's copy of the row, to save a read; if it is stale the compare-and-set refuses */
  preloaded?: AssignmentRow,
): Promise<MoveResult> {
  const { db, tenant, actor, settings } = ctx;
  const a =
    preloaded?.id === assignmentId && preloaded.tenantId === tenant.id
      ? preloaded
      : await loadAssignment(ctx, assignmentId);
  if (!a) throw notFound('批转件');
  assertCanSee(actor, a);
  if (a.version !== input.version) {
    throw new AppError('CONFLICT', '该件已被他人处理，页面内容已过期，请刷新后重试', [
      { path: 'version', message: `当前版本为 ${a.version}`, currentVersion: a.version, state: a.state },
    ]);
  }
  // Only the columns a move needs: libSQL's cost per read grows with the columns it returns.
  const q = moveQueries(db);
  const c = await q.caseCore.get({ tenantId: tenant.id, caseId: a.caseId });
  if (!c) throw notFound('案件');
  const now = ctx.clock.now();
  const cal = await calendarFor(ctx);
  const facts = caseFacts(c);
  const rule = resolveRule(settings, facts);
  const reply = ['draftReply', 'submitReply', 'approveReply', 'rejectReply', 'sendReply'].includes(move)
    ? await currentReply(ctx, a)
    : null;
  const replyStatus = (reply?.status ?? null) as ReplyStatus | null;
  const role = actor.role;

  const check = checkMove(move, {
    state: a.state,
    role,
    now,
    reason: input.reason,
    notice: input.notice,
    note: input.note,
    message: input.message,
    returnDueAt: a.returnDueAt,
    signedAt: a.signedAt,
    days: input.days as number,
    extensionDays: a.extensionDays,
    pendingExtensionDays: a.pendingExtensionDays,
    maxExtensionDays: rule.maxExtensionDays,
    replyDueAt: a.replyDueAt,
    higherLevelDueAt: c.higherLevelDueAt,
    replyStatus,
    requireReplyReview: settings.requireReplyReview,
    ratingDueAt: a.ratingDueAt,
    value: input.value,
    rating: a.rating,
    reworkDeclinedAt: a.reworkDeclinedAt,
    dueAt: input.dueAt,
  } as never);
  if (!check.ok)
    throw new AppError(
      check.code,
      check.message,
      check.path ? [{ path: check.path, message: check.message }] : [],
    );
  if (move === 'approveReply' || move === 'rejectReply') {
    if (actor.unitId !== a.unitId) throw notFound('批转件');
  }

  if (move === 'rate' && !input.value) {
    // The state machine checks the value too; say it at the field.
    throw new AppError('VALIDATION', '请选择评价', [
      { path: 'value', message: '请选择满意、基本满意或不满意' },
    ]);
  }
  const trim = (t?: string | null) => t?.trim() ?? null;
  const draftBody = move === 'draftReply' ? (input.body?.trim() ?? '') : '';
  if (move === 'draftReply' && !draftBody)
    throw new AppError('VALIDATION', '答复内容不能为空', [{ path: 'body', message: '请填写答复内容' }]);
  if (
    move === 'draftReply' &&
    input.attachmentIds?.length &&
    !(await attachmentsClaimable(db, tenant.id, input.attachmentIds, actor.id))
  )
    throw new AppError('VALIDATION', STALE_ATTACHMENTS, [
      { path: 'attachmentIds', message: STALE_ATTACHMENTS },
    ]);
  const replyId =
    move === 'draftReply' ? (reply && reply.status !== 'sent' ? reply.id : newId()) : (reply?.id ?? null);
  const plan = planMove(
    a,
    move,
    {
      now,
      reason: trim(input.reason),
      notice: trim(input.notice),
      note: move === 'supervise' ? trim(input.note) : (input.note ?? null),
      message: trim(input.message),
      days: input.days ?? null,
      dueAt: input.dueAt ?? null,
      value: input.value ?? null,
      bureauValue: input.bureauValue ?? null,
      comment: input.comment ?? null,
      replyId,
    },
    { facts, settings, cal, higherLevelDueAt: c.higherLevelDueAt },
  );
  const patch = plan.patch;
  const payload: Record<string, unknown> = plan.payload;
  // The writes a move makes besides the assignment row: replies, their files, ratings.
  const extra: Array<(guard: SQL, won: GuardValues) => BatchItem<'sqlite'>> = [];
  /** A reminder to the unit, written in the move's batch and only if the move won. */
  const remindUnit = (kind: string, message: string, key: string) =>
    extra.push((guard) =>
      reminderInsert(
        db,
        {
          tenantId: tenant.id,
          unitId: a.unitId,
          assignmentId: a.id,
          caseId: a.caseId,
          kind,
          message,
          dedupeKey: `${a.id}:${key}`,
          createdAt: now,
        },
        guard,
      ),
    );
  /** a deadline as the last day it runs to (2026年3月18日), and the bureau's optional note */
  const day = (dueAt: number) => cnDay(dueDay(dueAt, settings));
  // the bureau's note inside the reminder's sentence: its own closing stop would double the next one
  const note = trim(input.note)?.replace(/[。．.！!；;，,、\s]+$/u, '') ?? '';
  const bureauNote = note ? `：${note}` : '';
  switch (move) {
    case 'draftReply': {
      payload.attachments = input.attachmentIds?.length ?? 0;
      if (input.attachmentIds?.length) {
        const ids = input.attachmentIds;
        // only this tenant's files, not yet attached to anything, uploaded by this actor
        extra.push(
          (guard) =>
            db
              .update(attachments)
              .set({ caseId: a.caseId, replyId })
              .where(
                and(
                  eq(attachments.tenantId, tenant.id),
                  inArray(attachments.id, ids),
                  isNull(attachments.caseId),
                  // a file taken off a reply (no case, its reply kept) stays off
                  isNull(attachments.replyId),
                  // only files this person uploaded (a citizen's are marked 'citizen')
                  eq(attachments.uploadedBy, actor.id),
                  guard,
                ),
              ) as never,
        );
      }
      extra.push((_, w) =>
        reply && reply.status !== 'sent'
          ? updateReply(
              db,
              { body: draftBody, status: 'draft', authorId: actor.id, updatedAt: now },
              { id: reply.id, ...w },
            )
          : bound(moveInserts(db).reply, {
              id: replyId,
              tenantId: tenant.id,
              caseId: a.caseId,
              assignmentId: a.id,
              round: a.reworkCount,
              body: draftBody,
              authorId: actor.id,
              now,
              ...w,
            }),
      );
      break;
    }
    case 'submitReply':
    case 'approveReply':
    case 'rejectReply': {
      const status =
        move === 'submitReply' ? 'pending_review' : move === 'approveReply' ? 'approved' : 'rejected';
      const review =
        move === 'submitReply' ? {} : { reviewerId: actor.id, reviewNote: input.note?.trim() || null };
      if (move === 'submitReply') delete payload.note;
      extra.push((_, w) => updateReply(db, { status, updatedAt: now, ...review }, { id: reply!.id, ...w }));
      // the handler who submitted it learns the leader's word on the console home, not by phone
      if (move === 'approveReply')
        remindUnit('reply_approved', `${c.number} 答复已经领导审核通过，请答复群众`, `reply:${a.version}`);
      if (move === 'rejectReply')
        remindUnit(
          'reply_rejected',
          `${c.number} 答复被领导退回修改：${review.reviewNote}`,
          `reply:${a.version}`,
        );
      break;
    }
    // The bureau's answer to what the unit asked (退件, 延期) and a 重办 reach the unit as a reminder,
    // as 督办 and 催办 do: otherwise it learns of them only by opening each case (or by phone).
    case 'approveReturn':
    case 'rejectReturn':
      remindUnit(
        move === 'approveReturn' ? 'return_approved' : 'return_rejected',
        move === 'approveReturn'
          ? `${c.number} 退件申请已同意${bureauNote}`
          : `${c.number} 退件申请被驳回${bureauNote}。请继续办理`,
        `return:${a.version}`,
      );
      break;
    case 'approveExtension':
      remindUnit(
        'extension_approved',
        `${c.number} 延期申请已批准，延期 ${plan.payload.days} 天，请于${day(patch.replyDueAt!)}前答复`,
        `extension:${a.version}`,
      );
      break;
    case 'denyExtension': {
      const by = a.replyDueAt != null ? `，请于${day(a.replyDueAt)}前答复` : '';
      remindUnit(
        'extension_denied',
        `${c.number} 延期申请未获批准${bureauNote}${by}`,
        `extension:${a.version}`,
      );
      break;
    }
    case 'reopen':
      remindUnit(
        'reopened',
        `${c.number} 重办：${plan.payload.reason}（请于${day(patch.replyDueAt!)}前重新答复）`,
        `reopened:${a.version}`,
      );
      break;
    case 'sendReply':
      extra.push((_, w) =>
        updateReply(db, { status: 'sent', sentAt: now, updatedAt: now }, { id: reply!.id, ...w }),
      );
      break;
    case 'supervise': {
      // 督办 reaches the unit as 催办 does: a reminder on its console home, with the date it owes
      const due = patch.supervisionDueAt ?? null;
      const by = due != null ? `（请于${day(due)}前办结）` : '';
      remindUnit('supervised', `${c.number} 督办：${patch.supervisionNote}${by}`, `supervised:${a.version}`);
      break;
    }
    case 'urge':
      // 催办 reaches the unit as a reminder on its console home, unread until one of them reads it
      remindUnit('urged', `${c.number} 催办：${plan.payload.message}`, `urged:${patch.urgeCount}`);
      break;
    case 'rate': {
      const value = input.value!;
      const bureauValue = plan.bureauValue ?? null;
      const source = actor.kind === 'citizen' ? 'citizen' : actor.kind === 'system' ? 'import' : 'staff';
      const rating = (target: 'unit' | 'bureau', v: RatingValue, w: GuardValues) =>
        bound(moveInserts(db).rating, {
          id: newId(),
          tenantId: tenant.id,
          caseId: a.caseId,
          assignmentId: a.id,
          target,
          unitId: target === 'unit' ? a.unitId : null,
          value: v,
          comment: target === 'unit' ? (input.comment ?? null) : null,
          round: a.reworkCount,
          now,
          source,
          ...w,
        });
      extra.push((_, w) => rating('unit', value, w));
      if (bureauValue) extra.push((_, w) => rating('bureau', bureauValue, w));
      break;
    }
  }

  // A rating, or its window lapsing, before the unit pressed 办结 concludes its handling as 办结
  // would: from 评价/超期未评 there is no closing any more, and 办结数 would never count it (a 12345
  // caller rated on the call-back, a citizen rating on the portal before the unit closed).
  const concluding =
    (move === 'rate' || move === 'expireRating') && a.state === 'replied'
      ? {
          type: 'assignment.closed' as const,
          at: now,
          payload: { concludedBy: move === 'rate' ? ('rating' as const) : ('rating_expired' as const) },
        }
      : null;

  const to = check.to;
  const next: AssignmentRow = { ...a, ...patch, state: to };
  Object.assign(patch, dueOf(next));
  const token = randomString(16);
  const guard = won('assignments', a.id, token);
  const wonBy: GuardValues = { guardId: a.id, guardToken: token };

  // The case's status follows from all its assignments, this one in its new state.
  const siblings = JSON.parse(c.siblings) as [string, AssignmentState, number][];
  const states = siblings.map(([id, state, dispatchedAt]) => ({
    state: id === a.id ? to : state,
    dispatchedAt,
  }));
  const caseStatus = c.status === 'merged' ? c.status : caseStatusFromAssignments(states);
  const caseClosedAt = caseStatus === 'closed' || caseStatus === 'rated' ? (c.closedAt ?? now) : null;

  // the system's 办结 goes in just before the move's own event, so the log reads in that order
  const concludingEvents = concluding
    ? [
        guardedEvent(
          db,
          systemActor(tenant.id),
          {
            tenantId: tenant.id,
            caseId: a.caseId,
            assignmentId: a.id,
            ...concluding,
            fromState: 'replied',
            toState: 'closed',
          },
          guard,
        ),
      ]
    : [];
  const results = await db.batch([
    updateAssignment(
      db,
      { ...patch, state: to, version: a.version + 1, moveToken: token, updatedAt: now },
      { tenantId: tenant.id, id: a.id, version: a.version },
    ),
    ...concludingEvents,
    guardedEvent(
      db,
      actor,
      {
        tenantId: tenant.id,
        caseId: a.caseId,
        assignmentId: a.id,
        type: check.event,
        at: now,
        fromState: a.state,
        toState: to,
        payload,
      },
      guard,
    ),
    // Compare-and-set on the case's version too: the status was derived from the siblings as read
    // with the case, so if another move changed the case since, this write is skipped and settled
    // below.
    updateCaseStatus(
      db,
      { status: caseStatus, closedAt: caseClosedAt, updatedAt: now, version: c.version + 1 },
      { id: a.caseId, version: c.version, ...wonBy },
    ),
    ...extra.map((f) => f(guard, wonBy)),
    ...statsWritesForMove(ctx, {
      before: a,
      after: { ...next, ...patch },
      caseRow: c,
      guard,
      events: [...(concluding ? [concluding] : []), { type: check.event, at: now, payload }],
      priorEvents: await statsPriorEvents(ctx, a.id, check.event),
    }),
  ] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  if (affected(results[0]) === 0) {
    throw new AppError('CONFLICT', '该件已被他人处理，页面内容已过期，请刷新后重试', [
      { path: 'version', message: '版本已变化' },
    ]);
  }
  // Another unit moved a sibling (or the dispatcher routed a co-handler) while this move ran: the
  // status written above was skipped; derive it again from what is there now.
  const caseWrite = results[2 + concludingEvents.length];
  const settled = affected(caseWrite) === 0 ? await settleCaseStatus(ctx, a.caseId, now) : caseStatus;
  // The row as the update just wrote it (no re-read: it is what the compare-and-set made it).
  const fresh: AssignmentRow = {
    ...a,
    ...patch,
    state: to,
    version: a.version + 1,
    moveToken: token,
    updatedAt: now,
  };
  return { assignment: fresh, caseStatus: settled };
}

/**
 * The case's status as its assignments stand now, written with compare-and-set on the case's
 * version. Every change to a case's assignments bumps that version (in the move's batch, or here
 * when the batch's write was skipped), so a write derived from a stale read never lands, and the
 * move that commits last sees everything.
 */
async function settleCaseStatus(ctx: ServiceCtx, caseId: string, now: number): Promise<CaseRow['status']> {
  const { db, tenant } = ctx;
  let status: CaseRow['status'] = 'new';
  // Each failed round means another move landed meanwhile; that one settles after it.
  for (let round = 0; round < 10; round++) {
    const c = (
      await db
        .select({ status: cases.status, closedAt: cases.closedAt, version: cases.version })
        .from(cases)
        .where(and(eq(cases.tenantId, tenant.id), eq(cases.id, caseId)))
        .limit(1)
    )[0];
    if (!c) throw notFound('案件');
    const states = await db
      .select({ state: assignments.state, dispatchedAt: assignments.dispatchedAt })
      .from(assignments)
      .where(and(eq(assignments.tenantId, tenant.id), eq(assignments.caseId, caseId)));
    status = c.status === 'merged' ? c.status : caseStatusFromAssignments(states);
    const closedAt = status === 'closed' || status === 'rated' ? (c.closedAt ?? now) : null;
    const r = await db
      .update(cases)
      .set({ status, closedAt, updatedAt: now, version: c.version + 1 })
      .where(and(eq(cases.tenantId, tenant.id), eq(cases.id, caseId), eq(cases.version, c.version)));
    if (affected(r) > 0) break;
  }
  return status;
}
