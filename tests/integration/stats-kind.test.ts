// The kind of case (信访事项 / 网上问政 / 12345工单) as a dimension of the statistics: every figure of
// one kind equals that of a county that had only those cases, live (aggregates) and replayed (a past
// cut-off); counts of all kinds are the sums, rates are computed again from them; the incremental
// tables carry the kind and equal a rebuild; a database written before migration 0020 reads the
// same per kind after it.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { CaseKind } from '../../db/schema/cases';
import { DAILY_COUNTERS } from '../../workers/domain/stats/contributions';
import { COUNT_KEYS, FIGURE_KEYS, type FigureCounts, sumFigures } from '../../workers/domain/stats/figures';
import { COUNTER_COLUMNS } from '../../workers/repo/stats';
import type { TenantFixture } from '../fixtures/app';
import { expectStatsInStep, replyAs, routed, stats } from './stats-helpers';
import { type Desks, expectError, expectOk, sh, step, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('sk');

const MARCH = { month: '2026-03' };
const KINDS: CaseKind[] = ['petition', 'inquiry', 'hotline'];

const run = (q: string) =>
  (t.deps.db as unknown as { $client: { execute(q: string): Promise<unknown> } }).$client.execute(q);

/**
 * The same month of cases, each at its own instants, of the kinds in `only` (all when absent): a
 * county with all of them and a county with one kind's share see every case the same way.
 */
async function drive(f: TenantFixture, s: Desks, only?: CaseKind) {
  const cases: {
    kind: CaseKind;
    purpose: string;
    day: number;
    units: [string, 'lead' | 'co'][];
    handle: (byUnit: Map<string, any>, day: number) => Promise<void>;
  }[] = [
    {
      // a petition answered and rated 满意, the bureau too
      kind: 'petition',
      purpose: 'claim',
      day: 2,
      units: [[f.units.townA, 'lead']],
      handle: async (u, d) => {
        let a = await step(s.handlerA, u.get(f.units.townA), 'sign');
        a = await step(s.handlerA, a, 'accept');
        t.clock.set(sh(2026, 3, d + 3, 10));
        a = await replyAs(s, f, f.units.townA, a);
        await step(s.dispatcher, a, 'rate', { value: 'satisfied', bureauValue: 'satisfied' });
      },
    },
    {
      // a petition 西水乡 never signs: overdue
      kind: 'petition',
      purpose: 'suggestion',
      day: 3,
      units: [[f.units.townB, 'lead']],
      handle: async () => {},
    },
    {
      // a question routed to two units: the town answers (基本满意), the department signs late
      kind: 'inquiry',
      purpose: 'question',
      day: 4,
      units: [
        [f.units.townA, 'lead'],
        [f.units.deptA, 'co'],
      ],
      handle: async (u, d) => {
        let a = await step(s.handlerA, u.get(f.units.townA), 'sign');
        a = await step(s.handlerA, a, 'accept');
        a = await replyAs(s, f, f.units.townA, a);
        await step(s.dispatcher, a, 'rate', { value: 'basic' });
        t.clock.set(sh(2026, 3, d + 4, 10));
        await step(s.handlerDept, u.get(f.units.deptA), 'sign');
      },
    },
    {
      // a 12345 咨询 answered on the day, rated 不满意
      kind: 'hotline',
      purpose: 'question',
      day: 5,
      units: [[f.units.townA, 'lead']],
      handle: async (u) => {
        let a = await step(s.handlerA, u.get(f.units.townA), 'sign');
        a = await step(s.handlerA, a, 'accept');
        a = await replyAs(s, f, f.units.townA, a);
        await step(s.dispatcher, a, 'rate', { value: 'unsatisfied' });
      },
    },
    {
      // a 12345 求助 accepted late by 西水乡, then answered and closed
      kind: 'hotline',
      purpose: 'help',
      day: 6,
      units: [[f.units.townB, 'lead']],
      handle: async (u, d) => {
        let b = await step(s.handlerB, u.get(f.units.townB), 'sign');
        t.clock.set(sh(2026, 3, d + 9, 10));
        b = await step(s.handlerB, b, 'accept');
        b = await replyAs(s, f, f.units.townB, b);
        await step(s.handlerB, b, 'close');
      },
    },
    {
      // a 12345 投诉 the department takes and has not answered
      kind: 'hotline',
      purpose: 'accusation',
      day: 7,
      units: [[f.units.deptA, 'lead']],
      handle: async (u) => {
        const a = await step(s.handlerDept, u.get(f.units.deptA), 'sign');
        await step(s.handlerDept, a, 'accept');
      },
    },
  ];
  for (const c of cases) {
    if (only && c.kind !== only) continue;
    t.clock.set(sh(2026, 3, c.day, 9));
    const r = await routed(s, c.units, { kind: c.kind, purpose: c.purpose });
    await c.handle(r.byUnit, c.day);
  }
  t.clock.set(sh(2026, 3, 28, 12));
}

/** A /stats body's figures by unit name (units differ in id from county to county), and the tenant's. */
const byName = (body: any) => ({
  tenant: body.tenant,
  ...Object.fromEntries(body.units.map((u: any) => [sameName(u.unitName), pick(u)])),
});
/** The bureau is named after its county (sk0县信访局). */
const sameName = (name: string) => name.replace(/^sk\d+/, '');
const pick = (u: any) => Object.fromEntries(FIGURE_KEYS.map((k) => [k, u[k]]));

describe('the kind of case is a dimension of every figure', () => {
  it('each kind alone equals a county that had only those cases; all = the sum, rates recomputed', async () => {
    const mixed = await county();
    await drive(mixed.f, mixed.s);
    const alone = new Map<CaseKind, Awaited<ReturnType<typeof county>>>();
    for (const kind of KINDS) {
      const c = await county();
      await drive(c.f, c.s, kind);
      alone.set(kind, c);
    }
    await expectStatsInStep(t, mixed.f.id);

    // live (the aggregates) and at a past cut-off (replayed from the log)
    for (const query of [MARCH, { ...MARCH, cutoff: '2026-03-10' }]) {
      const all = await stats(mixed.s.county, query);
      expect(all.source).toBe(query === MARCH ? 'aggregates' : 'replay');
      const perKind: any[] = [];
      for (const kind of KINDS) {
        const got = await stats(mixed.s.county, { ...query, kind });
        const want = await stats(alone.get(kind)!.s.county, query);
        expect(got.source).toBe(all.source);
        expect(byName(got)).toEqual(byName(want));
        perKind.push(got);
      }
      // something of each kind happened in the month
      for (const k of perKind) expect(k.tenant.received).toBeGreaterThan(0);
      const summed = sumFigures(perKind.map((k) => k.tenant as FigureCounts));
      for (const key of COUNT_KEYS) expect(all.tenant[key], key).toBe(summed[key]);
      expect(pick(all.tenant)).toEqual(pick({ ...all.tenant, ...summed }));
      expect(all.tenant.satisfactionRate).toEqual(summed.satisfactionRate);
    }
    // the live figures say the kinds apart: the 12345 不满意 is not the petitions'
    const live = Object.fromEntries(
      await Promise.all(KINDS.map(async (kind) => [kind, await stats(mixed.s.county, { ...MARCH, kind })])),
    );
    expect(live.petition.tenant).toMatchObject({ received: 2, unsatisfied: 0, satisfactionRate: 1 });
    expect(live.hotline.tenant).toMatchObject({ received: 3, unsatisfied: 1, satisfactionRate: 0 });
    expect(live.inquiry.tenant).toMatchObject({ received: 2, basicallySatisfied: 1, cases: 1 });

    // the comparison, the breakdown and the rankings take the kind the same way
    for (const kind of KINDS) {
      const other = alone.get(kind)!;
      const cmp = expectOk(await mixed.s.county.get('/stats/compare', { ...MARCH, kind }));
      const cmpAlone = expectOk(await other.s.county.get('/stats/compare', MARCH));
      expect(cmp.tenant.mom).toEqual(cmpAlone.tenant.mom);
      const bd = expectOk(await mixed.s.county.get('/stats/breakdown', { ...MARCH, kind }));
      const bdAlone = expectOk(await other.s.county.get('/stats/breakdown', MARCH));
      expect(bd.byChannel).toEqual(bdAlone.byChannel);
      expect(bd.byCategory).toEqual(bdAlone.byCategory);
      expect(bd.byMonth).toEqual(bdAlone.byMonth);
      const names = (rows: any[]) =>
        rows.map(({ unitId: _, unitName, ...r }: any) => ({ ...r, unitName: sameName(unitName) }));
      expect(names(bd.lightsByUnit)).toEqual(names(bdAlone.lightsByUnit));
      const rk = expectOk(await mixed.s.county.get('/rankings', { ...MARCH, kind }));
      const rkAlone = expectOk(await other.s.county.get('/rankings', MARCH));
      expect(names(rk.ranked)).toEqual(names(rkAlone.ranked));
      expect(names(rk.zeroCase)).toEqual(names(rkAlone.zeroCase));
    }
    // the kinds each county has had: the console offers only those in its 类型 picker
    expect((await stats(mixed.s.county, MARCH)).kinds).toEqual(KINDS);
    expect((await stats(alone.get('hotline')!.s.county, { ...MARCH, kind: 'petition' })).kinds).toEqual([
      'hotline',
    ]);
    expect(expectOk(await mixed.s.county.get('/rankings', MARCH)).kinds).toEqual(KINDS);
    const bdAll = expectOk(await mixed.s.county.get('/stats/breakdown', MARCH));
    const total = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    expect(total(bdAll.byChannel)).toBe(7);
  });

  it('a kind that is none of the three is refused, naming kind', async () => {
    const { s } = await county();
    for (const path of ['/stats', '/stats/compare', '/stats/breakdown', '/rankings']) {
      const r = await s.county.get(path, { ...MARCH, kind: 'letter' });
      expectError(r, 400, 'VALIDATION');
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain('kind');
    }
  });
});

describe('the monthly bulletin has a scope: all cases, or one kind', () => {
  it('a bulletin of all kinds (群众诉求办理工作通报) says how many of each; a 12345热线工作通报 counts only the hotline; each published once', async () => {
    const { f, s } = await county();
    await drive(f, s);
    const gen = async (scope?: string) =>
      expectOk(await s.dispatcher.post('/bulletins', { month: '2026-03', ...(scope ? { scope } : {}) }), 201);
    const all = await gen();
    expect(all.scope).toBe('all');
    expect(all.title).toBe(`${f.slug}县2026年3月群众诉求办理工作通报`);
    expect(all.document.summary.join('')).toContain(
      '按类型分，信访事项2件次，网上问政2件次，12345 工单3件次',
    );
    const hotline = await gen('hotline');
    expect(hotline.title).toBe(`${f.slug}县2026年3月12345热线工作通报`);
    expect(hotline.document.summary[0]).toContain('共受理群众诉求3件');
    expect(hotline.document.summary.join('')).not.toContain('按类型分');
    expect(hotline.document.summary.join('')).toContain('按诉求类型分，咨询1件');
    const petition = await gen('petition');
    expect(petition.title).toBe(`${f.slug}县2026年3月信访工作通报`);
    expect(petition.document.summary[0]).toContain('共受理群众诉求2件');
    // drafts of different scopes stand side by side; each scope is published once
    const items = expectOk(await s.dispatcher.get('/bulletins', { month: '2026-03' })).items;
    expect(items.map((b: { scope: string }) => b.scope).sort()).toEqual(['all', 'hotline', 'petition']);
    expectOk(await s.dispatcher.post(`/bulletins/${all.id}/publish`, {}));
    expectOk(await s.dispatcher.post(`/bulletins/${hotline.id}/publish`, {}));
    const again = await gen();
    expectError(await s.dispatcher.post(`/bulletins/${again.id}/publish`, {}), 409, 'CONFLICT');
    // the published one is frozen and still read as it was
    expect(expectOk(await s.county.get(`/bulletins/${all.id}`)).document).toEqual(all.document);
    const bad = await s.dispatcher.post('/bulletins', { month: '2026-03', scope: 'letter' });
    expectError(bad, 400, 'VALIDATION');
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('scope');
  });
});

describe('migration 0020: stats written before the kind', () => {
  it('a county of several kinds is rebuilt at its next read, one of a single kind is copied as it is', async () => {
    const mixed = await county();
    await drive(mixed.f, mixed.s);
    const single = await county();
    await drive(single.f, single.s, 'hotline');
    const expected = async () =>
      Object.fromEntries(
        await Promise.all(
          [mixed, single].flatMap(({ f, s }) =>
            [undefined, ...KINDS].map(async (kind) => [
              `${f.id}:${kind}`,
              byName(await stats(s.county, { ...MARCH, kind })),
            ]),
          ),
        ),
      );
    const want = await expected();

    // the tables as the code before wrote them: one row per unit and day, kinds summed; no kind on
    // stats_open; neither the rebuild requests nor the bulletins' scope
    const cols = DAILY_COUNTERS.map((k) => COUNTER_COLUMNS[k]);
    await run('CREATE TABLE old_daily AS SELECT * FROM stats_daily');
    await run('DROP TABLE stats_daily');
    await run(`CREATE TABLE stats_daily (tenant_id text NOT NULL, unit_id text NOT NULL, day text NOT NULL,
      ${cols.map((c) => `${c} integer DEFAULT 0 NOT NULL`).join(', ')},
      PRIMARY KEY(tenant_id, unit_id, day), FOREIGN KEY (tenant_id) REFERENCES tenants(id))`);
    await run(`INSERT INTO stats_daily (tenant_id, unit_id, day, ${cols.join(', ')})
      SELECT tenant_id, unit_id, day, ${cols.map((c) => `SUM(${c})`).join(', ')} FROM old_daily GROUP BY tenant_id, unit_id, day`);
    await run('DROP TABLE old_daily');
    await run('CREATE INDEX stats_daily_tenant_day_idx ON stats_daily (tenant_id, day)');
    await run('ALTER TABLE stats_open DROP COLUMN kind');
    await run('DROP TABLE stats_rebuild_requests');
    await run('ALTER TABLE bulletins DROP COLUMN scope');

    const migration = readFileSync('db/migrations/0020_stats_kind.sql', 'utf8');
    for (const statement of migration.split('--> statement-breakpoint')) await run(statement);

    const requests = () =>
      t.deps.db.all<{ tenantId: string }>(sql`SELECT tenant_id AS tenantId FROM stats_rebuild_requests`);
    const pending = (await requests()).map((r) => r.tenantId);
    expect(pending).toContain(mixed.f.id);
    expect(pending).not.toContain(single.f.id);
    // the single-kind county's rows are exact as copied
    await expectStatsInStep(t, single.f.id);

    expect(await expected()).toEqual(want);
    expect((await requests()).map((r) => r.tenantId)).not.toContain(mixed.f.id);
    await expectStatsInStep(t, mixed.f.id);
  });
});
