// Self-hosted proof-of-work captcha, the ALTCHA scheme (altcha.org, v1): the server picks a random
// salt and a secret number n ≤ maxnumber, sends sha256(salt + n) signed with an HMAC, and the
// browser finds n by brute force. Nothing to track, no third party, WebCrypto only (Node and
// workerd). The salt carries the expiry and the county, so a solution is good for one county and
// a limited time; each challenge is accepted once (consumeChallenge).
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { idempotencyKeys } from '../../../db/schema';
import { fromBase64, hmacHex, randomString, sha256Hex, timingSafeEqual } from '../../lib/ids';

export const CAPTCHA_ALGORITHM = 'SHA-256';
/** average work is maxnumber / 2 hashes: about a second on a cheap phone */
export const DEFAULT_MAX_NUMBER = 50_000;
/** long enough for a citizen to write a long complaint after the page solved it */
export const CHALLENGE_TTL_MS = 3 * 60 * 60 * 1000;
const USED_SCOPE = 'portal:captcha';

export interface Challenge {
  algorithm: typeof CAPTCHA_ALGORITHM;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

export interface Solution {
  algorithm: string;
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

// One key per county: a challenge signed for one county is worthless at another.
const signingKey = (secret: string, tenantId: string) => `${secret}:altcha:${tenantId}`;

function randomInt(maxInclusive: number): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0]! % (maxInclusive + 1);
}

export async function createChallenge(
  secret: string,
  tenantId: string,
  now: number,
  maxNumber = DEFAULT_MAX_NUMBER,
): Promise<Challenge> {
  const expires = Math.floor((now + CHALLENGE_TTL_MS) / 1000);
  const salt = `${randomString(24)}?expires=${expires}`;
  const challenge = await sha256Hex(salt + randomInt(maxNumber));
  return {
    algorithm: CAPTCHA_ALGORITHM,
    challenge,
    maxnumber: maxNumber,
    salt,
    signature: await hmacHex(signingKey(secret, tenantId), challenge),
  };
}

/** Decodes the base64 JSON payload the browser sends; null when it is not one. */
export function decodeSolution(payload: string): Solution | null {
  try {
    const raw = JSON.parse(new TextDecoder().decode(fromBase64(payload))) as Record<string, unknown>;
    const { algorithm, challenge, number, salt, signature } = raw;
    if (
      typeof algorithm !== 'string' ||
      typeof challenge !== 'string' ||
      typeof salt !== 'string' ||
      typeof signature !== 'string' ||
      typeof number !== 'number' ||
      !Number.isInteger(number) ||
      number < 0
    ) {
      return null;
    }
    return { algorithm, challenge, number, salt, signature };
  } catch {
    return null;
  }
}

/** Whether the solution is right, signed by us for this county and not expired. */
export async function verifySolution(
  secret: string,
  tenantId: string,
  now: number,
  s: Solution,
): Promise<boolean> {
  if (s.algorithm !== CAPTCHA_ALGORITHM || s.salt.length > 200 || s.challenge.length !== 64) return false;
  const expires = Number(/[?&]expires=(\d+)/.exec(s.salt)?.[1]);
  if (!Number.isFinite(expires) || expires * 1000 < now) return false;
  const expected = await hmacHex(signingKey(secret, tenantId), s.challenge);
  if (!timingSafeEqual(expected, s.signature)) return false;
  return timingSafeEqual(await sha256Hex(s.salt + s.number), s.challenge);
}

/**
 * Spends a challenge. A challenge may serve one submission only; the same submission sent twice
 * (a double tap, a retry with the same Idempotency-Key) may present it again.
 */
export async function consumeChallenge(
  db: Db,
  tenantId: string,
  challenge: string,
  submissionKey: string,
  now: number,
): Promise<boolean> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ tenantId, scope: USED_SCOPE, key: challenge, response: { submissionKey }, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) {
    // Spent challenges are only needed until they expire; sweep old ones now and then.
    if (Math.random() < 0.02) {
      await db
        .delete(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.tenantId, tenantId),
            eq(idempotencyKeys.scope, USED_SCOPE),
            lt(idempotencyKeys.createdAt, now - CHALLENGE_TTL_MS - 60_000),
          ),
        );
    }
    return true;
  }
  const row = (
    await db
      .select({ response: idempotencyKeys.response })
      .from(idempotencyKeys)
      .where(
        and(
          eq(idempotencyKeys.tenantId, tenantId),
          eq(idempotencyKeys.scope, USED_SCOPE),
          eq(idempotencyKeys.key, challenge),
        ),
      )
      .limit(1)
  )[0];
  return (row?.response as { submissionKey?: string } | null)?.submissionKey === submissionKey;
}
