// Shared pieces of the workflow services: the tenant's working calendar, guarded writes for
// compare-and-set inside db.batch, and the rows-affected count of either driver.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { units } from '../../../db/schema';
import { bound, ph, preparedRun, preparedSet } from '../../../db/prepared';
import type { Actor, ServiceCtx } from '../../api/context';
import { createCalendar, type WorkCalendar } from '../../domain/calendar';
import type { CaseFacts } from '../../domain/deadlines';
import { listHolidayOverrides } from '../../repo/tenancy';
import type { NewEvent } from '../../repo/events';

const calendars = new Map<string, { at: number; cal: WorkCalendar }>();
const CALENDAR_TTL_MS = 60_000;

/**
 * The national schedule entered by the platform admin, the tenant's closures, then the package.
 * Kept for a minute of process time (not the business clock, which the demo seeder moves back and
 * forth), so a change made through another instance shows within a minute; this one forgets at once.
 */
export async function calendarFor(ctx: Pick<ServiceCtx, 'db' | 'tenant'>): Promise<WorkCalendar> {
  const now = performance.now();
  const hit = calendars.get(ctx.tenant.id);
  if (hit && now - hit.at < CALENDAR_TTL_MS) return hit.cal;
  const { national, own } = await listHolidayOverrides(ctx.db, ctx.tenant.id);
  const cal = createCalendar(new Map([...national, ...own].map((h) => [h.day, h.workday])));
  calendars.set(ctx.tenant.id, { at: now, cal });
  return cal;
}

export function forgetCalendars(): void {
  calendars.clear();
}

/** Rows changed by a write, from a libSQL ResultSet or a D1 result. */
export function affected(result: unknown): number {
  const r = result as { rowsAffected?: number; meta?: { changes?: number } };
  return r?.rowsAffected ?? r?.meta?.changes ?? 0;
}

/** What won() was built from, so guarded writes can use their prepared forms. */
const wonParts = new WeakMap<SQL, { table: 'assignments' | 'cases'; id: string; token: string }>();

/** True while `table` row `id` still carries `token`: the write that set it won. */
export function won(table: 'assignments' | 'cases', id: string, token: string): SQL {
  const guard =
    table === 'assignments'
      ? sql`EXISTS (SELECT 1 FROM assignments WHERE id = ${id} AND move_token = ${token})`
      : sql`EXISTS (SELECT 1 FROM cases WHERE id = ${id} AND move_token = ${token})`;
  wonParts.set(guard, { table, id, token });
  return guard;
}

const EVENT_INSERT = sql`INSERT INTO events (tenant_id, case_id, assignment_id, type, actor_id, actor_role, at, from_state, to_state, payload)
    SELECT ${ph('tenantId')}, ${ph('caseId')}, ${ph('assignmentId')}, ${ph('type')}, ${ph('actorId')}, ${ph('actorRole')}, ${ph('at')}, ${ph('fromState')}, ${ph('toState')}, ${ph('payload')}`;

/** won() for prepared statements: the row id and token are the placeholders guardId, guardToken. */
export const WON_PH = {
  assignments: sql`EXISTS (SELECT 1 FROM assignments WHERE id = ${ph('guardId')} AND move_token = ${ph('guardToken')})`,
  cases: sql`EXISTS (SELECT 1 FROM cases WHERE id = ${ph('guardId')} AND move_token = ${ph('guardToken')})`,
};

// The event of every move and case change, guarded by its compare-and-set: built once per database.
const eventInserts = preparedSet((db) => ({
  assignments: preparedRun(db, sql`${EVENT_INSERT} WHERE ${WON_PH.assignments}`),
  cases: preparedRun(db, sql`${EVENT_INSERT} WHERE ${WON_PH.cases}`),
}));

/** An event insert that runs only if `guard` holds (so a losing compare-and-set writes no event). */
export function guardedEvent(db: Db, actor: Actor | null, e: NewEvent, guard: SQL) {
  const values = {
    tenantId: e.tenantId,
    caseId: e.caseId ?? null,
    assignmentId: e.assignmentId ?? null,
    type: e.type,
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    at: e.at,
    fromState: e.fromState ?? null,
    toState: e.toState ?? null,
    payload: e.payload == null ? null : JSON.stringify(e.payload),
  };
  const w = wonParts.get(guard);
  if (w) return bound(eventInserts(db)[w.table], { ...values, guardId: w.id, guardToken: w.token });
  return db.run(sql`INSERT INTO events (tenant_id, case_id, assignment_id, type, actor_id, actor_role, at, from_state, to_state, payload)
    SELECT ${values.tenantId}, ${values.caseId}, ${values.assignmentId}, ${values.type}, ${values.actorId}, ${values.actorRole}, ${values.at}, ${values.fromState}, ${values.toState}, ${values.payload}
    WHERE ${guard}`);
}

export function caseFacts(c: {
  kind: CaseFacts['kind'];
  channel: CaseFacts['channel'];
  purpose: CaseFacts['purpose'];
  fastTrack: boolean;
}): CaseFacts {
  return { kind: c.kind, channel: c.channel, purpose: c.purpose, fastTrack: c.fastTrack };
}

export const citizenActor = (tenantId: string): Actor => ({
  kind: 'citizen',
  id: 'citizen',
  name: '群众',
  role: 'citizen',
  tenantId,
  unitId: null,
});

export const systemActor = (tenantId: string | null): Actor => ({
  kind: 'system',
  id: 'system',
  name: '系统',
  role: 'system',
  tenantId,
  unitId: null,
});

/** The county's petition bureau (信访局) as a unit: the one of kind 'bureau', if it is set up. */
export async function bureauUnit(ctx: Pick<ServiceCtx, 'db' | 'tenant'>) {
  return (
    await ctx.db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(and(eq(units.tenantId, ctx.tenant.id), eq(units.kind, 'bureau')))
      .limit(1)
  )[0];
}

export const isBureau = (actor: Actor) =>
  actor.role === 'dispatcher' || actor.role === 'tenant_admin' || actor.role === 'platform_admin';
export const isUnitRole = (actor: Actor) => actor.role === 'handler' || actor.role === 'unit_leader';

/**
 * What a unit holds of a case: 'active' through any assignment it has not given back, 'returned'
 * when every one of its assignments went back to the bureau (退件 approved: the case was not its
 * business, and what other units do with it afterwards is none of it either), null when none.
 */
export function unitHold(actor: Actor, all: { unitId: string; state: string }[]) {
  const own = all.filter((a) => a.unitId === actor.unitId);
  if (!own.length) return null;
  return own.some((a) => a.state !== 'returned') ? ('active' as const) : ('returned' as const);
}

/**
 * Whether a unit may see an attachment of a case it holds: the citizen's material unless the case
 * is an accusation (the accuser's identity is hidden from units, file names included) or the unit
 * gave the case back; a reply's files once that reply is sent, or while it is the unit's own draft.
 */
export function unitMaySeeFile(
  hold: 'active' | 'returned',
  accusation: boolean,
  file: { replyId: string | null },
  reply: { status: string; unitId: string | null } | null,
  unitId: string | null,
) {
  if (!file.replyId) return hold === 'active' && !accusation;
  if (!reply) return false;
  if (reply.unitId === unitId) return true;
  return hold === 'active' && reply.status === 'sent';
}
