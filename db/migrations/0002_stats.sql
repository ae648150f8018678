CREATE TABLE `stats_daily` (
	`tenant_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`day` text NOT NULL,
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
	PRIMARY KEY(`tenant_id`, `unit_id`, `day`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stats_daily_tenant_day_idx` ON `stats_daily` (`tenant_id`,`day`);--> statement-breakpoint
CREATE TABLE `stats_open` (
	`tenant_id` text NOT NULL,
	`assignment_id` text NOT NULL,
	`case_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`dispatched_at` integer NOT NULL,
	`dispatch_day` text NOT NULL,
	`is_repeat` integer DEFAULT false NOT NULL,
	`sign_due_at` integer,
	`accept_due_at` integer,
	`first_reply_due_at` integer,
	`reply_due_at` integer,
	`rating_due_at` integer,
	PRIMARY KEY(`tenant_id`, `assignment_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stats_open_tenant_day_idx` ON `stats_open` (`tenant_id`,`dispatch_day`,`unit_id`);