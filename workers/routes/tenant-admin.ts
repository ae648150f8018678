// A tenant's own administration: units, users, categories, settings, tokens, holidays, templates.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv, ServiceCtx } from '../api/context';
import type { Context } from 'hono';
import { TenantSettingsPatchSchema } from '../domain/settings';
import { createCalendar, localDay, missingScheduleYears, scheduleBegun } from '../domain/calendar';
import { currentActor, requireRole } from '../middleware/auth';
import { describe, valid } from '../lib/openapi';
import { invalid, notFound } from '../lib/errors';
import {
  findUnit,
  getSettingsRow,
  listCategories,
  listHolidayOverrides,
  listReplyTemplates,
  listTokens,
  listUnits,
} from '../repo/tenancy';
import {
  createApiToken,
  createCategory,
  assertAdmin,
  createReplyTemplate,
  createUnit,
  createUser,
  importUnits,
  listAccounts,
  UNIT_IMPORT_MAX,
  revokeApiToken,
  deleteHoliday,
  setHoliday,
  updateCategory,
  updateSettings,
  updateReplyTemplate,
  updateUnit,
  updateUser,
} from '../services/tenancy';
import { AUDIT_PREFIXES, auditCsv, auditPage } from '../services/audit';
import { tenantReadiness } from '../services/readiness';
import {
  AUDIT_CSV_SUMMARY,
  AUDIT_FILTER_HELP,
  auditFilter,
  csvDownload,
  exportQuery,
  pageQuery,
} from './audit';
import { ACCOUNT_CHANGE, Day, Id, Name, NEW_ACCOUNT, Role, UnitKind, Version } from './schemas';

const AuditFilter = auditFilter(AUDIT_PREFIXES);

const TemplateName = v.pipe(
  v.string('模板名称必须是文字'),
  v.trim(),
  v.minLength(1, '模板名称不能为空'),
  v.maxLength(40, '模板名称不能超过 40 个字'),
);
const TemplateBody = v.pipe(
  v.string('模板内容必须是文字'),
  v.check((s) => s.trim().length > 0, '模板内容不能为空'),
  v.maxLength(5000, '模板内容不能超过 5000 个字'),
);

export function serviceCtx(c: Context<AppEnv>): ServiceCtx {
  const deps = c.get('deps');
  return {
    db: deps.db,
    clock: deps.clock,
    deps,
    tenant: c.get('tenant'),
    settings: c.get('settings'),
    actor: currentActor(c),
  };
}

/** What a county's staff read when a year's national schedule is missing (this year's is urgent). */
function scheduleWarning(year: number, thisYear: boolean, begun: boolean): string {
  const who =
    '全国安排由平台运营方按国务院办公厅通知统一录入；本县可在“节假日”中录入自己的停止办公日或调休上班日。';
  if (begun)
    return `${year}年全国节假日安排录入不完整（尚缺元旦、春节或国庆），未录入的日子按普通周末计算。${who}`;
  return thisYear
    ? `今年（${year}年）的全国节假日安排尚未录入：今年的工作日期限正按普通周末计算，元旦、春节等都算作工作日。${who}`
    : `${year}年全国节假日安排尚未录入，工作日期限暂按普通周末计算。${who}`;
}

/** The national holiday schedule's gaps as the county's staff read them, and whether a calendar is built. */
async function scheduleState(c: Context<AppEnv>) {
  const { national, own } = await listHolidayOverrides(c.get('deps').db, c.get('tenant').id);
  const overrides = new Map<string, boolean>([...national, ...own].map((h) => [h.day, h.workday]));
  // only the national schedule counts: a county closure in 2027 says nothing of 2027's holidays
  const today = localDay(c.get('deps').clock.now(), c.get('settings').timeZone);
  const days = national.map((h) => h.day);
  const thisYear = Number(today.slice(0, 4));
  return {
    warnings: missingScheduleYears(today, days).map((year) =>
      scheduleWarning(year, year === thisYear, scheduleBegun(year, days)),
    ),
    calendarReady: Boolean(createCalendar(overrides)),
  };
}

const admin = requireRole('tenant_admin', 'platform_admin');
const staff = requireRole(
  'tenant_admin',
  'platform_admin',
  'dispatcher',
  'handler',
  'unit_leader',
  'county_leader',
);

export const tenantAdminRoutes = new Hono<AppEnv>()
  .get('/units', staff, describe({ summary: '单位列表（树）', tags: ['县区管理'] }), async (c) =>
    c.json({ items: await listUnits(c.get('deps').db, c.get('tenant').id) }),
  )
  .post(
    '/units/import',
    admin,
    describe({
      summary: '批量导入单位（粘贴名单，每行一个）',
      description: `text：每行一个单位名称，或“名称,类型”（类型为 乡镇/街道 或 县直部门，也可用 Tab 或中文逗号分隔），空行跳过；kind：未写类型的行的类型。每行都先检查（名称长度、类型、重名、与本县已有单位重名），任一行有误则整批不导入，details 逐条写明行号（line）；一次最多 ${UNIT_IMPORT_MAX} 行。每个单位的创建都记入审计日志。`,
      tags: ['县区管理'],
      responses: { '201': '已全部创建' },
    }),
    valid(
      'json',
      v.object({
        text: v.pipe(v.string('text 应为文本'), v.maxLength(30_000, '名单过长，请分批导入')),
        kind: v.picklist(
          ['township', 'department'],
          '默认类型应为乡镇/街道（township）或县直部门（department）',
        ),
      }),
    ),
    async (c) => c.json(await importUnits(serviceCtx(c), c.req.valid('json')), 201),
  )
  .get('/units/:id', staff, describe({ summary: '单位详情', tags: ['县区管理'] }), async (c) => {
    const u = await findUnit(c.get('deps').db, c.get('tenant').id, c.req.param('id'));
    if (!u) throw notFound('单位');
    return c.json(u);
  })
  .post(
    '/units',
    admin,
    describe({
      summary: '新建单位（乡镇街道/县直部门）',
      tags: ['县区管理'],
      responses: { '201': '已创建' },
    }),
    valid(
      'json',
      v.object({
        name: Name(40),
        kind: UnitKind,
        parentId: v.optional(v.nullable(Id)),
        sort: v.optional(v.pipe(v.number(), v.integer())),
      }),
    ),
    async (c) => c.json(await createUnit(serviceCtx(c), c.req.valid('json')), 201),
  )
  .patch(
    '/units/:id',
    admin,
    describe({ summary: '修改单位', tags: ['县区管理'] }),
    valid(
      'json',
      v.object({
        name: v.optional(Name(40)),
        parentId: v.optional(v.nullable(Id)),
        sort: v.optional(v.pipe(v.number(), v.integer())),
        active: v.optional(v.boolean()),
      }),
    ),
    async (c) => c.json(await updateUnit(serviceCtx(c), c.req.param('id'), c.req.valid('json'))),
  )
  .get('/users', admin, describe({ summary: '用户列表', tags: ['县区管理'] }), async (c) =>
    c.json({ items: await listAccounts(c.get('deps'), c.get('tenant').id) }),
  )
  .post(
    '/users',
    admin,
    describe({ summary: '新建用户', tags: ['县区管理'], responses: { '201': '已创建' } }),
    valid('json', v.object({ ...NEW_ACCOUNT, role: Role, unitId: v.optional(v.nullable(Id)) })),
    async (c) => {
      const input = c.req.valid('json');
      if (input.role === 'platform_admin') throw invalid('不能在县区内创建平台管理员');
      return c.json(await createUser(c.get('deps'), currentActor(c), c.get('tenant').id, input), 201);
    },
  )
  .patch(
    '/users/:id',
    admin,
    describe({
      summary: '修改用户：登录名、角色、单位、重置密码、锁定/解锁、停用',
      description:
        '停用、锁定、重置密码、改角色或单位时，该用户已登录的会话随即失效；不能停用、锁定或降级自己，也不能停用本县最后一位管理员。',
      tags: ['县区管理'],
    }),
    valid(
      'json',
      v.object({ ...ACCOUNT_CHANGE, role: v.optional(Role), unitId: v.optional(v.nullable(Id)) }),
    ),
    async (c) => c.json(await updateUser(serviceCtx(c), c.req.param('id'), c.req.valid('json'))),
  )
  .get(
    '/categories',
    describe({ summary: '内容分类（树）及默认承办单位', tags: ['县区管理'] }),
    staff,
    async (c) => c.json({ items: await listCategories(c.get('deps').db, c.get('tenant').id) }),
  )
  .post(
    '/categories',
    admin,
    describe({ summary: '新建内容分类', tags: ['县区管理'], responses: { '201': '已创建' } }),
    valid(
      'json',
      v.object({
        name: Name(40),
        parentId: v.optional(v.nullable(Id)),
        routeUnitIds: v.optional(v.pipe(v.array(Id), v.maxLength(10))),
        routeToTownship: v.optional(v.boolean()),
        sort: v.optional(v.pipe(v.number(), v.integer())),
      }),
    ),
    async (c) => c.json(await createCategory(serviceCtx(c), c.req.valid('json')), 201),
  )
  .patch(
    '/categories/:id',
    admin,
    describe({ summary: '修改内容分类及默认承办单位', tags: ['县区管理'] }),
    valid(
      'json',
      v.object({
        name: v.optional(Name(40)),
        routeUnitIds: v.optional(v.pipe(v.array(Id), v.maxLength(10))),
        routeToTownship: v.optional(v.boolean()),
        sort: v.optional(v.pipe(v.number(), v.integer())),
        active: v.optional(v.boolean()),
      }),
    ),
    async (c) => c.json(await updateCategory(serviceCtx(c), c.req.param('id'), c.req.valid('json'))),
  )
  .get(
    '/settings',
    staff,
    describe({ summary: '县区设置（期限、评价期、时区、考核方案、门户）', tags: ['县区管理'] }),
    async (c) => {
      const row = await getSettingsRow(c.get('deps').db, c.get('tenant').id);
      const { warnings, calendarReady } = await scheduleState(c);
      return c.json({ settings: c.get('settings'), version: row?.version ?? 0, warnings, calendarReady });
    },
  )
  .get(
    '/readiness',
    admin,
    describe({
      summary: '上线准备：本县尚缺的设置',
      description:
        'items：每项 ok（已具备）、optional（可选）、text（说明）、href（去处理的管理页面）；ready：必需的各项均已具备。检查承办单位、信访局调度员、各单位承办人（开启答复审核时还有单位领导）、内容分类及其默认承办单位、今年和来年的全国节假日安排、答复模板。',
      tags: ['县区管理'],
    }),
    async (c) => c.json(await tenantReadiness(serviceCtx(c), (await scheduleState(c)).warnings)),
  )
  .patch(
    '/settings',
    admin,
    describe({ summary: '修改县区设置（部分更新）', tags: ['县区管理'] }),
    valid('json', v.object({ version: v.optional(v.number()), patch: TenantSettingsPatchSchema })),
    async (c) => {
      const { version, patch } = c.req.valid('json');
      return c.json(await updateSettings(serviceCtx(c), patch as Record<string, unknown>, version));
    },
  )
  .get(
    '/holidays',
    staff,
    describe({ summary: '节假日安排（全国 + 本县）', tags: ['县区管理'] }),
    async (c) => c.json(await listHolidayOverrides(c.get('deps').db, c.get('tenant').id)),
  )
  .put(
    '/holidays',
    admin,
    describe({ summary: '设置本县停止办公日或调休', tags: ['县区管理'] }),
    valid(
      'json',
      v.object({
        day: Day,
        workday: v.boolean(),
        note: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(40)))),
      }),
    ),
    async (c) => {
      const ctx = serviceCtx(c);
      await setHoliday(ctx.db, ctx.actor, ctx.tenant.id, ctx.clock.now(), c.req.valid('json'));
      return c.json({ ok: true });
    },
  )
  .delete(
    '/holidays/:day',
    admin,
    describe({
      summary: '删除本县的一天安排（该日恢复按全国安排计算）',
      tags: ['县区管理'],
      responses: { '404': '本县该日没有安排' },
    }),
    valid('param', v.object({ day: Day })),
    async (c) => {
      const ctx = serviceCtx(c);
      await deleteHoliday(ctx.db, ctx.actor, ctx.tenant.id, ctx.clock.now(), c.req.valid('param').day);
      return c.json({ ok: true });
    },
  )
  .get('/tokens', admin, describe({ summary: 'API 令牌列表', tags: ['县区管理'] }), async (c) =>
    c.json({
      items: (await listTokens(c.get('deps').db, c.get('tenant').id)).map(({ tokenHash: _h, ...t }) => t),
    }),
  )
  .post(
    '/tokens',
    admin,
    describe({
      summary: '创建 API 令牌（明文只显示一次）',
      tags: ['县区管理'],
      responses: { '201': '已创建' },
    }),
    valid('json', v.object({ name: Name(40), role: Role, unitId: v.optional(v.nullable(Id)) })),
    async (c) => c.json(await createApiToken(serviceCtx(c), c.req.valid('json')), 201),
  )
  .delete('/tokens/:id', admin, describe({ summary: '吊销 API 令牌', tags: ['县区管理'] }), async (c) => {
    await revokeApiToken(serviceCtx(c), c.req.param('id'));
    return c.json({ ok: true });
  })
  .get(
    '/reply-templates',
    staff,
    describe({
      summary: '答复模板',
      description:
        '承办人可选用的模板（已停用的不列出）。管理员加 all=1 时连同已停用的一并列出（active 为 false）。',
      tags: ['县区管理'],
    }),
    valid('query', v.object({ all: v.optional(v.picklist(['0', '1'], 'all 只能是 0 或 1')) })),
    async (c) => {
      const retired = c.req.valid('query').all === '1';
      if (retired) assertAdmin(currentActor(c));
      return c.json({ items: await listReplyTemplates(c.get('deps').db, c.get('tenant').id, { retired }) });
    },
  )
  .post(
    '/reply-templates',
    admin,
    describe({ summary: '新建答复模板', tags: ['县区管理'], responses: { '201': '已创建' } }),
    valid('json', v.object({ name: TemplateName, body: TemplateBody })),
    async (c) => c.json(await createReplyTemplate(serviceCtx(c), c.req.valid('json')), 201),
  )
  .patch(
    '/reply-templates/:id',
    admin,
    describe({
      summary: '修改答复模板：名称、内容，停用或启用',
      description:
        'version 为读到的版本号，他人已修改时答 409（CONFLICT，details 指向 version）。停用的模板不再供承办人选用，已据其写成的答复不受影响。',
      tags: ['县区管理'],
      responses: { '409': '模板已被他人修改' },
    }),
    valid(
      'json',
      v.object({
        version: Version,
        name: v.optional(TemplateName),
        body: v.optional(TemplateBody),
        active: v.optional(v.boolean('active 必须是 true 或 false')),
      }),
    ),
    async (c) => c.json(await updateReplyTemplate(serviceCtx(c), c.req.param('id'), c.req.valid('json'))),
  )
  .get(
    '/audit',
    admin,
    describe({
      summary: '审计日志（本县全部操作记录，新的在前；仅管理员）',
      description: `本县的日期。${AUDIT_FILTER_HELP}`,
      tags: ['县区管理'],
    }),
    valid('query', AuditFilter),
    async (c) => c.json(await auditPage(serviceCtx(c), pageQuery(c.req.valid('query')))),
  )
  .get(
    '/audit/export.csv',
    admin,
    describe({ summary: `导出审计日志${AUDIT_CSV_SUMMARY}`, tags: ['县区管理'] }),
    valid('query', AuditFilter),
    async (c) => csvDownload(await auditCsv(serviceCtx(c), exportQuery(c.req.valid('query')))),
  );
