// The reply editor of one assignment: templates, the draft kept in sessionStorage until the server
// has it, files (答复意见书, 送达回证 scans) uploaded and sent with the draft and taken off it again
// while the reply is a draft or sent back, submit for the unit leader's review, the leader's
// approve/return, and sending the reply.
import { createData } from '../lib/data';
import { createSignal, For, Show } from 'solid-js';
import { MSG, moveDone, REPLY_STATUS } from '../i18n';
import { type Attachment, type AssignmentRow, t, UserError } from '../lib/api';
import { clearDraft, loadDraft, saveDraft } from '../lib/draft';
import { dateTime } from '../lib/format';
import { slug } from '../lib/session';
import FilePicker, { type PickedFile } from '../components/FilePicker';
import { createAction, ErrorNotice, Field, Notice } from '../components/ui';
import { AttachmentLinks } from './attachments';

type Perform = (fn: () => Promise<unknown>, done: string) => Promise<boolean>;

export default function ReplyPanel(props: {
  a: AssignmentRow;
  caseTitle: string;
  /** files already saved with this reply draft */
  files: Attachment[];
  perform: Perform;
  /** what the bureau wrote when it sent the case back for 重办 (its timeline line), if it did */
  reopened?: string | null;
  onReject: () => void;
}) {
  const a = () => props.a;
  const actions = () => (a().actions as string[] | undefined) ?? [];
  const saved = () =>
    (a().reply as {
      body?: string;
      status?: string;
      reviewNote?: string | null;
      updatedAt?: number;
    } | null) ?? null;
  const draftKey = () => `reply.${a().id}.${a().reworkCount}`;
  const canEdit = () => actions().includes('reply');
  // Files uploaded but not yet saved with the draft: kept with the draft text, so a reload after a
  // stale-page conflict or an expired session does not lose them.
  const filesKey = () => `${draftKey()}.files`;
  const initial = loadDraft<string>(draftKey());
  const initialFiles = loadDraft<PickedFile[]>(filesKey()) ?? [];
  const [text, setText] = createSignal(initial ?? saved()?.body ?? '');
  const [pending, setPendingState] = createSignal<PickedFile[]>(initialFiles);
  const [restored] = createSignal(
    (initial != null && initial !== (saved()?.body ?? '')) || initialFiles.length > 0,
  );
  const setPending = (files: PickedFile[]) => {
    setPendingState(files);
    if (files.length) saveDraft(filesKey(), files);
    else clearDraft(filesKey());
  };
  const [templates] = createData(
    () => (canEdit() ? slug() : null),
    async (s) => (await t(s).templates()).items,
  );
  const [tpl, setTpl] = createSignal('');
  // Whether the county has replies reviewed by the unit leader (审核) before they are sent: a reply
  // not yet saved has no moves from the server, so the panel offers the first step by this.
  const [county] = createData(
    () => (canEdit() ? slug() : null),
    (s) => t(s).settings(),
  );
  const reviewed = () => county()?.settings.requireReplyReview ?? true;
  const fresh = () => canEdit() && !saved();
  const edit = (v: string) => {
    setText(v);
    saveDraft(draftKey(), v);
  };
  const [uploading, setUploading] = createSignal(false);
  const dirty = () => text() !== (saved()?.body ?? '') || pending().length > 0;

  /** Saves the draft (with the new files) if it changed; returns the version for the next move. */
  let editor: HTMLTextAreaElement | undefined;
  const saveIfNeeded = async (): Promise<number> => {
    // a file still uploading would be left out of the reply
    if (uploading()) throw new UserError(MSG.waitUploads);
    if (!text().trim()) {
      // the keyboard goes where the reply is to be written, not left on the button
      editor?.focus();
      throw new UserError(MSG.emptyReply);
    }
    if (!dirty() && saved()) return a().version;
    const attachmentIds = pending().map((f) => f.id);
    const row = await t(slug()).move(a().id, 'reply', {
      version: a().version,
      body: text().trim(),
      ...(attachmentIds.length ? { attachmentIds } : {}),
    });
    setPending([]);
    return row.version;
  };
  const act = createAction(async (what: 'save' | 'submit' | 'send' | 'approve') => {
    // named with the unit, as every other move's confirmation is (城关镇：答复已提交单位领导审核)
    const move = { save: 'reply', submit: 'submit-reply', send: 'send-reply', approve: 'approve-reply' }[
      what
    ];
    const label = moveDone(
      move,
      a().unitName,
      what === 'save' && pending().length ? '答复草稿及附件已保存' : undefined,
    );
    // the one step that cannot be taken back: the reply and its files reach the citizen
    if (
      what === 'send' &&
      !confirm(
        `确定将${a().unitName ?? ''}的答复发送给群众吗？\n答复意见书和附件将送达群众并开始评价期，发送后不能撤回或修改。`,
      )
    )
      return;
    const ok = await props.perform(async () => {
      if (what === 'approve') return t(slug()).move(a().id, 'approve-reply', { version: a().version });
      const version = canEdit() ? await saveIfNeeded() : a().version;
      if (what === 'submit') return t(slug()).move(a().id, 'submit-reply', { version });
      if (what === 'send') return t(slug()).move(a().id, 'send-reply', { version });
      return null;
    }, label);
    if (ok && what !== 'approve') clearDraft(draftKey());
  });
  // Saved files come off only while the reply is the unit's own: a draft, or sent back by the
  // leader. Under review, approved or sent they are the record (the server refuses too).
  const filesRemovable = () => canEdit() && ['draft', 'rejected'].includes(saved()?.status ?? '');
  const removeFile = createAction(async (f: Attachment) => {
    if (
      !confirm(
        `从答复中移除附件“${f.fileName}”？\n移除后该文件不再随答复发送，也不能再下载；系统保留移除记录。`,
      )
    )
      return;
    await props.perform(
      () => t(slug()).removeReplyFile(a().id, f.id, a().version),
      `已从答复中移除附件：${f.fileName}`,
    );
  });

  return (
    <div class="card">
      <h2>
        答复：{a().unitName}
        <Show when={a().replyStatus}>
          {' '}
          <span class="tag blue">{REPLY_STATUS[a().replyStatus!] ?? a().replyStatus}</span>
        </Show>
      </h2>
      {/* a 重办 starts a new reply: say why, here where it is written, not only in the timeline */}
      <Show when={a().state === 'accepted' && a().reworkCount > 0 && props.reopened}>
        <Notice kind="warn">
          重办（第 {a().reworkCount} 次）：
          {props.reopened!.replace(`${a().unitName ?? ''}重办：`, '').replace(/[。.\s]+$/, '')}
          。请针对群众不满意之处重新答复，原答复和评价见下方。
        </Notice>
      </Show>
      <Show when={saved()?.status === 'rejected' && saved()?.reviewNote}>
        <Notice kind="warn">领导退回意见：{saved()!.reviewNote}</Notice>
      </Show>
      <Show when={restored()}>
        <Notice kind="info">{MSG.unsavedDraft}</Notice>
      </Show>
      <ErrorNotice error={act.error() ?? removeFile.error()} />
      <Show
        when={canEdit()}
        fallback={
          <Show when={saved()?.body} fallback={<p class="muted">尚未拟写答复。</p>}>
            <div class="content-box">{saved()!.body}</div>
            <p class="hint">最后修改 {dateTime(saved()!.updatedAt)}</p>
            <AttachmentLinks files={props.files} label="答复附件" />
          </Show>
        }
      >
        <div class="inline-form">
          <Field label="答复模板">
            <select value={tpl()} onChange={(e) => setTpl(e.currentTarget.value)}>
              <option value="">请选择模板</option>
              <For each={templates() ?? []}>{(x) => <option value={x.id}>{x.name}</option>}</For>
            </select>
          </Field>
          <button
            type="button"
            disabled={!tpl()}
            onClick={() => {
              const x = templates()?.find((y) => y.id === tpl());
              if (!x) return;
              if (text().trim() && !confirm('用模板替换当前答复内容？')) return;
              edit(x.body.replace(/\{标题\}/g, props.caseTitle).replace(/\{单位\}/g, a().unitName ?? ''));
            }}
          >
            套用模板
          </button>
        </div>
        <Field label="答复意见" required>
          <textarea
            ref={editor}
            rows={10}
            maxLength={10000}
            value={text()}
            aria-invalid={act.error() instanceof UserError ? 'true' : undefined}
            onInput={(e) => edit(e.currentTarget.value)}
          />
        </Field>
        <AttachmentLinks
          files={props.files}
          label="已随答复保存的附件"
          onRemove={filesRemovable() ? (f) => void removeFile.run(f) : undefined}
          busy={act.busy() || removeFile.busy()}
        />
        <FilePicker
          label="附件（答复意见书、送达回证扫描件）"
          files={pending()}
          onChange={setPending}
          disabled={act.busy()}
          onBusy={setUploading}
        />
        <Show when={pending().length}>
          <p class="hint">
            附件在保存草稿或提交审核时随答复一并保存；保存前可直接移除，保存后在提交审核前或领导退回修改后仍可移除。
          </p>
        </Show>
      </Show>
      <div class="action-bar">
        <Show when={canEdit()}>
          <button type="button" disabled={act.busy()} onClick={() => act.run('save')}>
            保存草稿
          </button>
        </Show>
        <Show when={actions().includes('submit-reply') || (fresh() && reviewed())}>
          <button type="button" class="primary" disabled={act.busy()} onClick={() => act.run('submit')}>
            提交领导审核
          </button>
        </Show>
        <Show when={actions().includes('approve-reply')}>
          <button type="button" class="primary" disabled={act.busy()} onClick={() => act.run('approve')}>
            审核通过
          </button>
        </Show>
        <Show when={actions().includes('reject-reply')}>
          <button type="button" disabled={act.busy()} onClick={() => props.onReject()}>
            退回修改
          </button>
        </Show>
        <Show when={actions().includes('send-reply') || (fresh() && !reviewed())}>
          <button type="button" class="primary" disabled={act.busy()} onClick={() => act.run('send')}>
            答复群众
          </button>
        </Show>
      </div>
    </div>
  );
}
