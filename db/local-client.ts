// The embedded libSQL database (a file or :memory:) behind drizzle on Node, in place of
// @libsql/client's local driver, for two things that driver does not do:
//
// 1. Prepared statements are kept. The stock driver prepares every statement anew and asks for
//    its column list on every call; for the statements the app repeats all day (a case insert
//    compiles its FTS triggers) that was most of the time spent in the database.
// 2. Writes from concurrent requests commit together ("group commit"). Every db.batch() and every
//    single INSERT/UPDATE/DELETE waits for the next turn of the event loop, then all that arrived
//    run in one transaction, each inside its own SAVEPOINT: a batch is still all-or-nothing and a
//    failing one is rolled back alone, but the commit, the FTS5 segment flush and the B-tree pages
//    are paid once for the whole group. Nobody is answered before the COMMIT that holds their
//    writes. Reads run at once and see what is committed.
//
// It implements the part of @libsql/client's Client interface that drizzle's libsql driver uses
// (execute, batch, migrate, transaction, executeMultiple, close). Remote libSQL URLs still go
// through @libsql/client.
import { createRequire } from 'node:module';
import type { Client, InArgs, InStatement, InValue, ResultSet, Transaction } from '@libsql/client';
import { AFTER_GROUP } from './sql-marks';

type NativeStatement = {
  raw(on?: boolean): NativeStatement;
  columns(): { name: string }[];
  run(args: unknown): { changes: number; lastInsertRowid: number | bigint };
  all(args: unknown): unknown[][];
};
type NativeDatabase = {
  prepare(sql: string): NativeStatement;
  exec(sql: string): void;
  close(): void;
  readonly inTransaction: boolean;
  open: boolean;
};

/** Statements kept prepared; the least recently used beyond this are dropped. */
const STATEMENT_CACHE = 400;
/** SQL longer than this (bulk inserts with many rows) is prepared for one use. */
const CACHEABLE_SQL = 16_384;
/** Jobs committed in one group at most; more wait for the next turn. */
const GROUP_MAX = 256;

const VALUES = Symbol('values');
export const TIMING: Map<string, { n: number; ms: number }> | null = process.env.SQL_TIMING
  ? new Map()
  : null;
type Row = Record<string, unknown> & { [VALUES]: unknown[] };

interface Prepared {
  stmt: NativeStatement;
  /** returns rows (SELECT, or a write with RETURNING) */
  reader: boolean;
  columns: string[];
  /** rows answer both row[i] and row.name, like @libsql/client's rows */
  proto: object | null;
}

class LocalResultSet implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly rows: ResultSet['rows'],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}
  get columnTypes(): string[] {
    return this.columns.map(() => '');
  }
  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((r) => Array.prototype.slice.call(r)),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid == null ? null : String(this.lastInsertRowid),
    };
  }
}

/** An SQLite error in the shape @libsql/client gives it: `CODE: message`, with the code. */
export class LocalDbError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly rawCode?: number,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'LibsqlError';
  }
}

function mapError(e: unknown): Error {
  if (e instanceof LocalDbError) return e;
  if (e instanceof Error && typeof (e as { code?: unknown }).code === 'string') {
    const code = (e as unknown as { code: string }).code;
    return new LocalDbError(e.message, code, (e as { rawCode?: number }).rawCode, { cause: e });
  }
  return e instanceof Error ? e : new Error(String(e));
}

function toSqlValue(v: InValue | undefined): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError('Only finite numbers can be stored in the database');
    return v;
  }
  // The native binding aborts the whole process on a boolean: never hand it one.
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.valueOf();
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (v === undefined) throw new TypeError('undefined cannot be passed to the database; use null');
  throw new TypeError(`Unsupported value for the database: ${typeof v}`);
}

function toArgs(args: InArgs | undefined): unknown {
  if (args == null) return [];
  if (Array.isArray(args)) return args.map(toSqlValue);
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) named[/^[@$:]/.test(k) ? k.slice(1) : k] = toSqlValue(v);
  return named;
}

function normalize(s: InStatement | [string, InArgs?]): { sql: string; args: InArgs | undefined } {
  if (typeof s === 'string') return { sql: s, args: undefined };
  if (Array.isArray(s)) return { sql: s[0], args: s[1] };
  return { sql: s.sql, args: s.args };
}

/**
 * A batch statement starting with this comment may run after the other statements of every batch
 * committing in the same group (still inside the transaction, before COMMIT). For work that is
 * cheaper done once for many rows: an FTS5 index flushes its pending terms at every savepoint, so
 * its inserts, run together at the end, write one segment per group instead of one per case.
 * Other drivers see an ordinary comment and run the statement in place.
 */
export { AFTER_GROUP } from './sql-marks';

/** Statements that change data and may therefore wait for the group commit. */
const WRITE = /^\s*(?:insert|update|delete|replace)\b/i;

function rowProto(columns: string[]): object {
  const proto: PropertyDescriptorMap = {
    length: {
      get(this: Row) {
        return this[VALUES].length;
      },
    },
  };
  for (let i = 0; i < columns.length; i++) {
    proto[i] = {
      get(this: Row) {
        return this[VALUES][i];
      },
    };
  }
  return Object.create(Object.prototype, proto);
}

interface Job {
  stmts: { sql: string; args: InArgs | undefined }[];
  resolve(r: ResultSet[]): void;
  reject(e: unknown): void;
}

export class LocalClient {
  readonly protocol = 'file';
  closed = false;
  readonly #db: NativeDatabase;
  readonly #cache = new Map<string, Prepared>();
  #queue: Job[] = [];
  #scheduled = false;
  /** an interactive transaction holds the connection until it settles */
  #held: Promise<void> | null = null;
  /** groups committed and jobs in them, for the benchmark and the tests */
  readonly stats = { groups: 0, jobs: 0, largestGroup: 0 };

  constructor(path: string) {
    const require = createRequire(import.meta.url);
    const Database = require('libsql') as new (path: string, opts?: object) => NativeDatabase;
    try {
      this.#db = new Database(path, {});
    } catch (e) {
      throw new LocalDbError(
        `无法打开数据库文件 ${path}（${String((e as Error).message ?? e)}）`,
        'SQLITE_CANTOPEN',
      );
    }
  }

  #prepare(sql: string): Prepared {
    const hit = this.#cache.get(sql);
    if (hit) {
      // Map keeps insertion order: re-inserting marks it recently used.
      this.#cache.delete(sql);
      this.#cache.set(sql, hit);
      return hit;
    }
    const stmt = this.#db.prepare(sql);
    let reader = true;
    try {
      stmt.raw(true);
    } catch {
      // raw() refuses statements that return no data
      reader = false;
    }
    const columns = reader ? stmt.columns().map((c) => c.name) : [];
    const p: Prepared = { stmt, reader, columns, proto: reader ? rowProto(columns) : null };
    if (sql.length <= CACHEABLE_SQL) {
      this.#cache.set(sql, p);
      if (this.#cache.size > STATEMENT_CACHE) this.#cache.delete(this.#cache.keys().next().value as string);
    }
    return p;
  }

  #run(sql: string, args: InArgs | undefined): ResultSet {
    const t0 = TIMING ? performance.now() : 0;
    try {
      return this.#run0(sql, args);
    } finally {
      if (TIMING) {
        const e = TIMING.get(sql) ?? { n: 0, ms: 0 };
        e.n++;
        e.ms += performance.now() - t0;
        TIMING.set(sql, e);
      }
    }
  }

  #run0(sql: string, args: InArgs | undefined): ResultSet {
    try {
      const p = this.#prepare(sql);
      const bound = toArgs(args);
      if (!p.reader) {
        const info = p.stmt.run(bound);
        return new LocalResultSet([], [], info.changes, BigInt(info.lastInsertRowid));
      }
      const raw = p.stmt.all(bound);
      const { columns, proto } = p;
      const rows = new Array(raw.length);
      for (let r = 0; r < raw.length; r++) {
        const values = raw[r]!;
        const row = Object.create(proto) as Row;
        row[VALUES] = values;
        // the first of two equal names wins, as in @libsql/client
        for (let i = columns.length - 1; i >= 0; i--) row[columns[i]!] = values[i];
        rows[r] = row;
      }
      return new LocalResultSet(columns, rows, 0, undefined);
    } catch (e) {
      throw mapError(e);
    }
  }

  /** Transaction control, through the statement cache like everything else. */
  #control(sql: string) {
    this.#run(sql, undefined);
  }

  #check() {
    if (this.closed) throw new LocalDbError('The client is closed', 'CLIENT_CLOSED');
  }

  async #wait() {
    while (this.#held) await this.#held;
  }

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    this.#check();
    const s = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args } : normalize(stmtOrSql);
    if (WRITE.test(s.sql)) return (await this.#enqueue([s]))[0]!;
    await this.#wait();
    return this.#run(s.sql, s.args);
  }

  async batch(stmts: (InStatement | [string, InArgs?])[]): Promise<ResultSet[]> {
    this.#check();
    return this.#enqueue(stmts.map(normalize));
  }

  #enqueue(stmts: Job['stmts']): Promise<ResultSet[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ stmts, resolve, reject });
      this.#schedule();
    });
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      // an open transaction schedules the next flush when it ends
      if (this.#held || this.closed) return;
      this.#commitGroup();
      if (this.#queue.length) this.#schedule();
    });
  }

  /** Commits the jobs waiting (up to GROUP_MAX) and answers each. */
  #commitGroup() {
    const jobs = this.#queue.splice(0, GROUP_MAX);
    if (!jobs.length) return;
    this.stats.groups++;
    this.stats.jobs += jobs.length;
    this.stats.largestGroup = Math.max(this.stats.largestGroup, jobs.length);
    if (jobs.length === 1) return this.#alone(jobs[0]!);
    const outcomes: ({ ok: true; results: ResultSet[] } | { ok: false; error: unknown })[] = [];
    try {
      this.#control('BEGIN IMMEDIATE');
    } catch (e) {
      for (const j of jobs) j.reject(mapError(e));
      return;
    }
    let aborted = false;
    // statements marked AFTER_GROUP, run once every job's other statements have run
    const later: { job: number; index: number; sql: string; args: InArgs | undefined }[] = [];
    for (let k = 0; k < jobs.length && !aborted; k++) {
      const job = jobs[k]!;
      // One statement is atomic by itself (SQLite undoes a failed statement and the transaction
      // goes on); a batch of several needs a savepoint to be undone as a whole.
      const savepoint = job.stmts.length > 1;
      const mark = later.length;
      try {
        if (savepoint) this.#control('SAVEPOINT job');
        const results = new Array<ResultSet>(job.stmts.length);
        job.stmts.forEach((s, i) => {
          if (s.sql.startsWith(AFTER_GROUP)) later.push({ job: k, index: i, ...s });
          else results[i] = this.#run(s.sql, s.args);
        });
        if (savepoint) this.#control('RELEASE job');
        outcomes.push({ ok: true, results });
      } catch (error) {
        later.length = mark;
        if (!this.#db.inTransaction) {
          // SQLite rolled back the whole transaction (an error that aborts it): nothing of the
          // group was kept, so every job runs again in a transaction of its own below.
          aborted = true;
        } else if (savepoint) {
          this.#control('ROLLBACK TO job');
          this.#control('RELEASE job');
        }
        outcomes.push({ ok: false, error });
      }
    }
    if (!aborted) {
      try {
        this.#runLater(later, outcomes as { results: ResultSet[] }[]);
      } catch {
        // which job it belonged to is unclear once it ran after the others: start again, alone
        if (this.#db.inTransaction) this.#control('ROLLBACK');
        aborted = true;
      }
    }
    if (!aborted) {
      try {
        this.#control('COMMIT');
      } catch (e) {
        if (this.#db.inTransaction) this.#control('ROLLBACK');
        for (const j of jobs) j.reject(mapError(e));
        return;
      }
      jobs.forEach((j, i) => {
        const o = outcomes[i]!;
        if (o.ok) j.resolve(o.results);
        else j.reject(o.error);
      });
      return;
    }
    for (const j of jobs) this.#alone(j);
  }

  /**
   * The AFTER_GROUP statements of a group. Those with the same text whose one argument is a JSON
   * array run as one statement over all the arrays joined: a statement on an FTS5 table flushes
   * what the one before it left pending, so only a single statement writes a single segment.
   */
  #runLater(
    later: { job: number; index: number; sql: string; args: InArgs | undefined }[],
    outcomes: { results: ResultSet[] }[],
  ) {
    const bySql = new Map<string, typeof later>();
    for (const l of later) {
      const same = bySql.get(l.sql);
      if (same) same.push(l);
      else bySql.set(l.sql, [l]);
    }
    for (const [sql, list] of bySql) {
      const joinable = list.every(
        (l) =>
          Array.isArray(l.args) &&
          l.args.length === 1 &&
          typeof l.args[0] === 'string' &&
          l.args[0].startsWith('['),
      );
      if (list.length > 1 && joinable) {
        const joined = JSON.stringify(list.flatMap((l) => JSON.parse((l.args as string[])[0]!) as unknown[]));
        const result = this.#run(sql, [joined]);
        for (const l of list) outcomes[l.job]!.results[l.index] = result;
      } else {
        for (const l of list) outcomes[l.job]!.results[l.index] = this.#run(l.sql, l.args);
      }
    }
  }

  /** One job in a transaction of its own, exactly like @libsql/client's batch. */
  #alone(job: Job) {
    try {
      this.#control('BEGIN IMMEDIATE');
      const results = job.stmts.map((s) => this.#run(s.sql, s.args));
      this.#control('COMMIT');
      job.resolve(results);
    } catch (e) {
      if (this.#db.inTransaction) this.#control('ROLLBACK');
      job.reject(mapError(e));
    }
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#check();
    await this.#wait();
    this.#cache.clear();
    this.#db.exec('PRAGMA foreign_keys = OFF');
    try {
      this.#db.exec('BEGIN');
      const results = stmts.map((s) => {
        const n = normalize(s);
        return this.#run(n.sql, n.args);
      });
      this.#control('COMMIT');
      return results;
    } catch (e) {
      if (this.#db.inTransaction) this.#control('ROLLBACK');
      throw mapError(e);
    } finally {
      this.#db.exec('PRAGMA foreign_keys = ON');
      this.#cache.clear();
    }
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#check();
    await this.#wait();
    this.#cache.clear();
    try {
      this.#db.exec(sql);
    } catch (e) {
      throw mapError(e);
    }
  }

  /** An interactive transaction: the connection is its own until commit or rollback. */
  async transaction(mode: 'write' | 'read' | 'deferred' = 'write'): Promise<Transaction> {
    this.#check();
    await this.#wait();
    let release!: () => void;
    this.#held = new Promise<void>((r) => {
      release = r;
    });
    const settle = () => {
      if (!this.#held) return;
      this.#held = null;
      release();
      if (this.#queue.length) this.#schedule();
    };
    try {
      this.#db.exec(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED');
    } catch (e) {
      settle();
      throw mapError(e);
    }
    const db = this.#db;
    const self = this;
    const tx = {
      closed: false,
      async execute(s: InStatement | string, a?: InArgs) {
        const n = typeof s === 'string' ? { sql: s, args: a } : normalize(s);
        return self.#run(n.sql, n.args);
      },
      async batch(stmts: InStatement[]) {
        return stmts.map((s) => {
          const n = normalize(s);
          return self.#run(n.sql, n.args);
        });
      },
      async executeMultiple(sql: string) {
        db.exec(sql);
      },
      async commit() {
        try {
          db.exec('COMMIT');
        } finally {
          tx.closed = true;
          settle();
        }
      },
      async rollback() {
        try {
          if (db.inTransaction) db.exec('ROLLBACK');
        } finally {
          tx.closed = true;
          settle();
        }
      },
      close() {
        if (db.open && db.inTransaction) db.exec('ROLLBACK');
        tx.closed = true;
        settle();
      },
    };
    return tx as unknown as Transaction;
  }

  async sync(): Promise<undefined> {
    return undefined;
  }

  async reconnect(): Promise<void> {
    throw new LocalDbError('An embedded database cannot reconnect', 'NOT_SUPPORTED');
  }

  close() {
    if (this.closed) return;
    // writes already waiting are committed before the file closes
    while (this.#queue.length && !this.#held) this.#commitGroup();
    this.closed = true;
    for (const j of this.#queue.splice(0))
      j.reject(new LocalDbError('The client is closed', 'CLIENT_CLOSED'));
    // Kept statements make close() lazy (the native connection lingers until they are collected),
    // so fold the log into the file now rather than on some later collection. No-op in memory.
    try {
      if (this.#db.open) this.#db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    } catch {
      // another process still writing: it will checkpoint
    }
    this.#cache.clear();
    if (this.#db.open) this.#db.close();
  }
}

/** file:./data/x.db, file:///abs/x.db or :memory: → the path the native driver opens. */
export function localPath(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  if (url.includes('?')) throw new LocalDbError(`数据库地址不支持参数：${url}`, 'URL_INVALID');
  const m = /^file:(?:\/\/(?:localhost)?(?=\/))?(.+)$/.exec(url);
  if (!m) throw new LocalDbError(`不是本地数据库地址：${url}`, 'URL_INVALID');
  return decodeURIComponent(m[1]!);
}

export function openLocalClient(url: string): LocalClient & Client {
  return new LocalClient(localPath(url)) as LocalClient & Client;
}
