-- Logins are one regardless of case, and now the database says so: a unique index on lower(login)
-- replaces the one on the login as typed, so two administrators creating "Zhang" and "zhang" at the
-- same moment cannot both succeed (the service check alone let the second through).
--
-- Accounts created before the service compared logins without case may already share one. The
-- index cannot be built over them, and no account may be lost, so before building it:
--   * of each group of logins equal but for case, the oldest account (created_at, then id) keeps its
--     login, and each later one is renamed to "<login>-<n>" (n = 2, 3, ... in the same order), or to
--     "user-<its id>" where that name is taken in any case or would pass the 40 characters a login
--     may have. Both forms are valid logins, so the account can sign in under its new name at once.
--   * every rename is recorded as a user.login_renamed event (system, with the login before and
--     after) in the county audit log of the account, or in the platform audit log for a platform
--     admin, so the administrator can tell the user. Nothing else about the account changes: its
--     password, role, unit and sessions stay as they were.
-- The README (accounts) says the same. Both appliers run a migration as one transaction (the
-- libSQL migrator on Node, D1 migrations on Workers): if any statement fails, none of it applies.
DROP INDEX `users_login_uq`;--> statement-breakpoint
CREATE TABLE `login_renames_0016` AS
WITH `ranked` AS (
  SELECT `id`, `tenant_id`, `login`,
    row_number() OVER (PARTITION BY lower(`login`) ORDER BY `created_at`, `id`) AS `n`
  FROM `users`
)
SELECT `r`.`id` AS `id`, `r`.`tenant_id` AS `tenant_id`, `r`.`login` AS `old_login`,
  CASE
    WHEN length(`r`.`login` || '-' || `r`.`n`) <= 40
      AND NOT EXISTS (SELECT 1 FROM `users` `o` WHERE lower(`o`.`login`) = lower(`r`.`login` || '-' || `r`.`n`))
    THEN `r`.`login` || '-' || `r`.`n`
    ELSE 'user-' || `r`.`id`
  END AS `new_login`
FROM `ranked` `r`
WHERE `r`.`n` > 1;--> statement-breakpoint
INSERT INTO `events` (`tenant_id`, `type`, `actor_role`, `at`, `payload`)
SELECT `tenant_id`, 'user.login_renamed', 'system',
  CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
  json_object('userId', `id`, 'login', `new_login`, 'previousLogin', `old_login`, 'reason', 'case_duplicate')
FROM `login_renames_0016`
ORDER BY `id`;--> statement-breakpoint
UPDATE `users` SET `login` = (SELECT `new_login` FROM `login_renames_0016` `x` WHERE `x`.`id` = `users`.`id`)
WHERE `id` IN (SELECT `id` FROM `login_renames_0016`);--> statement-breakpoint
DROP TABLE `login_renames_0016`;--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_nocase_uq` ON `users` (lower("login"));
