CREATE INDEX `assignments_tenant_extension_idx` ON `assignments` (`tenant_id`) WHERE pending_extension_days IS NOT NULL;--> statement-breakpoint
CREATE INDEX `assignments_tenant_supervised_idx` ON `assignments` (`tenant_id`,`state`) WHERE supervised = 1;--> statement-breakpoint
CREATE INDEX `assignments_tenant_unsatisfied_idx` ON `assignments` (`tenant_id`) WHERE state = 'rated' AND rating = 'unsatisfied';--> statement-breakpoint
CREATE INDEX `cases_tenant_to_publish_idx` ON `cases` (`tenant_id`,`status`) WHERE kind = 'inquiry' AND is_public = 1 AND publish_status = 'none';--> statement-breakpoint
CREATE INDEX `replies_tenant_review_idx` ON `replies` (`tenant_id`) WHERE status = 'pending_review';