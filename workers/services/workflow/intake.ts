// Intake: a case from the portal or registered by staff (letter, visit, phone, mayor's mailbox,
// higher-level transfer). Numbers it, gives citizens a query code and secret, and suggests repeats.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { bound, ph, preparedSet } from '../../../db/prepared';
import { attachments, caseCounters, cases, events, repeatSuggestions } from '../../../db/schema';
import type { CaseKind, Channel, Purpose } from '../../../db/schema/cases';
import type { ServiceCtx } from '../../api/context';
import { localDay } from '../../domain/calendar';
import { routeDeadline } from '../../domain/deadlines';
import { isValidIdNumber, isValidPhone, normalizeIdNumber, normalizePhone } from '../../domain/masking';
import { identityKey, matterText, scoreRepeat } from '../../domain/similarity';
import { AppError, invalid } from '../../lib/errors';
import { hmacHex, newId, randomString, sha256Hex } from '../../lib/ids';
import { insertEvent } from '../../repo/events';
import { indexNewCases } from '../../repo/search';
import { attachmentsClaimable, categoryKnown, STALE_ATTACHMENTS, townshipKnown } from './refs';
import { calendarFor, caseFacts, systemActor } from './common';
import { statsWritesForNewCase } from './stats-hook';

export interface CaseInput {
  kind: CaseKind;
  channel: Channel;
  purpose: Purpose;
  categoryId?: string | null;
  townshipUnitId?: string | null;
  address?: string | null;
  title: string;
  content: string;
  petitioner: { name?: string | null; phone?: string | null; idNumber?: string | null; anonymous?: boolean };
  peopleCount?: number;
  flags?: { sensitive?: boolean; threat?: boolean; collective?: boolean; fastTrack?: boolean };
  isPublic?: boolean;
  /** staff registering a letter or visit may give when it really came in */
  receivedAt?: number | null;
  /** deadline set by the higher level for a transferred case */
  higherLevelDueAt?: number | null;
  attachmentIds?: string[];
  /** historical import only */
  externalId?: string | null;
  importBatchId?: string | null;
}

export type CaseRow = typeof cases.$inferSelect;

export interface CreatedCase {
  caseRow: CaseRow;
  queryCode: string;
  secret: string;
  repeatSuggestions: number;
  /** true when an earlier request with the same Idempotency-Key answered already */
  replayed: boolean;
}

/**
 * At most this many earlier cases of one person are compared with a new one (the newest). Only
 * open ones and those closed within the window are read, so this binds only a heavy repeater: one
 * with hundreds of open cases, whom the bureau knows by name. Comparing one pair costs 30–100 µs
 * on the project's machine (tests/unit/repeat-quality.test.ts), so 500 keep such a person's intake
 * within ~50 ms (a petitioner with 200: 20–57 ms against 14–19 ms for a new one), while the 20
 * compared before missed an open case older than the person's last 20.
 */
export const REPEAT_CANDIDATES = 500;

const QUERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The citizen's secret is derived from the case id, so a retried submission gets the same one. */
async function secretFor(serverSecret: string, caseId: string): Promise<string> {
  const mac = await hmacHex(serverSecret, `query-secret:${caseId}`);
  return String(Number.parseInt(mac.slice(0, 12), 16) % 1_000_000).padStart(6, '0');
}

export const hashSecret = (tenantId: string, queryCode: string, secret: string) =>
  sha256Hex(`${tenantId}:${queryCode}:${secret}`);

/** The columns a new case is written with, each a placeholder of the prepared insert. */
const CASE_COLUMNS = [
  'id',
  'tenantId',
  'kind',
  'channel',
  'purpose',
  'categoryId',
  'townshipUnitId',
  'address',
  'title',
  'content',
  'petitionerName',
  'petitionerPhone',
  'petitionerIdNumber',
  'identityHash',
  'anonymous',
  'isPublic',
  'peopleCount',
  'sensitive',
  'threat',
  'collective',
  'fastTrack',
  'status',
  'receivedAt',
  'receivedDay',
  'routeDueAt',
  'higherLevelDueAt',
  'queryCode',
  'querySecretHash',
  'idempotencyKey',
  'externalId',
  'importBatchId',
  'createdBy',
  'updatedAt',
] as const;

const EVENT_COLUMNS = [
  'tenantId',
  'caseId',
  'type',
  'actorId',
  'actorRole',
  'at',
  'toState',
  'payload',
] as const;

// Every submission runs these; built once per database (db/prepared.ts).
const intakeQueries = preparedSet((db) => ({
  byKey: db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.tenantId, ph('tenantId')), eq(cases.idempotencyKey, ph('key'))))
    .limit(1)
    .prepare(),
  counter: db
    .insert(caseCounters)
    .values({ tenantId: ph('tenantId'), year: ph('year'), last: 1 })
    .onConflictDoUpdate({
      target: [caseCounters.tenantId, caseCounters.year],
      set: { last: sql`${caseCounters.last} + 1` },
    })
    .returning({ last: caseCounters.last })
    .prepare(),
  insertCase: db
    .insert(cases)
    .values({
      ...Object.fromEntries(CASE_COLUMNS.map((c) => [c, ph(c)])),
      // the number the counter upsert just gave, read in the same batch
      number: sql`(SELECT printf('%d-%06d', ${ph('year')}, last) FROM case_counters WHERE tenant_id = ${ph('tenantId')} AND year = ${ph('year')})`,
    } as never)
    .prepare(),
  insertEvent: db
    .insert(events)
    .values(Object.fromEntries(EVENT_COLUMNS.map((c) => [c, ph(c)])) as never)
    .prepare(),
  // The person's earlier cases that a new one may repeat: by the identity hash (the same ID
  // number, or the same phone when neither gave one) or by the phone itself (one gave an ID number
  // and the other only the phone): two indexes, cases_tenant_identity_idx and cases_phone_idx. All
  // that are open or closed within the window, not merged, newest first, at most REPEAT_CANDIDATES.
  earlier: db
    .select({
      id: cases.id,
      identityHash: cases.identityHash,
      idNumber: cases.petitionerIdNumber,
      phone: cases.petitionerPhone,
      categoryId: cases.categoryId,
      townshipUnitId: cases.townshipUnitId,
      address: cases.address,
      title: cases.title,
      content: cases.content,
      closedAt: cases.closedAt,
    })
    .from(cases)
    .where(
      and(
        // one index each, as a list of ids: an OR of the two let SQLite scan the county's cases
        sql`${cases.id} IN (SELECT id FROM cases WHERE tenant_id = ${ph('tenantId')} AND identity_hash = ${ph('identityHash')}
          UNION ALL SELECT id FROM cases WHERE petitioner_phone = ${ph('phone')} AND tenant_id = ${ph('tenantId')})`,
        sql`${cases.id} <> ${ph('id')}`,
        sql`${cases.receivedAt} <= ${ph('receivedAt')}`,
        sql`${cases.status} <> 'merged'`,
        sql`(${cases.closedAt} IS NULL OR ${cases.closedAt} >= ${ph('closedSince')})`,
      ),
    )
    .orderBy(desc(cases.receivedAt))
    .limit(REPEAT_CANDIDATES)
    .prepare(),
}));

/** The case an earlier request with this Idempotency-Key (with its source prefix) created. */
export async function caseIdForKey(ctx: ServiceCtx, key: string): Promise<string | null> {
  const row = await intakeQueries(ctx.db).byKey.get({ tenantId: ctx.tenant.id, key });
  return row?.id ?? null;
}

/**
 * What a retry must repeat: a digest of the submission, kept in the case's first event. A key sent
 * again with another body is a client's mistake (or someone else's key): it gets an error, never
 * the first case's number and secret, and the new text is not silently dropped.
 */
async function fingerprintOf(input: CaseInput): Promise<string> {
  return (await sha256Hex(JSON.stringify(input))).slice(0, 32);
}

async function replay(ctx: ServiceCtx, key: string, fingerprint: string): Promise<CreatedCase | null> {
  // Most submissions are first tries: look for the key with one narrow read before the whole row.
  const hitRow = await caseIdForKey(ctx, key).then((id) => (id ? { id } : null));
  if (!hitRow) return null;
  const row = (await ctx.db.select().from(cases).where(eq(cases.id, hitRow.id)).limit(1))[0];
  if (!row) return null;
  const first = (
    await ctx.db
      .select({ payload: events.payload })
      .from(events)
      .where(
        and(
          eq(events.tenantId, ctx.tenant.id),
          eq(events.caseId, row.id),
          inArray(events.type, ['case.created', 'case.imported']),
        ),
      )
      .limit(1)
  )[0];
  const kept = (first?.payload as { fingerprint?: string } | null)?.fingerprint;
  // cases written before fingerprints were kept have none: the key alone answers for them
  if (kept && kept !== fingerprint)
    throw new AppError(
      'IDEMPOTENCY_MISMATCH',
      '此幂等键已用于另一份内容不同的提交；如需提交新内容，请使用新的 Idempotency-Key',
      [{ path: 'Idempotency-Key', message: '与首次提交的内容不一致' }],
    );
  return {
    caseRow: row,
    queryCode: row.queryCode ?? '',
    secret: await secretFor(ctx.deps.secret, row.id),
    repeatSuggestions: 0,
    replayed: true,
  };
}

async function validate(ctx: ServiceCtx, input: CaseInput, source: 'portal' | 'staff' | 'import') {
  const { db, tenant, settings } = ctx;
  const problems: { path: string; message: string }[] = [];
  if (input.categoryId && !(await categoryKnown(db, tenant.id, input.categoryId)))
    problems.push({ path: 'categoryId', message: '内容分类不存在' });
  if (input.townshipUnitId && !(await townshipKnown(db, tenant.id, input.townshipUnitId)))
    problems.push({ path: 'townshipUnitId', message: '所属乡镇（街道）不存在' });
  const uploader = ctx.actor.kind === 'citizen' ? 'citizen' : ctx.actor.id;
  if (
    input.attachmentIds?.length &&
    !(await attachmentsClaimable(db, tenant.id, input.attachmentIds, uploader))
  )
    problems.push({ path: 'attachmentIds', message: STALE_ATTACHMENTS });
  const p = input.petitioner;
  const anonymous = p.anonymous === true;
  if (anonymous && !settings.anonymousAllowed[input.kind])
    problems.push({ path: 'petitioner.anonymous', message: '该类事项须实名反映' });
  const phone = normalizePhone(p.phone);
  // Something typed that has no digits ('无', '-') is a wrong number, not a missing one.
  if (p.phone?.trim() && !isValidPhone(phone))
    problems.push({ path: 'petitioner.phone', message: '联系电话格式不正确' });
  if (source === 'portal' && !phone)
    problems.push({ path: 'petitioner.phone', message: '请填写联系电话，以便告知办理结果' });
  if (!anonymous && source !== 'import' && !p.name?.trim() && input.kind === 'petition')
    problems.push({ path: 'petitioner.name', message: '请填写姓名' });
  if (p.idNumber && !isValidIdNumber(p.idNumber))
    problems.push({ path: 'petitioner.idNumber', message: '身份证号码不正确' });
  if (input.kind === 'inquiry' && input.purpose === 'accusation')
    problems.push({ path: 'purpose', message: '检举控告请通过信访渠道反映，不能作为公开问政' });
  const now = ctx.clock.now();
  if (input.receivedAt != null && input.receivedAt > now + 60_000)
    problems.push({ path: 'receivedAt', message: '收件时间不能晚于当前时间' });
  // A letter registered late is registered within the year; older paper comes by the import (from 2000).
  const earliest = source === 'import' ? Date.UTC(2000, 0, 1) : now - 366 * 86_400_000;
  if (input.receivedAt != null && input.receivedAt < earliest)
    problems.push({
      path: 'receivedAt',
      message:
        source === 'import'
          ? '收件时间不能早于 2000 年'
          : '收件时间不能早于一年前；更早的来件请通过历史数据导入',
    });
  if (input.higherLevelDueAt != null && input.channel !== 'transfer')
    problems.push({ path: 'higherLevelDueAt', message: '只有上级转送/交办件才有上级期限' });
  if (problems.length) throw invalid(problems[0]!.message, problems);
}

export async function createCase(
  ctx: ServiceCtx,
  input: CaseInput,
  opts: {
    idempotencyKey?: string | null;
    source: 'portal' | 'staff' | 'import';
    /** the caller has just looked the key up (caseIdForKey) and found nothing */
    keyIsNew?: boolean;
    /**
     * Statements that must hold for the case to be written, run first in its batch (the portal's
     * rate-limit count): if one fails, nothing is written and its error is thrown.
     */
    precede?: BatchItem<'sqlite'>[];
    /**
     * Concurrent intakes that must reach the database in a given order (the demo seeder numbers
     * its cases in the order of their instants): wait for `ready`, write, then `pass`.
     */
    inOrder?: { readonly ready: Promise<void>; pass(): void };
  },
): Promise<CreatedCase> {
  const { db, tenant, actor, settings } = ctx;
  // a member of staff's key is theirs: another person's retry never answers their case
  const idemKey = opts.idempotencyKey
    ? opts.source === 'staff'
      ? `staff:${actor.id}:${opts.idempotencyKey}`
      : `${opts.source}:${opts.idempotencyKey}`
    : null;
  const fingerprint = idemKey ? await fingerprintOf(input) : null;
  if (idemKey && fingerprint && !opts.keyIsNew) {
    const again = await replay(ctx, idemKey, fingerprint);
    if (again) return again;
  }
  await validate(ctx, input, opts.source);
  const now = ctx.clock.now();
  const receivedAt = input.receivedAt ?? now;
  const year = Number(localDay(receivedAt, settings.timeZone).slice(0, 4));
  const id = newId();
  const queryCode = randomString(10, QUERY_ALPHABET);
  const secret = await secretFor(ctx.deps.secret, id);
  const cal = await calendarFor(ctx);
  const anonymous = input.petitioner.anonymous === true;
  const phone = anonymous ? null : normalizePhone(input.petitioner.phone) || null;
  const idNumber = anonymous ? null : normalizeIdNumber(input.petitioner.idNumber) || null;
  // Anonymous citizens still leave a phone for the reply; it identifies repeats too.
  const identityHash = await identityKey(
    ctx.deps.secret,
    {
      idNumber,
      phone: phone ?? normalizePhone(input.petitioner.phone),
    },
    hmacHex,
  );
  const row = {
    id,
    tenantId: tenant.id,
    kind: input.kind,
    channel: input.channel,
    purpose: input.purpose,
    categoryId: input.categoryId ?? null,
    townshipUnitId: input.townshipUnitId ?? null,
    address: input.address?.trim() || null,
    title: input.title.trim(),
    content: input.content.trim(),
    petitionerName: anonymous ? null : input.petitioner.name?.trim() || null,
    petitionerPhone: anonymous ? normalizePhone(input.petitioner.phone) || null : phone,
    petitionerIdNumber: idNumber,
    identityHash,
    anonymous,
    isPublic: input.kind === 'inquiry' ? input.isPublic !== false : false,
    peopleCount: input.peopleCount ?? 1,
    sensitive: input.flags?.sensitive ?? false,
    threat: input.flags?.threat ?? false,
    collective: input.flags?.collective ?? (input.peopleCount ?? 1) >= 5,
    fastTrack: input.flags?.fastTrack ?? false,
    status: 'new' as const,
    receivedAt,
    receivedDay: localDay(receivedAt, settings.timeZone),
    routeDueAt: routeDeadline(
      receivedAt,
      settings,
      cal,
      caseFacts({ ...input, fastTrack: input.flags?.fastTrack ?? false }),
    ),
    higherLevelDueAt: input.higherLevelDueAt ?? null,
    queryCode,
    querySecretHash: await hashSecret(tenant.id, queryCode, secret),
    idempotencyKey: idemKey,
    externalId: input.externalId ?? null,
    importBatchId: input.importBatchId ?? null,
    createdBy: actor.kind === 'citizen' ? null : actor.id,
    updatedAt: now,
  };
  const q = intakeQueries(db);
  let counter: { last: number }[] = [];
  const precede = opts.precede ?? [];
  try {
    if (opts.inOrder) await opts.inOrder.ready;
    const written = db.batch([
      ...precede,
      bound(q.counter, { tenantId: tenant.id, year }),
      bound(q.insertCase, { ...row, year }),
      bound(q.insertEvent, {
        tenantId: tenant.id,
        caseId: id,
        type: opts.source === 'import' ? 'case.imported' : 'case.created',
        actorId: actor?.id ?? null,
        actorRole: actor?.role ?? null,
        at: receivedAt,
        toState: 'new',
        payload: {
          channel: input.channel,
          kind: input.kind,
          purpose: input.purpose,
          source: opts.source,
          registeredAt: now,
          ...(fingerprint ? { fingerprint } : {}),
        },
      }),
      ...(input.attachmentIds?.length
        ? [
            db
              .update(attachments)
              .set({ caseId: id })
              .where(
                and(
                  eq(attachments.tenantId, tenant.id),
                  inArray(attachments.id, input.attachmentIds),
                  isNull(attachments.caseId),
                  // a file taken off a reply (no case, its reply kept) stays off
                  isNull(attachments.replyId),
                  // only files this person uploaded (a citizen's are marked 'citizen')
                  eq(attachments.uploadedBy, actor.kind === 'citizen' ? 'citizen' : actor.id),
                ),
              ),
          ]
        : []),
      ...statsWritesForNewCase(ctx, {
        caseId: id,
        kind: input.kind,
        receivedAt,
        receivedDay: row.receivedDay,
        isRepeat: false,
      }),
      ...indexNewCases(db, [id]),
    ] as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    // db.batch queues its statements when called: the next intake in order may go on.
    opts.inOrder?.pass();
    const results = (await written) as unknown[];
    counter = results[precede.length] as { last: number }[];
  } catch (e) {
    // Two retries of one submission raced: the loser answers what the winner created.
    if (idemKey && fingerprint && /UNIQUE/i.test(String(e))) {
      const again = await replay(ctx, idemKey, fingerprint);
      if (again) return again;
    }
    throw e;
  }
  // The number came from the counter inside the same batch; the rest of the row is what we wrote.
  const last = counter[0]?.last;
  if (last == null) throw new AppError('INTERNAL', '案件保存失败');
  const saved = { number: `${year}-${String(last).padStart(6, '0')}` };
  const caseRow: CaseRow = {
    ...row,
    number: saved.number,
    isRepeat: false,
    repeatOfCaseId: null,
    mergedIntoCaseId: null,
    publishStatus: 'none',
    publicTitle: null,
    publicContent: null,
    publicAnswer: null,
    publishedAt: null,
    reviewLevel: 0,
    reviewRequestedAt: null,
    reviewAnsweredAt: null,
    routedAt: null,
    closedAt: null,
    version: 1,
    moveToken: null,
  };
  const suggested = opts.source === 'import' ? 0 : await suggestRepeats(ctx, caseRow);
  return { caseRow, queryCode, secret, repeatSuggestions: suggested, replayed: false };
}

const repeatFacts = (c: CaseRow) => ({
  ...c,
  idNumber: c.petitionerIdNumber,
  phone: c.petitionerPhone,
});

/** Earlier cases of the same person on the same matter (同人同事), recorded for the dispatcher. */
export async function suggestRepeats(ctx: ServiceCtx, c: CaseRow): Promise<number> {
  if (!c.identityHash) return 0;
  const { db, tenant, settings } = ctx;
  const now = c.receivedAt;
  const earlier = await intakeQueries(db).earlier.all({
    tenantId: tenant.id,
    identityHash: c.identityHash,
    phone: c.petitionerPhone,
    id: c.id,
    receivedAt: c.receivedAt,
    closedSince: now - settings.repeatWindowDays * 86_400_000,
  });
  if (!earlier.length) return 0;
  // The identity fields tell scoreRepeat whether the ID number or the phone matched; the new case's
  // text is worked out once for all the earlier ones.
  const facts = repeatFacts(c);
  const newText = matterText(facts);
  const found = earlier
    .map((e) => ({ e, s: scoreRepeat(facts, e, { windowDays: settings.repeatWindowDays, now, newText }) }))
    .filter((x) => x.s.isCandidate);
  if (!found.length) return 0;
  const rows = found.map(({ e, s }) => ({
    id: newId(),
    tenantId: tenant.id,
    caseId: c.id,
    earlierCaseId: e.id,
    score: s.score,
    reasons: s.reasons,
    status: 'pending' as const,
    createdAt: ctx.clock.now(),
  }));
  // 8 bound parameters a row: D1 takes at most 100 a statement (a 14th case of one petitioner
  // answered 500 on Workers, after the case was written), so 12 rows an INSERT
  const inserts = [];
  for (let i = 0; i < rows.length; i += 12)
    inserts.push(
      db
        .insert(repeatSuggestions)
        .values(rows.slice(i, i + 12))
        .onConflictDoNothing(),
    );
  await db.batch([
    ...(inserts as [(typeof inserts)[0], ...typeof inserts]),
    // the system suggests, not the clerk who registered the case (the timeline names the actor)
    insertEvent(db, systemActor(tenant.id), {
      tenantId: tenant.id,
      caseId: c.id,
      type: 'case.repeat_suggested',
      at: ctx.clock.now(),
      payload: { earlierCaseIds: found.map((f) => f.e.id), scores: found.map((f) => f.s.score) },
    }),
  ]);
  return found.length;
}
