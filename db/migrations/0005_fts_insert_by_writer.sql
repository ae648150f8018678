-- New cases enter the search index through an explicit statement written by whoever inserts them
-- (intake: workers/services/workflow/intake.ts; import: workers/services/stats/import.ts), not an
-- AFTER INSERT trigger: a trigger's FTS5 insert is flushed to its own index segment at the next
-- savepoint, one segment per case, while the explicit statement can run once per group commit on
-- the embedded database (db/local-client.ts, AFTER_GROUP). Updates and deletes keep their triggers.
DROP TRIGGER IF EXISTS cases_fts_ai;
