// Who sees which statistics. County leaders, dispatchers and admins read everything; a unit's
// handlers and leaders see their own unit's row (beside the county's totals, which the published
// bulletin gives every unit anyway), published bulletins without internal tables, and nothing that
// ranks or names other units' people: rankings and deductions answer FORBIDDEN, and the top repeat
// petitioners never leave the bureau.
import type { Actor } from '../../api/context';
import { forbidden } from '../../lib/errors';

const READ_ALL = new Set(['tenant_admin', 'platform_admin', 'dispatcher', 'county_leader']);
const WRITE = new Set(['tenant_admin', 'platform_admin', 'dispatcher']);

export const readsAll = (actor: Actor) => READ_ALL.has(actor.role);
export const isUnitReader = (actor: Actor) => actor.role === 'handler' || actor.role === 'unit_leader';

/** Statistics of every unit, or (unit users) of their own unit: the unit id to restrict to. */
export function statsScope(actor: Actor): { unitId: string | null } {
  if (readsAll(actor)) return { unitId: null };
  if (isUnitReader(actor) && actor.unitId) return { unitId: actor.unitId };
  throw forbidden('当前角色无权查看统计');
}

export function assertReadsAll(actor: Actor, what = '该统计') {
  if (!readsAll(actor)) throw forbidden(`${what}仅限信访部门和县领导查看`);
}

export function assertStatsWriter(actor: Actor) {
  if (!WRITE.has(actor.role)) throw forbidden('只有信访部门工作人员可以执行此操作');
}
