// The audit logs (审计日志). A county's: every event of the tenant — case and assignment moves,
// logins and lockouts, administration, statistics entries — read by the county's administrators.
// The platform's: the events that belong to no county (the platform admins' logins and accounts,
// failed logins for logins that do not exist, the national holiday schedule, its own exports) and
// the opening, disabling and enabling of counties, read by the platform admins only. Both newest
// first, filtered by local days, category and person, read page by page or exported as CSV (the
// export itself logged). 等保: an audit trail reviewed by its administrator, kept and never edited;
// nothing in it is written here. Phone and ID numbers never appear: payloads carry ids and names
// only, and the summaries are built from named fields.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Actor, AppDeps, ServiceCtx } from '../api/context';
import { addDays, localDay, localTimeFormat, startOfDay } from '../domain/calendar';
import { ACTOR_ROLE_NAMES, EVENT_NAMES, stateName } from '../domain/labels';
import { DEFAULT_SETTINGS } from '../domain/settings';
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

/** The categories of the platform's log: what happens outside any county, and counties opened or closed. */
export const PLATFORM_AUDIT_TYPES = AUDIT_TYPES.filter((t) =>
  ['user.', 'holiday.', 'tenant.', 'export.'].includes(t.prefix),
);
export const PLATFORM_AUDIT_PREFIXES = PLATFORM_AUDIT_TYPES.map((t) => t.prefix);

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
  body: '内容',
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
  tenantName: string | null;
}

/** Whose log is read, by whom, and in which time zone its days are counted. */
interface Scope {
  db: Db;
  now: number;
  actor: Actor;
  /** the county, or null for the platform's log */
  tenantId: string | null;
  timeZone: string;
  types: readonly { prefix: string; label: string }[];
}

const countyScope = (ctx: ServiceCtx): Scope => {
  const role = ctx.actor.role;
  if (role !== 'tenant_admin' && role !== 'platform_admin') throw forbidden('审计日志仅限本县管理员查看');
  return {
    db: ctx.db,
    now: ctx.clock.now(),
    actor: ctx.actor,
    tenantId: ctx.tenant.id,
    timeZone: ctx.settings.timeZone,
    types: AUDIT_TYPES,
  };
};

/** The platform's log is for platform admins only: a county's administrator reads their county's. */
const platformScope = (deps: AppDeps, actor: Actor): Scope => {
  if (actor.role !== 'platform_admin') throw forbidden('平台审计日志仅限平台管理员查看');
  return {
    db: deps.db,
    now: deps.clock.now(),
    actor,
    tenantId: null,
    // the platform's days are those of the default (China Standard Time), as for the national schedule
    timeZone: DEFAULT_SETTINGS.timeZone,
    types: PLATFORM_AUDIT_TYPES,
  };
};

/** The query's local days as instants: from 00:00 of `from` to 24:00 of `to` (default 30 days). */
function range(scope: Scope, q: AuditQuery): { start: number; end: number; from: string; to: string } {
  const tz = scope.timeZone;
  const to = q.to ?? localDay(scope.now, tz);
  const from = q.from ?? addDays(to, -29);
  if (from > to)
    throw invalid('起始日期不能晚于截止日期', [{ path: 'from', message: '起始日期不能晚于截止日期' }]);
  return { start: startOfDay(from, tz), end: startOfDay(addDays(to, 1), tz), from, to };
}

/**
 * Who an event is by: its actor, or for a failed login or a lockout (which nobody signed in did) the
 * account it was on. The system acts for nobody, even on an account it names (migration 0016's
 * renames), and neither does the first start that creates the platform admin.
 */
const WHO = sql.raw(
  `COALESCE(e.actor_id, CASE WHEN e.type IN ('user.login_failed', 'user.locked') THEN json_extract(e.payload, '$.userId') END)`,
);

/** The platform's acts on a county, which the platform's log shows with its own. */
const COUNTY_LIFECYCLE = Object.keys(EVENT_NAMES).filter((type) => type.startsWith('tenant.'));

async function readRows(scope: Scope, q: AuditQuery, limit: number): Promise<Row[]> {
  const { start, end } = range(scope, q);
  if (q.type !== undefined && !scope.types.some((t) => t.prefix === q.type))
    throw invalid('未知的类别', [{ path: 'type', message: '未知的类别' }]);
  const after = q.cursor ? decodeCursor<[number, number]>(q.cursor, ['number', 'number']) : null;
  // a prefix as a range of the type column: 'case.' ≤ type < 'case/' ('/' follows '.')
  const typeCond = q.type ? sql`AND e.type >= ${q.type} AND e.type < ${`${q.type.slice(0, -1)}/`}` : sql``;
  const actorCond = q.actor ? sql`AND ${WHO} = ${q.actor}` : sql``;
  const cursorCond = after
    ? sql`AND (e.at < ${after[0]} OR (e.at = ${after[0]} AND e.id < ${after[1]}))`
    : sql``;
  // Each part reads its own index (tenant_id, at, id) newest first and stops at `limit`.
  const part = (where: SQL) => sql`SELECT * FROM (
      SELECT e.* FROM events e
      WHERE ${where} AND e.at >= ${start} AND e.at < ${end} ${typeCond} ${actorCond} ${cursorCond}
      ORDER BY e.at DESC, e.id DESC LIMIT ${limit})`;
  const source =
    scope.tenantId !== null
      ? part(sql`e.tenant_id = ${scope.tenantId}`)
      : // no county's, and the counties' opening and closing (kept under each county, which reads them
        // too), each type by its index (tenant_id, type, at)
        sql`${part(sql`e.tenant_id IS NULL`)} UNION ALL ${part(
          sql`e.tenant_id IN (SELECT id FROM tenants) AND e.type IN ${COUNTY_LIFECYCLE}`,
        )}`;
  return scope.db.all<Row>(sql`
    SELECT e.id AS id, e.at AS at, e.type AS type, ${WHO} AS actorId, e.actor_role AS actorRole,
      u.name AS actorName, e.case_id AS caseId, c.number AS caseNumber, e.assignment_id AS assignmentId,
      un.name AS unitName, e.from_state AS fromState, e.to_state AS toState, e.payload AS payload,
      tn.name AS tenantName
    FROM (${source}) e
      LEFT JOIN users u ON u.id = ${WHO}
      LEFT JOIN cases c ON c.id = e.case_id
      LEFT JOIN assignments a ON a.id = e.assignment_id
      LEFT JOIN units un ON un.id = a.unit_id
      LEFT JOIN tenants tn ON tn.id = e.tenant_id
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
      if (x.unknownLogin) return `不存在的登录名“${s(x.login)}”`;
      if (x.whileLocked)
        return x.lockedHere ? `该地址（${s(x.address)}）锁定期间尝试登录` : '账号锁定期间尝试登录';
      if (x.inactive) return '已停用的账号尝试登录';
      return `${x.during === 'password_change' ? '修改密码时当前密码错误，' : ''}连续失败 ${s(x.failures)} 次`;
    case 'user.password_changed':
      return x.wasRequired ? '修改初始密码（或管理员重置的密码）' : '本人修改密码';
    case 'user.locked':
      if (x.everywhere === false) return `同一地址（${s(x.address)}）登录失败次数过多，该地址锁定 15 分钟`;
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
    case 'template.updated': {
      const after = (x.after as Record<string, unknown>) ?? {};
      const renamed = after.name !== undefined && after.name !== x.name ? ` 改名为“${s(after.name)}”` : '';
      return `${s(x.name)}${renamed} 修改：${fields(after, [])}`;
    }
    case 'template.retired':
    case 'template.restored':
      return s(x.name);
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
    case 'bulletin.edited': {
      const names: Record<string, string> = {
        docNumber: '期号',
        findings: '存在问题',
        measures: '下一步工作要求',
      };
      const fields = Array.isArray(x.fields) ? x.fields.map((f) => names[s(f)] ?? s(f)).join('、') : '';
      return `${s(x.month)} 工作通报：修改${fields}`;
    }
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

async function unitNamesOf(scope: Scope): Promise<Map<string, string>> {
  if (scope.tenantId === null) return new Map();
  const rows = await scope.db.all<{ id: string; name: string }>(
    sql`SELECT id, name FROM units WHERE tenant_id = ${scope.tenantId}`,
  );
  return new Map(rows.map((u) => [u.id, u.name]));
}

function present(r: Row, unitNames: ReadonlyMap<string, string>) {
  const p = parsePayload(r.payload);
  return {
    id: Number(r.id),
    at: Number(r.at),
    type: r.type,
    typeLabel: EVENT_NAMES[r.type] ?? r.type,
    actorId: r.actorId,
    actorName: r.actorName ?? (r.actorRole === 'system' ? '系统' : r.actorRole === 'citizen' ? '群众' : null),
    actorRole: r.actorRole,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    assignmentId: r.assignmentId,
    fromState: r.fromState,
    toState: r.toState,
    summary: summarize(r, p, unitNames),
  };
}

/** One event as a log of this scope shows it: the platform's names the county an event is about. */
const item = (scope: Scope, r: Row, unitNames: ReadonlyMap<string, string>) =>
  scope.tenantId === null ? { ...present(r, unitNames), tenantName: r.tenantName } : present(r, unitNames);

/** A page of the log, newest first. */
async function page(scope: Scope, q: AuditQuery) {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), MAX_PAGE);
  const [rows, unitNames] = await Promise.all([readRows(scope, q, limit + 1), unitNamesOf(scope)]);
  const shown = rows.slice(0, limit);
  return {
    items: shown.map((r) => item(scope, r, unitNames)),
    nextCursor:
      rows.length > limit ? encodeCursor([shown[shown.length - 1]!.at, shown[shown.length - 1]!.id]) : null,
    types: scope.types,
  };
}

type Item = ReturnType<typeof present> & { tenantName?: string | null };

/** The columns of a CSV export: a county's names the case and its states, the platform's the county. */
function csvColumns(scope: Scope): { columns: string[]; cells: (x: Item) => CsvCell[] } {
  const who = (x: Item): CsvCell[] => [x.actorName, ACTOR_ROLE_NAMES[x.actorRole ?? ''] ?? x.actorRole];
  if (scope.tenantId === null)
    return {
      columns: ['时间', '事件', '事件类型', '操作人', '角色', '县区', '说明'],
      cells: (x) => [x.typeLabel, x.type, ...who(x), x.tenantName, x.summary],
    };
  return {
    columns: ['时间', '事件', '事件类型', '操作人', '角色', '案件编号', '原状态', '新状态', '说明'],
    cells: (x) => [
      x.typeLabel,
      x.type,
      ...who(x),
      x.caseNumber,
      stateName(x.fromState),
      stateName(x.toState),
      x.summary,
    ],
  };
}

/** The filtered log as CSV (UTF-8 with BOM, Chinese headers), newest first, at most 50,000 rows. */
async function csv(scope: Scope, q: AuditQuery, name: string) {
  const { from, to } = range(scope, q);
  const [rows, unitNames] = await Promise.all([
    readRows(scope, { ...q, cursor: undefined }, MAX_EXPORT_ROWS),
    unitNamesOf(scope),
  ]);
  const time = localTimeFormat(scope.timeZone, { seconds: true });
  const { columns, cells } = csvColumns(scope);
  const text = toCsv({
    columns,
    rows: rows.map((r): CsvCell[] => {
      const x = item(scope, r, unitNames);
      return [time(x.at), ...cells(x)];
    }),
  });
  // reading the log out of the system is itself in the log
  await insertEvent(scope.db, scope.actor, {
    tenantId: scope.tenantId,
    type: 'export.audit',
    at: scope.now,
    payload: { rows: rows.length, format: 'csv', from, to, type: q.type ?? null, actor: q.actor ?? null },
  });
  return { text, filename: `${name}-${from}-${to}.csv`, rows: rows.length };
}

/** A page of the county's audit log, newest first (its administrators, and the platform admin). */
export const auditPage = (ctx: ServiceCtx, q: AuditQuery) => page(countyScope(ctx), q);

/** The county's filtered log as CSV. */
export const auditCsv = (ctx: ServiceCtx, q: AuditQuery) => csv(countyScope(ctx), q, 'audit');

/** A page of the platform's audit log, newest first (platform admins only). */
export const platformAuditPage = (deps: AppDeps, actor: Actor, q: AuditQuery) =>
  page(platformScope(deps, actor), q);

/** The platform's filtered log as CSV. */
export const platformAuditCsv = (deps: AppDeps, actor: Actor, q: AuditQuery) =>
  csv(platformScope(deps, actor), q, 'platform-audit');
