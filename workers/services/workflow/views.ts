// What staff see: a case with its timeline and the actions open to them, queues sorted by due
// time with cursor pagination, and the dispatcher's workbench counts. Phone and ID numbers are
// masked everywhere; on 检举控告 cases units never see who the petitioner is.
import { inList } from '../../../db/in-list';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import {
  assignments,
  attachments,
  cases,
  events,
  ratings,
  repeatSuggestions,
  replies,
  units,
  users,
} from '../../../db/schema';
import type { Actor, ServiceCtx } from '../../api/context';
import { DAY_MS, endOfDay, startOfDay } from '../../domain/calendar';
import { isInTime, light } from '../../domain/lights';
import { maskIdNumber, maskPhone } from '../../domain/masking';
import { caseRoutable, checkMove, MOVES, type Move } from '../../domain/state-machine';
import { describeForStaff, UNIT_INTERNAL_EVENTS } from '../../domain/timeline';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors';
import { insertEvent } from '../../repo/events';
import { calendarFor, isBureau, isUnitRole, unitHold, unitMaySeeFile } from './common';
import { reviewRefusal } from './citizen';
import { currentReply, MOVE_PATHS } from './moves';
import { loadCase, publicDraft, suggestUnits } from './routing';
import { reviewAnswerDeadline } from '../../domain/deadlines';
import { reviewState } from '../../domain/review';
import { type SearchTerm, searchTerms } from '../../domain/search';
import { identityKey } from '../../domain/similarity';
import { hmacHex } from '../../lib/ids';

type CaseRow = typeof cases.$inferSelect;
type AssignmentRow = typeof assignments.$inferSelect;

/**
 * On a 检举控告 the accuser is known to the bureau alone (条例 art. 30): not to the units, and not
 * to a county leader's read-only account either — the accused may sit at that desk.
 */
const hideIdentity = (actor: Actor, c: CaseRow) => c.purpose === 'accusation' && !isBureau(actor);

/**
 * Who a timeline entry names. An imported history's events are the old system's record, written by
 * the import as 'system' under the clerk who ran it: the clerk is named on the import itself, never
 * as the one who signed or rated in 2024. The sweep's own events are the system's.
 */
function eventActorName(
  e: { type: string; actorId: string | null; actorRole: string | null },
  names: Map<string, string>,
): string | null {
  if (e.actorRole === 'citizen') return '群众';
  const name = names.get(e.actorId ?? '') ?? null;
  if (e.actorRole !== 'system') return name;
  if (!e.actorId || e.actorId === 'system') return '系统';
  // the import's own line already reads 历史数据导入: it names the clerk who ran it
  return e.type === 'case.imported' ? (name ?? '导入人') : '原系统记录';
}

export function caseView(actor: Actor, c: CaseRow) {
  const hidden = hideIdentity(actor, c);
  return {
    id: c.id,
    number: c.number,
    kind: c.kind,
    channel: c.channel,
    purpose: c.purpose,
    categoryId: c.categoryId,
    townshipUnitId: c.townshipUnitId,
    address: c.address,
    title: c.title,
    content: c.content,
    status: c.status,
    petitioner: hidden
      ? { hidden: true, name: null, phone: null, idNumber: null, anonymous: c.anonymous }
      : {
          hidden: false,
          name: c.petitionerName,
          phone: c.petitionerPhone ? maskPhone(c.petitionerPhone) : null,
          idNumber: c.petitionerIdNumber ? maskIdNumber(c.petitionerIdNumber) : null,
          anonymous: c.anonymous,
        },
    peopleCount: c.peopleCount,
    flags: { sensitive: c.sensitive, threat: c.threat, collective: c.collective, fastTrack: c.fastTrack },
    isPublic: c.isPublic,
    // An accuser's other cases would name them: the links stay with the bureau.
    isRepeat: hidden ? false : c.isRepeat,
    repeatOfCaseId: hidden ? null : c.repeatOfCaseId,
    mergedIntoCaseId: hidden ? null : c.mergedIntoCaseId,
    publishStatus: c.publishStatus,
    publicAnswer: c.publicAnswer,
    reviewLevel: c.reviewLevel,
    receivedAt: c.receivedAt,
    routeDueAt: c.routeDueAt,
    routedAt: c.routedAt,
    closedAt: c.closedAt,
    higherLevelDueAt: c.higherLevelDueAt,
    /** the case's number in the system it was imported from (导入), which people still quote */
    externalId: c.externalId,
    version: c.version,
  };
}

export function assignmentView(
  a: AssignmentRow,
  now: number,
  unitName?: string | null,
  extra: Record<string, unknown> = {},
) {
  return {
    id: a.id,
    caseId: a.caseId,
    unitId: a.unitId,
    unitName: unitName ?? null,
    role: a.role,
    state: a.state,
    version: a.version,
    instructions: a.instructions,
    dispatchedAt: a.dispatchedAt,
    signDueAt: a.signDueAt,
    signedAt: a.signedAt,
    acceptDueAt: a.acceptDueAt,
    decidedAt: a.decidedAt,
    returnDueAt: a.returnDueAt,
    /**
     * until when the unit may still ask to return the case (退件, 收件后 5 个工作日 by default), as
     * requestReturn allows it: not yet decided upon and the window open; else null
     */
    returnUntil:
      MOVES.requestReturn.from.includes(a.state) && isInTime(now, a.returnDueAt) ? a.returnDueAt : null,
    returnReason: a.returnReason,
    refuseReason: a.refuseReason,
    refuseNotice: a.refuseNotice,
    replyDueAt: a.replyDueAt,
    repliedAt: a.repliedAt,
    closedAt: a.closedAt,
    ratingDueAt: a.ratingDueAt,
    rating: a.rating,
    extensionDays: a.extensionDays,
    pendingExtensionDays: a.pendingExtensionDays,
    pendingExtensionReason: a.pendingExtensionReason,
    reworkCount: a.reworkCount,
    reworkDeclinedAt: a.reworkDeclinedAt,
    supervised: a.supervised,
    supervisionNote: a.supervisionNote,
    supervisionDueAt: a.supervisionDueAt,
    urgeCount: a.urgeCount,
    due: a.dueAt != null ? { step: a.dueStep, dueAt: a.dueAt } : null,
    light: light(a.dueAt, now),
    ...extra,
  };
}

/** The moves this actor could make on this assignment right now (URL names), for the UI. */
function actionsFor(
  ctx: ServiceCtx,
  a: AssignmentRow,
  replyStatus: string | null,
  higherLevelDueAt: number | null,
): string[] {
  const { actor, settings } = ctx;
  if (isUnitRole(actor) && actor.unitId !== a.unitId) return [];
  const now = ctx.clock.now();
  const out: string[] = [];
  for (const [path, move] of Object.entries(MOVE_PATHS) as [string, Move][]) {
    const r = checkMove(move, {
      state: a.state,
      role: actor.role,
      now,
      // fill every free-text fact so only state, role and timing decide here
      reason: 'x',
      notice: 'x',
      note: 'x',
      message: 'x',
      body: 'x',
      returnDueAt: a.returnDueAt,
      signedAt: a.signedAt,
      days: 1,
      extensionDays: a.extensionDays,
      pendingExtensionDays: a.pendingExtensionDays,
      maxExtensionDays: 999,
      replyDueAt: a.replyDueAt,
      higherLevelDueAt,
      replyStatus,
      requireReplyReview: settings.requireReplyReview,
      ratingDueAt: a.ratingDueAt,
      value: 'satisfied',
      rating: a.rating,
      reworkDeclinedAt: a.reworkDeclinedAt,
    } as never);
    if (r.ok && MOVES[move]) out.push(path);
  }
  return out;
}

export async function caseDetail(ctx: ServiceCtx, caseId: string) {
  const { db, tenant, actor } = ctx;
  const c = await loadCase(ctx, caseId);
  if (!c) throw notFound('案件');
  const all = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.tenantId, tenant.id), eq(assignments.caseId, c.id)))
    .orderBy(asc(assignments.dispatchedAt));
  const hold = isUnitRole(actor) ? unitHold(actor, all) : 'active';
  if (!hold) throw notFound('案件');
  // a unit that gave the case back sees its own part of it only
  const shown = hold === 'returned' ? all.filter((a) => a.unitId === actor.unitId) : all;
  const unitRows = await db
    .select({ id: units.id, name: units.name, kind: units.kind })
    .from(units)
    .where(eq(units.tenantId, tenant.id));
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const replyRows = await db
    .select()
    .from(replies)
    .where(and(eq(replies.tenantId, tenant.id), eq(replies.caseId, c.id)))
    .orderBy(asc(replies.createdAt));
  const now = ctx.clock.now();
  const replyUnit = (r: { assignmentId: string }) => all.find((a) => a.id === r.assignmentId)?.unitId ?? null;
  const visibleReplies = replyRows.filter(
    (r) => !isUnitRole(actor) || replyUnit(r) === actor.unitId || (hold === 'active' && r.status === 'sent'),
  );
  const latestReply = (a: AssignmentRow) =>
    [...replyRows].reverse().find((r) => r.assignmentId === a.id && r.round === a.reworkCount) ?? null;
  const ev = await db
    .select()
    .from(events)
    .where(and(eq(events.tenantId, tenant.id), eq(events.caseId, c.id)))
    .orderBy(asc(events.id));
  const actorIds = [...new Set(ev.map((e) => e.actorId).filter((x): x is string => !!x))];
  const names = actorIds.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inList(users.id, actorIds))
    : [];
  const actorName = new Map(names.map((n) => [n.id, n.name]));
  const aUnit = new Map(all.map((a) => [a.id, a.unitId]));
  const shownIds = new Set(shown.map((a) => a.id));
  const timeline = ev
    .filter((e) => !(isUnitRole(actor) && e.type.startsWith('case.repeat')))
    .filter((e) => hold === 'active' || e.type === 'case.created' || shownIds.has(e.assignmentId ?? ''))
    .map((e) => {
      const uName = e.assignmentId ? (unitName.get(aUnit.get(e.assignmentId) ?? '') ?? null) : null;
      const otherUnits =
        isUnitRole(actor) &&
        UNIT_INTERNAL_EVENTS.has(e.type) &&
        aUnit.get(e.assignmentId ?? '') !== actor.unitId;
      const payload = otherUnits ? null : e.payload;
      return {
        id: e.id,
        type: e.type,
        at: e.at,
        fromState: e.fromState,
        toState: e.toState,
        unitName: uName,
        actorName: eventActorName(e, actorName),
        text:
          describeForStaff({ type: e.type, at: e.at, payload: payload ?? null, unitName: uName }) ?? e.type,
        payload: hideIdentity(actor, c) ? null : payload,
      };
    });
  const bureau = isBureau(actor);
  const suggestions = bureau
    ? await db
        .select()
        .from(repeatSuggestions)
        .where(
          and(
            eq(repeatSuggestions.tenantId, tenant.id),
            or(eq(repeatSuggestions.caseId, c.id), eq(repeatSuggestions.earlierCaseId, c.id)),
          ),
        )
    : [];
  const related = suggestions.length
    ? await db
        .select({
          id: cases.id,
          number: cases.number,
          title: cases.title,
          status: cases.status,
          receivedAt: cases.receivedAt,
        })
        .from(cases)
        .where(
          and(
            eq(cases.tenantId, tenant.id),
            inList(
              cases.id,
              suggestions.map((s) => (s.caseId === c.id ? s.earlierCaseId : s.caseId)),
            ),
          ),
        )
    : [];
  const ratingRows = (
    await db
      .select()
      .from(ratings)
      .where(and(eq(ratings.tenantId, tenant.id), eq(ratings.caseId, c.id)))
  ).filter((r) => hold === 'active' || r.unitId === actor.unitId);
  const files = await db
    .select({
      id: attachments.id,
      fileName: attachments.fileName,
      mime: attachments.mime,
      size: attachments.size,
      replyId: attachments.replyId,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenant.id), eq(attachments.caseId, c.id)));
  const replyById = new Map(replyRows.map((r) => [r.id, { status: r.status, unitId: replyUnit(r) }]));
  const visibleFiles = isUnitRole(actor)
    ? files.filter((f) =>
        unitMaySeeFile(
          hold,
          hideIdentity(actor, c),
          f,
          f.replyId ? (replyById.get(f.replyId) ?? null) : null,
          actor.unitId,
        ),
      )
    : // a county leader reads the replies of a 检举控告, not the accuser's material
      files.filter((f) => f.replyId || !hideIdentity(actor, c));
  const returnedBy = new Set(all.filter((a) => a.state === 'returned').map((a) => a.unitId));
  const suggested = bureau ? await suggestUnits(ctx, c, returnedBy) : [];
  const sentBodies = replyRows.filter((r) => r.status === 'sent').map((r) => r.body);
  const caseActions: string[] = [];
  if (bureau) {
    if (c.status !== 'merged' && (c.status === 'new' || caseRoutable(all))) caseActions.push('route');
    if (c.status === 'new' && all.length === 0) caseActions.push('self-handle', 'merge');
    if (c.kind === 'inquiry' && c.isPublic && replyRows.some((r) => r.status === 'sent'))
      caseActions.push(c.publishStatus === 'published' ? 'withhold' : 'publish');
  }
  // what the bureau owes: a recorded opinion (the 复查待答复 queue counts the same way)
  const reviewPending = reviewState({
    requestedAt: c.reviewRequestedAt,
    answeredAt: c.reviewAnsweredAt,
    lastReplyAt: null,
  }).pending;
  if (bureau && reviewPending) caseActions.push('answer-review');
  // a 复查 (复核) the citizen asked by letter, visit or phone, which the bureau registers for them
  else if (bureau && !(await reviewRefusal(ctx, c, all))) caseActions.push('review-request');
  if (canReveal(actor, c, shown)) caseActions.push('reveal');
  const reviewDueAt =
    c.reviewRequestedAt != null
      ? reviewAnswerDeadline(c.reviewRequestedAt, ctx.settings, await calendarFor(ctx))
      : null;
  const reviewEvents = ev.filter(
    (e) => e.type === 'case.review_requested' || e.type === 'case.review_answered',
  );
  return {
    case: caseView(actor, c),
    // 复查/复核: the citizen's requests and the bureau's answers, and the one waiting, with its light
    review:
      c.reviewLevel > 0
        ? {
            level: c.reviewLevel,
            pending: reviewPending,
            requestedAt: c.reviewRequestedAt,
            answeredAt: c.reviewAnsweredAt,
            dueAt: reviewPending ? reviewDueAt : null,
            light: reviewPending && reviewDueAt != null ? light(reviewDueAt, now) : null,
            history: reviewEvents
              .filter(
                (e) =>
                  e.type === 'case.review_answered' ||
                  (e.payload as { kind?: string } | null)?.kind === 'review',
              )
              .map((e) => {
                const p = (e.payload ?? {}) as Record<string, unknown>;
                return e.type === 'case.review_requested'
                  ? {
                      kind: 'request' as const,
                      at: e.at,
                      level: Number(p.level ?? 0),
                      // the citizen's own words may name the accuser: not for the units of a 检举控告
                      reason: hideIdentity(actor, c) ? null : String(p.reason ?? ''),
                    }
                  : {
                      kind: 'answer' as const,
                      at: e.at,
                      level: Number(p.level ?? 0),
                      decision: String(p.decision ?? ''),
                      opinion: String(p.opinion ?? ''),
                    };
              }),
          }
        : null,
    // Units see the co-handlers of their case (who else works on it) but not their drafts.
    assignments: shown.map((a) => {
      const r = latestReply(a);
      const mine = !isUnitRole(actor) || a.unitId === actor.unitId;
      return assignmentView(a, now, unitName.get(a.unitId), {
        replyStatus: mine ? (r?.status ?? null) : null,
        reply:
          mine && r
            ? { id: r.id, body: r.body, status: r.status, reviewNote: r.reviewNote, updatedAt: r.updatedAt }
            : null,
        actions: actionsFor(ctx, a, r?.status ?? null, c.higherLevelDueAt),
      });
    }),
    timeline,
    replies: visibleReplies.map((r) => ({
      id: r.id,
      assignmentId: r.assignmentId,
      unitName: unitName.get(all.find((a) => a.id === r.assignmentId)?.unitId ?? '') ?? null,
      round: r.round,
      body: r.body,
      status: r.status,
      sentAt: r.sentAt,
      reviewNote: r.reviewNote,
    })),
    ratings: ratingRows.map((r) => ({
      target: r.target,
      unitId: r.unitId,
      unitName: r.unitId ? (unitName.get(r.unitId) ?? null) : null,
      value: r.value,
      // the citizen's own words, like the review reason: not for the units of a 检举控告
      comment: hideIdentity(actor, c) ? null : r.comment,
      round: r.round,
      ratedAt: r.ratedAt,
      source: r.source,
    })),
    attachments: visibleFiles.map((f) => ({ ...f, url: `/api/t/${tenant.slug}/attachments/${f.id}` })),
    repeatSuggestions: suggestions.map((s) => ({
      ...s,
      other: related.find((r) => r.id === (s.caseId === c.id ? s.earlierCaseId : s.caseId)) ?? null,
    })),
    suggestedUnits: suggested.map((s) => ({ ...s, unitName: unitName.get(s.unitId) ?? null })),
    // 问政 the bureau may publish: the question and answer as they would go public (edited before)
    publication:
      bureau && c.kind === 'inquiry' && c.isPublic && sentBodies.length
        ? publicDraft(c, {
            title: c.publicTitle ?? c.title,
            content: c.publicContent ?? c.content,
            answer: c.publicAnswer ?? sentBodies.join('\n\n'),
          })
        : null,
    actions: caseActions,
  };
}

function canReveal(actor: Actor, c: CaseRow, all: AssignmentRow[]) {
  if (actor.role === 'dispatcher' || actor.role === 'tenant_admin') return true;
  if (isUnitRole(actor)) return c.purpose !== 'accusation' && unitHold(actor, all) === 'active';
  return false;
}

/** Shows a full phone or ID number to someone allowed to see it, and logs that they did. */
export async function revealContact(ctx: ServiceCtx, caseId: string, field: 'phone' | 'idNumber') {
  const { db, tenant, actor } = ctx;
  const c = await loadCase(ctx, caseId);
  if (!c) throw notFound('案件');
  const all = await db
    .select()
    .from(assignments)
    .where(and(eq(assignments.tenantId, tenant.id), eq(assignments.caseId, c.id)));
  if (isUnitRole(actor) && !unitHold(actor, all)) throw notFound('案件');
  if (!canReveal(actor, c, all)) throw forbidden('无权查看完整的联系方式');
  const value = field === 'phone' ? c.petitionerPhone : c.petitionerIdNumber;
  await db.batch([
    insertEvent(db, actor, {
      tenantId: tenant.id,
      caseId: c.id,
      type: 'case.contact_revealed',
      at: ctx.clock.now(),
      payload: { field },
    }),
  ]);
  return { value: value ?? null };
}

export interface AssignmentFilter {
  state?: string[];
  light?: 'green' | 'yellow' | 'red';
  unitId?: string;
  categoryId?: string;
  channel?: string;
  purpose?: string;
  kind?: string;
  from?: string;
  to?: string;
  q?: string;
  supervised?: boolean;
  pendingExtension?: boolean;
  /** 退件/延期审批中: a return or an extension the unit asked for, the bureau not yet decided */
  waiting?: boolean;
  /** the rating the assignment holds now, e.g. unsatisfied (不满意待重办) */
  rating?: 'satisfied' | 'basic' | 'unsatisfied';
  /** rated 不满意 and not yet decided by the bureau (不满意待重办): rework or keep the answer */
  reworkPending?: boolean;
  /** the status of the current round's reply, e.g. pending_review (待领导审核) */
  replyStatus?: 'draft' | 'pending_review' | 'approved' | 'rejected' | 'sent';
  cursor?: string;
  limit?: number;
}

/**
 * 退件/延期审批中 — the unit waits for the bureau: a return asked for, or an extension asked for on a
 * case it handles. One condition for the inbox's count and its list.
 */
const WAITING_ON_BUREAU = or(
  eq(assignments.state, 'return_requested'),
  and(eq(assignments.state, 'accepted'), isNotNull(assignments.pendingExtensionDays)),
)!;

/**
 * 不满意待重办 — reworkOpen (domain/state-machine.ts) in SQL; the partial index
 * assignments_tenant_unsatisfied_idx holds exactly these rows.
 */
const REWORK_PENDING = sql`${assignments.state} = 'rated' AND ${assignments.rating} = 'unsatisfied' AND ${assignments.reworkDeclinedAt} IS NULL`;

/**
 * Who may look a petitioner up by phone or ID number, or a case by its query code: the bureau's
 * desk (as canReveal). Never a unit: on a 检举控告 case that would tell it who the accuser is.
 */
const deskLookup = (actor: Actor) => actor.role === 'dispatcher' || actor.role === 'tenant_admin';

const phrase = (s: string) => `"${s.replace(/"/g, '""')}"`;
const ftsRows = (expr: string) => sql`SELECT rowid FROM cases_fts WHERE cases_fts MATCH ${expr}`;
/** The columns the FTS index holds, by LIKE: FTS5 trigram needs 3+ characters. */
function likeMatch(text: string): SQL {
  const like = `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  return sql`(${cases.title} LIKE ${like} ESCAPE '\\' OR ${cases.content} LIKE ${like} ESCAPE '\\' OR ${cases.number} LIKE ${like} ESCAPE '\\' OR ${cases.address} LIKE ${like} ESCAPE '\\')`;
}

/**
 * The cases a term names exactly at the bureau's desk, each row set read from an index: a phone
 * number through cases_phone_idx (every case of that number, with an ID number or without),
 * an ID number through the petitioner's identity key (cases_tenant_identity_idx: the key is of the
 * ID number where the case has one), a name through cases_name_idx, a query code through
 * cases_tenant_query_uq, an imported case's old number through cases_tenant_external_uq. A name
 * only when it is the whole search.
 */
async function exactRows(ctx: ServiceCtx, t: SearchTerm, alone: boolean): Promise<SQL[]> {
  const tenantId = ctx.tenant.id;
  const out: SQL[] = [];
  if (t.phone)
    out.push(sql`SELECT rowid FROM cases WHERE tenant_id = ${tenantId} AND petitioner_phone = ${t.phone}`);
  const key = t.idNumber && (await identityKey(ctx.deps.secret, { idNumber: t.idNumber }, hmacHex));
  if (key) out.push(sql`SELECT rowid FROM cases WHERE tenant_id = ${tenantId} AND identity_hash = ${key}`);
  // A name is typed alone: every word of a longer search looked up as a name too would split the
  // words' one FTS MATCH into a list each (a two-word search took 184 ms for 28 at a million cases).
  if (t.name && alone)
    out.push(sql`SELECT rowid FROM cases WHERE tenant_id = ${tenantId} AND petitioner_name = ${t.name}`);
  if (t.queryCode)
    out.push(sql`SELECT rowid FROM cases WHERE tenant_id = ${tenantId} AND query_code = ${t.queryCode}`);
  if (t.externalId)
    out.push(sql`SELECT rowid FROM cases WHERE tenant_id = ${tenantId} AND external_id = ${t.externalId}`);
  return out;
}

/**
 * What a search box's q matches (domain/search.ts): every term must. Terms of 3+ characters go
 * through the FTS5 trigram index, together in one MATCH (FTS intersects them faster than one
 * subquery each); shorter ones by LIKE. At the bureau's desk a term that is a phone number, an ID
 * number, a name or a query code matches the cases it names too: one rowid list of
 * the FTS rows and the indexed lookups (UNION ALL). Not an OR of conditions: without ANALYZE's
 * statistics — no county database has them — SQLite walks the list's order and tests that OR on
 * every row of the county (276 ms at a million cases), where a rowid list is tested from the
 * index entry alone (53 ms; 1.3 ms with statistics). The inbox (`of` assignments) takes a
 * lookup's cases by their id, so their assignments are read through assignments_tenant_case_idx
 * rather than the county's queue: 1.4 ms, against 295 ms joined on the rowid (bench/RESULTS.md).
 */
export async function searchMatch(
  ctx: ServiceCtx,
  q: string,
  of: 'cases' | 'assignments' = 'cases',
): Promise<SQL | undefined> {
  const lookup = deskLookup(ctx.actor);
  const conds: SQL[] = [];
  const phrases: string[] = [];
  const terms = searchTerms(q);
  for (const t of terms) {
    const exact = lookup ? await exactRows(ctx, t, terms.length === 1) : [];
    if (t.typed) exact.push(ftsRows(phrase(t.typed)));
    const long = [...t.text].length >= 3;
    if (exact.length) {
      const rows = sql.join(long ? [ftsRows(phrase(t.text)), ...exact] : exact, sql` UNION ALL `);
      const named =
        of === 'cases'
          ? sql`"cases"."rowid" IN (${rows})`
          : sql`${assignments.caseId} IN (SELECT id FROM cases WHERE rowid IN (${rows}))`;
      // a two-character word is also looked for in the text, as any short word is
      conds.push(long ? named : sql`(${named} OR ${likeMatch(t.text)})`);
    } else if (long) phrases.push(phrase(t.text));
    else conds.push(likeMatch(t.text));
  }
  if (phrases.length) conds.unshift(sql`"cases"."rowid" IN (${ftsRows(phrases.join(' '))})`);
  return conds.length ? and(...conds) : undefined;
}

const DUE_SORT = sql`COALESCE(${assignments.dueAt}, 9007199254740991)`;

/**
 * Assignments whose current step has this light at `now`: the same bounds as domain/lights.light,
 * red from the deadline instant on, yellow when it is at most a day away.
 */
function lightIs(l: 'green' | 'yellow' | 'red', now: number): SQL {
  if (l === 'red') return lte(assignments.dueAt, now);
  if (l === 'yellow') return and(gt(assignments.dueAt, now), lte(assignments.dueAt, now + DAY_MS))!;
  return gt(assignments.dueAt, now + DAY_MS);
}

/** Assignments whose reply of the current round (rework counts a round) has this status. */
const replyStatusIs = (status: string) =>
  sql`EXISTS (SELECT 1 FROM replies r WHERE r.assignment_id = ${assignments.id} AND r.round = ${assignments.reworkCount} AND r.status = ${status})`;

export async function listAssignments(ctx: ServiceCtx, f: AssignmentFilter) {
  const { db, tenant, actor, settings } = ctx;
  const now = ctx.clock.now();
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const conds: SQL[] = [eq(assignments.tenantId, tenant.id)];
  if (isUnitRole(actor)) conds.push(eq(assignments.unitId, actor.unitId ?? '-'));
  else if (f.unitId) conds.push(eq(assignments.unitId, f.unitId));
  if (f.state?.length) conds.push(inArray(assignments.state, f.state as AssignmentRow['state'][]));
  if (f.light) conds.push(lightIs(f.light, now));
  if (f.supervised) conds.push(eq(assignments.supervised, true));
  if (f.pendingExtension)
    conds.push(isNotNull(assignments.pendingExtensionDays), eq(assignments.state, 'accepted'));
  if (f.waiting) conds.push(WAITING_ON_BUREAU);
  if (f.rating) conds.push(eq(assignments.rating, f.rating));
  if (f.reworkPending) conds.push(REWORK_PENDING);
  if (f.replyStatus) conds.push(replyStatusIs(f.replyStatus));
  if (f.from) conds.push(gte(assignments.dispatchedAt, startOfDay(f.from, settings.timeZone)));
  if (f.to) conds.push(lt(assignments.dispatchedAt, endOfDay(f.to, settings.timeZone)));
  if (f.categoryId) conds.push(eq(cases.categoryId, f.categoryId));
  if (f.channel) conds.push(eq(cases.channel, f.channel as CaseRow['channel']));
  if (f.purpose) conds.push(eq(cases.purpose, f.purpose as CaseRow['purpose']));
  if (f.kind) conds.push(eq(cases.kind, f.kind as CaseRow['kind']));
  const search = f.q ? await searchMatch(ctx, f.q, 'assignments') : undefined;
  if (search) conds.push(search);
  if (f.cursor) {
    const [due, id] = decodeCursor<[number | null, string]>(f.cursor, ['number?', 'string']);
    const d = due ?? Number.MAX_SAFE_INTEGER;
    conds.push(sql`(${DUE_SORT} > ${d} OR (${DUE_SORT} = ${d} AND ${assignments.id} < ${id}))`);
  }
  const rows = await db
    .select({
      a: assignments,
      c: {
        number: cases.number,
        title: cases.title,
        kind: cases.kind,
        channel: cases.channel,
        purpose: cases.purpose,
        categoryId: cases.categoryId,
        receivedAt: cases.receivedAt,
        sensitive: cases.sensitive,
        threat: cases.threat,
        fastTrack: cases.fastTrack,
      },
      unitName: units.name,
      // the status of the reply of the current round (AssignmentRow.replyStatus)
      replyStatus: sql<string | null>`(SELECT r.status FROM replies r
        WHERE r.tenant_id = ${assignments.tenantId} AND r.assignment_id = ${assignments.id}
          AND r.round = ${assignments.reworkCount}
        ORDER BY r.created_at DESC LIMIT 1)`,
    })
    .from(assignments)
    .innerJoin(cases, eq(cases.id, assignments.caseId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(...conds))
    // due soonest first; then (the same deadline, or done and due nothing: 已答复/办结) the newest
    // dispatched first, ids being in time order, so a unit's finished work reads from the latest
    .orderBy(DUE_SORT, desc(assignments.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) =>
      assignmentView(r.a, now, r.unitName, {
        caseNumber: r.c.number,
        title: r.c.title,
        kind: r.c.kind,
        channel: r.c.channel,
        purpose: r.c.purpose,
        categoryId: r.c.categoryId,
        receivedAt: r.c.receivedAt,
        flags: { sensitive: r.c.sensitive, threat: r.c.threat, fastTrack: r.c.fastTrack },
        replyStatus: r.replyStatus,
      }),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor([last.a.dueAt, last.a.id]) : null,
  };
}

/** One assignment as the queues show it (AssignmentRow): the answer to a move. */
export async function assignmentRowView(ctx: ServiceCtx, a: AssignmentRow) {
  const { db, tenant } = ctx;
  const row = (
    await db
      .select({
        number: cases.number,
        title: cases.title,
        kind: cases.kind,
        channel: cases.channel,
        purpose: cases.purpose,
        categoryId: cases.categoryId,
        receivedAt: cases.receivedAt,
        sensitive: cases.sensitive,
        threat: cases.threat,
        fastTrack: cases.fastTrack,
        unitName: units.name,
      })
      .from(cases)
      .innerJoin(units, eq(units.id, a.unitId))
      .where(and(eq(cases.tenantId, tenant.id), eq(cases.id, a.caseId)))
      .limit(1)
  )[0];
  const reply = await currentReply(ctx, a);
  return assignmentView(a, ctx.clock.now(), row?.unitName, {
    caseNumber: row?.number ?? null,
    title: row?.title ?? null,
    kind: row?.kind ?? null,
    channel: row?.channel ?? null,
    purpose: row?.purpose ?? null,
    categoryId: row?.categoryId ?? null,
    receivedAt: row?.receivedAt ?? null,
    flags: row ? { sensitive: row.sensitive, threat: row.threat, fastTrack: row.fastTrack } : null,
    replyStatus: reply?.status ?? null,
  });
}

/**
 * The orders of the bureau's case list: newest first (the search's default), oldest first, the
 * routing deadline (分派期限) soonest first — the 新件待分派 queue —, and the 复查/复核 request
 * longest waiting first, which is its answer deadline soonest first (reviewAnswerDeadline counts from it).
 */
export const CASE_SORTS = ['newest', 'oldest', 'routeDue', 'reviewDue'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

const NO_KEY = Number.MAX_SAFE_INTEGER;
interface SortKey {
  key: SQL;
  of: (c: CaseRow) => number | string;
  part: 'number' | 'string';
}
const receivedKey: SortKey = { key: sql`${cases.receivedAt}`, of: (c) => c.receivedAt, part: 'number' };
/**
 * Each sort's keys and direction; the id breaks the last ties in the same direction, so (keys, id)
 * orders every row and a page's last row is the cursor. 新件待分派 (routeDue) reads as a pile does:
 * of cases due at the same time the one received first, then the lower case number. At a million
 * cases (bench/RESULTS.md): newest and oldest walk cases_tenant_received_at_idx; routeDue on the
 * unrouted cases reads them through cases_tenant_status_idx and sorts them (2 ms for 2,000);
 * routeDue over every status reads the county (170 ms, no index orders by route_due_at); reviewDue
 * reads the partial cases_tenant_review_idx and sorts the few requests.
 */
const CASE_ORDER: Record<CaseSort, { keys: SortKey[]; desc: boolean }> = {
  newest: { keys: [receivedKey], desc: true },
  oldest: { keys: [receivedKey], desc: false },
  routeDue: {
    keys: [
      { key: sql`${cases.routeDueAt}`, of: (c) => c.routeDueAt, part: 'number' },
      receivedKey,
      { key: sql`${cases.number}`, of: (c) => c.number, part: 'string' },
    ],
    desc: false,
  },
  reviewDue: {
    keys: [
      {
        key: sql`COALESCE(${cases.reviewRequestedAt}, ${NO_KEY})`,
        of: (c) => c.reviewRequestedAt ?? NO_KEY,
        part: 'number',
      },
    ],
    desc: false,
  },
};

/** The cursor of a page whose last row is `c`: the sort, its keys, the id. */
const caseCursor = (sort: CaseSort, c: CaseRow) =>
  encodeCursor([sort, ...CASE_ORDER[sort].keys.map((k) => k.of(c)), c.id]);

/**
 * The rows after a cursor of `sort`: past the last row on the first key, or equal on it and past
 * on the next, and so on down to the id. A cursor carries the sort it was made by: one from another
 * sort would start the page at a row of a different order, so it is refused.
 */
function caseCursorAfter(sort: CaseSort, cursor: string): SQL {
  const o = CASE_ORDER[sort];
  const shape = (s: CaseSort) => ['string', ...CASE_ORDER[s].keys.map((k) => k.part), 'string'] as const;
  // a cursor of another sort (its own shape) is named as such; one of no sort is 游标无效
  const fromSort = CASE_SORTS.find((s) => {
    try {
      return decodeCursor<[string]>(cursor, shape(s))[0] === s;
    } catch {
      return false;
    }
  });
  const [made, ...values] = fromSort
    ? decodeCursor<(string | number)[]>(cursor, shape(fromSort))
    : decodeCursor<(string | number)[]>(cursor, shape(sort));
  if (made !== sort)
    throw invalid('分页游标与排序方式不符，请从第一页重新查询', [
      { path: 'cursor', message: '分页游标来自另一种排序' },
    ]);
  const keys = [...o.keys.map((k) => k.key), sql`${cases.id}`];
  const past = (k: SQL, v: string | number) => (o.desc ? sql`${k} < ${v}` : sql`${k} > ${v}`);
  const branches = keys.map((k, i) =>
    and(...keys.slice(0, i).map((e, j) => sql`${e} = ${values[j]}`), past(k, values[i]!)),
  );
  return sql`(${or(...branches)})`;
}

export interface CaseFilter {
  status?: string[];
  kind?: string;
  channel?: string;
  purpose?: string;
  categoryId?: string;
  q?: string;
  from?: string;
  to?: string;
  repeat?: boolean;
  /** only what the asker agreed to publish: the 问政待发布 list counts as its queue does */
  isPublic?: boolean;
  publish?: string;
  /** pending: 复查/复核 requested and not yet answered */
  review?: string;
  /** newest first when not given */
  sort?: CaseSort;
  cursor?: string;
  limit?: number;
}

/** The bureau's list of cases, in the order asked for (newest first by default). */
export async function listCases(ctx: ServiceCtx, f: CaseFilter) {
  const { db, tenant, actor, settings } = ctx;
  if (isUnitRole(actor)) throw forbidden('承办单位请在“待办件”中查看');
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const sort = f.sort ?? 'newest';
  const order = CASE_ORDER[sort];
  const conds: SQL[] = [eq(cases.tenantId, tenant.id)];
  if (f.status?.length) conds.push(inArray(cases.status, f.status as CaseRow['status'][]));
  if (f.kind) conds.push(eq(cases.kind, f.kind as CaseRow['kind']));
  if (f.channel) conds.push(eq(cases.channel, f.channel as CaseRow['channel']));
  if (f.purpose) conds.push(eq(cases.purpose, f.purpose as CaseRow['purpose']));
  if (f.categoryId) conds.push(eq(cases.categoryId, f.categoryId));
  if (f.repeat) conds.push(eq(cases.isRepeat, true));
  if (f.isPublic) conds.push(eq(cases.isPublic, true));
  if (f.publish) conds.push(eq(cases.publishStatus, f.publish as CaseRow['publishStatus']));
  if (f.review === 'pending') conds.push(REVIEW_PENDING);
  if (f.from) conds.push(gte(cases.receivedAt, startOfDay(f.from, settings.timeZone)));
  if (f.to) conds.push(lt(cases.receivedAt, endOfDay(f.to, settings.timeZone)));
  const search = f.q ? await searchMatch(ctx, f.q) : undefined;
  if (search) conds.push(search);
  if (f.cursor) conds.push(caseCursorAfter(sort, f.cursor));
  const rows = await db
    .select()
    .from(cases)
    .where(and(...conds))
    .orderBy(...[...order.keys.map((k) => k.key), cases.id].map((k) => (order.desc ? desc(k) : asc(k))))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const now = ctx.clock.now();
  // 复查待答复: when each opinion is due, as the case page says (the queue gave no date at all)
  const cal = f.review === 'pending' ? await calendarFor(ctx) : null;
  const reviewOf = (c: CaseRow) => {
    if (!cal) return {};
    const dueAt =
      c.reviewRequestedAt != null ? reviewAnswerDeadline(c.reviewRequestedAt, settings, cal) : null;
    return { reviewDueAt: dueAt, reviewLight: light(dueAt, now) };
  };
  return {
    items: page.map((c) => ({
      ...caseView(actor, c),
      routeLight: c.status === 'new' ? light(c.routeDueAt, now) : null,
      ...reviewOf(c),
    })),
    nextCursor: rows.length > limit && last ? caseCursor(sort, last) : null,
  };
}

/** Counts for the dispatcher's workbench queues. */
export async function queueCounts(ctx: ServiceCtx) {
  const { db, tenant } = ctx;
  if (!isBureau(ctx.actor) && ctx.actor.role !== 'county_leader') throw forbidden();
  const now = ctx.clock.now();
  const t = tenant.id;
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  const count = sql<number>`count(*)`;
  const [
    newCases,
    returned,
    extensionRequests,
    overdue,
    dueSoon,
    supervised,
    repeatPending,
    toPublish,
    unsatisfied,
    pendingReview,
    reviewRequests,
    newOverdue,
  ] = await Promise.all([
    one(
      db
        .select({ n: count })
        .from(cases)
        .where(and(eq(cases.tenantId, t), eq(cases.status, 'new'))),
    ),
    one(
      db
        .select({ n: count })
        .from(assignments)
        .where(and(eq(assignments.tenantId, t), eq(assignments.state, 'return_requested'))),
    ),
    one(
      db
        .select({ n: count })
        .from(assignments)
        .where(
          and(
            eq(assignments.tenantId, t),
            isNotNull(assignments.pendingExtensionDays),
            eq(assignments.state, 'accepted'),
          ),
        ),
    ),
    one(
      db
        .select({ n: count })
        .from(assignments)
        .where(and(eq(assignments.tenantId, t), lightIs('red', now))),
    ),
    one(
      db
        .select({ n: count })
        .from(assignments)
        .where(and(eq(assignments.tenantId, t), lightIs('yellow', now))),
    ),
    one(
      db
        .select({ n: count })
        .from(assignments)
        .where(
          and(
            eq(assignments.tenantId, t),
            eq(assignments.supervised, true),
            inArray(assignments.state, ['dispatched', 'signed', 'accepted', 'return_requested']),
          ),
        ),
    ),
    one(
      db
        .select({ n: count })
        .from(repeatSuggestions)
        .where(and(eq(repeatSuggestions.tenantId, t), eq(repeatSuggestions.status, 'pending'))),
    ),
    one(
      db
        .select({ n: count })
        .from(cases)
        .where(
          and(
            eq(cases.tenantId, t),
            eq(cases.kind, 'inquiry'),
            eq(cases.isPublic, true),
            eq(cases.publishStatus, 'none'),
            inArray(cases.status, ['replied', 'closed', 'rated']),
          ),
        ),
    ),
    // Named: left to itself SQLite takes (tenant_id, state) and reads every rated row (133 ms at a
    // million assignments with 100,000 不满意 waiting) where the partial index counts them (4 ms).
    one(
      db.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM assignments INDEXED BY assignments_tenant_unsatisfied_idx WHERE ${and(eq(assignments.tenantId, t), REWORK_PENDING)}`,
      ),
    ),
    // replies waiting for a unit leader's approval (审核) before they can reach the citizen
    one(
      db
        .select({ n: count })
        .from(replies)
        .where(and(eq(replies.tenantId, t), eq(replies.status, 'pending_review'))),
    ),
    // 复查/复核 requests the bureau has not answered yet
    one(
      db
        .select({ n: count })
        .from(cases)
        .where(and(eq(cases.tenantId, t), REVIEW_PENDING)),
    ),
    // the bureau's own red light: new cases past their routing deadline (the list lights them red)
    one(
      db
        .select({ n: count })
        .from(cases)
        .where(and(eq(cases.tenantId, t), eq(cases.status, 'new'), lte(cases.routeDueAt, now))),
    ),
  ]);
  return {
    new: newCases,
    newOverdue,
    returned,
    extensionRequests,
    overdue,
    dueSoon,
    supervised,
    repeatSuggestions: repeatPending,
    toPublish,
    pendingReview,
    unsatisfied,
    reviewRequests,
  };
}

/**
 * Counts for a unit's inbox tabs and home page, by the same filters the tabs list with
 * (listAssignments): its open steps by state, its lights, and replies waiting for its leader.
 */
export async function unitQueueCounts(ctx: ServiceCtx) {
  const { db, tenant, actor } = ctx;
  if (!isUnitRole(actor)) throw forbidden();
  const now = ctx.clock.now();
  const mine = and(eq(assignments.tenantId, tenant.id), eq(assignments.unitId, actor.unitId ?? '-'));
  const count = (cond: SQL | undefined) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(assignments)
      .where(and(mine, cond))
      .then((r) => r[0]?.n ?? 0);
  const inState = (...s: AssignmentRow['state'][]) => inArray(assignments.state, s);
  const open = inState('dispatched', 'signed', 'accepted', 'return_requested');
  const [todo, sign, accept, reply, review, red, yellow, waiting, supervised] = await Promise.all([
    count(open),
    count(inState('dispatched')),
    count(inState('signed')),
    count(inState('accepted')),
    count(and(inState('accepted'), replyStatusIs('pending_review'))),
    count(lightIs('red', now)),
    count(lightIs('yellow', now)),
    count(WAITING_ON_BUREAU),
    // 督办件 still being handled, as the bureau's 督办件 queue counts them
    count(and(open, eq(assignments.supervised, true))),
  ]);
  return { todo, sign, accept, reply, review, red, yellow, waiting, supervised };
}

/** A review (复查/复核) requested and not yet answered (uses the partial index of migration 0007). */
export const REVIEW_PENDING = sql`${cases.reviewRequestedAt} IS NOT NULL AND (${cases.reviewAnsweredAt} IS NULL OR ${cases.reviewAnsweredAt} < ${cases.reviewRequestedAt})`;

/** Top repeat petitioners (bureau only): identities with the most confirmed repeat cases. */
export async function repeatPetitioners(
  ctx: ServiceCtx,
  opts: { limit?: number; since?: number; from?: string; to?: string },
) {
  // DOMAIN.md: listed for the bureau only (the console shows them to nobody else either)
  if (!isBureau(ctx.actor)) throw forbidden('仅信访部门可查看重复信访人');
  const { db, tenant, settings } = ctx;
  const rows = await db
    .select({
      identityHash: cases.identityHash,
      cases: sql<number>`count(*)`,
      repeats: sql<number>`sum(${cases.isRepeat})`,
      lastAt: sql<number>`max(${cases.receivedAt})`,
      name: sql<string | null>`max(${cases.petitionerName})`,
      phone: sql<string | null>`max(${cases.petitionerPhone})`,
      idNumber: sql<string | null>`max(${cases.petitionerIdNumber})`,
    })
    .from(cases)
    .where(
      and(
        eq(cases.tenantId, tenant.id),
        isNotNull(cases.identityHash),
        gt(cases.receivedAt, opts.since ?? 0),
        opts.from ? gte(cases.receivedAt, startOfDay(opts.from, settings.timeZone)) : undefined,
        opts.to ? lt(cases.receivedAt, endOfDay(opts.to, settings.timeZone)) : undefined,
      ),
    )
    .groupBy(cases.identityHash)
    .having(sql`sum(${cases.isRepeat}) > 0`)
    .orderBy(sql`sum(${cases.isRepeat}) DESC`, sql`count(*) DESC`)
    .limit(Math.min(opts.limit ?? 20, 100));
  return rows.map((r) => ({
    name: r.name,
    phone: r.phone ? maskPhone(r.phone) : null,
    idNumber: r.idNumber ? maskIdNumber(r.idNumber) : null,
    cases: Number(r.cases),
    repeats: Number(r.repeats),
    lastAt: r.lastAt,
  }));
}

export function assertNotCountyLeaderWrite(actor: Actor) {
  if (actor.role === 'county_leader') throw new AppError('FORBIDDEN', '县领导账号只能查看，不能办理');
}
