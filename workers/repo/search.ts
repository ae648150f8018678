// The search index of cases (cases_fts, FTS5 trigram over number, title, content and address).
// Whoever inserts cases puts them in the index in the same batch (migration 0005): updates and
// deletes are followed by triggers, inserts by this statement.
import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../db/client';
import { AFTER_GROUP } from '../../db/sql-marks';
import { BULK_CHUNK } from './stats';

/**
 * Index these (just inserted) cases. Marked AFTER_GROUP: on the embedded database the index takes
 * the cases of a whole commit group at once; elsewhere it runs where it stands in the batch.
 */
export function indexNewCases(db: Db, caseIds: readonly string[]): BatchItem<'sqlite'>[] {
  const out: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < caseIds.length; i += BULK_CHUNK) {
    const ids = JSON.stringify(caseIds.slice(i, i + BULK_CHUNK));
    out.push(
      db.run(sql`${sql.raw(AFTER_GROUP)} INSERT INTO cases_fts (rowid, number, title, content, address)
        SELECT rowid, number, title, content, address FROM cases
        WHERE id IN (SELECT value FROM json_each(${ids}))`) as unknown as BatchItem<'sqlite'>,
    );
  }
  return out;
}
