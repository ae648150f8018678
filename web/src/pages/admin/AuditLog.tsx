// An audit log (审计日志), the county's or the platform's: every event newest first, filtered by local
// days, category and person, read page by page ("加载更多") or exported as CSV with the same filters.
// The log is kept by the server and never edited; this page only reads it. The filters live in the
// address, so a reload or a shared link shows the same rows.
import { createEffect, createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { ACTOR_ROLE, ASSIGNMENT_STATE, CASE_STATUS, MSG, ROLE } from '../../i18n';
import { type AuditFilter, type AuditItem, type AuditPage, type User, UserError } from '../../lib/api';
import { createData } from '../../lib/data';
import { dateTime, today } from '../../lib/format';
import { query, restoreScroll, setQuery } from '../../lib/router';
import { A, createCursorPager, ErrorNotice, Field, Loading, PageTitle } from '../../components/ui';

export interface AuditLogProps {
  /** the page's heading */
  title: string;
  /** the table's name for screen readers */
  caption: string;
  nav: JSX.Element;
  intro: JSX.Element;
  /** whose log: when it changes (another county picked) the first page is read again */
  scope: () => string | null | undefined;
  load: (scope: string, filter: AuditFilter, cursor: string | null, limit: number) => Promise<AuditPage>;
  csvUrl: (scope: string, filter: AuditFilter) => string;
  /** the accounts the 操作人 list offers */
  actors: (scope: string) => Promise<User[]>;
  /** the roles of those accounts, in the order the 操作人 list groups them */
  roles: readonly string[];
  /** the platform's log names the county an event is about; a county's, the case and its states */
  columns: 'county' | 'platform';
}

const PAGE_SIZE = 50;
const DEFAULT_DAYS = 30;
const KEYS = ['from', 'to', 'type', 'actor'] as const;
type Filter = Record<(typeof KEYS)[number], string>;

/** A local day (YYYY-MM-DD) moved by n calendar days. */
function shiftDay(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const sameFilter = (a: Filter, b: Filter) => KEYS.every((k) => a[k] === b[k]);

export default function AuditLog(props: AuditLogProps) {
  // The default range is the last 30 days, today included, in the console's time zone.
  const defaultTo = today();
  const defaultFrom = shiftDay(defaultTo, -(DEFAULT_DAYS - 1));
  const applied = createMemo(
    (): Filter => ({
      from: query().get('from') || defaultFrom,
      to: query().get('to') || defaultTo,
      type: query().get('type') ?? '',
      actor: query().get('actor') ?? '',
    }),
    undefined,
    { equals: sameFilter },
  );
  const asQuery = (f: Filter): AuditFilter => ({
    from: f.from,
    to: f.to,
    type: f.type || null,
    actor: f.actor || null,
  });
  const [form, setForm] = createStore<Filter>({ ...applied() });
  const [formError, setFormError] = createSignal<unknown>(null);

  // The pages read so far ("加载更多") are kept in the history entry as the case lists keep theirs
  // (createCursorPager, under list:audit): Back from a case opened here, or a reload, reads as many
  // pages again and scrolls to where the log was left. They are read again one after the other from
  // the newest, each from the cursor the one before it ends with, so events that came in meanwhile
  // push the rows down rather than leaving a gap between two pages.
  const pager = createCursorPager('audit', () => [props.scope(), applied()]);
  let chain: { key: string; pages: AuditPage[] } | null = null;
  const [log, logCtl] = createData(
    () => {
      const s = props.scope();
      return s ? { s, f: applied(), n: pager.page() } : null;
    },
    async ({ s, f, n }) => {
      const key = JSON.stringify([s, f]);
      const pages = chain?.key === key ? chain.pages.slice(0, n) : [];
      while (pages.length < n) {
        const prev = pages[pages.length - 1];
        if (prev && !prev.nextCursor) break;
        pages.push(await props.load(s, asQuery(f), prev?.nextCursor ?? null, PAGE_SIZE));
        chain = { key, pages: [...pages] };
      }
      return {
        items: pages.flatMap((p) => p.items),
        nextCursor: pages[pages.length - 1]?.nextCursor ?? null,
        types: pages[0]?.types ?? [],
        pages: pages.length,
        filter: f,
        scope: s,
      };
    },
  );
  const rows = (): AuditItem[] => log()?.items ?? [];
  const nextCursor = () => log()?.nextCursor ?? null;
  /** the rows on screen were read with other filters than those applied: a new first page is coming */
  const stale = () =>
    log.loading && (log()?.scope !== props.scope() || !sameFilter(log()!.filter, applied()));
  const loadMore = () => {
    const d = log();
    if (!d || log.loading) return;
    // a page that failed to load is read again rather than skipped
    if (d.pages < pager.page()) void logCtl.refetch();
    else pager.next(d.nextCursor);
  };
  // After Back (or Forward) to this entry, scroll to where the log was left once all its pages are in.
  createEffect(() => {
    const d = log();
    if (d && !log.loading && (d.pages >= pager.page() || !d.nextCursor)) restoreScroll();
  });

  const [users] = createData(props.scope, props.actors);
  const usersByRole = () => {
    const all = [...(users() ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    const groups = props.roles.map((r) => ({ role: r, items: all.filter((u) => u.role === r) }));
    const other = all.filter((u) => !props.roles.includes(u.role));
    return [...groups, { role: '', items: other }].filter((g) => g.items.length > 0);
  };
  const types = () => log()?.types ?? [];

  const submit = (e: Event) => {
    e.preventDefault();
    setFormError(null);
    const next: Filter = {
      from: form.from || defaultFrom,
      to: form.to || defaultTo,
      type: form.type,
      actor: form.actor,
    };
    if (next.from > next.to) {
      setFormError(new UserError('起始日期不能晚于截止日期'));
      return;
    }
    setForm(next);
    const unchanged = sameFilter(next, applied());
    // The defaults stay out of the address, so a saved link keeps meaning "the last 30 days".
    setQuery({
      from: next.from === defaultFrom ? null : next.from,
      to: next.to === defaultTo ? null : next.to,
      type: next.type || null,
      actor: next.actor || null,
    });
    // 查询 with the same filters reads the log again from its first page: new events may have come in.
    if (unchanged) {
      chain = null;
      if (pager.page() > 1) pager.reset();
      else void logCtl.refetch();
    }
  };
  const reset = () => {
    setFormError(null);
    setForm({ from: defaultFrom, to: defaultTo, type: '', actor: '' });
    setQuery({ from: null, to: null, type: null, actor: null });
  };

  const csvHref = () => {
    const s = props.scope();
    return s ? props.csvUrl(s, asQuery(applied())) : undefined;
  };
  const platform = () => props.columns === 'platform';

  return (
    <section>
      <PageTitle
        actions={
          <a class="btn" href={csvHref()} download="">
            导出 CSV
          </a>
        }
      >
        {props.title}
      </PageTitle>
      {props.nav}
      {props.intro}
      <form class="card" onSubmit={submit}>
        <div class="form-grid">
          <Field label="起始日期">
            <input
              type="date"
              value={form.from}
              max={form.to || undefined}
              onInput={(e) => setForm('from', e.currentTarget.value)}
            />
          </Field>
          <Field label="截止日期">
            <input
              type="date"
              value={form.to}
              min={form.from || undefined}
              onInput={(e) => setForm('to', e.currentTarget.value)}
            />
          </Field>
          <Field label="类别">
            <select value={form.type} onChange={(e) => setForm('type', e.currentTarget.value)}>
              <option value="">全部</option>
              {/* the options come with the log: each says whether it is the one chosen, or a filter read
                  from the address (after Back or a reload) would show as 全部 */}
              <For each={types()}>
                {(x) => (
                  <option value={x.prefix} selected={x.prefix === form.type}>
                    {x.label}
                  </option>
                )}
              </For>
            </select>
          </Field>
          <Field label="操作人">
            <select value={form.actor} onChange={(e) => setForm('actor', e.currentTarget.value)}>
              <option value="">全部</option>
              <For each={usersByRole()}>
                {(g) => (
                  <optgroup label={g.role ? (ROLE[g.role] ?? g.role) : '其他'}>
                    <For each={g.items}>
                      {(u) => (
                        <option value={u.id} selected={u.id === form.actor}>
                          {userLabel(u)}
                        </option>
                      )}
                    </For>
                  </optgroup>
                )}
              </For>
            </select>
          </Field>
        </div>
        <div class="action-bar">
          <button type="submit" class="primary" disabled={stale()}>
            {MSG.search}
          </button>
          <button type="button" onClick={reset}>
            {MSG.reset}
          </button>
        </div>
      </form>
      <ErrorNotice error={formError()} />
      <ErrorNotice error={log.error} />
      <ErrorNotice error={users.error && !log.error ? users.error : null} />
      <Show
        when={log()}
        fallback={
          <Show when={!log.error}>
            <Loading />
          </Show>
        }
      >
        <p class="muted" role="status">
          {stale()
            ? MSG.loading
            : `${log()!.filter.from} 至 ${log()!.filter.to}，已显示 ${rows().length} 条${nextCursor() ? '，还有更早的记录' : ''}`}
        </p>
        <div class="table-wrap">
          <table class="stack">
            <caption class="sr-only">{props.caption}</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">事件</th>
                <th scope="col">操作人</th>
                <Show
                  when={platform()}
                  fallback={
                    <>
                      <th scope="col">案件</th>
                      <th scope="col">状态</th>
                    </>
                  }
                >
                  <th scope="col">县区</th>
                </Show>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              <For
                each={rows()}
                fallback={
                  <tr>
                    <td colSpan={platform() ? 5 : 6} class="empty">
                      该时间段没有记录
                    </td>
                  </tr>
                }
              >
                {(r) => (
                  <tr>
                    <td class="nowrap lead" data-label="时间">
                      {dateTime(r.at)}
                    </td>
                    <td class="nowrap title-cell" title={r.type}>
                      {r.typeLabel}
                    </td>
                    <td class="nowrap" data-label="操作人">
                      <Actor item={r} />
                    </td>
                    <Show
                      when={platform()}
                      fallback={
                        <>
                          <td class="nowrap" data-label="案件">
                            <Show when={r.caseId && r.caseNumber} fallback={r.caseNumber ?? ''}>
                              <A href={`/cases/${r.caseId}`}>{r.caseNumber}</A>
                            </Show>
                          </td>
                          <td class="nowrap" data-label="状态">
                            <StateChange item={r} />
                          </td>
                        </>
                      }
                    >
                      <td class="nowrap" data-label="县区">
                        {r.tenantName ?? ''}
                      </td>
                    </Show>
                    <td class="audit-summary wide" data-label="说明">
                      {r.summary}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={nextCursor()}>
          <div class="pager">
            <button type="button" disabled={log.loading} onClick={loadMore}>
              {log.loading ? MSG.loading : '加载更多'}
            </button>
          </div>
        </Show>
      </Show>
    </section>
  );
}

function userLabel(u: User): string {
  return `${u.name}（${u.login}）${u.active ? '' : '（已停用）'}`;
}

/** The person, then their role in grey; the system and citizens are named by their role alone. */
function Actor(props: { item: AuditItem }) {
  const role = () => (props.item.actorRole ? (ACTOR_ROLE[props.item.actorRole] ?? props.item.actorRole) : '');
  const name = () => props.item.actorName ?? '';
  return (
    <Show when={name()} fallback={role() || '—'}>
      {name()}
      <Show when={role() && role() !== name()}>
        {' '}
        <span class="muted">{role()}</span>
      </Show>
    </Show>
  );
}

/** A move as "待签收 → 已签收": case events carry case states, assignment events assignment states. */
function StateChange(props: { item: AuditItem }) {
  const label = (s: string | null) => {
    if (!s) return '';
    const [own, other] = props.item.type.startsWith('case.')
      ? [CASE_STATUS, ASSIGNMENT_STATE]
      : [ASSIGNMENT_STATE, CASE_STATUS];
    return own[s] ?? other[s] ?? s;
  };
  return (
    <Show when={props.item.fromState || props.item.toState}>
      {label(props.item.fromState)}
      <span aria-hidden="true"> → </span>
      <span class="sr-only">变为</span>
      {label(props.item.toState)}
    </Show>
  );
}
