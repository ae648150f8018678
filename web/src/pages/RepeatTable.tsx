// The workbench's 重复件提示 queue: each pending suggestion with the new case, the earlier case it
// may repeat, the score and the reasons, confirmed or rejected right in the row; below it the
// rejected ones, whose 排除 can be taken back (撤回排除) when it was a mistake.
import { createSignal, For, type JSX, Show } from 'solid-js';
import { CASE_STATUS, MSG } from '../i18n';
import { ApiError, type CaseBrief, type RepeatSuggestionItem, t } from '../lib/api';
import { createData } from '../lib/data';
import { dateTime } from '../lib/format';
import { slug } from '../lib/session';
import { A, createAction, ErrorNotice, Loading, Pager, usePages } from '../components/ui';

function CaseCell(props: { c: CaseBrief | null }) {
  return (
    <Show when={props.c} fallback={<span class="muted">（该件已不存在）</span>}>
      <A href={`/cases/${props.c!.id}`}>{props.c!.number}</A> {props.c!.title}
      <br />
      <span class="hint">
        {dateTime(props.c!.receivedAt)} · {CASE_STATUS[props.c!.status] ?? props.c!.status}
      </span>
    </Show>
  );
}

type Decision = 'confirm' | 'reject' | 'reopen';

/** The place of the clicked button's row in its table. */
const rowOf = (e: MouseEvent) => {
  const tr = (e.currentTarget as HTMLElement).closest('tr');
  return tr?.parentElement ? [...tr.parentElement.children].indexOf(tr) : -1;
};

/** The suggestions as a table: both cases, the score, the reasons, and what may be done in the row. */
function SuggestionTable(props: {
  caption: string;
  items: RepeatSuggestionItem[];
  pageKey: string;
  actions: (s: RepeatSuggestionItem) => JSX.Element;
}) {
  const pages = usePages(() => props.items, 20, props.pageKey);
  return (
    <>
      <div class="table-wrap">
        <table class="stack">
          <caption class="skip">{props.caption}</caption>
          <thead>
            <tr>
              <th>新件</th>
              <th>疑似重复于（在先件）</th>
              <th class="num">相似度</th>
              <th>提示理由</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            <For
              each={pages.view()}
              fallback={
                <tr>
                  <td colSpan={5} class="empty">
                    {MSG.empty}
                  </td>
                </tr>
              }
            >
              {(s) => (
                <tr>
                  <td class="title-cell">
                    <CaseCell c={s.case} />
                  </td>
                  <td class="wide" data-label="疑似重复于">
                    <CaseCell c={s.earlierCase} />
                  </td>
                  <td class="num nowrap lead" data-label="相似度">
                    {s.score} 分
                  </td>
                  <td class="wide" data-label="提示理由">
                    <ul class="reasons">
                      <For each={s.reasons}>{(r) => <li>{r}</li>}</For>
                    </ul>
                  </td>
                  <td class="actions">{props.actions(s)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Pager pages={pages} total={props.items.length} />
    </>
  );
}

export default function RepeatTable(props: {
  items: RepeatSuggestionItem[];
  /** `row`: where the decided suggestion stood in the pending table (-1: it was a rejected one) */
  onDecided: (message: string, row: number) => void;
  /** the suggestion was decided by someone else meanwhile: reload */
  onStale: () => void;
}) {
  const [deciding, setDeciding] = createSignal('');
  // the rejected ones are loaded when the section is opened, and again after each 撤回排除
  const [showRejected, setShowRejected] = createSignal(false);
  const [rejected, rejectedCtl] = createData(
    () => showRejected() && slug(),
    async (s) => (await t(s).repeatSuggestions('rejected')).items,
  );
  const decide = createAction(async (s: RepeatSuggestionItem, decision: Decision, row?: number) => {
    setDeciding(s.id);
    try {
      await t(slug()).repeatDecision(s.id, decision);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        props.onStale();
        if (showRejected()) void rejectedCtl.refetch();
        throw new ApiError(409, 'CONFLICT', `${s.case?.number ?? ''}：${e.message}。列表已刷新。`);
      }
      throw e;
    } finally {
      setDeciding('');
    }
    const a = s.case?.number ?? '该件';
    const b = s.earlierCase?.number ?? '在先件';
    if (decision === 'reopen') void rejectedCtl.refetch();
    props.onDecided(
      decision === 'confirm'
        ? `已确认 ${a} 为 ${b} 的重复件`
        : decision === 'reject'
          ? `已排除：${a} 不是 ${b} 的重复件`
          : `已撤回排除：${a} 与 ${b} 的提示重新待审`,
      row ?? -1,
    );
  });
  /** a suggestion whose case went into another (合并) stays as it was decided */
  const merged = (s: RepeatSuggestionItem) =>
    s.case?.status === 'merged' || s.earlierCase?.status === 'merged';
  return (
    <>
      <ErrorNotice error={decide.error()} />
      <SuggestionTable
        caption="重复件提示"
        items={props.items}
        pageKey="repeats"
        actions={(s) => (
          <div class="row-actions">
            <button
              type="button"
              class="small"
              disabled={decide.busy()}
              aria-label={`确认重复：${s.case?.number ?? ''}`}
              onClick={(e) => decide.run(s, 'confirm', rowOf(e))}
            >
              {deciding() === s.id ? '…' : '确认重复'}
            </button>
            <button
              type="button"
              class="small"
              disabled={decide.busy()}
              aria-label={`排除：${s.case?.number ?? ''}`}
              onClick={(e) => decide.run(s, 'reject', rowOf(e))}
            >
              排除
            </button>
          </div>
        )}
      />
      <details class="rejected-repeats" onToggle={(e) => setShowRejected(e.currentTarget.open)}>
        <summary>已排除的提示（排除有误的可撤回）</summary>
        <ErrorNotice error={rejected.error} />
        <Show when={rejected()} fallback={<Loading />}>
          <SuggestionTable
            caption="已排除的重复件提示"
            items={rejected()!}
            pageKey="repeats-rejected"
            actions={(s) => (
              <>
                <span class="hint">排除于 {dateTime(s.decidedAt as number | null)}</span>
                <Show when={!merged(s)} fallback={<span class="hint">（其中一件已合并，不能撤回）</span>}>
                  <div class="row-actions">
                    <button
                      type="button"
                      class="small"
                      disabled={decide.busy()}
                      title="重新列入待处理的重复件提示，再确认或排除"
                      aria-label={`撤回排除：${s.case?.number ?? ''}`}
                      onClick={() => decide.run(s, 'reopen')}
                    >
                      {deciding() === s.id ? '…' : '撤回排除'}
                    </button>
                  </div>
                </Show>
              </>
            )}
          />
        </Show>
      </details>
    </>
  );
}
