// An attachment (a citizen's photo, a unit's scanned reply): the type is read from the file's first bytes (magic numbers), never from
// its name or the browser's claim; the bytes go to the file store and a row waits (caseId null)
// until the case that names it is created.
import { inArray } from 'drizzle-orm';
import { attachments } from '../../../db/schema';
import type { AppDeps, ServiceCtx } from '../../api/context';
import { AppError } from '../../lib/errors';
import { newId, sha256Hex } from '../../lib/ids';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_CASE = 6;

export type AttachmentMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

const EXT: Record<AttachmentMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** The type the bytes really are, or null for anything we do not take. */
export function sniffMime(b: Uint8Array): AttachmentMime | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp';
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  return null;
}

/**
 * A name safe to show and to put in a download header: no path, no control or quote characters,
 * at most 80 characters, and an extension that matches the real type.
 */
export function cleanFileName(name: string, mime: AttachmentMime): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim()
    .slice(0, 80);
  return `${base || '附件'}.${EXT[mime]}`;
}

export interface SavedAttachment {
  id: string;
  fileName: string;
  size: number;
  mime: AttachmentMime;
}

/** Saves a citizen's or a staff member's file (答复意见书, 送达回证 scans); staff files name their uploader. */
export async function saveAttachment(
  ctx: ServiceCtx,
  input: { fileName: string; bytes: Uint8Array },
): Promise<SavedAttachment> {
  const { bytes } = input;
  if (bytes.byteLength === 0)
    throw new AppError('VALIDATION', '文件是空的，请重新选择', [{ path: 'file', message: '文件是空的' }]);
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过 10 MB', [
      { path: 'file', message: '文件不能超过 10 MB' },
    ]);
  }
  const mime = sniffMime(bytes);
  if (!mime) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPG、PNG、WebP 图片或 PDF 文件', [
      { path: 'file', message: '文件类型不支持（按文件内容识别）' },
    ]);
  }
  const id = newId();
  const tenantId = ctx.tenant.id;
  const storageKey = `${tenantId}/attachments/${id}`;
  const fileName = cleanFileName(input.fileName, mime);
  await ctx.deps.files.put(storageKey, bytes, mime);
  try {
    await ctx.db.insert(attachments).values({
      id,
      tenantId,
      caseId: null,
      replyId: null,
      fileName,
      mime,
      size: bytes.byteLength,
      sha256: await sha256Hex(bytes),
      storageKey,
      uploadedBy: ctx.actor.kind === 'citizen' ? 'citizen' : ctx.actor.id,
      createdAt: ctx.clock.now(),
    });
  } catch (e) {
    // no row will ever name these bytes: they go now (a kill between the two is removeStrayFiles')
    await ctx.deps.files.delete(storageKey).catch(() => {});
    throw e;
  }
  return { id, fileName, size: bytes.byteLength, mime };
}

/** Bytes younger than this may belong to an upload whose row is being written right now. */
export const STRAY_FILE_MIN_AGE_MS = 3_600_000;

/**
 * Removes stored files that no attachment row names: the bytes of an upload whose process was
 * killed between writing the file and its row. (A row nobody attached is the sweep's; its bytes go
 * with it.) Walks the whole store, so it runs at start and once a day, not with every sweep.
 */
export async function removeStrayFiles(deps: AppDeps): Promise<number> {
  // the store's times are the file system's (or R2's), not the app's clock
  const before = Date.now() - STRAY_FILE_MIN_AGE_MS;
  let removed = 0;
  let batch: Array<{ key: string; id: string }> = [];
  const settle = async () => {
    const known = new Set(
      (
        await deps.db
          .select({ key: attachments.storageKey })
          .from(attachments)
          .where(
            inArray(
              attachments.id,
              batch.map((f) => f.id),
            ),
          )
      ).map((r) => r.key),
    );
    for (const f of batch)
      if (!known.has(f.key)) {
        await deps.files.delete(f.key);
        removed++;
      }
    batch = [];
  };
  for await (const f of deps.files.list('')) {
    const id = /^[^/]+\/attachments\/([^/]+)$/.exec(f.key)?.[1];
    if (!id || f.writtenAt >= before) continue;
    batch.push({ key: f.key, id });
    if (batch.length >= 200) await settle();
  }
  if (batch.length) await settle();
  return removed;
}
