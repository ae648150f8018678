// Units of the county as a tree: townships/streets, departments, the bureau; add, rename, move, deactivate.
import { createSignal, For, Show } from 'solid-js';
import { MSG, UNIT_KIND } from '../../i18n';
import { api, ApiError, t, type Unit, type UnitKind, UserError } from '../../lib/api';
import FormField, { fieldAria } from '../../components/FormField';
import { refetchUnits, treeOrder, units } from '../../lib/ref';
import { query, setQuery } from '../../lib/router';
import { slug } from '../../lib/session';
import {
  createAction,
  Dialog,
  ErrorNotice,
  Field,
  Notice,
  Options,
  Pager,
  PageTitle,
  SaveFoot,
  usePages,
} from '../../components/ui';
import AdminNav from './AdminNav';
import Readiness from './Readiness';

export default function Units() {
  // the filter lives in the address and the page in the history entry: Back and reload keep them
  const filter = () => query().get('q') ?? '';
  const [editing, setEditing] = createSignal<Unit | 'new' | null>(null);
  const [importing, setImporting] = createSignal(false);
  const [ok, setOk] = createSignal('');
  const rows = () => {
    const f = filter().trim();
    const all = treeOrder(units());
    return f ? all.filter((u) => u.name.includes(f)) : all;
  };
  const pages = usePages(rows, 30, 'units');

  return (
    <section>
      <PageTitle
        actions={
          <>
            <button type="button" onClick={() => setImporting(true)}>
              批量导入
            </button>
            <button type="button" class="primary" onClick={() => setEditing('new')}>
              新建单位
            </button>
          </>
        }
      >
        县区管理 · 单位
      </PageTitle>
      <AdminNav />
      <Readiness watch={units} />
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <div class="inline-form">
        <Field label="按名称筛选">
          <input value={filter()} onInput={(e) => setQuery({ q: e.currentTarget.value })} />
        </Field>
        <span class="muted">共 {rows().length} 个单位</span>
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>单位名称</th>
              <th>类型</th>
              <th class="num">排序</th>
              <th>状态</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={pages.view()}
              fallback={
                <tr>
                  <td colSpan={5} class="empty">
                    {MSG.empty}
                  </td>
                </tr>
              }
            >
              {(u) => (
                <tr>
                  <td style={{ 'padding-left': `${8 + u.depth * 20}px` }}>
                    {u.depth > 0 ? '└ ' : ''}
                    {u.name}
                  </td>
                  <td>{UNIT_KIND[u.kind]}</td>
                  <td class="num">{u.sort}</td>
                  <td>{u.active ? '启用' : <span class="tag red">停用</span>}</td>
                  <td>
                    <button
                      type="button"
                      class="small"
                      onClick={() => setEditing(u)}
                      aria-label={`编辑 ${u.name}`}
                    >
                      编辑
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Pager pages={pages} total={rows().length} />
      <Show when={importing()}>
        <ImportDialog
          onClose={() => setImporting(false)}
          onSaved={(n) => {
            setImporting(false);
            setOk(`已导入 ${n} 个单位`);
            refetchUnits();
          }}
        />
      </Show>
      <Show when={editing()}>
        <UnitDialog
          unit={editing() === 'new' ? null : (editing() as Unit)}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            setOk(`已保存：${name}`);
            refetchUnits();
          }}
        />
      </Show>
    </section>
  );
}

function UnitDialog(props: { unit: Unit | null; onClose: () => void; onSaved: (name: string) => void }) {
  const u = props.unit;
  const [name, setName] = createSignal(u?.name ?? '');
  const [kind, setKind] = createSignal<UnitKind>(u?.kind ?? 'township');
  const [parentId, setParentId] = createSignal(u?.parentId ?? '');
  const [sort, setSort] = createSignal(String(u?.sort ?? 0));
  const [active, setActive] = createSignal(u?.active ?? true);
  const save = createAction(async () => {
    if (!name().trim()) throw new UserError(MSG.required('单位名称'));
    const api = t(slug());
    const body = { name: name().trim(), parentId: parentId() || null, sort: Number(sort()) || 0 };
    if (u) await api.updateUnit(u.id, { ...body, active: active() });
    else await api.createUnit({ ...body, kind: kind() });
    props.onSaved(body.name);
  });
  return (
    <Dialog title={u ? `编辑单位：${u.name}` : '新建单位'} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <ErrorNotice error={save.error()} />
        <Field label="单位名称" required>
          <input
            value={name()}
            maxLength={40}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={!name().trim() && Boolean(save.error())}
          />
        </Field>
        <Field label="类型">
          <select
            value={kind()}
            disabled={Boolean(u)}
            onChange={(e) => setKind(e.currentTarget.value as UnitKind)}
          >
            <Options table={UNIT_KIND} />
          </select>
        </Field>
        <Field label="上级单位（可选）">
          <select value={parentId()} onChange={(e) => setParentId(e.currentTarget.value)}>
            <option value="">（无）</option>
            <For each={units().filter((x) => x.id !== u?.id)}>
              {(x) => <option value={x.id}>{x.name}</option>}
            </For>
          </select>
        </Field>
        <Field label="排序（数字小的在前）">
          <input type="number" value={sort()} onInput={(e) => setSort(e.currentTarget.value)} />
        </Field>
        <Show when={u}>
          <label class="check">
            <input type="checkbox" checked={active()} onChange={(e) => setActive(e.currentTarget.checked)} />{' '}
            启用
          </label>
        </Show>
        <SaveFoot busy={save.busy()} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}

/** A pasted list, one unit a line: all or nothing, each wrong line said under the list. */
function ImportDialog(props: { onClose: () => void; onSaved: (n: number) => void }) {
  const [text, setText] = createSignal('');
  const [kind, setKind] = createSignal<'township' | 'department'>('township');
  const save = createAction(async () => {
    if (!text().trim()) throw new UserError(MSG.required('单位名单'));
    const r = await api.post<{ created: number }>(`/t/${encodeURIComponent(slug())}/units/import`, {
      text: text(),
      kind: kind(),
    });
    props.onSaved(r.created);
  });
  /** the wrong lines the server named, said under the list */
  const wrongLines = () => {
    const e = save.error();
    return e instanceof ApiError ? e.details.filter((d) => d.line) : [];
  };
  const lineErrors = () =>
    wrongLines()
      .map((d) => d.message)
      .join('；') || undefined;
  const hint =
    '每行一个单位名称；类型与上面不同的行写成“名称,县直部门”或“名称,乡镇”。任一行有误则整批不导入，并逐行指出。';
  return (
    <Dialog title="批量导入单位" onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <Show when={!lineErrors()}>
          <ErrorNotice error={save.error()} />
        </Show>
        <Show when={lineErrors()}>
          <Notice kind="error">
            导入未执行：名单中有 {wrongLines().length} 行有误，请按名单下的提示改正后重新导入。
          </Notice>
        </Show>
        <Field label="未写类型的行按">
          <select
            value={kind()}
            onChange={(e) => setKind(e.currentTarget.value as 'township' | 'department')}
          >
            <option value="township">{UNIT_KIND.township}</option>
            <option value="department">{UNIT_KIND.department}</option>
          </select>
        </Field>
        <FormField
          id="unit-import-text"
          label="单位名单（每行一个）"
          required
          hint={hint}
          error={lineErrors()}
        >
          <textarea
            {...fieldAria('unit-import-text', { hint, error: lineErrors(), required: true })}
            rows={12}
            value={text()}
            placeholder={'石桥镇\n城南街道\n县民政局,县直部门'}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </FormField>
        <div class="dialog-foot">
          <button type="button" onClick={props.onClose}>
            {MSG.cancel}
          </button>
          <button type="submit" class="primary" disabled={save.busy()}>
            {save.busy() ? MSG.saving : '导入'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
