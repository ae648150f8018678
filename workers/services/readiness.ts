// 上线准备: what a county still lacks before its first real day, told to its administrator in the
// console (no developer needed to find out): units to route to, a dispatcher, a handler (and, with
// reply review on, a leader) in every unit, categories with a routing map, the national holiday
// schedule, reply templates. Read only; every item names the admin page that puts it right.
import type { ServiceCtx } from '../api/context';
import { listCategories, listReplyTemplates, listUnits, listUsers } from '../repo/tenancy';

export interface ReadinessItem {
  key: string;
  /** done, or not needed */
  ok: boolean;
  /** the county can go live without it */
  optional?: boolean;
  text: string;
  /** the console page (under /console) where it is done */
  href: string;
}

/** At most this many names are spelled out in an item; the rest are counted. */
const NAMES = 5;
const names = (list: string[]) =>
  list.length > NAMES ? `${list.slice(0, NAMES).join('、')} 等 ${list.length} 个` : list.join('、');

export async function tenantReadiness(
  ctx: Pick<ServiceCtx, 'db' | 'tenant' | 'settings' | 'clock'>,
  scheduleWarnings: string[],
): Promise<{ ready: boolean; items: ReadinessItem[] }> {
  const { db, tenant, settings } = ctx;
  const now = ctx.clock.now();
  const [units, users, categories, templates] = await Promise.all([
    listUnits(db, tenant.id),
    listUsers(db, tenant.id),
    listCategories(db, tenant.id),
    listReplyTemplates(db, tenant.id),
  ]);
  const working = units.filter((u) => u.active && u.kind !== 'bureau');
  const able = users.filter((u) => u.active && !(u.lockedUntil != null && u.lockedUntil > now));
  const withRole = (role: string, unitId: string) => able.some((u) => u.role === role && u.unitId === unitId);
  const items: ReadinessItem[] = [];

  items.push({
    key: 'units',
    ok: working.length > 0,
    text: working.length
      ? `承办单位：已有 ${working.length} 个乡镇（街道）和县直部门`
      : '尚未建立承办单位（乡镇、街道、县直部门），来件无处转送',
    href: '/admin/units',
  });
  const dispatchers = able.filter((u) => u.role === 'dispatcher').length;
  items.push({
    key: 'dispatcher',
    ok: dispatchers > 0,
    text: dispatchers
      ? `信访局工作人员（调度员）：${dispatchers} 名`
      : '尚无启用的信访局工作人员（调度员），新件无人登记、分派',
    href: '/admin/users',
  });
  const noHandler = working.filter((u) => !withRole('handler', u.id)).map((u) => u.name);
  items.push({
    key: 'handlers',
    ok: working.length > 0 && noHandler.length === 0,
    text: noHandler.length
      ? `以下单位尚无承办人，转送给它们的件无人签收：${names(noHandler)}`
      : '每个承办单位都有承办人',
    href: '/admin/users',
  });
  if (settings.requireReplyReview) {
    const noLeader = working.filter((u) => !withRole('unit_leader', u.id)).map((u) => u.name);
    items.push({
      key: 'leaders',
      ok: working.length > 0 && noLeader.length === 0,
      text: noLeader.length
        ? `已开启答复审核，以下单位尚无单位领导，答复无人审核、发不出去：${names(noLeader)}（或在“评价·考核·门户”中关闭答复审核）`
        : '每个承办单位都有单位领导审核答复',
      href: '/admin/users',
    });
  }
  const activeCats = categories.filter((c) => c.active);
  items.push({
    key: 'categories',
    ok: activeCats.length > 0,
    text: activeCats.length
      ? `内容分类：${activeCats.length} 个`
      : '尚无启用的内容分类：群众门户暂不显示本县，也不能提交',
    href: '/admin/categories',
  });
  // a category that is chosen (no active sub-category) and suggests no unit that can take cases
  const routable = new Set(working.map((u) => u.id));
  const unmapped = activeCats
    .filter((c) => !activeCats.some((x) => x.parentId === c.id))
    .filter((c) => !c.routeToTownship && !c.routeUnitIds.some((id) => routable.has(id)))
    .map((c) => c.name);
  items.push({
    key: 'routing',
    ok: activeCats.length > 0 && unmapped.length === 0,
    text: unmapped.length
      ? `以下分类未设置默认承办单位，也未勾选属地乡镇主办，分派时没有建议：${names(unmapped)}`
      : '每个分类都有分派建议（默认承办单位或属地乡镇）',
    href: '/admin/categories',
  });
  items.push({
    key: 'holidays',
    ok: scheduleWarnings.length === 0,
    text: scheduleWarnings.length ? scheduleWarnings.join(' ') : '今年和来年的全国节假日安排均已具备',
    href: '/admin/holidays',
  });
  items.push({
    key: 'templates',
    ok: templates.length > 0,
    optional: true,
    text: templates.length
      ? `答复模板：${templates.length} 个`
      : '尚无答复模板（可选，承办人写答复时可套用）',
    href: '/admin/templates',
  });
  return { ready: items.every((i) => i.ok || i.optional), items };
}
