// A cookie-keeping client over SELF (the real Worker entry inside workerd).
import { SELF } from 'cloudflare:test';

export class WorkerClient {
  cookie = '';
  async req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await SELF.fetch(`https://minsheng.test${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const m = /ms_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '');
    if (m) this.cookie = m[1] ? `ms_session=${m[1]}` : '';
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, body: parsed, headers: res.headers };
  }
  get(path: string, headers?: Record<string, string>) {
    return this.req('GET', path, undefined, headers);
  }
  post(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.req('POST', path, body, headers);
  }
  async login(login: string, password: string) {
    const r = await this.post('/api/auth/login', { login, password });
    if (r.status !== 200) throw new Error(`login failed ${r.status} ${JSON.stringify(r.body)}`);
  }
}

export const ROOT = { login: 'root', password: 'Root#2026pass' };
export const PASSWORD = 'Test#2026pass';

/**
 * A county ready for citizens (a township, a content category, a dispatcher) with a user for each
 * role given, and a client signed in as any of them.
 */
export async function county(slug: string, roles: ('admin' | 'handler' | 'leader' | 'county')[] = []) {
  const root = new WorkerClient();
  await root.login(ROOT.login, ROOT.password);
  const t = await root.post('/api/admin/tenants', { slug, name: `${slug}县` });
  const town = await root.post(`/api/t/${slug}/units`, { name: '东山镇', kind: 'township' });
  const category = await root.post(`/api/t/${slug}/categories`, { name: '城乡建设' });
  const mk = (login: string, role: string, unitId?: string) =>
    root.post(`/api/t/${slug}/users`, {
      login: `${slug}.${login}`,
      password: PASSWORD,
      name: login,
      role,
      unitId,
      mustChangePassword: false,
    });
  const ROLE = { admin: 'tenant_admin', handler: 'handler', leader: 'unit_leader', county: 'county_leader' };
  await mk('dispatcher', 'dispatcher', t.body.bureauUnitId);
  for (const r of roles) await mk(r, ROLE[r], r === 'handler' || r === 'leader' ? town.body.id : undefined);
  const as = async (who: string) => {
    const c = new WorkerClient();
    await c.login(`${slug}.${who}`, PASSWORD);
    return c;
  };
  return { townId: town.body.id as string, categoryId: category.body.id as string, as };
}
