// The case page: what was filed, who handles it, the whole timeline, and only the actions the server
// says this person may take now. A stale version (409) reloads the case and says what changed.
import { createData } from '../lib/data';
import { createMemo, createSignal, For, type JSX, onMount, Show } from 'solid-js';
import {
  ASSIGNMENT_ROLE,
  ASSIGNMENT_STATE,
  CASE_ACTION,
  CASE_STATUS,
  CHANNEL,
  KIND,
  MOVE,
  MSG,
  moveDone,
  PUBLISH_STATUS,
  PURPOSE,
  RATING,
  REPLY_STATUS,
} from '../i18n';
import { ApiError, type AssignmentRow, type Attachment, type CaseDetail, errorText, t } from '../lib/api';
import { dateTime, deadline } from '../lib/format';
import { categoryPath, unitName, units } from '../lib/ref';
import { cameFrom, href, query } from '../lib/router';
import { isUnitRole, me, slug } from '../lib/session';
import { takeCredentials } from '../lib/receipt';
import { ReceiptCodes } from '../components/RegistrationSlip';
import { A, createAction, ErrorNotice, LightBadge, Loading, Notice, PageTitle } from '../components/ui';
import { describeChanges } from './case-diff';
import {
  AnswerReviewDialog,
  MoveDialog,
  MergeDialog,
  PublishDialog,
  ReviewRequestDialog,
  RouteDialog,
  SelfHandleDialog,
} from './case-dialogs';
import { AttachmentLinks } from './attachments';
import ReplyPanel from './ReplyPanel';

/** Moves shown as buttons in the assignment row; the reply moves live in the reply panel. */
const ROW_MOVES = [
  'sign',
  'accept',
  'refuse',
  'return',
  'request-extension',
  'approve-return',
  'reject-return',
  'approve-extension',
  'deny-extension',
  'close',
  'reopen',
  'keep-answer',
  'supervise',
  'urge',
  'rate',
];
const REPLY_MOVES = ['reply', 'submit-reply', 'approve-reply', 'reject-reply', 'send-reply'];
/** Moves that need no input: one click, no dialog. */
const DIRECT = new Set(['sign', 'accept', 'close']);

type RepeatDecision = 'confirm' | 'reject' | 'reopen';
const REPEAT_DONE: Record<RepeatDecision, string> = {
  confirm: '已确认为重复件',
  reject: '已排除重复件提示',
  reopen: '已撤回排除，该提示重新待审（工作台“重复件提示”）',
};

const DECIDED = ['accepted', 'replied', 'closed', 'rated', 'unrated'];
/** The papers an assignment has by now (printed by the server as A4 pages): kind and name. */
function papersOf(a: AssignmentRow): [string, string][] {
  // the bureau answering a case itself (平台自办) dispatched nothing to anyone
  const own = units().find((u) => u.id === a.unitId)?.kind === 'bureau';
  const out: [string, string][] = own ? [] : [['dispatch', '交办单']];
  if (a.state === 'refused') out.push(['decision', '不予受理告知书']);
  else if (DECIDED.includes(a.state)) out.push(['decision', '受理告知书']);
  if (a.repliedAt != null) out.push(['reply', '答复意见书']);
  if (a.supervised) out.push(['supervision', '督办单']);
  return out;
}

/** The lists a case is opened from, by the name the back link gives them. */
const LISTS: Record<string, string> = {
  '/workbench': '工作台',
  '/inbox': '待办件',
  '/cases': '案件查询',
  '/register': '登记来件',
  '/': '首页',
};

/**
 * Back to the page the case was opened from, as the browser's Back does: the same list, the same
 * page of it, scrolled where it was. Shown only when the case was reached from a console page.
 */
function BackLink() {
  return (
    <Show when={cameFrom()}>
      {(from) => (
        <p class="back-link no-print">
          <a
            href={href(from())}
            on:click={(e) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              history.back();
            }}
          >
            ‹ 返回{LISTS[from().split('?')[0]!] ?? '上一页'}
          </a>
        </p>
      )}
    </Show>
  );
}

export type Dialogs =
  | { kind: 'move'; a: AssignmentRow; move: string }
  | { kind: 'route' }
  | { kind: 'merge' }
  | { kind: 'self-handle' }
  | { kind: 'publish' }
  | { kind: 'answer-review' }
  | { kind: 'review-request' }
  | null;

export default function CaseView(props: { params: Record<string, string> }) {
  const load = async ({ s, a, c }: { s: string; a?: string; c?: string }): Promise<CaseDetail> =>
    a ? t(s).assignment(a) : t(s).case(c!);
  const key = () => ({ s: slug(), a: props.params.assignmentId, c: props.params.id });
  const [detail, { mutate, refetch }] = createData(key, load);
  const [changes, setChanges] = createSignal<string[]>([]);
  const [ok, setOk] = createSignal(
    query().get('registered') ? '已登记。请选择承办单位转送，或平台自办。' : '',
  );
  const [dialog, showDialog] = createSignal<Dialogs>(null);
  /** the control that opened the dialog: where the keyboard goes back to after the dialog's action */
  let opener: HTMLElement | null = null;
  const setDialog = (d: Dialogs) => {
    if (d) opener = document.activeElement as HTMLElement | null;
    showDialog(d);
  };
  let okBox: HTMLDivElement | undefined;
  // a case just registered: the citizen's query code and secret, shown this once
  const creds = query().get('registered') && props.params.id ? takeCredentials(props.params.id) : null;
  const [revealed, setRevealed] = createSignal<Record<string, string>>({});

  const c = () => detail()!.case;
  const caseActions = createMemo(() =>
    Array.isArray(detail()?.actions) ? (detail()!.actions as string[]) : [],
  );
  const myUnit = () => me()?.actor.unitId ?? null;

  /**
   * Runs an action against the server. On 409 the page reloads the case and lists what changed; on
   * other errors the page stays as it is and the error is shown. Returns true when it went through.
   */
  const perform = async (fn: () => Promise<unknown>, done: string): Promise<boolean> => {
    const before = detail();
    // a dialog's submit goes away with the dialog: its place is the control that opened it
    const from = (dialog() ? opener : document.activeElement) as HTMLElement | null;
    try {
      await fn();
      setChanges([]);
      // The message says what the page shows: it comes with the case read again, not before, when
      // the buttons of the state before (and their stale version) would still be there to press.
      try {
        mutate(await load(key()));
      } finally {
        setOk(done);
      }
      // The button pressed went away with the move (签收 became 受理) or was disabled while it ran,
      // and the keyboard's place went with it: back to it if it is still there, else to the message.
      // Later than a closing dialog, which gives focus back to its opener when it can. An assignment's
      // row is drawn anew with the reloaded case: its button of the same move (a second 督办) stands
      // for the one pressed.
      setTimeout(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        const key = from?.dataset.focus;
        const back =
          from?.isConnected || !key
            ? from
            : document.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`);
        if (back && back !== document.body && back.isConnected && !(back as HTMLButtonElement).disabled)
          back.focus();
        else okBox?.focus();
      });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        try {
          const after = await load(key());
          mutate(after);
          setChanges(describeChanges(before, after));
          setOk('');
        } catch {
          /* the reload itself failed: the error below still says what happened */
        }
        // a stale version: the page has just been reloaded, so the server's 请刷新后重试 is done;
        // any other conflict keeps its own reason, then says the page now shows what is current
        const staleVersion = e.details.some((d) => d.path === 'version');
        throw new ApiError(409, 'CONFLICT', staleVersion ? MSG.stale : `${e.message}。${MSG.refreshed}`);
      }
      throw e;
    }
  };

  const direct = createAction(async (a: AssignmentRow, move: string) => {
    // 办结 ends the unit's work and opens the rating: undone only by a 重办, counted as rework
    if (
      move === 'close' &&
      !confirm(
        `确定将${a.unitName ?? '该单位'}的件办结吗？\n办结后进入群众评价；如需继续办理，只能重办（计入返工）。`,
      )
    )
      return;
    await perform(() => t(slug()).move(a.id, move, { version: a.version }), moveDone(move, a.unitName));
  });
  const reveal = createAction(async (field: 'phone' | 'idNumber') => {
    const r = await t(slug()).reveal(c().id, field);
    setRevealed({ ...revealed(), [field]: r.value ?? '（无）' });
    mutate(await load(key()));
  });
  const repeat = createAction(async (id: string, decision: RepeatDecision) => {
    await perform(() => t(slug()).repeatDecision(id, decision), REPEAT_DONE[decision]);
  });
  const withhold = createAction(async () => {
    await perform(() => t(slug()).caseAction(c().id, 'withhold', { version: c().version }), '已设为不予公开');
  });

  onMount(() => {
    // Coming from registration: open the routing dialog at once.
    if (query().get('registered')) {
      const stop = setInterval(() => {
        if (detail.error) clearInterval(stop);
        if (detail.loading || !detail()) return;
        clearInterval(stop);
        if (caseActions().includes('route')) setDialog({ kind: 'route' });
      }, 50);
    }
  });

  const rowError = () => direct.error() ?? reveal.error() ?? repeat.error() ?? withhold.error();

  return (
    <section>
      <BackLink />
      <Show when={!detail.error} fallback={<NotOpen error={detail.error} />}>
        <Show when={detail()} fallback={<Loading />}>
          <PageTitle
            actions={
              <>
                <For each={caseActions().filter((x) => x !== 'reveal')}>
                  {(x) => (
                    <button
                      type="button"
                      class={x === 'route' ? 'primary' : ''}
                      disabled={withhold.busy()}
                      onClick={() => (x === 'withhold' ? withhold.run() : setDialog({ kind: x as 'route' }))}
                    >
                      {x === 'review-request' && (c().reviewLevel ?? 0) >= 1
                        ? '登记复核申请'
                        : (CASE_ACTION[x] ?? x)}
                    </button>
                  )}
                </For>
                <button type="button" onClick={() => refetch()}>
                  刷新
                </button>
              </>
            }
          >
            {c().number} {c().title} <span class="tag blue">{CASE_STATUS[c().status] ?? c().status}</span>
          </PageTitle>
          <Show when={changes().length}>
            <Notice kind="warn">
              <strong>{MSG.stale}</strong>
              <ul>
                <For each={changes()}>{(x) => <li>{x}</li>}</For>
              </ul>
            </Notice>
          </Show>
          <div ref={okBox} tabIndex={-1}>
            <Show when={ok()}>
              <Notice kind="ok">{ok()}</Notice>
            </Show>
          </div>
          <Show when={creds}>
            {(cr) => (
              <section class="card" aria-labelledby="receipt-h">
                <h2 id="receipt-h">登记回执</h2>
                <p>
                  请将查询码和查询密码交给信访人：来访当面交付，来信随回执寄出，来电当即告知。查询密码只显示这一次，离开本页后无法再查看。
                </p>
                <ReceiptCodes case={c()} creds={cr()} />
              </section>
            )}
          </Show>
          <ErrorNotice error={rowError()} />
          <div class="grid grid-2">
            <div>
              <CaseFacts
                detail={detail()!}
                revealed={revealed()}
                canReveal={caseActions().includes('reveal')}
                onReveal={(f) => reveal.run(f)}
                busy={reveal.busy()}
              />
              <ReviewCard detail={detail()!} />
              <div class="card">
                <h2>承办单位</h2>
                <Show when={detail()!.assignments.length} fallback={<p class="muted">尚未转送。</p>}>
                  <div class="table-wrap">
                    <table class="stack">
                      <thead>
                        <tr>
                          <th>单位</th>
                          <th>主协办</th>
                          <th>状态</th>
                          <th>期限</th>
                          <th>答复</th>
                          <th>操作</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={detail()!.assignments}>
                          {(a) => (
                            <tr classList={{ suggested: a.id === detail()!.assignmentId }}>
                              <td class="title-cell">
                                {a.unitName}
                                <Show when={a.instructions}>
                                  <br />
                                  <span class="hint">交办意见：{String(a.instructions)}</span>
                                </Show>
                              </td>
                              <td data-label="主协办">{ASSIGNMENT_ROLE[a.role]}</td>
                              <td class="nowrap lead" data-label="状态" data-testid={`state-${a.unitName}`}>
                                {ASSIGNMENT_STATE[a.state] ?? a.state}
                                <Show when={a.supervised}>
                                  {' '}
                                  <span class="tag red">督办</span>
                                </Show>
                                <Show when={a.pendingExtensionDays}>
                                  <br />
                                  <span class="hint">申请延期 {a.pendingExtensionDays} 天</span>
                                </Show>
                                <Show when={a.state === 'return_requested' && a.returnReason}>
                                  <br />
                                  <span class="hint">退件理由：{String(a.returnReason)}</span>
                                </Show>
                                <Show when={a.refuseReason}>
                                  <br />
                                  <span class="hint">不予受理理由：{String(a.refuseReason)}</span>
                                </Show>
                                <Show when={a.state === 'rated' && a.reworkDeclinedAt}>
                                  <br />
                                  <span class="hint">不满意，已维持答复</span>
                                </Show>
                              </td>
                              <td class="lead" data-label="期限">
                                <LightBadge light={a.light} due={a.due} />
                                <Show when={a.replyDueAt}>
                                  <br />
                                  <span class="hint">答复期限 {deadline(a.replyDueAt)}</span>
                                </Show>
                                {/* 退件 is open only so long (收件后 5 个工作日 by default): say until when */}
                                <Show when={((a.actions as string[] | undefined) ?? []).includes('return')}>
                                  <br />
                                  <span class="hint">
                                    退件须在 {deadline(a.returnDueAt as number)} 前申请
                                  </span>
                                </Show>
                              </td>
                              <td class="nowrap" data-label="答复">
                                {a.replyStatus ? (REPLY_STATUS[a.replyStatus] ?? a.replyStatus) : '—'}
                              </td>
                              <td class="actions" data-label="操作">
                                <div class="row-actions">
                                  <For
                                    each={((a.actions as string[] | undefined) ?? []).filter((m) =>
                                      ROW_MOVES.includes(m),
                                    )}
                                  >
                                    {(m) => (
                                      <button
                                        type="button"
                                        class="small"
                                        data-focus={`${a.id}:${m}`}
                                        disabled={direct.busy()}
                                        onClick={() =>
                                          DIRECT.has(m)
                                            ? direct.run(a, m)
                                            : setDialog({ kind: 'move', a, move: m })
                                        }
                                      >
                                        {MOVE[m] ?? m}
                                      </button>
                                    )}
                                  </For>
                                </div>
                                <Show when={!isUnitRole() || a.unitId === myUnit()}>
                                  <div class="doc-links">
                                    <For each={papersOf(a)}>
                                      {([kind, label]) => (
                                        <a
                                          href={`/api/t/${slug()}/assignments/${a.id}/documents/${kind}`}
                                          target="_blank"
                                          rel="noopener"
                                          aria-label={`打印${a.unitName}的${label}`}
                                        >
                                          {label}
                                        </a>
                                      )}
                                    </For>
                                  </div>
                                </Show>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
              </div>
              <For
                each={detail()!.assignments.filter(
                  (a) =>
                    ((a.actions as string[] | undefined) ?? []).some((m) => REPLY_MOVES.includes(m)) ||
                    (a.reply && (!myUnit() || a.unitId === myUnit())),
                )}
              >
                {(a) => (
                  <ReplyPanel
                    a={a}
                    caseTitle={c().title}
                    files={detail()!.attachments.filter(
                      (f) => f.replyId != null && f.replyId === (a.reply as { id?: string } | null)?.id,
                    )}
                    perform={perform}
                    reopened={
                      detail()!
                        .timeline.filter((e) => e.type === 'assignment.reopened' && e.unitName === a.unitName)
                        .at(-1)?.text ?? null
                    }
                    onReject={() => setDialog({ kind: 'move', a, move: 'reject-reply' })}
                  />
                )}
              </For>
              <SentReplies detail={detail()!} />
              <Ratings detail={detail()!} />
              <Attachments detail={detail()!} />
            </div>
            <div>
              <Repeats detail={detail()!} busy={repeat.busy()} onDecide={(id, d) => repeat.run(id, d)} />
              <div class="card">
                <h2>办理过程</h2>
                <ol class="timeline" aria-label="办理过程">
                  <For each={[...detail()!.timeline].reverse()} fallback={<li class="muted">暂无记录</li>}>
                    {(e) => (
                      <li>
                        <span class="when">{dateTime(e.at)}</span>
                        {e.text ?? e.type}
                        <Show when={e.actorName}>
                          <span class="hint">（{e.actorName}）</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </div>
            </div>
          </div>
          <Show when={dialog()}>
            {(() => {
              const d = dialog()!;
              const close = () => setDialog(null);
              const done = () => setDialog(null);
              if (d.kind === 'move')
                return <MoveDialog a={d.a} move={d.move} perform={perform} onClose={close} onDone={done} />;
              if (d.kind === 'route')
                return <RouteDialog detail={detail()!} perform={perform} onClose={close} onDone={done} />;
              if (d.kind === 'merge')
                return <MergeDialog detail={detail()!} perform={perform} onClose={close} onDone={done} />;
              if (d.kind === 'self-handle')
                return (
                  <SelfHandleDialog detail={detail()!} perform={perform} onClose={close} onDone={done} />
                );
              if (d.kind === 'answer-review')
                return (
                  <AnswerReviewDialog detail={detail()!} perform={perform} onClose={close} onDone={done} />
                );
              if (d.kind === 'review-request')
                return (
                  <ReviewRequestDialog detail={detail()!} perform={perform} onClose={close} onDone={done} />
                );
              return <PublishDialog detail={detail()!} perform={perform} onClose={close} onDone={done} />;
            })()}
          </Show>
        </Show>
      </Show>
    </section>
  );
}

function NotOpen(props: { error: unknown }) {
  const e = props.error;
  return (
    <div>
      <h1>无法打开该件</h1>
      <Notice kind="error">
        {e instanceof ApiError && (e.status === 404 || e.status === 403) ? MSG.notFound : errorText(e)}
      </Notice>
      <p>
        <A href="/">返回首页</A>
      </p>
    </div>
  );
}

function CaseFacts(props: {
  detail: CaseDetail;
  revealed: Record<string, string>;
  canReveal: boolean;
  onReveal: (f: 'phone' | 'idNumber') => void;
  busy: boolean;
}) {
  const c = () => props.detail.case;
  const p = () =>
    (c().petitioner ?? {}) as {
      name?: string | null;
      phone?: string | null;
      idNumber?: string | null;
      anonymous?: boolean;
      hidden?: boolean;
    };
  const flags = () =>
    (c().flags ?? {}) as { sensitive?: boolean; threat?: boolean; collective?: boolean; fastTrack?: boolean };
  /** the number of the case this one went into, as its merge recorded it */
  const mergedIntoNumber = () => {
    const merge = props.detail.timeline.find(
      (e) => e.type === 'case.merged' && e.payload?.intoCaseId === c().mergedIntoCaseId,
    );
    return String(merge?.payload?.intoNumber ?? '另一案件');
  };
  /** the earlier case's number, when one of the case's repeat suggestions names it */
  const repeatOfNumber = () =>
    (
      props.detail.repeatSuggestions.find(
        (s) => (s.other as { id?: string } | null)?.id === c().repeatOfCaseId,
      )?.other as { number?: string } | null
    )?.number ?? '';
  const contact = (field: 'phone' | 'idNumber', masked: string | null | undefined): JSX.Element => (
    <Show when={masked} fallback="—">
      <span>{props.revealed[field] ?? masked}</span>{' '}
      <Show when={props.canReveal && !props.revealed[field]}>
        <button
          type="button"
          class="link"
          disabled={props.busy}
          onClick={() => props.onReveal(field)}
          title="查看完整号码会被记录在办理过程中"
        >
          查看完整{field === 'phone' ? '号码' : '证件号'}（留痕）
        </button>
      </Show>
    </Show>
  );
  return (
    <div class="card">
      <h2>基本信息</h2>
      <dl class="kv">
        <dt>类型</dt>
        <dd>
          {KIND[c().kind]} · {CHANNEL[c().channel]} · {PURPOSE[c().purpose]}
        </dd>
        <dt>内容分类</dt>
        <dd>{categoryPath(c().categoryId) || '未分类'}</dd>
        <dt>所在地</dt>
        <dd>{[unitName(c().townshipUnitId), c().address].filter(Boolean).join(' ') || '—'}</dd>
        <dt>收件时间</dt>
        <dd>{dateTime(c().receivedAt)}</dd>
        <Show when={c().externalId}>
          <dt>原系统编号</dt>
          <dd class="code">{c().externalId}</dd>
        </Show>
        <Show when={c().status === 'new' && c().routeDueAt}>
          <dt>分派期限</dt>
          <dd>{deadline(c().routeDueAt)}</dd>
        </Show>
        <dt>诉求人</dt>
        <dd>
          <Show when={!p().hidden} fallback={<span class="muted">检举控告件，诉求人信息仅信访部门可见</span>}>
            {p().anonymous ? '匿名' : (p().name ?? '—')}
            <Show when={(c().peopleCount ?? 1) > 1}>（{c().peopleCount} 人）</Show>
          </Show>
        </dd>
        <Show when={!p().hidden}>
          <dt>联系电话</dt>
          <dd>{contact('phone', p().phone)}</dd>
          <dt>身份证号</dt>
          <dd>{contact('idNumber', p().idNumber)}</dd>
        </Show>
        <Show
          when={
            flags().threat || flags().sensitive || flags().collective || flags().fastTrack || c().isRepeat
          }
        >
          <dt>标记</dt>
          <dd>
            <Show when={flags().threat}>
              <span class="tag red">扬言过激</span>
            </Show>
            <Show when={flags().sensitive}>
              <span class="tag red">敏感</span>
            </Show>
            <Show when={flags().collective}>
              <span class="tag">集体访</span>
            </Show>
            <Show when={flags().fastTrack}>
              <span class="tag blue">最多投一次</span>
            </Show>
            <Show when={c().isRepeat}>
              <span class="tag">重复件</span>
              {/* a unit cannot open the earlier case (another unit's, or never its own): no link */}
              <Show when={!isUnitRole() && c().repeatOfCaseId}>
                {(earlier) => (
                  <>
                    {' '}
                    <A href={`/cases/${earlier()}`}>
                      查看在先件{repeatOfNumber() ? ` ${repeatOfNumber()}` : ''}
                    </A>
                  </>
                )}
              </Show>
            </Show>
          </dd>
        </Show>
        <Show when={c().kind === 'inquiry'}>
          <dt>公开</dt>
          <dd>
            {c().isPublic
              ? `群众同意公开 · ${c().publishStatus && c().publishStatus !== 'none' ? PUBLISH_STATUS[c().publishStatus!] : '尚未发布'}`
              : '群众不同意公开'}
          </dd>
        </Show>
        <Show when={c().mergedIntoCaseId}>
          <dt>合并</dt>
          <dd>
            已并入 {/* a unit that gave the case back before the merge cannot open the case it went into */}
            <Show when={!isUnitRole()} fallback={mergedIntoNumber()}>
              <A href={`/cases/${c().mergedIntoCaseId}`}>{mergedIntoNumber()}</A>
            </Show>
          </dd>
        </Show>
      </dl>
      <h3>诉求内容</h3>
      <div class="content-box">{c().content}</div>
    </div>
  );
}

/** 复查/复核: what the citizen asked, what the bureau answered, and the deadline of the one waiting. */
function ReviewCard(props: { detail: CaseDetail }) {
  const r = () => props.detail.review;
  const levelName = (level: number) => (level === 2 ? '复核' : '复查');
  return (
    <Show when={r()}>
      {(review) => (
        <div class="card" data-testid="review-card">
          <h2>
            {levelName(review().level)}
            <Show when={review().pending}>
              {' '}
              <span class="tag red">待答复</span>
            </Show>
          </h2>
          <Show when={review().pending && review().dueAt}>
            <p>
              <LightBadge light={review().light} /> 应于 {deadline(review().dueAt)} 前答复
            </p>
          </Show>
          <ul>
            <For each={review().history}>
              {(h) => (
                <li>
                  <span class="hint">{dateTime(h.at)}</span>{' '}
                  {h.kind === 'request'
                    ? `群众申请${levelName(h.level)}${h.reason ? `：${h.reason}` : ''}`
                    : `${levelName(h.level)}意见（${h.decision === 'revised' ? '撤销或变更原处理意见' : '维持原处理意见'}）：${h.opinion}`}
                  {/* the bureau's written opinion to the citizen, to print and send */}
                  <Show when={h.kind !== 'request' && !isUnitRole()}>
                    {' '}
                    <a
                      href={`/api/t/${slug()}/cases/${props.detail.case.id}/documents/review?level=${h.level}`}
                      target="_blank"
                      rel="noopener"
                    >
                      打印{levelName(h.level)}意见书
                    </a>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </div>
      )}
    </Show>
  );
}

function SentReplies(props: { detail: CaseDetail }) {
  const sent = () => props.detail.replies.filter((r) => r.status === 'sent');
  return (
    <Show when={sent().length}>
      <div class="card">
        <h2>答复</h2>
        <For each={sent()}>
          {(r) => (
            <div>
              <h3>
                {String(r.unitName ?? '')} <span class="hint">{dateTime(r.sentAt)}</span>
              </h3>
              <div class="content-box">{r.body}</div>
            </div>
          )}
        </For>
      </div>
    </Show>
  );
}

function Ratings(props: { detail: CaseDetail }) {
  return (
    <Show when={props.detail.ratings.length}>
      <div class="card">
        <h2>群众评价</h2>
        <ul>
          <For each={props.detail.ratings}>
            {(r) => (
              <li>
                {r.target === 'bureau' ? '信访部门' : String(r.unitName ?? '')}：
                {RATING[String(r.value)] ?? String(r.value)}
                <Show when={r.comment}>（{String(r.comment)}）</Show>{' '}
                <span class="hint">{dateTime(r.ratedAt as number)}</span>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}

/** The petitioner's material (a scanned letter, photos) and each unit's reply files, to download. */
function Attachments(props: { detail: CaseDetail }) {
  const files = () => props.detail.attachments;
  const filed = () => files().filter((f) => !f.replyId);
  const replyUnit = (replyId: string) => {
    const r = props.detail.replies.find((x) => x.id === replyId);
    const a = props.detail.assignments.find((x) => x.id === (r?.assignmentId ?? ''));
    return String(r?.unitName ?? a?.unitName ?? '');
  };
  const byReply = () => {
    const groups = new Map<string, Attachment[]>();
    for (const f of files()) if (f.replyId) groups.set(f.replyId, [...(groups.get(f.replyId) ?? []), f]);
    return [...groups];
  };
  // On 检举控告 cases units get the replies' files, never what the petitioner sent (条例 art. 30).
  const withheld = () =>
    isUnitRole() && props.detail.case.purpose === 'accusation'
      ? () => '检举控告材料不向承办单位提供原件'
      : undefined;
  return (
    <div class="card">
      <h2>附件</h2>
      <Show when={files().length} fallback={<p class="muted">无附件。</p>}>
        <Show when={filed().length}>
          <h3>来件材料</h3>
          <AttachmentLinks files={filed()} label="来件材料" withheld={withheld()} />
        </Show>
        <For each={byReply()}>
          {([replyId, list]) => (
            <>
              <h3>答复附件{replyUnit(replyId) ? `：${replyUnit(replyId)}` : ''}</h3>
              <AttachmentLinks files={list} label={`答复附件 ${replyUnit(replyId)}`} />
            </>
          )}
        </For>
      </Show>
    </div>
  );
}

function Repeats(props: {
  detail: CaseDetail;
  busy: boolean;
  onDecide: (id: string, d: RepeatDecision) => void;
}) {
  return (
    <Show when={props.detail.repeatSuggestions.length}>
      <div class="card">
        <h2>疑似重复 / 相关件</h2>
        <ul>
          <For each={props.detail.repeatSuggestions}>
            {(s) => {
              const other = s.other as { id: string; number: string; title: string; status: string } | null;
              return (
                <li>
                  <Show when={other} fallback="（相关件）">
                    <A href={`/cases/${other!.id}`}>{other!.number}</A> {other!.title}{' '}
                    <span class="hint">{CASE_STATUS[other!.status] ?? other!.status}</span>
                  </Show>
                  <br />
                  <span class="hint">
                    相似度 {s.score ?? '—'}
                    {s.reasons?.length ? `：${s.reasons.join('、')}` : ''}
                  </span>
                  <Show
                    when={s.status === 'pending'}
                    fallback={
                      <>
                        <span class="tag">{s.status === 'confirmed' ? '已确认重复' : '已排除'}</span>
                        {/* a rejection can be taken back while neither case went into another */}
                        <Show
                          when={
                            s.status === 'rejected' &&
                            props.detail.case.status !== 'merged' &&
                            other?.status !== 'merged'
                          }
                        >
                          {' '}
                          <button
                            type="button"
                            class="small"
                            disabled={props.busy}
                            title="重新列入工作台的重复件提示，再确认或排除"
                            aria-label={`撤回排除：${other?.number ?? '相关件'}`}
                            onClick={() => props.onDecide(s.id, 'reopen')}
                          >
                            撤回排除
                          </button>
                        </Show>
                      </>
                    }
                  >
                    <div class="row-actions">
                      <button
                        type="button"
                        class="small"
                        disabled={props.busy}
                        onClick={() => props.onDecide(s.id, 'confirm')}
                      >
                        确认重复
                      </button>
                      <button
                        type="button"
                        class="small"
                        disabled={props.busy}
                        onClick={() => props.onDecide(s.id, 'reject')}
                      >
                        排除
                      </button>
                    </div>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </div>
    </Show>
  );
}
