// Traffic lights on deadlines (晨提醒亮灯，晚报告灭灯): green in time, yellow due within a day, red
// overdue. A deadline is an instant (24:00 local of its last day): something done at `at` is in
// time when at < dueAt.
import type { AssignmentState } from '../../db/schema/cases';

export type Light = 'green' | 'yellow' | 'red';
export type DueStep = 'sign' | 'accept' | 'reply' | 'supervision';

const DAY_MS = 86_400_000;

/** In time: strictly before the deadline instant (23:59:59.999 local is, 00:00:00 is not). */
export function isInTime(at: number, dueAt: number): boolean {
  return at < dueAt;
}

export function light(dueAt: number | null | undefined, now: number): Light | null {
  if (dueAt == null) return null;
  if (now >= dueAt) return 'red';
  if (dueAt - now <= DAY_MS) return 'yellow';
  return 'green';
}

export interface AssignmentDues {
  state: AssignmentState;
  signDueAt: number | null;
  acceptDueAt: number | null;
  replyDueAt?: number | null;
  supervisionDueAt?: number | null;
}

// States in which the unit still owes work. A pending return request (return_requested) waits on
// the dispatcher, so the unit's own step shows no light until the request is decided.
const UNIT_STEP: Partial<Record<AssignmentState, 'sign' | 'accept' | 'reply'>> = {
  dispatched: 'sign',
  signed: 'accept',
  accepted: 'reply',
};
const SUPERVISED_STATES: ReadonlySet<AssignmentState> = new Set([
  'dispatched',
  'signed',
  'return_requested',
  'accepted',
]);

type UnitStep = Exclude<DueStep, 'supervision'>;

/** The unit's own step now (sign, accept or reply) and its deadline, supervision aside. */
export function unitStepDue(a: AssignmentDues): { step: UnitStep; dueAt: number } | null {
  const step = UNIT_STEP[a.state];
  if (!step) return null;
  const due = step === 'sign' ? a.signDueAt : step === 'accept' ? a.acceptDueAt : (a.replyDueAt ?? null);
  return due == null ? null : { step, dueAt: due };
}

/** The supervision (督办) deadline that binds the unit now, or null. */
export function supervisionDue(a: AssignmentDues): number | null {
  return a.supervisionDueAt != null && SUPERVISED_STATES.has(a.state) ? a.supervisionDueAt : null;
}

/**
 * The deadline the unit is working against now: its current step's, or a supervision (督办)
 * deadline when that comes first. null when nothing is pending on the unit.
 */
export function currentDue(a: AssignmentDues): { step: DueStep; dueAt: number } | null {
  const own = unitStepDue(a);
  const supervision = supervisionDue(a);
  if (supervision != null && (!own || supervision < own.dueAt))
    return { step: 'supervision', dueAt: supervision };
  return own;
}

export function assignmentLight(a: AssignmentDues, now: number): Light | null {
  return light(currentDue(a)?.dueAt ?? null, now);
}

/**
 * The unit's step that is overdue at `now` (what the sweep records as assignment.overdue), or null.
 * Supervision deadlines are not a step of the statistics, so they never count here.
 */
export function overdueStep(a: AssignmentDues, now: number): UnitStep | null {
  const own = unitStepDue(a);
  return own && now >= own.dueAt ? own.step : null;
}
