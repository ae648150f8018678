import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../workers/api/config';

describe('configuration from the environment', () => {
  it('has working defaults for a county that sets nothing', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8787);
    expect(c.DATABASE_URL).toBe('file:./data/minsheng.db');
    expect(c.SEED_DEMO).toBeUndefined();
    expect(c.DEMO_CASES).toBe(3000);
    expect(c.PASSWORD_ITERATIONS).toBe(210000);
  });

  it('names every wrong value with a clear message, one line each', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short', SEED_DEMO: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('PORT="abc"');
      expect(msg).toContain('DATABASE_URL="mysql://x"');
      expect(msg).toContain('SESSION_SECRET');
      expect(msg).toContain('SEED_DEMO="maybe"');
    }
  });

  it('refuses an admin password without a login', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'Secret#2026' })).toThrow(/ADMIN_LOGIN/);
  });

  it('reads remote libSQL URLs and flags', () => {
    const c = loadConfig({
      DATABASE_URL: 'libsql://county.example.turso.io',
      DATABASE_AUTH_TOKEN: 't',
      SEED_DEMO: '0',
      TRUST_PROXY: '1',
      PORT: '9000',
    });
    expect(c.DATABASE_URL).toBe('libsql://county.example.turso.io');
    expect(c.SEED_DEMO).toBe(false);
    expect(c.TRUST_PROXY).toBe(true);
    expect(c.PORT).toBe(9000);
  });
});
