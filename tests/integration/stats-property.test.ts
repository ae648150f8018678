// Property: whatever happens to a county's cases — random moves in random order at random times,
// refused and late moves, return requests (before or after signing) approved, rejected or left
// waiting, ratings after the window (refused live, taken from imports), 超期未评 by the sweep,
// rework, repeats confirmed late, imported histories — the aggregates kept move by move equal a
// rebuild from the event log, the figures read from them equal a replay of the log, and the step
// they hold open is the one the assignment's light shows.
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, cases, repeatSuggestions } from '../../db/schema';
import type { Actor, ServiceCtx } from '../../workers/api/context';
import { localDay } from '../../workers/domain/calendar';
import { overdueStep, unitStepDue } from '../../workers/domain/lights';
import { openRowAdjustments } from '../../workers/domain/stats/contributions';
import type { Move } from '../../workers/domain/state-machine';
import { AppError } from '../../workers/lib/errors';
import { allOpenRows } from '../../workers/repo/stats';
import { importCases } from '../../workers/services/stats/import';
import { figuresFromAggregates, figuresFromReplay, reportUnits } from '../../workers/services/stats/report';
import { systemActor } from '../../workers/services/workflow/common';
import { createCase } from '../../workers/services/workflow/intake';
import { moveAssignment } from '../../workers/services/workflow/moves';
import { decideRepeat, routeCase } from '../../workers/services/workflow/routing';
import { runSweep } from '../../workers/services/workflow/sweep';
import { makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { expectStatsInStep } from './stats-helpers';
import { DAY, HOUR, serviceCtxFor, sh } from './workflow-helpers';

let t: TestApp;
let n = 0;
const START = sh(2026, 5, 4, 9);
beforeAll(async () => {
  t = await makeTestApp({ now: START });
});
afterAll(async () => t.close());

const STEPS = [0, HOUR, 6 * HOUR, DAY, 3 * DAY, 8 * DAY, 17 * DAY] as const;
const VALUES = ['satisfied', 'basic', 'unsatisfied'] as const;

function world(f: TenantFixture, base: ServiceCtx) {
  const user = (role: Actor['role'], unitId: string | null, id: string): ServiceCtx => ({
    ...base,
    actor: { kind: 'user', id, name: String(role), role, tenantId: f.id, unitId },
  });
  const units = [f.units.townA, f.units.townB, f.units.deptA, f.units.deptB];
  return {
    units,
    dispatcher: user('dispatcher', f.units.bureau, f.users.dispatcher),
    handler: (unitId: string) => user('handler', unitId, `h-${unitId}`),
    leader: (unitId: string) => user('unit_leader', unitId, `l-${unitId}`),
    system: { ...base, actor: systemActor(f.id) },
  };
}

/** Runs a service call; a refusal (wrong state, too late, stale version…) is part of life. */
async function attempt(f: () => Promise<unknown>) {
  try {
    await f();
  } catch (e) {
    if (!(e instanceof AppError) || e.code === 'INTERNAL') throw e;
  }
}

/**
 * A random imported history: a prefix of the lifecycle, sometimes rated after the window, sometimes
 * with a return request (before or after signing) rejected, or approved.
 */
function importedLine(id: string, v: number, unit: string, now: number, tz: string) {
  const iso = (x: number) => new Date(x).toISOString();
  const received = now - (5 + (v % 40)) * DAY - (v % 7) * HOUR;
  const rest = ['accepted', 'replied', 'closed', 'rated', 'reopened', 'replied'];
  const ret = (v >> 4) % 4;
  const steps =
    ret === 1
      ? ['dispatched', 'return_requested', 'return_rejected', 'signed', ...rest]
      : ret === 2
        ? ['dispatched', 'signed', 'return_requested', 'return_rejected', ...rest]
        : ret === 3
          ? ['dispatched', 'return_requested', 'returned']
          : ['dispatched', 'signed', ...rest];
  const length = 1 + (v % steps.length);
  let at = received + HOUR;
  const events: Record<string, unknown>[] = [];
  for (const type of steps.slice(0, length)) {
    const e: Record<string, unknown> = { type, at: iso(at) };
    if (type === 'rated') {
      e.value = VALUES[v % 3];
      if (v % 5 === 0) e.bureauValue = VALUES[(v >> 2) % 3];
      // one in four comes after the 15-day window
      if (v % 4 === 0) e.at = iso(at + 20 * DAY);
    }
    if (type === 'reopened') e.reason = '群众不满意';
    if (type === 'return_requested') e.reason = '非本单位管辖';
    events.push(e);
    at = Date.parse(e.at as string) + ((v % 3) + 1) * HOUR * 7;
  }
  if (events.some((e) => Date.parse(e.at as string) > now)) events.length = 1;
  void tz;
  return {
    externalId: id,
    channel: 'web',
    purpose: v % 2 ? 'help' : 'claim',
    title: `历史件${id}`,
    content: `导入的历史件${id}`,
    receivedAt: iso(received),
    repeat: v % 6 === 0,
    assignments: [{ unit, role: 'lead', events }],
  };
}

async function play(f: TenantFixture, tape: number[]) {
  const base = await serviceCtxFor(t, f, systemActor(f.id));
  const w = world(f, base);
  const db = t.deps.db;
  const unitNames = new Map((await reportUnits(db, f.id)).map((u) => [u.id, u.name]));
  let imports = 0;
  for (const v of tape) {
    t.clock.advance(STEPS[(v >> 11) % STEPS.length]!);
    const op = v % 20;
    const pick = <T>(xs: T[]) => xs[(v >> 5) % xs.length];
    const rows = await db
      .select({
        id: assignments.id,
        version: assignments.version,
        unitId: assignments.unitId,
        state: assignments.state,
        rating: assignments.rating,
        pending: assignments.pendingExtensionDays,
      })
      .from(assignments)
      .where(eq(assignments.tenantId, f.id));
    const live = rows.filter((r) => !['returned', 'refused', 'unrated'].includes(r.state));
    const a = op === 13 ? (rows.length ? pick(rows)! : null) : live.length ? pick(live)! : null;
    const go = (ctx: ServiceCtx, move: Move, input: Record<string, unknown> = {}) =>
      a
        ? attempt(() => moveAssignment(ctx, a.id, move, { version: a.version, ...input }))
        : Promise.resolve();
    const branch = (v >> 9) % 4;
    if (op <= 2) {
      // the same few people come back with the same matter: repeats get suggested
      const who = (v >> 5) % 4;
      await attempt(() =>
        createCase(
          w.dispatcher,
          {
            kind: 'petition',
            channel: 'phone',
            purpose: v % 3 === 0 ? 'claim' : 'help',
            title: `青石路${who}号路灯不亮`,
            content: `青石路${who}号附近路灯坏了很久，晚上出行不安全，请尽快维修。`,
            petitioner: { name: '郑一鸣', phone: `1380013800${who}` },
          },
          { source: 'staff' },
        ),
      );
    } else if (op <= 4) {
      const fresh = await db
        .select({ id: cases.id, version: cases.version })
        .from(cases)
        .where(and(eq(cases.tenantId, f.id), eq(cases.status, 'new')));
      const c = fresh.length ? pick(fresh)! : null;
      if (!c) continue;
      const lead = w.units[(v >> 7) % 4]!;
      const co = w.units[(v >> 9) % 4]!;
      const list: { unitId: string; role: 'lead' | 'co' }[] = [{ unitId: lead, role: 'lead' }];
      if (v % 2 === 0 && co !== lead) list.push({ unitId: co, role: 'co' as const });
      await attempt(() => routeCase(w.dispatcher, c.id, { version: c.version, units: list }));
    } else if (op <= 12) {
      // the next step of a live assignment, as a county would take it
      if (!a) continue;
      const h = w.handler(a.unitId);
      switch (a.state) {
        case 'dispatched':
          await (branch === 0 ? go(h, 'requestReturn', { reason: '非本单位管辖' }) : go(h, 'sign'));
          break;
        case 'signed':
          if (branch === 0) await go(h, 'refuse', { reason: '不属于本单位职责', notice: '不予受理告知书' });
          else if (branch === 1) await go(h, 'requestReturn', { reason: '非本单位管辖' });
          else await go(h, 'accept');
          break;
        case 'return_requested':
          await go(w.dispatcher, branch % 2 ? 'approveReturn' : 'rejectReturn');
          break;
        case 'accepted':
          if (a.pending != null) await go(w.dispatcher, branch === 0 ? 'denyExtension' : 'approveExtension');
          else if (branch === 0)
            await go(h, 'requestExtension', { days: 3 + (v % 10), reason: '需现场核查' });
          else
            await attempt(async () => {
              let x = (
                await moveAssignment(h, a.id, 'draftReply', { version: a.version, body: '已处理完毕。' })
              ).assignment;
              x = (await moveAssignment(h, a.id, 'submitReply', { version: x.version })).assignment;
              x = (await moveAssignment(w.leader(a.unitId), a.id, 'approveReply', { version: x.version }))
                .assignment;
              await moveAssignment(h, a.id, 'sendReply', { version: x.version });
            });
          break;
        case 'replied':
        case 'closed':
          if (a.state === 'replied' && branch < 2) await go(h, 'close');
          else
            await go(w.dispatcher, 'rate', {
              value: VALUES[(v >> 3) % 3],
              bureauValue: v % 2 ? VALUES[(v >> 7) % 3] : null,
            });
          break;
        case 'rated':
          if (a.rating === 'unsatisfied' && branch > 0)
            await go(w.dispatcher, 'reopen', { reason: '群众不满意，要求重办' });
          break;
        default:
          break;
      }
    } else if (op === 13) {
      // any move on any assignment, mostly refused: a refusal must change nothing
      if (!a) continue;
      const moves: Move[] = [
        'sign',
        'accept',
        'close',
        'rate',
        'reopen',
        'approveReturn',
        'sendReply',
        'expireRating',
      ];
      const m = moves[(v >> 7) % moves.length]!;
      await go(
        m === 'expireRating'
          ? w.system
          : ['rate', 'reopen', 'approveReturn'].includes(m)
            ? w.dispatcher
            : w.handler(a.unitId),
        m,
        {
          value: 'satisfied',
          reason: '重办',
        },
      );
    } else if (op === 14) {
      await runSweep(w.system);
    } else if (op === 15) {
      const pending = await db
        .select({ id: repeatSuggestions.id })
        .from(repeatSuggestions)
        .where(and(eq(repeatSuggestions.tenantId, f.id), eq(repeatSuggestions.status, 'pending')));
      const s = pending.length ? pick(pending)! : null;
      if (s) await attempt(() => decideRepeat(w.dispatcher, s.id, branch !== 0));
    } else {
      const unit = unitNames.get(w.units[(v >> 7) % 4]!)!;
      const line = importedLine(`P-${imports++}`, v >> 3, unit, t.clock.now(), base.settings.timeZone);
      await attempt(() =>
        importCases(w.dispatcher, { body: JSON.stringify(line), contentType: 'application/x-ndjson' }),
      );
    }
  }
}

/**
 * The statistics hold open the step the lights show: the signature exactly while the unit's step is
 * 签收 (a return request is no signature, so a rejected one sends an unsigned assignment back to
 * it), and the light's overdue step is among the steps counted overdue.
 */
async function expectStatsFollowLights(f: TenantFixture) {
  const now = t.clock.now();
  const open = new Map((await allOpenRows(t.deps.db, f.id)).map((o) => [o.assignmentId, o]));
  const rows = await t.deps.db.select().from(assignments).where(eq(assignments.tenantId, f.id));
  for (const r of rows) {
    const o = open.get(r.id);
    const d = o?.openDeadlines;
    const step = unitStepDue(r)?.step ?? null;
    const where = `${r.id} (${r.state})`;
    expect(d?.sign ?? null, where).toBe(step === 'sign' ? r.signDueAt : null);
    if (step === 'accept') expect(d?.accept ?? null, where).toBe(r.acceptDueAt);
    if (step === 'reply') expect(d?.reply ?? null, where).toBe(r.replyDueAt);
    if (r.state === 'return_requested') expect(d?.accept ?? null, where).toBeNull();
    const lit = overdueStep(r, now);
    const counted = o ? openRowAdjustments(o, now) : {};
    if (lit === 'sign') expect(counted.overdueSign, where).toBe(1);
    if (lit === 'accept') expect(counted.overdueAccept, where).toBe(1);
    if (lit === 'reply') expect(counted.overdueReply, where).toBe(1);
  }
}

async function expectFiguresExact(f: TenantFixture) {
  const base = await serviceCtxFor(t, f, systemActor(f.id));
  const now = t.clock.now();
  const scope = { db: t.deps.db, tenantId: f.id, settings: base.settings, now };
  const unitIds = (await reportUnits(t.deps.db, f.id)).map((u) => u.id);
  const today = localDay(now, base.settings.timeZone);
  for (const [from, to] of [
    ['2026-05-01', '2026-05-31'],
    ['2026-03-01', today],
    [localDay(START + 10 * DAY, base.settings.timeZone), today],
  ] as const) {
    if (from > to) continue;
    const kept = await figuresFromAggregates(scope, from, to, now, unitIds);
    const replayed = await figuresFromReplay(scope, from, to, now, unitIds);
    expect(kept).toEqual(replayed);
  }
}

describe('incremental statistics equal a recomputation from the events', () => {
  it('for random live histories with late ratings, reopened and imported cases', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(1 << 14), { minLength: 30, maxLength: 140 }), async (tape) => {
        t.clock.set(START);
        const f = await makeTenant(t, `pp${n++}`);
        await play(f, tape);
        await expectStatsInStep(t, f.id);
        await expectStatsFollowLights(f);
        await expectFiguresExact(f);
      }),
      { numRuns: 80, endOnFailure: true },
    );
  }, 300_000); // 97 s of its 120 s on a loaded machine
});
