// Historical import (docs/IMPORT.md): a county moves in with its past. One case per line with its
// whole history; every line is checked first (shape, names, and a dry run of each unit's history
// through the pure state machine), and only a batch without a single problem is written: the same
// cases, assignments, events, replies and ratings the live services would have written, and the
// statistics aggregates updated with them, all in one db.batch (atomic on libSQL and D1). Lines
// whose external id was imported before are skipped and reported, so an import can be re-run.
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import * as v from 'valibot';
import { importBatches } from '../../../db/schema';
import { CASE_KINDS, CHANNELS, PURPOSES, RATING_VALUES } from '../../../db/schema/cases';
import type { ServiceCtx } from '../../api/context';
import { isValidDay, localDay, startOfDay } from '../../domain/calendar';
import { reviewAnswerDeadline, routeDeadline } from '../../domain/deadlines';
import type { AssignmentEvent } from '../../domain/events';
import { isInTime } from '../../domain/lights';
import { isValidIdNumber, isValidPhone, normalizeIdNumber, normalizePhone } from '../../domain/masking';
import { identityKey } from '../../domain/similarity';
import {
  caseContributions,
  contributions,
  type Contribution,
  isOpen,
  sumContributions,
  withKind,
} from '../../domain/stats/contributions';
import { foldAssignment } from '../../domain/stats/fold';
import { reviewState } from '../../domain/review';
import { caseStatusFromAssignments } from '../../domain/state-machine';
import { AppError, conflict } from '../../lib/errors';
import { MAX_YEAR, MIN_YEAR } from '../../routes/schemas';
import { hmacHex, newId } from '../../lib/ids';
import { controlCharPaths, issuesToDetails, PARSE_CONFIG } from '../../lib/openapi';
import { type BulkOpenRow, bulkDailyWrites, bulkOpenWrites } from '../../repo/stats';
import {
  bumpCaseCounter,
  casesOfBatch,
  existingExternalIds,
  type JsonCell,
  jsonInsert,
} from '../../repo/stats-import';
import { indexNewCases } from '../../repo/search';
import { calendarFor, caseFacts } from '../workflow/common';
import { assertStatsWriter } from './access';
import {
  externalIdOf,
  importCharset,
  clipProblem,
  MAX_IMPORT_LINES,
  MAX_REPORTED_PROBLEMS,
  parseCsv,
  parseNdjson,
  type RawLine,
  repeatedExternalIds,
  replacementLines,
} from './import-format';
import { IMPORT_STEPS, type ImportEvent, type ReplayResult, replayImportedAssignment } from './import-replay';

export interface ImportProblem {
  line: number;
  path: string;
  message: string;
}

export interface ImportLineResult {
  line: number;
  externalId: string;
  status: 'imported' | 'skipped';
  caseId: string;
  number?: string;
  message?: string;
}

export interface ImportResult {
  batchId: string | null;
  status: 'applied' | 'dry-run';
  lines: number;
  imported: number;
  skipped: number;
  results: ImportLineResult[];
}

// ---------------------------------------------------------------------------------------------
// the shape of a line

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/;
// Instants lie between 2000 and 2100, as everywhere in the API: a deadline of 1e20 ms is no date
// at all and would fail as a 500 in every paper and view that prints it.
const MIN_INSTANT = Date.UTC(MIN_YEAR, 0, 1);
const MAX_INSTANT = Date.UTC(MAX_YEAR, 0, 1);
const TIME_FORMAT = '时间应为 ISO-8601（含时区）、“YYYY-MM-DD HH:mm”（本县时间）或毫秒时间戳';

/**
 * An instant: ISO-8601 with offset, local wall time 'YYYY-MM-DD HH:mm[:ss]' of the tenant, or epoch
 * ms. Null when it is none of them; the range (2000–2100) is checked by the schema.
 */
export function parseInstant(value: string | number, tz: string): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const s = value.trim();
  if (ISO_TIME.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : t;
  }
  const m = LOCAL_TIME.exec(s);
  if (!m || !isValidDay(m[1]!)) return null;
  const [h, mi, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || sec > 59) return null;
  return startOfDay(m[1]!, tz) + ((h * 60 + mi) * 60 + sec) * 1000;
}

const Opt = (max: number) =>
  v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(max, `不能超过 ${max} 个字`))));
const Text = (max: number, msg: string) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, msg), v.maxLength(max, `不能超过 ${max} 个字`));
const Rating = v.optional(
  v.nullable(v.picklist(RATING_VALUES, '评价只能是 satisfied、basic 或 unsatisfied')),
);

function schemas(tz: string) {
  const Instant = v.pipe(
    v.union([v.pipe(v.string(), v.maxLength(40)), v.number()], TIME_FORMAT),
    v.check((x) => parseInstant(x, tz) !== null, TIME_FORMAT),
    v.transform((x) => parseInstant(x, tz)!),
    v.minValue(MIN_INSTANT, `时间不能早于 ${MIN_YEAR} 年`),
    v.maxValue(MAX_INSTANT, `时间不能晚于 ${MAX_YEAR} 年`),
  );
  const OptInstant = v.optional(v.nullable(Instant));
  const Event = v.strictObject({
    type: v.picklist(IMPORT_STEPS, `type 应为 ${IMPORT_STEPS.join('、')} 之一`),
    at: Instant,
    reason: Opt(1000),
    notice: Opt(5000),
    note: Opt(1000),
    days: v.optional(
      v.nullable(v.pipe(v.number('天数应为数字'), v.integer('天数应为整数'), v.minValue(1), v.maxValue(365))),
    ),
    body: Opt(10000),
    value: Rating,
    bureauValue: Rating,
    comment: Opt(500),
    signDueAt: OptInstant,
    acceptDueAt: OptInstant,
    returnDueAt: OptInstant,
    replyDueAt: OptInstant,
    ratingDueAt: OptInstant,
  });
  // 复查 (level 1) and 复核 (level 2): the citizen's request and the bureau's written opinion
  const Review = v.strictObject({
    level: v.optional(v.picklist([1, 2], 'level 应为 1（复查）或 2（复核）')),
    requestedAt: Instant,
    reason: Opt(2000),
    answeredAt: OptInstant,
    decision: v.optional(
      v.nullable(v.picklist(REVIEW_DECISIONS, 'decision 应为 upheld（维持）或 revised（撤销或变更）')),
    ),
    opinion: Opt(10000),
  });
  const Assignment = v.strictObject({
    unit: Text(60, '请填写承办单位名称'),
    role: v.optional(v.picklist(['lead', 'co'], 'role 应为 lead（主办）或 co（协办）'), 'lead'),
    events: v.pipe(v.array(Event), v.minLength(1, '请至少提供交办记录'), v.maxLength(100)),
  });
  return v.strictObject({
    externalId: Text(100, '请填写外部编号（原系统中的编号，用于防止重复导入）'),
    kind: v.optional(v.picklist(CASE_KINDS, 'kind 应为 petition、inquiry 或 hotline'), 'petition'),
    channel: v.picklist(CHANNELS, `channel 应为 ${CHANNELS.join('、')} 之一`),
    purpose: v.picklist(PURPOSES, `purpose 应为 ${PURPOSES.join('、')} 之一`),
    category: Opt(200),
    township: Opt(60),
    address: Opt(200),
    title: Text(100, '请填写标题'),
    content: Text(5000, '请填写诉求内容'),
    petitioner: v.optional(
      v.strictObject({
        name: Opt(30),
        phone: Opt(20),
        idNumber: Opt(18),
        anonymous: v.optional(v.boolean()),
      }),
      {},
    ),
    peopleCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10000))),
    flags: v.optional(
      v.strictObject({
        sensitive: v.optional(v.boolean()),
        threat: v.optional(v.boolean()),
        collective: v.optional(v.boolean()),
        fastTrack: v.optional(v.boolean()),
      }),
    ),
    isPublic: v.optional(v.boolean()),
    receivedAt: Instant,
    higherLevelDueAt: OptInstant,
    repeat: v.optional(v.boolean(), false),
    repeatConfirmedAt: OptInstant,
    assignments: v.optional(v.pipe(v.array(Assignment), v.maxLength(10, '一件最多交办 10 个单位')), []),
    reviews: v.optional(v.pipe(v.array(Review), v.maxLength(2, '复查、复核各至多一次')), []),
  });
}

type LineInput = v.InferOutput<ReturnType<typeof schemas>>;

const REVIEW_DECISIONS = ['upheld', 'revised'] as const;
const REVIEW_NAME = ['复查', '复核'] as const;

/** A 复查/复核 as the live moves write it (citizen.ts requestByCitizen, routing.ts answerReview). */
interface PlannedReview {
  level: 1 | 2;
  requestedAt: number;
  reason: string;
  answer: { at: number; decision: (typeof REVIEW_DECISIONS)[number]; opinion: string; late: boolean } | null;
}

/**
 * The case's 复查/复核 history, checked as the live product orders it: a request after a written
 * reply, its answer after it, and a 复核 only after the 复查 was answered (the bureau's opinion, or
 * a reply sent after the request). The window for asking is not checked: the old system took it.
 */
function planReviews(
  input: LineInput,
  replyTimes: number[] | null,
  now: number,
  answerDue: (requestedAt: number) => number,
  problem: (path: string, message: string) => void,
): PlannedReview[] {
  const out: PlannedReview[] = [];
  input.reviews.forEach((r, i) => {
    const path = `reviews.${i}`;
    const level = (i + 1) as 1 | 2;
    const name = REVIEW_NAME[i]!;
    const before = out.length;
    if (r.level != null && r.level !== level) {
      problem(
        `${path}.level`,
        i === 0 ? '复核之前须先有复查：第一次申请应为复查（level 1）' : '复查之后的申请应为复核（level 2）',
      );
      return;
    }
    if (r.requestedAt > now + 60_000) problem(`${path}.requestedAt`, `${name}申请时间不能晚于当前时间`);
    if (r.answeredAt != null && r.answeredAt > now + 60_000)
      problem(`${path}.answeredAt`, `${name}答复时间不能晚于当前时间`);
    if (r.answeredAt != null && r.answeredAt < r.requestedAt)
      problem(`${path}.answeredAt`, `${name}答复时间不能早于申请时间`);
    if (r.answeredAt != null && r.decision == null)
      problem(`${path}.decision`, `请填写${name}结论：upheld（维持）或 revised（撤销或变更）`);
    if (r.answeredAt == null && (r.decision != null || r.opinion))
      problem(`${path}.answeredAt`, `有${name}结论或意见，须填写${name}答复时间`);
    // the replies are known only when every assignment's history replayed
    if (replyTimes && !replyTimes.some((t) => t <= r.requestedAt))
      problem(`${path}.requestedAt`, `${name}申请须在答复之后：此前该件没有答复`);
    const prev = out[i - 1];
    if (i === 1 && prev && replyTimes) {
      const pending = reviewState({
        requestedAt: prev.requestedAt,
        answeredAt: prev.answer && prev.answer.at <= r.requestedAt ? prev.answer.at : null,
        lastReplyAt: Math.max(0, ...replyTimes.filter((t) => t <= r.requestedAt)) || null,
      }).pending;
      if (r.requestedAt < prev.requestedAt || pending)
        problem(`${path}.requestedAt`, '复核申请须在复查答复之后');
    }
    if (out.length !== before) return;
    out.push({
      level,
      requestedAt: r.requestedAt,
      reason: r.reason || '历史数据导入',
      answer:
        r.answeredAt != null && r.decision != null
          ? {
              at: r.answeredAt,
              decision: r.decision,
              opinion: r.opinion || '（历史数据导入，原系统未提供意见正文）',
              late: !isInTime(r.answeredAt, answerDue(r.requestedAt)),
            }
          : null,
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------

interface PlannedCase {
  line: number;
  input: LineInput;
  caseId: string;
  receivedDay: string;
  year: number;
  categoryId: string | null;
  townshipUnitId: string | null;
  identityHash: string | null;
  phone: string | null;
  idNumber: string | null;
  name: string | null;
  anonymous: boolean;
  /** `index`: the assignment's place in the line */
  assignments: { unitId: string; unitKind: string; result: ReplayResult; index: number }[];
  reviews: PlannedReview[];
}

interface NameTables {
  units: Map<string, { id: string; kind: string }>;
  /** by full path '父/子' and by bare name (a bare name used twice maps to null: ambiguous) */
  categories: Map<string, string | null>;
}

async function nameTables(ctx: ServiceCtx): Promise<NameTables> {
  const { db, tenant } = ctx;
  const unitRows = await db.all<{ id: string; name: string; kind: string }>(
    sql`SELECT id, name, kind FROM units WHERE tenant_id = ${tenant.id}`,
  );
  const catRows = await db.all<{ id: string; name: string; parentId: string | null }>(
    sql`SELECT id, name, parent_id AS parentId FROM categories WHERE tenant_id = ${tenant.id}`,
  );
  const byId = new Map(catRows.map((c) => [c.id, c]));
  const pathOf = (c: { name: string; parentId: string | null }): string => {
    const parts = [c.name];
    let p = c.parentId ? byId.get(c.parentId) : undefined;
    for (let i = 0; p && i < 20; i++) {
      parts.unshift(p.name);
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    return parts.join('/');
  };
  const categories = new Map<string, string | null>();
  for (const c of catRows) {
    categories.set(pathOf(c), c.id);
    categories.set(c.name, categories.has(c.name) && categories.get(c.name) !== c.id ? null : c.id);
  }
  return {
    units: new Map(unitRows.map((u) => [u.name.trim(), { id: u.id, kind: u.kind }])),
    categories,
  };
}

/** Checks one line and plans what it writes; problems go to `problems`. */
async function planLine(
  ctx: ServiceCtx,
  raw: RawLine,
  schema: ReturnType<typeof schemas>,
  names: NameTables,
  cal: Awaited<ReturnType<typeof calendarFor>>,
  problems: ImportProblem[],
): Promise<PlannedCase | null> {
  const { settings } = ctx;
  const tz = settings.timeZone;
  const now = ctx.clock.now();
  // a CSV case's assignment is reported on its own row (a case's rows are one line here)
  const lineOf = (path: string) => {
    const m = /^assignments\.(\d+)/.exec(path);
    return (m && raw.assignmentLines?.[Number(m[1])]) || raw.line;
  };
  const problem = (path: string, message: string) => problems.push({ line: lineOf(path), path, message });
  // the same rule as every JSON body of the API: a NUL would cut the stored text short
  const controls = controlCharPaths(raw.value);
  for (const path of controls) problem(path, '不能含有控制字符');
  if (controls.length > 0) return null;
  const parsed = v.safeParse(schema, raw.value, PARSE_CONFIG);
  if (!parsed.success) {
    for (const d of issuesToDetails(parsed.issues)) problem(d.path ?? '', d.message);
    return null;
  }
  const input = parsed.output;
  const before = problems.length;
  if (raw.sortEvents)
    for (const a of input.assignments)
      a.events = a.events
        .map((e, i) => ({ e, i }))
        .sort((x, y) => x.e.at - y.e.at || x.i - y.i)
        .map(({ e }) => e);

  if (input.receivedAt > now + 60_000) problem('receivedAt', '收件时间不能晚于当前时间');
  if (input.higherLevelDueAt != null && input.channel !== 'transfer')
    problem('higherLevelDueAt', '只有上级转送/交办件才有上级期限');
  if (input.kind === 'inquiry' && input.purpose === 'accusation')
    problem('purpose', '检举控告请通过信访渠道反映，不能作为公开问政');
  if (input.repeatConfirmedAt != null && !input.repeat)
    problem('repeatConfirmedAt', '只有重复件才有确认时间');
  if (input.repeatConfirmedAt != null && input.repeatConfirmedAt < input.receivedAt)
    problem('repeatConfirmedAt', '重复件确认时间不能早于收件时间');
  const p = input.petitioner;
  const anonymous = p.anonymous === true;
  if (anonymous && !settings.anonymousAllowed[input.kind])
    problem('petitioner.anonymous', '该类事项须实名反映');
  const rawPhone = normalizePhone(p.phone);
  if (p.phone?.trim() && !isValidPhone(rawPhone)) problem('petitioner.phone', '联系电话格式不正确');
  if (p.idNumber && !isValidIdNumber(p.idNumber)) problem('petitioner.idNumber', '身份证号码不正确');

  let categoryId: string | null = null;
  if (input.category) {
    const id = names.categories.get(input.category.replace(/\s*[/／>]\s*/g, '/'));
    if (id === undefined) problem('category', `内容分类“${input.category}”不存在`);
    else if (id === null)
      problem('category', `内容分类“${input.category}”有重名，请写完整路径，如“城乡建设/物业管理”`);
    else categoryId = id;
  }
  let townshipUnitId: string | null = null;
  if (input.township) {
    const u = names.units.get(input.township);
    if (u?.kind !== 'township') problem('township', `所属乡镇（街道）“${input.township}”不存在`);
    else townshipUnitId = u.id;
  }

  const caseId = newId();
  const facts = caseFacts({ ...input, fastTrack: input.flags?.fastTrack ?? false });
  const planned: PlannedCase['assignments'] = [];
  input.assignments.forEach((a, ai) => {
    const path = `assignments.${ai}`;
    const unit = names.units.get(a.unit);
    if (!unit) {
      problem(`${path}.unit`, `承办单位“${a.unit}”不存在`);
      return;
    }
    const first = a.events[0];
    if (first && first.at < input.receivedAt) problem(`${path}.events.0.at`, '交办时间不能早于收件时间');
    a.events.forEach((e, ei) => {
      if (e.at > now + 60_000) problem(`${path}.events.${ei}.at`, '办理时间不能晚于当前时间');
    });
    const replay = replayImportedAssignment(
      {
        assignmentId: newId(),
        tenantId: ctx.tenant.id,
        caseId,
        unitId: unit.id,
        role: a.role,
        facts,
        higherLevelDueAt: input.higherLevelDueAt ?? null,
        settings,
        cal,
        actorId: ctx.actor.id,
        events: a.events as ImportEvent[],
        path: `${path}.events`,
      },
      newId,
    );
    if (!replay.ok) {
      for (const x of replay.problems) problem(x.path, x.message);
      return;
    }
    replay.result.row.dispatchDay = localDay(replay.result.row.dispatchedAt, tz);
    planned.push({ unitId: unit.id, unitKind: unit.kind, result: replay.result, index: ai });
  });
  // the routing rules, over the history: one lead at a time, a unit once at a time
  // (reported on the assignment that breaks them, so on its own CSV row)
  const live = planned.filter((a) => a.result.row.state !== 'returned');
  const secondLead = live.filter((a) => a.result.row.role === 'lead')[1];
  if (secondLead) problem(`assignments.${secondLead.index}.role`, '同一件只能有一个主办单位（退件的除外）');
  const seen = new Set<string>();
  for (const a of live.filter((x) => x.result.row.state !== 'refused')) {
    if (seen.has(a.unitId)) problem(`assignments.${a.index}.unit`, '同一单位不能重复交办（退件的除外）');
    seen.add(a.unitId);
  }
  const reviews = planReviews(
    input,
    planned.length === input.assignments.length
      ? planned.flatMap((a) => a.result.replies.map((r) => r.at))
      : null,
    now,
    (requestedAt) => reviewAnswerDeadline(requestedAt, settings, cal),
    problem,
  );
  if (problems.length > before) return null;

  const phone = anonymous ? null : rawPhone || null;
  const idNumber = anonymous ? null : normalizeIdNumber(p.idNumber) || null;
  const receivedDay = localDay(input.receivedAt, tz);
  return {
    line: raw.line,
    input,
    caseId,
    receivedDay,
    year: Number(receivedDay.slice(0, 4)),
    categoryId,
    townshipUnitId,
    identityHash: await identityKey(ctx.deps.secret, { idNumber, phone: phone ?? rawPhone }, hmacHex),
    phone: anonymous ? rawPhone || null : phone,
    idNumber,
    name: anonymous ? null : p.name?.trim() || null,
    anonymous,
    assignments: planned,
    reviews,
  };
}

const b = (x: boolean) => (x ? 1 : 0);

/** The writes of the planned cases: rows, events, replies, ratings, counters and statistics. */
function writesFor(
  ctx: ServiceCtx,
  batchId: string,
  plan: PlannedCase[],
  cal: Awaited<ReturnType<typeof calendarFor>>,
): BatchItem<'sqlite'>[] {
  const { db, tenant, settings, actor } = ctx;
  const now = ctx.clock.now();
  const tz = settings.timeZone;
  const dayOf = (t: number) => localDay(t, tz);
  const writes: BatchItem<'sqlite'>[] = [];

  // numbers: per received year, in order of receipt, after the county's last number
  const byYear = new Map<number, PlannedCase[]>();
  for (const c of [...plan].sort((x, y) => x.input.receivedAt - y.input.receivedAt)) {
    const list = byYear.get(c.year) ?? [];
    list.push(c);
    byYear.set(c.year, list);
  }
  const back = new Map<string, number>();
  for (const [year, list] of byYear) {
    writes.push(bumpCaseCounter(db, tenant.id, year, list.length));
    list.forEach((c, i) => {
      back.set(c.caseId, list.length - 1 - i);
    });
  }

  const caseRows: JsonCell[][] = [];
  const assignmentRows: JsonCell[][] = [];
  const eventRows: { at: number; seq: number; row: JsonCell[] }[] = [];
  const replyRows: JsonCell[][] = [];
  const ratingRows: JsonCell[][] = [];
  const contrib: Contribution[] = [];
  const open: BulkOpenRow[] = [];
  let seq = 0;
  const event = (
    c: PlannedCase,
    assignmentId: string | null,
    type: string,
    at: number,
    fromState: string | null,
    toState: string | null,
    payload: unknown,
  ) => {
    eventRows.push({
      at,
      seq: seq++,
      row: [
        tenant.id,
        c.caseId,
        assignmentId,
        type,
        actor.id,
        'system',
        at,
        fromState,
        toState,
        JSON.stringify(payload),
      ],
    });
  };

  for (const c of plan) {
    const i = c.input;
    const states = c.assignments.map((a) => a.result.row);
    const status = c.assignments.length === 0 ? 'new' : caseStatusFromAssignments(states);
    const closedAt =
      status === 'closed' || status === 'rated'
        ? Math.max(...c.assignments.map((a) => a.result.row.closedAt ?? a.result.row.decidedAt ?? 0))
        : null;
    const dispatches = [...new Set(c.assignments.map((a) => a.result.row.dispatchedAt))].sort(
      (x, y) => x - y,
    );
    const moves = c.assignments.reduce((s, a) => s + a.result.moves, 0);
    const answers = c.reviews.flatMap((r) => (r.answer ? [r.answer] : []));
    const lastReview = c.reviews.at(-1);
    const peopleCount = i.peopleCount ?? 1;
    caseRows.push([
      c.caseId,
      tenant.id,
      null, // number: computed from the counter (see below)
      i.kind,
      i.channel,
      i.purpose,
      c.categoryId,
      c.townshipUnitId,
      i.address || null,
      i.title,
      i.content,
      c.name,
      c.phone,
      c.idNumber,
      c.identityHash,
      b(c.anonymous),
      b(i.kind === 'inquiry' ? i.isPublic !== false : false),
      peopleCount,
      b(i.flags?.sensitive ?? false),
      b(i.flags?.threat ?? false),
      b(i.flags?.collective ?? peopleCount >= 5),
      b(i.flags?.fastTrack ?? false),
      status,
      i.receivedAt,
      c.receivedDay,
      // a 12345 order's own dispatch time, as at intake
      routeDeadline(i.receivedAt, settings, cal, caseFacts({ ...i, fastTrack: i.flags?.fastTrack ?? false })),
      dispatches[0] ?? null,
      closedAt,
      i.higherLevelDueAt ?? null,
      i.externalId,
      batchId,
      b(i.repeat),
      actor.id,
      1 + dispatches.length + moves + (i.repeat ? 1 : 0) + c.reviews.length + answers.length,
      now,
      c.reviews.length,
      lastReview?.requestedAt ?? null,
      answers.at(-1)?.at ?? null,
      // not columns: what the number is made of
      c.year,
      back.get(c.caseId)!,
    ]);
    event(c, null, 'case.imported', i.receivedAt, null, 'new', {
      channel: i.channel,
      kind: i.kind,
      purpose: i.purpose,
      source: 'import',
      registeredAt: now,
      externalId: i.externalId,
      batchId,
    });
    if (i.repeat)
      event(c, null, 'case.repeat_confirmed', i.repeatConfirmedAt ?? i.receivedAt, null, null, {
        imported: true,
      });
    // 复查/复核 as citizen.ts requestByCitizen and routing.ts answerReview write them
    for (const r of c.reviews) {
      event(c, null, 'case.review_requested', r.requestedAt, null, null, {
        kind: 'review',
        level: r.level,
        reason: r.reason,
      });
      if (r.answer)
        event(c, null, 'case.review_answered', r.answer.at, null, null, {
          level: r.level,
          decision: r.answer.decision,
          opinion: r.answer.opinion,
          late: r.answer.late,
        });
    }
    for (const at of dispatches) {
      const group = c.assignments.filter((a) => a.result.row.dispatchedAt === at);
      const selfHandled = group.every((a) => a.unitKind === 'bureau');
      event(
        c,
        null,
        selfHandled ? 'case.self_handled' : 'case.routed',
        at,
        null,
        selfHandled ? 'replied' : 'routed',
        {
          units: group.map((a) => ({ unitId: a.unitId, role: a.result.row.role })),
          instructions: null,
          rerouted: at !== dispatches[0],
        },
      );
    }
    contrib.push(
      ...withKind(
        caseContributions({
          caseId: c.caseId,
          receivedAt: i.receivedAt,
          receivedDay: c.receivedDay,
          isRepeat: i.repeat,
        }),
        i.kind,
      ),
    );
    for (const { result } of c.assignments) {
      const r = result.row;
      assignmentRows.push([
        r.id,
        tenant.id,
        c.caseId,
        r.unitId,
        r.role,
        r.state,
        r.version,
        r.dispatchedAt,
        r.dispatchDay,
        actor.id,
        r.signDueAt,
        r.signedAt,
        r.returnDueAt,
        r.acceptDueAt,
        r.decidedAt,
        r.refuseReason,
        r.refuseNotice,
        r.returnReason,
        r.returnRequestedAt,
        r.returnedAt,
        r.replyDueAt,
        r.extensionDays,
        r.pendingExtensionDays,
        r.pendingExtensionReason,
        r.repliedAt,
        r.closedAt,
        r.ratingDueAt,
        r.ratedAt,
        r.rating,
        r.bureauRating,
        r.unratedAt,
        r.reworkCount,
        r.reworkDeclinedAt,
        r.firstRating,
        r.dueAt,
        r.dueStep,
        r.updatedAt,
      ]);
      for (const e of result.events) event(c, r.id, e.type, e.at, e.fromState, e.toState, e.payload);
      for (const rp of result.replies)
        replyRows.push([
          rp.id,
          tenant.id,
          c.caseId,
          r.id,
          rp.round,
          rp.body,
          'sent',
          actor.id,
          rp.at,
          rp.at,
          rp.at,
        ]);
      for (const rt of result.ratings)
        ratingRows.push([
          rt.id,
          tenant.id,
          c.caseId,
          r.id,
          rt.target,
          rt.target === 'unit' ? r.unitId : null,
          rt.value,
          rt.comment,
          rt.round,
          rt.at,
          'import',
        ]);
      // statistics: the same fold of the same events as the live path
      const log: AssignmentEvent[] = result.events.map(
        (e) => ({ type: e.type, at: e.at, assignmentId: r.id, payload: e.payload }) as AssignmentEvent,
      );
      const fact = foldAssignment(log, Number.MAX_SAFE_INTEGER, { caseId: c.caseId, isRepeat: i.repeat });
      if (!fact) continue;
      contrib.push(...withKind(contributions(fact, dayOf), i.kind));
      if (isOpen(fact))
        open.push({
          assignmentId: r.id,
          caseId: c.caseId,
          kind: i.kind,
          unitId: r.unitId,
          dispatchedAt: r.dispatchedAt,
          dispatchDay: r.dispatchDay,
          isRepeat: i.repeat,
          openDeadlines: fact.openDeadlines,
        });
    }
  }

  const caseColumns = [
    'id',
    'tenant_id',
    'number',
    'kind',
    'channel',
    'purpose',
    'category_id',
    'township_unit_id',
    'address',
    'title',
    'content',
    'petitioner_name',
    'petitioner_phone',
    'petitioner_id_number',
    'identity_hash',
    'anonymous',
    'is_public',
    'people_count',
    'sensitive',
    'threat',
    'collective',
    'fast_track',
    'status',
    'received_at',
    'received_day',
    'route_due_at',
    'routed_at',
    'closed_at',
    'higher_level_due_at',
    'external_id',
    'import_batch_id',
    'is_repeat',
    'created_by',
    'version',
    'updated_at',
    'review_level',
    'review_requested_at',
    'review_answered_at',
  ];
  // the n-th case of a year in this batch gets the counter's new last value minus those after it
  const year = `j.value ->> ${caseColumns.length}`;
  const after = `j.value ->> ${caseColumns.length + 1}`;
  const number = sql.raw(
    `printf('%d-%06d', ${year}, (SELECT last FROM case_counters WHERE tenant_id = j.value ->> 1 AND year = ${year}) - (${after}))`,
  );
  writes.push(...jsonInsert(db, 'cases', caseColumns, caseRows, { number }));
  writes.push(
    ...indexNewCases(
      db,
      caseRows.map((r) => String(r[0])),
    ),
  );
  return [
    ...writes,
    ...jsonInsert(
      db,
      'assignments',
      [
        'id',
        'tenant_id',
        'case_id',
        'unit_id',
        'role',
        'state',
        'version',
        'dispatched_at',
        'dispatch_day',
        'dispatched_by',
        'sign_due_at',
        'signed_at',
        'return_due_at',
        'accept_due_at',
        'decided_at',
        'refuse_reason',
        'refuse_notice',
        'return_reason',
        'return_requested_at',
        'returned_at',
        'reply_due_at',
        'extension_days',
        'pending_extension_days',
        'pending_extension_reason',
        'replied_at',
        'closed_at',
        'rating_due_at',
        'rated_at',
        'rating',
        'bureau_rating',
        'unrated_at',
        'rework_count',
        'rework_declined_at',
        'first_rating',
        'due_at',
        'due_step',
        'updated_at',
      ],
      assignmentRows,
    ),
    ...jsonInsert(
      db,
      'events',
      [
        'tenant_id',
        'case_id',
        'assignment_id',
        'type',
        'actor_id',
        'actor_role',
        'at',
        'from_state',
        'to_state',
        'payload',
      ],
      eventRows.sort((x, y) => x.at - y.at || x.seq - y.seq).map((e) => e.row),
    ),
    ...jsonInsert(
      db,
      'replies',
      [
        'id',
        'tenant_id',
        'case_id',
        'assignment_id',
        'round',
        'body',
        'status',
        'author_id',
        'created_at',
        'updated_at',
        'sent_at',
      ],
      replyRows,
    ),
    ...jsonInsert(
      db,
      'ratings',
      [
        'id',
        'tenant_id',
        'case_id',
        'assignment_id',
        'target',
        'unit_id',
        'value',
        'comment',
        'round',
        'rated_at',
        'source',
      ],
      ratingRows,
    ),
    ...bulkDailyWrites(db, tenant.id, sumContributions(contrib), 'add'),
    ...bulkOpenWrites(db, tenant.id, open),
  ];
}

function readLines(body: string, contentType: string): { lines: RawLine[]; problems: ImportProblem[] } {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv') return parseCsv(body);
  if (
    type === 'application/x-ndjson' ||
    type === 'application/jsonl' ||
    type === 'application/json-lines' ||
    type === 'application/ndjson' ||
    type === 'text/plain' ||
    type === ''
  )
    return parseNdjson(body);
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    '导入内容须为 NDJSON（application/x-ndjson）或 CSV（text/csv）',
  );
}

/**
 * The body as text, in the charset its Content-Type names (UTF-8 unless it says GBK/GB18030). Text
 * with U+FFFD was read in the wrong encoding: it is refused whole, naming the lines, for stored it
 * would stay garbled for good (a corrected file is skipped by its external id).
 */
function decodeBody(body: string | Uint8Array, contentType: string): string {
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    const charset = importCharset(contentType);
    if (!charset)
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        '导入内容须为 UTF-8 编码（或在 Content-Type 中注明 charset=gbk / gb18030）',
      );
    text = new TextDecoder(charset).decode(body);
  }
  const garbled = replacementLines(text);
  if (garbled.length > 0) {
    const message = '含有无法识别的字符（U+FFFD），文件编码与声明不符';
    throw new AppError(
      'VALIDATION',
      `导入未执行：第 ${garbled[0]} 行${message}。请另存为 UTF-8 编码后重新导入（GBK 编码的文件请在 Content-Type 中注明 charset=gbk）`,
      garbled.slice(0, 1000).map((line) => ({ line, path: '', message })),
    );
  }
  return text;
}

/**
 * Imports a batch. Throws VALIDATION with every problem as {line, path, message} when any line is
 * wrong (nothing is written, a rejected batch is recorded); otherwise writes it all at once.
 */
export async function importCases(
  ctx: ServiceCtx,
  input: { body: string | Uint8Array; contentType: string; dryRun?: boolean },
): Promise<ImportResult> {
  assertStatsWriter(ctx.actor);
  const { db, tenant, settings } = ctx;
  const now = ctx.clock.now();
  const { lines, problems } = readLines(decodeBody(input.body, input.contentType), input.contentType);
  if (lines.length === 0 && problems.length === 0)
    throw new AppError('VALIDATION', '导入内容为空', [{ line: 0, path: '', message: '导入内容为空' }]);
  if (lines.length > MAX_IMPORT_LINES)
    throw new AppError('VALIDATION', `每批最多导入 ${MAX_IMPORT_LINES} 件，请分批导入`, [
      { line: lines[MAX_IMPORT_LINES]!.line, path: '', message: `超过每批 ${MAX_IMPORT_LINES} 件的上限` },
    ]);
  const schema = schemas(settings.timeZone);
  const cal = await calendarFor(ctx);
  const names = await nameTables(ctx);

  // a repeated id within the batch is an error; already imported (by external id) lines are skipped
  const repeated = repeatedExternalIds(lines);
  problems.push(...repeated);
  const repeats = new Set(repeated.map((p) => p.line));
  const ids = new Set(lines.map(externalIdOf).filter((x): x is string => x !== null));
  const existing = await existingExternalIds(db, tenant.id, [...ids]);
  const results: ImportLineResult[] = [];
  const plan: PlannedCase[] = [];
  for (const raw of lines) {
    if (repeats.has(raw.line)) continue;
    const key = externalIdOf(raw);
    const done = key ? existing.get(key) : undefined;
    if (key && done) {
      results.push({
        line: raw.line,
        externalId: key,
        status: 'skipped',
        caseId: done.caseId,
        number: done.number,
        message: '该外部编号已导入，跳过',
      });
      continue;
    }
    const planned = await planLine(ctx, raw, schema, names, cal, problems);
    if (planned) plan.push(planned);
  }
  problems.sort((x, y) => x.line - y.line);

  if (problems.length > 0) {
    const reported = problems.slice(0, MAX_REPORTED_PROBLEMS).map(clipProblem);
    const batchId = input.dryRun ? null : newId();
    if (batchId)
      await db.insert(importBatches).values({
        id: batchId,
        tenantId: tenant.id,
        status: 'rejected',
        lineCount: lines.length,
        importedCount: 0,
        skippedCount: 0,
        errors: reported,
        createdBy: ctx.actor.id,
        createdAt: now,
      });
    const lineCount = new Set(problems.map((p) => p.line)).size;
    throw new AppError(
      'VALIDATION',
      `导入未执行：${lineCount} 行有误（第 ${reported[0]!.line} 行：${reported[0]!.message}），请改正后整批重新导入`,
      reported.map((p) => ({ ...p })),
      batchId ? { 'x-import-batch-id': batchId } : {},
    );
  }

  for (const c of plan)
    results.push({ line: c.line, externalId: c.input.externalId, status: 'imported', caseId: c.caseId });
  results.sort((x, y) => x.line - y.line);
  const skipped = results.filter((r) => r.status === 'skipped').length;
  if (input.dryRun) {
    return { batchId: null, status: 'dry-run', lines: lines.length, imported: plan.length, skipped, results };
  }

  const batchId = newId();
  const writes = writesFor(ctx, batchId, plan, cal);
  writes.push(
    ...jsonInsert(
      db,
      'import_batches',
      [
        'id',
        'tenant_id',
        'status',
        'line_count',
        'imported_count',
        'skipped_count',
        'errors',
        'created_by',
        'created_at',
      ],
      [[batchId, tenant.id, 'applied', lines.length, plan.length, skipped, '[]', ctx.actor.id, now]],
    ),
  );
  try {
    await db.batch(writes as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  } catch (e) {
    if (/UNIQUE/i.test(String(e)) || /UNIQUE/i.test(String((e as { cause?: unknown }).cause)))
      throw conflict('另一批导入同时写入了相同的外部编号，请重新提交本批（已导入的行会被跳过）');
    throw e;
  }
  const numbers = new Map(
    (await casesOfBatch(db, tenant.id, batchId)).map((r) => [String(r.id), String(r.number)]),
  );
  for (const r of results) if (r.status === 'imported') r.number = numbers.get(r.caseId);
  return { batchId, status: 'applied', lines: lines.length, imported: plan.length, skipped, results };
}
