// Reply templates (答复模板) the units pick from in the reply editor.
import { createData } from '../../lib/data';
import { createSignal, For, Show } from 'solid-js';
import { MSG } from '../../i18n';
import { t, UserError } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { slug } from '../../lib/session';
import {
  createAction,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  PageTitle,
  Pager,
  usePages,
} from '../../components/ui';
import AdminNav from './AdminNav';

export default function Templates() {
  const [list, { refetch }] = createData(slug, async (s) => (await t(s).templates()).items);
  const [name, setName] = createSignal('');
  const [body, setBody] = createSignal('');
  const [ok, setOk] = createSignal('');
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
  return (
    <section>
      <PageTitle>县区管理 · 答复模板</PageTitle>
      <AdminNav />
      <div class="grid grid-2">
        <div>
          <Show when={list()} fallback={<Loading />}>
            <For each={pages.view()} fallback={<p class="empty">{MSG.empty}</p>}>
              {(tp) => (
                <div class="card">
                  <h2>{tp.name}</h2>
                  <p class="hint">{dateTime(tp.createdAt)}</p>
                  <div class="content-box">{tp.body}</div>
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
          <Show when={ok()}>
            <Notice kind="ok">{ok()}</Notice>
          </Show>
          <ErrorNotice error={save.error()} />
          <Field label="模板名称" required>
            <input maxLength={40} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Field label="模板内容" required hint="可用 {称呼}、{单位} 等占位，答复时手工替换">
            <textarea
              rows={10}
              maxLength={5000}
              value={body()}
              onInput={(e) => setBody(e.currentTarget.value)}
            />
          </Field>
          <button type="submit" class="primary" disabled={save.busy()}>
            {MSG.save}
          </button>
        </form>
      </div>
    </section>
  );
}
