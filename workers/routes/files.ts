// Staff attachments (upload, download, taking one off a reply draft) and the list of repeat
// suggestions for the workbench.
import { inList } from '../../db/in-list';
import { and, desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import * as v from 'valibot';
import { cases, repeatSuggestions } from '../../db/schema';
import type { AppEnv } from '../api/context';
import { AppError, forbidden } from '../lib/errors';
import { describe, valid } from '../lib/openapi';
import { saveAttachment } from '../services/portal/attachments';
import { isBureau } from '../services/workflow/common';
import { readAttachment, removeReplyFile } from '../services/workflow/files';
import { assignmentRowView } from '../services/workflow/views';
import { Version } from './schemas';
import { serviceCtx } from './tenant-admin';

export const fileRoutes = new Hono<AppEnv>()
  .post(
    '/attachments',
    describe({
      summary: '上传附件（工作人员）：multipart 字段 file；JPG/PNG/WebP/PDF，按文件内容识别，最大 10 MB',
      tags: ['办件流程'],
      responses: { '201': '已上传' },
    }),
    async (c) => {
      const ctx = serviceCtx(c);
      if (ctx.actor.role === 'county_leader') throw forbidden('县领导账号只能查看');
      const form = await c.req.parseBody().catch(() => {
        throw new AppError('VALIDATION', '请以 multipart/form-data 上传文件', [
          { path: 'file', message: '缺少文件' },
        ]);
      });
      const file = form.file;
      if (!(file instanceof File))
        throw new AppError('VALIDATION', '请选择文件', [{ path: 'file', message: '缺少文件' }]);
      const saved = await saveAttachment(ctx, {
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      return c.json({ ...saved, url: `/api/t/${ctx.tenant.slug}/attachments/${saved.id}` }, 201);
    },
  )
  .get(
    '/attachments/:id',
    describe({ summary: '下载附件（按案件可见范围）', tags: ['办件流程'] }),
    async (c) => {
      const { row, bytes } = await readAttachment(serviceCtx(c), c.req.param('id'));
      return new Response(new Uint8Array(bytes), {
        headers: {
          'content-type': row.mime,
          'content-length': String(bytes.byteLength),
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
          'x-content-type-options': 'nosniff',
          'cache-control': 'private, no-store',
        },
      });
    },
  )
  .post(
    '/assignments/:id/reply-attachments/:attachmentId/remove',
    describe({
      summary:
        '从答复中移除附件（本单位承办人、单位领导；仅限草稿或审核退回的答复）：文件留档不删除，不再随答复发送，也不能再下载',
      description:
        '请求体须带批转件当前 version；版本过期返回 409 CONFLICT。答复在审核中、已审核通过或已发送时返回 409，附件不属于该批转件的答复时返回 404。',
      tags: ['办件流程'],
      responses: { '409': '答复已在审核中、已通过或已发送，或版本已过期' },
    }),
    valid('json', v.object({ version: Version })),
    async (c) => {
      const ctx = serviceCtx(c);
      const row = await removeReplyFile(
        ctx,
        c.req.param('id'),
        c.req.param('attachmentId'),
        c.req.valid('json'),
      );
      return c.json(await assignmentRowView(ctx, row));
    },
  )
  .get(
    '/repeat-suggestions',
    describe({ summary: '重复件提示列表（信访部门）', tags: ['办件流程'] }),
    valid('query', v.object({ status: v.optional(v.picklist(['pending', 'confirmed', 'rejected'])) })),
    async (c) => {
      const ctx = serviceCtx(c);
      if (!isBureau(ctx.actor)) throw forbidden('仅信访部门可查看重复件提示');
      const status = c.req.valid('query').status ?? 'pending';
      const rows = await ctx.db
        .select()
        .from(repeatSuggestions)
        .where(and(eq(repeatSuggestions.tenantId, ctx.tenant.id), eq(repeatSuggestions.status, status)))
        .orderBy(desc(repeatSuggestions.createdAt))
        .limit(200);
      const ids = [...new Set(rows.flatMap((r) => [r.caseId, r.earlierCaseId]))];
      const info = ids.length
        ? await ctx.db
            .select({
              id: cases.id,
              number: cases.number,
              title: cases.title,
              status: cases.status,
              receivedAt: cases.receivedAt,
            })
            .from(cases)
            .where(and(eq(cases.tenantId, ctx.tenant.id), inList(cases.id, ids)))
        : [];
      const byId = new Map(info.map((i) => [i.id, i]));
      return c.json({
        items: rows.map((r) => ({
          ...r,
          case: byId.get(r.caseId) ?? null,
          earlierCase: byId.get(r.earlierCaseId) ?? null,
        })),
      });
    },
  );
