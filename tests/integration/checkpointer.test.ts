// WAL checkpoints run on a worker thread: the log is copied back and rewound while requests write,
// and nothing written is lost when the database closes.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { openLibsql } from '../../db/client';

const dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('copies the log back from another thread while writes go on, and loses nothing', async () => {
  const file = join(dir, 'c.db');
  const handle = await openLibsql({ url: `file:${file}` });
  const { db } = handle;
  expect(handle.checkpointer).toBeTruthy();
  await db.run(sql`CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`);
  const body = '群众反映'.repeat(200);
  for (let round = 0; round < 20; round++) {
    await Promise.all(Array.from({ length: 100 }, () => db.run(sql`INSERT INTO t (body) VALUES (${body})`)));
    await new Promise((r) => setTimeout(r, 20));
  }
  const deadline = Date.now() + 5_000;
  while ((handle.checkpointer?.stats().checkpoints ?? 0) < 3 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const stats = handle.checkpointer!.stats();
  expect(stats.checkpoints).toBeGreaterThanOrEqual(3);
  // the request thread never checkpointed: its backstop is far above what was written here
  expect(stats.largestLogFrames).toBeLessThan(20_000);
  await handle.close();
  // the last connection to close folds the log into the file
  expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
  const again = await openLibsql({ url: `file:${file}`, checkpointer: false });
  const [row] = await again.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM t`);
  expect(row!.n).toBe(2000);
  await again.close();
});
