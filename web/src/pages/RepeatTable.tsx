// The workbench's 重复件提示 queue: each pending suggestion with the new case, the earlier case it
// may repeat, the score and the reasons, confirmed or rejected right in the row.
import { createSignal, For, Show } from 'solid-js';
import { CASE_STATUS, MSG } from '../i18n';
import { ApiError, type CaseBrief, type RepeatSuggestionItem, t } from '../lib/api';
import { dateTime } from '../lib/format';
import { slug } from '../lib/session';
import { A, createAction, ErrorNotice, Pager, usePages } from '../components/ui';

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

export default function RepeatTable(props: {
  items: RepeatSuggestionItem[];
  onDecided: (message: string) => void;
  /** the suggestion was decided by someone else meanwhile: reload */
  onStale: () => void;
}) {
  const pages = usePages(() => props.items, 20, 'repeats');
  const [deciding, setDeciding] = createSignal('');
  const decide = createAction(async (s: RepeatSuggestionItem, decision: 'confirm' | 'reject') => {
    setDeciding(s.id);
    try {
      await t(slug()).repeatDecision(s.id, decision);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        props.onStale();
        throw new ApiError(409, 'CONFLICT', `${s.case?.number ?? ''}：${e.message}。列表已刷新。`);
      }
      throw e;
    } finally {
      setDeciding('');
    }
    const a = s.case?.number ?? '该件';
    const b = s.earlierCase?.number ?? '在先件';
    props.onDecided(
      decision === 'confirm' ? `已确认 ${a} 为 ${b} 的重复件` : `已排除：${a} 不是 ${b} 的重复件`,
    );
  });
  return (
    <>
      <ErrorNotice error={decide.error()} />
      <div class="table-wrap">
        <table class="stack">
          <caption class="skip">重复件提示</caption>
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
                  <td class="actions">
                    <div class="row-actions">
                      <button
                        type="button"
                        class="small"
                        disabled={decide.busy()}
                        aria-label={`确认重复：${s.case?.number ?? ''}`}
                        onClick={() => decide.run(s, 'confirm')}
                      >
                        {deciding() === s.id ? '…' : '确认重复'}
                      </button>
                      <button
                        type="button"
                        class="small"
                        disabled={decide.busy()}
                        aria-label={`排除：${s.case?.number ?? ''}`}
                        onClick={() => decide.run(s, 'reject')}
                      >
                        排除
                      </button>
                    </div>
                  </td>
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
