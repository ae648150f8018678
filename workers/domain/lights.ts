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
const UNIT_STEP: Partial<Record<AssignmentState, Exclude<DueStep, 'supervision'>>> = {
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

/**
 * The deadline the unit is working against now: its current step's, or a supervision (督办)
 * deadline when that comes first. null when nothing is pending on the unit.
 */
export function currentDue(a: AssignmentDues): { step: DueStep; dueAt: number } | null {
  let best: { step: DueStep; dueAt: number } | null = null;
  const step = UNIT_STEP[a.state];
  if (step) {
    const due = step === 'sign' ? a.signDueAt : step === 'accept' ? a.acceptDueAt : (a.replyDueAt ?? null);
    if (due != null) best = { step, dueAt: due };
  }
  if (a.supervisionDueAt != null && SUPERVISED_STATES.has(a.state)) {
    if (!best || a.supervisionDueAt < best.dueAt) best = { step: 'supervision', dueAt: a.supervisionDueAt };
  }
  return best;
}

export function assignmentLight(a: AssignmentDues, now: number): Light | null {
  return light(currentDue(a)?.dueAt ?? null, now);
}

/**
 * The unit's step that is overdue at `now` (what the sweep records as assignment.overdue), or null.
 * Supervision deadlines are not a step of the statistics, so they never count here.
 */
export function overdueStep(a: AssignmentDues, now: number): 'sign' | 'accept' | 'reply' | null {
  const step = UNIT_STEP[a.state];
  if (!step) return null;
  const due = step === 'sign' ? a.signDueAt : step === 'accept' ? a.acceptDueAt : (a.replyDueAt ?? null);
  return due != null && now >= due ? step : null;
}
