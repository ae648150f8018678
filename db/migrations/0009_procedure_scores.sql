CREATE TABLE `procedure_scores` (
	`tenant_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`month` text NOT NULL,
	`points` real,
	`note` text,
	`recorded_by` text,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedure_scores_tenant_month_unit_uq` ON `procedure_scores` (`tenant_id`,`month`,`unit_id`);