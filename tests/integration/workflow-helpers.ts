// Shared pieces of the workflow route tests: staff who log in again when the clock moved past
// their idle session, a registered phone case, routing and moves by HTTP, and raw reads of the
// tables a test asserts on (events, reminders) that the API does not expose as such.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { assignments, cases, events, reminders, tenants } from '../../db/schema';
import type { Actor, ServiceCtx } from '../../workers/api/context';
import { resolveSettings } from '../../workers/domain/settings';
import { getSettingsRow } from '../../workers/repo/tenancy';
import { runSweepForTenant } from '../../workers/services/workflow/sweep';
import {
  makeTenant,
  makeTestApp,
  PASSWORD,
  type Res,
  T0,
  type TenantFixture,
  type TestApp,
} from '../fixtures/app';
import { PHONE_CASE } from '../fixtures/isolation-samples';

export type Who = keyof TenantFixture['users'];

/** Local wall-clock time in Asia/Shanghai (UTC+8, no DST) as an instant. */
export const sh = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0) =>
  Date.UTC(y, m - 1, d, h - 8, mi, s, ms);
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * A staff member at their desk. Sessions idle out after 30 minutes and tests move the clock by
 * days, so a request that comes back 401 logs in again once and is retried.
 */
export class Desk {
  cookie = '';
  constructor(
    private t: TestApp,
    readonly f: TenantFixture,
    readonly who: Who,
  ) {}
  get base() {
    return `/api/t/${this.f.slug}`;
  }
  private async send<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const c = this.t.client();
    c.cookie = this.cookie;
    const r = await c.req<T>(method, path, body, headers);
    this.cookie = c.cookie;
    return r;
  }
  async login() {
    const c = this.t.client();
    await c.login(`${this.f.slug}.${this.who}`, PASSWORD);
    this.cookie = c.cookie;
  }
  async req<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const url = path.startsWith('/api/') ? path : `${this.base}${path}`;
    if (!this.cookie) await this.login();
    let r = await this.send<T>(method, url, body, headers);
    if (r.status === 401) {
      await this.login();
      r = await this.send<T>(method, url, body, headers);
    }
    return r;
  }
  get<T = any>(path: string, query?: Record<string, string | number | undefined>) {
    const qs = query
      ? new URLSearchParams(
          Object.entries(query)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, String(v)]),
        ).toString()
      : '';
    return this.req<T>('GET', qs ? `${path}?${qs}` : path);
  }
  post<T = any>(path: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.req<T>('POST', path, body, headers);
  }
  /** A file as its bytes (req() decodes text, which drops a byte-order mark), and that text. */
  async download(path: string) {
    if (!this.cookie) await this.login();
    const url = path.startsWith('/api/') ? path : `${this.base}${path}`;
    const res = await this.t.app.request(url, { headers: { cookie: this.cookie } });
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { res, bytes, text: new TextDecoder().decode(bytes) };
  }
}

export type Desks = Record<Who, Desk>;
export const desks = (t: TestApp, f: TenantFixture): Desks =>
  Object.fromEntries((Object.keys(f.users) as Who[]).map((who) => [who, new Desk(t, f, who)])) as Desks;

export function expectError(r: Res, status: number, code: string) {
  if (r.status !== status)
    throw new Error(`expected ${status} ${code}, got ${r.status} ${JSON.stringify(r.body)}`);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message).toMatch(/\S/);
  expect(r.body.error.requestId).toMatch(/\S/);
}

export function expectOk(r: Res, status = 200) {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const phoneCase = (over: Record<string, unknown> = {}) => ({ ...PHONE_CASE(), ...over });

/** The dispatcher registers a case; answers its CaseDetail (with queryCode and secret). */
export async function register(
  d: Desk,
  over: Record<string, unknown> = {},
  headers?: Record<string, string>,
) {
  return expectOk(await d.post('/cases', phoneCase(over), headers), 201);
}

export interface Ref {
  id: string;
  version: number;
}

/** Routes a case: units as [unitId, role]; answers the CaseDetail after routing. */
export async function routeTo(d: Desk, c: { id: string; version: number }, units: [string, 'lead' | 'co'][]) {
  return expectOk(
    await d.post(`/cases/${c.id}/route`, {
      version: c.version,
      units: units.map(([unitId, role]) => ({ unitId, role })),
      instructions: '请按程序办理并及时答复',
    }),
  );
}

/** POST /assignments/{id}/{move} with the assignment's version; answers the raw response. */
export function move(d: Desk, a: Ref, name: string, body: Record<string, unknown> = {}) {
  return d.post(`/assignments/${a.id}/${name}`, { version: a.version, ...body });
}

/** Like move, but the move must succeed; answers the updated AssignmentRow. */
export async function step(d: Desk, a: Ref, name: string, body: Record<string, unknown> = {}) {
  return expectOk(await move(d, a, name, body));
}

export async function eventsOf(t: TestApp, caseId: string) {
  return t.deps.db.select().from(events).where(eq(events.caseId, caseId)).orderBy(asc(events.id));
}

export async function eventsOfAssignment(t: TestApp, assignmentId: string) {
  return t.deps.db.select().from(events).where(eq(events.assignmentId, assignmentId)).orderBy(asc(events.id));
}

export async function assignmentRow(t: TestApp, id: string) {
  return (await t.deps.db.select().from(assignments).where(eq(assignments.id, id)))[0]!;
}

export async function caseRow(t: TestApp, id: string) {
  return (await t.deps.db.select().from(cases).where(eq(cases.id, id)))[0]!;
}

export async function remindersOf(t: TestApp, f: TenantFixture) {
  return t.deps.db.select().from(reminders).where(eq(reminders.tenantId, f.id));
}

export async function casesOf(t: TestApp, f: TenantFixture) {
  return t.deps.db.select().from(cases).where(eq(cases.tenantId, f.id));
}

/** A service context for what the API does not reach yet (the citizen's own requests). */
export async function serviceCtxFor(t: TestApp, f: TenantFixture, actor: Actor): Promise<ServiceCtx> {
  const tenant = (
    await t.deps.db
      .select()
      .from(tenants)
      .where(and(eq(tenants.id, f.id)))
  )[0]!;
  const row = await getSettingsRow(t.deps.db, f.id);
  return {
    db: t.deps.db,
    clock: t.deps.clock,
    deps: t.deps,
    tenant,
    settings: resolveSettings(row?.settings ?? {}),
    actor,
  };
}

/** A service context for a member of the bureau of the county (dispatcher or county admin). */
export const bureauCtx = (t: TestApp, f: TenantFixture, who: 'dispatcher' | 'admin') =>
  serviceCtxFor(t, f, {
    kind: 'user',
    id: f.users[who],
    name: who,
    role: who === 'admin' ? 'tenant_admin' : 'dispatcher',
    tenantId: f.id,
    unitId: null,
  });

/**
 * The context with its database's first batch preceded by `meanwhile`: what another person did
 * between this service's reads and its writes. `ran()` says whether it came to that.
 */
export function racing(ctx: ServiceCtx, meanwhile: () => Promise<unknown>) {
  const realBatch = ctx.db.batch.bind(ctx.db);
  let raced = false;
  const db = new Proxy(ctx.db, {
    get(target, key, receiver) {
      if (key === 'batch')
        return async (items: any) => {
          if (!raced) {
            raced = true;
            await meanwhile();
          }
          return realBatch(items);
        };
      return Reflect.get(target, key, receiver);
    },
  });
  return { ctx: { ...ctx, db }, ran: () => raced };
}

/**
 * A case registered and routed to township A (lead), then moved by townA's handler through
 * `moves` (e.g. ['sign', 'accept']). Answers the case and the assignment as it stands.
 */
export async function caseAt(
  s: Desks,
  moves: string[] = [],
  over: Record<string, unknown> = {},
  units?: [string, 'lead' | 'co'][],
) {
  const c = await register(s.dispatcher, over);
  const routed = await routeTo(s.dispatcher, c.case, units ?? [[s.dispatcher.f.units.townA, 'lead']]);
  let a: any = routed.assignments[0];
  for (const m of moves) a = await step(s.handlerA, a, m);
  return { caseId: c.case.id as string, number: c.case.number as string, a: a as any, created: c };
}

/** Drafts, submits, approves and sends a reply as township A. */
export async function replyFully(s: Desks, a: Ref, body = '经核查，道路已于本周修复完毕，感谢您的监督。') {
  let x = await step(s.handlerA, a, 'reply', { body });
  x = await step(s.handlerA, x, 'submit-reply');
  x = await step(s.leaderA, x, 'approve-reply', { note: '同意' });
  return step(s.handlerA, x, 'send-reply');
}

/** A tenant's audit events whose type starts with `prefix`, in log order, payloads parsed. */
export async function auditEvents(t: TestApp, tenantId: string, prefix: string) {
  const client = (
    t.deps.db as unknown as {
      $client: { execute(q: { sql: string; args: string[] }): Promise<{ rows: any[] }> };
    }
  ).$client;
  const { rows } = await client.execute({
    sql: 'SELECT type, actor_role, payload FROM events WHERE tenant_id = ? AND type LIKE ? ORDER BY id',
    args: [tenantId, `${prefix}%`],
  });
  return rows.map((r) => ({
    type: r.type as string,
    role: r.actor_role as string,
    payload: JSON.parse(r.payload),
  }));
}

/**
 * A test file's bench: one app for the file (its database in memory), a fresh county for each test
 * that asks (named prefix0, prefix1, …, so no state leaks between tests), and the clock back at T0
 * before each test. `t` is filled in before the first test runs.
 */
export function workflowBench(prefix: string) {
  const t = {} as TestApp;
  let n = 0;
  beforeAll(async () => {
    Object.assign(t, await makeTestApp());
  });
  afterAll(async () => t.close());
  beforeEach(() => t.clock.set(T0));
  const county = async (): Promise<{ f: TenantFixture; s: Desks }> => {
    const f = await makeTenant(t, `${prefix}${n++}`);
    return { f, s: desks(t, f) };
  };
  /** The deadline sweep of one county, as its timer or cron runs it. */
  const sweep = async (f: TenantFixture) => {
    const tenant = (await t.deps.db.select().from(tenants).where(eq(tenants.id, f.id)))[0]!;
    return runSweepForTenant(t.deps, tenant);
  };
  return { t, county, sweep };
}
