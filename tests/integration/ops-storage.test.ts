// Disk trouble as a county's machine has it: a data folder that cannot be made, an attachment
// folder that cannot be written, a database file that is read-only. The start says so in one line
// (exit code 2), not a stack and not at the first write; a disk that fails after the start answers
// 503 in the one error shape, not 500, and stores nothing half.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibsql } from '../../db/client';
import { migrateLibsql } from '../../db/migrate';
import { freePort } from '../fixtures/free-port';
import { runNode, stopLeftovers } from '../fixtures/node-process';

// a test that starts the server as its own process has 180 s: tsx compiling and PBKDF2 hashing
// take minutes on a loaded machine (under load they timed out at their 20 to 90 s)

const dir = mkdtempSync(join(tmpdir(), 'minsheng-ops-storage-'));
const undo: (() => void)[] = [];
afterAll(() => {
  stopLeftovers();
  for (const u of undo) u();
  rmSync(dir, { recursive: true, force: true });
});

const env = (name: string, port: number, over: Record<string, string> = {}) => ({
  PORT: String(port),
  HOST: '127.0.0.1',
  DATABASE_URL: `file:${join(dir, name, 'm.db')}`,
  FILES_DIR: join(dir, name, 'files'),
  SESSION_SECRET: 'ops-storage-secret-0123456789abcdefghijkl',
  SEED_DEMO: '0',
  PASSWORD_ITERATIONS: '10000',
  SWEEP_INTERVAL_SECONDS: '0',
  ...over,
});

/** Exit code 2 and one line that names `what`, no stack frames. */
async function refused(p: ReturnType<typeof runNode>, what: string) {
  expect(await p.exited).toBe(2);
  const out = p.output().trim();
  expect(out).toContain(what);
  expect(out.split('\n')).toHaveLength(1);
  expect(out).not.toMatch(/\n\s+at /);
  expect(out).not.toContain('"listening"');
  return out;
}

/** Makes a file unwritable even for root (the immutable flag), else by its mode; false if neither. */
function readOnly(file: string): boolean {
  try {
    if (process.getuid?.() === 0) {
      execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
      undo.push(() => execFileSync('chattr', ['-i', file], { stdio: 'ignore' }));
    } else chmodSync(file, 0o444);
    return true;
  } catch {
    return false;
  }
}

describe('disk trouble at the start', () => {
  it('a data folder that cannot be made (a file in the way) stops the start with its reason', async () => {
    writeFileSync(join(dir, 'in-the-way'), '');
    const p = runNode(
      env('x', await freePort(), { DATABASE_URL: `file:${join(dir, 'in-the-way', 'data', 'm.db')}` }),
    );
    expect(await refused(p, `数据目录 ${join(dir, 'in-the-way', 'data')} 无法写入`)).toContain('ENOTDIR');
  }, 180_000);

  it('an attachment folder that cannot be written stops the start before anything is written', async () => {
    mkdirSync(join(dir, 'files-blocked'));
    writeFileSync(join(dir, 'files-blocked', 'files'), ''); // FILES_DIR is a file
    const p = runNode(env('files-blocked', await freePort()));
    await refused(p, '附件目录（FILES_DIR）');
  }, 180_000);

  it('a read-only database file stops the start, instead of a server whose every write fails', async (ctx) => {
    // a database as a stopped server leaves it, then made read-only
    mkdirSync(join(dir, 'ro'));
    const made = await openLibsql({ url: `file:${join(dir, 'ro', 'm.db')}` });
    await migrateLibsql(made.db);
    await made.close();
    rmSync(join(dir, 'ro', 'm.db-wal'), { force: true });
    rmSync(join(dir, 'ro', 'm.db-shm'), { force: true });
    if (!readOnly(join(dir, 'ro', 'm.db'))) return ctx.skip();
    const p = runNode(env('ro', await freePort()));
    expect(await refused(p, '不能写入')).toContain('SQLITE_READONLY');
  }, 180_000);
});

describe('disk trouble while serving', () => {
  it('an upload that cannot be stored answers 503 in the error shape and leaves no attachment', async () => {
    const port = await freePort();
    const e = env('gone', port, { SEED_DEMO: '1', DEMO_CASES: '0', PORTAL_CAPTCHA: '0' });
    const p = runNode(e);
    expect(await p.until('demo cases generated')).toBe(true);
    // the attachment folder is taken away under the running server (an unmounted disk)
    rmSync(e.FILES_DIR, { recursive: true, force: true });
    writeFileSync(e.FILES_DIR, '');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const form = new FormData();
    form.append('file', new Blob([png], { type: 'image/png' }), '现场.png');
    const res = await fetch(`http://127.0.0.1:${port}/api/t/demo/portal/attachments`, {
      method: 'POST',
      body: form,
    });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toMatchObject({ code: 'UNAVAILABLE', message: '服务器暂时无法保存，请稍后再试' });
    // the log names the reason for the operator
    expect(await p.until('"storage unavailable"')).toBe(true);
    expect(p.output()).toMatch(/"storage unavailable".*(ENOTDIR|EEXIST)/);

    // the database's write-ahead log turns unwritable (root: the immutable flag): a submission
    // answers 503 and stores nothing; once the disk is back, the same submission goes in, once
    const wal = `${e.DATABASE_URL.slice(5)}-wal`;
    let walBlocked = process.getuid?.() === 0 && readOnly(wal);
    const info = (await (await fetch(`http://127.0.0.1:${port}/api/t/demo/portal/info`)).json()) as {
      categories: { id: string; parentId: string | null }[];
      townships: { id: string }[];
    };
    const submit = () =>
      fetch(`http://127.0.0.1:${port}/api/t/demo/portal/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'ops-storage-wal-0001' },
        body: JSON.stringify({
          kind: 'petition',
          purpose: 'help',
          categoryId: info.categories.find((c) => c.parentId)!.id,
          townshipUnitId: info.townships[0]!.id,
          title: '磁盘故障时的提交',
          content: '磁盘故障时提交的咨询，恢复后再次提交。',
          name: '测试群众',
          phone: '13900001111',
        }),
      });
    if (walBlocked) {
      const refusedWrite = await submit();
      expect(refusedWrite.status).toBe(503);
      expect(((await refusedWrite.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
      execFileSync('chattr', ['-i', wal], { stdio: 'ignore' });
      walBlocked = false;
    }
    const stored = await submit();
    expect(stored.status).toBe(201);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    const h = await openLibsql({ url: e.DATABASE_URL });
    const one = async (q: ReturnType<typeof sql>) => Number((await h.db.all<{ n: number }>(q))[0]!.n);
    expect(await one(sql`SELECT count(*) AS n FROM attachments`)).toBe(0);
    expect(await one(sql`SELECT count(*) AS n FROM cases`)).toBe(1);
    expect(await one(sql`SELECT count(*) AS n FROM events WHERE type = 'case.created'`)).toBe(1);
    const [check] = await h.db.all<{ integrity_check: string }>(sql`PRAGMA integrity_check`);
    await h.close();
    expect(check!.integrity_check).toBe('ok');
  }, 180_000);
});
