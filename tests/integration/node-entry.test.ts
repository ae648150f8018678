// The Node entry as an operator runs it: a real process on a libSQL file; a bad configuration stops
// it with a clear message; SIGTERM lets in-flight requests finish, closes the database and exits 0.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../fixtures/free-port';
import { runNode } from '../fixtures/node-process';

// a test that starts the server as its own process has 180 s: tsx compiling and PBKDF2 hashing
// take minutes on a loaded machine (under load they timed out at their 20 to 90 s)

const dir = mkdtempSync(join(tmpdir(), 'minsheng-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = runNode;

describe('the Node entry', () => {
  it('refuses a wrong configuration with one line per problem and exit code 2', async () => {
    const p = run({ PORT: 'abc', DATABASE_URL: 'mysql://nope' });
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain('PORT="abc"');
    expect(p.output()).toContain('DATABASE_URL="mysql://nope"');
  }, 180_000);

  it('migrates a new database, creates the admin and drains requests on SIGTERM', async () => {
    const port = await freePort();
    const p = run({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'entry.db')}`,
      FILES_DIR: join(dir, 'files'),
      SEED_DEMO: '0',
      ADMIN_LOGIN: 'root',
      ADMIN_PASSWORD: 'Root#2026pass',
      PASSWORD_ITERATIONS: '10000',
      SWEEP_INTERVAL_SECONDS: '0',
    });
    let up = false;
    for (let i = 0; i < 600 && !up; i++) {
      try {
        up = (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(up).toBe(true);
    // JSON-lines logs
    const line = p
      .output()
      .split('\n')
      .find((l) => l.includes('"listening"'));
    expect(JSON.parse(line!).level).toBe('info');
    // the signal arrives once the server has taken the login (its 100 Continue), so while its body
    // and its PBKDF2 hash are still to come: 5 ms after a fetch, a loaded machine had not yet
    // connected, and the port was shut in its face
    const body = JSON.stringify({ login: 'root', password: 'Root#2026pass' });
    const status = await new Promise<number>((done, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/auth/login',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            expect: '100-continue',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode!));
        },
      );
      req.on('error', fail);
      req.on('continue', () => {
        p.child.kill('SIGTERM');
        req.end(body);
      });
    });
    expect(status).toBe(200);
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain('"stopped"');
  }, 180_000);

  it('a port in use stops the start with one line, before the first admin is made', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((r) =>
      blocker.listen(0, '127.0.0.1', () => r((blocker.address() as { port: number }).port)),
    );
    const db = join(dir, 'busy.db');
    const on = (port: number) => ({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${db}`,
      FILES_DIR: join(dir, 'files'),
      SEED_DEMO: '0',
      SWEEP_INTERVAL_SECONDS: '0',
      PASSWORD_ITERATIONS: '10000',
    });
    const until = async (p: ReturnType<typeof run>, text: string) => {
      for (let i = 0; i < 600 && !p.output().includes(text); i++)
        await new Promise((r) => setTimeout(r, 100));
    };
    const busy = run(on(port));
    expect(await busy.exited).toBe(2);
    blocker.close();
    expect(busy.output()).toContain(`端口 ${port} 已被占用`);
    expect(busy.output()).not.toContain('"listening"');
    // the one-time password was not printed into a crash: the next start (port free) prints it
    expect(busy.output()).not.toContain('初始密码');
    const free = await freePort();
    const next = run(on(free));
    await until(next, '初始密码');
    expect(next.output()).toContain('初始密码');
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);

    // lost anyway: the operator resets it from the machine, and the new one logs in
    const reset = spawn(process.execPath, ['--import', 'tsx', 'workers/api/reset-admin.ts'], {
      env: { ...process.env, DATABASE_URL: `file:${db}`, PASSWORD_ITERATIONS: '10000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    reset.stdout.on('data', (d) => (out += d));
    expect(await new Promise((r) => reset.on('exit', r))).toBe(0);
    const password = /新的一次性密码[^:]*: (\S+)/.exec(out)?.[1];
    expect(password).toMatch(/^Ms-/);
    const again = run(on(free));
    await until(again, '"listening"');
    const login = await fetch(`http://127.0.0.1:${free}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: unknown }).user).toMatchObject({ mustChangePassword: true });
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 180_000);

  it('an unreachable database names its reason', async () => {
    const p = run({ DATABASE_URL: 'libsql://nope.invalid', PORT: String(await freePort()) });
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain('无法打开数据库 libsql://nope.invalid：');
    expect(p.output()).toMatch(/ENOTFOUND|EAI_AGAIN|fetch failed/);
  }, 180_000);
});
