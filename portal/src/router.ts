// A tiny path router: the county is the first path segment (/{tenant}/…), the page the second.
// Links update history without reloading; after an in-app navigation the new page's heading takes
// focus so a screen reader announces where the citizen arrived.
import { createSignal } from 'solid-js';

interface Loc {
  path: string;
  search: string;
}

const read = (): Loc => ({ path: location.pathname, search: location.search });
const [loc, setLoc] = createSignal<Loc>(read(), {
  equals: (a, b) => a.path === b.path && a.search === b.search,
});
let navigated = false;

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    navigated = true;
    setLoc(read());
  });
}

export const tenant = (): string => decodeURIComponent(loc().path.split('/')[1] ?? '');

/** The page: '' (home), 'submit', 'receipt', 'track', 'board'; and its parameter (board number). */
export function route(): { page: string; param: string | null } {
  const seg = loc().path.split('/').filter(Boolean);
  return { page: seg[1] ?? '', param: seg[2] ? decodeURIComponent(seg[2]) : null };
}

export const query = (): URLSearchParams => new URLSearchParams(loc().search);

/** A path inside the county: href('/track') → /qingshan/track */
export const href = (p: string): string => `/${encodeURIComponent(tenant())}${p}`;

/** True once the citizen moved within the app (not on the first page load). */
export const wasNavigated = (): boolean => navigated;

export function navigate(to: string, opts: { replace?: boolean; keepScroll?: boolean } = {}): void {
  navigated = true;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  setLoc(read());
  if (!opts.keepScroll) window.scrollTo(0, 0);
}

/**
 * Sets one query parameter in place, as the page's own state (the 反映类型 radio): no history
 * entry, no scroll, and no focus move, since the citizen did not go anywhere.
 */
export function setQueryParam(name: string, value: string): void {
  const q = new URLSearchParams(location.search);
  if (q.get(name) === value) return;
  q.set(name, value);
  history.replaceState(history.state, '', `${location.pathname}?${q.toString()}${location.hash}`);
  setLoc(read());
}

/** Click handler for in-app links: plain left clicks stay in the app, others behave as usual. */
export function onLinkClick(e: MouseEvent): void {
  const a = e.currentTarget as HTMLAnchorElement;
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || a.target)
    return;
  e.preventDefault();
  navigate(a.getAttribute('href') ?? '/');
}
