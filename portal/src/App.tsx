// The portal shell: loads the county's information once, applies its branding, and shows the page
// the path names. The submission page and home ship in the first bundle; the rest load on demand.
import { createEffect, createResource, lazy, Match, Show, Suspense, Switch } from 'solid-js';
import { InfoContext } from './components/context';
import { Layout } from './components/Layout';
import { Alert, Loading, PageTitle } from './components/ui';
import { M, setTimeZone } from './i18n';
import { ApiError, api } from './lib/api';
import { Home } from './pages/Home';
import { Submit } from './pages/Submit';
import { route } from './router';

const Receipt = lazy(() => import('./pages/Receipt'));
const Track = lazy(() => import('./pages/Track'));
const Board = lazy(() => import('./pages/Board'));
const BoardItem = lazy(() => import('./pages/BoardItem'));
const NotFound = lazy(() => import('./pages/NotFound'));

// WCAG 2.1 AA: white text on the county's colour needs a contrast of 4.5:1, else keep ours.
function contrastWithWhite(hex: string): number {
  const c = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  return 1.05 / (l + 0.05);
}

export function App() {
  const [info, { refetch }] = createResource(api.info);
  createEffect(() => {
    // an errored resource throws when read: look at its state first
    if (info.state !== 'ready') return;
    const i = info();
    setTimeZone(i.timeZone);
    const color = i.branding.primaryColor;
    if (color && /^#[0-9a-fA-F]{6}$/.test(color) && contrastWithWhite(color) >= 4.5) {
      document.documentElement.style.setProperty('--brand', color);
    }
  });
  const notFound = () => info.error instanceof ApiError && info.error.status === 404;
  return (
    <InfoContext.Provider value={() => (info.state === 'ready' ? info() : undefined)}>
      <Show
        when={!info.error}
        fallback={
          // No county to show: no county navigation either, and the way to the list of counties.
          <Layout bare>
            <PageTitle>{notFound() ? M.noCountyTitle : M.loadFailedTitle}</PageTitle>
            <Alert>
              <p>{notFound() ? M.noCounty : M.loadFailed}</p>
              <Show when={!notFound()}>
                <button type="button" class="btn" aria-disabled={info.loading} onClick={() => refetch()}>
                  {info.loading ? M.loading : M.retry}
                </button>
              </Show>
            </Alert>
            <p>
              <a href="/">{M.countyList}</a>
            </p>
          </Layout>
        }
      >
        <Layout>
          <Suspense fallback={<Loading />}>
            <Show when={info.state === 'ready' && info()} fallback={<Loading />}>
              <Switch fallback={<NotFound />}>
                <Match when={route().page === ''}>
                  <Home />
                </Match>
                <Match when={route().page === 'submit'}>
                  <Submit />
                </Match>
                <Match when={route().page === 'receipt'}>
                  <Receipt />
                </Match>
                <Match when={route().page === 'track'}>
                  <Track />
                </Match>
                <Match when={route().page === 'board' && route().param} keyed>
                  {(n) => <BoardItem number={n} />}
                </Match>
                <Match when={route().page === 'board'}>
                  <Board />
                </Match>
              </Switch>
            </Show>
          </Suspense>
        </Layout>
      </Show>
    </InfoContext.Provider>
  );
}
