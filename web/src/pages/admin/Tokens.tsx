// API tokens for integrations (12345 hotline systems, data exchange): the plain token shows once.
import { createData } from '../../lib/data';
import { createSignal, For, Show } from 'solid-js';
import { MSG, ROLE } from '../../i18n';
import { type Role, t, UserError } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { unitName, units } from '../../lib/ref';
import { slug } from '../../lib/session';
import {
  createAction,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  Options,
  PageTitle,
  Pager,
  usePages,
} from '../../components/ui';
import AdminNav from './AdminNav';

const TOKEN_ROLES = ['dispatcher', 'handler', 'unit_leader', 'county_leader'];

export default function Tokens() {
  const [list, { refetch }] = createData(slug, async (s) => (await t(s).tokens()).items);
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<Role>('dispatcher');
  const [unitId, setUnitId] = createSignal('');
  const [shown, setShown] = createSignal('');
  const [ok, setOk] = createSignal('');
  const pages = usePages(() => list() ?? [], 20, 'tokens');
  const create = createAction(async () => {
    if (!name().trim()) throw new UserError(MSG.required('令牌名称'));
    const r = await t(slug()).createToken({ name: name().trim(), role: role(), unitId: unitId() || null });
    setShown(r.token);
    setOk('');
    setName('');
    refetch();
  });
  const revoke = createAction(async (id: string, n: string) => {
    if (!confirm(`确定吊销令牌“${n}”？使用该令牌的系统将立即无法访问。`)) return;
    await t(slug()).revokeToken(id);
    setOk(`已吊销：${n}`);
    refetch();
  });
  return (
    <section>
      <PageTitle>县区管理 · API 令牌</PageTitle>
      <AdminNav />
      <Show when={shown()}>
        <Notice kind="warn">
          新令牌（只显示这一次，请立即复制保存）：<code>{shown()}</code>
        </Notice>
      </Show>
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <ErrorNotice error={create.error() ?? revoke.error()} />
      <form
        class="inline-form card"
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
      >
        <Field label="名称" required>
          <input maxLength={40} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label="角色">
          <select value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            <Options table={ROLE} keys={TOKEN_ROLES} />
          </select>
        </Field>
        <Field label="单位">
          <select value={unitId()} onChange={(e) => setUnitId(e.currentTarget.value)}>
            <option value="">（无）</option>
            <For each={units()}>{(u) => <option value={u.id}>{u.name}</option>}</For>
          </select>
        </Field>
        <button type="submit" class="primary" disabled={create.busy()}>
          创建令牌
        </button>
      </form>
      <Show when={list()} fallback={<Loading />}>
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th>名称</th>
                <th>前缀</th>
                <th>角色</th>
                <th>单位</th>
                <th>创建</th>
                <th>最近使用</th>
                <th>状态</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              <For
                each={pages.view()}
                fallback={
                  <tr>
                    <td colSpan={8} class="empty">
                      {MSG.empty}
                    </td>
                  </tr>
                }
              >
                {(tk) => (
                  <tr>
                    <td class="title-cell">{tk.name}</td>
                    <td data-label="前缀">
                      <code>{tk.prefix}…</code>
                    </td>
                    <td data-label="角色">{ROLE[tk.role]}</td>
                    <td data-label="单位">{unitName(tk.unitId)}</td>
                    <td class="nowrap" data-label="创建">
                      {dateTime(tk.createdAt)}
                    </td>
                    <td class="nowrap" data-label="最近使用">
                      {dateTime(tk.lastUsedAt) || '—'}
                    </td>
                    <td class="lead" data-label="状态">
                      {tk.revokedAt ? <span class="tag red">已吊销</span> : '有效'}
                    </td>
                    <td class="actions">
                      <Show when={!tk.revokedAt}>
                        <button
                          type="button"
                          class="small danger"
                          disabled={revoke.busy()}
                          onClick={() => revoke.run(tk.id, tk.name)}
                        >
                          吊销
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Pager pages={pages} total={list()!.length} />
      </Show>
    </section>
  );
}
