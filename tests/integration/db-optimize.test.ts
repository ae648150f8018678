// The long-lived Node process keeps the planner's statistics up to date (ANALYZE, sampled, from the
// sweep timer): without them SQLite may walk an index in list order and test every row where a
// lookup's own index answers at once (bench/RESULTS.md, queues).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibsql } from '../../db/client';
import { migrateLibsql } from '../../db/migrate';

const dir = mkdtempSync(join(tmpdir(), 'minsheng-optimize-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a local database file', () => {
  it('gathers planner statistics for the tables it queried when asked to optimize', async () => {
    const h = await openLibsql({ url: `file:${join(dir, 'o.db')}`, checkpointer: false });
    await migrateLibsql(h.db);
    const client = (h.db as unknown as { $client: { execute(q: string): Promise<{ rows: unknown[] }> } })
      .$client;
    await client.execute(
      "INSERT INTO tenants (id, slug, name, active, created_at) SELECT 't' || value, 's' || value, '县' || value, 1, 0 FROM generate_series(1, 200)",
    );
    await client.execute("SELECT id FROM tenants WHERE slug = 's7'");
    const stats = async () =>
      (await client.execute("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'")).rows;
    expect(h.optimize).toBeTypeOf('function');
    await h.optimize!();
    expect(await stats()).toEqual([expect.objectContaining({ n: 1 })]);
    const rows = (await client.execute("SELECT tbl FROM sqlite_stat1 WHERE tbl = 'tenants'")).rows;
    expect(rows.length).toBeGreaterThan(0);
    // and the database goes on working
    expect((await client.execute("SELECT id FROM tenants WHERE slug = 's7'")).rows).toHaveLength(1);
    await h.close();
  });
});
