// Download links for a case's files (GET /attachments/{id}; the server checks who may see them).
import { For, Show } from 'solid-js';
import type { Attachment } from '../lib/api';
import { bytes, dateTime } from '../lib/format';
import { slug } from '../lib/session';

export const attachmentUrl = (f: Attachment) =>
  f.url ?? `/api/t/${encodeURIComponent(slug())}/attachments/${encodeURIComponent(f.id)}`;

const KIND: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
};

export function AttachmentLinks(props: {
  files: Attachment[];
  label: string;
  /** files this reader may not download: listed by name only, with the reason */
  withheld?: (f: Attachment) => string | null;
  /** offers a 移除 button beside each file (the caller asks for confirmation) */
  onRemove?: (f: Attachment) => void;
  busy?: boolean;
}) {
  return (
    <Show when={props.files.length}>
      <ul class="file-list" aria-label={props.label}>
        <For each={props.files}>
          {(f) => {
            const reason = () => props.withheld?.(f) ?? null;
            return (
              <li>
                <Show
                  when={!reason()}
                  fallback={
                    <>
                      {f.fileName} <span class="hint">（{reason()}）</span>
                    </>
                  }
                >
                  <a href={attachmentUrl(f)} download={f.fileName} title={`下载 ${f.fileName}`}>
                    {f.fileName}
                  </a>
                </Show>{' '}
                <span class="hint">
                  {[KIND[f.mime] ?? '', bytes(f.size), dateTime(f.createdAt)].filter(Boolean).join(' · ')}
                </span>
                <Show when={props.onRemove}>
                  {(remove) => (
                    <>
                      {' '}
                      <button
                        type="button"
                        class="link"
                        disabled={props.busy}
                        aria-label={`移除 ${f.fileName}`}
                        onClick={() => remove()(f)}
                      >
                        移除
                      </button>
                    </>
                  )}
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
