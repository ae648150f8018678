ALTER TABLE `deductions` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `deductions` ADD `revoked_by` text;--> statement-breakpoint
ALTER TABLE `deductions` ADD `revoke_reason` text;