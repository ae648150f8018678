// A list of values as one bound parameter. D1 refuses a statement with more than 100 bound
// parameters (drizzle's inArray binds one per value): a petitioner's 14th case, a long list of
// reminders marked read or a busy repeat queue answered 500 on Workers and worked on Node. The
// list goes as one JSON text instead, read by json_each, the same on libSQL and D1.
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** `column IN (the values)`, with the values bound as one JSON array whatever their number. */
export function inList(column: SQLWrapper, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
