// Uploads nobody attached to a case within a day are removed by the sweep, bytes and all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../../db/schema';
import { runSweepAllTenants } from '../../workers/services/sweep';
import { as, makeTenant, makeTestApp, type TestApp } from '../fixtures/app';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

const png = () =>
  new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])], '照片.png');

describe('the sweep and forgotten uploads', () => {
  it('removes a photo that never reached a case after a day, and keeps the ones attached', async () => {
    const f = await makeTenant(t, 'uploads');
    const dispatcher = await as(t, f, 'dispatcher');
    const upload = async () => {
      const form = new FormData();
      form.append('file', png());
      const r = await dispatcher.req('POST', `/api/t/${f.slug}/attachments`, form);
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const forgotten = await upload();
    const kept = await upload();
    const created = await dispatcher.post(`/api/t/${f.slug}/cases`, {
      kind: 'petition',
      channel: 'letter',
      purpose: 'help',
      title: '来信反映路灯损坏',
      content: '来信反映村道路灯损坏多日，夜间出行不便，请尽快维修。',
      petitioner: { name: '郑一鸣', phone: '13800138000' },
      attachmentIds: [kept],
    });
    expect(created.status).toBe(201);

    // within the day nothing goes
    t.clock.advance(23 * 3_600_000);
    await runSweepAllTenants(t.deps);
    // (the morning's session is long gone: log in again)
    expect(
      (await (await as(t, f, 'dispatcher')).get(`/api/t/${f.slug}/attachments/${forgotten}`)).status,
    ).toBe(200);

    t.clock.advance(2 * 3_600_000);
    const again = await as(t, f, 'dispatcher');
    await runSweepAllTenants(t.deps);
    expect((await again.get(`/api/t/${f.slug}/attachments/${forgotten}`)).status).toBe(404);
    expect((await again.get(`/api/t/${f.slug}/attachments/${kept}`)).status).toBe(200);
    const rows = await t.deps.db.select({ id: attachments.id }).from(attachments);
    expect(rows.map((r) => r.id)).not.toContain(forgotten);
  });
});
