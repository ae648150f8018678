// The kind of case as a dimension of the statistics inside workerd on D1: /stats, /stats/breakdown
// and /rankings of one kind, a bad kind refused naming the field, and migration 0020 on D1 (the
// table rebuilt with the kind, a county of several kinds asked to rebuild from its log).
import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { county as newCounty } from './client';

type Migrations = Parameters<typeof applyD1Migrations>[1];

const county = (slug: string) => newCounty(slug, ['handler', 'county']);

describe('statistics by kind on Workers + D1', () => {
  it('a petition and a 12345 order are counted apart; all is their sum; a bad kind is a 400 on kind', async () => {
    const { townId, as } = await county('wkind');
    const dispatcher = await as('dispatcher');
    const register = async (kind: string, purpose: string) => {
      const created = await dispatcher.post('/api/t/wkind/cases', {
        kind,
        channel: 'phone',
        purpose,
        title: '村道路灯损坏',
        content: '东山镇村道路灯损坏半个多月，晚上出行很不安全，请尽快维修。',
        petitioner: { name: '郑一鸣', phone: '13800138000' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const routed = await dispatcher.post(`/api/t/wkind/cases/${created.body.case.id}/route`, {
        version: created.body.case.version,
        units: [{ unitId: townId, role: 'lead' }],
      });
      expect(routed.status).toBe(200);
      return routed.body.assignments[0];
    };
    await register('petition', 'help');
    const order = await register('hotline', 'question');
    const handler = await as('handler');
    const signed = await handler.post(`/api/t/wkind/assignments/${order.id}/sign`, {
      version: order.version,
    });
    expect(signed.status).toBe(200);

    const leader = await as('county');
    const read = async (path: string, kind?: string) => {
      const r = await leader.get(`/api/t/wkind${path}${kind ? `?kind=${kind}` : ''}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const all = await read('/stats');
    const petition = await read('/stats', 'petition');
    const hotline = await read('/stats', 'hotline');
    const inquiry = await read('/stats', 'inquiry');
    expect(all.source).toBe('aggregates');
    expect([all, petition, hotline, inquiry].map((b) => b.tenant.received)).toEqual([2, 1, 1, 0]);
    expect([all, petition, hotline, inquiry].map((b) => b.tenant.cases)).toEqual([2, 1, 1, 0]);
    const town = (b: any) => b.units.find((u: any) => u.unitId === townId);
    expect(town(hotline)).toMatchObject({ received: 1, unitName: '东山镇' });
    expect(inquiry.tenant.completionRate).toBeNull();

    const breakdown = await read('/stats/breakdown', 'hotline');
    expect(breakdown.byChannel).toEqual([{ channel: 'phone', label: expect.any(String), count: 1 }]);
    const rankings = await read('/rankings', 'petition');
    expect(rankings.ranked.find((u: any) => u.unitId === townId)).toMatchObject({ unitName: '东山镇' });

    for (const path of ['/stats', '/stats/breakdown', '/rankings']) {
      const bad = await leader.get(`/api/t/wkind${path}?kind=visit`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('kind');
    }
  });

  it('migration 0020 on D1 keeps a single-kind county exact and asks a mixed one to rebuild', async () => {
    const db = env.MIGRATION_DB;
    const all = env.TEST_MIGRATIONS as Migrations;
    await applyD1Migrations(
      db,
      all.filter((m) => m.name < '0020'),
    );
    await db.batch([
      db.prepare(
        "INSERT INTO tenants (id, slug, name, created_at) VALUES ('ta', 'a', '甲县', 1), ('tb', 'b', '乙县', 1)",
      ),
      ...[
        ['c1', 'ta', 'hotline'],
        ['c2', 'tb', 'petition'],
        ['c3', 'tb', 'inquiry'],
      ].map(([id, tenant, kind]) =>
        db
          .prepare(
            `INSERT INTO cases (id, tenant_id, number, kind, channel, purpose, title, content, status, received_at, received_day, route_due_at, updated_at)
             VALUES (?, ?, ?, ?, 'phone', 'help', 't', 'c', 'routed', 1, '2026-03-02', 1, 1)`,
          )
          .bind(id, tenant, `2026-${id}`, kind),
      ),
      db.prepare(
        "INSERT INTO stats_daily (tenant_id, unit_id, day, received, cases) VALUES ('ta', 'u1', '2026-03-02', 1, 0), ('ta', '*', '2026-03-02', 0, 1), ('tb', '*', '2026-03-02', 0, 2)",
      ),
      db.prepare(
        "INSERT INTO stats_open (tenant_id, assignment_id, case_id, unit_id, dispatched_at, dispatch_day, sign_due_at) VALUES ('ta', 'a1', 'c1', 'u1', 1, '2026-03-02', 2)",
      ),
    ]);
    await applyD1Migrations(db, all);
    const daily = await db
      .prepare(
        'SELECT tenant_id, unit_id, kind, received, cases FROM stats_daily ORDER BY tenant_id, unit_id',
      )
      .all();
    expect(daily.results).toEqual([
      { tenant_id: 'ta', unit_id: '*', kind: 'hotline', received: 0, cases: 1 },
      { tenant_id: 'ta', unit_id: 'u1', kind: 'hotline', received: 1, cases: 0 },
      // copied under one kind until the rebuild, so the figures of all kinds hold meanwhile
      { tenant_id: 'tb', unit_id: '*', kind: 'inquiry', received: 0, cases: 2 },
    ]);
    const open = await db.prepare('SELECT assignment_id, kind FROM stats_open').all();
    expect(open.results).toEqual([{ assignment_id: 'a1', kind: 'hotline' }]);
    const requests = await db.prepare('SELECT tenant_id, reason FROM stats_rebuild_requests').all();
    expect(requests.results).toEqual([{ tenant_id: 'tb', reason: 'stats_kind' }]);
  });
});
