-- Each counter row carries its limit (cap) and the CHECK refuses a count above it, so a request
-- over its limit fails inside the batch of the very write it would have made. The counters are
-- short-lived windows: the table is recreated empty rather than copied. WITHOUT ROWID: looked up
-- and written only by its key, it is one B-tree instead of a table plus its key's index.
DROP TABLE `rate_limits`;--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	`cap` integer NOT NULL,
	CONSTRAINT "rate_limits_within_cap" CHECK(count <= cap)
) WITHOUT ROWID;
