// The dispatcher's workbench: one tab per queue with its count; new cases are routed, returns,
// extensions and repeat suggestions decided right here (a returned case re-routed at once), laggards
// urged and supervised, one unit's at a time when chasing them; everything else opens the case. After
// a row's action the focus goes to the same button of the row now in its place, so a keyboard works
// down the queue.
import { createData } from '../lib/data';
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { MSG, moveDone } from '../i18n';
import {
  ApiError,
  type AssignmentRow,
  type CaseDetail,
  type CaseSummary,
  type RepeatSuggestionItem,
  t,
  UserError,
} from '../lib/api';
import CaseTable from '../components/CaseTable';
import CaseSearchField from '../components/CaseSearchField';
import { query, setQuery } from '../lib/router';
import { endOfDay, today } from '../lib/format';
import { RouteDialog, supervisionHint, URGE_MESSAGE } from './case-dialogs';
import { activeUnits, unitName } from '../lib/ref';
import { slug } from '../lib/session';
import AssignmentTable from '../components/AssignmentTable';
import {
  A,
  createAction,
  createCursorPager,
  CursorPager,
  Dialog,
  ErrorNotice,
  Field,
  Loading,
  Notice,
  PageTitle,
} from '../components/ui';
import RepeatTable from './RepeatTable';
import TabList from '../components/TabList';

type Tab = {
  key: string;
  label: string;
  count: string;
  kind: 'cases' | 'assignments' | 'repeats';
  query: Record<string, string>;
  hot?: boolean;
  /** a count of its cases past the bureau's own deadline, shown red beside the tab's count */
  late?: string;
  hint?: string;
};

const TABS: Tab[] = [
  {
    key: 'new',
    label: '新件待分派',
    count: 'new',
    kind: 'cases',
    // the case nearest its routing deadline first, not the newest; of the same deadline, the one
    // received first (then the lower number), as a pile reads
    query: { status: 'new', sort: 'routeDue' },
    late: 'newOverdue',
    hint: '尚未分派的来件，分派期限最近的排在最前；期限相同的，先收到的在前。',
  },
  {
    key: 'returned',
    label: '退件申请',
    count: 'returned',
    kind: 'assignments',
    query: { state: 'return_requested' },
    hot: true,
  },
  {
    key: 'extension',
    label: '延期申请',
    count: 'extensionRequests',
    kind: 'assignments',
    query: { pendingExtension: 'true' },
    hot: true,
  },
  {
    key: 'overdue',
    label: '逾期（红灯）',
    count: 'overdue',
    kind: 'assignments',
    query: { light: 'red' },
    hot: true,
  },
  {
    key: 'dueSoon',
    label: '临期（黄灯）',
    count: 'dueSoon',
    kind: 'assignments',
    query: { light: 'yellow' },
  },
  {
    key: 'supervised',
    label: '督办件',
    count: 'supervised',
    kind: 'assignments',
    query: { supervised: 'true', state: 'dispatched,signed,accepted,return_requested' },
  },
  {
    key: 'repeats',
    label: '重复件提示',
    count: 'repeatSuggestions',
    kind: 'repeats',
    query: { status: 'pending' },
    hint: '系统按同一身份（身份证号或电话）、同一分类和相似内容提示疑似重复件（同人同事）。确认后该件计为重复信访，排除则不再提示。',
  },
  {
    key: 'publish',
    label: '问政待发布',
    count: 'toPublish',
    kind: 'cases',
    // only what the asker agreed to publish: the others can never be, and the count leaves them out
    query: { kind: 'inquiry', isPublic: 'true', publish: 'none', status: 'replied,closed,rated' },
    hint: '群众同意公开、已答复而尚未发布（或决定不予公开）的问政件。',
  },
  {
    key: 'unsatisfied',
    label: '不满意待重办',
    count: 'unsatisfied',
    kind: 'assignments',
    query: { reworkPending: 'true' },
    hint: '群众评价为“不满意”、尚待决定的件：在案件页“重办”，或经审查“维持答复”。',
  },
  {
    key: 'review',
    label: '待领导审核',
    count: 'pendingReview',
    kind: 'assignments',
    query: { replyStatus: 'pending_review' },
    hint: '承办单位已拟好答复、正等本单位领导审核的件。需要时可催办。',
  },
  {
    key: 'citizen-review',
    label: '复查待答复',
    count: 'reviewRequests',
    kind: 'cases',
    // the request waiting longest first: its answer is due soonest
    query: { review: 'pending', sort: 'reviewDue' },
    hint: '群众对答复不服、申请复查（复核）的件：收到申请后 30 日内录入复查意见。等待最久的排在最前。',
  },
];

export default function Workbench() {
  const [counts, countsCtl] = createData(slug, (s) => t(s).queues());
  const tab = createMemo(() => TABS.find((x) => x.key === query().get('tab')) ?? TABS[0]!);
  /** the unit whose work the assignment queues show (the dispatcher chasing one unit), or '' for all */
  const unit = () => (tab().kind === 'assignments' && query().get('unit')) || '';
  const pager = createCursorPager('workbench', () => [tab().key, query().get('q') ?? '', unit()]);
  const [q, setQ] = createSignal(query().get('q') ?? '');
  const [page, pageCtl] = createData(
    () => ({ tab: tab(), cursor: pager.cursor(), q: query().get('q') ?? '', unit: unit(), s: slug() }),
    async ({ tab, cursor, q, unit, s }) => {
      if (tab.kind === 'repeats')
        return {
          kind: 'repeats' as const,
          key: tab.key,
          items: (await t(s).repeatSuggestions('pending')).items,
          nextCursor: null,
        };
      const params = { ...tab.query, q: q || undefined, unitId: unit || undefined, cursor, limit: 20 };
      if (tab.kind === 'cases')
        return { kind: 'cases' as const, key: tab.key, ...(await t(s).cases(params)) };
      return { kind: 'assignments' as const, key: tab.key, ...(await t(s).assignments(params)) };
    },
  );
  /**
   * The rows of the tab selected, once read: while another tab's are still on screen its columns and
   * buttons would stand over them (复查期限 over new cases), so it says 正在加载 instead.
   */
  const shown = () => {
    const p = page();
    return p?.key === tab().key ? p : undefined;
  };
  const [deciding, setDeciding] = createSignal<{ a: AssignmentRow; move: string } | null>(null);
  const [ok, setOk] = createSignal('');
  /** a case whose return was just approved: re-routed from the notice */
  const [reroute, setReroute] = createSignal<{ caseId: string; number: string } | null>(null);
  const [routing, setRouting] = createSignal<CaseDetail | null>(null);
  const openRoute = createAction(async (caseId: string) => {
    setRouting(await t(slug()).case(caseId));
  });
  const refresh = () => {
    countsCtl.refetch();
    pageCtl.refetch();
  };
  let notice: HTMLDivElement | undefined;
  const rowIndex = (id: string) =>
    ((page()?.items ?? []) as Array<{ id: string; caseId?: string }>).findIndex((x) => x.id === id);
  /**
   * Reloads after a row's action and puts the focus on the button `label` (else the first button) of
   * the row now at `index`: the next one when the row left the queue, the first when the case was not
   * in it. On the notice instead when told (its 重新转送) or when the queue is empty.
   */
  const refreshAndFocus = async (index: number | 'notice', label: string) => {
    countsCtl.refetch();
    await pageCtl.refetch();
    requestAnimationFrame(() => {
      // the queue's own table, the first in the panel (the rejected repeats may follow it)
      const body = document.querySelector('[role=tabpanel] table tbody');
      const rows = body ? [...body.children] : [];
      const row = index === 'notice' ? undefined : rows[Math.min(Math.max(index, 0), rows.length - 1)];
      const buttons = row ? [...row.querySelectorAll('button')] : [];
      const button = buttons.find((b) => b.textContent?.trim() === label) ?? buttons[0];
      (button ?? notice?.querySelector<HTMLElement>('button') ?? notice)?.focus();
    });
  };
  /** RouteDialog's way to route: the list reloads and the next case's 转送 takes the focus. */
  const performRoute = async (fn: () => Promise<unknown>, done: string): Promise<boolean> => {
    const d = routing()!;
    const index = rowIndex(d.case.id);
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        refresh();
        throw new ApiError(409, 'CONFLICT', `${d.case.number}：${e.message}。列表已刷新。`);
      }
      throw e;
    }
    setOk(`${d.case.number} ${done}`);
    setReroute(null);
    setRouting(null);
    void refreshAndFocus(index, '转送');
    return true;
  };

  return (
    <section>
      <PageTitle
        actions={
          <>
            <A href="/register" class="btn primary">
              登记来件（Alt+N）
            </A>
            <button type="button" onClick={refresh}>
              刷新
            </button>
          </>
        }
      >
        信访工作台
      </PageTitle>
      <ErrorNotice error={counts.error} />
      <TabList
        label="待办队列"
        items={TABS}
        selected={tab().key}
        panel="workbench-panel"
        onSelect={(x) => {
          setOk('');
          setReroute(null);
          setQuery({ tab: x.key, q: null, unit: null });
        }}
      >
        {(x) => {
          const n = () => (counts() as Record<string, number> | undefined)?.[x.count];
          const late = () => (x.late ? (counts() as Record<string, number> | undefined)?.[x.late] : 0);
          return (
            <>
              {x.label}
              <span class={`count ${x.hot && n() ? 'hot' : ''}`}>{n() ?? '…'}</span>
              <Show when={late()}>
                <span class="count hot">逾期 {late()}</span>
              </Show>
            </>
          );
        }}
      </TabList>
      <div role="tabpanel" id="workbench-panel" aria-label={tab().label}>
        <Show when={tab().hint}>
          <p class="hint">{tab().hint}</p>
        </Show>
        <div tabindex="-1" ref={notice}>
          <Show when={ok()}>
            <Notice kind="ok">
              {ok()}
              <Show when={reroute()}>
                {(r) => (
                  <>
                    {' '}
                    <button type="button" class="small" onClick={() => openRoute.run(r().caseId)}>
                      重新转送 {r().number}
                    </button>
                  </>
                )}
              </Show>
            </Notice>
          </Show>
        </div>
        <ErrorNotice error={openRoute.error()} />
        <Show when={tab().kind !== 'repeats'}>
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              setQuery({ q: q().trim() || null });
              pager.reset();
            }}
          >
            <CaseSearchField value={q()} onInput={setQ} />
            <Show when={tab().kind === 'assignments'}>
              <Field label="承办单位">
                <select
                  value={unit()}
                  onChange={(e) => {
                    setQuery({ unit: e.currentTarget.value || null });
                    pager.reset();
                  }}
                >
                  <option value="">全部单位</option>
                  <For each={activeUnits().filter((u) => u.kind !== 'bureau')}>
                    {(u) => <option value={u.id}>{u.name}</option>}
                  </For>
                </select>
              </Field>
            </Show>
            <button type="submit">{MSG.search}</button>
          </form>
          <Show when={unit()}>
            <p class="hint">只显示{unitName(unit())}的件；标签上的件数是全县合计。</p>
          </Show>
        </Show>
        <ErrorNotice error={page.error} />
        <Show when={shown()} fallback={<Loading />}>
          <Switch fallback={<Loading />}>
            <Match when={shown()!.kind === 'repeats' && tab().kind === 'repeats'}>
              <RepeatTable
                items={shown()!.items as RepeatSuggestionItem[]}
                onDecided={(msg, row) => {
                  setOk(msg);
                  // the next suggestion's 确认重复 (an 撤回排除 keeps the focus on the notice)
                  void refreshAndFocus(row < 0 ? 'notice' : row, '确认重复');
                }}
                onStale={refresh}
              />
            </Match>
            <Match when={shown()!.kind === 'cases' && tab().kind === 'cases'}>
              <CaseTable
                rows={shown()!.items as CaseSummary[]}
                due={tab().key === 'citizen-review' ? 'review' : 'route'}
                actions={
                  tab().key === 'new'
                    ? (c) => (
                        <button
                          type="button"
                          class="small"
                          aria-label={`转送：${c.number}`}
                          onClick={() => openRoute.run(c.id)}
                        >
                          转送
                        </button>
                      )
                    : undefined
                }
              />
              <CursorPager pager={pager} nextCursor={shown()!.nextCursor} loading={page.loading} />
            </Match>
            <Match when={shown()!.kind === 'assignments' && tab().kind === 'assignments'}>
              <AssignmentTable
                rows={shown()!.items as AssignmentRow[]}
                showUnit
                caption={tab().label}
                actions={(a) => (
                  <div class="row-actions">
                    <Show when={tab().key === 'returned'}>
                      <button
                        type="button"
                        class="small"
                        onClick={() => setDeciding({ a, move: 'approve-return' })}
                      >
                        同意退件
                      </button>
                      <button
                        type="button"
                        class="small"
                        onClick={() => setDeciding({ a, move: 'reject-return' })}
                      >
                        驳回
                      </button>
                    </Show>
                    <Show when={tab().key === 'extension'}>
                      <button
                        type="button"
                        class="small"
                        onClick={() => setDeciding({ a, move: 'approve-extension' })}
                      >
                        批准延期
                      </button>
                      <button
                        type="button"
                        class="small"
                        onClick={() => setDeciding({ a, move: 'deny-extension' })}
                      >
                        不予延期
                      </button>
                    </Show>
                    <Show when={['overdue', 'dueSoon', 'supervised', 'review'].includes(tab().key)}>
                      <button type="button" class="small" onClick={() => setDeciding({ a, move: 'urge' })}>
                        催办
                      </button>
                      <button
                        type="button"
                        class="small"
                        onClick={() => setDeciding({ a, move: 'supervise' })}
                      >
                        督办
                      </button>
                    </Show>
                  </div>
                )}
              />
              <CursorPager pager={pager} nextCursor={shown()!.nextCursor} loading={page.loading} />
            </Match>
          </Switch>
        </Show>
      </div>
      <Show when={deciding()}>
        <DecideDialog
          a={deciding()!.a}
          move={deciding()!.move}
          onClose={() => setDeciding(null)}
          onDone={(msg) => {
            const { a, move } = deciding()!;
            setDeciding(null);
            setOk(msg);
            // a case given back goes to 待分派: route it again while its reason is in mind
            setReroute(move === 'approve-return' ? { caseId: a.caseId, number: a.caseNumber } : null);
            const label =
              { 'approve-return': '同意退件', 'reject-return': '驳回' }[move] ?? DECIDE[move]!.title;
            void refreshAndFocus(move === 'approve-return' ? 'notice' : rowIndex(a.id), label);
          }}
        />
      </Show>
      <Show when={routing()}>
        <RouteDialog
          detail={routing()!}
          showCase
          perform={performRoute}
          onClose={() => setRouting(null)}
          onDone={() => setRouting(null)}
        />
      </Show>
    </section>
  );
}

const DECIDE: Record<
  string,
  {
    title: string;
    field?: 'note' | 'message';
    label?: string;
    required?: boolean;
    days?: boolean;
    due?: boolean;
  }
> = {
  'approve-return': { title: '同意退件', field: 'note', label: '意见（可选）' },
  'reject-return': { title: '驳回退件申请', field: 'note', label: '驳回理由（可选）' },
  'approve-extension': { title: '批准延期', days: true },
  'deny-extension': { title: '不予延期', field: 'note', label: '理由（可选）' },
  urge: { title: '催办', field: 'message', label: '催办内容', required: true },
  supervise: { title: '督办', field: 'note', label: '督办意见', required: true, due: true },
};

/** Decides a return or an extension, or urges/supervises, from a queue row. */
export function DecideDialog(props: {
  a: AssignmentRow;
  move: string;
  onClose: () => void;
  onDone: (msg: string) => void;
}) {
  const spec = DECIDE[props.move]!;
  // a 催办 starts from the usual words, as on the case page: ten laggards are not ten messages typed
  const [text, setText] = createSignal(props.move === 'urge' ? URGE_MESSAGE : '');
  const [days, setDays] = createSignal(String(props.a.pendingExtensionDays ?? ''));
  const [due, setDue] = createSignal('');
  const [stale, setStale] = createSignal(false);
  const act = createAction(async () => {
    if (spec.required && !text().trim())
      throw new UserError(spec.field === 'message' ? MSG.required('催办内容') : MSG.required('督办意见'));
    const body: Record<string, unknown> = { version: props.a.version };
    if (spec.field && text().trim()) body[spec.field] = text().trim();
    if (spec.days) {
      const d = Number(days());
      if (!Number.isInteger(d) || d < 1) throw new UserError('批准天数必须是正整数');
      body.days = d;
    }
    if (spec.due && due()) body.dueAt = endOfDay(due());
    try {
      await t(slug()).move(props.a.id, props.move, body);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setStale(true);
      throw e;
    }
    props.onDone(moveDone(props.move, `${props.a.caseNumber} ${props.a.unitName ?? ''}`));
  });
  return (
    <Dialog title={`${spec.title}：${props.a.caseNumber} ${props.a.unitName ?? ''}`} onClose={props.onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act.run();
        }}
      >
        <ErrorNotice error={act.error()} />
        <Show when={stale()}>
          <Notice kind="warn">
            {MSG.stale}
            <A href={`/assignments/${props.a.id}`}>打开该件查看最新情况</A>
          </Notice>
        </Show>
        <p>{props.a.title}</p>
        <Show when={props.a.pendingExtensionDays && props.move.includes('extension')}>
          <p>
            申请延期 <strong>{props.a.pendingExtensionDays}</strong> 天。理由：
            {String(props.a.pendingExtensionReason ?? '—')}
          </p>
        </Show>
        <Show when={props.move.includes('return')}>
          <p>退件理由：{String(props.a.returnReason ?? '—')}</p>
        </Show>
        <Show when={spec.days}>
          <Field label="批准天数" hint="可少于申请天数">
            <input type="number" min={1} value={days()} onInput={(e) => setDays(e.currentTarget.value)} />
          </Field>
        </Show>
        <Show when={spec.field}>
          <Field label={spec.label!} required={spec.required}>
            <textarea rows={3} value={text()} onInput={(e) => setText(e.currentTarget.value)} />
          </Field>
        </Show>
        <Show when={spec.due}>
          <Field label="督办期限（可选）" hint={supervisionHint(props.a)}>
            <input type="date" min={today()} value={due()} onInput={(e) => setDue(e.currentTarget.value)} />
          </Field>
        </Show>
        <div class="dialog-foot">
          <button type="button" onClick={props.onClose}>
            {MSG.cancel}
          </button>
          <button type="submit" class="primary" disabled={act.busy() || stale()}>
            {spec.title}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
