-- A return request (退件) waiting on the dispatcher now pauses the unit's sign and accept steps in
-- the statistics, as it already did in the lights (workers/domain/stats/fold.ts, returnPending).
-- stats_open rows written before keep those steps' deadlines for assignments waiting right now, and
-- would go on counting them overdue; they are brought to what the fold gives today. A return can
-- only be asked before acceptance, so no reply or rating deadline is open on such a row: with its
-- sign and accept deadlines gone nothing is left open, and the row goes, as the hook removes a row
-- with no open step. The figures of closed periods are computed from the log and need nothing.
DELETE FROM `stats_open`
WHERE `assignment_id` IN (SELECT `id` FROM `assignments` WHERE `state` = 'return_requested')
  AND `first_reply_due_at` IS NULL
  AND `reply_due_at` IS NULL
  AND `rating_due_at` IS NULL;--> statement-breakpoint
UPDATE `stats_open`
SET `sign_due_at` = NULL, `accept_due_at` = NULL
WHERE `assignment_id` IN (SELECT `id` FROM `assignments` WHERE `state` = 'return_requested');
