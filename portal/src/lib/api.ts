// The portal's client for /api/t/{tenant}/portal: JSON in and out, one error type carrying the
// server's Chinese message and per-field details, timeouts sized for a slow 3G connection.
import type { CaseProgress, MergedInto } from '../../../workers/services/portal/tracking';
import { M, type Kind, type Purpose, type RatingValue, waitText } from '../i18n';

// the server's own shapes of a merged case's progress (合并办理)
export type { CaseProgress, MergedInto, UnitProgress } from '../../../workers/services/portal/tracking';

export interface PortalInfo {
  tenant: { slug: string; name: string };
  branding: {
    portalTitle: string;
    logoUrl: string | null;
    notice: string | null;
    primaryColor: string | null;
  };
  categories: { id: string; parentId: string | null; name: string }[];
  townships: { id: string; name: string }[];
  units: { id: string; name: string; kind: string }[];
  anonymousAllowed: Record<Kind, boolean>;
  ratingWindowDays: number;
  timeZone: string;
  captcha: { required: boolean };
  /** false while the county is being set up: no submissions yet, tracking still works */
  open: boolean;
}

export interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  size: number;
  mime: string;
}

export interface CaseSubmission {
  kind: Kind;
  purpose: Purpose;
  categoryId?: string;
  townshipUnitId?: string;
  address?: string;
  title: string;
  content: string;
  name?: string;
  phone: string;
  idNumber?: string;
  anonymous?: boolean;
  isPublic?: boolean;
  attachmentIds?: string[];
  captcha?: string;
  website?: string;
}

export interface Receipt {
  number: string;
  queryCode: string;
  secret: string;
  /** when the server registered the case: its receivedAt, else the answer's Date header */
  receivedAt: number | null;
  /** by when the bureau must pass the case to a unit; null when the answer did not say */
  routeDueAt: number | null;
}

export interface TrackingView {
  number: string;
  kind: Kind;
  title: string;
  content: string;
  status: string;
  receivedAt: number;
  timeline: { at: number; text: string }[];
  replies: { assignmentId: string | null; unitName: string; body: string; at: number }[];
  rating: {
    open: boolean;
    dueAt: number | null;
    assignments: { id: string; unitName: string }[];
    given: { target: 'unit' | 'bureau'; unitName: string; value: RatingValue; at: number }[];
  };
  /** the bureau's 复查 (level 1) / 复核 (level 2) opinions */
  reviewAnswers?: { level: number; decision: 'upheld' | 'revised'; opinion: string; at: number }[];
  reviewPending?: boolean;
  canRequestReview: boolean;
  /** the instant to ask a 复查 (复核) by, while it may be asked */
  reviewDueAt: number | null;
  /** when the bureau's 复查 (复核) opinion is due, while it is owed */
  reviewAnswerDueAt: number | null;
  canRequestRework: boolean;
  /** a rework was asked and the bureau has not acted on it yet */
  reworkPending?: boolean;
  /** after 不满意 the bureau examined the answer and kept it: 复查 is what is left */
  reworkKept?: boolean;
  reviewLevel: number;
  /** the case this one was merged into (合并办理), where it is handled and answered */
  /** what is owed on this case and by when (routing, each unit's acceptance or reply) */
  progress?: CaseProgress;
  mergedInto?: MergedInto | null;
}

export interface BoardItem {
  number: string;
  title: string;
  question: string;
  answer: string;
  unitName: string | null;
  categoryName: string | null;
  askedAt: number;
  answeredAt: number;
}

export interface Credentials {
  queryCode: string;
  secret: string;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details: { path?: string; message: string }[] = [],
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
  /** A failure where the request may or may not have reached the server. */
  get uncertain(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export const tenantSlug = (): string => location.pathname.split('/')[1] ?? '';
const base = () => `/api/t/${encodeURIComponent(tenantSlug())}/portal`;

/** What a failure without the server's own message means, by its HTTP status. */
function statusError(status: number, retryAfter: number | null): { code: string; message: string } {
  if (status === 429)
    return { code: 'RATE_LIMITED', message: M.errors.rateLimited(waitText(retryAfter ?? 60)) };
  if (status === 413) return { code: 'PAYLOAD_TOO_LARGE', message: M.errors.tooLarge };
  if (status === 401 || status === 403) return { code: 'FORBIDDEN', message: M.errors.refused };
  if (status === 404 || status === 410) return { code: 'NOT_FOUND', message: M.errors.gone };
  if (status === 408 || status === 504) return { code: 'TIMEOUT', message: M.errors.timeout };
  if (status === 502 || status === 503) return { code: 'UNAVAILABLE', message: M.errors.unavailable };
  if (status >= 500) return { code: 'INTERNAL', message: M.errors.server };
  return { code: `HTTP_${status}`, message: M.errors.status(status) };
}

/**
 * The server's error ({"error":{code,message,details}}), or, when the answer is not ours (a proxy's
 * 413, a firewall's 403 page, a gateway's 502), what its status means. "网络连接失败" is only for a
 * request that got no answer at all.
 */
export async function toError(res: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; details?: { path?: string; message: string }[] } } =
    {};
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy's error page */
  }
  const retryAfter = Number(res.headers.get('retry-after')) || null;
  const err = body?.error;
  const fallback = statusError(res.status, retryAfter);
  return new ApiError(
    typeof err?.message === 'string' && err.message ? err.message : fallback.message,
    res.status,
    typeof err?.code === 'string' ? err.code : fallback.code,
    Array.isArray(err?.details) ? err.details : [],
    retryAfter,
  );
}

async function send(
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  opts: { headers?: Record<string, string>; timeoutMs?: number; text?: boolean },
): Promise<Response> {
  const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = ctrl ? setTimeout(() => ctrl.abort(), opts.timeoutMs ?? 30_000) : 0;
  let res: Response;
  try {
    res = await fetch(base() + path, {
      method,
      headers: {
        accept: opts.text ? 'text/html' : 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctrl?.signal,
      credentials: 'same-origin',
    });
  } catch (e) {
    const aborted = (e as { name?: string })?.name === 'AbortError';
    throw new ApiError(aborted ? M.errors.timeout : M.errors.network, 0, aborted ? 'TIMEOUT' : 'NETWORK');
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (!res.ok) throw await toError(res);
  return res;
}

export async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  opts: { headers?: Record<string, string>; timeoutMs?: number; text?: boolean } = {},
): Promise<T> {
  const res = await send(method, path, body, opts);
  return (opts.text ? await res.text() : await res.json()) as T;
}

/** The server's answer to a submission, and the server's time of it (never the phone's clock). */
async function submitCase(body: CaseSubmission, idempotencyKey: string): Promise<Receipt> {
  const res = await send('POST', '/cases', body, {
    headers: { 'idempotency-key': idempotencyKey },
    timeoutMs: 45_000,
  });
  const r = (await res.json()) as Receipt & { receivedAt?: unknown; routeDueAt?: unknown };
  const dated = Date.parse(res.headers.get('date') ?? '');
  return {
    number: r.number,
    queryCode: r.queryCode,
    secret: r.secret,
    receivedAt: typeof r.receivedAt === 'number' ? r.receivedAt : Number.isNaN(dated) ? null : dated,
    routeDueAt: typeof r.routeDueAt === 'number' ? r.routeDueAt : null,
  };
}

/** Multipart upload with progress (fetch cannot report upload progress). */
export function uploadFile(
  file: Blob,
  fileName: string,
  onProgress: (pct: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${base()}/attachments`);
    xhr.timeout = 180_000;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onload = () => {
      const res = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'retry-after': xhr.getResponseHeader('retry-after') ?? '' },
      });
      if (xhr.status === 201) {
        onProgress(100);
        resolve(JSON.parse(xhr.responseText) as Attachment);
      } else {
        toError(res).then(reject, reject);
      }
    };
    xhr.onerror = () => reject(new ApiError(M.errors.network, 0, 'NETWORK'));
    xhr.ontimeout = () => reject(new ApiError(M.errors.timeout, 0, 'TIMEOUT'));
    const form = new FormData();
    form.append('file', file, fileName);
    xhr.send(form);
  });
}

export const api = {
  info: () => request<PortalInfo>('GET', '/info'),
  captcha: () => request<Challenge>('GET', '/captcha'),
  submit: submitCase,
  track: (c: Credentials) => request<TrackingView>('POST', '/track', c),
  /** a paper addressed to the citizen (答复意见书, 受理/不予受理告知书) as an A4 HTML page */
  paper: (c: Credentials & { assignmentId: string; kind: 'reply' | 'decision' }) =>
    request<string>('POST', '/papers', c, { text: true }),
  rate: (
    c: Credentials & {
      ratings: { assignmentId: string; value: RatingValue }[];
      bureau?: RatingValue;
      comment?: string;
    },
  ) => request<TrackingView>('POST', '/rate', c),
  review: (c: Credentials & { kind: 'rework' | 'review'; reason: string }) =>
    request<TrackingView>('POST', '/review', c),
  board: (q: { q?: string; categoryId?: string; unitId?: string; cursor?: string; limit?: number }) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') s.set(k, String(v));
    const qs = s.toString();
    return request<{ items: BoardItem[]; nextCursor: string | null }>('GET', `/board${qs ? `?${qs}` : ''}`);
  },
  boardItem: (number: string) => request<BoardItem>('GET', `/board/${encodeURIComponent(number)}`),
};
