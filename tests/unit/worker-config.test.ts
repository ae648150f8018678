// The Worker checks its vars and secrets by Node's rules: a wrong one answers every request with one
// 503 in the error shape (the reason in the log, never a secret's value), not a bare 500 per request.
import { describe, expect, it, vi } from 'vitest';
import worker, { type Env } from '../../workers/api/worker';
import { ConfigError, loadWorkerConfig } from '../../workers/api/config';

const SECRET = 'a-session-secret-of-at-least-32-characters';
const ctx = { waitUntil() {}, passThroughOnException() {} } as unknown as ExecutionContext;

describe('the Worker’s configuration', () => {
  it('is checked as on Node, and a secret’s value is never repeated', () => {
    expect(
      loadWorkerConfig({ SESSION_SECRET: SECRET, ADMIN_LOGIN: 'root', ADMIN_PASSWORD: 'Root#2026pass' }),
    ).toMatchObject({ ADMIN_LOGIN: 'root' });
    // .dev.vars cut an unquoted ADMIN_PASSWORD=Root#2026pass at the #
    const short = () =>
      loadWorkerConfig({ SESSION_SECRET: SECRET, ADMIN_LOGIN: 'root', ADMIN_PASSWORD: 'Root' });
    expect(short).toThrow(ConfigError);
    expect(short).toThrow('ADMIN_PASSWORD=（已隐藏，4 个字符）: 至少 8 位');
    expect(() => loadWorkerConfig({ SESSION_SECRET: 'short' })).toThrow(
      'SESSION_SECRET=（已隐藏，5 个字符）',
    );
    expect(() => loadWorkerConfig({})).toThrow('SESSION_SECRET 未设置');
    // bindings (objects) are not configuration
    expect(loadWorkerConfig({ SESSION_SECRET: SECRET, DB: {}, LOG_LEVEL: 'warn' }).LOG_LEVEL).toBe('warn');
  });

  it('answers 503 in the one error shape while it is wrong, and logs why', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const env = { SESSION_SECRET: SECRET, ADMIN_LOGIN: 'root', ADMIN_PASSWORD: 'Root' } as unknown as Env;
    const res = await worker.fetch(new Request('https://x.example/api/t/demo/portal/info'), env, ctx);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('服务配置有误'),
    });
    expect(res.headers.get('x-request-id')).toBe(body.error.requestId);
    const line = JSON.parse(String(logged.mock.calls[0]?.[0]));
    expect(line).toMatchObject({ level: 'error', msg: 'configuration error' });
    expect(line.error).toContain('ADMIN_PASSWORD');
    expect(line.error).not.toContain('Root');
    logged.mockRestore();
  });
});
