// What the portal keeps on the citizen's own device: the unfinished draft in localStorage (so a
// reload or a lost connection never loses it) and, for this tab only and for an hour, the receipts
// just issued (a shared phone must not show the next person a query code and its secret).
// Storage can be missing or full (private mode, old WebViews); every access is guarded and failure
// only means nothing is kept.
import type { Kind } from '../i18n';

const draftKey = (tenant: string) => `minsheng:draft:${tenant}`;
const receiptsKey = (tenant: string) => `minsheng:receipts:${tenant}`;
/** where earlier versions kept one receipt for good */
const legacyReceiptKey = (tenant: string) => `minsheng:receipt:${tenant}`;

/** How long a receipt stays visible on the device after the submission. */
export const RECEIPT_TTL_MS = 60 * 60 * 1000;

export function loadDraft<T>(tenant: string): T | null {
  try {
    const raw = localStorage.getItem(draftKey(tenant));
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(tenant: string, value: unknown): void {
  try {
    localStorage.setItem(draftKey(tenant), JSON.stringify(value));
  } catch {
    /* storage full or disabled */
  }
}

export function removeDraft(tenant: string): void {
  try {
    localStorage.removeItem(draftKey(tenant));
  } catch {
    /* ignore */
  }
}

export interface SavedReceipt {
  number: string;
  queryCode: string;
  secret: string;
  kind: Kind;
  title: string;
  /** the server's time of the submission; null when the answer did not say */
  at: number | null;
  /** by when the bureau must pass it to a unit; absent on receipts kept before it was said */
  routeDueAt?: number | null;
  /** when this device kept it (the phone's clock, only to forget it) */
  keptAt: number;
}

function writeReceipts(tenant: string, list: SavedReceipt[]): void {
  try {
    if (list.length) sessionStorage.setItem(receiptsKey(tenant), JSON.stringify(list));
    else sessionStorage.removeItem(receiptsKey(tenant));
  } catch {
    /* storage full or disabled */
  }
}

/** This tab's receipts of the last hour, newest first. */
export function loadReceipts(tenant: string, now = Date.now()): SavedReceipt[] {
  try {
    localStorage.removeItem(legacyReceiptKey(tenant));
  } catch {
    /* ignore */
  }
  let list: SavedReceipt[] = [];
  try {
    const raw = sessionStorage.getItem(receiptsKey(tenant));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) list = parsed as SavedReceipt[];
  } catch {
    return [];
  }
  const fresh = list.filter(
    (r) => r && typeof r.keptAt === 'number' && r.keptAt <= now && now - r.keptAt < RECEIPT_TTL_MS,
  );
  if (fresh.length !== list.length) writeReceipts(tenant, fresh);
  return fresh;
}

export function addReceipt(tenant: string, r: SavedReceipt): void {
  writeReceipts(tenant, [r, ...loadReceipts(tenant).filter((x) => x.number !== r.number)].slice(0, 10));
}

export function removeReceipt(tenant: string, number: string): void {
  writeReceipts(
    tenant,
    loadReceipts(tenant).filter((x) => x.number !== number),
  );
}

/** A random key for Idempotency-Key; crypto.randomUUID is missing on plain HTTP and old browsers. */
export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `d-${s}`;
}
