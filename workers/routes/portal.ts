// Citizen portal routes (public, per county) and the public list of counties.
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import * as v from 'valibot';
import { PURPOSES, RATING_VALUES } from '../../db/schema/cases';
import type { AppEnv, ServiceCtx } from '../api/context';
import { AppError, conflict, notFound } from '../lib/errors';
import { describe, valid } from '../lib/openapi';
import { portalOpen } from '../repo/tenant-cache';
import { listPublicTenants } from '../services/tenancy';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_CASE,
  saveAttachment,
} from '../services/portal/attachments';
import { getBoardItem, listBoard } from '../services/portal/board';
import { createChallenge } from '../services/portal/captcha';
import { portalInfo } from '../services/portal/info';
import { findCitizenCase } from '../services/portal/lookup';
import { enforce, PORTAL_LIMITS } from '../services/portal/rate-limit';
import { submitCitizenCase } from '../services/portal/submit';
import { trackingView } from '../services/portal/tracking';
import { CITIZEN_DOCUMENTS, citizenDocumentHtml } from '../services/workflow/documents';
import { rateByCitizen, requestByCitizen } from '../services/workflow/citizen';
import { citizenActor } from '../services/workflow/common';
import { loadCase } from '../services/workflow/routing';

export const publicTenantRoutes = new Hono<AppEnv>().get(
  '/tenants',
  describe({ summary: '已开通的县区', tags: ['群众门户'], public: true }),
  async (c) =>
    c.json({
      items: await listPublicTenants(c.get('deps').db),
    }),
);

const TAGS = ['群众门户'];

function citizenCtx(c: Context<AppEnv>): ServiceCtx {
  const deps = c.get('deps');
  const tenant = c.get('tenant');
  return {
    db: deps.db,
    clock: deps.clock,
    deps,
    tenant,
    settings: c.get('settings'),
    actor: citizenActor(tenant.id),
  };
}

/**
 * Who is asking, for rate limits. On Workers, Cloudflare sets cf-connecting-ip and nobody else
 * can; on Node it is the socket's peer. IPv6 clients are keyed by their /64, which one household
 * or phone usually holds whole.
 */
export function clientKey(c: Context<AppEnv>): string {
  let ip: string | undefined;
  const deps = c.get('deps');
  if (deps.runtime === 'workers') ip = c.req.header('cf-connecting-ip');
  // Behind nginx every request comes from the proxy; the operator says so with TRUST_PROXY=1 and
  // the proxy's last hop (the rightmost X-Forwarded-For entry) is the citizen.
  else if (deps.trustProxy)
    ip = c.req.header('x-forwarded-for')?.split(',').pop()?.trim() || c.req.header('x-real-ip') || undefined;
  else
    ip = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
      ?.remoteAddress;
  // none (a Worker called without Cloudflare in front: wrangler dev, a test): one shared bucket
  if (!ip) return 'unknown';
  ip = ip.replace(/^::ffff:/i, '');
  if (ip.includes(':')) return ip.split(':').slice(0, 4).join(':');
  return ip;
}

// ---------------------------------------------------------------------------------------------
// Schemas (Chinese messages: they are shown at the field).

// Lengths in characters as the citizen sees them counted on the form (an emoji is one), not in the
// UTF-16 units JavaScript's length counts: the form's counter and the server agree.
const chars = (s: string) => [...s].length;
const Str = (label: string, min: number, max: number) =>
  v.pipe(
    v.string(`${label}必须是文本`),
    v.trim(),
    v.check((s) => chars(s) >= min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`),
    v.check((s) => chars(s) <= max, `${label}不能超过 ${max} 个字`),
  );
const OptStr = (label: string, max: number) =>
  v.optional(
    v.pipe(
      v.string(`${label}必须是文本`),
      v.trim(),
      v.check((s) => chars(s) <= max, `${label}不能超过 ${max} 个字`),
      v.transform((s) => s || undefined),
    ),
  );
const RefId = v.optional(
  v.pipe(
    v.string(),
    v.maxLength(64),
    v.transform((s) => s || undefined),
  ),
);

export const PortalCaseSchema = v.object({
  kind: v.picklist(['petition', 'inquiry'], '请选择反映类型'),
  purpose: v.picklist(PURPOSES, '请选择诉求目的'),
  categoryId: RefId,
  townshipUnitId: RefId,
  address: OptStr('地址', 200),
  title: Str('标题', 4, 60),
  content: Str('内容', 10, 5000),
  name: OptStr('姓名', 30),
  phone: OptStr('联系电话', 20),
  idNumber: OptStr('身份证号', 20),
  anonymous: v.optional(v.boolean()),
  isPublic: v.optional(v.boolean()),
  attachmentIds: v.optional(
    v.pipe(
      v.array(v.pipe(v.string(), v.maxLength(64))),
      v.maxLength(MAX_ATTACHMENTS_PER_CASE, `附件最多 ${MAX_ATTACHMENTS_PER_CASE} 个`),
    ),
  ),
  captcha: v.optional(v.pipe(v.string(), v.maxLength(4000))),
  /** honeypot: hidden from people, must stay empty */
  website: v.optional(v.pipe(v.string(), v.maxLength(500))),
});

const Credentials = {
  queryCode: v.pipe(
    v.string('请输入查询码'),
    v.trim(),
    v.minLength(1, '请输入查询码'),
    v.maxLength(40, '查询码不正确'),
  ),
  secret: v.pipe(
    v.string('请输入查询密码'),
    v.trim(),
    v.minLength(1, '请输入查询密码'),
    v.maxLength(40, '查询密码不正确'),
  ),
};
const TrackSchema = v.object(Credentials);
const PaperSchema = v.object({
  ...Credentials,
  assignmentId: v.pipe(v.string('请指定承办单位'), v.maxLength(64)),
  kind: v.picklist(CITIZEN_DOCUMENTS, '文书种类应为 reply 或 decision'),
});
const Rating = v.picklist(RATING_VALUES, '请选择满意、基本满意或不满意');
export const RateSchema = v.object({
  ...Credentials,
  ratings: v.pipe(
    v.array(v.object({ assignmentId: v.pipe(v.string(), v.maxLength(64)), value: Rating })),
    v.minLength(1, '请为承办单位选择评价'),
    v.maxLength(20),
  ),
  bureau: v.optional(Rating),
  comment: OptStr('评价意见', 500),
});
export const ReviewSchema = v.object({
  ...Credentials,
  kind: v.picklist(['rework', 'review'], '请选择申请重新办理或申请复查'),
  reason: Str('理由', 5, 1000),
});

const BoardQuerySchema = v.object({
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(50, '搜索词不能超过 50 个字'))),
  categoryId: RefId,
  unitId: RefId,
  cursor: v.optional(v.pipe(v.string(), v.maxLength(100))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,2}$/, '每页条数应为 1–50'),
      v.transform(Number),
      v.minValue(1, '每页条数应为 1–50'),
      v.maxValue(50, '每页条数应为 1–50'),
    ),
  ),
});

async function reload(ctx: ServiceCtx, caseId: string) {
  const row = await loadCase(ctx, caseId);
  if (!row) throw notFound('案件');
  return row;
}

const IdemKey = /^[A-Za-z0-9_-]{16,64}$/;

export const PORTAL_NOT_OPEN = '该县区尚未开通网上信访和问政，请通过来信、来访或电话反映';

/**
 * Taking in new submissions (and the captcha and uploads that lead to one) needs a county that is
 * ready: one reached by its address before it is listed would take cases nobody can route. Tracking,
 * rating and the board of a county stay open.
 */
const requireOpen: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!(await portalOpen(c.get('deps').db, c.get('tenant').id)))
    throw conflict(PORTAL_NOT_OPEN, [{ path: 'tenant', message: '尚未开通' }]);
  await next();
};

// ---------------------------------------------------------------------------------------------

export const portalRoutes = new Hono<AppEnv>()
  .get(
    '/info',
    describe({ summary: '门户信息：县区名称、栏目设置、分类与单位', tags: TAGS, public: true }),
    async (c) => {
      const deps = c.get('deps');
      c.header('cache-control', 'public, max-age=60');
      return c.json(await portalInfo(deps.db, c.get('tenant'), c.get('settings'), !deps.captcha?.disabled));
    },
  )
  .get(
    '/captcha',
    describe({ summary: '获取工作量证明验证题（ALTCHA 格式）', tags: TAGS, public: true }),
    requireOpen,
    async (c) => {
      const deps = c.get('deps');
      const tenant = c.get('tenant');
      const now = deps.clock.now();
      await enforce(
        deps.db,
        [
          {
            key: `captcha:ip:${tenant.id}:${clientKey(c)}`,
            limit: PORTAL_LIMITS.captchaPerIp,
            what: '验证请求',
          },
        ],
        now,
      );
      c.header('cache-control', 'no-store');
      return c.json(await createChallenge(deps.secret, tenant.id, now, deps.captcha?.maxNumber));
    },
  )
  .post(
    '/attachments',
    describe({
      summary: '上传附件（multipart 字段 file；JPG/PNG/WebP/PDF，按文件内容识别，≤ 10 MB）',
      tags: TAGS,
      public: true,
      responses: { '201': '已上传', '409': '县区尚未开通', '413': '文件过大', '415': '文件类型不支持' },
    }),
    requireOpen,
    async (c) => {
      const ctx = citizenCtx(c);
      await enforce(
        ctx.db,
        [
          {
            key: `upload:ip:${ctx.tenant.id}:${clientKey(c)}`,
            limit: PORTAL_LIMITS.uploadPerIp,
            what: '上传',
          },
        ],
        ctx.clock.now(),
      );
      if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
        throw new AppError('VALIDATION', '请以表单方式上传文件', [{ path: 'file', message: '缺少文件' }]);
      }
      const declared = Number(c.req.header('content-length') ?? 0);
      if (declared > MAX_ATTACHMENT_BYTES + 64 * 1024)
        throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB');
      let form: FormData;
      try {
        form = await c.req.formData();
      } catch {
        throw new AppError('VALIDATION', '上传的内容无法识别，请重新选择文件', [
          { path: 'file', message: '上传内容有误' },
        ]);
      }
      const file = form.get('file');
      if (!file || typeof file === 'string') {
        throw new AppError('VALIDATION', '请选择要上传的文件', [{ path: 'file', message: '缺少文件' }]);
      }
      if (file.size > MAX_ATTACHMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB');
      const saved = await saveAttachment(ctx, {
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      return c.json(saved, 201);
    },
  )
  .post(
    '/cases',
    describe({
      summary: '提交投诉/信访或问政（须带 Idempotency-Key；同一键重复提交只产生一件）',
      tags: TAGS,
      public: true,
      responses: {
        '201': '已受理，返回编号、查询码和查询密码',
        '409': '县区尚未开通网上受理',
        '429': '提交过于频繁',
      },
    }),
    requireOpen,
    valid('json', PortalCaseSchema),
    async (c) => {
      const key = c.req.header('idempotency-key') ?? '';
      if (!IdemKey.test(key)) {
        throw new AppError('VALIDATION', '请求缺少有效的 Idempotency-Key，请刷新页面后重试', [
          { path: 'Idempotency-Key', message: '应为 16–64 位字母、数字、- 或 _' },
        ]);
      }
      const { receipt, replayed } = await submitCitizenCase(citizenCtx(c), c.req.valid('json'), {
        idempotencyKey: key,
        clientKey: clientKey(c),
      });
      c.header('cache-control', 'no-store');
      if (replayed) c.header('idempotent-replayed', 'true');
      return c.json(receipt, 201);
    },
  )
  .post(
    '/track',
    describe({
      summary: '凭查询码和查询密码查询办理进度',
      tags: TAGS,
      public: true,
      responses: { '404': '查询码或查询密码不正确（统一提示）', '429': '查询过于频繁' },
    }),
    valid('json', TrackSchema),
    async (c) => {
      const ctx = citizenCtx(c);
      const row = await findCitizenCase(ctx, c.req.valid('json'), clientKey(c));
      c.header('cache-control', 'no-store');
      return c.json(await trackingView(ctx, row));
    },
  )
  .post(
    '/papers',
    describe({
      summary: '打印答复意见书或受理/不予受理告知书（A4 HTML），凭查询码和查询密码',
      tags: TAGS,
      public: true,
      responses: { '404': '查询码或查询密码不正确', '409': '尚未答复或尚未作出受理决定' },
    }),
    valid('json', PaperSchema),
    async (c) => {
      const ctx = citizenCtx(c);
      const input = c.req.valid('json');
      const row = await findCitizenCase(ctx, input, clientKey(c));
      c.header('cache-control', 'no-store');
      return c.html(await citizenDocumentHtml(ctx, row.id, input.assignmentId, input.kind));
    },
  )
  .post(
    '/rate',
    describe({
      summary: '评价：对承办单位和信访部门分别评价（满意/基本满意/不满意）',
      tags: TAGS,
      public: true,
      responses: { '404': '查询码或查询密码不正确', '409': '不在评价期内或已评价' },
    }),
    valid('json', RateSchema),
    async (c) => {
      const ctx = citizenCtx(c);
      const input = c.req.valid('json');
      const row = await findCitizenCase(ctx, input, clientKey(c));
      await rateByCitizen(ctx, row.id, {
        ratings: input.ratings,
        bureau: input.bureau ?? null,
        comment: input.comment ?? null,
      });
      c.header('cache-control', 'no-store');
      return c.json(await trackingView(ctx, await reload(ctx, row.id)));
    },
  )
  .post(
    '/review',
    describe({
      summary: '不满意时申请重新办理（重办）或复查/复核',
      tags: TAGS,
      public: true,
      responses: { '404': '查询码或查询密码不正确', '409': '当前不能申请' },
    }),
    valid('json', ReviewSchema),
    async (c) => {
      const ctx = citizenCtx(c);
      const input = c.req.valid('json');
      const row = await findCitizenCase(ctx, input, clientKey(c));
      // Not twice for the same answer: a second tap or a repeat request waits for the bureau.
      const before = await trackingView(ctx, row);
      if (
        input.kind === 'rework' &&
        !before.canRequestRework &&
        !before.reworkKept &&
        before.rating.given.some((g) => g.value === 'unsatisfied')
      ) {
        throw new AppError('CONFLICT', '您已申请重新办理，请等待信访部门处理');
      }
      if (input.kind === 'review' && before.reviewPending && row.reviewLevel < 2) {
        throw new AppError('CONFLICT', '您的复查申请正在处理，收到复查答复后才能申请复核');
      }
      await requestByCitizen(ctx, row.id, { kind: input.kind, reason: input.reason });
      c.header('cache-control', 'no-store');
      return c.json(await trackingView(ctx, await reload(ctx, row.id)));
    },
  )
  .get(
    '/board',
    describe({
      summary: '网上问政公开栏目：已公开答复的问政（可搜索、筛选、分页）',
      tags: TAGS,
      public: true,
    }),
    valid('query', BoardQuerySchema),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await listBoard(c.get('deps').db, c.get('tenant').id, q));
    },
  )
  .get(
    '/board/:number',
    describe({ summary: '网上问政：一条已公开的问答', tags: TAGS, public: true }),
    async (c) => {
      const number = c.req.param('number');
      const item = /^[\w-]{1,40}$/.test(number)
        ? await getBoardItem(c.get('deps').db, c.get('tenant').id, number)
        : null;
      if (!item) throw notFound('该问政');
      return c.json(item);
    },
  );
