ALTER TABLE `reply_templates` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `reply_templates` ADD `version` integer DEFAULT 1 NOT NULL;