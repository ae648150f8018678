// Reference data every page needs (units, categories), loaded once per county and shared.
import { createData } from './data';
import { createRoot } from 'solid-js';
import { t, type Category, type Unit } from './api';
import { slug } from './session';

const shared = createRoot(() => {
  const [units, unitsCtl] = createData(
    () => slug() || null,
    async (s) => (await t(s).units()).items,
  );
  const [categories, catsCtl] = createData(
    () => slug() || null,
    async (s) => (await t(s).categories()).items,
  );
  return { units, categories, refetchUnits: unitsCtl.refetch, refetchCategories: catsCtl.refetch };
});

export const units = () => shared.units() ?? [];
export const categories = () => shared.categories() ?? [];
export const refetchUnits = () => shared.refetchUnits();
export const refetchCategories = () => shared.refetchCategories();

export function unitName(id: string | null | undefined): string {
  if (!id) return '';
  return units().find((u) => u.id === id)?.name ?? '（未知单位）';
}

export function categoryPath(id: string | null | undefined): string {
  if (!id) return '';
  const all = categories();
  const names: string[] = [];
  let cur: Category | undefined = all.find((c) => c.id === id);
  for (let i = 0; cur && i < 6; i++) {
    names.unshift(cur.name);
    cur = cur.parentId ? all.find((c) => c.id === cur!.parentId) : undefined;
  }
  return names.join(' / ') || '（未知分类）';
}

/** Items of a parent/child list in tree order, each with its depth. */
export function treeOrder<T extends { id: string; parentId: string | null; sort?: number; name: string }>(
  items: T[],
): Array<T & { depth: number }> {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(items.map((i) => i.id));
  for (const i of items) {
    const p = i.parentId && ids.has(i.parentId) ? i.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), i]);
  }
  const out: Array<T & { depth: number }> = [];
  const walk = (p: string | null, depth: number) => {
    const kids = (byParent.get(p) ?? []).sort(
      (a, b) => (a.sort ?? 0) - (b.sort ?? 0) || a.name.localeCompare(b.name, 'zh'),
    );
    for (const k of kids) {
      out.push({ ...k, depth });
      if (depth < 8) walk(k.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export const activeUnits = (): Unit[] => units().filter((u) => u.active);
