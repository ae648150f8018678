// The public 问政 board: search (Chinese text), filter by category and unit, "load more" paging.
// The search is kept in the URL, so a result list can be shared or bookmarked.
import { createSignal, For, onMount, Show } from 'solid-js';
import { useInfo } from '../components/context';
import { Alert, Link, PageTitle } from '../components/ui';
import { fmtDate, M } from '../i18n';
import { ApiError, api, type BoardItem } from '../lib/api';
import { href, navigate, query } from '../router';

const PAGE = 10;
const snippet = (s: string, n = 80) => {
  const a = Array.from(s.replace(/\s+/g, ' ').trim());
  return a.length > n ? `${a.slice(0, n).join('')}…` : a.join('');
};

export default function Board() {
  const info = useInfo();
  const initial = query();
  const [q, setQ] = createSignal(initial.get('q') ?? '');
  const [categoryId, setCategoryId] = createSignal(initial.get('categoryId') ?? '');
  const [unitId, setUnitId] = createSignal(initial.get('unitId') ?? '');
  const [items, setItems] = createSignal<BoardItem[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal('');

  const fetchPage = async (more: boolean) => {
    setLoading(true);
    setError('');
    try {
      const r = await api.board({
        q: q().trim() || undefined,
        categoryId: categoryId() || undefined,
        unitId: unitId() || undefined,
        cursor: more ? (cursor() ?? undefined) : undefined,
        limit: PAGE,
      });
      const before = more ? items().length : 0;
      setItems(more ? [...items(), ...r.items] : r.items);
      setCursor(r.nextCursor);
      setLoaded(true);
      // After "load more", move focus to the first new item so keyboard users continue there.
      if (more && r.items.length) {
        queueMicrotask(() =>
          document.querySelectorAll<HTMLAnchorElement>('.board-list h2 a')[before]?.focus(),
        );
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : M.errors.network);
    } finally {
      setLoading(false);
    }
  };
  onMount(() => void fetchPage(false));

  const onSearch = (e: SubmitEvent) => {
    e.preventDefault();
    const s = new URLSearchParams();
    if (q().trim()) s.set('q', q().trim());
    if (categoryId()) s.set('categoryId', categoryId());
    if (unitId()) s.set('unitId', unitId());
    const qs = s.toString();
    navigate(href(`/board${qs ? `?${qs}` : ''}`), { replace: true, keepScroll: true });
    void fetchPage(false);
  };

  return (
    <>
      <PageTitle>{M.board.title}</PageTitle>
      <p class="lead">{M.board.lead}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is unknown to the old WebViews we support */}
      <form role="search" class="form search" onSubmit={onSearch} aria-label={M.board.search}>
        <div class="field">
          <label for="b-q">{M.board.q}</label>
          <p class="hint" id="b-q-hint">
            {M.board.qHint}
          </p>
          <input
            id="b-q"
            class="input"
            type="search"
            maxLength={50}
            aria-describedby="b-q-hint"
            value={q()}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        </div>
        <div class="row">
          <div class="field">
            <label for="b-cat">{M.board.category}</label>
            <select
              id="b-cat"
              class="input"
              value={categoryId()}
              onChange={(e) => setCategoryId(e.currentTarget.value)}
            >
              <option value="">{M.board.all}</option>
              <For each={(info()?.categories ?? []).filter((c) => !c.parentId)}>
                {(c) => <option value={c.id}>{c.name}</option>}
              </For>
            </select>
          </div>
          <div class="field">
            <label for="b-unit">{M.board.unit}</label>
            <select
              id="b-unit"
              class="input"
              value={unitId()}
              onChange={(e) => setUnitId(e.currentTarget.value)}
            >
              <option value="">{M.board.all}</option>
              <For each={info()?.units ?? []}>{(u) => <option value={u.id}>{u.name}</option>}</For>
            </select>
          </div>
        </div>
        <button type="submit" class="btn btn-primary">
          {M.board.go}
        </button>
      </form>

      <Show when={error()}>
        <Alert>{error()}</Alert>
      </Show>
      <p role="status" class="muted">
        {loaded() && !loading() ? M.board.count(items().length, !!cursor()) : loading() ? M.loading : ''}
      </p>
      <ol class="plain board-list">
        <For each={items()}>
          {(item) => (
            <li>
              <article>
                <h2 class="item-title">
                  <Link href={href(`/board/${encodeURIComponent(item.number)}`)}>{item.title}</Link>
                </h2>
                <p class="meta">
                  {[item.categoryName, item.unitName, `${M.board.answered} ${fmtDate(item.answeredAt)}`]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <p>{snippet(item.question)}</p>
              </article>
            </li>
          )}
        </For>
      </ol>
      <Show when={cursor()}>
        <button
          type="button"
          class="btn btn-secondary"
          aria-disabled={loading()}
          onClick={() => !loading() && fetchPage(true)}
        >
          {loading() ? M.board.loadingMore : M.board.more}
        </button>
      </Show>
    </>
  );
}
