// Random identifiers, tokens and hashes: node:crypto where the runtime has it, WebCrypto otherwise.
import * as nodeCryptoModule from 'node:crypto';

// node:crypto hashes synchronously (Node, and workerd with nodejs_compat); WebCrypto goes through a
// thread pool and costs a round trip per call. Same bytes either way.
const nodeCrypto: typeof nodeCryptoModule | null =
  typeof nodeCryptoModule?.createHash === 'function' ? nodeCryptoModule : null;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

// One getRandomValues call per 4 KiB instead of one per identifier.
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let poolAt = 0;

function randomBytes(n: number): Uint8Array {
  if (poolAt + n > pool.length) {
    pool = new Uint8Array(Math.max(POOL_SIZE, n));
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

export function randomString(length: number, alphabet = ALPHABET): string {
  // alphabets here have 32 or fewer letters; b % len over bytes is uniform for 32, near it for 31
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/**
 * 20 characters of base32: the creation time in milliseconds (10 characters) then 50 random bits.
 * Unguessable still, and new rows land at the right-hand end of every index on an id instead of
 * on a random page of it: a commit writes a few pages rather than one per index per row.
 */
export function newId(): string {
  let t = Date.now();
  let time = '';
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + randomString(10);
}

export function toHex(buf: ArrayBuffer | Uint8Array): string {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(input).digest('hex');
  const data = typeof input === 'string' ? new TextEncoder().encode(input) : new Uint8Array(input);
  return toHex(await crypto.subtle.digest('SHA-256', data));
}

const hmacKeys = new Map<string, Promise<CryptoKey>>();

export async function hmacHex(secret: string, input: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHmac('sha256', secret).update(input).digest('hex');
  // Importing the key costs as much as signing: keep one per secret (there is one per deployment).
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    key.catch(() => hmacKeys.delete(secret));
    hmacKeys.set(secret, key);
  }
  return toHex(await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(input)));
}

/** Compares two strings in time that depends only on their length. */
export function timingSafeEqual(a: string, b: string): boolean {
  const len = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < len; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
