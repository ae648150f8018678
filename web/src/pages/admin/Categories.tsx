// Content categories (内容分类) as a tree, and their routing map: the units suggested for a case in
// each category (the first is the lead), and whether the township named on the case leads.
import { createSignal, For, Show } from 'solid-js';
import { MSG, UNIT_KIND } from '../../i18n';
import { type Category, t, UserError } from '../../lib/api';
import { categories, refetchCategories, treeOrder, unitName, units } from '../../lib/ref';
import { slug } from '../../lib/session';
import {
  createAction,
  Dialog,
  ErrorNotice,
  Field,
  Notice,
  Pager,
  PageTitle,
  SaveFoot,
  usePages,
} from '../../components/ui';
import AdminNav from './AdminNav';

export default function Categories() {
  const [editing, setEditing] = createSignal<{ cat: Category | null; parentId: string | null } | null>(null);
  const [ok, setOk] = createSignal('');
  const rows = () => treeOrder(categories());
  const pages = usePages(rows, 30, 'categories');
  return (
    <section>
      <PageTitle
        actions={
          <button type="button" class="primary" onClick={() => setEditing({ cat: null, parentId: null })}>
            新建一级分类
          </button>
        }
      >
        县区管理 · 内容分类与分派
      </PageTitle>
      <AdminNav />
      <p class="muted">
        登记来件时，系统按分类建议承办单位：列出的第一个单位为主办，其余为协办；勾选“属地乡镇主办”时，来件所在乡镇（街道）为主办。
      </p>
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>分类</th>
              <th>默认承办单位</th>
              <th>属地乡镇主办</th>
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
              {(c) => (
                <tr>
                  <td style={{ 'padding-left': `${8 + c.depth * 20}px` }}>
                    {c.depth > 0 ? '└ ' : ''}
                    {c.name}
                  </td>
                  <td>
                    {/* with 属地乡镇主办 the township leads and every unit listed is 协办 (suggestUnits) */}
                    {c.routeUnitIds
                      .map((id, i) => `${unitName(id)}${i === 0 && !c.routeToTownship ? '（主办）' : ''}`)
                      .join('、') || <span class="muted">未设置</span>}
                  </td>
                  <td>{c.routeToTownship ? '是' : '否'}</td>
                  <td>{c.active ? '启用' : <span class="tag red">停用</span>}</td>
                  <td>
                    <div class="row-actions">
                      <button
                        type="button"
                        class="small"
                        onClick={() => setEditing({ cat: c, parentId: c.parentId })}
                        aria-label={`编辑 ${c.name}`}
                      >
                        编辑
                      </button>
                      <Show when={c.depth === 0}>
                        <button
                          type="button"
                          class="small"
                          onClick={() => setEditing({ cat: null, parentId: c.id })}
                          aria-label={`在 ${c.name} 下新建子分类`}
                        >
                          新建子分类
                        </button>
                      </Show>
                    </div>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Pager pages={pages} total={rows().length} />
      <Show when={editing()}>
        <CategoryDialog
          cat={editing()!.cat}
          parentId={editing()!.parentId}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            setOk(`已保存：${name}`);
            refetchCategories();
          }}
        />
      </Show>
    </section>
  );
}

function CategoryDialog(props: {
  cat: Category | null;
  parentId: string | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}) {
  const c = props.cat;
  const parent = categories().find((x) => x.id === props.parentId);
  const [name, setName] = createSignal(c?.name ?? '');
  const [route, setRoute] = createSignal<string[]>(c?.routeUnitIds ?? parent?.routeUnitIds ?? []);
  const [township, setTownship] = createSignal(c?.routeToTownship ?? parent?.routeToTownship ?? false);
  const [active, setActive] = createSignal(c?.active ?? true);
  const [sort, setSort] = createSignal(String(c?.sort ?? 0));
  const [add, setAdd] = createSignal('');
  const save = createAction(async () => {
    if (!name().trim()) throw new UserError(MSG.required('分类名称'));
    const api = t(slug());
    const body = {
      name: name().trim(),
      routeUnitIds: route(),
      routeToTownship: township(),
      sort: Number(sort()) || 0,
    };
    if (c) await api.updateCategory(c.id, { ...body, active: active() });
    else await api.createCategory({ ...body, parentId: props.parentId });
    props.onSaved(body.name);
  });
  const move = (i: number, d: number) => {
    const r = [...route()];
    const j = i + d;
    if (j < 0 || j >= r.length) return;
    [r[i], r[j]] = [r[j]!, r[i]!];
    setRoute(r);
  };
  return (
    <Dialog
      title={c ? `编辑分类：${c.name}` : parent ? `在“${parent.name}”下新建子分类` : '新建一级分类'}
      onClose={props.onClose}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <ErrorNotice error={save.error()} />
        <Field label="分类名称" required>
          <input value={name()} maxLength={40} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <fieldset>
          <legend>默认承办单位（第一个为主办；勾选“属地乡镇（街道）主办”时均为协办）</legend>
          <ol>
            <For each={route()} fallback={<li class="muted">未设置</li>}>
              {(id, i) => (
                <li>
                  {unitName(id)}
                  {i() === 0 && !township() ? '（主办）' : '（协办）'}
                  {/* a unit closed since, or the bureau, is refused on saving: to be removed */}
                  {units().some((u) => u.id === id && (!u.active || u.kind === 'bureau')) ? (
                    <span class="tag red">不能承办，请移除</span>
                  ) : null}{' '}
                  <button
                    type="button"
                    class="small"
                    disabled={i() === 0}
                    onClick={() => move(i(), -1)}
                    aria-label={`上移 ${unitName(id)}`}
                  >
                    上移
                  </button>{' '}
                  <button
                    type="button"
                    class="small"
                    onClick={() => setRoute(route().filter((x) => x !== id))}
                    aria-label={`移除 ${unitName(id)}`}
                  >
                    移除
                  </button>
                </li>
              )}
            </For>
          </ol>
          <div class="inline-form">
            <Field label="添加单位">
              <select value={add()} onChange={(e) => setAdd(e.currentTarget.value)}>
                <option value="">请选择</option>
                {/* not the bureau: its own cases are 平台自办, and the route refuses it */}
                <For each={units().filter((u) => u.active && u.kind !== 'bureau' && !route().includes(u.id))}>
                  {(u) => (
                    <option value={u.id}>
                      {u.name}（{UNIT_KIND[u.kind]}）
                    </option>
                  )}
                </For>
              </select>
            </Field>
            <button
              type="button"
              disabled={!add()}
              onClick={() => {
                setRoute([...route(), add()]);
                setAdd('');
              }}
            >
              添加
            </button>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={township()}
              onChange={(e) => setTownship(e.currentTarget.checked)}
            />{' '}
            属地乡镇（街道）主办
          </label>
        </fieldset>
        <Field label="排序">
          <input type="number" value={sort()} onInput={(e) => setSort(e.currentTarget.value)} />
        </Field>
        <Show when={c}>
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
