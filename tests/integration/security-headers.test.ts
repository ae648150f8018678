// What an attacker's page or a planted payload meets in the browser: every page of ours (the
// console, the portal, the server-built papers, the API docs) and every API answer and download
// carries a Content-Security-Policy that runs no inline script but the ones the server writes itself,
// may not be framed by another site, and is never sniffed into HTML.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../workers/api/app';
import { as, makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { answerThroughStaff, idemKey, petition, PNG, portal, townStaff } from './portal-helpers';

let t: TestApp;
let f: TenantFixture;
let pages: ReturnType<typeof createApp>;

beforeAll(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'alpha');
  // the built front ends as the Node entry serves them, minus the files
  pages = createApp(t.deps, {
    assets: async (path) =>
      // Workers' static assets answer with a fetched response, whose headers cannot be changed
      path === '/console/assets/app.js'
        ? Response.redirect('http://localhost/console/assets/app-1.js', 302)
        : path.endsWith('.html')
          ? new Response('<!doctype html><div id="app"></div><script type="module" src="/x.js"></script>', {
              headers: { 'content-type': 'text/html; charset=utf-8' },
            })
          : null,
  });
});
afterAll(async () => t.close());

function policyOf(headers: Headers): Map<string, string[]> {
  const csp = headers.get('content-security-policy');
  expect(csp, 'Content-Security-Policy').toBeTruthy();
  return new Map(
    csp!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

/** The browser's rule: an inline script runs only if script-src lists its hash (or unsafe-inline). */
function expectInlineScriptsAllowed(html: string, headers: Headers) {
  const scriptSrc = policyOf(headers).get('script-src') ?? [];
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  // no inline event handlers either: those would need 'unsafe-inline'
  expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  for (const source of inline) {
    const hash = `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
    expect(scriptSrc, `inline script ${source.slice(0, 60)}…`).toContain(hash);
  }
  return inline.length;
}

function expectLockedDown(headers: Headers) {
  const p = policyOf(headers);
  expect(p.get('script-src')).not.toContain("'unsafe-inline'");
  expect(p.get('script-src')).not.toContain("'unsafe-eval'");
  expect(p.get('object-src')).toEqual(["'none'"]);
  expect(p.get('base-uri')).toEqual(["'none'"]);
  expect(p.get('frame-ancestors')).toEqual(["'self'"]);
  // a county's logo may live on its own site (branding.logoUrl is https:// or a path of ours)
  expect(p.get('img-src')).toContain('https:');
  expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(headers.get('x-content-type-options')).toBe('nosniff');
}

describe('the pages a browser opens', () => {
  it.each([
    ['the console', '/console/cases'],
    ['a county portal', '/alpha/track'],
    ['the list of counties', '/'],
  ])('%s may not be framed by another site and runs only our own scripts', async (_what, path) => {
    const r = await pages.request(path);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expectLockedDown(r.headers);
  });

  it('a static asset whose headers cannot be changed (Workers) is copied to carry them', async () => {
    const r = await pages.request('/console/assets/app.js');
    expect(r.status).toBe(302);
    expectLockedDown(r.headers);
  });

  it('the API docs page runs its own inline script, allowed by its hash', async () => {
    const r = await t.app.request('/api/docs');
    const html = await r.text();
    expectLockedDown(r.headers);
    expect(expectInlineScriptsAllowed(html, r.headers)).toBe(1);
  });

  it('a paper printed from the portal carries its 打印 script, allowed by its hash, and no inline handler', async () => {
    const citizen = t.client();
    const sub = await citizen.post(`${portal('alpha')}/cases`, petition(), { 'idempotency-key': idemKey() });
    expect(sub.status, JSON.stringify(sub.body)).toBe(201);
    const staff = await townStaff(t, f);
    const { assignmentId } = await answerThroughStaff(
      staff,
      'alpha',
      sub.body.number,
      f.units.townA,
      '路灯已修复。<img src=x onerror=alert(1)></script><script>alert(2)</script>',
    );
    const paper = await citizen.post(`${portal('alpha')}/papers`, {
      queryCode: sub.body.queryCode,
      secret: sub.body.secret,
      assignmentId,
      kind: 'reply',
    });
    expect(paper.status).toBe(200);
    expectLockedDown(paper.headers);
    // the typed reply is text on the paper, and the one script is the print bar's own
    expect(paper.body).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;/script&gt;');
    expect(expectInlineScriptsAllowed(paper.body, paper.headers)).toBe(1);
    // the portal opens the paper from a blob: address, which runs under the portal page's policy
    const portalPage = await pages.request('/alpha/track');
    expectInlineScriptsAllowed(paper.body, portalPage.headers);
  });
});

describe('API answers and downloads', () => {
  it('JSON, errors and attachment downloads carry the policy and nosniff', async () => {
    const dispatcher = await as(t, f, 'dispatcher');
    const form = new FormData();
    form.append('file', new File([PNG as BlobPart], 'page.html', { type: 'text/html' }));
    const up = await dispatcher.req('POST', '/api/t/alpha/attachments', form);
    expect(up.status).toBe(201);
    expect(up.body.mime).toBe('image/png');
    const download = await dispatcher.get(`/api/t/alpha/attachments/${up.body.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expectLockedDown(download.headers);
    expectLockedDown((await dispatcher.get('/api/auth/me')).headers);
    expectLockedDown((await t.client().get('/api/auth/me')).headers);
    expectLockedDown((await t.client().get('/api/nowhere')).headers);
  });
});
