// The embedded database client: kept statements, group commit with one savepoint per batch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultSet } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalClient, localPath } from '../../db/local-client';
import { AFTER_GROUP } from '../../db/sql-marks';

let client: LocalClient;
afterEach(() => client?.close());

async function fresh() {
  client = new LocalClient(':memory:');
  await client.executeMultiple(
    'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE, n INTEGER NOT NULL DEFAULT 0);',
  );
  return client;
}

const count = async () => Number((await client.execute('SELECT count(*) AS c FROM t')).rows[0]!.c);

describe('local client', () => {
  it('answers rows by position and by name, the first of two equal names winning', async () => {
    await fresh();
    await client.execute({ sql: 'INSERT INTO t (v, n) VALUES (?, ?)', args: ['a', 7] });
    const r = await client.execute('SELECT id, v, n AS id FROM t');
    const row = r.rows[0]!;
    expect(r.columns).toEqual(['id', 'v', 'id']);
    expect(Array.prototype.slice.call(row)).toEqual([1, 'a', 7]);
    expect(row.length).toBe(3);
    expect(row.id).toBe(1);
    expect(Object.keys(row)).toEqual(['id', 'v']);
    expect(JSON.stringify(r.rows)).toBe('[{"id":1,"v":"a"}]');
  });

  it('binds booleans, dates and bytes instead of handing them to the native driver', async () => {
    await fresh();
    const r = await client.execute({
      sql: 'SELECT ?, ?, ?, ?',
      args: [true, false, new Date(5), new Uint8Array([1, 2])],
    });
    const row = Array.prototype.slice.call(r.rows[0]);
    expect(row.slice(0, 3)).toEqual([1, 0, 5]);
    expect(Buffer.from(row[3] as Uint8Array)).toEqual(Buffer.from([1, 2]));
    await expect(client.execute({ sql: 'SELECT ?', args: [Number.NaN] })).rejects.toThrow(/finite/);
  });

  it('reuses a statement with new arguments and after an error', async () => {
    await fresh();
    const ins = 'INSERT INTO t (v) VALUES (?) RETURNING id';
    expect((await client.execute({ sql: ins, args: ['x'] })).rows[0]!.id).toBe(1);
    await expect(client.execute({ sql: ins, args: ['x'] })).rejects.toThrow(
      /SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed/,
    );
    expect((await client.execute({ sql: ins, args: ['y'] })).rows[0]!.id).toBe(2);
    const upd = await client.execute({ sql: 'UPDATE t SET n = n + 1 WHERE v IN (?, ?)', args: ['x', 'y'] });
    expect(upd.rowsAffected).toBe(2);
  });

  it('commits concurrent batches together, each all-or-nothing, and answers each its own results', async () => {
    await fresh();
    await client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['taken'] });
    const before = client.stats.groups;
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        client.batch([
          { sql: 'INSERT INTO t (v) VALUES (?)', args: [`b${i}`] },
          // every fifth batch breaks on its second statement and must leave nothing behind
          { sql: 'INSERT INTO t (v) VALUES (?) RETURNING v', args: [i % 5 === 0 ? 'taken' : `c${i}`] },
        ]),
      ),
    );
    expect(client.stats.groups - before).toBe(1);
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([0, 5, 10, 15]);
    const ok = results[3] as PromiseFulfilledResult<ResultSet[]>;
    expect(ok.value[1]!.rows[0]!.v).toBe('c3');
    expect(await count()).toBe(33);
    expect((await client.execute("SELECT count(*) AS c FROM t WHERE v IN ('b0','b5','c5')")).rows[0]!.c).toBe(
      0,
    );
  });

  it('a statement that aborts the whole group transaction fails alone; the others are committed', async () => {
    await fresh();
    await client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['taken'] });
    const results = await Promise.allSettled([
      client.batch([{ sql: 'INSERT INTO t (v) VALUES (?)', args: ['first'] }]),
      client.batch([{ sql: 'INSERT OR ROLLBACK INTO t (v) VALUES (?)', args: ['taken'] }]),
      client.batch([{ sql: 'INSERT INTO t (v) VALUES (?)', args: ['third'] }]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await client.execute('SELECT v FROM t ORDER BY id')).rows.map((r) => r.v)).toEqual([
      'taken',
      'first',
      'third',
    ]);
  });

  it('statements marked AFTER_GROUP run after every other statement of the group, answered in place', async () => {
    await fresh();
    await client.executeMultiple('CREATE TABLE seen (n INTEGER);');
    const job = (v: string) =>
      client.batch([
        { sql: 'INSERT INTO t (v) VALUES (?)', args: [v] },
        { sql: `${AFTER_GROUP} INSERT INTO seen (n) SELECT count(*) FROM t RETURNING n`, args: [] },
        { sql: 'SELECT count(*) AS c FROM t', args: [] },
      ]);
    const [a, b] = await Promise.all([job('a'), job('b')]);
    // each marked statement saw both batches' rows; the unmarked read saw only what came before it
    expect(a![1]!.rows[0]!.n).toBe(2);
    expect(b![1]!.rows[0]!.n).toBe(2);
    expect(a![2]!.rows[0]!.c).toBe(1);
    // the same marked text over a JSON array runs once for the group, over the arrays joined
    const many = (ids: number[]) =>
      client.batch([
        {
          sql: `${AFTER_GROUP} INSERT INTO seen (n) SELECT value FROM json_each(?)`,
          args: [JSON.stringify(ids)],
        },
      ]);
    const [x, y] = await Promise.all([many([10, 11]), many([12])]);
    expect(x![0]!.rowsAffected).toBe(3);
    expect(y![0]).toBe(x![0]);
    expect(
      (await client.execute('SELECT n FROM seen WHERE n >= 10 ORDER BY n')).rows.map((r) => r.n),
    ).toEqual([10, 11, 12]);
    // alone, a marked statement runs where it stands
    const [c] = await Promise.all([job('c')]);
    expect(c![1]!.rows[0]!.n).toBe(3);
  });

  it('single writes wait for the group; reads run at once on what is committed', async () => {
    await fresh();
    const w = client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['w'] });
    expect(await count()).toBe(0);
    await w;
    expect(await count()).toBe(1);
  });

  it('an interactive transaction holds the connection; writes queued meanwhile commit after it', async () => {
    await fresh();
    const tx = await client.transaction('write');
    await tx.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['in-tx'] });
    const queued = client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['after'] });
    const read = client.execute('SELECT count(*) AS c FROM t');
    await new Promise((r) => setTimeout(r, 5));
    await tx.rollback();
    await queued;
    expect((await read).rows[0]!.c).toBe(0);
    expect((await client.execute('SELECT v FROM t')).rows.map((r) => r.v)).toEqual(['after']);
  });

  it('close commits what is already queued', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-client-'));
    try {
      const path = join(dir, 'x.db');
      client = new LocalClient(path);
      await client.executeMultiple('CREATE TABLE t (v TEXT)');
      const pending = client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['last'] });
      client.close();
      await pending;
      client = new LocalClient(path);
      expect((await client.execute('SELECT v FROM t')).rows[0]!.v).toBe('last');
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads file URLs the way the configuration writes them', () => {
    expect(localPath(':memory:')).toBe(':memory:');
    expect(localPath('file:./data/minsheng.db')).toBe('./data/minsheng.db');
    expect(localPath('file:///srv/minsheng/data.db')).toBe('/srv/minsheng/data.db');
    expect(localPath('file:/srv/x.db')).toBe('/srv/x.db');
    expect(() => localPath('file:x.db?mode=ro')).toThrow(/参数/);
  });
});
