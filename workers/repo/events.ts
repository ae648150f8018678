// The append-only event log: insert builders (for db.batch) and reads.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { events } from '../../db/schema';
import type { Actor } from '../api/context';

export interface NewEvent {
  tenantId: string | null;
  caseId?: string | null;
  assignmentId?: string | null;
  type: string;
  at: number;
  fromState?: string | null;
  toState?: string | null;
  payload?: Record<string, unknown> | null;
}

/** Builds the insert; callers put it in the same db.batch as the state change it records. */
export function insertEvent(db: Db, actor: Actor | null, e: NewEvent) {
  return db.insert(events).values({
    tenantId: e.tenantId,
    caseId: e.caseId ?? null,
    assignmentId: e.assignmentId ?? null,
    type: e.type,
    actorId: actor?.id ?? null,
    actorRole: actor?.role ?? null,
    at: e.at,
    fromState: e.fromState ?? null,
    toState: e.toState ?? null,
    payload: e.payload ?? null,
  });
}

export const listCaseEvents = (db: Db, tenantId: string, caseId: string) =>
  db
    .select()
    .from(events)
    .where(and(eq(events.tenantId, tenantId), eq(events.caseId, caseId)))
    .orderBy(asc(events.id));
