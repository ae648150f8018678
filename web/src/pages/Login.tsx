// Staff login. After an expired session it says so and keeps the way back to the page the clerk was on.
import { createSignal, Show } from 'solid-js';
import { MSG } from '../i18n';
import { errorText } from '../lib/api';
import { expired, signIn } from '../lib/session';
import { Notice } from '../components/ui';

export default function Login() {
  const [login, setLogin] = createSignal(localStorage.getItem('ms.lastLogin') ?? '');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy()) return;
    if (!login().trim()) return setError(MSG.required(MSG.loginName));
    if (!password()) return setError(MSG.required(MSG.password));
    setBusy(true);
    setError('');
    try {
      await signIn(login().trim(), password());
      localStorage.setItem('ms.lastLogin', login().trim());
    } catch (err) {
      setError(errorText(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login-wrap" id="main">
      <form class="login card" onSubmit={submit} aria-describedby="login-msg">
        <h1>{MSG.appName}</h1>
        <p class="muted">{MSG.loginTitle}</p>
        <div id="login-msg">
          <Show when={expired() && !error()}>
            <Notice kind="warn">{MSG.sessionExpired}</Notice>
          </Show>
          <Show when={error()}>
            <Notice kind="error">{error()}</Notice>
          </Show>
        </div>
        <label class="field">
          <span class="field-label">{MSG.loginName}</span>
          <input
            name="login"
            autocomplete="username"
            value={login()}
            onInput={(e) => setLogin(e.currentTarget.value)}
            autofocus={!login()}
          />
        </label>
        <label class="field">
          <span class="field-label">{MSG.password}</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
            autofocus={Boolean(login())}
          />
        </label>
        <button type="submit" class="primary" disabled={busy()}>
          {busy() ? '正在登录…' : MSG.login}
        </button>
        <p class="hint">连续多次输入错误密码，账号将被临时锁定。闲置 30 分钟自动退出。</p>
      </form>
    </main>
  );
}
