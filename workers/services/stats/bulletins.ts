// The monthly bulletin (工作通报): generated as a draft from the month's figures at a cut-off,
// listed per month, published (frozen: its document never changes again, whatever happens to the
// cases later), exported as CSV and xlsx and printed on A4. A unit sees only published bulletins,
// without the internal tables (top repeat petitioners).
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { bulletins } from '../../../db/schema';
import { CASE_KINDS, type CaseKind } from '../../../db/schema/cases';
import type { ServiceCtx } from '../../api/context';
import { addDays, localDay } from '../../domain/calendar';
import { cnDay, KIND_NAMES, PURPOSE_NAMES } from '../../domain/labels';
import { maskPhone } from '../../domain/masking';
import {
  applyEdits,
  type BulletinDocument,
  type BulletinEdits,
  type BulletinScope,
  bulletinText,
  type Cell,
  type CountRow,
  composeBulletin,
  type OverdueUnitRow,
  publicBulletin,
  type RepeatPetitionerRow,
  type VisitCount,
} from '../../domain/stats/bulletin';
import { type Period, periodOf, previousMonth, sameMonthLastYear } from '../../domain/stats/compare';
import { computeFigures } from '../../domain/stats/figures';
import type { AssignmentFact } from '../../domain/stats/fold';
import {
  type FastTrackCase,
  fastTrackOf,
  latenessByUnit,
  overdueAssignments,
  receivedFacts,
} from '../../domain/stats/handling';
import { tablesToCsv } from '../../lib/export/csv';
import { toXlsx, type XlsxCell } from '../../lib/export/xlsx';
import { conflict, invalid, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { jsonChunks, topRepeatIdentities } from '../../repo/stats';
import { affected, guardedEvent } from '../workflow/common';
import { assertStatsWriter, readsAll } from './access';
import { bulletinHtml } from './print';
import { rankingsFor } from './rankings';
import {
  periodReport,
  type ReplayedPeriod,
  replayBacklog,
  replayPeriod,
  reportUnits,
  type UnitRow,
} from './report';
import { categoryRoots, receivedVolume, type VolumeRow } from './volume';

export type BulletinRow = typeof bulletins.$inferSelect;

/** What a bulletin row's `content` holds. */
export interface BulletinContent {
  document: BulletinDocument;
  /** ISO-8601 of the cut-off */
  cutoff: string;
  /** how the figures were computed: the aggregates at a live cut-off, or a replay of the log */
  source: 'aggregates' | 'replay';
  generatedAt: number;
  /** what the bureau wrote by hand on the draft (already applied to `document`) */
  edits?: BulletinEdits;
  /** the findings as generated, for going back to them */
  generatedFindings?: string[];
  editedAt?: number;
  /**
   * How many edits the draft has taken (carried into a regenerated draft): each edit and each
   * regeneration writes only over the draft it read (compare-and-set), so none is silently lost.
   */
  rev?: number;
}

/** The draft's `rev` in SQL, as written by the last edit (0 before any). */
const REV = sql`coalesce(json_extract(${bulletins.content}, '$.rev'), 0)`;

const scopeOf = (ctx: ServiceCtx, now: number, caseScope: BulletinScope) => ({
  db: ctx.db,
  tenantId: ctx.tenant.id,
  settings: ctx.settings,
  now,
  kind: caseScope === 'all' ? null : caseScope,
});

/** Masked as bulletins print people: 张** (138****8000). */
function personLabel(name: string | null, phone: string | null): string {
  const n = name?.trim();
  const masked = n ? `${[...n][0]}${'*'.repeat(Math.max(1, [...n].length - 1))}` : '';
  const p = phone ? maskPhone(phone) : '';
  if (masked && p) return `${masked}（${p}）`;
  return masked || p || '匿名';
}

async function countRows(
  ctx: ServiceCtx,
  by: 'channel' | 'category',
  period: Period,
  prev: Period,
  lastYear: Period,
  cutoff: number,
  kind: CaseKind | null,
): Promise<CountRow[]> {
  const { db, tenant } = ctx;
  const roots = by === 'category' ? await categoryRoots(db, tenant.id) : undefined;
  const [cur, before, ly] = await Promise.all(
    [period, prev, lastYear].map((p) =>
      receivedVolume(db, tenant.id, by, p.from, p.to, cutoff, { roots, kind }),
    ),
  );
  const acc = new Map<string, CountRow>();
  const put = (rows: VolumeRow[], field: 'count' | 'previous' | 'lastYear') => {
    for (const r of rows) {
      let row = acc.get(r.key);
      if (!row) {
        row = { key: r.key, label: r.label, count: 0, previous: 0, lastYear: 0 };
        acc.set(r.key, row);
      }
      row[field] = (row[field] ?? 0) + r.count;
    }
  };
  put(cur!, 'count');
  put(before!, 'previous');
  put(ly!, 'lastYear');
  return [...acc.values()];
}

interface CaseDetail {
  number: string;
  channel: string;
  purpose: string;
  collective: boolean;
  people: number;
  fastTrack: boolean;
  receivedAt: number;
  receivedDay: string;
}

/** Number, channel, fast-track flag and receipt of the given cases. */
async function caseDetails(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Map<string, CaseDetail>> {
  const out = new Map<string, CaseDetail>();
  for (const chunk of jsonChunks(ids)) {
    const rows = await db.all<
      Record<string, unknown>
    >(sql`SELECT id, number, channel, purpose, collective, people_count AS people, fast_track AS fastTrack,
        received_at AS receivedAt, received_day AS receivedDay
      FROM cases WHERE tenant_id = ${tenantId} AND id IN (SELECT value FROM json_each(${chunk}))`);
    for (const r of rows)
      out.set(String(r.id), {
        number: String(r.number),
        channel: String(r.channel),
        purpose: String(r.purpose),
        collective: Boolean(Number(r.collective)),
        people: Math.max(1, Number(r.people) || 1),
        fastTrack: Boolean(Number(r.fastTrack)),
        receivedAt: Number(r.receivedAt),
        receivedDay: String(r.receivedDay),
      });
  }
  return out;
}

/**
 * What the bulletin reads of the replayed month beyond the FIGURES: 逾期查阅/逾期办理 by unit, each
 * unit's portal letters (channel web: 网上投诉 and 网上问政), the fast track (最多投一次), and the
 * cases overdue at the cut-off by unit with their numbers.
 */
export function bulletinExtras(
  replayed: ReplayedPeriod,
  details: ReadonlyMap<string, CaseDetail>,
  units: readonly UnitRow[],
  timeZone: string,
  backlog: readonly AssignmentFact[] = [],
) {
  const { facts, caseFacts } = replayed;
  const p = {
    from: replayed.from,
    to: replayed.to,
    cutoff: replayed.cutoff,
    dayOf: (t: number) => localDay(t, timeZone),
  };
  const lateness = Object.fromEntries(latenessByUnit(facts, p));
  const unitIds = units.filter((u) => u.active).map((u) => u.id);
  const webByUnit = computeFigures(
    facts.filter((f) => details.get(f.caseId)?.channel === 'web'),
    { ...p, unitIds },
  ).units;
  const repeat = new Map<string, boolean>();
  for (const f of facts) repeat.set(f.caseId, f.isRepeat);
  for (const c of caseFacts) repeat.set(c.caseId, c.isRepeat);
  const cases: FastTrackCase[] = [...details].map(([caseId, d]) => ({
    caseId,
    receivedAt: d.receivedAt,
    receivedDay: d.receivedDay,
    isRepeat: repeat.get(caseId) ?? false,
    fastTrack: d.fastTrack,
  }));
  const fastTrack = fastTrackOf(facts, cases, p);
  // 信访目的 of the month's received assignments (投诉、建议、咨询、求助 …), counted as 受理件数
  const purposes = new Map<string, number>();
  for (const f of receivedFacts(facts, p)) {
    const key = details.get(f.caseId)?.purpose ?? 'other';
    purposes.set(key, (purposes.get(key) ?? 0) + 1);
  }
  const byPurpose: CountRow[] = [...purposes].map(([key, count]) => ({
    key,
    label: PURPOSE_NAMES[key] ?? key,
    count,
  }));
  const overdueByUnit = overdueRowsByUnit(overdueAssignments(facts, p), details, units);
  // the backlog: dispatched before P, still overdue at C (backlog facts are all before P)
  const carriedOverdue = overdueRowsByUnit(
    overdueAssignments(backlog, { ...p, from: '0000-01-01', to: addDays(p.from, -1) }),
    details,
    units,
  );
  // 来访 as bulletins count visits: 批次 (cases received in P by visit) and 人次 (the people who came)
  const visits: VisitCount = { batches: 0, people: 0, collectiveBatches: 0, collectivePeople: 0 };
  for (const c of caseFacts) {
    const d = details.get(c.caseId);
    if (d?.channel !== 'visit') continue;
    visits.batches += 1;
    visits.people += d.people;
    if (d.collective) {
      visits.collectiveBatches += 1;
      visits.collectivePeople += d.people;
    }
  }
  return { lateness, webByUnit, fastTrack, overdueByUnit, carriedOverdue, byPurpose, visits };
}

/** Overdue assignments by unit, in the tenant's unit order, with their case numbers in order. */
function overdueRowsByUnit(
  list: readonly { unitId: string; caseId: string; sign: boolean; accept: boolean; reply: boolean }[],
  details: ReadonlyMap<string, CaseDetail>,
  units: readonly UnitRow[],
): OverdueUnitRow[] {
  const byUnit = new Map<string, OverdueUnitRow>();
  const names = new Map(units.map((u) => [u.id, u.name]));
  const overdue = [...list].sort((a, b) =>
    (details.get(a.caseId)?.number ?? '').localeCompare(details.get(b.caseId)?.number ?? ''),
  );
  for (const o of overdue) {
    let row = byUnit.get(o.unitId);
    if (!row) {
      row = {
        unitId: o.unitId,
        unitName: names.get(o.unitId) ?? '',
        sign: 0,
        accept: 0,
        reply: 0,
        caseNumbers: [],
      };
      byUnit.set(o.unitId, row);
    }
    row.sign += Number(o.sign);
    row.accept += Number(o.accept);
    row.reply += Number(o.reply);
    row.caseNumbers?.push(details.get(o.caseId)?.number ?? '');
  }
  return units.flatMap((u) => byUnit.get(u.id) ?? []);
}

/**
 * Generates a draft for a month and scope (all cases, or one kind: 信访事项, 网上问政, 12345工单) at
 * a cut-off (default now); other drafts of the month and scope are replaced.
 */
export async function generateBulletin(
  ctx: ServiceCtx,
  input: { month: string; cutoff?: number | null; now?: number; scope?: BulletinScope },
) {
  assertStatsWriter(ctx.actor);
  const { db, tenant, settings } = ctx;
  const now = input.now ?? ctx.clock.now();
  let period: Period;
  try {
    period = periodOf({ month: input.month });
  } catch {
    throw invalid('月份格式应为 YYYY-MM', [{ path: 'month', message: '月份格式应为 YYYY-MM' }]);
  }
  const cutoff = input.cutoff ?? now;
  const tz = settings.timeZone;
  if (cutoff > now)
    throw invalid('统计时点不能晚于当前时间', [{ path: 'cutoff', message: '统计时点不能晚于当前时间' }]);
  if (localDay(cutoff, tz) < period.from)
    throw invalid('统计时点早于通报月份', [{ path: 'cutoff', message: '统计时点须在通报月份开始之后' }]);
  const caseScope = input.scope ?? 'all';
  const kind = caseScope === 'all' ? null : caseScope;
  const scope = scopeOf(ctx, now, caseScope);
  const units = await reportUnits(db, tenant.id);
  const prev = previousMonth(period);
  const lastYear = sameMonthLastYear(period);
  // the month is replayed once, whatever the clock: its figures, lateness, portal letters, fast
  // track and overdue cases all come from the same facts as they stood at the cut-off
  const replayed = await replayPeriod(scope, period.from, period.to, cutoff);
  const backlog = await replayBacklog(scope, period.from, cutoff);
  const report = await periodReport(scope, period, cutoff, { units, replayed });
  const [before, ly, byChannel, byCategory, byKind, people, details] = await Promise.all([
    periodReport(scope, prev, cutoff, { units }),
    periodReport(scope, lastYear, cutoff, { units }),
    countRows(ctx, 'channel', period, prev, lastYear, cutoff, kind),
    countRows(ctx, 'category', period, prev, lastYear, cutoff, kind),
    receivedVolume(db, tenant.id, 'kind', period.from, period.to, cutoff, { kind }),
    topRepeatIdentities(db, tenant.id, period.from, period.to, cutoff, 10, kind),
    caseDetails(db, tenant.id, [
      ...new Set([
        ...replayed.facts.map((f) => f.caseId),
        ...replayed.caseFacts.map((c) => c.caseId),
        ...backlog.map((f) => f.caseId),
      ]),
    ]),
  ]);
  const ranking = await rankingsFor(ctx, period, cutoff, {
    units,
    report,
    lastYearReport: ly,
    now,
    kind,
  });
  const extras = bulletinExtras(replayed, details, units, tz, backlog);
  const topRepeatPetitioners: RepeatPetitionerRow[] = people.map((p) => ({
    label: personLabel(p.name, p.phone),
    count: Number(p.n),
    matter: p.matter ?? '',
    units: (p.units ?? '').split(',').filter(Boolean).join('、'),
  }));
  const document = composeBulletin({
    tenantName: tenant.name,
    period,
    caseScope,
    byKind: CASE_KINDS.flatMap((k) => {
      const n = byKind.find((r) => r.key === k)?.count ?? 0;
      return n > 0 ? [{ key: k, label: KIND_NAMES[k], count: n }] : [];
    }),
    // a cut-off at 24:00 is the end of the day before, as deadlines are written
    cutoffDay: localDay(cutoff - 1, tz),
    figures: { tenant: report.tenant, units: report.units },
    compare: {
      previous: { period: prev, figures: before.tenant },
      lastYear: { period: lastYear, figures: ly.tenant },
    },
    byChannel,
    byCategory,
    byPurpose: extras.byPurpose,
    visits: extras.visits,
    overdueByUnit: extras.overdueByUnit,
    carriedOverdue: extras.carriedOverdue,
    lateness: extras.lateness,
    webByUnit: extras.webByUnit,
    fastTrack: extras.fastTrack,
    topRepeatPetitioners,
    ranking: Object.fromEntries(ranking.groups.map((g) => [g.unitKind, g.result])),
    profile: settings.scoring,
  });
  // the bureau's hand-written parts survive a regeneration: the figures change, their text does not
  const read = await currentDraft(db, tenant.id, period.key, caseScope);
  const edits = read?.content.edits;
  const rev = read?.content.rev ?? 0;
  const content: BulletinContent = {
    document: applyEdits(document, edits),
    cutoff: new Date(cutoff).toISOString(),
    source: report.source,
    generatedAt: now,
    generatedFindings: document.findings,
    ...(edits ? { edits } : {}),
    ...(rev ? { rev } : {}),
  };
  const row: BulletinRow = {
    id: newId(),
    tenantId: tenant.id,
    month: period.key,
    scope: caseScope,
    status: 'draft',
    cutoff,
    title: document.title,
    content: content as unknown as Record<string, unknown>,
    createdAt: now,
    createdBy: ctx.actor.id,
    publishedAt: null,
    publishedBy: null,
  };
  // The draft read above is replaced only as it was read: one edited since (its rev moved on) stays,
  // the new draft is not written, and the clerk generates again with the edit in it.
  const drafts = and(
    eq(bulletins.tenantId, tenant.id),
    eq(bulletins.month, period.key),
    eq(bulletins.scope, caseScope),
    eq(bulletins.status, 'draft'),
  );
  const [, inserted] = await db.batch([
    db
      .delete(bulletins)
      .where(and(drafts, read ? sql`(${bulletins.id} <> ${read.id} OR ${REV} = ${rev})` : undefined)),
    db.run(sql`INSERT INTO bulletins (id, tenant_id, month, scope, status, cutoff, title, content, created_at, created_by, published_at, published_by)
      SELECT ${row.id}, ${row.tenantId}, ${row.month}, ${caseScope}, 'draft', ${row.cutoff}, ${row.title}, ${JSON.stringify(content)}, ${row.createdAt}, ${row.createdBy}, NULL, NULL
      WHERE NOT EXISTS (SELECT 1 FROM bulletins WHERE ${drafts})`),
    guardedEvent(
      db,
      ctx.actor,
      {
        tenantId: tenant.id,
        type: 'bulletin.drafted',
        at: now,
        payload: { bulletinId: row.id, month: row.month, scope: caseScope, cutoff: row.cutoff },
      },
      sql`EXISTS (SELECT 1 FROM bulletins WHERE id = ${row.id})`,
    ) as never,
  ]);
  if (affected(inserted) === 0) throw conflict('通报草稿刚被他人修改，请刷新后重新生成');
  return view(ctx, row);
}

/** The month's current draft of a scope, if any: its id and its content (hand-written parts, rev). */
async function currentDraft(db: Db, tenantId: string, month: string, scope: BulletinScope) {
  const rows = await db
    .select({ id: bulletins.id, content: bulletins.content })
    .from(bulletins)
    .where(
      and(
        eq(bulletins.tenantId, tenantId),
        eq(bulletins.month, month),
        eq(bulletins.scope, scope),
        eq(bulletins.status, 'draft'),
      ),
    )
    .orderBy(desc(bulletins.createdAt))
    .limit(1);
  const r = rows[0];
  return r ? { id: r.id, content: r.content as unknown as BulletinContent } : null;
}

/**
 * The bureau writes on the draft what the generator cannot: the 期号, the findings (存在问题) in its
 * own words, the 下一步工作要求. Only a draft changes; a published bulletin is frozen (409). Each
 * change is an event with what was there before.
 */
export async function editBulletin(ctx: ServiceCtx, id: string, input: BulletinEdits) {
  assertStatsWriter(ctx.actor);
  const { db, tenant } = ctx;
  const row = await loadBulletin(ctx, id);
  if (row.status === 'published') throw conflict('该通报已发布，内容已冻结，不能再修改');
  const content = row.content as unknown as BulletinContent;
  const generated = content.generatedFindings ?? content.edits?.findings ?? content.document.findings;
  const edits: BulletinEdits = { ...content.edits };
  if (input.docNumber !== undefined) edits.docNumber = input.docNumber;
  if (input.findings !== undefined) {
    if (input.findings === null) delete edits.findings;
    else edits.findings = input.findings;
  }
  if (input.measures !== undefined) edits.measures = input.measures;
  const now = ctx.clock.now();
  const document = applyEdits(content.document, edits, generated);
  const rev = content.rev ?? 0;
  const next: BulletinContent = {
    ...content,
    document,
    edits,
    generatedFindings: generated,
    editedAt: now,
    rev: rev + 1,
  };
  const before = content.document;
  const changed = (['docNumber', 'findings', 'measures'] as const).filter(
    (k) =>
      input[k] !== undefined && JSON.stringify(before[k] ?? null) !== JSON.stringify(document[k] ?? null),
  );
  if (changed.length === 0) return view(ctx, row);
  // written only over the text it was made from: another edit or a regeneration in between → 409
  const took = sql`EXISTS (SELECT 1 FROM bulletins WHERE id = ${id} AND status = 'draft' AND ${REV} = ${rev + 1})`;
  const [result] = await db.batch([
    db
      .update(bulletins)
      .set({ content: next as unknown as Record<string, unknown> })
      .where(
        and(
          eq(bulletins.tenantId, tenant.id),
          eq(bulletins.id, id),
          eq(bulletins.status, 'draft'),
          sql`${REV} = ${rev}`,
        ),
      ),
    guardedEvent(
      db,
      ctx.actor,
      {
        tenantId: tenant.id,
        type: 'bulletin.edited',
        at: now,
        payload: {
          bulletinId: id,
          month: row.month,
          fields: changed,
          before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
          after: Object.fromEntries(changed.map((k) => [k, document[k] ?? null])),
        },
      },
      took,
    ) as never,
  ]);
  if (affected(result) === 0) throw conflict('该通报已发布、已被重新生成或刚被他人修改，请刷新后重试');
  return view(ctx, { ...row, content: next as unknown as Record<string, unknown> });
}

/** A bulletin as its reader may see it: units get the published text without internal tables. */
function view(ctx: ServiceCtx, row: BulletinRow) {
  const content = row.content as unknown as BulletinContent;
  const document = readsAll(ctx.actor) ? content.document : publicBulletin(content.document);
  return {
    id: row.id,
    month: row.month,
    scope: row.scope,
    status: row.status,
    title: row.title,
    cutoff: content.cutoff,
    source: content.source,
    edited: Boolean(content.edits && Object.keys(content.edits).length > 0),
    generatedFindings: readsAll(ctx.actor) ? (content.generatedFindings ?? null) : null,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    document,
  };
}

export async function listBulletins(ctx: ServiceCtx, month?: string) {
  const { db, tenant } = ctx;
  const conds = [eq(bulletins.tenantId, tenant.id)];
  if (month) conds.push(eq(bulletins.month, month));
  if (!readsAll(ctx.actor)) conds.push(eq(bulletins.status, 'published'));
  const rows = await db
    .select({
      id: bulletins.id,
      month: bulletins.month,
      scope: bulletins.scope,
      status: bulletins.status,
      title: bulletins.title,
      cutoff: bulletins.cutoff,
      createdAt: bulletins.createdAt,
      publishedAt: bulletins.publishedAt,
    })
    .from(bulletins)
    .where(and(...conds))
    .orderBy(desc(bulletins.month), desc(bulletins.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r, cutoff: new Date(r.cutoff).toISOString() }));
}

async function loadBulletin(ctx: ServiceCtx, id: string): Promise<BulletinRow> {
  const row = (
    await ctx.db
      .select()
      .from(bulletins)
      .where(and(eq(bulletins.tenantId, ctx.tenant.id), eq(bulletins.id, id)))
      .limit(1)
  )[0];
  // a unit does not learn that a draft exists
  if (!row || (!readsAll(ctx.actor) && row.status !== 'published')) throw notFound('通报');
  return row;
}

export async function getBulletin(ctx: ServiceCtx, id: string) {
  return view(ctx, await loadBulletin(ctx, id));
}

/** Publishes a draft: from now on its document is frozen. One published bulletin per month and scope. */
export async function publishBulletin(ctx: ServiceCtx, id: string) {
  assertStatsWriter(ctx.actor);
  const { db, tenant } = ctx;
  const row = await loadBulletin(ctx, id);
  if (row.status === 'published') throw conflict('该通报已发布，不能再次发布');
  const now = ctx.clock.now();
  // the event is written only by the publication that took effect
  const took = sql`EXISTS (SELECT 1 FROM bulletins WHERE id = ${id} AND status = 'published' AND published_at = ${now} AND published_by = ${ctx.actor.id})`;
  const [result] = await db.batch([
    db
      .update(bulletins)
      .set({ status: 'published', publishedAt: now, publishedBy: ctx.actor.id })
      .where(
        and(
          eq(bulletins.tenantId, tenant.id),
          eq(bulletins.id, id),
          eq(bulletins.status, 'draft'),
          sql`NOT EXISTS (SELECT 1 FROM bulletins b WHERE b.tenant_id = ${tenant.id} AND b.month = ${row.month} AND b.scope = ${row.scope} AND b.status = 'published')`,
        ),
      ),
    guardedEvent(
      db,
      ctx.actor,
      {
        tenantId: tenant.id,
        type: 'bulletin.published',
        at: now,
        payload: { bulletinId: id, month: row.month, scope: row.scope },
      },
      took,
    ) as never,
  ]);
  if (affected(result) === 0) {
    const other = await db
      .select({ id: bulletins.id })
      .from(bulletins)
      .where(
        and(
          eq(bulletins.tenantId, tenant.id),
          eq(bulletins.month, row.month),
          eq(bulletins.scope, row.scope),
          eq(bulletins.status, 'published'),
          ne(bulletins.id, id),
        ),
      )
      .limit(1);
    throw conflict(other[0] ? '本月同类通报已发布，不能重复发布' : '该通报已发布或已被替换，请刷新后重试');
  }
  return view(ctx, { ...row, status: 'published', publishedAt: now, publishedBy: ctx.actor.id });
}

function documentFor(ctx: ServiceCtx, row: BulletinRow): BulletinDocument {
  const doc = (row.content as unknown as BulletinContent).document;
  return readsAll(ctx.actor) ? doc : publicBulletin(doc);
}

/** ASCII fallback and UTF-8 name of a download. */
export function downloadName(row: Pick<BulletinRow, 'month' | 'title'>, ext: string) {
  return {
    ascii: `bulletin-${row.month}.${ext}`,
    utf8: `${row.title}.${ext}`,
  };
}

export async function bulletinCsv(ctx: ServiceCtx, id: string) {
  const row = await loadBulletin(ctx, id);
  const doc = documentFor(ctx, row);
  const text = tablesToCsv([
    {
      title: doc.title,
      columns: ['通报正文'],
      rows: bulletinText(doc).map((p) => [p]),
    },
    ...doc.tables.map((t) => ({ title: t.title, columns: t.columns, rows: t.rows })),
  ]);
  return { row, text };
}

const PRINTED_RATE = /^(\d+)(?:\.(\d+))?%$/;

/**
 * A rate as the document prints it ('69.3%') becomes a number with a percent format in Excel, with
 * the printed digits (the document's rounding rules stay: a rate short of 100% never reads 100%).
 * Changes ('-21.6%', '+1.2个百分点') and '—' stay text.
 */
export function xlsxCell(cell: Cell): XlsxCell {
  if (typeof cell !== 'string') return cell;
  const m = PRINTED_RATE.exec(cell);
  if (!m) return cell;
  const digits = m[2]?.length ?? 0;
  const value = Number((Number(cell.slice(0, -1)) / 100).toFixed(digits + 2));
  return { value, format: digits > 0 ? `0.${'0'.repeat(digits)}%` : '0%' };
}

export async function bulletinXlsx(ctx: ServiceCtx, id: string) {
  const row = await loadBulletin(ctx, id);
  const doc = documentFor(ctx, row);
  const bytes = toXlsx([
    {
      name: '通报正文',
      title: doc.title,
      columns: ['内容'],
      rows: bulletinText(doc).map((p) => [p]),
    },
    ...doc.tables.map((t) => ({
      name: t.title.replace(doc.period.label, '') || t.title,
      title: t.title,
      columns: t.columns,
      rows: t.rows.map((r) => r.map(xlsxCell)),
    })),
  ]);
  return { row, bytes };
}

export async function bulletinPrint(ctx: ServiceCtx, id: string) {
  const row = await loadBulletin(ctx, id);
  const doc = documentFor(ctx, row);
  const tz = ctx.settings.timeZone;
  const bureau = (await reportUnits(ctx.db, ctx.tenant.id)).find((u) => u.kind === 'bureau');
  const day = row.publishedAt ? localDay(row.publishedAt, tz) : null;
  const dateLabel = day ? cnDay(day) : null;
  return bulletinHtml(doc, { org: bureau?.name ?? ctx.tenant.name, status: row.status, dateLabel });
}
