// Reminders (提醒): what a unit's console home lists unread for its people (and the bureau's for
// every unit, and its own where unitId is null): the sweep's (a step overdue or due within a day,
// a review answer owed) and the bureau's 催办. Written once per dedupe key: writing the same
// reminder again changes nothing, so the sweep may run as often as it likes.
import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client';
import type { reminders } from '../../../db/schema';
import { newId } from '../../lib/ids';
import { affected } from './common';

export type NewReminder = Omit<typeof reminders.$inferInsert, 'id' | 'readAt'>;

/**
 * The insert of one reminder, for a batch: skipped when its dedupe key was written before and,
 * given a guard, unless the guard holds (the move the reminder tells of won).
 */
export function reminderInsert(db: Db, r: NewReminder, guard: SQL = sql`1`): BatchItem<'sqlite'> {
  return db.run(sql`INSERT INTO reminders (id, tenant_id, unit_id, assignment_id, case_id, kind, message, dedupe_key, created_at)
    SELECT ${newId()}, ${r.tenantId}, ${r.unitId ?? null}, ${r.assignmentId ?? null}, ${r.caseId ?? null}, ${r.kind}, ${r.message}, ${r.dedupeKey}, ${r.createdAt}
    WHERE ${guard}
    ON CONFLICT DO NOTHING`) as never;
}

/** Writes reminders 50 to a batch; answers how many were new. */
export async function insertReminders(db: Db, rows: NewReminder[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += 50) {
    const batch = rows.slice(i, i + 50).map((r) => reminderInsert(db, r));
    const results = await db.batch(batch as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    for (const r of results) written += affected(r);
  }
  return written;
}

/** The states in which a step a sweep reminder names (签收, 受理, 答复, 督办) is still to be done. */
const STEP_PENDING: Readonly<Record<string, readonly string[]>> = {
  sign: ['dispatched'],
  accept: ['signed'],
  reply: ['accepted'],
  supervision: ['dispatched', 'signed', 'accepted'],
};

/**
 * Whether a sweep reminder (临期 or 逾期) is about a step the unit has since taken, or a round
 * of the case that is over (a 重办 began another): 请答复 on a case already answered. The home's
 * unread list leaves those out; the unit has nothing left to do about them.
 */
export function reminderSettled(
  r: { kind: string; dedupeKey: string },
  a: { state: string; reworkCount: number } | undefined,
): boolean {
  if ((r.kind !== 'due_soon' && r.kind !== 'overdue') || !a) return false;
  // `${assignmentId}:${step}:${kind}:${reworkCount}:${dueAt}` (sweep.ts)
  const [, step, , rework] = r.dedupeKey.split(':');
  const pending = STEP_PENDING[step ?? ''];
  if (!pending) return false;
  if (rework !== undefined && Number(rework) !== a.reworkCount) return true;
  return !pending.includes(a.state);
}
