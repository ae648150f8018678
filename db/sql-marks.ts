// Marks the embedded database client understands in SQL text (db/local-client.ts); to any other
// driver they are comments. Kept apart so code that runs on Workers can use them.

/**
 * Run this batch statement after every other statement of its commit group (see local-client).
 * Marked statements with the same text whose only argument is a JSON array run as one, over the
 * arrays joined: write them so that this means the same (e.g. `WHERE id IN (SELECT value FROM
 * json_each(?))`), and do not read their results.
 */
export const AFTER_GROUP = '/* after-group */';
