CREATE TABLE `stats_rebuild_requests` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`requested_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The statistics aggregates now carry the case's kind (信访事项 / 网上问政 / 12345工单), so the
-- figures of one kind are read apart. stats_daily rows sum many cases and cannot be split in SQL:
-- a tenant whose cases are all of one kind (most) has its rows copied under that kind, which is
-- exact; a tenant with cases of more than one kind gets its rows copied under one kind (so the
-- figures of all kinds stay right meanwhile) and a rebuild request, which the next statistics
-- request of the tenant carries out from the event log (ensureStatsCurrent, recompute.ts).
-- stats_open holds one assignment a row: its kind is the case's (the column's default is there
-- only because SQLite adds no NOT NULL column without one; every write names the kind). (No PRAGMA foreign_keys: no
-- table references stats_daily, and D1 does not take it.)
INSERT INTO `stats_rebuild_requests` (`tenant_id`, `reason`, `requested_at`)
SELECT `tenant_id`, 'stats_kind', CAST(strftime('%s', 'now') AS INTEGER) * 1000
FROM `cases` GROUP BY `tenant_id` HAVING COUNT(DISTINCT `kind`) > 1;--> statement-breakpoint
CREATE TABLE `__new_stats_daily` (
	`tenant_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`received` integer DEFAULT 0 NOT NULL,
	`returned` integer DEFAULT 0 NOT NULL,
	`closed` integer DEFAULT 0 NOT NULL,
	`acceptance_decided` integer DEFAULT 0 NOT NULL,
	`accepted_in_time` integer DEFAULT 0 NOT NULL,
	`replied` integer DEFAULT 0 NOT NULL,
	`replied_in_time` integer DEFAULT 0 NOT NULL,
	`rated` integer DEFAULT 0 NOT NULL,
	`satisfied` integer DEFAULT 0 NOT NULL,
	`basically_satisfied` integer DEFAULT 0 NOT NULL,
	`unsatisfied` integer DEFAULT 0 NOT NULL,
	`unrated_expired` integer DEFAULT 0 NOT NULL,
	`bureau_rated` integer DEFAULT 0 NOT NULL,
	`bureau_satisfied` integer DEFAULT 0 NOT NULL,
	`one_time_settled` integer DEFAULT 0 NOT NULL,
	`one_time_resolved` integer DEFAULT 0 NOT NULL,
	`repeat_received` integer DEFAULT 0 NOT NULL,
	`closed_in_period` integer DEFAULT 0 NOT NULL,
	`closed_days_sum` integer DEFAULT 0 NOT NULL,
	`cases` integer DEFAULT 0 NOT NULL,
	`repeat_cases` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `unit_id`, `day`, `kind`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_stats_daily`("tenant_id", "unit_id", "day", "kind", "received", "returned", "closed", "acceptance_decided", "accepted_in_time", "replied", "replied_in_time", "rated", "satisfied", "basically_satisfied", "unsatisfied", "unrated_expired", "bureau_rated", "bureau_satisfied", "one_time_settled", "one_time_resolved", "repeat_received", "closed_in_period", "closed_days_sum", "cases", "repeat_cases") SELECT s."tenant_id", s."unit_id", s."day", COALESCE(k.`kind`, 'petition'), s."received", s."returned", s."closed", s."acceptance_decided", s."accepted_in_time", s."replied", s."replied_in_time", s."rated", s."satisfied", s."basically_satisfied", s."unsatisfied", s."unrated_expired", s."bureau_rated", s."bureau_satisfied", s."one_time_settled", s."one_time_resolved", s."repeat_received", s."closed_in_period", s."closed_days_sum", s."cases", s."repeat_cases" FROM `stats_daily` s
LEFT JOIN (SELECT `tenant_id`, MIN(`kind`) AS `kind` FROM `cases` GROUP BY `tenant_id`) k ON k.`tenant_id` = s.`tenant_id`;--> statement-breakpoint
DROP TABLE `stats_daily`;--> statement-breakpoint
ALTER TABLE `__new_stats_daily` RENAME TO `stats_daily`;--> statement-breakpoint
CREATE INDEX `stats_daily_tenant_day_idx` ON `stats_daily` (`tenant_id`,`day`);--> statement-breakpoint
ALTER TABLE `bulletins` ADD `scope` text DEFAULT 'all' NOT NULL;--> statement-breakpoint
ALTER TABLE `stats_open` ADD `kind` text DEFAULT 'petition' NOT NULL;--> statement-breakpoint
UPDATE `stats_open` SET `kind` = (SELECT c.`kind` FROM `cases` c WHERE c.`id` = `stats_open`.`case_id`)
WHERE EXISTS (SELECT 1 FROM `cases` c WHERE c.`id` = `stats_open`.`case_id`);