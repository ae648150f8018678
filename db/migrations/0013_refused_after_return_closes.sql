-- A case returned by one unit, routed again and refused (不予受理) by the next was left 待分派 (new)
-- with its routing deadline running, although the refusal notice answered the citizen. The status
-- rule now closes it (workers/domain/state-machine.ts caseStatusFromAssignments); this settles the
-- cases written under the old rule the same way: closed when the routing of the refusal came after every
-- return, as of the refusal.
UPDATE `cases` SET
  `status` = 'closed',
  `closed_at` = (SELECT max(a.`decided_at`) FROM `assignments` a
    WHERE a.`tenant_id` = `cases`.`tenant_id` AND a.`case_id` = `cases`.`id` AND a.`state` = 'refused'),
  `version` = `version` + 1
WHERE `status` = 'new'
  AND NOT EXISTS (SELECT 1 FROM `assignments` a
    WHERE a.`tenant_id` = `cases`.`tenant_id` AND a.`case_id` = `cases`.`id`
      AND a.`state` NOT IN ('returned', 'refused'))
  AND (SELECT max(a.`dispatched_at`) FROM `assignments` a
    WHERE a.`tenant_id` = `cases`.`tenant_id` AND a.`case_id` = `cases`.`id` AND a.`state` = 'refused')
    > coalesce((SELECT max(a.`dispatched_at`) FROM `assignments` a
    WHERE a.`tenant_id` = `cases`.`tenant_id` AND a.`case_id` = `cases`.`id` AND a.`state` = 'returned'), -1);
