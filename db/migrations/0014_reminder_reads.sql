CREATE TABLE `reminder_reads` (
	`reminder_id` text NOT NULL,
	`user_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`reminder_id`, `user_id`)
);
