-- A return request (退件申请) is no longer taken for a signature (workers/domain/stats/fold.ts): a
-- unit that asked before signing is sent back to 待签收 when the dispatcher rejects the request
-- (state-machine rejectReturn), its light and queues show the sign step due, and the statistics
-- now count that step (overdueSign, 逾期未签收) as they do. stats_open rows written before left the
-- sign deadline out for such assignments (the request had "signed" them), so an overdue signature
-- was counted nowhere, or only as 逾期未受理. They are brought to what the fold gives today: an
-- assignment still dispatched and never signed owes its signature by the dispatch's sign deadline.
-- Only the sign column was wrong (the acceptance stayed open, so the row exists); stats_daily holds
-- nothing that depends on the signature, and closed periods are replayed from the log.
UPDATE `stats_open`
SET `sign_due_at` = (
  SELECT a.`sign_due_at` FROM `assignments` a
  WHERE a.`tenant_id` = `stats_open`.`tenant_id` AND a.`id` = `stats_open`.`assignment_id`
)
WHERE `sign_due_at` IS NULL
  AND EXISTS (
    SELECT 1 FROM `assignments` a
    WHERE a.`tenant_id` = `stats_open`.`tenant_id` AND a.`id` = `stats_open`.`assignment_id`
      AND a.`state` = 'dispatched' AND a.`signed_at` IS NULL
  );
