// Users and roles: create, rename, change role/unit, reset password, lock/unlock, deactivate. The
// server ends the sessions of a user whose access changed and keeps the county's last admin.
// With `platform`, the same for the platform admins' own accounts (平台账号: no role or unit; the
// server keeps the last usable platform admin).
import { createData, createNow } from '../../lib/data';
import { createSignal, For, Show } from 'solid-js';
import { MSG, ROLE } from '../../i18n';
import { type AccountChange, platform, type Role, t, type User, UserError } from '../../lib/api';
import { dateTime } from '../../lib/format';
import { unitName, units } from '../../lib/ref';
import { query, setQuery } from '../../lib/router';
import { slug } from '../../lib/session';
import {
  createAction,
  Dialog,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  Options,
  Pager,
  PageTitle,
  SaveFoot,
  usePages,
} from '../../components/ui';
import AdminNav from './AdminNav';
import PlatformNav from './PlatformNav';

const TENANT_ROLES = ['tenant_admin', 'dispatcher', 'handler', 'unit_leader', 'county_leader'];
const UNIT_ROLES = ['handler', 'unit_leader'];

/** Whose accounts: the county's (its administrator) or the platform admins' (one another). */
type Scope = { platform?: boolean; params?: Record<string, string> };
const accountsApi = (props: Scope) => (props.platform ? platform : t(slug()));

export default function Users(props: Scope) {
  const source = () => (props.platform ? 'platform' : slug());
  const [list, { refetch }] = createData(source, async () => (await accountsApi(props).users()).items);
  // the filters live in the address and the page in the history entry: Back and reload keep them
  const filter = () => query().get('q') ?? '';
  const roleFilter = () => query().get('role') ?? '';
  const [editing, setEditing] = createSignal<User | 'new' | null>(null);
  const [ok, setOk] = createSignal('');
  const rows = () =>
    (list() ?? []).filter(
      (u) =>
        (!roleFilter() || u.role === roleFilter()) &&
        (!filter().trim() ||
          u.name.includes(filter().trim()) ||
          u.login.includes(filter().trim()) ||
          (!props.platform && unitName(u.unitId).includes(filter().trim()))),
    );
  const pages = usePages(rows, 25, 'users');
  // a lock ends by the clock: the tag and 解锁 go when it does, without a reload
  const now = createNow(15_000);
  const lockedEverywhere = (u: User) => u.locked && (u.lockedUntil == null || u.lockedUntil > now());
  const addressLock = (u: User) =>
    !lockedEverywhere(u) && u.addressLockedUntil != null && u.addressLockedUntil > now()
      ? u.addressLockedUntil
      : null;
  const quick = createAction(async (u: User, body: AccountChange, done: string) => {
    await accountsApi(props).updateUser(u.id, body);
    setOk(`${u.name}：${done}`);
    refetch();
  });

  return (
    <section>
      <PageTitle
        actions={
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            新建用户
          </button>
        }
      >
        {props.platform ? '平台管理 · 平台账号' : '县区管理 · 用户与角色'}
      </PageTitle>
      <Show when={props.platform} fallback={<AdminNav />}>
        <PlatformNav />
        <p class="muted">
          每位平台运营人员使用自己的账号，不共用；新账号首次登录须修改密码。停用、锁定或重置密码后，该账号已登录的会话随即失效。不能停用或锁定自己，也不能停用或锁定最后一位可用的平台管理员。
        </p>
      </Show>
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <ErrorNotice error={quick.error()} />
      <div class="inline-form">
        <Field label={props.platform ? '姓名或登录名' : '姓名、登录名或单位'}>
          <input value={filter()} onInput={(e) => setQuery({ q: e.currentTarget.value })} />
        </Field>
        <Show when={!props.platform}>
          <Field label="角色">
            <select value={roleFilter()} onChange={(e) => setQuery({ role: e.currentTarget.value })}>
              <option value="">全部</option>
              <Options table={ROLE} keys={TENANT_ROLES} />
            </select>
          </Field>
        </Show>
      </div>
      <Show when={!list.loading || list()} fallback={<Loading />}>
        <ErrorNotice error={list.error} />
        <div class="table-wrap">
          <table class="stack">
            <thead>
              <tr>
                <th>姓名</th>
                <th>登录名</th>
                <Show when={!props.platform}>
                  <th>角色</th>
                  <th>所属单位</th>
                </Show>
                <th>状态</th>
                <th>最近登录</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              <For
                each={pages.view()}
                fallback={
                  <tr>
                    <td colSpan={props.platform ? 5 : 7} class="empty">
                      {MSG.empty}
                    </td>
                  </tr>
                }
              >
                {(u) => (
                  <tr>
                    <td class="title-cell">{u.name}</td>
                    <td data-label="登录名">{u.login}</td>
                    <Show when={!props.platform}>
                      <td class="lead" data-label="角色">
                        {ROLE[u.role]}
                      </td>
                      <td data-label="所属单位">{unitName(u.unitId)}</td>
                    </Show>
                    <td data-label="状态">
                      <Show when={!u.active}>
                        <span class="tag">已停用</span>
                      </Show>
                      <Show when={lockedEverywhere(u)}>
                        <span class="tag red">已锁定</span>
                      </Show>
                      <Show when={addressLock(u)}>
                        {(until) => (
                          <span
                            class="tag red"
                            title="在某一地址连续输错密码，该地址暂时不能登录；其他地址不受影响"
                          >
                            已锁定（某地址，至 {dateTime(until()).slice(-5)}）
                          </span>
                        )}
                      </Show>
                      <Show when={u.active && !lockedEverywhere(u) && !addressLock(u)}>正常</Show>
                      <Show when={u.mustChangePassword}>
                        {' '}
                        <span class="tag">待本人修改密码</span>
                      </Show>
                    </td>
                    <td class="nowrap" data-label="最近登录">
                      {dateTime(u.lastLoginAt) || '—'}
                    </td>
                    <td class="actions">
                      <div class="row-actions">
                        <button
                          type="button"
                          class="small"
                          onClick={() => setEditing(u)}
                          aria-label={`编辑/重置密码 ${u.name}`}
                        >
                          编辑/重置密码
                        </button>
                        <Show
                          when={lockedEverywhere(u) || addressLock(u)}
                          fallback={
                            <button
                              type="button"
                              class="small"
                              disabled={quick.busy()}
                              onClick={() => quick.run(u, { lock: true }, '已锁定')}
                            >
                              锁定
                            </button>
                          }
                        >
                          <button
                            type="button"
                            class="small"
                            disabled={quick.busy()}
                            onClick={() => quick.run(u, { unlock: true }, '已解锁')}
                          >
                            解锁
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
      </Show>
      <Show when={editing()}>
        <UserDialog
          platform={props.platform}
          user={editing() === 'new' ? null : (editing() as User)}
          onClose={() => setEditing(null)}
          onSaved={(msg) => {
            setEditing(null);
            setOk(msg);
            refetch();
          }}
        />
      </Show>
    </section>
  );
}

function UserDialog(
  props: Scope & { user: User | null; onClose: () => void; onSaved: (msg: string) => void },
) {
  const u = props.user;
  const [login, setLogin] = createSignal(u?.login ?? '');
  const [name, setName] = createSignal(u?.name ?? '');
  const [role, setRole] = createSignal<Role>(u?.role ?? 'handler');
  const [unitId, setUnitId] = createSignal(u?.unitId ?? '');
  const [password, setPassword] = createSignal('');
  const [active, setActive] = createSignal(u?.active ?? true);
  const [mustChange, setMustChange] = createSignal(true);
  const save = createAction(async () => {
    if (!name().trim()) throw new UserError(MSG.required('姓名'));
    if (!login().trim()) throw new UserError(MSG.required('登录名'));
    if (!u && !password()) throw new UserError(MSG.required('初始密码'));
    if (!props.platform && UNIT_ROLES.includes(role()) && !unitId())
      throw new UserError('承办人和单位领导必须选择所属单位');
    const api = accountsApi(props);
    // a platform admin has no role or unit: none is sent
    const placed = props.platform ? {} : { role: role(), unitId: unitId() || null };
    if (u) {
      await api.updateUser(u.id, {
        ...(login().trim() !== u.login ? { login: login().trim() } : {}),
        name: name().trim(),
        ...placed,
        active: active(),
        ...(password() ? { password: password() } : {}),
      });
      props.onSaved(password() ? `${name()}：已保存，密码已重置（首次登录须修改）` : `${name()}：已保存`);
    } else {
      await api.createUser({
        login: login().trim(),
        name: name().trim(),
        ...placed,
        password: password(),
        mustChangePassword: mustChange(),
      });
      props.onSaved(`已创建用户 ${name()}（${login()}）${mustChange() ? '，首次登录须修改密码' : ''}`);
    }
  });
  return (
    <Dialog title={u ? `编辑用户：${u.name}` : '新建用户'} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <ErrorNotice error={save.error()} />
        <div class="form-grid">
          <Field label="登录名" required hint="不区分大小写，不能与已有登录名相同">
            <input value={login()} autocomplete="off" onInput={(e) => setLogin(e.currentTarget.value)} />
          </Field>
          <Field label="姓名" required>
            <input value={name()} maxLength={30} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
          <Show when={!props.platform}>
            <Field label="角色" required>
              <select value={role()} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                <Options table={ROLE} keys={TENANT_ROLES} />
              </select>
            </Field>
            <Field label="所属单位" required={UNIT_ROLES.includes(role())}>
              <select value={unitId()} onChange={(e) => setUnitId(e.currentTarget.value)}>
                <option value="">（无）</option>
                <For each={units()}>{(x) => <option value={x.id}>{x.name}</option>}</For>
              </select>
            </Field>
          </Show>
          <Field
            label={u ? '重置密码（留空则不修改）' : '初始密码'}
            required={!u}
            hint="8–64 位，须含大写字母、小写字母、数字、符号中的至少三类"
          >
            <input
              type="password"
              autocomplete="new-password"
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </Field>
        </div>
        <Show when={u}>
          <label class="check">
            <input type="checkbox" checked={active()} onChange={(e) => setActive(e.currentTarget.checked)} />{' '}
            账号启用
          </label>
          <p class="hint">停用、重置密码或改变角色、单位后，该用户已登录的会话随即失效，须重新登录。</p>
        </Show>
        <Show when={!u}>
          <label class="check">
            <input
              type="checkbox"
              checked={mustChange()}
              onChange={(e) => setMustChange(e.currentTarget.checked)}
            />{' '}
            首次登录须修改密码（建议保留：初始密码只有本人知道才安全）
          </label>
        </Show>
        <SaveFoot busy={save.busy()} onCancel={props.onClose} />
      </form>
    </Dialog>
  );
}
