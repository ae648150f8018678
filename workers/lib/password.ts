// PBKDF2-SHA256 through WebCrypto. The stored string carries algorithm, iterations and salt, so a
// Node deployment may use more iterations than the Workers ceiling (100,000) and old hashes verify.
import { fromBase64, timingSafeEqual, toBase64 } from './ids';

export const WORKERS_MAX_ITERATIONS = 100_000;

async function derive(
  password: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations: number): Promise<string> {
  const salt = new Uint8Array(16);
  crypto.getRandomValues(salt);
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

export interface VerifyResult {
  ok: boolean;
  /** the hash was made with other iterations than configured: store a fresh one */
  needsRehash: boolean;
}

export async function verifyPassword(
  password: string,
  stored: string,
  iterations: number,
): Promise<VerifyResult> {
  const [alg, iter, salt, hash] = stored.split('$');
  const n = Number(iter);
  if (alg !== 'pbkdf2-sha256' || !Number.isInteger(n) || !salt || !hash)
    return { ok: false, needsRehash: false };
  const derived = await derive(password, fromBase64(salt), n);
  const ok = timingSafeEqual(toBase64(derived), hash);
  return { ok, needsRehash: ok && n !== iterations };
}

/** Password rules (等保 practice): 8–64 characters with at least three of four character classes. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8 || password.length > 64) return '密码长度须为 8–64 位';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) return '密码须包含大写字母、小写字母、数字、符号中的至少三类';
  return null;
}
