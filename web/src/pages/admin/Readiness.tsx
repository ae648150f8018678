// 上线准备: what the county still lacks before its first real day (no dispatcher, a unit nobody
// signs for, a category with no routing map, next year's holidays...), each with the way to the
// page that puts it right. Shown while something needed is missing; `watch` reloads it (the units
// page passes its list, so a unit just added counts at once); `skip` leaves out what the page says
// already (the home page's holiday warnings).
import { For, Show } from 'solid-js';
import { createData } from '../../lib/data';
import { api } from '../../lib/api';
import { slug } from '../../lib/session';
import { A } from '../../components/ui';

interface Item {
  key: string;
  ok: boolean;
  optional?: boolean;
  text: string;
  href: string;
}

export default function Readiness(props: { watch?: () => unknown; skip?: string[] }) {
  const [r] = createData(
    () => slug() && { s: slug(), w: props.watch?.() },
    (x) => api.get<{ ready: boolean; items: Item[] }>(`/t/${encodeURIComponent(x.s)}/readiness`),
  );
  const open = () => (r()?.items ?? []).filter((i) => !i.ok && !props.skip?.includes(i.key));
  const missing = () => open().filter((i) => !i.optional);
  const optional = () => open().filter((i) => i.optional);
  return (
    <Show when={missing().length}>
      <section class="card" aria-labelledby="readiness-h">
        <h2 id="readiness-h">上线准备：尚缺 {missing().length} 项</h2>
        <p class="hint">以下各项齐备后，群众提交的件才能顺利登记、分派、签收和答复。</p>
        <ul>
          <For each={missing()}>
            {(i) => (
              <li>
                {i.text} <A href={i.href}>去设置</A>
              </li>
            )}
          </For>
          <For each={optional()}>
            {(i) => (
              <li class="muted">
                {i.text} <A href={i.href}>去设置</A>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
