// Queries built once per database instead of on every request: for the few statements every
// citizen submission runs (drizzle spends more time building a query than SQLite spends running
// it). The SQL is still written with drizzle and the schema; values are placeholders filled per
// call, through each column's own encoder (JSON, booleans), on libSQL and D1 alike.
import { is, Param, Placeholder, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './client';

/** `ph('name')`: a value filled in at each call. */
export const ph = (name: string) => sql.placeholder(name);

/** A set of prepared queries, built the first time a database asks for them. */
export function preparedSet<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let set = built.get(db);
    if (!set) {
      set = build(db);
      built.set(db, set);
    }
    return set;
  };
}

interface PreparedLike {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
}

/** Raw SQL for db.batch (an INSERT … SELECT … WHERE guard, say) with its text built once. */
export function preparedRun(db: Db, query: SQL): PreparedLike {
  const raw = db.run(query) as unknown as PreparedLike;
  const built = raw.getQuery();
  return { getQuery: () => built, mapResult: (r, b) => raw.mapResult(r, b) };
}

type Filler = (values: Record<string, unknown>) => unknown[];
const fillers = new WeakMap<unknown[], Filler>();

/**
 * drizzle's fillPlaceholders, worked out once per statement: which parameter is a constant, which
 * a placeholder, and which a placeholder through its column's encoder (drizzle asks that of every
 * parameter on every call, and the asking cost more than running a move's statements).
 */
function fillerOf(params: unknown[]): Filler {
  let f = fillers.get(params);
  if (f) return f;
  const steps = params.map((p) => {
    if (is(p, Placeholder)) return { name: p.name, encode: null, constant: undefined };
    if (is(p, Param) && is(p.value, Placeholder))
      return { name: (p.value as Placeholder).name, encode: p.encoder, constant: undefined };
    return { name: null, encode: null, constant: p };
  });
  f = (values) =>
    steps.map((s) => {
      if (s.name === null) return s.constant;
      if (!(s.name in values)) throw new Error(`No value for placeholder "${s.name}" was provided`);
      const v = values[s.name];
      return s.encode ? s.encode.mapToDriverValue(v) : v;
    });
  fillers.set(params, f);
  return f;
}

/** A prepared query with its values, as one item of db.batch (both drivers' batch take it). */
export function bound(prepared: unknown, values: Record<string, unknown>): BatchItem<'sqlite'> {
  const p = prepared as PreparedLike;
  return {
    _prepare: () => ({
      getQuery: () => {
        const q = p.getQuery();
        return { sql: q.sql, params: fillerOf(q.params)(values) };
      },
      mapResult: (result: unknown, isFromBatch?: boolean) => p.mapResult(result, isFromBatch),
    }),
  } as unknown as BatchItem<'sqlite'>;
}

type Updatable = Parameters<Db['update']>[0];

/**
 * `UPDATE table SET <the columns in set> WHERE where`, prepared once per database and set of
 * columns. For the updates a workflow move makes all day: each move changes a few columns, from a
 * small number of combinations. `where` is written with ph() placeholders (filled from
 * `whereValues`); `set` takes plain values only (no SQL expressions).
 */
export function preparedUpdate<T extends Updatable>(table: T, where: SQL) {
  const built = new WeakMap<Db, Map<string, unknown>>();
  return (
    db: Db,
    set: Partial<T['$inferInsert']>,
    whereValues: Record<string, unknown>,
  ): BatchItem<'sqlite'> => {
    const keys = Object.keys(set).filter((k) => (set as Record<string, unknown>)[k] !== undefined);
    const shape = keys.join(',');
    let byShape = built.get(db);
    if (!byShape) {
      byShape = new Map();
      built.set(db, byShape);
    }
    let prepared = byShape.get(shape);
    if (!prepared) {
      prepared = db
        .update(table)
        .set(Object.fromEntries(keys.map((k) => [k, ph(`set.${k}`)])) as never)
        .where(where)
        .prepare();
      byShape.set(shape, prepared);
    }
    const values: Record<string, unknown> = { ...whereValues };
    for (const k of keys) values[`set.${k}`] = (set as Record<string, unknown>)[k];
    return bound(prepared, values);
  };
}
