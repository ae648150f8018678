// An upload writes its bytes, then its row. Bytes whose row never came stay on disk for good unless
// something removes them: a write of the row that fails (disk full, read-only) takes its bytes back
// at once, and the bytes of a process killed between the two go at the next start (and once a day),
// when they are an hour old and no row names them.
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibsql } from '../../db/client';
import { nodeFileStore } from '../../workers/lib/files-node';
import { removeStrayFiles } from '../../workers/services/portal/attachments';
import { as, makeTenant, makeTestApp } from '../fixtures/app';
import { freePort } from '../fixtures/free-port';
import { runNode, stopLeftovers } from '../fixtures/node-process';

const dir = mkdtempSync(join(tmpdir(), 'minsheng-ops-strays-'));
afterAll(() => {
  stopLeftovers();
  rmSync(dir, { recursive: true, force: true });
});

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const form = () => {
  const f = new FormData();
  f.append('file', new Blob([PNG], { type: 'image/png' }), '现场.png');
  return f;
};
/** Files under a folder, relative, .type companions included. */
const filesUnder = async (d: string) =>
  existsSync(d) ? ((await readdir(d, { recursive: true })) as string[]).sort() : [];
/** Bytes left as a killed upload leaves them, written `hoursAgo`. */
function plant(filesDir: string, tenantId: string, id: string, hoursAgo: number) {
  const at = join(filesDir, tenantId, 'attachments');
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, id), PNG);
  writeFileSync(join(at, `${id}.type`), 'image/png');
  const when = new Date(Date.now() - hoursAgo * 3_600_000);
  utimesSync(join(at, id), when, when);
  utimesSync(join(at, `${id}.type`), when, when);
}

describe('attachment bytes no row names', () => {
  it('a row that cannot be written takes its bytes back; stray bytes an hour old go, the rest stay', async () => {
    const t = await makeTestApp();
    const filesDir = join(dir, 'in-process');
    t.deps.files = nodeFileStore(filesDir);
    const f = await makeTenant(t, 'strays');
    const dispatcher = await as(t, f, 'dispatcher');
    const tenantId = (
      await t.deps.db.all<{ id: string }>(sql`SELECT id FROM tenants WHERE slug = ${f.slug}`)
    )[0]!.id;

    const kept = await dispatcher.req('POST', `/api/t/${f.slug}/attachments`, form());
    expect(kept.status).toBe(201);
    const before = await filesUnder(filesDir);
    expect(before).toHaveLength(2 + 2); // the tenant's folder, attachments/, the file and its type

    // the database refuses writes (a read-only disk): 503, and no bytes are left behind
    const client = (t.deps.db as unknown as { $client: { execute(q: string): Promise<unknown> } }).$client;
    await client.execute('PRAGMA query_only = ON');
    const refused = await dispatcher.req('POST', `/api/t/${f.slug}/attachments`, form());
    await client.execute('PRAGMA query_only = OFF');
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('UNAVAILABLE');
    expect(await filesUnder(filesDir)).toEqual(before);

    // a killed upload's bytes: two hours old go; a minute old may be an upload under way, and stay;
    // the attached file stays however old it is
    plant(filesDir, tenantId, 'killedupload0001', 2);
    plant(filesDir, tenantId, 'uploadunderway01', 0);
    const keptFile = join(filesDir, tenantId, 'attachments', kept.body.id);
    const old = new Date(Date.now() - 48 * 3_600_000);
    utimesSync(keptFile, old, old);
    expect(await removeStrayFiles(t.deps)).toBe(1);
    const after = await filesUnder(filesDir);
    expect(after.filter((x) => x.includes('killedupload0001'))).toEqual([]);
    expect(after.filter((x) => x.includes('uploadunderway01'))).toHaveLength(2);
    expect(existsSync(keptFile)).toBe(true);
    expect((await dispatcher.get(`/api/t/${f.slug}/attachments/${kept.body.id}`)).status).toBe(200);
    // run again, nothing more goes
    expect(await removeStrayFiles(t.deps)).toBe(0);
    await t.close();
  });

  it('the Node server removes them at start, after its catch-up', async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'node', 'm.db')}`,
      FILES_DIR: join(dir, 'node', 'files'),
      SESSION_SECRET: 'ops-strays-secret-0123456789abcdefghijklm',
      SEED_DEMO: '1',
      DEMO_CASES: '0',
      PORTAL_CAPTCHA: '0',
      PASSWORD_ITERATIONS: '10000',
      SWEEP_INTERVAL_SECONDS: '0',
    };
    const first = runNode(env);
    expect(await first.until('demo cases generated')).toBe(true);
    const up = await fetch(`http://127.0.0.1:${port}/api/t/demo/portal/attachments`, {
      method: 'POST',
      body: form(),
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const h = await openLibsql({ url: env.DATABASE_URL });
    const tenantId = (await h.db.all<{ id: string }>(sql`SELECT id FROM tenants WHERE slug = 'demo'`))[0]!.id;
    await h.close();
    plant(env.FILES_DIR, tenantId, 'killedupload0002', 3);
    const second = runNode(env);
    expect(await second.until('stray attachment files removed')).toBe(true);
    expect(second.output()).toMatch(/"stray attachment files removed".*"removed":1/);
    const left = await filesUnder(join(env.FILES_DIR, tenantId, 'attachments'));
    expect(left).toEqual([id, `${id}.type`].sort());
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000); // two starts of the server as its own process: minutes on a loaded machine
});
