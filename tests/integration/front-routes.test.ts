// The county's address as people type or print it: /DEMO/ or /Demo/track goes to the county's own
// lower-case address (it was a bare JSON 404), with its query; the lower-case one is served as it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../fixtures/app';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

describe('a county address with capitals', () => {
  it('is sent on to the lower-case address, path and query kept', async () => {
    for (const [from, to] of [
      ['/DEMO/', '/demo/'],
      ['/DEMO', '/demo/'],
      ['/Demo/track?code=ABCD', '/demo/track?code=ABCD'],
      ['/Qinghe-Xian/board/12', '/qinghe-xian/board/12'],
    ]) {
      const r = await t.app.request(from!);
      expect(r.status, from).toBe(301);
      expect(r.headers.get('location'), from).toBe(to);
    }
  });

  it('leaves the lower-case address, the console and the API alone', async () => {
    expect((await t.app.request('/demo/track')).status).not.toBe(301);
    expect((await t.app.request('/api/healthz')).status).not.toBe(301);
    expect((await t.app.request('/console/')).status).not.toBe(301);
  });
});
