// Cases (what the citizen filed), assignments (one per responsible unit), replies, ratings,
// attachments, and the append-only event log that is the audit trail of every state change.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants, units } from './tenancy';

export const CASE_KINDS = ['petition', 'inquiry', 'hotline'] as const;
export const CHANNELS = ['web', 'letter', 'visit', 'phone', 'mailbox', 'transfer'] as const;
export const PURPOSES = ['suggestion', 'accusation', 'claim', 'question', 'help', 'other'] as const;
export const CASE_STATUSES = [
  'new',
  'routed',
  'in_progress',
  'replied',
  'closed',
  'rated',
  'self_handled',
  'merged',
] as const;
export const ASSIGNMENT_STATES = [
  'dispatched',
  'signed',
  'accepted',
  'refused',
  'return_requested',
  'returned',
  'replied',
  'closed',
  'rated',
  'unrated',
] as const;
export const RATING_VALUES = ['satisfied', 'basic', 'unsatisfied'] as const;

export type CaseKind = (typeof CASE_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Purpose = (typeof PURPOSES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];
export type RatingValue = (typeof RATING_VALUES)[number];

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** readable number, e.g. 2026-000123, unique per tenant */
    number: text('number').notNull(),
    kind: text('kind', { enum: CASE_KINDS }).notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    purpose: text('purpose', { enum: PURPOSES }).notNull(),
    categoryId: text('category_id'),
    townshipUnitId: text('township_unit_id'),
    address: text('address'),
    title: text('title').notNull(),
    content: text('content').notNull(),
    petitionerName: text('petitioner_name'),
    petitionerPhone: text('petitioner_phone'),
    petitionerIdNumber: text('petitioner_id_number'),
    /** keyed hash (HMAC) of the ID number, else the phone: the identity used for repeat detection */
    identityHash: text('identity_hash'),
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    /** 问政: the citizen chose to make the question public */
    isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(false),
    peopleCount: integer('people_count').notNull().default(1),
    sensitive: integer('sensitive', { mode: 'boolean' }).notNull().default(false),
    threat: integer('threat', { mode: 'boolean' }).notNull().default(false),
    collective: integer('collective', { mode: 'boolean' }).notNull().default(false),
    fastTrack: integer('fast_track', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: CASE_STATUSES }).notNull(),
    receivedAt: integer('received_at').notNull(),
    /** local calendar day (tenant time zone) the case was received, YYYY-MM-DD */
    receivedDay: text('received_day').notNull(),
    routeDueAt: integer('route_due_at').notNull(),
    routedAt: integer('routed_at'),
    closedAt: integer('closed_at'),
    /** deadline set by a higher level for transferred cases */
    higherLevelDueAt: integer('higher_level_due_at'),
    queryCode: text('query_code'),
    querySecretHash: text('query_secret_hash'),
    idempotencyKey: text('idempotency_key'),
    externalId: text('external_id'),
    importBatchId: text('import_batch_id'),
    isRepeat: integer('is_repeat', { mode: 'boolean' }).notNull().default(false),
    repeatOfCaseId: text('repeat_of_case_id'),
    mergedIntoCaseId: text('merged_into_case_id'),
    /** 问政 publication of the answer: none | pending | published | withheld */
    publishStatus: text('publish_status', { enum: ['none', 'pending', 'published', 'withheld'] })
      .notNull()
      .default('none'),
    /** the question as the public sees it: edited or redacted by the bureau when publishing */
    publicTitle: text('public_title'),
    publicContent: text('public_content'),
    publicAnswer: text('public_answer'),
    publishedAt: integer('published_at'),
    /** 0 none, 1 复查 requested, 2 复核 requested */
    reviewLevel: integer('review_level').notNull().default(0),
    reviewRequestedAt: integer('review_requested_at'),
    /** when the bureau recorded the answer (复查/复核意见) to the latest review request */
    reviewAnsweredAt: integer('review_answered_at'),
    createdBy: text('created_by'),
    version: integer('version').notNull().default(1),
    /** random token of the last write: later statements of the same batch run only if it won */
    moveToken: text('move_token'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('cases_tenant_number_uq').on(t.tenantId, t.number),
    uniqueIndex('cases_tenant_query_uq').on(t.tenantId, t.queryCode),
    uniqueIndex('cases_tenant_idem_uq').on(t.tenantId, t.idempotencyKey),
    uniqueIndex('cases_tenant_external_uq').on(t.tenantId, t.externalId),
    index('cases_tenant_status_idx').on(t.tenantId, t.status, t.receivedAt),
    index('cases_tenant_received_idx').on(t.tenantId, t.receivedDay),
    // the bureau's case list: newest first, paged by (received_at, id)
    index('cases_tenant_received_at_idx').on(t.tenantId, t.receivedAt, t.id),
    index('cases_tenant_identity_idx').on(t.tenantId, t.identityHash, t.receivedAt),
    // the bureau's desk looks a caller up by phone or name (the identity key is of the ID number
    // where there is one, so it cannot find every case of a phone). The person's column leads, so
    // a planner without statistics never takes these for a walk over a county's cases.
    index('cases_phone_idx').on(t.petitionerPhone, t.tenantId),
    index('cases_name_idx').on(t.petitionerName, t.tenantId),
    index('cases_tenant_publish_idx').on(t.tenantId, t.publishStatus, t.publishedAt),
    // the few cases with a review (复查/复核) request: the workbench's 复查待答复 queue
    index('cases_tenant_review_idx')
      .on(t.tenantId, t.reviewRequestedAt)
      .where(sql`review_requested_at IS NOT NULL`),
    index('cases_tenant_to_publish_idx')
      .on(t.tenantId, t.status)
      .where(sql`kind = 'inquiry' AND is_public = 1 AND publish_status = 'none'`),
  ],
);

export const caseCounters = sqliteTable(
  'case_counters',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.year] })],
);

export const assignments = sqliteTable(
  'assignments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    unitId: text('unit_id')
      .notNull()
      .references(() => units.id),
    /** 主办 lead or 协办 co-handler */
    role: text('role', { enum: ['lead', 'co'] }).notNull(),
    state: text('state', { enum: ASSIGNMENT_STATES }).notNull(),
    version: integer('version').notNull().default(1),
    instructions: text('instructions'),
    dispatchedAt: integer('dispatched_at').notNull(),
    /** local day of dispatch: the statistics period an assignment belongs to */
    dispatchDay: text('dispatch_day').notNull(),
    dispatchedBy: text('dispatched_by'),
    signDueAt: integer('sign_due_at').notNull(),
    signedAt: integer('signed_at'),
    returnDueAt: integer('return_due_at').notNull(),
    acceptDueAt: integer('accept_due_at').notNull(),
    decidedAt: integer('decided_at'),
    refuseReason: text('refuse_reason'),
    refuseNotice: text('refuse_notice'),
    returnReason: text('return_reason'),
    returnRequestedAt: integer('return_requested_at'),
    returnedAt: integer('returned_at'),
    /** reply deadline after approved extensions */
    replyDueAt: integer('reply_due_at'),
    extensionDays: integer('extension_days').notNull().default(0),
    pendingExtensionDays: integer('pending_extension_days'),
    pendingExtensionReason: text('pending_extension_reason'),
    repliedAt: integer('replied_at'),
    closedAt: integer('closed_at'),
    ratingDueAt: integer('rating_due_at'),
    ratedAt: integer('rated_at'),
    rating: text('rating', { enum: RATING_VALUES }),
    bureauRating: text('bureau_rating', { enum: RATING_VALUES }),
    unratedAt: integer('unrated_at'),
    /** times reopened for rework after an unsatisfied rating (重办) */
    reworkCount: integer('rework_count').notNull().default(0),
    /** the bureau kept the answer after an unsatisfied rating (维持答复, no rework); reopen clears it */
    reworkDeclinedAt: integer('rework_declined_at'),
    /** the first rating this assignment ever received (for 一次性化解率) */
    firstRating: text('first_rating', { enum: RATING_VALUES }),
    supervised: integer('supervised', { mode: 'boolean' }).notNull().default(false),
    supervisionNote: text('supervision_note'),
    supervisionDueAt: integer('supervision_due_at'),
    urgeCount: integer('urge_count').notNull().default(0),
    /** steps already flagged overdue by the sweep, comma-separated (sign,accept,reply) */
    overdueFlags: text('overdue_flags').notNull().default(''),
    /** the deadline of the step the unit owes now (null when it owes nothing): queues sort by it */
    dueAt: integer('due_at'),
    dueStep: text('due_step', {
      enum: ['sign', 'accept', 'reply', 'supervision', 'return_review', 'extension_review'],
    }),
    /** random token of the last move: the event and other writes of its batch run only if it won */
    moveToken: text('move_token'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('assignments_tenant_due_idx').on(t.tenantId, t.dueAt),
    // the workbench's small queues, each a partial index so counting them does not scan the history
    index('assignments_tenant_extension_idx').on(t.tenantId).where(sql`pending_extension_days IS NOT NULL`),
    index('assignments_tenant_supervised_idx').on(t.tenantId, t.state).where(sql`supervised = 1`),
    index('assignments_tenant_unsatisfied_idx')
      .on(t.tenantId)
      .where(sql`state = 'rated' AND rating = 'unsatisfied' AND rework_declined_at IS NULL`),
    index('assignments_tenant_unit_due_idx').on(t.tenantId, t.unitId, t.dueAt),
    index('assignments_tenant_case_idx').on(t.tenantId, t.caseId),
    index('assignments_tenant_unit_state_idx').on(t.tenantId, t.unitId, t.state),
    index('assignments_tenant_state_idx').on(t.tenantId, t.state),
    index('assignments_tenant_day_idx').on(t.tenantId, t.dispatchDay, t.unitId),
  ],
);

export const replies = sqliteTable(
  'replies',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => assignments.id),
    /** 0 for the first reply, n for the n-th rework */
    round: integer('round').notNull().default(0),
    body: text('body').notNull(),
    status: text('status', { enum: ['draft', 'pending_review', 'approved', 'rejected', 'sent'] }).notNull(),
    authorId: text('author_id'),
    reviewerId: text('reviewer_id'),
    reviewNote: text('review_note'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    index('replies_tenant_assignment_idx').on(t.tenantId, t.assignmentId),
    // the case page and the citizen's tracking page read a case's replies
    index('replies_tenant_case_idx').on(t.tenantId, t.caseId),
    index('replies_tenant_review_idx').on(t.tenantId).where(sql`status = 'pending_review'`),
  ],
);

export const ratings = sqliteTable(
  'ratings',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    /** the assignment rated; for a bureau rating, the lead assignment of the round */
    assignmentId: text('assignment_id'),
    /** the responsible unit (责任单位) or the bureau that routed the case (信访部门) */
    target: text('target', { enum: ['unit', 'bureau'] }).notNull(),
    unitId: text('unit_id'),
    value: text('value', { enum: RATING_VALUES }).notNull(),
    comment: text('comment'),
    round: integer('round').notNull().default(0),
    ratedAt: integer('rated_at').notNull(),
    source: text('source', { enum: ['citizen', 'staff', 'import'] }).notNull(),
  },
  (t) => [index('ratings_tenant_case_idx').on(t.tenantId, t.caseId)],
);

export const attachments = sqliteTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /**
     * The case it belongs to; null while an upload waits to be attached (the sweep removes those
     * after a day) and for a file taken off a reply draft (replyId kept: detached, never deleted).
     */
    caseId: text('case_id'),
    /** the reply it was saved with (答复意见书, 送达回证), or null for the case's own material */
    replyId: text('reply_id'),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: text('uploaded_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('attachments_tenant_case_idx').on(t.tenantId, t.caseId)],
);

/** Append-only (enforced by triggers in the migrations): the audit trail and the case timeline. */
export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id'),
    caseId: text('case_id'),
    assignmentId: text('assignment_id'),
    type: text('type').notNull(),
    actorId: text('actor_id'),
    actorRole: text('actor_role'),
    at: integer('at').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index('events_tenant_case_idx').on(t.tenantId, t.caseId, t.id),
    index('events_tenant_assignment_idx').on(t.tenantId, t.assignmentId, t.id),
    index('events_tenant_type_at_idx').on(t.tenantId, t.type, t.at),
    // the audit log: a county's events by time, newest first
    index('events_tenant_at_idx').on(t.tenantId, t.at, t.id),
  ],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id').notNull(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    response: text('response', { mode: 'json' }).$type<unknown>(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.scope, t.key] })],
);

/** Reminders the sweep writes; the console shows them (晨提醒亮灯). */
export const reminders = sqliteTable(
  'reminders',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    unitId: text('unit_id'),
    assignmentId: text('assignment_id'),
    caseId: text('case_id'),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    /** makes the sweep idempotent: one reminder per (assignment, step, kind) */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [
    uniqueIndex('reminders_tenant_dedupe_uq').on(t.tenantId, t.dedupeKey),
    index('reminders_tenant_unit_idx').on(t.tenantId, t.unitId, t.createdAt),
  ],
);

/**
 * Who has read a reminder: each person marks their own (a unit's reminder is seen by its handlers
 * and leader and by the bureau; one of them reading it must not hide it from the others).
 * `reminders.read_at` is the shared mark of earlier versions and still counts as read for everyone.
 */
export const reminderReads = sqliteTable(
  'reminder_reads',
  {
    reminderId: text('reminder_id').notNull(),
    userId: text('user_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    readAt: integer('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reminderId, t.userId] })],
);

export const repeatSuggestions = sqliteTable(
  'repeat_suggestions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    caseId: text('case_id').notNull(),
    earlierCaseId: text('earlier_case_id').notNull(),
    score: integer('score').notNull(),
    reasons: text('reasons', { mode: 'json' }).notNull().$type<string[]>(),
    status: text('status', { enum: ['pending', 'confirmed', 'rejected'] }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: integer('decided_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('repeat_suggestions_pair_uq').on(t.tenantId, t.caseId, t.earlierCaseId),
    // the case page also shows the later cases that repeat this one
    index('repeat_suggestions_tenant_earlier_idx').on(t.tenantId, t.earlierCaseId),
    index('repeat_suggestions_tenant_status_idx').on(t.tenantId, t.status),
  ],
);

/**
 * Fixed-window rate-limit counters (portal abuse resistance); keys include the tenant. A request
 * over the limit fails the CHECK, so the count can ride in the same batch as the write it limits.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
    /** the limit of the window, written with each count */
    cap: integer('cap').notNull(),
  },
  () => [check('rate_limits_within_cap', sql`count <= cap`)],
);
