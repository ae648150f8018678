// Platform administration: tenants (one per county government), the national holiday schedule, the
// platform admins' accounts and the platform's audit log.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../api/context';
import { currentActor, requireRole } from '../middleware/auth';
import { describe, valid } from '../lib/openapi';
import { listTenantsWithReadiness } from '../repo/tenancy';
import { PLATFORM_AUDIT_PREFIXES, platformAuditCsv, platformAuditPage } from '../services/audit';
import {
  createTenant,
  createUser,
  deleteHoliday,
  listAccounts,
  setHoliday,
  setTenantActive,
  tenantStatus,
  updateAccount,
} from '../services/tenancy';
import {
  AUDIT_CSV_SUMMARY,
  AUDIT_FILTER_HELP,
  auditFilter,
  csvDownload,
  exportQuery,
  pageQuery,
} from './audit';
import { ACCOUNT_CHANGE, Day, NEW_ACCOUNT, Name, Slug } from './schemas';
import { holidayOverrides } from '../../db/schema';
import { isNull, asc } from 'drizzle-orm';
import { localDay, missingScheduleYears, scheduleBegun } from '../domain/calendar';
import { DEFAULT_SETTINGS } from '../domain/settings';

const PlatformAuditFilter = auditFilter(PLATFORM_AUDIT_PREFIXES);

export const platformRoutes = new Hono<AppEnv>()
  .use(requireRole('platform_admin'))
  .post(
    '/tenants',
    describe({ summary: '创建县区（租户）', tags: ['平台管理'], responses: { '201': '已创建' } }),
    valid('json', v.object({ slug: Slug, name: Name(40) })),
    async (c) => c.json(await createTenant(c.get('deps'), currentActor(c), c.req.valid('json')), 201),
  )
  .get(
    '/tenants',
    describe({
      summary: '县区列表',
      description:
        'listed：是否出现在群众门户的县区列表中（启用，且至少有一个启用的内容分类和一名启用的信访局工作人员或管理员）；missing：尚缺的项。',
      tags: ['平台管理'],
    }),
    async (c) => c.json({ items: (await listTenantsWithReadiness(c.get('deps').db)).map(tenantStatus) }),
  )
  .patch(
    '/tenants/:id',
    describe({
      summary: '停用或启用县区',
      description:
        '停用后该县区从门户列表中消失，门户和接口均答复不存在，工作人员不能登录、已登录的会话失效；数据保留，重新启用即可恢复。',
      tags: ['平台管理'],
    }),
    valid('json', v.object({ active: v.boolean('active 应为 true 或 false') })),
    async (c) => {
      const deps = c.get('deps');
      await setTenantActive(deps, currentActor(c), c.req.param('id'), c.req.valid('json').active);
      const row = (await listTenantsWithReadiness(deps.db)).find((t) => t.id === c.req.param('id'))!;
      return c.json(tenantStatus(row));
    },
  )
  .get(
    '/holidays',
    describe({
      summary: '全国节假日安排（手工录入部分）',
      description: 'warnings：今年或来年的全国安排既不在内置数据中、也尚未录入时，提醒录入（今年的在前）。',
      tags: ['平台管理'],
    }),
    async (c) => {
      const { db, clock } = c.get('deps');
      const items = await db
        .select()
        .from(holidayOverrides)
        .where(isNull(holidayOverrides.tenantId))
        .orderBy(asc(holidayOverrides.day));
      const today = localDay(clock.now(), DEFAULT_SETTINGS.timeZone);
      const days = items.map((h) => h.day);
      const missing = missingScheduleYears(today, days);
      const thisYear = Number(today.slice(0, 4));
      return c.json({
        items,
        warnings: missing.map((year) =>
          scheduleBegun(year, days)
            ? `${year}年全国节假日安排录入不完整：尚缺元旦、春节或国庆的安排，未录入的日子按普通周末计算。请按国务院办公厅通知补全。`
            : year === thisYear
              ? `今年（${year}年）的全国节假日安排尚未录入：各县区今年的工作日期限正按普通周末计算，元旦、春节等都算作工作日，期限和统计都会出错。请立即按国务院办公厅通知录入。`
              : `${year}年全国节假日安排尚未录入，各县区的工作日期限暂按普通周末计算（元旦、春节等都会算作工作日）。请按国务院办公厅通知录入。`,
        ),
      });
    },
  )
  .put(
    '/holidays',
    describe({ summary: '录入国务院公布的节假日/调休安排（优先于内置数据）', tags: ['平台管理'] }),
    valid(
      'json',
      v.object({
        days: v.pipe(
          v.array(
            v.object({
              day: Day,
              workday: v.boolean(),
              note: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(40)))),
            }),
          ),
          v.maxLength(400),
        ),
      }),
    ),
    async (c) => {
      const { db, clock } = c.get('deps');
      const actor = currentActor(c);
      for (const d of c.req.valid('json').days) await setHoliday(db, actor, null, clock.now(), d);
      return c.json({ ok: true });
    },
  )
  .delete(
    '/holidays/:day',
    describe({
      summary: '删除全国安排中的一天（该日恢复按内置数据计算）',
      tags: ['平台管理'],
      responses: { '404': '该日没有手工录入的安排' },
    }),
    valid('param', v.object({ day: Day })),
    async (c) => {
      const { db, clock } = c.get('deps');
      await deleteHoliday(db, currentActor(c), null, clock.now(), c.req.valid('param').day);
      return c.json({ ok: true });
    },
  )
  .get('/users', describe({ summary: '平台管理员账号', tags: ['平台管理'] }), async (c) =>
    c.json({ items: await listAccounts(c.get('deps'), null) }),
  )
  .post(
    '/users',
    describe({
      summary: '新建平台管理员账号（每位运营人员一个账号，不共用）',
      tags: ['平台管理'],
      responses: { '201': '已创建' },
    }),
    valid('json', v.object(NEW_ACCOUNT)),
    async (c) =>
      c.json(
        await createUser(c.get('deps'), currentActor(c), null, {
          ...c.req.valid('json'),
          role: 'platform_admin',
        }),
        201,
      ),
  )
  .patch(
    '/users/:id',
    describe({
      summary: '修改平台管理员账号：登录名、姓名、重置密码、锁定/解锁、停用',
      description:
        '停用、锁定或重置密码后，该账号已登录的会话随即失效；不能停用或锁定自己，也不能停用或锁定最后一位可用的平台管理员。',
      tags: ['平台管理'],
    }),
    valid('json', v.object(ACCOUNT_CHANGE)),
    async (c) =>
      c.json(
        await updateAccount(c.get('deps'), currentActor(c), null, c.req.param('id'), c.req.valid('json')),
      ),
  )
  .get(
    '/audit',
    describe({
      summary: '平台审计日志（不属于任何县区的记录，及县区的开通、停用、启用；新的在前）',
      description: `平台管理员的登录与账号、不存在的登录名的登录失败、全国节假日安排、平台审计日志的导出，以及各县区的开通、停用和启用（这些也在该县区的审计日志中）。日期按北京时间。${AUDIT_FILTER_HELP}`,
      tags: ['平台管理'],
    }),
    valid('query', PlatformAuditFilter),
    async (c) =>
      c.json(await platformAuditPage(c.get('deps'), currentActor(c), pageQuery(c.req.valid('query')))),
  )
  .get(
    '/audit/export.csv',
    describe({ summary: `导出平台审计日志${AUDIT_CSV_SUMMARY}`, tags: ['平台管理'] }),
    valid('query', PlatformAuditFilter),
    async (c) =>
      csvDownload(await platformAuditCsv(c.get('deps'), currentActor(c), exportQuery(c.req.valid('query')))),
  );
