-- The event log is the audit trail: append-only, never edited or deleted (网络安全法 art. 21).
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
--> statement-breakpoint
-- Chinese substring search over cases: FTS5 with the trigram tokenizer (queries of 3+ characters;
-- shorter ones fall back to LIKE in the repo).
CREATE VIRTUAL TABLE cases_fts USING fts5(number, title, content, address, content='cases', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER cases_fts_ai AFTER INSERT ON cases BEGIN
  INSERT INTO cases_fts(rowid, number, title, content, address) VALUES (new.rowid, new.number, new.title, new.content, new.address);
END;
--> statement-breakpoint
CREATE TRIGGER cases_fts_ad AFTER DELETE ON cases BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, number, title, content, address) VALUES ('delete', old.rowid, old.number, old.title, old.content, old.address);
END;
--> statement-breakpoint
CREATE TRIGGER cases_fts_au AFTER UPDATE OF number, title, content, address ON cases BEGIN
  INSERT INTO cases_fts(cases_fts, rowid, number, title, content, address) VALUES ('delete', old.rowid, old.number, old.title, old.content, old.address);
  INSERT INTO cases_fts(rowid, number, title, content, address) VALUES (new.rowid, new.number, new.title, new.content, new.address);
END;
