// The monthly bulletin (工作通报): the bureau generates a draft for a month, reads it here, prints it
// on A4, downloads xlsx or CSV, and publishes it (frozen from then on). Published bulletins are
// listed per month; county leaders read every version, a unit's handlers and leaders the published
// ones without the internal tables (the API hands them the public version).
import { createMemo, createSignal, For, Show } from 'solid-js';
import { MSG } from '../i18n';
import { createData } from '../lib/data';
import { ApiError, api, t, UserError } from '../lib/api';
import { dateTime, lastMonth } from '../lib/format';
import { query, setQuery } from '../lib/router';
import { isBureau, slug } from '../lib/session';
import { createAction, ErrorNotice, Field, Loading, Notice, PageTitle } from '../components/ui';
import { CASE_KIND_LABEL, is404, StatsError } from './stats-common';

type Cell = string | number | null;
interface Table {
  key: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  internal?: boolean;
  note?: string;
}
interface Doc {
  title: string;
  subtitle?: string;
  docNumber?: string | null;
  summary?: string[];
  findings?: string[];
  measures?: string[];
  tables?: Table[];
}
interface Item {
  id: string;
  month: string;
  /** all cases, or one kind (bulletins before scopes are all) */
  scope?: string;
  status: 'draft' | 'published';
  title: string;
  cutoff?: string;
  createdAt?: number;
  publishedAt?: number | null;
}
interface View extends Item {
  document: Doc;
  source?: string;
  /** the bureau changed the 期号, findings or measures by hand */
  edited?: boolean;
  /** the findings as generated (bureau only) */
  generatedFindings?: string[] | null;
}

/** Paragraphs as typed in a text box: one a line, blank lines dropped. */
const paragraphsOf = (text: string) =>
  text
    .split(/\r?\n/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The column a row is about (the unit, the item), which heads its card on a narrow screen: not a 序号. */
function titleColumn(tb: Table): number {
  return Math.max(
    0,
    tb.columns.findIndex((c) => !/^(序号|排名|名次)$/.test(c)),
  );
}

export default function Bulletins() {
  const month = () => query().get('month') || lastMonth();
  // 通报范围: all cases (信访工作通报, with the count of each kind) or one kind
  const scope = () => {
    const s = query().get('scope') ?? '';
    return s in CASE_KIND_LABEL ? s : 'all';
  };
  const scopeName = () => (scope() === 'all' ? '' : `${CASE_KIND_LABEL[scope()]} `);
  const base = () => `${t(slug()).base}/bulletins`;
  const [all, listCtl] = createData(
    () => ({ s: slug(), m: month() }),
    async ({ m }) => (await api.get<{ items: Item[] }>(base(), { month: m })).items,
  );
  const list = () => all()?.filter((b) => (b.scope ?? 'all') === scope());
  const chosen = createMemo(() => {
    const items = list() ?? [];
    const id = query().get('id');
    return items.find((b) => b.id === id) ?? items.find((b) => b.status === 'published') ?? items[0] ?? null;
  });
  const [view, viewCtl] = createData(
    () => chosen()?.id,
    (id: string) => api.get<View>(`${base()}/${id}`),
  );
  const [ok, setOk] = createSignal('');
  const [cutoff, setCutoff] = createSignal('');
  const generate = createAction(async () => {
    const at = cutoff() ? new Date(cutoff()) : null;
    if (at && Number.isNaN(at.getTime())) throw new UserError('统计时点格式不正确');
    const r = await api.post<View>(base(), {
      month: month(),
      cutoff: at ? at.toISOString() : null,
      scope: scope(),
    });
    setOk(`已生成 ${month()} ${scopeName()}工作通报草稿，请核对后发布`);
    await listCtl.refetch();
    setQuery({ id: r.id });
  });
  const publish = createAction(async (b: Item) => {
    if (!confirm(`发布“${b.title}”？发布后内容冻结，不再随后续办理变化。`)) return;
    await api.post(`${base()}/${b.id}/publish`, {});
    setOk(`${b.title} 已发布`);
    await listCtl.refetch();
    await viewCtl.refetch();
  });
  // The bureau writes what the generator cannot: the 期号, the findings in its own words, the
  // 下一步工作要求. Only on a draft; a regeneration keeps them.
  const [editing, setEditing] = createSignal(false);
  const [docNumber, setDocNumber] = createSignal('');
  const [findings, setFindings] = createSignal('');
  const [measures, setMeasures] = createSignal('');
  const startEdit = () => {
    const d = doc();
    setDocNumber(d?.docNumber ?? '');
    setFindings((d?.findings ?? []).join('\n'));
    setMeasures((d?.measures ?? []).join('\n'));
    setOk('');
    setEditing(true);
  };
  const save = createAction(async (b: Item, body: Record<string, unknown>) => {
    await api.patch(`${base()}/${b.id}`, body);
    setEditing(false);
    setOk('已保存对通报草稿的修改');
    await viewCtl.refetch();
  });
  const saveEdits = (b: Item) => {
    const f = paragraphsOf(findings());
    if (f.length === 0) {
      save.setError(new UserError('请至少写一条存在问题'));
      return;
    }
    void save.run(b, {
      docNumber: docNumber().trim() || null,
      findings: f,
      measures: paragraphsOf(measures()),
    });
  };
  // Downloads go through fetch, so that a failed export answers with a message, not a raw page.
  const download = createAction(async (b: Item, fmt: 'xlsx' | 'csv') => {
    const res = await fetch(`/api${base()}/${b.id}/export.${fmt}`, { credentials: 'same-origin' });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as {
        error?: { code?: string; message?: string };
      } | null;
      throw new ApiError(
        res.status,
        body?.error?.code ?? 'INTERNAL',
        `导出${fmt === 'xlsx' ? ' Excel' : ' CSV'}失败：${body?.error?.message ?? res.statusText}`,
      );
    }
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${b.title}.${fmt}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  });
  const doc = () => view()?.document ?? null;
  // one published bulletin a month: a later draft of a published month is for comparing, and the
  // server refuses to publish it, so it is not offered
  const publishedOfMonth = createMemo(() => (list() ?? []).find((b) => b.status === 'published') ?? null);

  return (
    <section>
      <PageTitle
        actions={
          <>
            <Show when={isBureau()}>
              <button type="button" disabled={generate.busy()} onClick={() => generate.run()}>
                {generate.busy() ? '正在生成…' : `生成 ${month()} ${scopeName()}通报草稿`}
              </button>
            </Show>
            <Show when={view()}>
              <button type="button" onClick={() => window.print()}>
                打印（A4）
              </button>
              <a class="btn" href={`/api${base()}/${view()!.id}/print`} target="_blank" rel="noopener">
                打印版
              </a>
              <button type="button" disabled={download.busy()} onClick={() => download.run(view()!, 'xlsx')}>
                导出 Excel
              </button>
              <button type="button" disabled={download.busy()} onClick={() => download.run(view()!, 'csv')}>
                导出 CSV
              </button>
              <Show when={isBureau() && view()!.status === 'draft' && !editing()}>
                <button type="button" onClick={startEdit}>
                  修改期号、问题与要求
                </button>
              </Show>
              <Show when={isBureau() && view()!.status === 'draft' && !publishedOfMonth()}>
                <button
                  type="button"
                  class="primary"
                  disabled={publish.busy()}
                  onClick={() => publish.run(view()!)}
                >
                  发布通报
                </button>
              </Show>
            </Show>
          </>
        }
      >
        工作通报 · {month()}
      </PageTitle>
      <form class="inline-form no-print" onSubmit={(e) => e.preventDefault()}>
        <Field label="月份">
          <input
            type="month"
            value={month()}
            onChange={(e) => setQuery({ month: e.currentTarget.value, id: null })}
          />
        </Field>
        <Field label="通报范围">
          <select
            value={scope()}
            onChange={(e) =>
              setQuery({ scope: e.currentTarget.value === 'all' ? null : e.currentTarget.value, id: null })
            }
          >
            <option value="all">全部诉求</option>
            <For each={Object.keys(CASE_KIND_LABEL)}>
              {(k) => <option value={k}>{CASE_KIND_LABEL[k]}</option>}
            </For>
          </select>
        </Field>
        <Show when={isBureau()}>
          <Field label="统计时点（可选，默认现在）">
            <input type="datetime-local" value={cutoff()} onInput={(e) => setCutoff(e.currentTarget.value)} />
          </Field>
        </Show>
        <Show when={(list() ?? []).length > 1}>
          <Field label="本月各版本">
            <select value={chosen()?.id ?? ''} onChange={(e) => setQuery({ id: e.currentTarget.value })}>
              <For each={list()!}>
                {(b) => (
                  <option value={b.id}>
                    {b.status === 'published'
                      ? `已发布 · ${dateTime(b.publishedAt ?? b.createdAt)}`
                      : `草稿 · 生成于 ${dateTime(b.createdAt)}`}
                  </option>
                )}
              </For>
            </select>
          </Field>
        </Show>
      </form>
      <Show when={ok()}>
        <Notice kind="ok">{ok()}</Notice>
      </Show>
      <ErrorNotice error={generate.error() ?? publish.error() ?? download.error() ?? save.error()} />
      <StatsError error={all.error ?? (is404(view.error) ? view.error : null)} what="工作通报" />
      <Show when={view.error && !is404(view.error)}>
        <ErrorNotice error={view.error} />
      </Show>
      <Show when={list()} fallback={<Show when={!all.error}>{<Loading />}</Show>}>
        <Show
          when={chosen()}
          fallback={
            <p class="empty">
              {isBureau() ? `${month()} 尚无通报。点击“生成通报草稿”。` : `${month()} 的通报尚未发布。`}
            </p>
          }
        >
          <Show when={doc()} fallback={<Loading />}>
            <article class="card bulletin">
              <p class="hint no-print">
                {view()!.status === 'published'
                  ? `已发布（${dateTime(view()!.publishedAt)}），内容已冻结。`
                  : publishedOfMonth()
                    ? `草稿，仅供核对：本月通报已于 ${dateTime(publishedOfMonth()!.publishedAt)} 发布，不能再发布。`
                    : `草稿：发布前会随办理情况变化，可重新生成${view()!.edited ? '（已修改的期号、问题与要求会保留）' : ''}。`}
                {view()!.cutoff ? ` 统计时点：${dateTime(Date.parse(view()!.cutoff!))}` : ''}
              </p>
              <Show when={editing() && view()!.status === 'draft'}>
                <form
                  class="no-print"
                  aria-label="修改通报草稿"
                  onSubmit={(e) => {
                    e.preventDefault();
                    saveEdits(view()!);
                  }}
                >
                  <Field label="期号">
                    <input
                      value={docNumber()}
                      maxLength={40}
                      onInput={(e) => setDocNumber(e.currentTarget.value)}
                    />
                  </Field>
                  <Field label="存在问题（每行一段）">
                    <textarea
                      rows={7}
                      value={findings()}
                      onInput={(e) => setFindings(e.currentTarget.value)}
                    />
                  </Field>
                  <Field label="下一步工作要求（每行一段）">
                    <textarea
                      rows={7}
                      value={measures()}
                      onInput={(e) => setMeasures(e.currentTarget.value)}
                    />
                  </Field>
                  <p class="hint">重新生成草稿时，数字随办理情况更新，这里写的内容保留。发布后不能再改。</p>
                  <div class="row-actions">
                    <button type="submit" class="primary" disabled={save.busy()}>
                      {save.busy() ? '正在保存…' : '保存修改'}
                    </button>
                    <Show when={view()!.generatedFindings?.length}>
                      <button
                        type="button"
                        onClick={() => setFindings((view()!.generatedFindings ?? []).join('\n'))}
                      >
                        恢复自动生成的问题
                      </button>
                    </Show>
                    <button type="button" onClick={() => setEditing(false)}>
                      取消
                    </button>
                  </div>
                </form>
              </Show>
              <Show when={doc()!.docNumber}>
                <p style={{ 'text-align': 'center' }}>{doc()!.docNumber}</p>
              </Show>
              <h1 style={{ 'text-align': 'center' }}>{doc()!.title}</h1>
              <Show when={doc()!.subtitle}>
                <p style={{ 'text-align': 'center' }} class="muted">
                  {doc()!.subtitle}
                </p>
              </Show>
              <h2>一、基本情况</h2>
              <For each={doc()!.summary ?? []}>{(p) => <p>{p}</p>}</For>
              <Show when={doc()!.findings?.length}>
                <h2>二、存在问题</h2>
                <For each={doc()!.findings!}>{(p) => <p>{p}</p>}</For>
              </Show>
              <Show when={doc()!.measures?.length}>
                <h2>三、下一步工作要求</h2>
                <For each={doc()!.measures!}>{(p) => <p>{p}</p>}</For>
              </Show>
              <For each={doc()!.tables ?? []}>
                {(tb) => (
                  <section>
                    <h2>
                      {tb.title}
                      <Show when={tb.internal}>
                        {' '}
                        <span class="tag red">内部</span>
                      </Show>
                    </h2>
                    {/* a wide table scrolls sideways on a desktop: a focusable region, so the keyboard
                        reaches it too; below a desktop's width each row is a card (class "stack"), the
                        unit it is about first and every figure named by its column */}
                    <section class="table-wrap" tabindex="0" aria-label={tb.title}>
                      <table class="stack">
                        <thead>
                          <tr>
                            <For each={tb.columns}>{(c) => <th>{c}</th>}</For>
                          </tr>
                        </thead>
                        <tbody>
                          <For
                            each={tb.rows}
                            fallback={
                              <tr>
                                <td colSpan={tb.columns.length} class="empty">
                                  {MSG.empty}
                                </td>
                              </tr>
                            }
                          >
                            {(r) => (
                              <tr>
                                <For each={r}>
                                  {(cell, i) => (
                                    <td
                                      class={
                                        i() === titleColumn(tb)
                                          ? 'title-cell'
                                          : typeof cell === 'number'
                                            ? 'num'
                                            : ''
                                      }
                                      data-label={i() === titleColumn(tb) ? undefined : tb.columns[i()]}
                                    >
                                      {cell == null ? '—' : String(cell)}
                                    </td>
                                  )}
                                </For>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </section>
                    <Show when={tb.note}>
                      <p class="hint">{tb.note}</p>
                    </Show>
                  </section>
                )}
              </For>
            </article>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
