// The county's audit log (审计日志): every event of the tenant — case and assignment moves,
// logins and lockouts, administration, statistics entries — newest first, filtered by local days,
// category and person, read page by page or exported as CSV. Only the county's administrators read
// it (等保: an audit trail reviewed by its administrator, kept and never edited); nothing in it is
// written here. Phone and ID numbers never appear: payloads carry ids and names only, and the
// summaries are built from named fields.
import { sql } from 'drizzle-orm';
import type { ServiceCtx } from '../api/context';
import { addDays, localDay, localTimeFormat, startOfDay } from '../domain/calendar';
import { ACTOR_ROLE_NAMES, EVENT_NAMES, stateName } from '../domain/labels';
import { describeForStaff } from '../domain/timeline';
import { forbidden, invalid } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { type CsvCell, toCsv } from '../lib/export/csv';
import { insertEvent } from '../repo/events';

/** The categories an administrator filters by: the event type's prefix. */
export const AUDIT_TYPES = [
  { prefix: 'case.', label: '案件' },
  { prefix: 'assignment.', label: '批转件办理' },
  { prefix: 'user.', label: '账号与登录' },
  { prefix: 'unit.', label: '单位' },
  { prefix: 'category.', label: '内容分类' },
  { prefix: 'settings.', label: '县区设置' },
  { prefix: 'holiday.', label: '节假日' },
  { prefix: 'template.', label: '答复模板' },
  { prefix: 'token.', label: '接口令牌' },
  { prefix: 'deduction.', label: '通报扣分' },
  { prefix: 'procedure_score.', label: '制度落实得分' },
  { prefix: 'bulletin.', label: '工作通报' },
  { prefix: 'export.', label: '数据导出' },
  { prefix: 'stats.', label: '统计' },
  { prefix: 'tenant.', label: '县区开通' },
] as const;

export const AUDIT_PREFIXES = AUDIT_TYPES.map((t) => t.prefix);

const FIELD_NAMES: Record<string, string> = {
  name: '名称',
  login: '登录名',
  kind: '类型',
  active: '启用状态',
  sort: '排序',
  parentId: '上级',
  role: '角色',
  unitId: '单位',
  phone: '电话',
  routeUnitIds: '默认承办单位',
  routeToTownship: '转属地乡镇',
  deadlines: '办理期限',
  requireReplyReview: '答复审核',
  repeatWindowDays: '重复件窗口',
  showHandlerNames: '显示承办人',
  anonymousAllowed: '匿名提交',
  branding: '门户',
  portalLimits: '门户提交限制',
  scoring: '考核方案',
  timeZone: '时区',
};

const MAX_PAGE = 200;
export const MAX_EXPORT_ROWS = 50_000;

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  type?: string | undefined;
  actor?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

interface Row {
  id: number;
  at: number;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  caseId: string | null;
  caseNumber: string | null;
  assignmentId: string | null;
  unitName: string | null;
  fromState: string | null;
  toState: string | null;
  payload: string | null;
}

export function assertAuditReader(ctx: ServiceCtx) {
  const role = ctx.actor.role;
  if (role !== 'tenant_admin' && role !== 'platform_admin') throw forbidden('审计日志仅限本县管理员查看');
}

/** The query's local days as instants: from 00:00 of `from` to 24:00 of `to` (default 30 days). */
function range(ctx: ServiceCtx, q: AuditQuery): { start: number; end: number; from: string; to: string } {
  const tz = ctx.settings.timeZone;
  const to = q.to ?? localDay(ctx.clock.now(), tz);
  const from = q.from ?? addDays(to, -29);
  if (from > to)
    throw invalid('起始日期不能晚于截止日期', [{ path: 'from', message: '起始日期不能晚于截止日期' }]);
  return { start: startOfDay(from, tz), end: startOfDay(addDays(to, 1), tz), from, to };
}

async function readRows(ctx: ServiceCtx, q: AuditQuery, limit: number): Promise<Row[]> {
  const { start, end } = range(ctx, q);
  if (q.type !== undefined && !AUDIT_PREFIXES.includes(q.type as (typeof AUDIT_PREFIXES)[number]))
    throw invalid('未知的类别', [{ path: 'type', message: '未知的类别' }]);
  const after = q.cursor ? decodeCursor<[number, number]>(q.cursor, ['number', 'number']) : null;
  // a prefix as a range of the type column: 'case.' ≤ type < 'case/' ('/' follows '.')
  const typeCond = q.type ? sql`AND e.type >= ${q.type} AND e.type < ${`${q.type.slice(0, -1)}/`}` : sql``;
  const actorCond = q.actor
    ? sql`AND COALESCE(e.actor_id, json_extract(e.payload, '$.userId')) = ${q.actor}`
    : sql``;
  const cursorCond = after
    ? sql`AND (e.at < ${after[0]} OR (e.at = ${after[0]} AND e.id < ${after[1]}))`
    : sql``;
  return ctx.db.all<Row>(sql`
    SELECT e.id AS id, e.at AS at, e.type AS type, e.actor_id AS actorId, e.actor_role AS actorRole,
      u.name AS actorName, e.case_id AS caseId, c.number AS caseNumber, e.assignment_id AS assignmentId,
      un.name AS unitName, e.from_state AS fromState, e.to_state AS toState, e.payload AS payload
    FROM events e
      LEFT JOIN users u ON u.id = COALESCE(e.actor_id, json_extract(e.payload, '$.userId'))
      LEFT JOIN cases c ON c.id = e.case_id
      LEFT JOIN assignments a ON a.id = e.assignment_id
      LEFT JOIN units un ON un.id = a.unit_id
    WHERE e.tenant_id = ${ctx.tenant.id} AND e.at >= ${start} AND e.at < ${end}
      ${typeCond} ${actorCond} ${cursorCond}
    ORDER BY e.at DESC, e.id DESC
    LIMIT ${limit}`);
}

function parsePayload(p: unknown): Record<string, unknown> | null {
  if (p == null) return null;
  if (typeof p === 'object') return p as Record<string, unknown>;
  try {
    const v = JSON.parse(String(p));
    return v && typeof v === 'object' ? v : null;
  } catch {
    return null;
  }
}

const fields = (o: Record<string, unknown>, skip: string[]) =>
  Object.keys(o)
    .filter((k) => !skip.includes(k) && o[k] !== undefined)
    .map((k) => FIELD_NAMES[k] ?? k)
    .join('、');

/** One line saying what the event did, from named fields of its payload (never numbers typed by citizens). */
function summarize(
  r: Row,
  p: Record<string, unknown> | null,
  unitNames: ReadonlyMap<string, string>,
): string {
  if (r.type.startsWith('case.') || r.type.startsWith('assignment.'))
    return describeForStaff({ type: r.type, at: r.at, payload: p, unitName: r.unitName }) ?? '';
  const x = p ?? {};
  const unit = (id: unknown) => unitNames.get(String(id)) ?? '';
  const s = (v: unknown) => (v == null ? '' : String(v));
  switch (r.type) {
    case 'user.created':
      return `${s(x.login)}（${ACTOR_ROLE_NAMES[s(x.role)] ?? s(x.role)}${x.unitId ? `，${unit(x.unitId)}` : ''}）`;
    case 'user.updated': {
      const changed = fields(x, ['userId', 'passwordReset', 'sessionsEnded']);
      return [
        changed && `修改：${changed}`,
        x.passwordReset ? '重置密码' : '',
        x.sessionsEnded ? '已登录的会话随即失效' : '',
      ]
        .filter(Boolean)
        .join('；');
    }
    case 'user.login_failed':
      if (x.whileLocked) return '账号锁定期间尝试登录';
      if (x.inactive) return '已停用的账号尝试登录';
      return `${x.during === 'password_change' ? '修改密码时当前密码错误，' : ''}连续失败 ${s(x.failures)} 次`;
    case 'user.password_changed':
      return x.wasRequired ? '修改初始密码（或管理员重置的密码）' : '本人修改密码';
    case 'user.locked':
      return '登录失败次数过多，锁定 15 分钟';
    case 'user.login_renamed':
      return `登录名“${s(x.previousLogin)}”与更早的账号仅大小写不同，系统升级时改为“${s(x.login)}”，请告知本人`;
    case 'unit.created':
    case 'category.created':
    case 'template.created':
      return s(x.name);
    case 'unit.updated':
    case 'category.updated':
      return `${unit(x.unitId) || s(x.name)} 修改：${fields(x, ['unitId', 'categoryId'])}`;
    case 'settings.updated':
      return `修改：${fields((x.patch as Record<string, unknown>) ?? {}, [])}`;
    case 'holiday.set':
      return `${s(x.day)} ${x.workday ? '上班' : '放假'}${x.note ? `（${s(x.note)}）` : ''}`;
    case 'holiday.deleted':
      return `${s(x.day)} 删除（原为${x.workday ? '上班' : '放假'}${x.note ? `，${s(x.note)}` : ''}）`;
    case 'token.created':
      return `${s(x.name)}（${ACTOR_ROLE_NAMES[s(x.role)] ?? s(x.role)}）`;
    case 'deduction.recorded':
      return `${unit(x.unitId)} ${s(x.month)} 扣 ${s(x.points)} 分：${s(x.reason)}`;
    case 'deduction.revoked':
      return `${unit(x.unitId)} ${s(x.month)} 撤销 ${s(x.points)} 分：${s(x.reason)}`;
    case 'procedure_score.set':
      return `${unit(x.unitId)} ${s(x.month)}：${x.points == null ? '清除（按满分计）' : `${s(x.points)} 分`}（原${x.previous == null ? '未录入' : ` ${s(x.previous)} 分`}）`;
    case 'bulletin.drafted':
    case 'bulletin.published':
      return `${s(x.month)} 工作通报`;
    case 'export.audit':
      return `${s(x.from)} 至 ${s(x.to)}，${s(x.rows)} 行（CSV）`;
    case 'export.bulletin':
      return `${s(x.month)} 工作通报（${x.format === 'xlsx' ? 'Excel' : 'CSV'}）`;
    case 'stats.rebuilt':
      return '由事件记录重建统计汇总';
    case 'export.cases':
    case 'export.assignments':
      return `${s(x.rows)} 行（${x.format === 'xlsx' ? 'Excel' : 'CSV'}）${x.truncated ? '，已截断' : ''}`;
    case 'tenant.created':
    case 'tenant.disabled':
    case 'tenant.enabled':
      return `${s(x.name)}（${s(x.slug)}）`;
    default:
      return '';
  }
}

async function unitNamesOf(ctx: ServiceCtx): Promise<Map<string, string>> {
  const rows = await ctx.db.all<{ id: string; name: string }>(
    sql`SELECT id, name FROM units WHERE tenant_id = ${ctx.tenant.id}`,
  );
  return new Map(rows.map((u) => [u.id, u.name]));
}

function present(r: Row, unitNames: ReadonlyMap<string, string>) {
  const p = parsePayload(r.payload);
  // The system acts for nobody, even on an account it names (a login renamed by migration 0016).
  const system = r.actorRole === 'system';
  return {
    id: Number(r.id),
    at: Number(r.at),
    type: r.type,
    typeLabel: EVENT_NAMES[r.type] ?? r.type,
    actorId:
      r.actorId ??
      (!system && typeof p?.userId === 'string' && r.type.startsWith('user.login') ? p.userId : null),
    actorName: system ? '系统' : (r.actorName ?? (r.actorRole === 'citizen' ? '群众' : null)),
    actorRole: r.actorRole,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    assignmentId: r.assignmentId,
    fromState: r.fromState,
    toState: r.toState,
    summary: summarize(r, p, unitNames),
  };
}

/** A page of the audit log, newest first. */
export async function auditPage(ctx: ServiceCtx, q: AuditQuery) {
  assertAuditReader(ctx);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), MAX_PAGE);
  const [rows, unitNames] = await Promise.all([readRows(ctx, q, limit + 1), unitNamesOf(ctx)]);
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => present(r, unitNames)),
    nextCursor:
      rows.length > limit ? encodeCursor([page[page.length - 1]!.at, page[page.length - 1]!.id]) : null,
    types: AUDIT_TYPES,
  };
}

/** The filtered log as CSV (UTF-8 with BOM, Chinese headers), newest first, at most 50,000 rows. */
export async function auditCsv(ctx: ServiceCtx, q: AuditQuery) {
  assertAuditReader(ctx);
  const { from, to } = range(ctx, q);
  const [rows, unitNames] = await Promise.all([
    readRows(ctx, { ...q, cursor: undefined }, MAX_EXPORT_ROWS),
    unitNamesOf(ctx),
  ]);
  const time = localTimeFormat(ctx.settings.timeZone, { seconds: true });
  const text = toCsv({
    columns: ['时间', '事件', '事件类型', '操作人', '角色', '案件编号', '原状态', '新状态', '说明'],
    rows: rows.map((r): CsvCell[] => {
      const x = present(r, unitNames);
      return [
        time(x.at),
        x.typeLabel,
        x.type,
        x.actorName,
        ACTOR_ROLE_NAMES[x.actorRole ?? ''] ?? x.actorRole,
        x.caseNumber,
        stateName(x.fromState),
        stateName(x.toState),
        x.summary,
      ];
    }),
  });
  // reading the log out of the system is itself in the log
  await insertEvent(ctx.db, ctx.actor, {
    tenantId: ctx.tenant.id,
    type: 'export.audit',
    at: ctx.clock.now(),
    payload: { rows: rows.length, format: 'csv', from, to, type: q.type ?? null, actor: q.actor ?? null },
  });
  return { text, filename: `audit-${from}-${to}.csv`, rows: rows.length };
}
