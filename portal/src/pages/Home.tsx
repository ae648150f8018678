// County home: the notice, two doors (private complaint, public question), how to track, and the
// latest public answers.
import { createSignal, For, onMount, Show } from 'solid-js';
import { useInfo } from '../components/context';
import { Alert, Link, PageTitle, PortalClosed, Prose } from '../components/ui';
import { fmtDate, M } from '../i18n';
import { ApiError, api, type BoardItem } from '../lib/api';
import { href } from '../router';

export function Home() {
  const info = useInfo();
  // A plain signal, not a resource: the doors must not wait (suspend) for the list. A failed
  // request says so (never "no answers yet") and can be tried again.
  const [recent, setRecent] = createSignal<{ items: BoardItem[] }>();
  const [failed, setFailed] = createSignal('');
  const [loading, setLoading] = createSignal(false);
  const loadRecent = () => {
    setLoading(true);
    api
      .board({ limit: 5 })
      .then(
        (r) => {
          setFailed('');
          setRecent(r);
        },
        (e) => setFailed(e instanceof ApiError ? e.message : M.errors.network),
      )
      .finally(() => setLoading(false));
  };
  onMount(loadRecent);
  return (
    <>
      <PageTitle>{info()?.branding.portalTitle ?? M.appName}</PageTitle>
      <Show when={info()?.branding.notice}>
        {(notice) => (
          <section class="notice" aria-labelledby="notice-h">
            <h2 id="notice-h">{M.home.notice}</h2>
            <Prose text={notice()} />
          </section>
        )}
      </Show>
      <Show when={info()?.open !== false} fallback={<PortalClosed />}>
        <section aria-label={M.home.doorsLabel} class="doors">
          <Link href={href('/submit?kind=petition')} class="door">
            <span class="door-title">{M.home.petitionTitle}</span>
            <span class="door-text">{M.home.petitionText}</span>
          </Link>
          <Link href={href('/submit?kind=inquiry')} class="door door-alt">
            <span class="door-title">{M.home.inquiryTitle}</span>
            <span class="door-text">{M.home.inquiryText}</span>
          </Link>
        </section>
      </Show>
      <section class="card" aria-labelledby="track-h">
        <h2 id="track-h">{M.home.trackTitle}</h2>
        <p>{M.home.trackText}</p>
        <Link href={href('/track')} class="btn btn-secondary">
          {M.home.trackLink}
        </Link>
      </section>
      <section aria-labelledby="recent-h">
        <h2 id="recent-h">{M.home.recent}</h2>
        <Show when={failed() && !recent()}>
          <Alert>
            <p>{M.home.recentFailed}</p>
            <p class="meta">{failed()}</p>
            <button
              type="button"
              class="btn btn-secondary"
              aria-disabled={loading()}
              onClick={() => !loading() && loadRecent()}
            >
              {loading() ? M.loading : M.retry}
            </button>
          </Alert>
        </Show>
        <Show
          when={recent()}
          fallback={
            <Show when={!failed()}>
              <p class="muted">{M.loading}</p>
            </Show>
          }
        >
          {(r) => (
            <Show when={r().items.length} fallback={<p class="muted">{M.home.none}</p>}>
              <ul class="plain list">
                <For each={r().items}>
                  {(item) => (
                    <li>
                      <Link href={href(`/board/${encodeURIComponent(item.number)}`)}>{item.title}</Link>
                      <span class="meta">
                        {item.unitName ? `${item.unitName} · ` : ''}
                        {fmtDate(item.answeredAt)}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
              <p>
                <Link href={href('/board')}>{M.home.more}</Link>
              </p>
            </Show>
          )}
        </Show>
      </section>
    </>
  );
}
