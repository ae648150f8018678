// Bulk writes and reads of the historical import. Rows travel as one JSON parameter per statement
// (json_each), so a statement stays within D1's limit of 100 bound parameters however many rows it
// carries, and a whole import is a handful of statements in one atomic db.batch.
import { type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { BULK_CHUNK, jsonChunks } from './stats';

export type JsonCell = string | number | null;

/**
 * INSERT INTO `table` (columns) SELECT … FROM json_each(?): column i takes `j.value ->> i`, or the
 * SQL expression given for it in `exprs` (which may read `j.value ->> n`).
 */
export function jsonInsert(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly JsonCell[])[],
  exprs: Readonly<Record<string, SQL>> = {},
): BatchItem<'sqlite'>[] {
  const out: BatchItem<'sqlite'>[] = [];
  const select = sql.join(
    columns.map((c, i) => exprs[c] ?? sql.raw(`j.value ->> ${i}`)),
    sql`, `,
  );
  for (const json of jsonChunks(rows)) {
    out.push(
      db.run(
        sql`INSERT INTO ${sql.raw(table)} (${sql.raw(columns.join(', '))}) SELECT ${select} FROM json_each(${json}) AS j`,
      ) as unknown as BatchItem<'sqlite'>,
    );
  }
  return out;
}

/** Which of these external ids the tenant already has, with their case ids and numbers. */
export async function existingExternalIds(db: Db, tenantId: string, ids: readonly string[]) {
  const found = new Map<string, { caseId: string; number: string }>();
  for (let i = 0; i < ids.length; i += BULK_CHUNK) {
    const rows = await db.all<{
      externalId: string;
      id: string;
      number: string;
    }>(sql`SELECT external_id AS externalId,
        id, number FROM cases
      WHERE tenant_id = ${tenantId} AND external_id IN (SELECT value FROM json_each(${JSON.stringify(ids.slice(i, i + BULK_CHUNK))}))`);
    for (const r of rows) found.set(String(r.externalId), { caseId: String(r.id), number: String(r.number) });
  }
  return found;
}

/** Adds n to a tenant's case counter of a year (creating it). */
export function bumpCaseCounter(db: Db, tenantId: string, year: number, n: number) {
  return db.run(sql`INSERT INTO case_counters (tenant_id, year, last) VALUES (${tenantId}, ${year}, ${n})
    ON CONFLICT (tenant_id, year) DO UPDATE SET last = last + ${n}`) as unknown as BatchItem<'sqlite'>;
}

export async function casesOfBatch(db: Db, tenantId: string, batchId: string) {
  return db.all<{
    id: string;
    number: string;
    externalId: string;
  }>(sql`SELECT id, number, external_id AS externalId
    FROM cases WHERE tenant_id = ${tenantId} AND import_batch_id = ${batchId}`);
}
