// Known-good ids of a tenant's categories and townships, remembered for a minute (of process time:
// the demo seeder moves the business clock back and forth) so that intake does not read them for
// every submission. Only hits are trusted: an id not remembered is looked up in the database, so a
// category created a second ago is never refused.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { categories, units } from '../../../db/schema';

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
