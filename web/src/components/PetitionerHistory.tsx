// While a case is registered: the cases already on record for the phone or ID number being typed,
// so the clerk sees at once that the caller has been here before (and can say so, or look the
// earlier case up) rather than learning it from the repeat queue afterwards. It uses the case
// search, which at the bureau's desk finds a caller's cases by a full phone or ID number.
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import {
  isValidIdNumber,
  isValidPhone,
  normalizeIdNumber,
  normalizePhone,
} from '../../../workers/domain/masking';
import { CASE_STATUS, CHANNEL } from '../i18n';
import { type CaseSummary, t } from '../lib/api';
import { day } from '../lib/format';
import { slug } from '../lib/session';
import { A } from './ui';

/** The number to look up: a complete ID number first (one person), else a complete phone. */
function lookupOf(phone: string, idNumber: string): { q: string; by: string } | null {
  if (isValidIdNumber(idNumber)) return { q: normalizeIdNumber(idNumber), by: '身份证号' };
  if (isValidPhone(phone)) return { q: normalizePhone(phone), by: '联系电话' };
  return null;
}

export default function PetitionerHistory(props: { phone: string; idNumber: string; id: string }) {
  // Looked up once the typing stops, not on every digit. Not a resource: a resource read under the
  // page's Suspense would blank the form while it loads and the clerk's cursor would be lost.
  const [found, setFound] = createSignal<{ q: string; by: string; items: CaseSummary[] } | null>(null);
  createEffect(() => {
    const l = lookupOf(props.phone, props.idNumber);
    if (!l) return setFound(null);
    if (found()?.q === l.q) return;
    let live = true;
    const timer = setTimeout(() => {
      t(slug())
        .cases({ q: l.q, limit: 5 })
        .then((r) => live && setFound({ ...l, items: r.items }))
        .catch(() => live && setFound(null)); // a hint only: the registration goes on without it
    }, 400);
    onCleanup(() => {
      live = false;
      clearTimeout(timer);
    });
  });
  return (
    <div id={props.id} aria-live="polite" class="petitioner-history">
      <Show when={found()?.items.length ? found() : null}>
        {(f) => (
          <div class="notice notice-warn" style={{ margin: '4px 0 8px' }}>
            <strong>
              此{f().by}已有 {f().items.length === 5 ? '5 件以上' : `${f().items.length} 件`}来件登记：
            </strong>
            <ul style={{ margin: '4px 0 0', 'padding-left': '1.2em' }}>
              <For each={f().items}>
                {(c) => (
                  <li>
                    <A href={`/cases/${c.id}`} target="_blank" rel="noopener">
                      {c.number}
                    </A>{' '}
                    {day(c.receivedAt)} {CHANNEL[c.channel] ?? c.channel} {c.title}（
                    {CASE_STATUS[c.status] ?? c.status}）
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </Show>
    </div>
  );
}
