// Typed client for the staff API. One error type (ApiError) carries the server's error code; a 401
// anywhere clears the session so the router sends the clerk back to the login page.
import { createSignal } from 'solid-js';
import { MSG } from '../i18n';

/** When the server last answered a request of this session: the idle warning counts from it. */
export const [lastAnswered, setLastAnswered] = createSignal(Date.now());

export type Role =
  | 'platform_admin'
  | 'tenant_admin'
  | 'dispatcher'
  | 'handler'
  | 'unit_leader'
  | 'county_leader';
export type Kind = 'petition' | 'inquiry' | 'hotline';
export type Channel = 'web' | 'letter' | 'visit' | 'phone' | 'mailbox' | 'transfer';
export type Purpose = 'suggestion' | 'accusation' | 'claim' | 'question' | 'help' | 'other';
export type Light = 'green' | 'yellow' | 'red';
export type UnitKind = 'township' | 'department' | 'bureau';
export type DayRule = { days: number; unit: 'natural' | 'working' };

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  active?: boolean;
}
/** A county as the platform admin sees it: whether citizens find it, and what it still lacks. */
export interface PlatformTenant extends Tenant {
  active: boolean;
  listed: boolean;
  missing: string[];
  createdAt: number;
}
export interface Actor {
  kind: string;
  id: string;
  name: string;
  role: Role;
  tenantId: string | null;
  unitId: string | null;
}
/** A new account: a county's names its role (and unit); a platform admin's has neither. */
export interface NewAccount {
  login: string;
  password: string;
  name: string;
  role?: Role;
  unitId?: string | null;
  mustChangePassword?: boolean;
}
export interface AccountChange {
  login?: string;
  name?: string;
  role?: Role;
  unitId?: string | null;
  active?: boolean;
  password?: string;
  unlock?: boolean;
  lock?: boolean;
}
export interface User {
  id: string;
  tenantId: string | null;
  login: string;
  name: string;
  role: Role;
  unitId: string | null;
  active: boolean;
  locked: boolean;
  lockedUntil: number | null;
  /** in the county's list only: when the latest lock of the account on one address ends, or null */
  addressLockedUntil?: number | null;
  /** an initial or reset password not yet replaced by its user */
  mustChangePassword: boolean;
  lastLoginAt: number | null;
  createdAt: number;
}
export interface Me {
  actor: Actor;
  user: User | null;
  tenant: Tenant | null;
  sessionIdleSeconds: number;
}
export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  sort: number;
  active: boolean;
}
export interface Category {
  id: string;
  name: string;
  parentId: string | null;
  routeUnitIds: string[];
  routeToTownship: boolean;
  sort: number;
  active: boolean;
}
export interface ReplyTemplate {
  id: string;
  name: string;
  body: string;
  /** false: retired (已停用), no longer offered to handlers; listed only for the admin (all) */
  active: boolean;
  version: number;
  createdAt: number;
}
export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  unitId: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}
export interface Holiday {
  id: string;
  tenantId: string | null;
  day: string;
  workday: boolean;
  note: string | null;
}
export interface DeadlineRule {
  match: { kind?: Kind; channel?: Channel; purpose?: Purpose; fastTrack?: boolean };
  route?: DayRule;
  sign?: DayRule;
  accept?: DayRule;
  reply: DayRule;
  maxExtensionDays: number;
}
export interface Settings {
  timeZone: string;
  deadlines: {
    route: DayRule;
    sign: DayRule;
    returnWindow: DayRule;
    accept: DayRule;
    ratingWindow: DayRule;
    reviewWindow: DayRule;
    reviewAnswer: DayRule;
    rules: DeadlineRule[];
  };
  requireReplyReview: boolean;
  repeatWindowDays: number;
  showHandlerNames: boolean;
  anonymousAllowed: Record<Kind, boolean>;
  branding: { portalTitle?: string; logoUrl?: string; notice?: string; primaryColor?: string };
  portalLimits: { submitPerIpPerHour: number; submitPerPhonePerDay: number };
  scoring: unknown;
}
export interface SettingsAnswer {
  settings: Settings;
  version: number;
  warnings?: string[];
}

export interface AssignmentRow {
  id: string;
  caseId: string;
  caseNumber: string;
  title: string;
  kind: Kind;
  channel: Channel;
  purpose: Purpose;
  categoryId: string | null;
  unitId: string;
  unitName: string;
  role: 'lead' | 'co';
  state: string;
  version: number;
  dispatchedAt: number;
  signDueAt: number | null;
  acceptDueAt: number | null;
  replyDueAt: number | null;
  repliedAt: number | null;
  due: { step: string; dueAt: number } | null;
  light: Light | null;
  supervised: boolean;
  urgeCount: number;
  pendingExtensionDays: number | null;
  reworkCount: number;
  reworkDeclinedAt: number | null;
  replyStatus: string | null;
  [k: string]: unknown;
}
export interface CaseSummary {
  id: string;
  number: string;
  title: string;
  kind: Kind;
  channel: Channel;
  purpose: Purpose;
  status: string;
  receivedAt: number;
  categoryId?: string | null;
  isRepeat?: boolean;
  petitionerName?: string | null;
  phone?: string | null;
  [k: string]: unknown;
}
export interface TimelineItem {
  id?: string | number;
  type: string;
  at: number;
  actorName?: string | null;
  actorRole?: string | null;
  unitName?: string | null;
  assignmentId?: string | null;
  fromState?: string | null;
  toState?: string | null;
  text?: string | null;
  payload?: Record<string, unknown> | null;
  [k: string]: unknown;
}
export interface Reply {
  id: string;
  assignmentId: string;
  round?: number;
  body: string;
  status: string;
  reviewNote?: string | null;
  authorName?: string | null;
  updatedAt?: number;
  sentAt?: number | null;
  [k: string]: unknown;
}
export interface Attachment {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  /** the download address (GET /attachments/{id}) */
  url?: string;
  /** the reply draft it was saved with (答复意见书, 送达回证), or null for the case's own material */
  replyId?: string | null;
  createdAt?: number;
  [k: string]: unknown;
}
export interface CaseRecord {
  id: string;
  number: string;
  kind: Kind;
  channel: Channel;
  purpose: Purpose;
  categoryId: string | null;
  categoryName?: string | null;
  townshipUnitId: string | null;
  address: string | null;
  title: string;
  content: string;
  status: string;
  version: number;
  receivedAt: number;
  routeDueAt?: number;
  petitioner?: {
    name?: string | null;
    phone?: string | null;
    idNumber?: string | null;
    anonymous?: boolean;
    hidden?: boolean;
  };
  petitionerName?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  anonymous?: boolean;
  peopleCount?: number;
  sensitive?: boolean;
  threat?: boolean;
  collective?: boolean;
  fastTrack?: boolean;
  isPublic?: boolean;
  isRepeat?: boolean;
  publishStatus?: string;
  publicAnswer?: string | null;
  mergedIntoCaseId?: string | null;
  repeatOfCaseId?: string | null;
  /** 复查/复核 asked so far: 0 none, 1 复查, 2 复核 */
  reviewLevel?: number;
  /** the case's number in the system it was imported from (原系统编号) */
  externalId?: string | null;
  [k: string]: unknown;
}
export interface RepeatSuggestion {
  id: string;
  earlierCaseId?: string;
  caseId?: string;
  number?: string;
  earlierCaseNumber?: string;
  title?: string;
  score?: number;
  reasons?: string[];
  status?: string;
  [k: string]: unknown;
}
/** A case as the repeat-suggestion list names it. */
export interface CaseBrief {
  id: string;
  number: string;
  title: string;
  status: string;
  receivedAt: number;
}
/** A pending repeat suggestion with both cases (GET /repeat-suggestions). */
export interface RepeatSuggestionItem {
  id: string;
  caseId: string;
  earlierCaseId: string;
  score: number;
  reasons: string[];
  status: 'pending' | 'confirmed' | 'rejected';
  createdAt?: number;
  /** when it was confirmed or rejected (撤回排除 clears it) */
  decidedAt?: number | null;
  case: CaseBrief | null;
  earlierCase: CaseBrief | null;
}
export interface SuggestedUnit {
  unitId: string;
  unitName?: string;
  name?: string;
  role?: 'lead' | 'co';
  reason?: string;
  [k: string]: unknown;
}
/** What the actor may do now; the server decides, the console only shows these. */
export type ActionList = Array<
  string | { move?: string; action?: string; assignmentId?: string | null; label?: string }
>;
export interface CaseDetail {
  case: CaseRecord;
  /** 问政 the bureau may publish: question and answer as they would go public */
  publication?: { title: string; content: string; answer: string } | null;
  assignments: AssignmentRow[];
  timeline: TimelineItem[];
  replies: Reply[];
  ratings: Array<Record<string, unknown>>;
  attachments: Attachment[];
  repeatSuggestions: RepeatSuggestion[];
  suggestedUnits: SuggestedUnit[];
  actions: ActionList | Record<string, unknown>;
  assignmentId?: string;
  related?: CaseSummary[];
  /** 复查/复核: null when the citizen never asked for one */
  review?: ReviewInfo | null;
}
export interface ReviewInfo {
  level: number;
  pending: boolean;
  requestedAt: number | null;
  answeredAt: number | null;
  dueAt: number | null;
  light: Light | null;
  history: Array<
    | { kind: 'request'; at: number; level: number; reason: string }
    | { kind: 'answer'; at: number; level: number; decision: string; opinion: string }
  >;
}
export interface Reminder {
  id: string;
  kind: string;
  message: string;
  createdAt: number;
  caseId: string | null;
  assignmentId: string | null;
  readAt: number | null;
  /** the unit the reminder is addressed to (null: the bureau's own) */
  unitName: string | null;
}
/** A unit's inbox: how many in each tab (the keys are the tabs'). */
export interface InboxCounts {
  todo: number;
  sign: number;
  accept: number;
  reply: number;
  review: number;
  red: number;
  yellow: number;
  waiting: number;
  /** 督办件 still being handled */
  supervised: number;
}
export interface Queues {
  new: number;
  returned: number;
  extensionRequests: number;
  overdue: number;
  dueSoon: number;
  supervised: number;
  repeatSuggestions: number;
  toPublish: number;
  unsatisfied: number;
  pendingReview: number;
  reviewRequests: number;
  [k: string]: number;
}

/** 制度落实 of a month: every assessed unit with its entry; points null = none entered, full weight. */
export interface ProcedureSheet {
  month: string;
  label: string;
  weight: number;
  items: Array<{
    unitId: string;
    unitName: string;
    unitKind: 'township' | 'department';
    points: number | null;
    note: string | null;
    recordedBy: string | null;
    recordedAt: number | null;
  }>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One event of an audit log (a county's GET /audit, the platform's GET /admin/audit), as the server words it. */
export interface AuditItem {
  id: number;
  at: number;
  type: string;
  typeLabel: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  caseId: string | null;
  caseNumber: string | null;
  assignmentId: string | null;
  fromState: string | null;
  toState: string | null;
  summary: string;
  /** the platform's log only: the county the event is about (its opening, disabling, enabling) */
  tenantName?: string | null;
}
/** The audit log's filters: local days (both included), a type prefix from `types`, a user id. */
export interface AuditFilter {
  from?: string | null;
  to?: string | null;
  type?: string | null;
  actor?: string | null;
}
export interface AuditPage extends Page<AuditItem> {
  types: Array<{ prefix: string; label: string }>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<{ path?: string; message: string; line?: number }> = [],
    readonly requestId = '',
  ) {
    super(message);
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called on any 401: the session is gone (idle timeout, logout elsewhere, lock). */
export function onUnauthorized(fn: Listener) {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** do not treat a 401 as an expired session (the login form itself) */
  quiet401?: boolean;
}

function qs(query: RequestOptions['query']): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  let payload: BodyInit | undefined;
  // FormData and Blob carry their own Content-Type (a Blob's type: text/csv, application/x-ndjson …)
  if (body instanceof FormData || body instanceof Blob) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}${qs(opts.query)}`, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', MSG.networkError);
  }
  if (res.status !== 401) setLastAnswered(Date.now());
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (
      data as { error?: { code?: string; message?: string; details?: []; requestId?: string } } | null
    )?.error;
    const code = err?.code ?? (res.status === 404 ? 'NOT_FOUND' : res.status >= 500 ? 'INTERNAL' : 'HTTP');
    let message = err?.message ?? '';
    if (res.status === 401) message = MSG.sessionExpired;
    else if (res.status === 429) message = message || MSG.rateLimited;
    else if (res.status >= 500) message = MSG.serverError;
    else if (!message)
      message =
        res.status === 404 ? MSG.notFound : res.status === 403 ? MSG.forbidden : `请求失败（${res.status}）`;
    const error = new ApiError(
      res.status,
      code,
      message,
      err?.details ?? [],
      err?.requestId ?? res.headers.get('x-request-id') ?? '',
    );
    if (res.status === 401 && !opts.quiet401) for (const fn of unauthorizedListeners) fn();
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], opts: RequestOptions = {}) =>
    request<T>('GET', path, undefined, { ...opts, query }),
  post: <T>(path: string, body: unknown = {}, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  patch: <T>(path: string, body: unknown = {}, opts?: RequestOptions) =>
    request<T>('PATCH', path, body, opts),
  put: <T>(path: string, body: unknown = {}, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  del: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

/** Paths of one county's staff API. */
export const t = (slug: string) => {
  const b = `/t/${encodeURIComponent(slug)}`;
  return {
    units: () => api.get<{ items: Unit[] }>(`${b}/units`),
    createUnit: (body: { name: string; kind: UnitKind; parentId?: string | null; sort?: number }) =>
      api.post<Unit>(`${b}/units`, body),
    updateUnit: (id: string, body: Partial<Pick<Unit, 'name' | 'parentId' | 'sort' | 'active'>>) =>
      api.patch<Unit>(`${b}/units/${id}`, body),
    users: () => api.get<{ items: User[] }>(`${b}/users`),
    createUser: (body: NewAccount) => api.post<User>(`${b}/users`, body),
    updateUser: (id: string, body: AccountChange) => api.patch<User>(`${b}/users/${id}`, body),
    categories: () => api.get<{ items: Category[] }>(`${b}/categories`),
    createCategory: (body: {
      name: string;
      parentId?: string | null;
      routeUnitIds?: string[];
      routeToTownship?: boolean;
      sort?: number;
    }) => api.post<Category>(`${b}/categories`, body),
    updateCategory: (
      id: string,
      body: Partial<Pick<Category, 'name' | 'routeUnitIds' | 'routeToTownship' | 'sort' | 'active'>>,
    ) => api.patch<Category>(`${b}/categories/${id}`, body),
    settings: () => api.get<SettingsAnswer>(`${b}/settings`),
    patchSettings: (patch: Record<string, unknown>, version?: number) =>
      api.patch<SettingsAnswer>(`${b}/settings`, { version, patch }),
    holidays: () => api.get<{ national: Holiday[]; own: Holiday[] }>(`${b}/holidays`),
    setHoliday: (body: { day: string; workday: boolean; note?: string | null }) =>
      api.put<{ ok: true }>(`${b}/holidays`, body),
    deleteHoliday: (day: string) => api.del<{ ok: true }>(`${b}/holidays/${day}`),
    tokens: () => api.get<{ items: ApiToken[] }>(`${b}/tokens`),
    createToken: (body: { name: string; role: Role; unitId?: string | null }) =>
      api.post<ApiToken & { token: string }>(`${b}/tokens`, body),
    revokeToken: (id: string) => api.del<{ ok: true }>(`${b}/tokens/${id}`),
    /** The templates offered to handlers; `all` (admins only) lists the retired ones too. */
    templates: (all?: boolean) =>
      api.get<{ items: ReplyTemplate[] }>(`${b}/reply-templates${all ? '?all=1' : ''}`),
    createTemplate: (body: { name: string; body: string }) =>
      api.post<ReplyTemplate>(`${b}/reply-templates`, body),
    updateTemplate: (
      id: string,
      body: { version: number } & Partial<Pick<ReplyTemplate, 'name' | 'body' | 'active'>>,
    ) => api.patch<ReplyTemplate>(`${b}/reply-templates/${id}`, body),

    // Workflow (docs/API-WORKFLOW.md, "Staff").
    createCase: (body: Record<string, unknown>, idempotencyKey: string) =>
      // the citizen's query code and secret come with it, this once
      api.post<CaseDetail & { queryCode: string; secret: string }>(`${b}/cases`, body, {
        headers: { 'idempotency-key': idempotencyKey },
      }),
    cases: (query: RequestOptions['query']) => api.get<Page<CaseSummary>>(`${b}/cases`, query),
    case: (id: string) => api.get<CaseDetail>(`${b}/cases/${id}`),
    caseAction: (id: string, action: string, body: Record<string, unknown>) =>
      api.post<CaseDetail>(`${b}/cases/${id}/${action}`, body),
    reveal: (id: string, field: 'phone' | 'idNumber') =>
      api.post<{ value: string }>(`${b}/cases/${id}/reveal`, { field }),
    assignments: (query: RequestOptions['query']) => api.get<Page<AssignmentRow>>(`${b}/assignments`, query),
    assignment: (id: string) => api.get<CaseDetail>(`${b}/assignments/${id}`),
    move: (id: string, move: string, body: Record<string, unknown>) =>
      api.post<AssignmentRow>(`${b}/assignments/${id}/${move}`, body),
    /** takes a file off a reply still in draft or sent back (the file is kept on record) */
    removeReplyFile: (id: string, attachmentId: string, version: number) =>
      api.post<AssignmentRow>(`${b}/assignments/${id}/reply-attachments/${attachmentId}/remove`, { version }),
    queues: () => api.get<Queues>(`${b}/queues`),
    inboxCounts: () => api.get<InboxCounts>(`${b}/inbox/counts`),
    reminders: (unread?: boolean) =>
      api.get<{ items: Reminder[] }>(`${b}/reminders`, unread ? { unread: '1' } : {}),
    readReminders: (body: { ids?: string[]; all?: boolean; upTo?: number }) =>
      api.post<{ read: number }>(`${b}/reminders/read`, body),
    repeatSuggestions: (status: 'pending' | 'confirmed' | 'rejected' = 'pending') =>
      api.get<{ items: RepeatSuggestionItem[] }>(`${b}/repeat-suggestions`, { status }),
    /** confirm or reject a pending suggestion, or reopen (撤回排除) a rejected one */
    repeatDecision: (id: string, decision: 'confirm' | 'reject' | 'reopen') =>
      api.post<{ ok: true }>(`${b}/repeat-suggestions/${id}/${decision}`, {}),
    repeatPetitioners: (query: RequestOptions['query']) =>
      api.get<{ items: Array<Record<string, unknown>> }>(`${b}/repeat-petitioners`, query),
    uploadAttachment: (file: File) => {
      const fd = new FormData();
      fd.set('file', file);
      return api.post<Attachment>(`${b}/attachments`, fd);
    },

    // Statistics (issue 6).
    stats: (query: RequestOptions['query']) => api.get<StatsAnswer>(`${b}/stats`, query),
    breakdown: (query: RequestOptions['query']) => api.get<Breakdown>(`${b}/stats/breakdown`, query),
    compare: (query: RequestOptions['query']) =>
      api.get<Record<string, unknown>>(`${b}/stats/compare`, query),
    rankings: (query: RequestOptions['query']) => api.get<Record<string, unknown>>(`${b}/rankings`, query),
    deductions: (month: string) =>
      api.get<{ items: Array<Record<string, unknown>> }>(`${b}/deductions`, { month }),
    recordDeduction: (body: {
      unitId: string;
      month: string;
      level: 'city' | 'county' | 'other';
      points?: number | null;
      reason: string;
    }) => api.post<Record<string, unknown>>(`${b}/deductions`, body),
    revokeDeduction: (id: string, reason: string) =>
      api.post<Record<string, unknown>>(`${b}/deductions/${id}/revoke`, { reason }),
    procedureScores: (month: string) => api.get<ProcedureSheet>(`${b}/procedure-scores`, { month }),
    setProcedureScores: (body: {
      month: string;
      entries: Array<{ unitId: string; points: number | null; note?: string | null }>;
    }) => api.put<ProcedureSheet>(`${b}/procedure-scores`, body),

    /** Historical import (docs/IMPORT.md): NDJSON or CSV, all or nothing, idempotent by external id. */
    importCases: (body: string, format: ImportFormat, dryRun = false) =>
      api.post<ImportResult>(`${b}/import`, new Blob([body], { type: IMPORT_TYPE[format] }), {
        query: { dryRun: dryRun ? '1' : undefined },
        headers: { 'content-type': IMPORT_TYPE[format] },
      }),

    // The audit log (审计日志), administrators only; the CSV is a plain link with the same filters.
    audit: (filter: AuditFilter, cursor?: string | null, limit?: number) =>
      api.get<AuditPage>(`${b}/audit`, { ...filter, cursor, limit }),
    auditCsvUrl: (filter: AuditFilter) => `/api${b}/audit/export.csv${qs({ ...filter })}`,
    /** 台账: the case list or a queue as a file, with the list's filters (server: ledger.ts) */
    ledgerUrl: (
      of: 'cases' | 'assignments',
      format: 'csv' | 'xlsx',
      query: Record<string, string | number | null | undefined>,
    ) => `/api${b}/${of}/export.${format}${qs(query)}`,
    base: b,
  };
};

export type ImportFormat = 'csv' | 'ndjson';
export const IMPORT_TYPE: Record<ImportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};
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

export interface Figures {
  received: number;
  closed: number;
  completionRate: number | null;
  timelyAcceptanceRate: number | null;
  onTimeReplyRate: number | null;
  toBeRated: number;
  rated: number;
  unratedOverdue: number;
  participationRate: number | null;
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  satisfactionRate: number | null;
  bureauSatisfactionRate: number | null;
  oneTimeResolutionRate: number | null;
  repeatRate: number | null;
  avgDays: number | null;
  returned: number;
  overdue: number | Record<string, number>;
  [k: string]: unknown;
}
export interface StatsAnswer {
  period: { from: string; to: string } | Record<string, unknown>;
  cutoff: number | string;
  tenant: Figures;
  units: Array<Figures & { unitId: string; unitName: string; unitKind: UnitKind }>;
  /** the kind of case asked for (null: all) and the kinds the county has ever had */
  kind?: Kind | null;
  kinds?: Kind[];
  [k: string]: unknown;
}

/** GET /stats/breakdown: the period's volume by channel, category and month, and today's lights. */
export interface Breakdown {
  period: { kind: string; key: string; label: string; from: string; to: string };
  byChannel: Array<{ channel: string; label: string; count: number }>;
  byCategory: Array<{ categoryId: string | null; name: string; count: number }>;
  byMonth: Array<{ month: string; count: number }>;
  /** when the lights were read (ms) */
  asOf?: number;
  lightsByUnit: Array<{
    unitId: string;
    unitName: string;
    unitKind: UnitKind;
    red: number;
    /** of the red, past a 督办 deadline */
    redSupervision?: number;
    yellow: number;
    green: number;
  }>;
}

export const auth = {
  login: (login: string, password: string) =>
    api.post<{ user: User; tenant: Tenant | null }>('/auth/login', { login, password }, { quiet401: true }),
  logout: () => api.post<{ ok: true }>('/auth/logout', {}, { quiet401: true }),
  me: () => api.get<Me>('/auth/me', undefined, { quiet401: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<{ ok: true; user: User }>('/auth/password', { currentPassword, newPassword }),
};

export const platform = {
  tenants: () => api.get<{ items: PlatformTenant[] }>('/admin/tenants'),
  setTenantActive: (id: string, active: boolean) =>
    api.patch<PlatformTenant>(`/admin/tenants/${encodeURIComponent(id)}`, { active }),
  createTenant: (body: { slug: string; name: string }) =>
    api.post<Tenant & { bureauUnitId: string }>('/admin/tenants', body),
  /** the national entries, and a warning when next year's national schedule is not known yet */
  holidays: () => api.get<{ items: Holiday[]; warnings?: string[] }>('/admin/holidays'),
  setHolidays: (days: Array<{ day: string; workday: boolean; note?: string | null }>) =>
    api.put<{ ok: true }>('/admin/holidays', { days }),
  deleteHoliday: (day: string) => api.del<{ ok: true }>(`/admin/holidays/${day}`),
  /** the platform admins' accounts (also the platform audit log's 操作人) */
  users: () => api.get<{ items: User[] }>('/admin/users'),
  /** a platform admin's account (no role or unit: the server gives platform_admin) */
  createUser: (body: NewAccount) => api.post<User>('/admin/users', body),
  updateUser: (id: string, body: AccountChange) => api.patch<User>(`/admin/users/${id}`, body),
  // The platform's audit log: events of no county, and counties opened and closed; as a county's.
  audit: (filter: AuditFilter, cursor?: string | null, limit?: number) =>
    api.get<AuditPage>('/admin/audit', { ...filter, cursor, limit }),
  auditCsvUrl: (filter: AuditFilter) => `/api/admin/audit/export.csv${qs({ ...filter })}`,
};

/** A problem found before sending (empty reason, reply with no text…): its message is for the clerk. */
export class UserError extends Error {}

/** A human message for anything thrown by the client. */
export function errorText(e: unknown): string {
  if (e instanceof UserError) return e.message;
  if (e instanceof ApiError) {
    const detail = e.details?.filter((d) => d.message && d.message !== e.message).map((d) => d.message);
    return detail?.length ? `${e.message}：${detail.join('；')}` : e.message;
  }
  return MSG.serverError;
}

/** A random key for Idempotency-Key headers: one per form, kept with its draft. */
export function newKey(): string {
  const a = new Uint8Array(16);
  crypto.getRandomValues(a);
  return Array.from(a, (x) => x.toString(16).padStart(2, '0')).join('');
}
