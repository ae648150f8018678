// 台账: the case list and the assignment queue exported as a spreadsheet, with the same filters
// and the same eyes as the screen. The rows come from listCases / listAssignments themselves, page
// by page, so who sees what (units only their own assignments, identities hidden on 检举控告 cases)
// and the masking of phone and ID numbers are exactly the list's. Each export is an audit event.
import type { ServiceCtx } from '../../api/context';
import { localDeadlineFormat, localTimeFormat } from '../../domain/calendar';
import { STEP_NAMES } from '../../domain/timeline';
import { maskedSearch } from '../../domain/search';
import {
  ASSIGNMENT_STATE_NAMES,
  CASE_STATUS_NAMES,
  CHANNEL_NAMES,
  KIND_NAMES,
  LIGHT_NAMES,
  PURPOSE_NAMES,
  RATING_NAMES,
} from '../../domain/labels';
import { type CsvCell, toCsv } from '../../lib/export/csv';
import { toXlsx } from '../../lib/export/xlsx';
import { insertEvent } from '../../repo/events';
import { listCategories, listUnits } from '../../repo/tenancy';
import { type AssignmentFilter, type CaseFilter, listAssignments, listCases } from './views';

/** Rows in one export at most (a county's year is a few thousand cases). */
export const LEDGER_MAX_ROWS = 20_000;
const PAGE = 200;

export type LedgerFormat = 'csv' | 'xlsx';

const ROLE_IN_CASE: Record<string, string> = { lead: '主办', co: '协办' };

interface Table {
  title: string;
  columns: string[];
  rows: CsvCell[][];
  truncated: boolean;
}

async function everyPage<T>(
  read: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await read(cursor);
    items.push(...page.items);
    if (!page.nextCursor) return { items, truncated: false };
    if (items.length >= LEDGER_MAX_ROWS) return { items: items.slice(0, LEDGER_MAX_ROWS), truncated: true };
    cursor = page.nextCursor;
  }
}

async function names(ctx: ServiceCtx) {
  const [cats, units] = await Promise.all([
    listCategories(ctx.db, ctx.tenant.id),
    listUnits(ctx.db, ctx.tenant.id),
  ]);
  const byId = new Map(cats.map((c) => [c.id, c]));
  // a leaf category is shown under its parent: 城乡建设/物业管理
  const category = (id: string | null | undefined) => {
    const c = id ? byId.get(id) : undefined;
    if (!c) return '';
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    return parent ? `${parent.name}/${c.name}` : c.name;
  };
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  return { category, unit: (id: string | null | undefined) => (id ? (unitNames.get(id) ?? '') : '') };
}

/** The bureau's case list (台账) with the list's filters. */
async function caseTable(ctx: ServiceCtx, f: CaseFilter): Promise<Table> {
  const { items, truncated } = await everyPage((cursor) => listCases(ctx, { ...f, cursor, limit: PAGE }));
  const n = await names(ctx);
  const time = localTimeFormat(ctx.settings.timeZone);
  return {
    title: '案件台账',
    truncated,
    columns: [
      '编号',
      '登记时间',
      '类型',
      '来源',
      '信访目的',
      '内容分类',
      '乡镇（街道）',
      '标题',
      '信访人',
      '联系电话',
      '人数',
      '状态',
      '重复件',
      '标记',
      '办结时间',
    ],
    rows: items.map((c) => [
      c.number,
      time(c.receivedAt),
      KIND_NAMES[c.kind] ?? c.kind,
      CHANNEL_NAMES[c.channel] ?? c.channel,
      PURPOSE_NAMES[c.purpose] ?? c.purpose,
      n.category(c.categoryId),
      n.unit(c.townshipUnitId),
      c.title,
      c.petitioner.hidden ? '（检举控告，不予显示）' : c.petitioner.anonymous ? '匿名' : c.petitioner.name,
      c.petitioner.phone,
      c.peopleCount,
      CASE_STATUS_NAMES[c.status] ?? c.status,
      c.isRepeat ? '是' : '',
      [
        c.flags.sensitive && '敏感',
        c.flags.threat && '扬言',
        c.flags.collective && '集体',
        c.flags.fastTrack && '最多投一次',
      ]
        .filter(Boolean)
        .join('、'),
      time(c.closedAt),
    ]),
  };
}

/** The assignment queue with the queue's filters (a unit: its own assignments only). */
async function assignmentTable(ctx: ServiceCtx, f: AssignmentFilter): Promise<Table> {
  const { items, truncated } = await everyPage((cursor) =>
    listAssignments(ctx, { ...f, cursor, limit: PAGE }),
  );
  const n = await names(ctx);
  const time = localTimeFormat(ctx.settings.timeZone);
  const deadline = localDeadlineFormat(ctx.settings.timeZone);
  return {
    title: '批转件台账',
    truncated,
    columns: [
      '编号',
      '标题',
      '承办单位',
      '主办/协办',
      '状态',
      '来源',
      '信访目的',
      '内容分类',
      '交办时间',
      '当前期限',
      '亮灯',
      '延期天数',
      '督办',
      '催办次数',
      '答复时间',
      '评价',
      '重办次数',
    ],
    rows: items.map((a) => {
      const x = a as typeof a & {
        caseNumber: string;
        title: string;
        channel: string;
        purpose: string;
        categoryId: string | null;
      };
      return [
        x.caseNumber,
        x.title,
        a.unitName,
        ROLE_IN_CASE[a.role] ?? a.role,
        ASSIGNMENT_STATE_NAMES[a.state] ?? a.state,
        CHANNEL_NAMES[x.channel] ?? x.channel,
        PURPOSE_NAMES[x.purpose] ?? x.purpose,
        n.category(x.categoryId),
        time(a.dispatchedAt),
        // the step and its last day, as the console and the papers say it (答复 2026-12-20 24:00)
        a.due ? `${STEP_NAMES[a.due.step ?? ''] ?? ''} ${deadline(a.due.dueAt)}`.trim() : '',
        a.light ? LIGHT_NAMES[a.light] : '',
        a.extensionDays || '',
        a.supervised ? '是' : '',
        a.urgeCount || '',
        time(a.repliedAt),
        a.rating ? RATING_NAMES[a.rating] : '',
        a.reworkCount || '',
      ];
    }),
  };
}

/** The file of one export, and its audit event (who exported what, how many rows). */
export async function ledger(
  ctx: ServiceCtx,
  of: 'cases' | 'assignments',
  format: LedgerFormat,
  filter: CaseFilter | AssignmentFilter,
): Promise<{ body: string | Uint8Array; contentType: string; filename: string; rows: number }> {
  const table =
    of === 'cases'
      ? await caseTable(ctx, filter as CaseFilter)
      : await assignmentTable(ctx, filter as AssignmentFilter);
  const now = ctx.clock.now();
  const { cursor: _c, limit: _l, ...kept } = filter;
  // the audit log names the search, with a caller's number masked as the export itself shows it
  if (kept.q) kept.q = maskedSearch(kept.q);
  await insertEvent(ctx.db, ctx.actor, {
    tenantId: ctx.tenant.id,
    type: `export.${of}`,
    at: now,
    payload: { rows: table.rows.length, format, truncated: table.truncated, filter: kept },
  });
  const day = localTimeFormat(ctx.settings.timeZone)(now).slice(0, 10).replace(/-/g, '');
  const filename = `${of === 'cases' ? 'cases' : 'assignments'}-${day}.${format}`;
  const note = table.truncated ? [`（仅导出前 ${LEDGER_MAX_ROWS} 行，请缩小筛选范围）`] : [];
  if (format === 'csv') {
    const rows = note.length ? [...table.rows, note] : table.rows;
    return {
      body: toCsv({ columns: table.columns, rows }),
      contentType: 'text/csv; charset=utf-8',
      filename,
      rows: table.rows.length,
    };
  }
  return {
    body: toXlsx([
      { name: table.title, columns: table.columns, rows: note.length ? [...table.rows, note] : table.rows },
    ]),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename,
    rows: table.rows.length,
  };
}
