DROP INDEX `assignments_tenant_unsatisfied_idx`;--> statement-breakpoint
ALTER TABLE `assignments` ADD `rework_declined_at` integer;--> statement-breakpoint
CREATE INDEX `assignments_tenant_unsatisfied_idx` ON `assignments` (`tenant_id`) WHERE state = 'rated' AND rating = 'unsatisfied' AND rework_declined_at IS NULL;