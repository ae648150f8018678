// One Db type and the ways to get one: a libSQL file, :memory:, a remote libSQL URL, or a D1 binding.
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Checkpointer } from './checkpointer';
import * as schema from './schema';

export { schema };
export type Schema = typeof schema;

/** The database every repo function takes, whichever driver is behind it. */
export type Db = BaseSQLiteDatabase<'async', unknown, Schema> & {
  batch<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(batch: T): Promise<BatchResponse<T>>;
};

export interface LibsqlOptions {
  /** file:./data/minsheng.db, :memory:, libsql://…, https://… */
  url: string;
  authToken?: string;
  /** checkpoint the WAL from a worker thread (local files; default on) */
  checkpointer?: boolean;
  onCheckpointError?: (message: string) => void;
}

export interface DbHandle {
  db: Db;
  driver: 'libsql-file' | 'libsql-memory' | 'libsql-remote' | 'd1';
  /** the WAL checkpoint thread of a local file */
  checkpointer?: Checkpointer | null;
  /**
   * A local file's planner statistics brought up to date (ANALYZE, sampled by analysis_limit): run
   * now and then by the long-lived process. Without statistics SQLite may walk an index in list
   * order and test each row where a lookup's own index answers at once. (PRAGMA optimize would
   * analyse only tables it judges would gain, which in this SQLite leaves the tables unmeasured.)
   */
  optimize?(): Promise<void>;
  close(): Promise<void>;
}

/** Open a libSQL database (Node). Local files get WAL, foreign keys and a busy timeout. */
export async function openLibsql(opts: LibsqlOptions): Promise<DbHandle> {
  const { drizzle } = await import('drizzle-orm/libsql');
  const url = opts.url;
  const remote = /^(libsql|https?|wss?):\/\//.test(url);
  if (remote) {
    const { createClient } = await import('@libsql/client');
    const client = createClient({ url, authToken: opts.authToken });
    return {
      db: drizzle(client, { schema }) as unknown as Db,
      driver: 'libsql-remote',
      async close() {
        client.close();
      },
    };
  }
  // Locally one connection that keeps its prepared statements and commits concurrent writes
  // together (db/local-client.ts); the PRAGMAs below are per connection.
  const { localPath, openLocalClient } = await import('./local-client');
  const client = openLocalClient(url);
  const memory = url === ':memory:' || url === 'file::memory:';
  if (!memory) {
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA synchronous = NORMAL');
  }
  await client.execute('PRAGMA foreign_keys = ON');
  await client.execute('PRAGMA busy_timeout = 5000');
  // Savepoints of the group commit keep page copies in a sub-journal: in memory, not a temp file.
  await client.execute('PRAGMA temp_store = MEMORY');
  let checkpointer: Checkpointer | null = null;
  if (!memory && opts.checkpointer !== false) {
    const { BACKSTOP_PAGES, startCheckpointer } = await import('./checkpointer');
    await client.execute(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    checkpointer = startCheckpointer(localPath(url), { onError: opts.onCheckpointError });
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: memory ? 'libsql-memory' : 'libsql-file',
    checkpointer,
    // after the queued writes; analysis_limit samples each index, so it stays short however large
    optimize: () => client.executeMultiple('PRAGMA analysis_limit = 400; ANALYZE;'),
    async close() {
      await checkpointer?.stop();
      client.close();
    },
  };
}

/** Wrap a Cloudflare D1 binding. */
export async function openD1(binding: D1Database): Promise<DbHandle> {
  const { drizzle } = await import('drizzle-orm/d1');
  const db = drizzle(binding, { schema }) as unknown as Db;
  // drizzle-orm 0.45's D1 batch binds parameters through `preparedQuery.stmt`, which raw
  // `db.run(sql…)` items (our guarded inserts) do not have; bind every item the same way instead.
  type Item = {
    _prepare(): {
      getQuery(): { sql: string; params: unknown[] };
      mapResult(r: unknown, fromBatch: boolean): unknown;
    };
  };
  (db as unknown as { batch: (items: Item[]) => Promise<unknown[]> }).batch = async (items) => {
    const prepared = items.map((q) => q._prepare());
    const statements = prepared.map((p) => {
      const q = p.getQuery();
      return binding.prepare(q.sql).bind(...q.params);
    });
    const results = await binding.batch(statements);
    return results.map((r, i) => prepared[i]!.mapResult(r, true));
  };
  return { db, driver: 'd1', async close() {} };
}
