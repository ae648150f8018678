// Entry: the shell (header, role navigation), the session check and the lazy page table.
import { render } from 'solid-js/web';
import { createEffect, createMemo, ErrorBoundary, For, lazy, Show, Suspense, type Component } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import './styles.css';
import { MSG, ROLE } from './i18n';
import type { Role } from './lib/api';
import { loadSession, me, mustChangePassword, ready, role, signOut, tenant } from './lib/session';
import { location_, match, navigate, onLinkClick, path, query, safeNext, visit } from './lib/router';
import { A, Loading, Notice } from './components/ui';
import { IdleWarning } from './components/IdleWarning';
import Login from './pages/Login';

type Page = Component<{ params: Record<string, string> }>;
interface RouteDef {
  path: string;
  page: Page;
  roles?: Role[];
  /** needs a county (a platform admin must pick one first) */
  tenant?: boolean;
  /** what a role not in `roles` reads instead of the general refusal */
  refusal?: string;
}

const BUREAU: Role[] = ['dispatcher', 'tenant_admin', 'platform_admin'];
const UNIT: Role[] = ['handler', 'unit_leader'];
const LEADERS: Role[] = ['county_leader', 'dispatcher', 'tenant_admin', 'platform_admin'];
/** a unit reads its own figures and the published bulletins (as the API answers it); not rankings */
const STATS_READERS: Role[] = [...LEADERS, ...UNIT];
const ADMIN: Role[] = ['tenant_admin', 'platform_admin'];

const Case = lazy(() => import('./pages/CaseView'));
const routes: RouteDef[] = [
  { path: '/', page: lazy(() => import('./pages/Home')) },
  { path: '/workbench', page: lazy(() => import('./pages/Workbench')), roles: BUREAU, tenant: true },
  { path: '/register', page: lazy(() => import('./pages/Register')), roles: BUREAU, tenant: true },
  {
    path: '/cases',
    page: lazy(() => import('./pages/Cases')),
    roles: [...BUREAU, 'county_leader'],
    tenant: true,
  },
  { path: '/cases/:id', page: Case, tenant: true },
  { path: '/assignments/:assignmentId', page: Case, tenant: true },
  { path: '/inbox', page: lazy(() => import('./pages/Inbox')), roles: UNIT, tenant: true },
  { path: '/dashboard', page: lazy(() => import('./pages/Dashboard')), roles: STATS_READERS, tenant: true },
  { path: '/rankings', page: lazy(() => import('./pages/Rankings')), roles: LEADERS, tenant: true },
  { path: '/bulletins', page: lazy(() => import('./pages/Bulletins')), roles: STATS_READERS, tenant: true },
  { path: '/import', page: lazy(() => import('./pages/Import')), roles: BUREAU, tenant: true },
  { path: '/admin/units', page: lazy(() => import('./pages/admin/Units')), roles: ADMIN, tenant: true },
  { path: '/admin/users', page: lazy(() => import('./pages/admin/Users')), roles: ADMIN, tenant: true },
  {
    path: '/admin/categories',
    page: lazy(() => import('./pages/admin/Categories')),
    roles: ADMIN,
    tenant: true,
  },
  {
    path: '/admin/deadlines',
    page: lazy(() => import('./pages/admin/Deadlines')),
    roles: ADMIN,
    tenant: true,
  },
  { path: '/admin/holidays', page: lazy(() => import('./pages/admin/Holidays')), roles: ADMIN, tenant: true },
  { path: '/admin/settings', page: lazy(() => import('./pages/admin/Settings')), roles: ADMIN, tenant: true },
  {
    path: '/admin/templates',
    page: lazy(() => import('./pages/admin/Templates')),
    roles: ADMIN,
    tenant: true,
  },
  { path: '/admin/tokens', page: lazy(() => import('./pages/admin/Tokens')), roles: ADMIN, tenant: true },
  {
    path: '/admin/audit',
    page: lazy(() => import('./pages/admin/Audit')),
    roles: ADMIN,
    tenant: true,
    refusal: MSG.auditForbidden,
  },
  { path: '/platform', page: lazy(() => import('./pages/admin/Platform')), roles: ['platform_admin'] },
  {
    path: '/platform/users',
    page: lazy(() => import('./pages/admin/PlatformUsers')),
    roles: ['platform_admin'],
  },
  {
    path: '/platform/audit',
    page: lazy(() => import('./pages/admin/PlatformAudit')),
    roles: ['platform_admin'],
    refusal: MSG.platformAuditForbidden,
  },
  { path: '/password', page: lazy(() => import('./pages/Password')) },
];

interface NavItem {
  to: string;
  label: string;
  roles: Role[];
}
const NAV: NavItem[] = [
  { to: '/workbench', label: '工作台', roles: BUREAU },
  { to: '/register', label: '登记来件', roles: BUREAU },
  { to: '/cases', label: '案件查询', roles: [...BUREAU, 'county_leader'] },
  { to: '/inbox', label: '待办件', roles: UNIT },
  { to: '/dashboard', label: '统计分析', roles: STATS_READERS },
  { to: '/rankings', label: '考核排名', roles: LEADERS },
  { to: '/bulletins', label: '工作通报', roles: STATS_READERS },
  { to: '/import', label: '历史数据导入', roles: BUREAU },
  { to: '/admin/units', label: '县区管理', roles: ADMIN },
  { to: '/platform', label: '平台管理', roles: ['platform_admin'] },
];

function NotFoundPage() {
  return (
    <section>
      <h1>页面不存在</h1>
      <p>
        <A href="/">返回首页</A>
      </p>
    </section>
  );
}

function Shell() {
  const current = createMemo(() => {
    for (const r of routes) {
      const m = match(r.path, path());
      if (m) return { route: r, params: m.params };
    }
    return null;
  });
  const allowed = () => {
    const c = current();
    const r = role();
    if (!c || !r) return false;
    return !c.route.roles || c.route.roles.includes(r);
  };
  const needsTenant = () => Boolean(current()?.route.tenant && !tenant());
  const nav = () =>
    mustChangePassword()
      ? []
      : NAV.filter((n) => role() && n.roles.includes(role()!) && (n.to === '/platform' || tenant()));
  const active = (to: string) =>
    path() === to ||
    (to !== '/' && path().startsWith(`${to.replace(/\/[^/]+$/, '')}/`) && to.startsWith('/admin')) ||
    (to === '/platform' && path().startsWith('/platform/'));

  // Set the document title from the page's h1 after it renders, for screen readers and tabs.
  createEffect(() => {
    path();
    queueMicrotask(() => {
      const h = document.querySelector('main h1');
      document.title = h?.textContent ? `${h.textContent} · 民声` : MSG.appName;
    });
  });

  return (
    <div class="app">
      <a class="skip" href="#main">
        跳到正文
      </a>
      <header class="top">
        <A href="/" class="brand">
          民声<span class="brand-sub">工作台</span>
        </A>
        <Show when={tenant()}>
          <span class="tenant-name">{tenant()!.name}</span>
        </Show>
        <nav class="mainnav" aria-label="主导航">
          <For each={nav()}>
            {(n) => (
              <A href={n.to} aria-current={active(n.to) || path() === n.to ? 'page' : undefined}>
                {n.label}
              </A>
            )}
          </For>
        </nav>
        <div class="who">
          <span>
            {me()!.actor.name} · {ROLE[me()!.actor.role] ?? me()!.actor.role}
          </span>
          <Show when={me()!.actor.kind === 'user'}>
            <A href="/password" aria-current={path() === '/password' ? 'page' : undefined}>
              修改密码
            </A>
          </Show>
          <button type="button" class="link" onClick={() => signOut()}>
            {MSG.logout}
          </button>
        </div>
      </header>
      <main id="main" tabindex="-1">
        <Show when={current()} fallback={<NotFoundPage />}>
          <Show
            when={allowed()}
            fallback={
              <Notice kind="error">
                {current()!.route.refusal ?? MSG.forbidden} <A href="/">返回首页</A>
              </Notice>
            }
          >
            <Show
              when={!needsTenant()}
              fallback={
                <Notice kind="info">
                  {MSG.noTenant} <A href="/platform">选择县区</A>
                </Notice>
              }
            >
              <ErrorBoundary
                fallback={(e) => <Notice kind="error">页面出错：{String(e?.message ?? e)}</Notice>}
              >
                <Suspense fallback={<Loading />}>
                  {/* each visit (a link, Back, Forward) is a fresh page, its form read from the address */}
                  <Show when={visit()} keyed>
                    {(_) => <Dynamic component={current()!.route.page} params={current()!.params} />}
                  </Show>
                </Suspense>
              </ErrorBoundary>
            </Show>
          </Show>
        </Show>
      </main>
      <IdleWarning />
    </div>
  );
}

function App() {
  void loadSession();
  // Logged out: every page but the login redirects there, remembering where the clerk was.
  createEffect(() => {
    if (!ready()) return;
    if (!me() && path() !== '/login')
      navigate(`/login?next=${encodeURIComponent(location_())}`, { replace: true });
    if (me() && path() === '/login') navigate(safeNext(query().get('next')), { replace: true });
    // An initial or reset password: nothing else until it is changed (the API refuses the rest too).
    if (mustChangePassword() && path() !== '/password')
      navigate(`/password?next=${encodeURIComponent(safeNext(location_()))}`, { replace: true });
  });
  return (
    <Show when={ready()} fallback={<Loading />}>
      <Show when={me()} fallback={<Login />}>
        <Shell />
      </Show>
    </Show>
  );
}

document.addEventListener('click', onLinkClick);
// Keyboard: Alt+N registers a new case from anywhere (bureau roles), Alt+W back to the workbench.
document.addEventListener('keydown', (e) => {
  if (!e.altKey || e.ctrlKey || e.metaKey) return;
  const r = role();
  if (!r || !BUREAU.includes(r) || !tenant()) return;
  const k = e.key.toLowerCase();
  if (k === 'n' || e.code === 'KeyN') {
    e.preventDefault();
    navigate('/register');
  } else if (k === 'w' || e.code === 'KeyW') {
    e.preventDefault();
    navigate('/workbench');
  }
});
render(() => <App />, document.getElementById('app')!);
