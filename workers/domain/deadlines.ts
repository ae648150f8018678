// Which deadline rule applies to a case, and the deadline instants of each step of an assignment.
// Every deadline ends at 24:00 local (tenant time zone) of its last day; see calendar.dueAt.
import type { CaseKind, Channel, Purpose } from '../../db/schema/cases';
import { type DayRule, type WorkCalendar, dueAt, endOfDay, lastDay, localDay } from './calendar';
import type { DeadlineRule, TenantSettings } from './settings';

/** What the deadline rules look at. */
export interface CaseFacts {
  kind: CaseKind;
  channel: Channel;
  purpose: Purpose;
  fastTrack: boolean;
}

export interface ResolvedRule {
  route: DayRule;
  sign: DayRule;
  accept: DayRule;
  reply: DayRule;
  maxExtensionDays: number;
}

// When a tenant has deleted every rule that matches, the county-practice default still applies.
const FALLBACK_REPLY: DayRule = { days: 15, unit: 'natural' };
const FALLBACK_MAX_EXTENSION = 15;

const MATCH_KEYS = ['kind', 'channel', 'purpose', 'fastTrack'] as const;

/** Matched-key count, or -1 when the rule does not match. */
function specificity(rule: DeadlineRule, facts: CaseFacts): number {
  let n = 0;
  for (const key of MATCH_KEYS) {
    const want = rule.match[key];
    if (want === undefined) continue;
    if (want !== facts[key]) return -1;
    n++;
  }
  return n;
}

export function resolveRule(settings: TenantSettings, facts: CaseFacts): ResolvedRule {
  let reply: DeadlineRule | undefined;
  let route: DeadlineRule | undefined;
  let sign: DeadlineRule | undefined;
  let accept: DeadlineRule | undefined;
  let replyScore = -1;
  let routeScore = -1;
  let signScore = -1;
  let acceptScore = -1;
  // `>=` so that on a tie the later rule wins.
  for (const rule of settings.deadlines.rules) {
    const score = specificity(rule, facts);
    if (score < 0) continue;
    if (score >= replyScore) {
      reply = rule;
      replyScore = score;
    }
    if (rule.route && score >= routeScore) {
      route = rule;
      routeScore = score;
    }
    if (rule.sign && score >= signScore) {
      sign = rule;
      signScore = score;
    }
    if (rule.accept && score >= acceptScore) {
      accept = rule;
      acceptScore = score;
    }
  }
  return {
    route: route?.route ?? settings.deadlines.route,
    sign: sign?.sign ?? settings.deadlines.sign,
    accept: accept?.accept ?? settings.deadlines.accept,
    reply: reply?.reply ?? FALLBACK_REPLY,
    maxExtensionDays: reply ? reply.maxExtensionDays : FALLBACK_MAX_EXTENSION,
  };
}

/**
 * registration → routed (转送/交办), counted from receipt: the tenant-wide rule, or the one of the
 * case's rule when it sets its own (a 12345 order is dispatched within 1 working day).
 */
export function routeDeadline(
  receivedAt: number,
  settings: TenantSettings,
  cal: WorkCalendar,
  facts?: CaseFacts,
): number {
  const rule = facts ? resolveRule(settings, facts).route : settings.deadlines.route;
  return dueAt(receivedAt, rule, settings.timeZone, cal);
}

/**
 * The deadlines an assignment gets when dispatched. Sign and accept both count from dispatch (the
 * unit's 5 days to accept do not wait for it to sign); the unit may ask to return a misrouted case
 * until the return window after receipt, and receipt is dispatch.
 */
export function dispatchDeadlines(
  dispatchedAt: number,
  facts: CaseFacts,
  settings: TenantSettings,
  cal: WorkCalendar,
): { signDueAt: number; acceptDueAt: number; returnDueAt: number } {
  const rule = resolveRule(settings, facts);
  const tz = settings.timeZone;
  return {
    signDueAt: dueAt(dispatchedAt, rule.sign, tz, cal),
    acceptDueAt: dueAt(dispatchedAt, rule.accept, tz, cal),
    returnDueAt: dueAt(dispatchedAt, settings.deadlines.returnWindow, tz, cal),
  };
}

/**
 * The reply deadline, counted from acceptance (or from a reopening for rework). A case transferred
 * from a higher level must also meet that level's deadline, whichever comes first.
 */
export function replyDeadline(
  acceptedAt: number,
  facts: CaseFacts,
  settings: TenantSettings,
  cal: WorkCalendar,
  higherLevelDueAt?: number | null,
): number {
  const own = dueAt(acceptedAt, resolveRule(settings, facts).reply, settings.timeZone, cal);
  return higherLevelDueAt == null ? own : Math.min(own, higherLevelDueAt);
}

/**
 * The reply deadline after an approved extension of `days`, counted on from the current
 * deadline's last day in the unit of the case's reply rule (a hotline order's 2 working days
 * extend by working days). A case transferred from a higher level is never extended past that
 * level's deadline: only the higher level moves it. Checking `days` against the rule's limit is
 * the state machine's job.
 */
export function extendReplyDeadline(
  replyDueAt: number,
  days: number,
  facts: CaseFacts,
  settings: TenantSettings,
  cal: WorkCalendar,
  higherLevelDueAt?: number | null,
): number {
  const tz = settings.timeZone;
  // The last day is the one holding the last instant still in time. For a deadline capped by a
  // higher level at, say, 17:00 that is the same day; for 24:00 it is the day before.
  const last = localDay(replyDueAt - 1, tz);
  const unit = resolveRule(settings, facts).reply.unit;
  const extended = endOfDay(lastDay(last, { days, unit }, cal), tz);
  return higherLevelDueAt == null ? extended : Math.max(replyDueAt, Math.min(extended, higherLevelDueAt));
}

/** reply → the citizen can no longer rate; after it the assignment is 超期未评. */
export function ratingDeadline(repliedAt: number, settings: TenantSettings, cal: WorkCalendar): number {
  return dueAt(repliedAt, settings.deadlines.ratingWindow, settings.timeZone, cal);
}

/** written reply → the citizen can no longer ask for a review (复查), or after it a 复核. */
export function reviewDeadline(repliedAt: number, settings: TenantSettings, cal: WorkCalendar): number {
  return dueAt(repliedAt, settings.deadlines.reviewWindow, settings.timeZone, cal);
}

/** the citizen's 复查 (复核) request → the bureau's written opinion is due. */
export function reviewAnswerDeadline(
  requestedAt: number,
  settings: TenantSettings,
  cal: WorkCalendar,
): number {
  return dueAt(requestedAt, settings.deadlines.reviewAnswer, settings.timeZone, cal);
}

/** A day rule as people say it: 30 日, 5 个工作日. */
export function dayRuleText(rule: { days: number; unit: 'natural' | 'working' }): string {
  return rule.unit === 'working' ? `${rule.days} 个工作日` : `${rule.days} 日`;
}

/** Extension days still available to a case (the rule's limit minus what was granted). */
export function remainingExtensionDays(
  facts: CaseFacts,
  settings: TenantSettings,
  grantedDays: number,
): number {
  return Math.max(0, resolveRule(settings, facts).maxExtensionDays - grantedDays);
}

/** The local last day of a deadline instant (the day shown to people as "due 3月5日"). */
export function dueDay(due: number, settings: Pick<TenantSettings, 'timeZone'>): string {
  return localDay(due - 1, settings.timeZone);
}
