// Known-good ids of a tenant's categories and townships, remembered for a minute (of process time:
// the demo seeder moves the business clock back and forth) so that intake does not read them for
// every submission. Only hits are trusted: an id not remembered is looked up in the database, so a
// category created a second ago is never refused.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { inList } from '../../../db/in-list';
import { attachments, categories, units } from '../../../db/schema';

const TTL_MS = 60_000;
const known = new Map<string, { at: number; ids: Set<string> }>();

async function remembered(key: string, load: () => Promise<boolean>, id: string): Promise<boolean> {
  const now = performance.now();
  let entry = known.get(key);
  if (!entry || now - entry.at > TTL_MS) {
    entry = { at: now, ids: new Set() };
    known.set(key, entry);
  }
  if (entry.ids.has(id)) return true;
  const ok = await load();
  if (ok) entry.ids.add(id);
  return ok;
}

export function categoryKnown(db: Db, tenantId: string, id: string) {
  return remembered(
    `c:${tenantId}`,
    async () => {
      const r = await db
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)))
        .limit(1);
      return r.length > 0;
    },
    id,
  );
}

export function townshipKnown(db: Db, tenantId: string, id: string) {
  return remembered(
    `t:${tenantId}`,
    async () => {
      const r = await db
        .select({ kind: units.kind })
        .from(units)
        .where(and(eq(units.tenantId, tenantId), eq(units.id, id)))
        .limit(1);
      return r[0]?.kind === 'township';
    },
    id,
  );
}

export const STALE_ATTACHMENTS = '有附件已失效，请删除后重新上传';

/**
 * Whether every one of `ids` is a file of this tenant that `uploadedBy` ('citizen' for the portal)
 * uploaded and that is attached to nothing yet: what intake and a reply draft may claim. The claim
 * itself keeps the same conditions; this answers a 400 before it, rather than the case or the reply
 * being written without the files while its event counts them.
 */
export async function attachmentsClaimable(
  db: Db,
  tenantId: string,
  ids: readonly string[],
  uploadedBy: string,
): Promise<boolean> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return true;
  const found = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        eq(attachments.tenantId, tenantId),
        inList(attachments.id, unique),
        isNull(attachments.caseId),
        // a file taken off a reply (no case, its reply kept) stays off
        isNull(attachments.replyId),
        eq(attachments.uploadedBy, uploadedBy),
      ),
    );
  return found.length === unique.length;
}
