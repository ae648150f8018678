// Small building blocks shared by every page: notices, lights, pagers, dialogs, fields.
import { createMemo, createSignal, For, type JSX, onCleanup, onMount, Show, splitProps } from 'solid-js';
import { LIGHT, MSG, STEP } from '../i18n';
import { ApiError, errorText } from '../lib/api';
import { deadline, dueIn } from '../lib/format';
import { href, listState, restoreScroll, setListState } from '../lib/router';

export function A(props: JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const [local, rest] = splitProps(props, ['href']);
  return <a {...rest} href={href(local.href)} />;
}

export function Notice(props: {
  kind?: 'error' | 'ok' | 'info' | 'warn';
  children: JSX.Element;
  id?: string;
}) {
  const kind = () => props.kind ?? 'info';
  return (
    <div
      id={props.id}
      class={`notice notice-${kind()}`}
      role={kind() === 'error' || kind() === 'warn' ? 'alert' : 'status'}
    >
      {props.children}
    </div>
  );
}

/** Shows an error from the API client, or nothing. */
export function ErrorNotice(props: { error: unknown }) {
  return (
    <Show when={props.error}>
      <Notice kind="error">{errorText(props.error)}</Notice>
    </Show>
  );
}

export function Loading() {
  return (
    <p class="muted" role="status">
      {MSG.loading}
    </p>
  );
}

export function Empty(props: { children?: JSX.Element }) {
  return <p class="empty">{props.children ?? MSG.empty}</p>;
}

/** A deadline light: colour plus text, so it reads without colour too. */
export function LightBadge(props: {
  light: string | null | undefined;
  due?: { step: string; dueAt: number } | null;
}) {
  return (
    <Show when={props.light} fallback={<span class="muted">—</span>}>
      <span
        class={`light light-${props.light}`}
        title={props.due ? `${STEP[props.due.step] ?? props.due.step}期限 ${deadline(props.due.dueAt)}` : ''}
      >
        <span class="dot" aria-hidden="true" />
        {LIGHT[props.light!] ?? props.light}
        <Show when={props.due}>
          <span class="due-text">
            {STEP[props.due!.step] ?? props.due!.step} {dueIn(props.due!.dueAt)}
          </span>
        </Show>
      </span>
    </Show>
  );
}

/** A list's pages as its history entry keeps them: the filters they were read with, and the cursors. */
interface SavedPages {
  filters: string;
  stack: Array<string | null>;
}

/**
 * Cursor pagination: the API hands a nextCursor; we keep the cursors we came through to go back.
 * They live in the history entry (as `list`), not in the component: a clerk who opens a case from
 * page 3 and comes Back is on page 3 again. `filters` is what the pages are read with (tab, search,
 * lights…): pages read with other filters are not these pages, and a fresh visit has none (page 1).
 */
export function createCursorPager(list: string, filters: () => unknown) {
  const sig = createMemo(() => JSON.stringify(filters() ?? null));
  const stack = createMemo(
    (): Array<string | null> => {
      const s = listState<SavedPages>(list);
      return s && s.filters === sig() && Array.isArray(s.stack) && s.stack.length ? s.stack : [null];
    },
    undefined,
    { equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]) },
  );
  const save = (next: Array<string | null>) => setListState(list, { filters: sig(), stack: next });
  const cursor = createMemo(() => stack()[stack().length - 1] ?? null);
  return {
    cursor,
    page: () => stack().length,
    next: (c: string | null | undefined) => c && save([...stack(), c]),
    prev: () => stack().length > 1 && save(stack().slice(0, -1)),
    reset: () => save([null]),
  };
}

export function CursorPager(props: {
  pager: ReturnType<typeof createCursorPager>;
  nextCursor: string | null | undefined;
  count?: number;
  /**
   * the list is being read (another page, a refresh): the rows on screen are still those before, so
   * the pager does not yet name the page asked for, and a second 下一页 does not turn on from the
   * cursor of the rows before (which showed a page's rows as the next one's). aria-disabled rather
   * than disabled: a disabled button loses the keyboard of whoever pages with Enter.
   */
  loading?: boolean;
}) {
  // mounted once the list's first rows are shown: after Back, scroll to where the clerk was
  onMount(restoreScroll);
  return (
    <nav class="pager" aria-label="翻页" aria-busy={props.loading || undefined}>
      <button
        type="button"
        disabled={props.pager.page() <= 1}
        aria-disabled={props.loading || undefined}
        onClick={() => !props.loading && props.pager.prev()}
      >
        {MSG.prev}
      </button>
      <span>{props.loading ? MSG.loading : `第 ${props.pager.page()} 页`}</span>
      <button
        type="button"
        disabled={!props.nextCursor}
        aria-disabled={props.loading || undefined}
        onClick={() => !props.loading && props.pager.next(props.nextCursor)}
      >
        {MSG.next}
      </button>
    </nav>
  );
}

/**
 * Client-side pagination for lists the API answers whole (units, users, templates…). With a `list`
 * name the page is kept in the history entry, as a cursor list's pages are.
 */
export function usePages<T>(items: () => T[], size = 20, list?: string) {
  const [own, setOwn] = createSignal(1);
  const page = () => (list ? (listState<number>(list) ?? 1) : own());
  const setPage = (n: number) => (list ? setListState(list, n) : setOwn(n));
  const pages = () => Math.max(1, Math.ceil(items().length / size));
  const view = () => {
    const p = Math.min(page(), pages());
    return items().slice((p - 1) * size, p * size);
  };
  return { page, setPage, pages, view, size };
}

export function Pager(props: {
  pages:
    | ReturnType<typeof usePages<unknown>>
    | { page: () => number; setPage: (n: number) => void; pages: () => number };
  total?: number;
}) {
  const p = props.pages;
  onMount(restoreScroll);
  return (
    <Show when={p.pages() > 1 || props.total !== undefined}>
      <nav class="pager" aria-label="翻页">
        <button type="button" disabled={p.page() <= 1} onClick={() => p.setPage(p.page() - 1)}>
          {MSG.prev}
        </button>
        <span>
          第 {Math.min(p.page(), p.pages())} / {p.pages()} 页
          <Show when={props.total !== undefined}>，共 {props.total} 条</Show>
        </span>
        <button type="button" disabled={p.page() >= p.pages()} onClick={() => p.setPage(p.page() + 1)}>
          {MSG.next}
        </button>
      </nav>
    </Show>
  );
}

/** A modal dialog (native <dialog>: focus trap, Esc to close). */
export function Dialog(props: { title: string; onClose: () => void; children: JSX.Element; wide?: boolean }) {
  let ref!: HTMLDialogElement;
  const id = `dlg-${Math.random().toString(36).slice(2, 8)}`;
  onMount(() => {
    ref.showModal();
    const first = ref.querySelector<HTMLElement>('textarea, input:not([type=hidden]), select');
    first?.focus();
  });
  onCleanup(() => ref?.open && ref.close());
  return (
    <dialog
      ref={ref}
      class={props.wide ? 'dialog wide' : 'dialog'}
      aria-labelledby={id}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <header class="dialog-head">
        <h2 id={id}>{props.title}</h2>
        <button type="button" class="link" aria-label={MSG.close} onClick={() => props.onClose()}>
          ✕
        </button>
      </header>
      {props.children}
    </dialog>
  );
}

/** A form dialog's foot: 取消 closes it, 保存 submits the form (保存中… while it saves). */
export function SaveFoot(props: { busy: boolean; onCancel: () => void }) {
  return (
    <div class="dialog-foot">
      <button type="button" onClick={() => props.onCancel()}>
        {MSG.cancel}
      </button>
      <button type="submit" class="primary" disabled={props.busy}>
        {props.busy ? MSG.saving : MSG.save}
      </button>
    </div>
  );
}

/** Runs an async action once at a time, keeps its error and busy state for the form. */
export function createAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  const run = async (...args: A): Promise<R | undefined> => {
    if (busy()) return undefined;
    setBusy(true);
    setError(null);
    try {
      return await fn(...args);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError };
}

/** The asterisk after a required field's label (the control itself says aria-required). */
export function RequiredMark(props: { when?: boolean }) {
  return (
    <Show when={props.when}>
      <span class="req" aria-hidden="true">
        {' '}
        *
      </span>
    </Show>
  );
}

export function Field(props: {
  label: string;
  children: JSX.Element;
  hint?: string;
  required?: boolean;
  class?: string;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is passed in as a child
    <label class={`field ${props.class ?? ''}`}>
      <span class="field-label">
        {props.label}
        <RequiredMark when={props.required} />
      </span>
      {props.children}
      <Show when={props.hint}>
        <span class="hint">{props.hint}</span>
      </Show>
    </label>
  );
}

export function Options(props: { table: Record<string, string>; keys?: string[] }) {
  return (
    <For each={props.keys ?? Object.keys(props.table)}>
      {(k) => <option value={k}>{props.table[k]}</option>}
    </For>
  );
}

export function PageTitle(props: { children: JSX.Element; actions?: JSX.Element }) {
  return (
    <div class="page-title">
      <h1>{props.children}</h1>
      <Show when={props.actions}>
        <div class="page-actions">{props.actions}</div>
      </Show>
    </div>
  );
}
