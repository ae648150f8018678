// The main flow, from a citizen's submission to their rating, inside workerd on D1.
import { describe, expect, it } from 'vitest';
import { county as newCounty, WorkerClient } from './client';

const county = (slug: string) => newCounty(slug, ['handler', 'leader']);

describe('a complaint goes the whole way on Workers + D1', () => {
  it('submitted, routed, signed, accepted, answered after review, closed and rated', async () => {
    const { townId, as } = await county('flow');
    const citizen = new WorkerClient();
    const submitted = await citizen.post(
      '/api/t/flow/portal/cases',
      {
        kind: 'petition',
        purpose: 'help',
        townshipUnitId: townId,
        title: '村道路灯损坏',
        content: '东山镇村道路灯损坏半个多月，晚上出行很不安全，请尽快维修。',
        name: '郑一鸣',
        phone: '13800138000',
        website: '',
      },
      { 'idempotency-key': 'workers-flow-0001-abcdef' },
    );
    expect(submitted.status).toBe(201);
    const { number, queryCode, secret } = submitted.body;
    expect(number).toMatch(/^\d{4}-\d{6}$/);

    const dispatcher = await as('dispatcher');
    const list = await dispatcher.get('/api/t/flow/cases?status=new');
    const caseRow = list.body.items.find((c: any) => c.number === number);
    const routed = await dispatcher.post(`/api/t/flow/cases/${caseRow.id}/route`, {
      version: caseRow.version,
      units: [{ unitId: townId, role: 'lead' }],
    });
    expect(routed.status).toBe(200);
    const assignment = routed.body.assignments[0];

    const handler = await as('handler');
    const leader = await as('leader');
    let v = assignment.version;
    const step = async (who: WorkerClient, move: string, body: Record<string, unknown> = {}) => {
      const r = await who.post(`/api/t/flow/assignments/${assignment.id}/${move}`, { version: v, ...body });
      expect(r.status, `${move}: ${JSON.stringify(r.body)}`).toBe(200);
      v = r.body.version;
      return r.body;
    };
    await step(handler, 'sign');
    // a stale version changes nothing
    expect(
      (await handler.post(`/api/t/flow/assignments/${assignment.id}/accept`, { version: v - 1 })).status,
    ).toBe(409);
    await step(handler, 'accept');
    await step(handler, 'reply', { body: '经现场查看，路灯已于今日修复。感谢您的监督。' });
    await step(handler, 'submit-reply');
    await step(leader, 'approve-reply');
    await step(handler, 'send-reply');
    const closed = await step(handler, 'close');
    expect(closed.state).toBe('closed');

    const tracked = await citizen.post('/api/t/flow/portal/track', { queryCode, secret });
    expect(tracked.status).toBe(200);
    const rated = await citizen.post('/api/t/flow/portal/rate', {
      queryCode,
      secret,
      ratings: [{ assignmentId: assignment.id, value: 'satisfied' }],
      bureau: 'satisfied',
    });
    expect(rated.status).toBe(200);

    const detail = await dispatcher.get(`/api/t/flow/cases/${caseRow.id}`);
    expect(detail.body.case.status).toBe('rated');
    const types = detail.body.timeline.map((e: any) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'case.created',
        'case.routed',
        'assignment.signed',
        'assignment.replied',
        'assignment.rated',
      ]),
    );
    expect(detail.body.case.petitioner.phone).toBe('138****8000');
    // the workbench counts run on D1 too (one names its partial index)
    const queues = await dispatcher.get('/api/t/flow/queues');
    expect(queues.status).toBe(200);
    expect(queues.body).toMatchObject({ new: 0, unsatisfied: 0 });
  });

  it('ten simultaneous signs of one assignment: exactly one wins', async () => {
    const { townId, as } = await county('race');
    const dispatcher = await as('dispatcher');
    const created = await dispatcher.post('/api/t/race/cases', {
      kind: 'petition',
      channel: 'phone',
      purpose: 'help',
      title: '来电反映供水中断',
      content: '东山镇多户居民反映供水中断两天，请尽快恢复。',
      petitioner: { name: '王春和', phone: '13900139000' },
    });
    const routed = await dispatcher.post(`/api/t/race/cases/${created.body.case.id}/route`, {
      version: created.body.case.version,
      units: [{ unitId: townId, role: 'lead' }],
    });
    const a = routed.body.assignments[0];
    const handler = await as('handler');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        handler.post(`/api/t/race/assignments/${a.id}/sign`, { version: a.version }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
    const detail = await dispatcher.get(`/api/t/race/cases/${created.body.case.id}`);
    expect(detail.body.timeline.filter((e: any) => e.type === 'assignment.signed')).toHaveLength(1);
  });
});
