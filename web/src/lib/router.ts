// A small history router for the console: paths are relative to /console, pages load lazily.
import { createMemo, createSignal } from 'solid-js';

export const BASE = '/console';

function current(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return (p || '/') + location.search;
}

const [loc, setLoc] = createSignal(current());
window.addEventListener('popstate', () => setLoc(current()));

/** The path inside the console, without the query (e.g. "/cases/abc"). */
export const path = createMemo(() => loc().split('?')[0] || '/');
/** The query string of the current location. */
export const query = createMemo(() => new URLSearchParams(loc().split('?')[1] ?? ''));
/** The whole location inside the console, for "come back here after login". */
export const location_ = loc;

/** Only a path inside the console is a place to go on to (never the login or password page itself). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') &&
    !next.startsWith('//') &&
    !next.startsWith('/login') &&
    !next.startsWith('/password')
    ? next
    : '/';
}

export function href(to: string): string {
  return BASE + (to.startsWith('/') ? to : `/${to}`);
}

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  const url = href(to);
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  setLoc(current());
  window.scrollTo(0, 0);
}

/** Replaces the query without a history entry (filters, pages). */
export function setQuery(params: Record<string, string | number | null | undefined>) {
  const q = new URLSearchParams(query());
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  history.replaceState(null, '', href(path()) + (s ? `?${s}` : ''));
  setLoc(current());
}

export interface Match {
  params: Record<string, string>;
}

/** Matches "/cases/:id" against a path. */
export function match(pattern: string, p: string): Match | null {
  const a = pattern.split('/').filter(Boolean);
  const b = p.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const seg = a[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(b[i]!);
    else if (seg !== b[i]) return null;
  }
  return { params };
}

/** Intercepts plain left clicks on in-app links so that they do not reload the page. */
export function onLinkClick(e: MouseEvent) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as HTMLElement).closest('a');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(`${BASE}/`)) return;
  e.preventDefault();
  navigate(url.pathname.slice(BASE.length) + url.search);
}
