// Another county's ids where they are not a route's own id (tenant-isolation.test.ts covers those):
// in a request body (a unit to route to, a category, an attachment, a case to merge into) and in a
// list's filter. Each is refused, or answers as if the id did not exist, and nothing of the other
// county is read, linked or written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { type ForeignIds, makeForeignResources, PHONE_CASE } from '../fixtures/isolation-samples';
import { idemKey, petition, PNG, portal } from './portal-helpers';

let t: TestApp;
let a: TenantFixture;
let b: TenantFixture;
let foreign: ForeignIds;
/** beta's portal attachment, uploaded by a citizen of beta */
let foreignUpload: string;
/** a case of alpha's, routed to its township A: the subject of the body-id requests */
let own: { caseId: string; version: number; assignmentId: string; assignmentVersion: number };

beforeAll(async () => {
  t = await makeTestApp();
  a = await makeTenant(t, 'alpha');
  b = await makeTenant(t, 'beta');
  foreign = await makeForeignResources(t, b);
  const form = new FormData();
  form.append('file', new File([PNG as BlobPart], 'photo.png', { type: 'image/png' }));
  foreignUpload = (await t.client().req('POST', `${portal('beta')}/attachments`, form)).body.id;
  const d = await as(t, a, 'dispatcher');
  const created = await d.post('/api/t/alpha/cases', PHONE_CASE());
  const routed = await d.post(`/api/t/alpha/cases/${created.body.case.id}/route`, {
    version: created.body.case.version,
    units: [{ unitId: a.units.townA, role: 'lead' }],
  });
  own = {
    caseId: created.body.case.id,
    version: routed.body.case.version,
    assignmentId: routed.body.assignments[0].id,
    assignmentVersion: routed.body.assignments[0].version,
  };
});
afterAll(async () => t.close());

/** Nothing of beta in an answer: its ids, its slug, its case number. */
function expectNothingOfBeta(body: unknown) {
  const text = JSON.stringify(body);
  // case numbers are each county's own sequence: alpha has a 2026-000001 too
  for (const [k, id] of Object.entries(foreign)) if (k !== 'caseNumber') expect(text, k).not.toContain(id);
  expect(text).not.toContain(foreignUpload);
  expect(text).not.toContain(b.id);
}

it('the samples name real resources of the other county (a missing one would pass vacuously)', () => {
  for (const [k, id] of Object.entries(foreign)) expect(id, k).toMatch(/^[0-9a-z-]{6,}$/);
  expect(foreign.suggestion).not.toBe('none');
  expect(foreignUpload).toMatch(/^[0-9a-z]{20}$/);
});

describe("another county's ids in a request body are refused", () => {
  type Who = 'dispatcher' | 'admin' | 'handlerA';
  const bodies: [string, Who, string, string, () => unknown][] = [
    ['intake with its category', 'dispatcher', 'POST', '/cases', () => PHONE_CASE()],
    [
      'routing to its unit',
      'dispatcher',
      'POST',
      `/cases/:own/route`,
      () => ({ version: own.version, units: [{ unitId: foreign.unit, role: 'co' }] }),
    ],
    [
      'merging into its case',
      'dispatcher',
      'POST',
      `/cases/:own/merge`,
      () => ({ version: own.version, intoCaseId: foreign.case }),
    ],
    [
      'a unit under its unit',
      'admin',
      'POST',
      '/units',
      () => ({ name: '新单位', kind: 'department', parentId: foreign.unit }),
    ],
    [
      'a user in its unit',
      'admin',
      'POST',
      '/users',
      () => ({
        login: 'alpha.x1',
        name: '某人',
        role: 'handler',
        unitId: foreign.unit,
        password: 'Strong#2026pass',
      }),
    ],
    [
      'a category under its category',
      'admin',
      'POST',
      '/categories',
      () => ({ name: '新分类', parentId: foreign.category }),
    ],
    [
      'a category routed to its unit',
      'admin',
      'POST',
      '/categories',
      () => ({ name: '新分类二', routeUnitIds: [foreign.unit] }),
    ],
    [
      'a token of its unit',
      'admin',
      'POST',
      '/tokens',
      () => ({ name: '对接', role: 'handler', unitId: foreign.unit }),
    ],
    [
      'a deduction on its unit',
      'dispatcher',
      'POST',
      '/deductions',
      () => ({ unitId: foreign.unit, month: '2026-03', level: 'county', reason: '县级通报' }),
    ],
  ];
  it.each(bodies)('%s', async (_what, who, method, path, body) => {
    const client = await as(t, a, who);
    let payload = body() as Record<string, unknown>;
    if (_what === 'intake with its category') payload = { ...payload, categoryId: foreign.category };
    const r = await client.req(method, `/api/t/alpha${path.replace(':own', own.caseId)}`, payload);
    expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expectNothingOfBeta(r.body);
  });

  it("its files are never linked: not to an intake, a reply or a citizen's submission", async () => {
    const d = await as(t, a, 'dispatcher');
    const casesBefore = (await t.deps.db.query.cases.findMany()).length;
    for (const id of [foreign.attachment!, foreignUpload]) {
      const intake = await d.post('/api/t/alpha/cases', { ...PHONE_CASE(), attachmentIds: [id] });
      // refused, not a case written without the file its registration named
      expect(intake.status, JSON.stringify(intake.body)).toBe(400);
      expect(intake.body.error.details).toContainEqual({
        path: 'attachmentIds',
        message: '有附件已失效，请删除后重新上传',
      });
      expectNothingOfBeta(intake.body);
    }
    expect((await t.deps.db.query.cases.findMany()).length).toBe(casesBefore);
    const handler = await as(t, a, 'handlerA');
    let v = own.assignmentVersion;
    for (const m of ['sign', 'accept']) {
      const r = await handler.post(`/api/t/alpha/assignments/${own.assignmentId}/${m}`, { version: v });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
    }
    const reply = await handler.post(`/api/t/alpha/assignments/${own.assignmentId}/reply`, {
      version: v,
      body: '经核查已处理。',
      attachmentIds: [foreign.attachment],
    });
    // refused, not a reply saved whose event counts a file it does not have
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expectNothingOfBeta(reply.body);
    const drafted = await t.deps.db.query.events.findMany();
    expect(
      drafted.filter((e) => e.assignmentId === own.assignmentId && e.type === 'assignment.reply_drafted'),
    ).toEqual([]);
    const sub = await t
      .client()
      .post(`${portal('alpha')}/cases`, petition({ attachmentIds: [foreignUpload] }), {
        'idempotency-key': idemKey(),
      });
    expect(sub.status, JSON.stringify(sub.body)).toBe(400);
    const files = await t.deps.db.query.attachments.findMany();
    for (const f of files.filter((x) => x.id === foreign.attachment || x.id === foreignUpload)) {
      expect(f.tenantId).toBe(b.id);
      expect([f.caseId, f.replyId]).toEqual([null, null]);
    }
    const detail = await d.get(`/api/t/alpha/cases/${own.caseId}`);
    expect(detail.body.attachments).toEqual([]);
  });

  it("a citizen's submission naming its category or township is refused or files without them", async () => {
    for (const over of [{ categoryId: foreign.category }, { townshipUnitId: foreign.unit }]) {
      const sub = await t
        .client()
        .post(`${portal('alpha')}/cases`, petition(over), { 'idempotency-key': idemKey() });
      expect(sub.status).toBeLessThan(500);
      expectNothingOfBeta(sub.body);
    }
    const cases = await t.deps.db.query.cases.findMany();
    for (const c of cases.filter((x) => x.tenantId === a.id)) {
      expect(c.categoryId).not.toBe(foreign.category);
      expect(c.townshipUnitId).not.toBe(foreign.unit);
    }
  });

  it('marking its reminders read marks nothing', async () => {
    const d = await as(t, a, 'dispatcher');
    const reminders = (await t.deps.db.query.reminders.findMany()).filter((r) => r.tenantId === b.id);
    const r = await d.post('/api/t/alpha/reminders/read', {
      ids: reminders
        .map((x) => x.id)
        .slice(0, 5)
        .concat('x'),
    });
    expect(r.status).toBeLessThan(500);
    const reads = (await t.deps.db.query.reminderReads.findMany()).filter((x) => x.tenantId !== b.id);
    expect(reads.filter((x) => reminders.some((m) => m.id === x.reminderId))).toEqual([]);
  });
});

describe("another county's ids in a list's filter find nothing of it", () => {
  it.each([
    ['cases by its category', 'dispatcher', () => `/cases?categoryId=${foreign.category}`],
    ['assignments by its unit', 'dispatcher', () => `/assignments?unitId=${foreign.unit}`],
    ['assignments by its category', 'dispatcher', () => `/assignments?categoryId=${foreign.category}`],
    ['the audit by its user', 'admin', () => `/audit?actor=${foreign.user}`],
    ['the board by its category', 'dispatcher', () => `/portal/board?categoryId=${foreign.category}`],
    ['the board by its unit', 'dispatcher', () => `/portal/board?unitId=${foreign.unit}`],
  ] as const)('%s', async (_what, who, path) => {
    const client = await as(t, a, who);
    const r = await client.get(`/api/t/alpha${path()}`);
    expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBeLessThan(500);
    expectNothingOfBeta(r.body);
    if (r.status === 200 && Array.isArray(r.body.items)) expect(r.body.items).toEqual([]);
  });
});
