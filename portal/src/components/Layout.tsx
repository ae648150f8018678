// The frame of every page: skip link, the county's header and navigation, main, footer.
import { For, type JSX, Show } from 'solid-js';
import { M } from '../i18n';
import { href, query, route } from '../router';
import { useInfo } from './context';
import { Link } from './ui';

const NAV: {
  key: keyof typeof M.nav;
  path: string;
  is: (page: string, kind: string | null) => boolean;
  /** only where the county takes submissions */
  submits?: true;
}[] = [
  { key: 'home', path: '/', is: (p) => p === '' },
  {
    key: 'petition',
    path: '/submit?kind=petition',
    is: (p, k) => p === 'submit' && k !== 'inquiry',
    submits: true,
  },
  {
    key: 'inquiry',
    path: '/submit?kind=inquiry',
    is: (p, k) => p === 'submit' && k === 'inquiry',
    submits: true,
  },
  { key: 'track', path: '/track', is: (p) => p === 'track' },
  { key: 'board', path: '/board', is: (p) => p === 'board' },
];

/** `bare`: no county to show (unknown or not loaded): the header names the platform only. */
export function Layout(props: { children: JSX.Element; bare?: boolean }) {
  const info = useInfo();
  return (
    <>
      <a class="skip" href="#main">
        {M.skip}
      </a>
      <header class="site">
        <div class="wrap">
          <Show
            when={!props.bare}
            fallback={
              <a href="/" class="brand">
                <span>{M.appName}</span>
              </a>
            }
          >
            <Link href={href('/')} class="brand">
              <Show when={info()?.branding.logoUrl}>
                {(src) => <img src={src()} alt="" width="36" height="36" />}
              </Show>
              <span>{info()?.branding.portalTitle ?? M.appName}</span>
            </Link>
          </Show>
          <Show when={!props.bare}>
            <nav aria-label={M.nav.label}>
              <ul>
                <For each={NAV.filter((n) => !n.submits || info()?.open !== false)}>
                  {(n) => (
                    <li>
                      <Link
                        href={href(n.path)}
                        aria-current={n.is(route().page, query().get('kind')) ? 'page' : undefined}
                      >
                        {M.nav[n.key] as string}
                      </Link>
                    </li>
                  )}
                </For>
              </ul>
            </nav>
          </Show>
        </div>
      </header>
      <main id="main" tabIndex={-1} class="wrap">
        {props.children}
      </main>
      <footer class="site">
        <div class="wrap">{M.footer(info()?.tenant.name ?? '')}</div>
      </footer>
    </>
  );
}
