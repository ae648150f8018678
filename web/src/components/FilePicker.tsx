// Files chosen for something not yet sent (a registered letter's scan, a reply's 答复意见书 and
// 送达回证): each is uploaded at once (POST /attachments, the type checked by the server from its
// bytes), listed with a way to take it off again, and its id goes with the form when it is sent.
import { createSignal, For, Show } from 'solid-js';
import { type Attachment, errorText, t, UserError } from '../lib/api';
import { bytes } from '../lib/format';
import { slug } from '../lib/session';
import { fieldAria } from './FormField';
import { Notice } from './ui';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp';

/** What a form keeps of an uploaded file (and saves with its draft). */
export type PickedFile = Pick<Attachment, 'id' | 'fileName' | 'size' | 'mime'>;

export default function FilePicker(props: {
  label: string;
  files: PickedFile[];
  onChange: (files: PickedFile[]) => void;
  max?: number;
  disabled?: boolean;
  /** the input's id, for a form that focuses its first problem */
  id?: string;
  /** the form's own problem with the files (a server refusal, an upload not finished) */
  problem?: string;
  /** told when uploading starts and ends: a form sent meanwhile would go without the file */
  onBusy?: (busy: boolean) => void;
}) {
  const max = () => props.max ?? 6;
  const [busy, setBusy] = createSignal('');
  const [error, setError] = createSignal('');
  const id = props.id ?? `files-${Math.random().toString(36).slice(2, 8)}`;

  const add = async (input: HTMLInputElement) => {
    const chosen = [...(input.files ?? [])];
    input.value = '';
    if (!chosen.length) return;
    setError('');
    props.onBusy?.(true);
    const problems: string[] = [];
    let list = [...props.files];
    for (const file of chosen) {
      try {
        if (list.length >= max()) throw new UserError(`最多 ${max()} 个附件，${file.name} 未上传`);
        if (file.size > MAX_FILE_BYTES) throw new UserError(`${file.name} 超过 10 MB，未上传`);
        if (file.size === 0) throw new UserError(`${file.name} 是空文件，未上传`);
        setBusy(`正在上传 ${file.name}…`);
        const r = await t(slug()).uploadAttachment(file);
        list = [...list, { id: r.id, fileName: r.fileName, size: r.size, mime: r.mime }];
        props.onChange(list);
      } catch (e) {
        problems.push(e instanceof UserError ? e.message : `${file.name}：${errorText(e)}`);
      }
    }
    setBusy('');
    props.onBusy?.(false);
    setError(problems.join('；'));
  };

  return (
    <div class="field file-picker">
      <label class="field-label" for={id}>
        {props.label}
      </label>
      <input
        class="file-input sr-only"
        type="file"
        multiple
        accept={ACCEPT}
        disabled={props.disabled || Boolean(busy()) || props.files.length >= max()}
        {...fieldAria(id, { error: props.problem })}
        onChange={(e) => void add(e.currentTarget)}
      />
      {/* the browser's own button speaks the browser's language; this one speaks Chinese */}
      <label class="file-button" for={id}>
        选择文件…
      </label>
      <span class="hint">PDF 或 JPG/PNG/WebP 图片，每个不超过 10 MB，最多 {max()} 个</span>
      <Show when={busy()}>
        <span class="hint" role="status">
          {busy()}
        </span>
      </Show>
      <Show when={error()}>
        <Notice kind="error">{error()}</Notice>
      </Show>
      <Show when={props.problem}>
        <span id={`${id}-error`} class="field-error" style={{ color: 'var(--red)', 'font-size': '13px' }}>
          {props.problem}
        </span>
      </Show>
      <Show when={props.files.length}>
        <ul class="file-list" aria-label="待提交的附件">
          <For each={props.files}>
            {(f) => (
              <li>
                <span>{f.fileName}</span> <span class="hint">{bytes(f.size)}</span>{' '}
                <button
                  type="button"
                  class="link"
                  disabled={props.disabled}
                  aria-label={`移除 ${f.fileName}`}
                  onClick={() => props.onChange(props.files.filter((x) => x.id !== f.id))}
                >
                  移除
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
