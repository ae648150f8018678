// One Db type and the ways to get one: a libSQL file, :memory:, a remote libSQL URL, or a D1 binding.
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
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
}

export interface DbHandle {
  db: Db;
  driver: 'libsql-file' | 'libsql-memory' | 'libsql-remote' | 'd1';
  close(): Promise<void>;
}

/** Open a libSQL database (Node). Local files get WAL, foreign keys and a busy timeout. */
export async function openLibsql(opts: LibsqlOptions): Promise<DbHandle> {
  const { createClient } = await import('@libsql/client');
  const { drizzle } = await import('drizzle-orm/libsql');
  const url = opts.url === ':memory:' ? ':memory:' : opts.url;
  const remote = /^(libsql|https?|wss?):\/\//.test(url);
  const client = createClient(remote ? { url, authToken: opts.authToken } : { url });
  if (!remote) {
    if (url !== ':memory:') {
      await client.execute('PRAGMA journal_mode = WAL');
      await client.execute('PRAGMA synchronous = NORMAL');
    }
    await client.execute('PRAGMA foreign_keys = ON');
    await client.execute('PRAGMA busy_timeout = 5000');
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: remote ? 'libsql-remote' : url === ':memory:' ? 'libsql-memory' : 'libsql-file',
    async close() {
      client.close();
    },
  };
}

/** Wrap a Cloudflare D1 binding. */
export async function openD1(binding: D1Database): Promise<DbHandle> {
  const { drizzle } = await import('drizzle-orm/d1');
  const db = drizzle(binding, { schema }) as unknown as Db;
  return { db, driver: 'd1', async close() {} };
}
