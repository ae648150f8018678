// Per-tenant settings: the defaults every county inherits, the partial document a tenant stores
// (tenant_settings.settings), and the schema of a tenant admin's update.
import * as v from 'valibot';
import type { CaseKind, Channel, Purpose } from '../../db/schema/cases';
import { type DayRule, type DayUnit, isValidTimeZone } from './calendar';
import { DEFAULT_SCORING_PROFILE, type ScoringProfile, ScoringProfileSchema } from './scoring';

export type { DayRule, DayUnit };

// Restated here because db/schema imports drizzle at runtime and the domain must not; the `Same`
// checks stop compiling if the schema's lists change.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const KINDS = ['petition', 'inquiry', 'hotline'] as const;
const CHANNELS = ['web', 'letter', 'visit', 'phone', 'mailbox', 'transfer'] as const;
const PURPOSES = ['suggestion', 'accusation', 'claim', 'question', 'help', 'other'] as const;
const _kindsMatch: Same<(typeof KINDS)[number], CaseKind> = true;
const _channelsMatch: Same<(typeof CHANNELS)[number], Channel> = true;
const _purposesMatch: Same<(typeof PURPOSES)[number], Purpose> = true;

export interface DeadlineRuleMatch {
  kind?: CaseKind;
  channel?: Channel;
  purpose?: Purpose;
  fastTrack?: boolean;
}

/**
 * A deadline rule for cases matching `match`. The most specific matching rule (most keys
 * matched; the later one on a tie) gives the reply deadline and its extension limit; `route`, `sign`
 * and `accept` come from the most specific matching rule that sets them, else the tenant-wide
 * default.
 */
export interface DeadlineRule {
  match: DeadlineRuleMatch;
  /** registration → routed, when the tenant-wide `route` does not fit these cases */
  route?: DayRule;
  sign?: DayRule;
  accept?: DayRule;
  reply: DayRule;
  /** extension days a dispatcher may grant in total, in the unit of `reply` */
  maxExtensionDays: number;
}

export interface Branding {
  portalTitle?: string;
  logoUrl?: string;
  notice?: string;
  primaryColor?: string;
}

export interface TenantSettings {
  /** IANA zone: where a deadline's 24:00 is and which local day an instant belongs to */
  timeZone: string;
  deadlines: {
    /** registration → routed (转送/交办) */
    route: DayRule;
    /** dispatch → signed (签收), unless a rule says otherwise */
    sign: DayRule;
    /** a unit may ask to return a misrouted case (退件) until this long after receipt */
    returnWindow: DayRule;
    /** dispatch → accepted or refused (受理/不予受理), unless a rule says otherwise */
    accept: DayRule;
    /** reply → the citizen can no longer rate (超期未评) */
    ratingWindow: DayRule;
    /** written reply → the citizen can no longer ask for a review (复查/复核) */
    reviewWindow: DayRule;
    /** the citizen's review request → the bureau's written opinion (复查/复核意见) is due */
    reviewAnswer: DayRule;
    rules: DeadlineRule[];
  };
  /** a reply reaches the citizen only after a unit leader approves it (审核) */
  requireReplyReview: boolean;
  /** days after an earlier case closed in which the same person's same matter is a repeat */
  repeatWindowDays: number;
  /** whether citizens see the handler's name, or only the unit */
  showHandlerNames: boolean;
  anonymousAllowed: Record<CaseKind, boolean>;
  branding: Branding;
  /** the portal's anti-flooding limits on submissions (rate_limits); raise them for a village
   * behind one carrier address, or lower the per-phone one during a flood */
  portalLimits: { submitPerIpPerHour: number; submitPerPhonePerDay: number };
  scoring: ScoringProfile;
}

const natural = (days: number): DayRule => ({ days, unit: 'natural' });
const working = (days: number): DayRule => ({ days, unit: 'working' });

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    for (const value of Object.values(x)) deepFreeze(value);
    Object.freeze(x);
  }
  return x;
}

export const DEFAULT_SETTINGS: TenantSettings = deepFreeze({
  timeZone: 'Asia/Shanghai',
  deadlines: {
    route: natural(15),
    sign: natural(1),
    returnWindow: working(5),
    accept: natural(5),
    ratingWindow: natural(15),
    reviewWindow: natural(30),
    // 信访工作条例 art. 35: the reviewing body answers within 30 days of the request
    reviewAnswer: natural(30),
    // Order matters on ties: a later rule beats an earlier one with as many matched keys. So a
    // petition for a claim gets 60 days (claim beats petition), a claim on the fast track keeps
    // the 15-day promise (fast track beats claim), and a hotline work order follows the hotline
    // rules whatever its purpose (hotline beats claim and fast track).
    rules: [
      { match: { kind: 'petition' }, reply: natural(15), maxExtensionDays: 15 },
      { match: { kind: 'inquiry' }, reply: natural(15), maxExtensionDays: 15 },
      // 信访工作条例 art. 34: 60 days, extendable by at most 30 with approval.
      { match: { purpose: 'claim' }, reply: natural(60), maxExtensionDays: 30 },
      // 最多投一次: received the same day, closed within 15 natural days; an extension would break
      // the promise, so the dispatcher takes the case off the fast track instead.
      { match: { fastTrack: true }, sign: natural(0), reply: natural(15), maxExtensionDays: 0 },
      // 12345: signing in 1 working day is taking the order on (受理); the petition's 5 natural days
      // to accept would let a unit's acceptance alone outlast a 咨询's 2 working days.
      {
        match: { kind: 'hotline' },
        // a 12345 order is dispatched the working day it comes in, not within the 信访 15 days
        route: working(1),
        sign: working(1),
        accept: working(1),
        reply: working(15),
        maxExtensionDays: 15,
      },
      { match: { kind: 'hotline', purpose: 'question' }, reply: working(2), maxExtensionDays: 2 },
      { match: { kind: 'hotline', purpose: 'help' }, reply: working(5), maxExtensionDays: 5 },
    ],
  },
  requireReplyReview: true,
  repeatWindowDays: 180,
  showHandlerNames: false,
  anonymousAllowed: { petition: false, inquiry: true, hotline: true },
  branding: {},
  // Mobile carriers put whole villages behind one address (CGNAT), so the per-address limit is
  // generous; the per-phone one is what stops one person flooding the bureau.
  portalLimits: { submitPerIpPerHour: 30, submitPerPhonePerDay: 5 },
  // A copy, so freezing our defaults does not freeze scoring.ts's object.
  scoring: structuredClone(DEFAULT_SCORING_PROFILE),
});

// ---------------------------------------------------------------------------------------------
// The update schema. Every field is optional; null resets a field to the default.

const count = (min: number, max: number, what: string) =>
  v.pipe(
    v.number(`${what}次数必须是数字`),
    v.integer(`${what}次数必须是整数`),
    v.minValue(min, `${what}次数不能少于 ${min}`),
    v.maxValue(max, `${what}次数不能多于 ${max}`),
  );

const dayCount = (min: number, max: number) =>
  v.pipe(
    v.number('天数必须是数字'),
    v.integer('天数必须是整数'),
    v.minValue(min, `天数不能少于 ${min}`),
    v.maxValue(max, `天数不能超过 ${max}`),
  );

const dayRule = (min: number, max: number) =>
  v.strictObject({
    days: dayCount(min, max),
    unit: v.picklist(['natural', 'working'], '计日方式只能是自然日（natural）或工作日（working）'),
  });

const reset = <T extends v.GenericSchema>(schema: T) => v.nullish(schema);

const DeadlineRuleSchema = v.strictObject({
  match: v.strictObject({
    kind: v.optional(v.picklist(KINDS, '未知的件类型')),
    channel: v.optional(v.picklist(CHANNELS, '未知的来源渠道')),
    purpose: v.optional(v.picklist(PURPOSES, '未知的信访目的')),
    fastTrack: v.optional(v.boolean('“最多投一次”标记必须是布尔值')),
  }),
  route: v.optional(dayRule(1, 60)),
  sign: v.optional(dayRule(0, 15)),
  accept: v.optional(dayRule(0, 30)),
  reply: dayRule(0, 180),
  maxExtensionDays: dayCount(0, 90),
});

const shortText = (max: number) =>
  v.pipe(v.string('必须是文本'), v.trim(), v.maxLength(max, `不能超过 ${max} 个字`));

export const TenantSettingsPatchSchema = v.strictObject({
  timeZone: reset(
    v.pipe(
      v.string('时区必须是文本'),
      v.maxLength(64, '时区名称过长'),
      v.check(isValidTimeZone, '未知的时区（应为 IANA 时区名，如 Asia/Shanghai）'),
    ),
  ),
  deadlines: reset(
    v.strictObject({
      route: reset(dayRule(1, 60)),
      sign: reset(dayRule(0, 15)),
      returnWindow: reset(dayRule(1, 30)),
      accept: reset(dayRule(0, 30)),
      ratingWindow: reset(dayRule(1, 90)),
      reviewWindow: reset(dayRule(1, 90)),
      reviewAnswer: reset(dayRule(1, 90)),
      rules: reset(
        v.pipe(v.array(DeadlineRuleSchema, '期限规则必须是列表'), v.maxLength(50, '期限规则不能超过 50 条')),
      ),
    }),
  ),
  requireReplyReview: reset(v.boolean('必须是布尔值')),
  repeatWindowDays: reset(dayCount(0, 1095)),
  showHandlerNames: reset(v.boolean('必须是布尔值')),
  anonymousAllowed: reset(
    v.strictObject({
      petition: reset(v.boolean('必须是布尔值')),
      inquiry: reset(v.boolean('必须是布尔值')),
      hotline: reset(v.boolean('必须是布尔值')),
    }),
  ),
  branding: reset(
    v.strictObject({
      portalTitle: reset(v.pipe(shortText(60), v.minLength(1, '门户标题不能为空'))),
      logoUrl: reset(
        v.pipe(shortText(500), v.regex(/^(https:\/\/|\/(?!\/))\S+$/, '标志地址必须以 https:// 或 / 开头')),
      ),
      notice: reset(shortText(2000)),
      primaryColor: reset(
        v.pipe(v.string('必须是文本'), v.regex(/^#[0-9a-fA-F]{6}$/, '主色须为 #RRGGBB 形式')),
      ),
    }),
  ),
  portalLimits: reset(
    v.strictObject({
      submitPerIpPerHour: reset(count(5, 5000, '同一网络地址每小时提交')),
      submitPerPhonePerDay: reset(count(1, 100, '同一电话号码每天提交')),
    }),
  ),
  scoring: reset(ScoringProfileSchema),
});

export type TenantSettingsPatch = v.InferOutput<typeof TenantSettingsPatchSchema>;

// ---------------------------------------------------------------------------------------------
// Merging. Objects merge key by key, arrays and scalars replace, null removes (back to default).

type Json = Record<string, unknown>;

function isPlainObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// `nulls`: in a patch, null removes the stored override ('delete'); in a stored document it just
// means "no override" ('skip').
function mergeDeep(base: unknown, over: unknown, nulls: 'delete' | 'skip'): unknown {
  if (over === undefined || over === null) return structuredClone(base);
  if (!isPlainObject(over)) return structuredClone(over);
  const out: Json = isPlainObject(base) ? structuredClone(base) : {};
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    if (value === null) {
      if (nulls === 'delete') delete out[key];
      continue;
    }
    out[key] = mergeDeep(out[key], value, nulls);
  }
  return out;
}

/**
 * The document to store after a validated patch: the patch merged over what the tenant had
 * stored (not over the defaults, so later changes to a default still reach tenants that never
 * set that field). null in the patch removes the stored override.
 */
export function mergeSettingsPatch(stored: unknown, patch: TenantSettingsPatch): Json {
  const merged = mergeDeep(isPlainObject(stored) ? stored : {}, patch, 'delete');
  return isPlainObject(merged) ? merged : {};
}

// Deletes the part of `doc` an issue points at, so that a stored document written by an older
// version (or by hand) loses only its bad part. Arrays are dropped whole, since they replace the
// default whole; a missing key drops the object that lacks it.
function prune(
  doc: Json,
  path: readonly { key: unknown; value: unknown; type: string }[] | undefined,
): boolean {
  if (!path || path.length === 0) return false;
  let parent: Json = doc;
  for (let i = 0; i < path.length; i++) {
    const item = path[i]!;
    const key = String(item.key);
    const value = parent[key];
    const last = i === path.length - 1;
    if (last || Array.isArray(value) || !isPlainObject(value)) {
      if (key in parent && value !== undefined) {
        delete parent[key];
        return true;
      }
      return false;
    }
    // The next key is missing from `value`: drop `value` itself.
    const next = path[i + 1]!;
    if (!(String(next.key) in value)) {
      delete parent[key];
      return true;
    }
    parent = value;
  }
  return false;
}

/**
 * The tenant's effective settings: its stored partial document over the defaults. Parts of the
 * stored document that no longer validate fall back to their defaults instead of failing every
 * request of the tenant.
 */
export function resolveSettings(stored: unknown): TenantSettings {
  const doc: Json = isPlainObject(stored) ? structuredClone(stored) : {};
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = v.safeParse(TenantSettingsPatchSchema, doc);
    if (result.success) return mergeDeep(DEFAULT_SETTINGS, result.output, 'skip') as TenantSettings;
    let pruned = false;
    for (const issue of result.issues) pruned = prune(doc, issue.path) || pruned;
    if (!pruned) break;
  }
  return structuredClone(DEFAULT_SETTINGS);
}
