// For every route that takes an id, an id that belongs to another county answers NOT_FOUND and
// leaks nothing. The route list comes from the app itself, so a new route without a sample here
// fails this test until someone says how to call it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { makeForeignResources, SAMPLES, type ForeignIds } from '../fixtures/isolation-samples';

let t: TestApp;
let a: TenantFixture;
let b: TenantFixture;
let foreign: ForeignIds;

beforeAll(async () => {
  t = await makeTestApp();
  a = await makeTenant(t, 'alpha');
  b = await makeTenant(t, 'beta');
  foreign = await makeForeignResources(t, b);
});
afterAll(async () => t.close());

function idRoutes() {
  const seen = new Set<string>();
  for (const r of t.app.routes) {
    if (
      r.method === 'ALL' ||
      !r.path.startsWith('/api/t/:tenant/') ||
      !/:(id|caseId|assignmentId|number)\b/.test(r.path)
    )
      continue;
    seen.add(`${r.method} ${r.path.replace('/api/t/:tenant', '')}`);
  }
  return [...seen].sort();
}

describe('tenant isolation', () => {
  it('every id-taking route has a sample request', () => {
    const missing = idRoutes().filter((k) => !SAMPLES[k]);
    expect(missing).toEqual([]);
  });

  it("another county's ids answer NOT_FOUND for every such route, with nothing of theirs in the body", async () => {
    const failures: string[] = [];
    for (const key of idRoutes()) {
      const sample = SAMPLES[key]!;
      const client = await as(t, a, sample.as);
      const [method, pattern] = key.split(' ') as [string, string];
      const path = `/api/t/alpha${pattern.replace(/:(\w+)(\{[^}]*\})?/g, (_, p) => {
        const key = sample.ids[p] ?? p;
        return key.startsWith('literal:') ? key.slice(8) : (foreign[key] ?? 'missing');
      })}`;
      const r = await client.req(
        method,
        path,
        method === 'GET' || method === 'DELETE' ? undefined : sample.body(foreign),
      );
      const text = JSON.stringify(r.body);
      if (r.status !== 404 || r.body?.error?.code !== 'NOT_FOUND')
        failures.push(`${key} → ${r.status} ${text.slice(0, 160)}`);
      if (text.includes('beta') || text.includes(b.id)) failures.push(`${key} leaked beta data`);
    }
    expect(failures).toEqual([]);
  });
});
