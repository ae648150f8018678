// What the two audit logs (审计日志) take and give at the edge: the county's under /t/{county}/audit,
// the platform's under /admin/audit. One filter (local days, a category of the log, a person, a
// cursor), one CSV answer.
import * as v from 'valibot';
import { MAX_EXPORT_ROWS } from '../services/audit';
import { Day, Id } from './schemas';

/** The filter, with the categories this log has (a county's or the platform's). */
export const auditFilter = <const P extends readonly string[]>(prefixes: P) =>
  v.object({
    from: v.optional(Day),
    to: v.optional(Day),
    type: v.optional(v.picklist(prefixes, '未知的类别')),
    actor: v.optional(Id),
    cursor: v.optional(v.pipe(v.string(), v.maxLength(100))),
    limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit 应为 1–200 的整数'))),
  });

export const AUDIT_FILTER_HELP =
  'from/to 为当地日期（含两端，默认最近 30 天）；type 为类别前缀（见返回的 types）；actor 为操作人账号 id；cursor 翻页。';

export const AUDIT_CSV_SUMMARY = `（CSV，UTF-8 带 BOM，最多 ${MAX_EXPORT_ROWS} 行）`;

/** The query as the service takes it: the page size as a number. */
export const pageQuery = <Q extends { limit?: string | undefined }>(q: Q) => ({
  ...q,
  limit: q.limit === undefined ? undefined : Number(q.limit),
});

/** The filter of an export: every row the filter finds, so no page size. */
export const exportQuery = <Q extends { limit?: string | undefined }>({ limit: _ignored, ...q }: Q) => q;

/** The export as a download. */
export const csvDownload = ({ text, filename }: { text: string; filename: string }) =>
  new Response(text, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });
