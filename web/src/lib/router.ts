// A small history router for the console: paths are relative to /console, pages load lazily.
// Each history entry also keeps the state of the page it shows (a list's page, where it was
// scrolled, where it was reached from): Back returns to the same page of the same list.
import { batch, createMemo, createSignal } from 'solid-js';

export const BASE = '/console';

type EntryState = Record<string, unknown>;
const entryOf = (): EntryState => (history.state && typeof history.state === 'object' ? history.state : {});

function current(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return (p || '/') + location.search;
}

const [loc, setLoc] = createSignal(current());
const [entry, setEntry] = createSignal<EntryState>(entryOf());
/** Counts the visits (links followed, Back and Forward); a filter changed in place is no new visit. */
const [visits, setVisits] = createSignal(1);
export const visit = visits;
/** Where the entry Back returned to was scrolled; the list restores it once its rows are shown. */
let pendingScroll: number | null = null;
// The lists restore their own place once their rows are loaded; the browser's guess comes too early.
if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
window.addEventListener('popstate', () => {
  const s = entryOf();
  pendingScroll = typeof s.scrollY === 'number' ? s.scrollY : null;
  batch(() => {
    setEntry(s);
    setLoc(current());
    setVisits((n) => n + 1);
  });
  window.scrollTo(0, 0);
});

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

/** A fresh visit: a new entry with no list state of its own, so every list on it starts at page 1. */
export function navigate(to: string, opts: { replace?: boolean } = {}) {
  const url = href(to);
  let next: EntryState = {};
  if (opts.replace) history.replaceState(next, '', url);
  else {
    // the entry being left keeps how far down it was read; the new one knows where it came from
    history.replaceState({ ...entryOf(), scrollY: window.scrollY }, '');
    next = { back: loc() };
    history.pushState(next, '', url);
  }
  pendingScroll = null;
  batch(() => {
    setEntry(next);
    setLoc(current());
    setVisits((n) => n + 1);
  });
  window.scrollTo(0, 0);
}

/** Keys of a list's place in an entry (its page, its cursors): other filters forget them. */
const LIST = 'list:';

/**
 * Replaces the query without a history entry (filters, tabs). The entry keeps its other state, but
 * a list's place is dropped when the query changes: other filters start at page 1.
 */
export function setQuery(params: Record<string, string | number | null | undefined>) {
  const q = new URLSearchParams(query());
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') q.delete(k);
    else q.set(k, String(v));
  }
  const s = q.toString();
  const url = href(path()) + (s ? `?${s}` : '');
  const same = s === query().toString();
  const state = same
    ? entryOf()
    : Object.fromEntries(Object.entries(entryOf()).filter(([k]) => !k.startsWith(LIST)));
  history.replaceState(state, '', url);
  pendingScroll = null;
  batch(() => {
    setEntry(state);
    setLoc(current());
  });
}

/** Where the list `name` is in the current history entry (reactive: Back brings the older value). */
export function listState<T>(name: string): T | undefined {
  return entry()[LIST + name] as T | undefined;
}

/** Keeps the place of the list `name` in the current history entry, so Back to it finds it again. */
export function setListState(name: string, value: unknown) {
  const s = { ...entryOf(), [LIST + name]: value };
  history.replaceState(s, '');
  setEntry(s);
}

/** The place inside the console this entry was reached from by a link, if any (for a back link). */
export function cameFrom(): string | null {
  const b = entry().back;
  return typeof b === 'string' ? b : null;
}

/**
 * Called by a list once its rows are on screen: after Back it scrolls to where the clerk left the
 * list (once; a fresh visit stays at the top).
 */
export function restoreScroll() {
  const y = pendingScroll;
  pendingScroll = null;
  if (y !== null) requestAnimationFrame(() => window.scrollTo(0, y));
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
