// Case search for the bureau and county leaders: filters by status, kind, channel, purpose,
// category, dates and words (the bureau also by a caller's phone, ID number or query code); newest
// first or in the order chosen, cursor pages.
import { createData } from '../lib/data';
import { For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { CASE_STATUS, CHANNEL, KIND, MSG, PURPOSE } from '../i18n';
import { t } from '../lib/api';
import { categories, treeOrder } from '../lib/ref';
import { query, setQuery } from '../lib/router';
import { slug } from '../lib/session';
import {
  createCursorPager,
  CursorPager,
  ErrorNotice,
  Field,
  Loading,
  Options,
  PageTitle,
} from '../components/ui';
import CaseTable from '../components/CaseTable';
import CaseSearchField from '../components/CaseSearchField';

const KEYS = [
  'status',
  'kind',
  'channel',
  'purpose',
  'categoryId',
  'from',
  'to',
  'q',
  'repeat',
  'sort',
] as const;

/** GET /cases?sort=…; '' is the server's default, newest first. */
const SORTS: Record<string, string> = {
  '': '收件时间（最新在前）',
  oldest: '收件时间（最早在前）',
  routeDue: '分派期限（最近在前）',
};

export default function Cases() {
  const initial = Object.fromEntries(KEYS.map((k) => [k, query().get(k) ?? ''])) as Record<
    (typeof KEYS)[number],
    string
  >;
  const [f, setF] = createStore({ ...initial });
  /** the filters applied now (the list's and the export's) */
  const filters = () => Object.fromEntries(KEYS.map((k) => [k, query().get(k)]));
  const pager = createCursorPager('cases', filters);
  const [page] = createData(
    () => ({ s: slug(), cursor: pager.cursor(), f: filters() }),
    ({ s, cursor, f }) => t(s).cases({ ...f, cursor, limit: 25 }),
  );
  const submit = (e: Event) => {
    e.preventDefault();
    setQuery(Object.fromEntries(KEYS.map((k) => [k, f[k].trim() || null])));
    pager.reset();
  };
  return (
    <section>
      <PageTitle
        actions={
          <>
            <a href={t(slug()).ledgerUrl('cases', 'xlsx', filters())} download="">
              导出 Excel
            </a>
            <a href={t(slug()).ledgerUrl('cases', 'csv', filters())} download="">
              导出 CSV
            </a>
          </>
        }
      >
        案件查询
      </PageTitle>
      <form class="card" onSubmit={submit}>
        <div class="form-grid">
          <CaseSearchField value={f.q} onInput={(v) => setF('q', v)} />
          <Field label="状态">
            <select value={f.status} onChange={(e) => setF('status', e.currentTarget.value)}>
              <option value="">全部</option>
              <Options table={CASE_STATUS} />
            </select>
          </Field>
          <Field label="类型">
            <select value={f.kind} onChange={(e) => setF('kind', e.currentTarget.value)}>
              <option value="">全部</option>
              <Options table={KIND} />
            </select>
          </Field>
          <Field label="来源">
            <select value={f.channel} onChange={(e) => setF('channel', e.currentTarget.value)}>
              <option value="">全部</option>
              <Options table={CHANNEL} />
            </select>
          </Field>
          <Field label="信访目的">
            <select value={f.purpose} onChange={(e) => setF('purpose', e.currentTarget.value)}>
              <option value="">全部</option>
              <Options table={PURPOSE} />
            </select>
          </Field>
          <Field label="内容分类">
            <select value={f.categoryId} onChange={(e) => setF('categoryId', e.currentTarget.value)}>
              <option value="">全部</option>
              <For each={treeOrder(categories())}>
                {(c) => (
                  <option value={c.id}>
                    {'\u3000'.repeat(c.depth)}
                    {c.name}
                  </option>
                )}
              </For>
            </select>
          </Field>
          <Field label="收件日期从">
            <input type="date" value={f.from} onInput={(e) => setF('from', e.currentTarget.value)} />
          </Field>
          <Field label="至">
            <input type="date" value={f.to} onInput={(e) => setF('to', e.currentTarget.value)} />
          </Field>
          <Field label="排序">
            <select
              value={f.sort}
              onChange={(e) => {
                // the order applies at once, to the filters already applied
                setF('sort', e.currentTarget.value);
                setQuery({ sort: e.currentTarget.value || null });
              }}
            >
              <Options table={SORTS} />
            </select>
          </Field>
        </div>
        <label class="check">
          <input
            type="checkbox"
            checked={f.repeat === 'true'}
            onChange={(e) => setF('repeat', e.currentTarget.checked ? 'true' : '')}
          />{' '}
          只看重复件
        </label>
        <div class="action-bar">
          <button type="submit" class="primary">
            {MSG.search}
          </button>
          <button
            type="button"
            onClick={() => {
              for (const k of KEYS) setF(k, '');
              setQuery(Object.fromEntries(KEYS.map((k) => [k, null])));
              pager.reset();
            }}
          >
            {MSG.reset}
          </button>
        </div>
      </form>
      <ErrorNotice error={page.error} />
      <Show when={page()} fallback={<Loading />}>
        <CaseTable rows={page()!.items} />
        <CursorPager pager={pager} nextCursor={page()!.nextCursor} loading={page.loading} />
      </Show>
    </section>
  );
}
