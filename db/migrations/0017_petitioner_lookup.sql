CREATE INDEX `cases_tenant_phone_idx` ON `cases` (`tenant_id`,`petitioner_phone`);--> statement-breakpoint
CREATE INDEX `cases_tenant_name_idx` ON `cases` (`tenant_id`,`petitioner_name`);