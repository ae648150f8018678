-- The question of a published 问政 as the public sees it (name, phone, ID number, landline and
-- e-mail taken out; edited by the dispatcher when publishing). The board shows and searches only
-- this copy: searching the raw text let anyone confirm a masked number digit by digit. Rows
-- published before this migration get the citizen's text as their copy where it holds no digit,
-- no e-mail and not the petitioner's name; the others stay without one (the board masks them as
-- it shows them, and finds them by their answer) until the bureau publishes them again.
ALTER TABLE `cases` ADD `public_title` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `public_content` text;--> statement-breakpoint
UPDATE `cases` SET `public_title` = `title`, `public_content` = `content`
WHERE `publish_status` = 'published'
  AND (`title` || ' ' || `content`) NOT GLOB '*[0-9０-９@＠]*'
  AND (`petitioner_name` IS NULL OR length(`petitioner_name`) < 2
    OR instr(`title` || ' ' || `content`, `petitioner_name`) = 0);
