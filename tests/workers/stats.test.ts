// Statistics inside workerd on D1: the per-day aggregates written in the same batch as each move,
// /stats read from them, a rebuild that agrees, an import (json_each bulk writes in one D1 batch)
// and a bulletin exported as xlsx.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { gbk } from '../fixtures/gbk';
import { county as newCounty, type WorkerClient } from './client';

const county = (slug: string) => newCounty(slug, ['admin', 'handler', 'leader', 'county']);

const shanghaiMonth = (instant: number) => new Date(instant + 8 * 3_600_000).toISOString().slice(0, 7);

describe('statistics on Workers + D1', () => {
  it('a case routed, replied and rated shows in /stats; a rebuild agrees; import and bulletin work', async () => {
    const { townId, as } = await county('wstats');
    const dispatcher = await as('dispatcher');
    const created = await dispatcher.post('/api/t/wstats/cases', {
      kind: 'petition',
      channel: 'phone',
      purpose: 'help',
      title: '村道路灯损坏',
      content: '东山镇村道路灯损坏半个多月，晚上出行很不安全，请尽快维修。',
      petitioner: { name: '郑一鸣', phone: '13800138000' },
    });
    expect(created.status).toBe(201);
    const routed = await dispatcher.post(`/api/t/wstats/cases/${created.body.case.id}/route`, {
      version: created.body.case.version,
      units: [{ unitId: townId, role: 'lead' }],
    });
    expect(routed.status).toBe(200);
    const a = routed.body.assignments[0];
    const handler = await as('handler');
    const leader = await as('leader');
    let v = a.version;
    const step = async (who: WorkerClient, move: string, body: Record<string, unknown> = {}) => {
      const r = await who.post(`/api/t/wstats/assignments/${a.id}/${move}`, { version: v, ...body });
      expect(r.status, `${move}: ${JSON.stringify(r.body)}`).toBe(200);
      v = r.body.version;
    };
    await step(handler, 'sign');
    await step(handler, 'accept');
    await step(handler, 'reply', { body: '路灯已修复。' });
    await step(handler, 'submit-reply');
    await step(leader, 'approve-reply');
    await step(handler, 'send-reply');
    await step(handler, 'close');
    await step(dispatcher, 'rate', { value: 'satisfied', bureauValue: 'basic' });

    const leaderView = await as('county');
    const stats = await leaderView.get('/api/t/wstats/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.source).toBe('aggregates');
    expect(stats.body.tenant).toMatchObject({
      received: 1,
      closed: 1,
      completionRate: 1,
      timelyAcceptanceRate: 1,
      onTimeReplyRate: 1,
      rated: 1,
      satisfactionRate: 1,
      bureauSatisfactionRate: 1,
      oneTimeResolutionRate: 1,
      repeatRate: 0,
    });
    const town = stats.body.units.find((u: any) => u.unitId === townId);
    expect(town).toMatchObject({ unitName: '东山镇', unitKind: 'township', received: 1, avgDays: 0 });

    const admin = await as('admin');
    const rebuilt = await admin.post('/api/t/wstats/stats/rebuild');
    expect(rebuilt.status, JSON.stringify(rebuilt.body)).toBe(200);
    expect(rebuilt.body).toMatchObject({ cases: 1, assignments: 1 });
    expect((await leaderView.get('/api/t/wstats/stats')).body.tenant).toEqual(stats.body.tenant);

    // an imported case of last month, written in one D1 batch
    const lastMonth = Date.now() - 35 * 86_400_000;
    const iso = (x: number) => new Date(x).toISOString();
    const line = {
      externalId: 'W-1',
      channel: 'letter',
      purpose: 'help',
      title: '历史件',
      content: '导入的历史件',
      receivedAt: iso(lastMonth),
      assignments: [
        {
          unit: '东山镇',
          events: [
            { type: 'dispatched', at: iso(lastMonth + 3_600_000) },
            { type: 'accepted', at: iso(lastMonth + 7_200_000) },
            { type: 'replied', at: iso(lastMonth + 86_400_000) },
          ],
        },
      ],
    };
    const imported = await SELF.fetch('https://minsheng.test/api/t/wstats/import', {
      method: 'POST',
      headers: { cookie: dispatcher.cookie, 'content-type': 'application/x-ndjson' },
      body: JSON.stringify(line),
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const month = shanghaiMonth(lastMonth + 3_600_000);
    const past = await leaderView.get(`/api/t/wstats/stats?month=${month}`);
    expect(past.body.tenant).toMatchObject({ received: 1, onTimeReplyRate: 1 });
    // GBK is read as such when the Content-Type says so, as on Node; sent as UTF-8 it is refused
    const gbkBody = gbk(JSON.stringify({ ...line, externalId: 'W-2', title: '青石路路灯不亮' }));
    for (const [charset, status] of [
      ['', 400],
      ['; charset=gbk', 201],
    ] as const) {
      const r = await SELF.fetch('https://minsheng.test/api/t/wstats/import', {
        method: 'POST',
        headers: { cookie: dispatcher.cookie, 'content-type': `application/x-ndjson${charset}` },
        body: gbkBody,
      });
      expect(r.status, await r.clone().text()).toBe(status);
    }

    const draft = await dispatcher.post('/api/t/wstats/bulletins', { month: shanghaiMonth(Date.now()) });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const xlsx = await SELF.fetch(
      `https://minsheng.test/api/t/wstats/bulletins/${draft.body.id}/export.xlsx`,
      {
        headers: { cookie: dispatcher.cookie },
      },
    );
    expect(xlsx.status).toBe(200);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  });

  it('the bureau scores 制度落实, revokes a deduction and publishes the bulletin, each audited', async () => {
    const { townId, as } = await county('wrank');
    const dispatcher = await as('dispatcher');
    const month = shanghaiMonth(Date.now());
    const put = (points: number | null) =>
      dispatcher.req('PUT', '/api/t/wrank/procedure-scores', {
        month,
        entries: [{ unitId: townId, points }],
      });
    const set = await put(6);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.items).toEqual([expect.objectContaining({ unitId: townId, points: 6 })]);
    // the upsert on D1: a second value replaces the first
    expect((await put(8)).body.items[0].points).toBe(8);
    expect((await put(11)).status).toBe(400);

    const d = await dispatcher.post('/api/t/wrank/deductions', {
      unitId: townId,
      month,
      level: 'city',
      reason: '误录',
    });
    expect(d.status).toBe(201);
    const revoked = await dispatcher.post(`/api/t/wrank/deductions/${d.body.id}/revoke`, {
      reason: '单位录错',
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(
      (await dispatcher.post(`/api/t/wrank/deductions/${d.body.id}/revoke`, { reason: '再次' })).status,
    ).toBe(409);

    const first = await dispatcher.post('/api/t/wrank/bulletins', { month });
    expect(first.status).toBe(201);
    // the bureau's words on the draft (compare-and-set on its rev, json_extract on D1), a stale
    // second edit refused, and a regeneration keeping them
    const measures = ['对不满意件逐件回访，限期整改。'];
    const path = `/api/t/wrank/bulletins/${first.body.id}`;
    expect((await dispatcher.req('PATCH', path, { measures })).status).toBe(200);
    const draft = await dispatcher.post('/api/t/wrank/bulletins', { month });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.document.measures).toEqual(measures);
    expect((await dispatcher.req('PATCH', path, { measures: ['旧稿'] })).status).toBe(404);
    const published = await dispatcher.post(`/api/t/wrank/bulletins/${draft.body.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect((await dispatcher.post(`/api/t/wrank/bulletins/${draft.body.id}/publish`)).status).toBe(409);

    // each change once in the audit log (the refused ones wrote nothing)
    const db = (env as unknown as { DB: D1Database }).DB;
    const { results } = await db
      .prepare(
        `SELECT type, count(*) AS n FROM events WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'wrank')
           AND (type LIKE 'procedure_score.%' OR type LIKE 'deduction.%' OR type LIKE 'bulletin.%')
           GROUP BY type ORDER BY type`,
      )
      .all<{ type: string; n: number }>();
    expect(results).toEqual([
      { type: 'bulletin.drafted', n: 2 },
      { type: 'bulletin.edited', n: 1 },
      { type: 'bulletin.published', n: 1 },
      { type: 'deduction.recorded', n: 1 },
      { type: 'deduction.revoked', n: 1 },
      { type: 'procedure_score.set', n: 2 },
    ]);

    // the administrator reads it through the audit log (json_extract, joins on D1) and a 台账 exports
    const admin = await as('admin');
    const audit = await admin.get('/api/t/wrank/audit?type=deduction.');
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    expect(audit.body.items.map((x: any) => [x.typeLabel, x.actorRole])).toEqual([
      ['撤销通报扣分', 'dispatcher'],
      ['登记通报扣分', 'dispatcher'],
    ]);
    const ledger = await SELF.fetch('https://minsheng.test/api/t/wrank/assignments/export.xlsx', {
      headers: { cookie: dispatcher.cookie },
    });
    expect(ledger.status).toBe(200);
    expect(ledger.headers.get('x-rows')).toBe('0');
    const bytes = new Uint8Array(await ledger.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  });
});
