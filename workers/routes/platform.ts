// Platform administration: tenants (one per county government) and the national holiday schedule.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../api/context';
import { currentActor, requireRole } from '../middleware/auth';
import { describe, valid } from '../lib/openapi';
import { listTenantsWithReadiness } from '../repo/tenancy';
import { createTenant, deleteHoliday, setHoliday, setTenantActive, tenantStatus } from '../services/tenancy';
import { Day, Name, Slug } from './schemas';
import { holidayOverrides } from '../../db/schema';
import { isNull, asc } from 'drizzle-orm';
import { localDay, missingScheduleYear } from '../domain/calendar';
import { DEFAULT_SETTINGS } from '../domain/settings';

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
      description: 'warnings：来年的全国安排既不在内置数据中、也尚未录入时，提醒录入。',
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
      const missing = missingScheduleYear(
        today,
        items.map((h) => h.day),
      );
      return c.json({
        items,
        warnings:
          missing === null
            ? []
            : [
                `${missing}年全国节假日安排尚未录入，各县区的工作日期限暂按普通周末计算（元旦、春节等都会算作工作日）。请按国务院办公厅通知录入。`,
              ],
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
  );
