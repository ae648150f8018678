// The public 问政 board: questions the citizen chose to make public whose answer a dispatcher has
// published. Only what the public may see leaves this file: never a name, phone, ID number or
// address, and numbers, e-mails and accounts typed inside the text are taken out as well
// (redactPersonalData).
import { inList } from '../../../db/in-list';
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { cases, categories } from '../../../db/schema';
import { redactPersonalData } from '../../domain/masking';
import { invalid } from '../../lib/errors';
import { listCategories } from '../../repo/tenancy';

export interface BoardItem {
  number: string;
  title: string;
  question: string;
  answer: string;
  unitName: string | null;
  categoryName: string | null;
  askedAt: number;
  answeredAt: number;
}

export interface BoardQuery {
  q?: string | undefined;
  categoryId?: string | undefined;
  unitId?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

// The unit that answered: the lead of the latest round (a co-handler when there is no lead).
const unitNameSql = sql<string | null>`(
  SELECT u.name FROM assignments a JOIN units u ON u.id = a.unit_id
  WHERE a.tenant_id = ${cases.tenantId} AND a.case_id = ${cases.id} AND a.state NOT IN ('returned', 'refused')
  ORDER BY (a.role = 'lead') DESC, a.dispatched_at DESC LIMIT 1)`;
const sentAtSql = sql<number | null>`(
  SELECT max(r.sent_at) FROM replies r
  WHERE r.tenant_id = ${cases.tenantId} AND r.case_id = ${cases.id} AND r.status = 'sent')`;
const sentReplySql = sql<string | null>`(
  SELECT r.body FROM replies r
  WHERE r.tenant_id = ${cases.tenantId} AND r.case_id = ${cases.id} AND r.status = 'sent'
  ORDER BY r.sent_at DESC LIMIT 1)`;

function encodeCursor(publishedAt: number, id: string): string {
  return `${publishedAt.toString(36)}.${id}`;
}

function decodeCursor(cursor: string): { publishedAt: number; id: string } {
  const m = /^([0-9a-z]{1,12})\.([0-9a-z]{1,64})$/.exec(cursor);
  if (!m) throw invalid('分页参数无效', [{ path: 'cursor', message: '分页参数无效' }]);
  return { publishedAt: Number.parseInt(m[1]!, 36), id: m[2]! };
}

/** The category and everything under it. */
async function categoryWithDescendants(db: Db, tenantId: string, categoryId: string): Promise<string[]> {
  const all = await listCategories(db, tenantId);
  const out = new Set([categoryId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of all) {
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id);
        grew = true;
      }
    }
  }
  return [...out];
}

// Only the public copy is searched: a search of the citizen's own text would answer whether a
// masked number or a name is in it (the board's search was such an oracle). Published rows of one
// county are few; LIKE over them is quick.
function searchCondition(q: string): SQL {
  const like = `%${escapeLike(q)}%`;
  return or(
    sql`${cases.publicTitle} LIKE ${like} ESCAPE '\\'`,
    sql`${cases.publicContent} LIKE ${like} ESCAPE '\\'`,
    sql`${cases.publicAnswer} LIKE ${like} ESCAPE '\\'`,
  )!;
}

const publicOnly = (tenantId: string) =>
  and(eq(cases.tenantId, tenantId), eq(cases.publishStatus, 'published'), eq(cases.isPublic, true));

function select(db: Db) {
  return db
    .select({
      id: cases.id,
      number: cases.number,
      title: cases.title,
      content: cases.content,
      publicTitle: cases.publicTitle,
      publicContent: cases.publicContent,
      publicAnswer: cases.publicAnswer,
      petitionerName: cases.petitionerName,
      sentReply: sentReplySql,
      sentAt: sentAtSql,
      unitName: unitNameSql,
      categoryName: categories.name,
      receivedAt: cases.receivedAt,
      publishedAt: cases.publishedAt,
    })
    .from(cases)
    .leftJoin(categories, and(eq(categories.tenantId, cases.tenantId), eq(categories.id, cases.categoryId)));
}

type Row = Awaited<ReturnType<ReturnType<typeof select>['where']>>[number];

function toItem(r: Row): BoardItem {
  // the public copy, masked once more; a row published before there was one, masked here
  const known = { name: r.petitionerName };
  return {
    number: r.number,
    title: redactPersonalData(r.publicTitle ?? r.title, known),
    question: redactPersonalData(r.publicContent ?? r.content, known),
    answer: redactPersonalData(r.publicAnswer ?? r.sentReply ?? '', known),
    unitName: r.unitName,
    categoryName: r.categoryName,
    askedAt: r.receivedAt,
    // when the unit's answer reached the citizen, not when the bureau published it
    answeredAt: r.sentAt ?? r.publishedAt ?? r.receivedAt,
  };
}

export async function listBoard(
  db: Db,
  tenantId: string,
  query: BoardQuery,
): Promise<{ items: BoardItem[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(query.limit ?? 20, 1), 50);
  const where: (SQL | undefined)[] = [publicOnly(tenantId)];
  const q = query.q?.trim();
  if (q) where.push(searchCondition(q));
  if (query.categoryId)
    where.push(inList(cases.categoryId, await categoryWithDescendants(db, tenantId, query.categoryId)));
  if (query.unitId) {
    where.push(
      sql`EXISTS (SELECT 1 FROM assignments a WHERE a.tenant_id = ${cases.tenantId} AND a.case_id = ${cases.id}
        AND a.unit_id = ${query.unitId} AND a.state NOT IN ('returned', 'refused'))`,
    );
  }
  if (query.cursor) {
    const c = decodeCursor(query.cursor);
    where.push(
      or(lt(cases.publishedAt, c.publishedAt), and(eq(cases.publishedAt, c.publishedAt), lt(cases.id, c.id))),
    );
  }
  const rows = await select(db)
    .where(and(...where))
    .orderBy(desc(cases.publishedAt), desc(cases.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor(last.publishedAt ?? 0, last.id) : null,
  };
}

export async function getBoardItem(db: Db, tenantId: string, number: string): Promise<BoardItem | null> {
  const rows = await select(db)
    .where(and(publicOnly(tenantId), eq(cases.number, number)))
    .limit(1);
  return rows[0] ? toItem(rows[0]) : null;
}
