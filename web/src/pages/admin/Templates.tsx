// Reply templates (答复模板) the units pick from in the reply editor: created, corrected, retired
// (停用: no longer offered to handlers, kept here marked 已停用) and restored (启用).
import { createData } from '../../lib/data';
import { createSignal, For, Show } from 'solid-js';
import { MSG } from '../../i18n';
import { ApiError, type ReplyTemplate, t, UserError } from '../../lib/api';
import FormField, { fieldAria } from '../../components/FormField';
import { dateTime } from '../../lib/format';
import { slug } from '../../lib/session';
import {
  createAction,
  Dialog,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  Pager,
  PageTitle,
  SaveFoot,
  usePages,
} from '../../components/ui';
import AdminNav from './AdminNav';

const NAME_MAX = 40;
const BODY_MAX = 5000;
const BODY_HINT = '可用 {称呼}、{单位} 等占位，答复时手工替换';

export default function Templates() {
  const [list, { refetch }] = createData(slug, async (s) => (await t(s).templates(true)).items);
  const [name, setName] = createSignal('');
  const [body, setBody] = createSignal('');
  const [ok, setOk] = createSignal('');
  const [editing, setEditing] = createSignal<ReplyTemplate | null>(null);
  const pages = usePages(() => list() ?? [], 10, 'templates');
  const save = createAction(async () => {
    if (!name().trim()) throw new UserError(MSG.required('模板名称'));
    if (!body().trim()) throw new UserError(MSG.required('模板内容'));
    await t(slug()).createTemplate({ name: name().trim(), body: body() });
    setOk(`已新建模板：${name().trim()}`);
    setName('');
    setBody('');
    refetch();
  });
  // 停用/启用 straight from the list; a template changed meanwhile (409) is read again
  const toggle = createAction(async (tp: ReplyTemplate) => {
    setOk('');
    try {
      await t(slug()).updateTemplate(tp.id, { version: tp.version, active: !tp.active });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) refetch();
      throw e;
    }
    setOk(`${tp.active ? '已停用' : '已启用'}：${tp.name}`);
    refetch();
  });
  return (
    <section>
      <PageTitle>县区管理 · 答复模板</PageTitle>
      <AdminNav />
      <p class="muted">停用的模板不再供承办人选用，已据其写成的答复不受影响；需要时可重新启用。</p>
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <ErrorNotice error={toggle.error()} />
      <div class="grid grid-2">
        <div>
          <Show when={list()} fallback={<Loading />}>
            <For each={pages.view()} fallback={<p class="empty">{MSG.empty}</p>}>
              {(tp) => (
                <div class="card">
                  <h2>
                    {tp.name}
                    <Show when={!tp.active}>
                      {' '}
                      <span class="tag red">已停用</span>
                    </Show>
                  </h2>
                  <p class="hint">{dateTime(tp.createdAt)}</p>
                  <div class="content-box">{tp.body}</div>
                  <div class="row-actions">
                    <button
                      type="button"
                      class="small"
                      onClick={() => setEditing(tp)}
                      aria-label={`编辑 ${tp.name}`}
                    >
                      编辑
                    </button>
                    <button
                      type="button"
                      class="small"
                      disabled={toggle.busy()}
                      onClick={() => void toggle.run(tp)}
                      aria-label={`${tp.active ? '停用' : '启用'} ${tp.name}`}
                    >
                      {tp.active ? '停用' : '启用'}
                    </button>
                  </div>
                </div>
              )}
            </For>
            <Pager pages={pages} total={list()!.length} />
          </Show>
        </div>
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <h2>新建模板</h2>
          <ErrorNotice error={save.error()} />
          <Field label="模板名称" required>
            <input maxLength={NAME_MAX} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field label="模板内容" required hint={BODY_HINT}>
            <textarea
              rows={10}
              maxLength={BODY_MAX}
              value={body()}
              onInput={(e) => setBody(e.currentTarget.value)}
            />
          </Field>
          <button type="submit" class="primary" disabled={save.busy()}>
            {MSG.save}
          </button>
        </form>
      </div>
      <Show when={editing()}>
        <TemplateDialog
          template={editing()!}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setOk(`已保存：${saved}`);
            refetch();
          }}
          onStale={refetch}
        />
      </Show>
    </section>
  );
}

/** Corrects a template's name and body; each problem the server names stands under its field. */
function TemplateDialog(props: {
  template: ReplyTemplate;
  onClose: () => void;
  onSaved: (name: string) => void;
  onStale: () => void;
}) {
  const tp = props.template;
  const [name, setName] = createSignal(tp.name);
  const [body, setBody] = createSignal(tp.body);
  const [errors, setErrors] = createSignal<{ name?: string; body?: string }>({});
  // the keyboard goes to the first field with a problem, where its message is read with it
  const focusFirstProblem = () =>
    queueMicrotask(() => document.querySelector<HTMLElement>('.dialog [aria-invalid="true"]')?.focus());
  const save = createAction(async () => {
    const local = {
      name: name().trim() ? undefined : MSG.required('模板名称'),
      body: body().trim() ? undefined : MSG.required('模板内容'),
    };
    setErrors(local);
    if (local.name || local.body) {
      focusFirstProblem();
      throw new UserError(local.name ?? local.body!);
    }
    try {
      await t(slug()).updateTemplate(tp.id, { version: tp.version, name: name().trim(), body: body() });
    } catch (e) {
      if (e instanceof ApiError) {
        const byField: { name?: string; body?: string } = {};
        for (const d of e.details)
          if ((d.path === 'name' || d.path === 'body') && !byField[d.path]) byField[d.path] = d.message;
        setErrors(byField);
        focusFirstProblem();
        if (e.status === 409) props.onStale();
      }
      throw e;
    }
    props.onSaved(name().trim());
  });
  return (
    <Dialog title={`编辑模板：${tp.name}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        {/* a problem of one field is said under it; the others (a stale version) up here */}
        <ErrorNotice error={errors().name || errors().body ? null : save.error()} />
        <FormField id="tpl-edit-name" label="模板名称" required error={errors().name}>
          <input
            {...fieldAria('tpl-edit-name', { error: errors().name, required: true })}
            maxLength={NAME_MAX}
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </FormField>
        <FormField id="tpl-edit-body" label="模板内容" required error={errors().body} hint={BODY_HINT}>
          <textarea
            {...fieldAria('tpl-edit-body', { error: errors().body, hint: BODY_HINT, required: true })}
            rows={10}
            maxLength={BODY_MAX}
            value={body()}
            onInput={(e) => setBody(e.currentTarget.value)}
          />
        </FormField>
        <SaveFoot busy={save.busy()} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
