// What a citizen sees when tracking a case with its query code and secret: a timeline in plain
// Chinese of the steps that concern them (received, routed to which unit, accepted, replied,
// closed), the replies that were sent, and what they may do now (rate, ask for rework or review).
// Internal steps (drafts, reviews, urging, supervision, return requests, notes) never appear, and
// handlers are named only where the county allows it.
//
// A case merged into another (合并办理) is answered there. Its citizen is told which case that is,
// how far it has come and by when each unit owes its next step. The answer itself, its papers, its
// rating and the review (复查) stay with the case it was given on, under that case's query code:
// whether two submissions are the same person's cannot be told online (the identity key is a phone
// number anyone may type), a reply is addressed to its petitioner and may hold their name, and an
// answer has one rating — a second code rating it would count it twice or take it from its owner.
import { inList } from '../../../db/in-list';
import { and, asc, eq } from 'drizzle-orm';
import { assignments, type cases, events, ratings, replies, units, users } from '../../../db/schema';
import type { CaseKind, CaseStatus, RatingValue } from '../../../db/schema/cases';
import type { ServiceCtx } from '../../api/context';
import { dueDay, reviewAnswerDeadline, reviewDeadline } from '../../domain/deadlines';
import { reviewApplies, reviewState } from '../../domain/review';
import { isInTime } from '../../domain/lights';
import { reworkOpen } from '../../domain/state-machine';
import { calendarFor } from '../workflow/common';
import { mergedTarget } from './lookup';

type CaseRow = typeof cases.$inferSelect;

export interface TrackingView {
  number: string;
  kind: CaseKind;
  title: string;
  content: string;
  status: CaseStatus;
  receivedAt: number;
  timeline: { at: number; text: string }[];
  replies: { assignmentId: string | null; unitName: string; body: string; at: number }[];
  rating: {
    open: boolean;
    dueAt: number | null;
    assignments: { id: string; unitName: string }[];
    given: { target: 'unit' | 'bureau'; unitName: string; value: RatingValue; at: number }[];
  };
  /** a review (复查/复核) was asked and is waiting for its answer */
  reviewPending: boolean;
  /** the bureau's answers to 复查 (level 1) and 复核 (level 2) requests */
  reviewAnswers: { level: number; decision: 'upheld' | 'revised'; opinion: string; at: number }[];
  canRequestReview: boolean;
  /** while a 复查 (复核) may be asked: the deadline instant to ask by (24:00 of its last day) */
  reviewDueAt: number | null;
  /** while the bureau owes its 复查 (复核) opinion: when it is due */
  reviewAnswerDueAt: number | null;
  canRequestRework: boolean;
  /** a rework was asked after the latest rating and the bureau has not acted on it yet */
  reworkPending: boolean;
  /** after 不满意 the bureau examined the answer and kept it (维持答复): 复查 is what is left */
  reworkKept: boolean;
  reviewLevel: number;
  /**
   * What is owed on this case and by when: the routing deadline while it waits for a unit, then each
   * unit's step and deadline (empty for a merged case, whose matter goes on in mergedInto)
   */
  progress: CaseProgress;
  /** the case this one was merged into, where it is handled and answered; null when not merged */
  mergedInto: MergedInto | null;
}

export interface CaseProgress {
  /** while it waits to be routed, the bureau's deadline for routing it */
  routeDueAt: number | null;
  units: UnitProgress[];
}

/** How far a unit has come with the case: the step it owes next and its deadline, or what it did. */
export interface UnitProgress {
  unitName: string;
  role: 'lead' | 'co';
  /** accept: to decide whether to accept (受理); reply: handling, the answer due; then what it did */
  step: 'accept' | 'reply' | 'replied' | 'closed' | 'refused';
  /** the deadline of the step owed (accept, reply), after approved extensions */
  dueAt: number | null;
  /** when it replied, closed or refused */
  at: number | null;
}

export interface MergedInto extends CaseProgress {
  number: string;
  /** how far that case has come (a rating given by another person reads as closed) */
  status: CaseStatus;
}

const BUREAU_NAME = '信访部门';
const SELF_HANDLED_SKIP = new Set(['assignment.dispatched', 'assignment.signed', 'assignment.accepted']);

type EventRow = typeof events.$inferSelect;

function lineFor(
  e: EventRow,
  unitOf: (assignmentId: string | null) => string,
  handler: (e: EventRow) => string,
  tz: string,
): string | null {
  const p = (e.payload ?? {}) as Record<string, unknown>;
  const unit = unitOf(e.assignmentId);
  switch (e.type) {
    case 'case.created':
    case 'case.imported':
      return '已收到您反映的事项，等待分派办理';
    case 'assignment.dispatched':
      return p.role === 'co' ? `已转交${unit}协助办理` : `已转交${unit}办理`;
    case 'case.self_handled':
      return `由${BUREAU_NAME}直接办理`;
    case 'case.merged':
      // the merged case learns where it went; the case it went into, only that another came in
      return typeof p.intoNumber === 'string'
        ? `已与编号 ${p.intoNumber} 的同一事项合并办理`
        : '反映同一事项的另一来件已并入本件合并办理';
    case 'assignment.signed':
      return `${unit}已签收${handler(e)}`;
    case 'assignment.accepted':
      return `${unit}已受理${handler(e)}`;
    case 'assignment.refused':
      return `${unit}决定不予受理。告知：${typeof p.notice === 'string' ? p.notice : ''}`;
    case 'assignment.return_approved':
      return `${BUREAU_NAME}正在重新确定承办单位`;
    case 'assignment.extension_approved':
      return typeof p.replyDueAt === 'number'
        ? `${unit}的办理期限经批准延长至 ${dueDay(p.replyDueAt, { timeZone: tz })}`
        : `${unit}的办理期限经批准延长`;
    case 'assignment.replied':
      return `${unit}已答复${handler(e)}`;
    case 'assignment.closed':
      return `${unit}已办结`;
    case 'assignment.rated':
      return `您已对${unit}的办理作出评价`;
    case 'assignment.rating_expired':
      return `对${unit}的评价期已过（超期未评）`;
    case 'assignment.reopened':
      return `${BUREAU_NAME}已安排${unit}重新办理`;
    case 'assignment.rework_declined':
      return `${BUREAU_NAME}经审查，维持${unit}的答复意见`;
    case 'case.review_requested':
      // the level asked (1 复查, 2 复核), as the request recorded it
      return p.kind === 'rework' ? '您已申请重新办理' : `您已申请${p.level === 2 ? '复核' : '复查'}`;
    case 'case.review_answered':
      return `${BUREAU_NAME}已出具${p.level === 2 ? '复核' : '复查'}意见（${p.decision === 'revised' ? '撤销或变更原处理意见' : '维持原处理意见'}）`;
    case 'case.published':
      return '答复已在网上问政栏目公开';
    default:
      return null;
  }
}

export async function trackingView(ctx: ServiceCtx, c: CaseRow): Promise<TrackingView> {
  const own = await caseView(ctx, c);
  const into = c.status === 'merged' ? await mergedTarget(ctx, c) : null;
  if (!into) {
    const progress = c.status === 'merged' ? { routeDueAt: null, units: [] } : await progressOf(ctx, c);
    return { ...own, progress, mergedInto: null };
  }
  return {
    ...own,
    progress: { routeDueAt: null, units: [] },
    mergedInto: {
      number: into.number,
      // a rating is its petitioner's own: to anyone else the case reads as closed
      status: into.status === 'rated' ? 'closed' : into.status,
      ...(await progressOf(ctx, into)),
    },
  };
}

/** The units of a case, each with the step it owes and its deadline; the routing deadline before. */
async function progressOf(ctx: ServiceCtx, c: CaseRow): Promise<CaseProgress> {
  const rows = await ctx.db
    .select({ a: assignments, unitName: units.name })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(assignments.tenantId, ctx.tenant.id), eq(assignments.caseId, c.id)))
    .orderBy(asc(assignments.dispatchedAt));
  const list: UnitProgress[] = [];
  for (const { a, unitName } of rows) {
    const base = { unitName, role: a.role };
    switch (a.state) {
      case 'returned':
        continue; // routed elsewhere since
      case 'dispatched':
      case 'signed':
        list.push({ ...base, step: 'accept', dueAt: a.acceptDueAt, at: null });
        break;
      case 'accepted':
      case 'return_requested':
        list.push(
          a.replyDueAt != null
            ? { ...base, step: 'reply', dueAt: a.replyDueAt, at: null }
            : { ...base, step: 'accept', dueAt: a.acceptDueAt, at: null },
        );
        break;
      case 'refused':
        list.push({ ...base, step: 'refused', dueAt: null, at: a.decidedAt });
        break;
      case 'replied':
        list.push({ ...base, step: 'replied', dueAt: null, at: a.repliedAt });
        break;
      default:
        // closed, rated, 超期未评: the unit is done
        list.push({ ...base, step: 'closed', dueAt: null, at: a.closedAt ?? a.repliedAt });
    }
  }
  return { routeDueAt: list.length === 0 && c.status === 'new' ? c.routeDueAt : null, units: list };
}

async function caseView(ctx: ServiceCtx, c: CaseRow): Promise<Omit<TrackingView, 'mergedInto' | 'progress'>> {
  const { db, tenant, settings } = ctx;
  const now = ctx.clock.now();
  const tenantId = tenant.id;
  const [asg, evs, reps, rates] = await Promise.all([
    db
      .select({ a: assignments, unitName: units.name })
      .from(assignments)
      .innerJoin(units, eq(units.id, assignments.unitId))
      .where(and(eq(assignments.tenantId, tenantId), eq(assignments.caseId, c.id)))
      .orderBy(asc(assignments.dispatchedAt)),
    db
      .select()
      .from(events)
      .where(and(eq(events.tenantId, tenantId), eq(events.caseId, c.id)))
      .orderBy(asc(events.id)),
    db
      .select()
      .from(replies)
      .where(and(eq(replies.tenantId, tenantId), eq(replies.caseId, c.id), eq(replies.status, 'sent')))
      .orderBy(asc(replies.sentAt)),
    db
      .select()
      .from(ratings)
      .where(and(eq(ratings.tenantId, tenantId), eq(ratings.caseId, c.id)))
      .orderBy(asc(ratings.ratedAt)),
  ]);
  const unitById = new Map(asg.map((x) => [x.a.id, x.unitName]));
  const unitOf = (assignmentId: string | null) => (assignmentId && unitById.get(assignmentId)) || BUREAU_NAME;

  let handlerNames = new Map<string, string>();
  if (settings.showHandlerNames) {
    const ids = [...new Set(evs.map((e) => e.actorId).filter((x): x is string => !!x))];
    if (ids.length) {
      const rows = await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inList(users.id, ids)));
      handlerNames = new Map(rows.map((u) => [u.id, u.name]));
    }
  }
  const handler = (e: EventRow) => {
    const name = e.actorId ? handlerNames.get(e.actorId) : undefined;
    return name ? `（经办人：${name}）` : '';
  };

  // A case the bureau answered itself reads as one step, not as a dispatch to itself.
  const selfHandled = new Set(
    evs
      .filter(
        (e) =>
          e.type === 'assignment.dispatched' && (e.payload as { selfHandled?: boolean } | null)?.selfHandled,
      )
      .map((e) => e.assignmentId),
  );
  const timeline: TrackingView['timeline'] = [];
  for (const e of evs) {
    if (selfHandled.has(e.assignmentId) && SELF_HANDLED_SKIP.has(e.type)) continue;
    const text = lineFor(e, unitOf, handler, settings.timeZone);
    if (text) timeline.push({ at: e.at, text });
  }

  const open = asg.filter(
    (x) =>
      (x.a.state === 'replied' || x.a.state === 'closed') &&
      x.a.ratingDueAt != null &&
      isInTime(now, x.a.ratingDueAt),
  );
  const dueAt = open.length ? Math.min(...open.map((x) => x.a.ratingDueAt!)) : null;

  const sent = reps.filter((r) => r.sentAt != null);
  const lastReplyAt = sent.length ? Math.max(...sent.map((r) => r.sentAt!)) : null;
  // A review (复查) answers the latest written reply; the next level (复核) waits for the answer to
  // the review — the bureau's 复查意见, or a reply sent after the request — and counts from it.
  const review = reviewState({
    requestedAt: c.reviewRequestedAt,
    answeredAt: c.reviewAnsweredAt,
    lastReplyAt,
  });
  let canRequestReview = false;
  let reviewDueAt: number | null = null;
  if (review.windowFrom != null && reviewApplies(c.kind) && c.reviewLevel < 2 && c.status !== 'merged') {
    const cal = await calendarFor(ctx);
    reviewDueAt = reviewDeadline(review.windowFrom, settings, cal);
    canRequestReview = isInTime(now, reviewDueAt);
    if (!canRequestReview) reviewDueAt = null;
  }
  const reviewAnswerDueAt =
    review.pending && c.reviewRequestedAt != null
      ? reviewAnswerDeadline(c.reviewRequestedAt, settings, await calendarFor(ctx))
      : null;
  const reviewAnswers = evs
    .filter((e) => e.type === 'case.review_answered')
    .map((e) => {
      const p = (e.payload ?? {}) as { level?: number; decision?: string; opinion?: string };
      return {
        level: Number(p.level ?? 1),
        decision: p.decision === 'revised' ? ('revised' as const) : ('upheld' as const),
        opinion: String(p.opinion ?? ''),
        at: e.at,
      };
    });
  // Rework is asked once per unsatisfied rating: not again until the dispatcher acts on it.
  const lastRatedAt = Math.max(0, ...evs.filter((e) => e.type === 'assignment.rated').map((e) => e.at));
  const reworkAsked = evs.some(
    (e) =>
      e.type === 'case.review_requested' &&
      (e.payload as { kind?: string } | null)?.kind === 'rework' &&
      e.at >= lastRatedAt,
  );
  const reworkWaiting = asg.some((x) => reworkOpen(x.a));
  const canRequestRework = !reworkAsked && reworkWaiting;
  const reworkKept =
    !asg.some((x) => reworkOpen(x.a)) &&
    asg.some((x) => x.a.state === 'rated' && x.a.rating === 'unsatisfied' && x.a.reworkDeclinedAt != null);

  return {
    number: c.number,
    kind: c.kind,
    title: c.title,
    content: c.content,
    status: c.status,
    receivedAt: c.receivedAt,
    timeline,
    replies: sent.map((r) => ({
      assignmentId: r.assignmentId,
      unitName: unitOf(r.assignmentId),
      body: r.body,
      at: r.sentAt!,
    })),
    rating: {
      open: open.length > 0,
      dueAt,
      assignments: open.map((x) => ({ id: x.a.id, unitName: x.unitName })),
      given: rates
        .filter((r) => r.source === 'citizen' || r.source === 'staff')
        .map((r) => ({
          target: r.target,
          unitName: r.target === 'bureau' ? BUREAU_NAME : unitOf(r.assignmentId),
          value: r.value,
          at: r.ratedAt,
        })),
    },
    reviewAnswers,
    reviewPending: review.pending,
    canRequestReview,
    reviewDueAt,
    reviewAnswerDueAt,
    canRequestRework,
    reworkPending: reworkAsked && reworkWaiting,
    reworkKept,
    reviewLevel: c.reviewLevel,
  };
}
