// Repeat detection (同人同事): the same person, by a keyed hash of the ID number or phone, with the
// same matter, by content category and text similarity, while the earlier case is open or within
// the tenant's window after it closed. The system only suggests; a dispatcher confirms.
import { normalizeIdNumber, normalizePhone } from './masking';

const DAY_MS = 86_400_000;

/**
 * Text as compared: full-width forms folded to ASCII (NFKC), lowercase, and nothing but letters
 * and digits, so '噪音扰民！！' and '噪音 扰民' compare equal.
 */
export function normalizeText(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Character bigrams with their counts. Chinese has no spaces to split words on, and adjacent
 * character pairs catch most two-character words (噪音, 扰民, 拖欠, 工资) without a dictionary.
 */
export function bigrams(text: string): Map<string, number> {
  const chars = Array.from(normalizeText(text));
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient of two bigram multisets: 0 (nothing shared) … 1 (same text). */
export function dice(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const n of a.values()) sizeA += n;
  for (const [g, n] of b) {
    sizeB += n;
    const m = a.get(g);
    if (m) shared += Math.min(m, n);
  }
  if (sizeA + sizeB === 0) return 0;
  return (2 * shared) / (sizeA + sizeB);
}

export function textSimilarity(a: string | null | undefined, b: string | null | undefined): number {
  return dice(bigrams(a ?? ''), bigrams(b ?? ''));
}

function toHex(buf: ArrayBuffer): string {
  let out = '';
  for (const byte of new Uint8Array(buf)) out += byte.toString(16).padStart(2, '0');
  return out;
}

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    // A failed import must not be remembered as the key for good.
    key.catch(() => keys.delete(secret));
    keys.set(secret, key);
  }
  return key;
}

/** Which identity identityKey uses: the ID number when there is one, else the phone. */
export function identitySource(person: {
  idNumber?: string | null;
  phone?: string | null;
}): 'idNumber' | 'phone' | null {
  if (normalizeIdNumber(person.idNumber) !== '') return 'idNumber';
  if (normalizePhone(person.phone) !== '') return 'phone';
  return null;
}

/**
 * The identity used for repeat detection (cases.identityHash): hex HMAC-SHA256 of the normalized
 * ID number, else of the normalized phone, else null. Keyed so that a leaked table cannot be
 * reversed by hashing every phone number. A person who gave an ID number once and only a phone
 * the next time gets two different keys: an ID number is the stronger identity and we do not mix.
 */
export async function identityKey(
  secret: string,
  person: { idNumber?: string | null; phone?: string | null },
  /** hex HMAC-SHA256(secret, text); a runtime may hand in a faster one than WebCrypto's */
  hmac: (secret: string, text: string) => Promise<string> = subtleHmac,
): Promise<string | null> {
  const source = identitySource(person);
  if (!source) return null;
  const value = source === 'idNumber' ? normalizeIdNumber(person.idNumber) : normalizePhone(person.phone);
  return hmac(secret, value);
}

async function subtleHmac(secret: string, text: string): Promise<string> {
  return toHex(await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(text)));
}

export interface RepeatCase {
  identityHash: string | null;
  /** only to tell which identity matched (for the reason shown); never compared */
  idNumber?: string | null;
  phone?: string | null;
  categoryId?: string | null;
  title?: string | null;
  content: string;
  /** null while the earlier case is still open */
  closedAt?: number | null;
}

export interface RepeatScore {
  score: number;
  reasons: string[];
  isCandidate: boolean;
}

// Same person is required and worth 40; the rest says whether it is the same matter. Bigram
// similarity of two descriptions of one matter by one person is typically 0.25–0.5 (they retell
// it), of two different matters 0.03–0.10 (shared stock words: 小区, 反映, 请求, 处理), so text
// points saturate at 0.6. At the threshold of 70 a same-category case needs 20% similarity and a
// case filed under another category 40%: the category alone is too coarse (城乡建设 covers a great
// many matters), and dispatchers do not always classify a retold matter the same way.
const IDENTITY_POINTS = 40;
const CATEGORY_POINTS = 15;
const TEXT_POINTS = 45;
const TEXT_SATURATION = 0.6;
export const REPEAT_THRESHOLD = 70;

/**
 * How likely `newCase` is a repeat of `earlier`. `now` is when the new case came in; the earlier
 * case must be open or closed at most `windowDays` before it.
 */
export function scoreRepeat(
  newCase: RepeatCase,
  earlier: RepeatCase,
  opts: { windowDays: number; now: number },
): RepeatScore {
  if (!newCase.identityHash || newCase.identityHash !== earlier.identityHash) {
    return { score: 0, reasons: [], isCandidate: false };
  }
  if (earlier.closedAt != null && opts.now - earlier.closedAt > opts.windowDays * DAY_MS) {
    return { score: 0, reasons: [`前案办结已超过 ${opts.windowDays} 天`], isCandidate: false };
  }
  const reasons: string[] = [identitySource(newCase) === 'phone' ? '同一联系电话' : '同一身份证号'];
  let score = IDENTITY_POINTS;
  if (newCase.categoryId && newCase.categoryId === earlier.categoryId) {
    score += CATEGORY_POINTS;
    reasons.push('同一内容分类');
  }
  const similarity = textSimilarity(
    `${newCase.title ?? ''}${newCase.content}`,
    `${earlier.title ?? ''}${earlier.content}`,
  );
  score += TEXT_POINTS * Math.min(1, similarity / TEXT_SATURATION);
  reasons.push(`内容相似度 ${Math.round(similarity * 100)}%`);
  reasons.push(
    earlier.closedAt == null
      ? '前案仍在办理中'
      : `前案办结于 ${Math.floor((opts.now - earlier.closedAt) / DAY_MS)} 天前`,
  );
  const rounded = Math.min(100, Math.round(score));
  return { score: rounded, reasons, isCandidate: rounded >= REPEAT_THRESHOLD };
}
