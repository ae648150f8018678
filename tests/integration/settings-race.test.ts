// Two administrators saving settings at once: every save is kept (or refused), and the audit log
// has one event per save that took effect. A review sent 20 parallel PATCHes without a version:
// all answered 200, two were applied, twenty events were written.
import { describe, expect, it } from 'vitest';
import { auditEvents, expectOk, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('settings');

describe('settings saved at the same time', () => {
  it('twenty parallel patches without a version: all applied, one event each', async () => {
    const { s, f } = await county();
    await s.admin.login();
    const before = expectOk(await s.admin.get(`/api/t/${f.slug}/settings`));
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.admin.req('PATCH', `/api/t/${f.slug}/settings`, {
          patch: { branding: { notice: `公告第${i}条` } },
        }),
      ),
    );
    expect(
      rs
        .map((r) => (r.status === 200 ? 200 : `${r.status} ${JSON.stringify(r.body)}`))
        .filter((x) => x !== 200),
    ).toEqual([]);
    const after = expectOk(await s.admin.get(`/api/t/${f.slug}/settings`));
    expect(after.version).toBe(before.version + 20);
    expect(await auditEvents(t, f.id, 'settings.updated')).toHaveLength(20);
  });

  it('parallel patches naming the same version: one applies, the others get 409 and no event', async () => {
    const { s, f } = await county();
    await s.admin.login();
    const before = expectOk(await s.admin.get(`/api/t/${f.slug}/settings`));
    const events0 = (await auditEvents(t, f.id, 'settings.updated')).length;
    const rs = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.admin.req('PATCH', `/api/t/${f.slug}/settings`, {
          version: before.version,
          patch: { branding: { notice: `公告第${i}条` } },
        }),
      ),
    );
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409)).toHaveLength(9);
    expect((await auditEvents(t, f.id, 'settings.updated')).length).toBe(events0 + 1);
  });
});
