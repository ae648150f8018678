// A warning before the 30-minute idle limit ends the session (the server's rule), so a clerk who
// stepped away can stay signed in with one click; past the limit the next request meets the 401
// and the login page brings them back, drafts kept.
import { createEffect, createSignal, onMount, Show } from 'solid-js';
import { api, lastAnswered } from '../lib/api';
import { createNow } from '../lib/data';
import { me, signOut } from '../lib/session';

/** Shown this long before the limit. The server refreshes its clock at most once a minute. */
const WARN_MS = 3 * 60_000;

export function IdleWarning() {
  const now = createNow(5_000);
  const limit = () => (me()?.sessionIdleSeconds ?? 1800) * 1000;
  const left = () => limit() - (now() - lastAnswered());
  const [busy, setBusy] = createSignal(false);
  const keep = async () => {
    setBusy(true);
    try {
      await api.get('/auth/me');
    } catch {
      /* a 401 has already taken the clerk to the login page */
    } finally {
      setBusy(false);
    }
  };
  // Past the limit: one request, whose 401 leads to the login page with the way back.
  let asked = false;
  createEffect(() => {
    if (left() > 0) asked = false;
    else if (me() && !asked) {
      asked = true;
      void api.get('/auth/me').catch(() => undefined);
    }
  });
  return (
    <Show when={me() && left() > 0 && left() <= WARN_MS}>
      <Warning minutes={Math.max(1, Math.ceil(left() / 60_000))} busy={busy()} onKeep={keep} />
    </Show>
  );
}

function Warning(props: { minutes: number; busy: boolean; onKeep: () => void }) {
  let button!: HTMLButtonElement;
  onMount(() => button.focus());
  return (
    <div class="idle-warning" role="alertdialog" aria-labelledby="idle-h" aria-describedby="idle-p">
      <h2 id="idle-h">即将退出登录</h2>
      <p id="idle-p">
        您已较长时间没有操作。为保护群众个人信息，登录将在约 {props.minutes}{' '}
        分钟后失效；正在填写的内容会保留。
      </p>
      <div class="dialog-foot">
        <button type="button" onClick={() => signOut()}>
          退出登录
        </button>
        <button
          ref={button}
          type="button"
          class="primary"
          disabled={props.busy}
          onClick={() => props.onKeep()}
        >
          继续使用
        </button>
      </div>
    </div>
  );
}
