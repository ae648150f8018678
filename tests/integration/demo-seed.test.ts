// The demo county is generated through the workflow services at past instants, deterministically.
import { describe, expect, it } from 'vitest';
import { openLibsql } from '../../db/client';
import { migrateLibsql } from '../../db/migrate';
import { demoIncomplete, seedDemo } from '../../db/seed/demo';
import type { AppDeps } from '../../workers/api/context';
import { resolveSettings } from '../../workers/domain/settings';
import { periodOf } from '../../workers/domain/stats/compare';
import { formatRate } from '../../workers/domain/stats/format';
import { figuresFromReplay, reportUnits } from '../../workers/services/stats/report';
import { ManualClock } from '../../workers/lib/clock';
import { memoryFileStore } from '../../workers/lib/files';
import { silentLogger } from '../../workers/lib/logger';

async function demoDeps() {
  const h = await openLibsql({ url: ':memory:' });
  await migrateLibsql(h.db);
  const deps: AppDeps = {
    db: h.db,
    clock: new ManualClock(Date.UTC(2026, 10, 22, 2)),
    files: memoryFileStore(),
    logger: silentLogger,
    secret: 'demo-seed-test-secret-0123456789abcdef',
    passwordIterations: 1000,
    secureCookies: false,
    runtime: 'node',
  };
  return { h, deps };
}

async function seeded(count: number) {
  const { h, deps } = await demoDeps();
  const s = await seedDemo(deps, { count });
  await s!.cases;
  const client = (h.db as unknown as { $client: { execute(q: string): Promise<{ rows: unknown[] }> } })
    .$client;
  const rows = async (q: string) => (await client.execute(q)).rows.map((r) => JSON.stringify(r));
  const out = {
    cases: await rows(
      'SELECT number, kind, channel, purpose, title, status, received_at, is_repeat FROM cases ORDER BY number',
    ),
    states: await rows('SELECT state, count(*) FROM assignments GROUP BY state ORDER BY state'),
    events: await rows(
      'SELECT type, count(*) FROM events WHERE case_id IS NOT NULL GROUP BY type ORDER BY type',
    ),
    // hours from dispatch to signing, for co-handlers (协办)
    coSignHours: (
      await client.execute(
        "SELECT (signed_at - dispatched_at) / 3600000.0 AS h FROM assignments WHERE role = 'co' AND signed_at IS NOT NULL",
      )
    ).rows.map((r) => Number((r as unknown as { h: number }).h)),
  };
  await h.close();
  return out;
}

describe('the demo county', () => {
  it('is the same county every time from the same seed, with cases in every state', async () => {
    const a = await seeded(150);
    const b = await seeded(150);
    expect(a.cases).toHaveLength(150);
    expect(b).toEqual(a);
    // numbered in the order they came in (the lives run concurrently; intakes write in turn)
    const received = a.cases.map((c) => JSON.parse(c).received_at as number);
    expect(received).toEqual([...received].sort((x, y) => x - y));
    const states = a.states.join(' ');
    for (const s of ['rated', 'accepted', 'unrated']) expect(states).toContain(`"${s}"`);
    const events = a.events.join(' ');
    for (const t of [
      'case.created',
      'case.routed',
      'assignment.signed',
      'assignment.replied',
      'assignment.rated',
      'assignment.reopened',
      'assignment.rework_declined',
      'case.review_requested',
      'case.review_answered',
    ])
      expect(events).toContain(t);
    // co-handlers work alongside the lead: they sign within their day or so, not after the lead
    // has finished (they used to start when the lead's whole life was over, weeks late)
    expect(a.coSignHours.length).toBeGreaterThan(5);
    expect(Math.max(...a.coSignHours)).toBeLessThanOrEqual(60);
  }, 120_000);

  it('a generation stopped part-way is told apart from a finished one, with or without bulletins', async () => {
    const { h, deps } = await demoDeps();
    const signal = { stopped: false };
    const s = await seedDemo(deps, { count: 150, signal });
    const client = (h.db as unknown as { $client: { execute(q: string): Promise<{ rows: any[] }> } }).$client;
    // stopped once a few cases are in, as SIGTERM stops it
    await expect
      .poll(async () => Number((await client.execute('SELECT count(*) AS n FROM cases')).rows[0].n), {
        timeout: 60_000,
        interval: 5,
      })
      .toBeGreaterThanOrEqual(5);
    signal.stopped = true;
    await s!.cases;
    const { rows } = await client.execute('SELECT count(*) AS n FROM cases');
    expect(Number(rows[0].n)).toBeLessThan(150);
    expect(await demoIncomplete(deps)).toBe(true);
  }, 120_000);

  it('prints in each monthly bulletin the figures as they stood at its 统计时点, not at the end of generation', async () => {
    const { h, deps } = await demoDeps();
    const s = await seedDemo(deps, { count: 150 });
    // cut off, it is told apart (a restart warns); complete, it is not
    expect(await demoIncomplete(deps)).toBe(true);
    await s!.cases;
    expect(await demoIncomplete(deps)).toBe(false);
    const client = (h.db as unknown as { $client: { execute(q: string): Promise<{ rows: any[] }> } }).$client;
    // a demo finished by a release before the demo wrote bulletins is not taken for a cut-off one
    await client.execute(
      "CREATE TEMP TABLE was_published AS SELECT id FROM bulletins WHERE status = 'published'",
    );
    await client.execute("UPDATE bulletins SET status = 'draft'");
    expect(await demoIncomplete(deps)).toBe(false);
    await client.execute(
      "UPDATE bulletins SET status = 'published' WHERE id IN (SELECT id FROM was_published)",
    );
    const { rows } = await client.execute(
      'SELECT tenant_id, month, cutoff, content FROM bulletins ORDER BY month',
    );
    expect(rows.length).toBeGreaterThanOrEqual(12);
    const tenantId = String(rows[0].tenant_id);
    const unitIds = (await reportUnits(h.db, tenantId)).filter((u) => u.active).map((u) => u.id);
    const settings = resolveSettings({});
    for (const r of rows) {
      const content = JSON.parse(String(r.content));
      const period = periodOf({ month: String(r.month) });
      const cutoff = Number(r.cutoff);
      const scope = { db: h.db, tenantId, settings, now: cutoff };
      const truth = (await figuresFromReplay(scope, period.from, period.to, cutoff, unitIds)).tenant;
      // the cases were all written before the bulletins: the report had to replay the log
      expect(content.source).toBe('replay');
      const overview = content.document.tables.find((x: any) => x.key === 'overview');
      const cell = (label: string) => overview.rows.find((x: any[]) => x[0] === label)[1];
      expect([
        r.month,
        cell('受理件数'),
        cell('办结数'),
        cell('办结率'),
        cell('应评件数'),
        cell('逾期件数'),
      ]).toEqual([
        r.month,
        truth.received,
        truth.closed,
        formatRate(truth.completionRate),
        truth.toBeRated,
        truth.overdue,
      ]);
    }
    await h.close();
  }, 120_000);
});
