CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_tenant_idx` ON `api_tokens` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`route_unit_ids` text DEFAULT '[]' NOT NULL,
	`route_to_township` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_tenant_parent_name_uq` ON `categories` (`tenant_id`,`parent_id`,`name`);--> statement-breakpoint
CREATE INDEX `categories_tenant_idx` ON `categories` (`tenant_id`,`parent_id`);--> statement-breakpoint
CREATE TABLE `holiday_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`day` text NOT NULL,
	`workday` integer NOT NULL,
	`note` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holiday_overrides_tenant_day_uq` ON `holiday_overrides` (`tenant_id`,`day`);--> statement-breakpoint
CREATE TABLE `reply_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reply_templates_tenant_idx` ON `reply_templates` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`tenant_id` text,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`revoked_at` integer,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `tenant_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_slug_uq` ON `tenants` (`slug`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_tenant_name_uq` ON `units` (`tenant_id`,`name`);--> statement-breakpoint
CREATE INDEX `units_tenant_parent_idx` ON `units` (`tenant_id`,`parent_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text,
	`login` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`unit_id` text,
	`phone` text,
	`password_hash` text NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`first_failed_at` integer,
	`locked_until` integer,
	`must_change_password` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`last_login_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_uq` ON `users` (`login`);--> statement-breakpoint
CREATE INDEX `users_tenant_unit_idx` ON `users` (`tenant_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`role` text NOT NULL,
	`state` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`instructions` text,
	`dispatched_at` integer NOT NULL,
	`dispatch_day` text NOT NULL,
	`dispatched_by` text,
	`sign_due_at` integer NOT NULL,
	`signed_at` integer,
	`return_due_at` integer NOT NULL,
	`accept_due_at` integer NOT NULL,
	`decided_at` integer,
	`refuse_reason` text,
	`refuse_notice` text,
	`return_reason` text,
	`return_requested_at` integer,
	`returned_at` integer,
	`reply_due_at` integer,
	`extension_days` integer DEFAULT 0 NOT NULL,
	`pending_extension_days` integer,
	`pending_extension_reason` text,
	`replied_at` integer,
	`closed_at` integer,
	`rating_due_at` integer,
	`rated_at` integer,
	`rating` text,
	`bureau_rating` text,
	`unrated_at` integer,
	`rework_count` integer DEFAULT 0 NOT NULL,
	`first_rating` text,
	`supervised` integer DEFAULT false NOT NULL,
	`supervision_note` text,
	`supervision_due_at` integer,
	`urge_count` integer DEFAULT 0 NOT NULL,
	`overdue_flags` text DEFAULT '' NOT NULL,
	`due_at` integer,
	`due_step` text,
	`move_token` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_tenant_due_idx` ON `assignments` (`tenant_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `assignments_tenant_unit_due_idx` ON `assignments` (`tenant_id`,`unit_id`,`due_at`);--> statement-breakpoint
CREATE INDEX `assignments_tenant_case_idx` ON `assignments` (`tenant_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `assignments_tenant_unit_state_idx` ON `assignments` (`tenant_id`,`unit_id`,`state`);--> statement-breakpoint
CREATE INDEX `assignments_tenant_state_idx` ON `assignments` (`tenant_id`,`state`);--> statement-breakpoint
CREATE INDEX `assignments_tenant_day_idx` ON `assignments` (`tenant_id`,`dispatch_day`,`unit_id`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text,
	`reply_id` text,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_key` text NOT NULL,
	`uploaded_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `attachments_tenant_case_idx` ON `attachments` (`tenant_id`,`case_id`);--> statement-breakpoint
CREATE TABLE `case_counters` (
	`tenant_id` text NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `year`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`number` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`purpose` text NOT NULL,
	`category_id` text,
	`township_unit_id` text,
	`address` text,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`petitioner_name` text,
	`petitioner_phone` text,
	`petitioner_id_number` text,
	`identity_hash` text,
	`anonymous` integer DEFAULT false NOT NULL,
	`is_public` integer DEFAULT false NOT NULL,
	`people_count` integer DEFAULT 1 NOT NULL,
	`sensitive` integer DEFAULT false NOT NULL,
	`threat` integer DEFAULT false NOT NULL,
	`collective` integer DEFAULT false NOT NULL,
	`fast_track` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`received_at` integer NOT NULL,
	`received_day` text NOT NULL,
	`route_due_at` integer NOT NULL,
	`routed_at` integer,
	`closed_at` integer,
	`higher_level_due_at` integer,
	`query_code` text,
	`query_secret_hash` text,
	`idempotency_key` text,
	`external_id` text,
	`import_batch_id` text,
	`is_repeat` integer DEFAULT false NOT NULL,
	`repeat_of_case_id` text,
	`merged_into_case_id` text,
	`publish_status` text DEFAULT 'none' NOT NULL,
	`public_answer` text,
	`published_at` integer,
	`review_level` integer DEFAULT 0 NOT NULL,
	`review_requested_at` integer,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`move_token` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_tenant_number_uq` ON `cases` (`tenant_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_tenant_query_uq` ON `cases` (`tenant_id`,`query_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_tenant_idem_uq` ON `cases` (`tenant_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_tenant_external_uq` ON `cases` (`tenant_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `cases_tenant_status_idx` ON `cases` (`tenant_id`,`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_tenant_received_idx` ON `cases` (`tenant_id`,`received_day`);--> statement-breakpoint
CREATE INDEX `cases_tenant_identity_idx` ON `cases` (`tenant_id`,`identity_hash`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_tenant_publish_idx` ON `cases` (`tenant_id`,`publish_status`,`published_at`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text,
	`case_id` text,
	`assignment_id` text,
	`type` text NOT NULL,
	`actor_id` text,
	`actor_role` text,
	`at` integer NOT NULL,
	`from_state` text,
	`to_state` text,
	`payload` text
);
--> statement-breakpoint
CREATE INDEX `events_tenant_case_idx` ON `events` (`tenant_id`,`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_tenant_assignment_idx` ON `events` (`tenant_id`,`assignment_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_tenant_type_at_idx` ON `events` (`tenant_id`,`type`,`at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`tenant_id` text NOT NULL,
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`response` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `scope`, `key`)
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`assignment_id` text,
	`target` text NOT NULL,
	`unit_id` text,
	`value` text NOT NULL,
	`comment` text,
	`round` integer DEFAULT 0 NOT NULL,
	`rated_at` integer NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ratings_tenant_case_idx` ON `ratings` (`tenant_id`,`case_id`);--> statement-breakpoint
CREATE TABLE `reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`unit_id` text,
	`assignment_id` text,
	`case_id` text,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_tenant_dedupe_uq` ON `reminders` (`tenant_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `reminders_tenant_unit_idx` ON `reminders` (`tenant_id`,`unit_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `repeat_suggestions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`earlier_case_id` text NOT NULL,
	`score` integer NOT NULL,
	`reasons` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `repeat_suggestions_pair_uq` ON `repeat_suggestions` (`tenant_id`,`case_id`,`earlier_case_id`);--> statement-breakpoint
CREATE INDEX `repeat_suggestions_tenant_status_idx` ON `repeat_suggestions` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `replies` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`case_id` text NOT NULL,
	`assignment_id` text NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`author_id` text,
	`reviewer_id` text,
	`review_note` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `replies_tenant_assignment_idx` ON `replies` (`tenant_id`,`assignment_id`);--> statement-breakpoint
CREATE TABLE `bulletins` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`month` text NOT NULL,
	`status` text NOT NULL,
	`cutoff` integer NOT NULL,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`published_at` integer,
	`published_by` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bulletins_tenant_month_idx` ON `bulletins` (`tenant_id`,`month`,`status`);--> statement-breakpoint
CREATE TABLE `deductions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`month` text NOT NULL,
	`level` text NOT NULL,
	`points` real NOT NULL,
	`reason` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deductions_tenant_month_idx` ON `deductions` (`tenant_id`,`month`,`unit_id`);--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`status` text NOT NULL,
	`line_count` integer NOT NULL,
	`imported_count` integer NOT NULL,
	`skipped_count` integer NOT NULL,
	`errors` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_batches_tenant_id_uq` ON `import_batches` (`tenant_id`,`id`);