// Volume (来件量) by channel, by content category and by month (of one kind of case, or all): received assignments of a period
// as they stood at a cut-off (repo/stats.receivedBy), categories reported by their top-level name
// (城乡建设, 政法 …) as bulletins group them. One definition for the monthly bulletin's hot-spot
// tables and the dashboard's breakdown (GET /stats/breakdown), so the two never disagree.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { CaseKind } from '../../../db/schema/cases';
import { categories } from '../../../db/schema';
import { receivedBy } from '../../repo/stats';

export type VolumeBy = 'channel' | 'category' | 'month' | 'kind';

/** The tenant's category tree, read once: each category's top-level ancestor. */
export interface CategoryRoots {
  /** the top-level category's id; '' for no category (or one no longer known) */
  keyOf(categoryId: string | null): string;
  /** the name of a key from keyOf; '未分类' for '' */
  labelOf(key: string): string | undefined;
}

export const UNCATEGORISED = '未分类';

export async function categoryRoots(db: Db, tenantId: string): Promise<CategoryRoots> {
  const cats = await db
    .select({ id: categories.id, parentId: categories.parentId, name: categories.name })
    .from(categories)
    .where(eq(categories.tenantId, tenantId));
  const byId = new Map(cats.map((c) => [c.id, c]));
  const root = (id: string | null) => {
    let c = id ? byId.get(id) : undefined;
    for (let i = 0; c?.parentId && byId.has(c.parentId) && i < 20; i++) c = byId.get(c.parentId);
    return c;
  };
  return {
    keyOf: (id) => root(id)?.id ?? '',
    labelOf: (key) => (key ? byId.get(key)?.name : UNCATEGORISED),
  };
}

export interface VolumeRow {
  /** channel code ('web', 'letter' …), top-level category id ('' = none), or month 'YYYY-MM' */
  key: string;
  /** the category's name (categories only) */
  label?: string;
  count: number;
}

/**
 * Received assignments of [from, to] as at `cutoff`, by channel, top-level category or month,
 * in the order the rows first appear; of one unit when `unitId` is given.
 */
export async function receivedVolume(
  db: Db,
  tenantId: string,
  by: VolumeBy,
  from: string,
  to: string,
  cutoff: number,
  opts: { unitId?: string | null; roots?: CategoryRoots; kind?: CaseKind | null } = {},
): Promise<VolumeRow[]> {
  const rows = await receivedBy(db, tenantId, by, from, to, cutoff, opts.unitId ?? null, opts.kind ?? null);
  if (by !== 'category') return rows.map((r) => ({ key: r.key ?? '', count: r.n }));
  const roots = opts.roots ?? (await categoryRoots(db, tenantId));
  const acc = new Map<string, VolumeRow>();
  for (const r of rows) {
    const key = roots.keyOf(r.key);
    const row = acc.get(key);
    if (row) row.count += r.n;
    else acc.set(key, { key, label: roots.labelOf(key), count: r.n });
  }
  return [...acc.values()];
}
