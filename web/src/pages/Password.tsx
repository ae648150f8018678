// 修改密码: the signed-in user replaces their own password. After an administrator created the
// account or reset its password the console shows only this page until it is done.
import { createSignal, Show } from 'solid-js';
import { auth, UserError } from '../lib/api';
import { navigate, query, safeNext } from '../lib/router';
import { mustChangePassword, passwordChanged } from '../lib/session';
import { createAction, ErrorNotice, Notice, PageTitle } from '../components/ui';
import FormField, { fieldAria } from '../components/FormField';

const RULE = '8–64 位，须含大写字母、小写字母、数字、符号中的至少三类，且不能与当前密码相同';

/**
 * One password input: the browser's password manager tells them apart by `autocomplete`. Its name
 * is its label alone (the rule is its description: read as part of the name, "新密码" also said
 * "…不能与当前密码相同", and a screen reader's or a test's "当前密码" found two fields).
 */
function Secret(props: {
  label: string;
  hint?: string;
  autocomplete: 'current-password' | 'new-password';
  value: () => string;
  set: (v: string) => void;
}) {
  return (
    <FormField id={`pw-${props.autocomplete}-${props.label}`} label={props.label} required hint={props.hint}>
      <input
        {...fieldAria(`pw-${props.autocomplete}-${props.label}`, { hint: props.hint, required: true })}
        type="password"
        autocomplete={props.autocomplete}
        value={props.value()}
        onInput={(e) => props.set(e.currentTarget.value)}
      />
    </FormField>
  );
}

export default function Password() {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [again, setAgain] = createSignal('');
  const [ok, setOk] = createSignal('');
  const forced = mustChangePassword();
  const save = createAction(async () => {
    if (!current()) throw new UserError('请输入当前密码');
    if (!next()) throw new UserError('请输入新密码');
    if (next() !== again()) throw new UserError('两次输入的新密码不一致');
    if (next() === current()) throw new UserError('新密码不能与当前密码相同');
    await auth.changePassword(current(), next());
    setCurrent('');
    setNext('');
    setAgain('');
    await passwordChanged();
    if (forced) navigate(safeNext(query().get('next')), { replace: true });
    else setOk('密码已修改。其他设备上的登录已退出，本次登录保持有效。');
  });
  return (
    <section>
      <PageTitle>修改密码</PageTitle>
      <Show when={mustChangePassword()}>
        <Notice kind="warn">
          您的密码由管理员设置（新建账号或重置密码），请先修改为只有您自己知道的密码，然后才能继续使用。
        </Notice>
      </Show>
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <form
        class="card"
        style={{ 'max-width': '32rem' }}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <ErrorNotice error={save.error()} />
        <Secret label="当前密码" autocomplete="current-password" value={current} set={setCurrent} />
        <Secret label="新密码" hint={RULE} autocomplete="new-password" value={next} set={setNext} />
        <Secret label="再次输入新密码" autocomplete="new-password" value={again} set={setAgain} />
        <button type="submit" class="primary" disabled={save.busy()}>
          {save.busy() ? '正在保存…' : '修改密码'}
        </button>
        <p class="hint">连续 5 次输错当前密码，账号将被锁定 15 分钟。</p>
      </form>
    </section>
  );
}
