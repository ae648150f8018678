// Platform administration: tenants (one per county government) and the national holiday schedule.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../api/context';
import { currentActor, requireRole } from '../middleware/auth';
import { describe, valid } from '../lib/openapi';
import { listTenantsWithReadiness } from '../repo/tenancy';
import { createTenant, setHoliday, setTenantActive, tenantStatus } from '../services/tenancy';
import { Day, Name, Slug } from './schemas';
import { holidayOverrides } from '../../db/schema';
import { isNull, asc } from 'drizzle-orm';

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
  .get('/holidays', describe({ summary: '全国节假日安排（手工录入部分）', tags: ['平台管理'] }), async (c) =>
    c.json({
      items: await c
        .get('deps')
        .db.select()
        .from(holidayOverrides)
        .where(isNull(holidayOverrides.tenantId))
        .orderBy(asc(holidayOverrides.day)),
    }),
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
  );
