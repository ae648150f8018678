// Finding a case by its query code and secret without letting anyone enumerate cases: every miss
// answers the same 404 message, a missing code costs the same hashing as a wrong secret, the
// comparison is constant-time (workflow/citizen.ts), and both the caller's address and the code are rate-limited.
import type { cases } from '../../../db/schema';
import type { ServiceCtx } from '../../api/context';
import { AppError } from '../../lib/errors';
import { findCaseByQuery } from '../workflow/citizen';
import { loadCase } from '../workflow/routing';
import { normalizeQueryCode, normalizeSecret } from './query-code';
import { type Checks, enforce, PORTAL_LIMITS, reached } from './rate-limit';

export const TRACK_NOT_FOUND = '查询码或查询密码不正确，请核对回执后重新输入';

export async function findCitizenCase(
  ctx: ServiceCtx,
  input: { queryCode: string; secret: string },
  clientKey: string,
): Promise<typeof cases.$inferSelect> {
  const { db, tenant } = ctx;
  const now = ctx.clock.now();
  const code = normalizeQueryCode(input.queryCode);
  const secret = normalizeSecret(input.secret);
  // Every lookup counts against the address; only wrong secrets count against the code, so a
  // citizen who knows their secret is never shut out by someone else's guesses from elsewhere.
  await enforce(
    db,
    [{ key: `track:ip:${tenant.id}:${clientKey}`, limit: PORTAL_LIMITS.trackPerIp, what: '查询' }],
    now,
  );
  const misses: Checks = [
    {
      key: `track:miss:${tenant.id}:${code}:${clientKey}`,
      limit: PORTAL_LIMITS.trackMissPerCodeIp,
      what: '查询',
    },
    { key: `track:miss:${tenant.id}:${code}`, limit: PORTAL_LIMITS.trackMissPerCode, what: '查询' },
  ];
  const shut = await reached(db, misses, now);
  if (shut) throw shut;
  // findCaseByQuery hashes even for an unknown code and compares in constant time.
  const row = await findCaseByQuery(db, tenant.id, code, secret);
  if (!row) {
    await enforce(db, misses, now);
    throw new AppError('NOT_FOUND', TRACK_NOT_FOUND);
  }
  return row;
}

type CaseRow = typeof cases.$inferSelect;

/** A merge may have been merged on (B into A, A later into C): the chain is followed this far. */
const MAX_MERGE_HOPS = 5;

/**
 * Where a merged case is handled: the case it was merged into, following a chain of merges. Null
 * for a case that was not merged. Only where and how far: the answer given there, its papers, its
 * rating and its review stay with that case's own query code. Being "the same person" cannot be told
 * online — the identity key is a phone number anyone may type — so no merge opens another case's
 * answer to this code, and a citizen whose earlier case it is reads it with that case's code.
 */
export async function mergedTarget(ctx: ServiceCtx, c: CaseRow): Promise<CaseRow | null> {
  let into: CaseRow | null = c;
  for (let hop = 0; into?.status === 'merged' && into.mergedIntoCaseId && hop < MAX_MERGE_HOPS; hop++) {
    into = await loadCase(ctx, into.mergedIntoCaseId);
  }
  if (!into || into.id === c.id || into.status === 'merged') return null;
  return into;
}
