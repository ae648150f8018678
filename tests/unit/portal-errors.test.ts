// What the portal tells a citizen when a request fails: the server's own message when the answer is
// the server's, what the status means when a proxy or a firewall answered instead, and "网络连接失败"
// only when nothing answered at all.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { M } from '../../portal/src/i18n';
import { ApiError, request, toError } from '../../portal/src/lib/api';

const html = (status: number, body = '<html><body><h1>error</h1></body></html>') =>
  new Response(body, { status, headers: { 'content-type': 'text/html' } });

describe('an answer that is not JSON', () => {
  it('a proxy refusing a large upload (413) says the file is too large', async () => {
    const e = await toError(html(413));
    expect(e.message).toBe(M.errors.tooLarge);
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it("a firewall's 403 page says the request was refused", async () => {
    expect((await toError(html(403))).message).toBe(M.errors.refused);
  });

  it('a bad gateway (502, 503) says the service is unavailable for now, and may have gone through', async () => {
    for (const status of [502, 503]) {
      const e = await toError(html(status));
      expect(e.message).toBe(M.errors.unavailable);
      expect(e.uncertain).toBe(true);
    }
  });

  it('no status is ever called a network failure', async () => {
    for (const status of [400, 401, 403, 404, 408, 409, 413, 415, 422, 429, 500, 502, 503, 504]) {
      expect((await toError(html(status))).message).not.toBe(M.errors.network);
    }
  });

  it('too many requests says how long to wait', async () => {
    const res = new Response('busy', { status: 429, headers: { 'retry-after': '120' } });
    expect((await toError(res)).message).toBe(M.errors.rateLimited('2 分钟'));
  });
});

describe("the server's own answer", () => {
  it('keeps its message, code and details', async () => {
    const res = new Response(
      JSON.stringify({
        error: {
          code: 'VALIDATION',
          message: '标题至少 4 个字',
          requestId: 'r1',
          details: [{ path: 'title', message: '标题至少 4 个字' }],
        },
      }),
      { status: 400, headers: { 'content-type': 'application/json' } },
    );
    const e = await toError(res);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe('标题至少 4 个字');
    expect(e.code).toBe('VALIDATION');
    expect(e.details).toEqual([{ path: 'title', message: '标题至少 4 个字' }]);
  });

  it('JSON that is not our error shape falls back to the status', async () => {
    const res = new Response('{"message":"Forbidden"}', { status: 403 });
    expect((await toError(res)).message).toBe(M.errors.refused);
  });
});

describe('a request that got no answer', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is a network failure', async () => {
    vi.stubGlobal('location', { pathname: '/taohua/submit' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const e = await request('GET', '/info').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toBe(M.errors.network);
    expect((e as ApiError).status).toBe(0);
  });

  it('but a gateway error page that did answer is not', async () => {
    vi.stubGlobal('location', { pathname: '/taohua/submit' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => html(502)),
    );
    const e = (await request('GET', '/info').catch((x: unknown) => x)) as ApiError;
    expect(e.message).toBe(M.errors.unavailable);
    expect(e.status).toBe(502);
  });
});
