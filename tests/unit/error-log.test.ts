// An unhandled error is logged with its reason and frames, but not megabytes of it: drizzle's
// "Failed query: … params: …" names every bound value, and a refused 12 MB import would have
// written one 12 MB log line (twice: in the message and again in the stack's first line).
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../workers/api/context';
import { jsonLogger } from '../../workers/lib/logger';
import { onError } from '../../workers/middleware/request';

describe('the unhandled-error log line', () => {
  it('keeps the start of the reason and the frames, clipped to a few kB', async () => {
    const lines: string[] = [];
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      c.set('deps', { logger: jsonLogger((l) => lines.push(l)) } as never);
      c.set('requestId', 'r1');
      await next();
    });
    app.post('/x', () => {
      throw new Error(`Failed query: insert into import_batches values (?) params: ${'x'.repeat(3_000_000)}`);
    });
    app.onError(onError);
    const res = await app.request('/x', { method: 'POST' });
    expect(res.status).toBe(500);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line.length).toBeLessThan(20_000);
    const logged = JSON.parse(line);
    expect(logged.error).toMatch(/^Error: Failed query: insert into import_batches/);
    expect(logged.stack).toMatch(/error-log\.test\.ts/);
  });
});
