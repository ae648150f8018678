import { describe, expect, it } from 'vitest';
import { PASSWORD, ROOT, WorkerClient } from './client';

describe('the Worker entry on D1', () => {
  it('answers health, logs the bootstrapped admin in, creates a county, units and users', async () => {
    const anon = new WorkerClient();
    expect((await anon.get('/healthz')).body).toEqual({ ok: true });
    const root = new WorkerClient();
    await root.login(ROOT.login, ROOT.password);
    expect((await root.get('/api/auth/me')).body.actor.role).toBe('platform_admin');
    const t = await root.post('/api/admin/tenants', { slug: 'edge', name: '边缘县' });
    expect(t.status).toBe(201);
    const u = await root.post('/api/t/edge/units', { name: '东山镇', kind: 'township' });
    expect(u.status).toBe(201);
    const user = await root.post('/api/t/edge/users', {
      login: 'edge.handler',
      password: PASSWORD,
      name: '承办人',
      role: 'handler',
      unitId: u.body.id,
      mustChangePassword: false,
    });
    expect(user.status).toBe(201);
    const h = new WorkerClient();
    await h.login('edge.handler', PASSWORD);
    expect((await h.get('/api/auth/me')).body.actor.unitId).toBe(u.body.id);
  });

  it('answers bad input in the one error shape, never a 500', async () => {
    const root = new WorkerClient();
    await root.login(ROOT.login, ROOT.password);
    const bad = await root.req('POST', '/api/admin/tenants', undefined, {
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect((await root.get('/api/t/nowhere/units')).body.error.code).toBe('NOT_FOUND');
    expect((await new WorkerClient().get('/api/auth/me')).status).toBe(401);
  });

  it('keeps each county to itself', async () => {
    const root = new WorkerClient();
    await root.login(ROOT.login, ROOT.password);
    await root.post('/api/admin/tenants', { slug: 'north', name: '北县' });
    await root.post('/api/admin/tenants', { slug: 'south', name: '南县' });
    const unit = await root.post('/api/t/south/units', { name: '南镇', kind: 'township' });
    await root.post('/api/t/north/users', {
      login: 'north.admin',
      password: PASSWORD,
      name: '北管',
      role: 'tenant_admin',
      mustChangePassword: false,
    });
    const admin = new WorkerClient();
    await admin.login('north.admin', PASSWORD);
    expect((await admin.get('/api/t/south/units')).status).toBe(404);
    expect((await admin.get(`/api/t/north/units/${unit.body.id}`)).status).toBe(404);
  });
});
