// The deadline sweep: flags newly overdue steps (with a reminder to the unit, 晨提醒亮灯), closes
// rating windows that passed (超期未评), and reminds units of steps due within a day. Idempotent:
// each step is flagged once (overdue_flags), reminders are unique per (assignment, step, kind),
// and expiring a rating is an ordinary compare-and-set move.
import { and, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { assignments, attachments, tenants } from '../../../db/schema';
import type { AppDeps, ServiceCtx, TenantRow } from '../../api/context';
import { DAY_MS } from '../../domain/calendar';
import { overdueStep, supervisionDue, unitStepDue } from '../../domain/lights';
import { resolveSettings } from '../../domain/settings';
import { STEP_NAMES } from '../../domain/timeline';
import { AppError } from '../../lib/errors';
import { randomString } from '../../lib/ids';
import { getSettingsRow } from '../../repo/tenancy';
import { affected, calendarFor, guardedEvent, systemActor, won } from './common';
import { dayRuleText, reviewAnswerDeadline } from '../../domain/deadlines';
import { REVIEW_PENDING } from './views';
import { moveAssignment } from './moves';
import { insertReminders, reminderInsert } from './reminders';
import { pruneRateLimits } from '../portal/rate-limit';
import { cases } from '../../../db/schema';

export interface SweepResult {
  overdueFlagged: number;
  ratingsExpired: number;
  remindersWritten: number;
  /** uploads never attached to a case or reply within a day, removed with their bytes */
  orphanFilesRemoved: number;
}

/** A citizen who uploads a photo and never submits leaves it here at most this long. */
export const ORPHAN_UPLOAD_MS = 24 * 3_600_000;

export async function runSweep(ctx: ServiceCtx): Promise<SweepResult> {
  const { db, tenant } = ctx;
  const now = ctx.clock.now();
  const result: SweepResult = {
    overdueFlagged: 0,
    ratingsExpired: 0,
    remindersWritten: 0,
    orphanFilesRemoved: 0,
  };

  // 1. Steps whose deadline passed and that were not flagged yet.
  const late = await db
    .select({ a: assignments, number: cases.number })
    .from(assignments)
    .innerJoin(cases, eq(cases.id, assignments.caseId))
    .where(
      and(
        eq(assignments.tenantId, tenant.id),
        // overdue from the deadline instant on (lights.isInTime)
        lte(assignments.dueAt, now),
        // only steps not flagged yet, so a sweep costs what is new, not every overdue case ever.
        // Parenthesised: a bare OR here would take every county's supervised assignments.
        // A 督办 deadline that passed is read until flagged (as supervision@<deadline>).
        sql`(instr(${assignments.overdueFlags}, coalesce(${assignments.dueStep}, '')) = 0 OR ${assignments.dueStep} = 'supervision'
          OR (${assignments.supervisionDueAt} <= ${now} AND instr(${assignments.overdueFlags}, 'supervision@' || ${assignments.supervisionDueAt}) = 0))`,
      ),
    );
  for (const { a, number } of late) {
    // the unit's own step, then a 督办 deadline that passed (each flagged once: a new 督办 with
    // another deadline, or a reply deadline moved by an extension, can be missed again)
    const own = overdueStep(a, now);
    const supervision = supervisionDue(a);
    const misses: Array<{ step: string; flag: string; dueAt: number; message: string }> = [];
    if (own && !a.overdueFlags.split(',').includes(own)) {
      const dueAt = unitStepDue(a)!.dueAt;
      misses.push({ step: own, flag: own, dueAt, message: `${number} ${STEP_NAMES[own]}已逾期，请尽快办理` });
    }
    if (supervision != null && supervision <= now) {
      const flag = `supervision@${supervision}`;
      if (!a.overdueFlags.split(',').includes(flag))
        misses.push({
          step: 'supervision',
          flag,
          dueAt: supervision,
          message: `${number} 督办期限已过，请尽快办理并报告`,
        });
    }
    if (!misses.length) continue;
    const token = randomString(16);
    const flags = [...a.overdueFlags.split(',').filter(Boolean), ...misses.map((m) => m.flag)].join(',');
    const r = await db.batch([
      db
        .update(assignments)
        .set({ overdueFlags: flags, moveToken: token })
        .where(and(eq(assignments.id, a.id), eq(assignments.overdueFlags, a.overdueFlags))),
      ...misses.flatMap((m) => [
        guardedEvent(
          db,
          ctx.actor,
          {
            tenantId: tenant.id,
            caseId: a.caseId,
            assignmentId: a.id,
            type: 'assignment.overdue',
            at: now,
            payload: m.step === 'supervision' ? { step: m.step, dueAt: m.dueAt } : { step: m.step },
          },
          won('assignments', a.id, token),
        ),
        reminderInsert(db, {
          tenantId: tenant.id,
          unitId: a.unitId,
          assignmentId: a.id,
          caseId: a.caseId,
          kind: 'overdue',
          message: m.message,
          dedupeKey: `${a.id}:${m.step}:overdue:${a.reworkCount}:${m.dueAt}`,
          createdAt: now,
        }),
      ]),
    ] as unknown as Parameters<typeof db.batch>[0]);
    if (affected(r[0]) > 0) {
      result.overdueFlagged += misses.length;
      for (let i = 0; i < misses.length; i++) result.remindersWritten += affected(r[2 + 2 * i]);
    }
  }

  // 2. Steps due within a day: a gentle reminder, once per step and deadline. A 督办 deadline
  // that passed stays the assignment's due (its light red), so those rows are read too for the
  // unit's own step coming due behind it.
  const soon = await db
    .select({ a: assignments, number: cases.number })
    .from(assignments)
    .innerJoin(cases, eq(cases.id, assignments.caseId))
    .where(
      and(
        eq(assignments.tenantId, tenant.id),
        or(
          and(gt(assignments.dueAt, now), lte(assignments.dueAt, now + DAY_MS)),
          and(eq(assignments.dueStep, 'supervision'), lte(assignments.dueAt, now)),
        ),
      ),
    );
  const dueSoon = soon.flatMap(({ a, number }) => {
    const due =
      a.dueAt! > now
        ? { step: a.dueStep ?? '', dueAt: a.dueAt! }
        : (unitStepDue(a) ?? { step: '', dueAt: 0 });
    if (!(due.dueAt > now && due.dueAt <= now + DAY_MS)) return [];
    return [
      {
        tenantId: tenant.id,
        unitId: a.unitId,
        assignmentId: a.id,
        caseId: a.caseId,
        kind: 'due_soon',
        message: `${number} ${STEP_NAMES[due.step] ?? '办理'}将于 24 小时内到期`,
        dedupeKey: `${a.id}:${due.step}:due_soon:${a.reworkCount}:${due.dueAt}`,
        createdAt: now,
      },
    ];
  });
  if (dueSoon.length) result.remindersWritten += await insertReminders(db, dueSoon);

  // 3. Rating windows that closed without a rating (超期未评).
  const expired = await db
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.tenantId, tenant.id),
        inArray(assignments.state, ['replied', 'closed']),
        isNotNull(assignments.ratingDueAt),
        lte(assignments.ratingDueAt, now),
      ),
    );
  for (const a of expired) {
    try {
      await moveAssignment({ ...ctx, actor: systemActor(tenant.id) }, a.id, 'expireRating', {
        version: a.version,
      });
      result.ratingsExpired++;
    } catch (e) {
      // Someone else moved it meanwhile (or another sweep did): nothing to do.
      if (!(e instanceof AppError && e.code === 'CONFLICT')) throw e;
    }
  }
  // 4. 复查/复核 answers the bureau owes: a reminder a day before the 30 days end, and when they have.
  const reviews = await db
    .select({
      id: cases.id,
      number: cases.number,
      level: cases.reviewLevel,
      requestedAt: cases.reviewRequestedAt,
    })
    .from(cases)
    .where(and(eq(cases.tenantId, tenant.id), REVIEW_PENDING));
  if (reviews.length) {
    const cal = await calendarFor(ctx);
    const rows = reviews.flatMap((c) => {
      const due = reviewAnswerDeadline(c.requestedAt!, ctx.settings, cal);
      const name = c.level === 2 ? '复核' : '复查';
      const kind = due <= now ? 'overdue' : due <= now + DAY_MS ? 'due_soon' : null;
      if (!kind) return [];
      return [
        {
          tenantId: tenant.id,
          unitId: null,
          assignmentId: null,
          caseId: c.id,
          kind,
          message:
            kind === 'overdue'
              ? `${c.number} ${name}意见已逾期（收到申请后 ${dayRuleText(ctx.settings.deadlines.reviewAnswer)}），请尽快答复`
              : `${c.number} ${name}意见将于 24 小时内到期`,
          dedupeKey: `${c.id}:review${c.level}:${kind}:${c.requestedAt}`,
          createdAt: now,
        },
      ];
    });
    result.remindersWritten += await insertReminders(db, rows);
  }

  // 5. Uploads nobody attached to anything within a day: their bytes and rows go. A file taken off
  // a reply draft (no case, but the reply it was on) is a record and stays.
  const orphans = await db
    .select({ id: attachments.id, storageKey: attachments.storageKey })
    .from(attachments)
    .where(
      and(
        eq(attachments.tenantId, tenant.id),
        isNull(attachments.caseId),
        isNull(attachments.replyId),
        lt(attachments.createdAt, now - ORPHAN_UPLOAD_MS),
      ),
    )
    .limit(500);
  for (const f of orphans) {
    // the row first: once it is gone nothing can link the file, then the bytes
    const r = await db
      .delete(attachments)
      .where(and(eq(attachments.id, f.id), isNull(attachments.caseId), isNull(attachments.replyId)));
    if (affected(r) > 0) {
      await ctx.deps.files.delete(f.storageKey);
      result.orphanFilesRemoved++;
    }
  }
  return result;
}

export async function runSweepForTenant(deps: AppDeps, tenant: TenantRow) {
  const row = await getSettingsRow(deps.db, tenant.id);
  return runSweep({
    db: deps.db,
    clock: deps.clock,
    deps,
    tenant,
    settings: resolveSettings(row?.settings ?? {}),
    actor: systemActor(tenant.id),
  });
}

export async function runSweepAllTenants(deps: AppDeps) {
  const all = await deps.db.select().from(tenants).where(eq(tenants.active, true));
  try {
    await pruneRateLimits(deps.db, deps.clock.now());
  } catch (e) {
    deps.logger.log('error', 'pruning rate limits failed', { error: String(e) });
  }
  const out: Record<string, SweepResult> = {};
  for (const t of all) {
    // One county's failure must not keep the others' lights from being swept.
    try {
      out[t.slug] = await runSweepForTenant(deps, t);
    } catch (e) {
      deps.logger.log('error', 'sweep failed for tenant', { tenant: t.slug, error: String(e) });
    }
  }
  return out;
}
