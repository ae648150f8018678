// Bad input the fuzzing of bad-input.test.ts did not reach, each found by a review and reproduced
// here: a 4xx in the one error shape (in Chinese, naming the field) and nothing changed — never a
// 500, never a made-up answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  as,
  type Client,
  makeTenant,
  makeTestApp,
  type TenantFixture,
  type TestApp,
} from '../fixtures/app';
import { PHONE_CASE } from '../fixtures/isolation-samples';

let t: TestApp;
let a: TenantFixture;
let admin: Client;
let dispatcher: Client;
let county: Client;
let root: Client;

beforeAll(async () => {
  t = await makeTestApp();
  a = await makeTenant(t, 'alpha');
  admin = await as(t, a, 'admin');
  dispatcher = await as(t, a, 'dispatcher');
  county = await as(t, a, 'county');
  root = t.client();
  await root.login(ADMIN.login, ADMIN.password);
}, 60_000);
afterAll(async () => t.close());

const api = (path: string) => `/api/t/${a.slug}${path}`;
const HAN = /[\u4e00-\u9fff]/;

/** A refusal in the one error shape, in Chinese, with the given status and code. */
function expectRefused(r: { status: number; body: any }, status: number, code: string, path?: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message).toMatch(HAN);
  for (const d of r.body.error.details ?? []) expect(d.message).toMatch(HAN);
  if (path) expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
}

const cursor = (key: unknown[]) => encodeURIComponent(btoa(JSON.stringify(key)));

describe('staff paths that merely end in /portal', () => {
  it('go through the county and session checks like any other staff path', async () => {
    for (const p of ['/cases/portal', '/units/portal', '/assignments/portal', '/attachments/portal']) {
      const staff = await dispatcher.get(api(p));
      expect(staff.status, `${p} ${JSON.stringify(staff.body)}`).toBe(404);
      expect(staff.body.error.code).toBe('NOT_FOUND');
      expectRefused(await t.client().get(api(p)), 401, 'UNAUTHORIZED');
    }
    expectRefused(await t.client().get(api('/cases/x/portal/y')), 401, 'UNAUTHORIZED');
    // the citizen's own routes stay open
    expect((await t.client().get(api('/portal/board'))).status).toBe(200);
  });
});
