// Platform administration: tenants (one per county government) and the national holiday schedule.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { AppEnv } from '../api/context';
import { currentActor, requireRole } from '../middleware/auth';
import { describe, valid } from '../lib/openapi';
import { listTenants } from '../repo/tenancy';
import { createTenant, setHoliday } from '../services/tenancy';
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
  .get('/tenants', describe({ summary: '县区列表', tags: ['平台管理'] }), async (c) =>
    c.json({ items: await listTenants(c.get('deps').db) }),
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
