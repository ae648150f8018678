CREATE INDEX `cases_phone_idx` ON `cases` (`petitioner_phone`,`tenant_id`);--> statement-breakpoint
CREATE INDEX `cases_name_idx` ON `cases` (`petitioner_name`,`tenant_id`);