// Shared bits of the portal route tests: a citizen's request, a valid submission, tiny files with
// the right (or wrong) first bytes, and making a case's answer public without the console.
import { and, eq, sql } from 'drizzle-orm';
import { cases } from '../../db/schema';
import { as, type TenantFixture, type TestApp } from '../fixtures/app';

export const portal = (slug: string) => `/api/t/${slug}/portal`;

let seq = 0;
/** A different person each time, so the per-phone limit stays out of the way. */
export const uniquePhone = () => `139${String(seq++).padStart(8, '0')}`;
export const idemKey = () => `test-key-${Date.now().toString(36)}-${(seq++).toString(36).padStart(6, '0')}`;

export function petition(over: Record<string, unknown> = {}) {
  return {
    kind: 'petition',
    purpose: 'claim',
    title: '村道路灯损坏多月无人维修',
    content: '我村东头村道上的路灯已经坏了三个多月，晚上出行很不方便，希望有关部门尽快维修。',
    name: '张大山',
    phone: '13812348000',
    ...over,
  };
}

export function inquiry(over: Record<string, unknown> = {}) {
  return {
    kind: 'inquiry',
    purpose: 'question',
    title: '农村医保缴费标准是多少',
    content: '请问今年我县城乡居民医疗保险个人缴费标准是多少？在哪里可以缴费？',
    phone: uniquePhone(),
    anonymous: true,
    isPublic: true,
    ...over,
  };
}

/** A request from a given client address (the Node adapter's socket), as the real server sees it. */
export async function fromIp(
  t: TestApp,
  ip: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await t.app.request(path, init, { incoming: { socket: { remoteAddress: ip } } });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);
export const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
export const WEBP = new Uint8Array([
  0x52, 0x49, 0x46, 0x46, 0x1a, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20,
]);
export const PDF = new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const HTML = new TextEncoder().encode('<html><script>alert(1)</script></html>');

export function fileForm(bytes: Uint8Array, name: string, type: string): FormData {
  const form = new FormData();
  form.append('file', new File([bytes as BlobPart], name, { type }));
  return form;
}

/** Same-origin header the CSRF guard asks of form posts (the browser sends it by itself). */
export const ORIGIN = { origin: 'http://localhost' };

/** Stands in for the dispatcher's publish step where a test only needs a public answer. */
export async function publishDirectly(
  t: TestApp,
  tenantId: string,
  number: string,
  answer: string,
  at: number,
) {
  await t.deps.db
    .update(cases)
    // as publishing does: the public copy of the question (these test questions hold no personal data)
    .set({
      publishStatus: 'published',
      publicAnswer: answer,
      publishedAt: at,
      isPublic: true,
      publicTitle: sql`${cases.title}`,
      publicContent: sql`${cases.content}`,
    })
    .where(and(eq(cases.tenantId, tenantId), eq(cases.number, number)));
}

/** Any client with JSON get/post answering { status, body } (the test Client, or fetch in e2e). */
export interface JsonClient {
  get(path: string): Promise<{ status: number; body: any }>;
  post(path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

function ok<T extends { status: number; body: any }>(r: T, what: string): T {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

/**
 * The bureau's side of a case as the console would do it: the dispatcher routes it to a unit, the
 * handler signs, accepts and drafts the reply, the unit leader approves, the handler sends it.
 */
/** The bureau's dispatcher and township A's handler and leader: who answers a case in these tests. */
export async function townStaff(t: TestApp, f: TenantFixture) {
  return {
    dispatcher: await as(t, f, 'dispatcher'),
    handler: await as(t, f, 'handlerA'),
    leader: await as(t, f, 'leaderA'),
  };
}

export async function answerThroughStaff(
  staff: { dispatcher: JsonClient; handler: JsonClient; leader: JsonClient },
  slug: string,
  number: string,
  unitId: string,
  reply: string,
) {
  const base = `/api/t/${slug}`;
  const list = ok(await staff.dispatcher.get(`${base}/cases?q=${encodeURIComponent(number)}`), 'find case');
  const c = list.body.items.find((i: { number: string }) => i.number === number);
  if (!c) throw new Error(`case ${number} not in the dispatcher's list`);
  const routed = ok(
    await staff.dispatcher.post(`${base}/cases/${c.id}/route`, {
      version: c.version,
      units: [{ unitId, role: 'lead' }],
    }),
    'route',
  );
  const a = routed.body.assignments.find((x: { unitId: string }) => x.unitId === unitId);
  const move = async (who: JsonClient, name: string, version: number, body: Record<string, unknown> = {}) =>
    ok(await who.post(`${base}/assignments/${a.id}/${name}`, { version, ...body }), name).body
      .version as number;
  let v = await move(staff.handler, 'sign', a.version);
  v = await move(staff.handler, 'accept', v);
  v = await move(staff.handler, 'reply', v, { body: reply });
  v = await move(staff.handler, 'submit-reply', v);
  v = await move(staff.leader, 'approve-reply', v);
  v = await move(staff.handler, 'send-reply', v);
  return { caseId: c.id as string, assignmentId: a.id as string, version: v };
}

/** The dispatcher publishes a 问政 answer on the board (the review step before publication). */
export async function publishThroughStaff(
  dispatcher: JsonClient,
  slug: string,
  caseId: string,
  answer?: string,
) {
  const base = `/api/t/${slug}`;
  const detail = ok(await dispatcher.get(`${base}/cases/${caseId}`), 'case detail');
  return ok(
    await dispatcher.post(`${base}/cases/${caseId}/publish`, { version: detail.body.case.version, answer }),
    'publish',
  );
}
