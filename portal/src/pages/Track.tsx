// Tracking by query code and secret: the timeline, the replies, rating within the window, and after
// an unsatisfied rating a request for rework or review. A case merged into another says which case
// holds the matter and how far it has come; its answer shows here only when both are the citizen's
// own. The credentials stay in memory only.
import { createEffect, createSignal, For, on, onCleanup, onMount, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { Alert, describedBy, Field, Group, PageTitle, Prose, Radio } from '../components/ui';
import { fmtDate, fmtDateTime, fmtDueDay, M, type RatingValue } from '../i18n';
import {
  ApiError,
  api,
  type CaseProgress,
  type Credentials,
  type MergedInto,
  type TrackingView,
  type UnitProgress,
} from '../lib/api';
import { takeHandoff } from '../lib/handoff';
import { charCount, inputCap, LIMITS } from '../lib/text';
import {
  normalizeQueryCode,
  normalizeSecret,
  queryCodeProblem,
} from '../../../workers/services/portal/query-code';

const VALUES: RatingValue[] = ['satisfied', 'basic', 'unsatisfied'];
const SECRET = /^\d{6}$/;

export default function Track() {
  const [creds, setCreds] = createStore<Credentials>({ queryCode: '', secret: '' });
  const [view, setView] = createSignal<TrackingView | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [fieldErr, setFieldErr] = createSignal<{ queryCode?: string; secret?: string }>({});
  const [notice, setNotice] = createSignal('');
  let resultHeading: HTMLHeadingElement | undefined;
  let noticeEl: HTMLDivElement | undefined;

  const lookup = async (c: Credentials) => {
    setBusy(true);
    setError('');
    setNotice('');
    try {
      setView(await api.track(c));
      queueMicrotask(() => resultHeading?.focus());
    } catch (e) {
      setView(null);
      setError(e instanceof ApiError ? e.message : M.errors.network);
    } finally {
      setBusy(false);
    }
  };

  onMount(() => {
    const h = takeHandoff();
    if (h) {
      setCreds(h);
      void lookup(h);
    }
  });

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    // Read as the server reads it (全角, spaces, lower case); a code or secret that cannot be
    // anyone's is said at its field, in what is wrong with it, without spending a lookup.
    const queryCode = normalizeQueryCode(creds.queryCode);
    const secret = normalizeSecret(creds.secret);
    const fe: { queryCode?: string; secret?: string } = {};
    const problem = queryCode ? queryCodeProblem(queryCode) : null;
    if (!queryCode) fe.queryCode = M.track.needCode;
    else if (problem === 'confusable') fe.queryCode = M.track.codeConfusable;
    else if (problem === 'letters') fe.queryCode = M.track.codeLetters;
    else if (problem === 'length') fe.queryCode = M.track.codeLength(queryCode.length);
    if (!secret) fe.secret = M.track.needSecret;
    else if (!SECRET.test(secret)) fe.secret = M.track.secretFormat;
    setFieldErr(fe);
    setError('');
    if (fe.queryCode || fe.secret) {
      document.getElementById(fe.queryCode ? 't-code' : 't-secret')?.focus();
      return;
    }
    setCreds({ queryCode, secret });
    void lookup({ queryCode, secret });
  };

  return (
    <>
      <PageTitle>{M.track.title}</PageTitle>
      <Show when={!view()}>
        <p class="lead">{M.track.lead}</p>
        <form class="form" novalidate onSubmit={onSubmit}>
          <Field
            id="t-code"
            label={M.track.queryCode}
            required
            hint={M.track.codeHint}
            error={fieldErr().queryCode}
          >
            <input
              id="t-code"
              class="input narrow code-input"
              type="text"
              autocomplete="off"
              autocapitalize="characters"
              spellcheck={false}
              maxLength={40}
              aria-required="true"
              aria-invalid={!!fieldErr().queryCode}
              aria-describedby={describedBy('t-code', true, fieldErr().queryCode)}
              value={creds.queryCode}
              onInput={(e) => setCreds('queryCode', e.currentTarget.value)}
            />
          </Field>
          <Field id="t-secret" label={M.track.secret} required error={fieldErr().secret}>
            <input
              id="t-secret"
              class="input narrow code-input"
              type="text"
              inputmode="numeric"
              autocomplete="off"
              spellcheck={false}
              maxLength={40}
              aria-required="true"
              aria-invalid={!!fieldErr().secret}
              aria-describedby={describedBy('t-secret', false, fieldErr().secret)}
              value={creds.secret}
              onInput={(e) => setCreds('secret', e.currentTarget.value)}
            />
          </Field>
          <Show when={error()}>
            <Alert>{error()}</Alert>
          </Show>
          <button type="submit" class="btn btn-primary" aria-disabled={busy()}>
            {busy() ? M.track.going : M.track.go}
          </button>
        </form>
      </Show>
      <Show when={view()}>
        {(v) => (
          <Result
            view={v()}
            creds={{ queryCode: creds.queryCode.trim(), secret: creds.secret.trim() }}
            notice={notice()}
            onView={(next, message) => {
              setView(next);
              setNotice(message);
              // The form that was used may be gone now: the confirmation takes the focus, in view.
              queueMicrotask(() => {
                noticeEl?.focus();
                noticeEl?.scrollIntoView({ block: 'center' });
              });
            }}
            headingRef={(el) => {
              resultHeading = el;
            }}
            noticeRef={(el) => {
              noticeEl = el;
            }}
            onAnother={() => {
              setView(null);
              setNotice('');
              setCreds({ queryCode: '', secret: '' });
              queueMicrotask(() => document.getElementById('t-code')?.focus());
            }}
          />
        )}
      </Show>
    </>
  );
}

type OnView = (v: TrackingView, message: string) => void;

function Result(props: {
  view: TrackingView;
  creds: Credentials;
  notice: string;
  onView: OnView;
  headingRef: (el: HTMLHeadingElement) => void;
  noticeRef: (el: HTMLDivElement) => void;
  onAnother: () => void;
}) {
  const v = () => props.view;
  // the formal 答复意见书 for the citizen's records (or a 复查 request on paper): the last reply of
  // each unit, printed by the server as an A4 page
  const lastOfUnit = (i: number) => {
    const id = v().replies[i]?.assignmentId;
    return (
      !!id &&
      !v()
        .replies.slice(i + 1)
        .some((x) => x.assignmentId === id)
    );
  };
  const [paperError, setPaperError] = createSignal('');
  const [paperLink, setPaperLink] = createSignal('');
  // the last paper's address lives while the page does (its window may be reloaded), one at a time
  let paperUrl = '';
  const dropPaper = () => {
    if (paperUrl) URL.revokeObjectURL(paperUrl);
    paperUrl = '';
  };
  onCleanup(dropPaper);
  const printReply = async (assignmentId: string) => {
    setPaperError('');
    setPaperLink('');
    // opened at the click, so that no popup blocker stops it, and filled when the page arrives;
    // the paper prints itself when its address ends in #print (and has its own 打印 button)
    const w = window.open('', '_blank');
    try {
      const html = await api.paper({ ...props.creds, assignmentId, kind: 'reply' });
      dropPaper();
      paperUrl = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      const url = `${paperUrl}#print`;
      if (w && !w.closed) w.location.href = url;
      else {
        // no window: this page stays, and the citizen opens the paper with a tap of their own
        setPaperError(M.track.paperBlocked);
        setPaperLink(url);
      }
    } catch (e) {
      w?.close();
      setPaperError(e instanceof ApiError ? e.message : M.errors.network);
    }
  };
  return (
    <>
      <section aria-labelledby="case-h" class="card">
        <h2 id="case-h" tabIndex={-1} ref={props.headingRef}>
          {v().title}
        </h2>
        <dl class="facts">
          <div>
            <dt>{M.receipt.number}</dt>
            <dd>{v().number}</dd>
          </div>
          <div>
            <dt>{M.submit.kind}</dt>
            <dd>{M.kindShort[v().kind]}</dd>
          </div>
          <div>
            <dt>{M.track.status}</dt>
            <dd>
              <strong>{M.statuses[v().status] ?? v().status}</strong>
            </dd>
          </div>
          <div>
            <dt>{M.receipt.submittedAt}</dt>
            <dd>{fmtDateTime(v().receivedAt)}</dd>
          </div>
        </dl>
        <div role="status" class="success" id="track-notice" tabIndex={-1} ref={props.noticeRef}>
          {props.notice}
        </div>
        <details>
          <summary>{M.track.content}</summary>
          <Prose text={v().content} />
        </details>
      </section>

      <Show when={v().mergedInto}>{(m) => <Merged merged={m()} />}</Show>
      <Show when={!v().mergedInto && v().progress}>{(p) => <Progress progress={p()} />}</Show>

      <section aria-labelledby="tl-h">
        <h2 id="tl-h">{M.track.timeline}</h2>
        <Timeline lines={v().timeline} />
      </section>

      <section aria-labelledby="rep-h">
        <h2 id="rep-h">{M.track.replies}</h2>
        <Show
          when={v().replies.length}
          fallback={
            <p class="muted">
              {v().mergedInto ? M.track.merged.replies(v().mergedInto!.number) : M.track.noReplies}
            </p>
          }
        >
          <For each={v().replies}>
            {(r, i) => (
              <article class="reply">
                <h3>{M.track.replyFrom(r.unitName)}</h3>
                <p class="meta">{fmtDateTime(r.at)}</p>
                <Prose text={r.body} />
                <Show when={lastOfUnit(i())}>
                  <button
                    type="button"
                    class="btn btn-secondary"
                    aria-label={M.track.printReply(r.unitName)}
                    onClick={() => void printReply(r.assignmentId!)}
                  >
                    {M.track.printReplyShort}
                  </button>
                </Show>
              </article>
            )}
          </For>
          <Show when={paperError()}>
            <Alert>
              <p>{paperError()}</p>
              <Show when={paperLink()}>
                <p>
                  <a href={paperLink()} target="_blank" rel="noopener">
                    {M.track.paperOpen}
                  </a>
                </p>
              </Show>
            </Alert>
          </Show>
        </Show>
      </section>

      <Show when={v().reviewAnswers?.length || v().reviewPending}>
        <section aria-labelledby="review-h">
          <h2 id="review-h">{M.track.reviewTitle(v().reviewLevel)}</h2>
          <Show when={v().reviewPending}>
            <p class="muted">
              {M.track.reviewPending(
                v().reviewLevel,
                v().reviewAnswerDueAt ? fmtDueDay(v().reviewAnswerDueAt!) : '收到申请后 30 日',
              )}
            </p>
          </Show>
          <For each={v().reviewAnswers ?? []}>
            {(r) => (
              <article class="reply">
                <h3>{M.track.reviewAnswer(r.level, r.decision === 'revised')}</h3>
                <p class="meta">{fmtDateTime(r.at)}</p>
                <Prose text={r.opinion} />
              </article>
            )}
          </For>
        </section>
      </Show>

      <Show when={v().rating.given.length}>
        <section aria-labelledby="given-h">
          <h2 id="given-h">{M.track.given}</h2>
          <ul class="plain">
            <For each={v().rating.given}>
              {(g) => (
                <li>
                  {g.unitName}：<strong>{M.ratings[g.value]}</strong>
                  <span class="meta"> {fmtDateTime(g.at)}</span>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>

      <Show when={v().rating.open}>
        <RateForm view={v()} creds={props.creds} onView={props.onView} />
      </Show>

      <Show when={v().reworkPending}>
        <p class="info-box">{M.track.reworkPending}</p>
      </Show>
      {/* A rework asked for is the bureau's to decide; the right to 复查 runs on meanwhile (30 days from
          the written reply), so it stays offered — alone. A 复查 in hand offers nothing more. */}
      <Show when={!v().reviewPending && (v().canRequestRework || v().canRequestReview)}>
        <RequestForm view={v()} creds={props.creds} onView={props.onView} />
      </Show>

      <p>
        <button type="button" class="btn btn-secondary" onClick={props.onAnother}>
          {M.track.another}
        </button>
      </p>
    </>
  );
}

function Timeline(props: { lines: TrackingView['timeline'] }) {
  return (
    <ol class="timeline">
      <For each={props.lines}>
        {(e) => (
          <li>
            <time>{fmtDateTime(e.at)}</time>
            <span>{e.text}</span>
          </li>
        )}
      </For>
    </ol>
  );
}

/** One unit's step on a case: what it owes and by when, or what it did. */
function unitLine(u: UnitProgress): string {
  switch (u.step) {
    case 'accept':
      return M.track.merged.accept(u.dueAt ? fmtDueDay(u.dueAt) : '—');
    case 'reply':
      return M.track.merged.reply(u.dueAt ? fmtDueDay(u.dueAt) : '—');
    case 'replied':
      return u.at ? M.track.merged.replied(fmtDate(u.at)) : (M.statuses.replied ?? '');
    case 'refused':
      return M.track.merged.refused;
    default:
      return M.track.merged.closed;
  }
}

/**
 * What happens next on the citizen's own case and by when: the bureau's deadline to route it, then
 * each unit's deadline to accept and to answer. Shown while something is owed.
 */
function Progress(props: { progress: CaseProgress }) {
  const owed = () => props.progress.units.filter((u) => u.step === 'accept' || u.step === 'reply');
  return (
    <Show when={props.progress.routeDueAt || owed().length}>
      <section aria-labelledby="progress-h" class="card">
        <h2 id="progress-h">{M.track.progress.title}</h2>
        <Show when={props.progress.routeDueAt}>
          {(d) => <p id="progress-route">{M.track.progress.routeDue(fmtDueDay(d()))}</p>}
        </Show>
        <Show when={owed().length}>
          <ul class="plain" id="progress-units">
            <For each={owed()}>
              {(u) => (
                <li>
                  {u.unitName}
                  {u.role === 'co' ? M.track.merged.co : ''}：{unitLine(u)}
                </li>
              )}
            </For>
          </ul>
        </Show>
        <p class="hint">{M.track.progress.after}</p>
      </section>
    </Show>
  );
}

/** Where a merged case is handled: that case's number, progress and deadlines, and what shows here. */
function Merged(props: { merged: MergedInto }) {
  const m = () => props.merged;
  const line = unitLine;
  return (
    <section aria-labelledby="merged-h" class="card">
      <h2 id="merged-h">{M.track.merged.title}</h2>
      <p>{M.track.merged.lead(m().number)}</p>
      <dl class="facts">
        <div>
          <dt>{M.track.merged.number}</dt>
          <dd>{m().number}</dd>
        </div>
        <div>
          <dt>{M.track.merged.status}</dt>
          <dd>
            <strong>{M.statuses[m().status] ?? m().status}</strong>
          </dd>
        </div>
      </dl>
      <Show when={m().routeDueAt}>{(d) => <p>{M.track.merged.routeDue(fmtDueDay(d()))}</p>}</Show>
      <Show when={m().units.length}>
        <h3>{M.track.merged.units}</h3>
        <ul class="plain">
          <For each={m().units}>
            {(u) => (
              <li>
                {u.unitName}
                {u.role === 'co' ? M.track.merged.co : ''}：{line(u)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p>{M.track.merged.yours}</p>
      <p>{M.track.merged.otherPerson}</p>
      <p>{M.track.merged.howToGet}</p>
      <p>{M.track.merged.noRating}</p>
    </section>
  );
}

function RateForm(props: { view: TrackingView; creds: Credentials; onView: OnView }) {
  const [values, setValues] = createStore<Record<string, RatingValue | undefined>>({});
  const [bureau, setBureau] = createSignal<RatingValue | undefined>();
  const [comment, setComment] = createSignal('');
  const [error, setError] = createSignal('');
  const [missing, setMissing] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    const list = props.view.rating.assignments;
    const notRated = list.find((a) => !values[a.id]);
    setMissing(!!notRated);
    if (notRated) {
      document.getElementById(`r-${notRated.id}`)?.querySelector('input')?.focus();
      return;
    }
    setError('');
    if (charCount(comment()) > LIMITS.comment.max) {
      setError(M.track.commentLong);
      document.getElementById('r-comment')?.focus();
      return;
    }
    setBusy(true);
    try {
      const view = await api.rate({
        ...props.creds,
        ratings: list.map((a) => ({ assignmentId: a.id, value: values[a.id]! })),
        bureau: bureau(),
        comment: comment().trim() || undefined,
      });
      props.onView(view, M.track.rated);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : M.errors.network);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="rate-h" class="card">
      <h2 id="rate-h">{M.track.rateTitle}</h2>
      <Show when={props.view.rating.dueAt}>{(d) => <p>{M.track.rateLead(fmtDueDay(d()))}</p>}</Show>
      <form class="form" novalidate onSubmit={onSubmit}>
        <For each={props.view.rating.assignments}>
          {(a) => (
            <Group
              id={`r-${a.id}`}
              legend={M.track.rateUnit(a.unitName)}
              required
              error={missing() && !values[a.id] ? M.track.rateNeedAll : undefined}
            >
              <div class="choices inline">
                <For each={VALUES}>
                  {(val) => (
                    <Radio
                      name={`rate-${a.id}`}
                      id={`rate-${a.id}-${val}`}
                      value={val}
                      checked={values[a.id] === val}
                      onChange={() => setValues(a.id, val)}
                      label={M.ratings[val]}
                    />
                  )}
                </For>
              </div>
            </Group>
          )}
        </For>
        <Group id="r-bureau" legend={M.track.rateBureau} hint={M.track.rateBureauHint}>
          <div class="choices inline">
            <For each={VALUES}>
              {(val) => (
                <Radio
                  name="rate-bureau"
                  value={val}
                  checked={bureau() === val}
                  onChange={() => setBureau(val)}
                  label={M.ratings[val]}
                />
              )}
            </For>
          </div>
        </Group>
        <Field id="r-comment" label={M.track.comment}>
          <textarea
            id="r-comment"
            class="input"
            rows={3}
            maxLength={inputCap(LIMITS.comment.max)}
            value={comment()}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        </Field>
        <Show when={error()}>
          <Alert>{error()}</Alert>
        </Show>
        <button type="submit" class="btn btn-primary" aria-disabled={busy()}>
          {M.track.rateSend}
        </button>
      </form>
    </section>
  );
}

function RequestForm(props: { view: TrackingView; creds: Credentials; onView: OnView }) {
  const kinds = () =>
    [props.view.canRequestRework ? 'rework' : null, props.view.canRequestReview ? 'review' : null].filter(
      (x): x is 'rework' | 'review' => !!x,
    );
  // Nothing picked means the first that is open, 重新办理 before 复查; a choice lasts only as long
  // as the choices it was made among (rating 不满意 opens 重新办理 and sets it first again).
  const [picked, setKind] = createSignal<'rework' | 'review' | null>(null);
  createEffect(
    on(
      () => kinds().join(),
      () => setKind(null),
      { defer: true },
    ),
  );
  const kind = () => {
    const p = picked();
    return p && kinds().includes(p) ? p : (kinds()[0] ?? 'review');
  };
  const reviewLabel = () => (props.view.reviewLevel >= 1 ? M.track.reexamine : M.track.review);
  // What the citizen may do, said as it is: 重新办理 only when open (or after a 不满意 in the
  // rating above), 复查 or, after a 复查 opinion, 复核.
  const lead = () =>
    [
      props.view.reworkKept ? M.track.leadKept : '',
      props.view.canRequestRework ? M.track.leadRework : '',
      !props.view.canRequestRework && props.view.rating.open && props.view.reviewLevel === 0
        ? M.track.leadReworkFirst
        : '',
      props.view.canRequestReview
        ? (props.view.reviewLevel >= 1 ? M.track.leadReexamine : M.track.leadReview)(
            props.view.reviewDueAt ? fmtDueDay(props.view.reviewDueAt) : '规定期限',
          )
        : '',
    ].join('');
  const [reason, setReason] = createSignal('');
  const [reasonErr, setReasonErr] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    const n = charCount(reason());
    if (n < LIMITS.reason.min || n > LIMITS.reason.max) {
      setReasonErr(n < LIMITS.reason.min ? M.track.reasonShort : M.track.reasonLong);
      document.getElementById('q-reason')?.focus();
      return;
    }
    setReasonErr('');
    setBusy(true);
    setError('');
    try {
      const view = await api.review({ ...props.creds, kind: kind(), reason: reason().trim() });
      setReason('');
      props.onView(view, M.track.requested);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : M.errors.network);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="req-h" class="card">
      <h2 id="req-h">{M.track.requestTitle}</h2>
      <p>{lead()}</p>
      <form class="form" novalidate onSubmit={onSubmit}>
        <Group id="q-kind" legend={M.track.requestKind} required>
          <div class="choices">
            <For each={kinds()}>
              {(k) => (
                <Radio
                  name="request-kind"
                  value={k}
                  checked={kind() === k}
                  onChange={() => setKind(k)}
                  label={k === 'rework' ? M.track.rework : reviewLabel()}
                />
              )}
            </For>
          </div>
        </Group>
        <Field id="q-reason" label={M.track.reason} required hint={M.track.reasonHint} error={reasonErr()}>
          <textarea
            id="q-reason"
            class="input"
            rows={4}
            maxLength={inputCap(LIMITS.reason.max)}
            aria-required="true"
            aria-invalid={!!reasonErr()}
            aria-describedby={describedBy('q-reason', true, reasonErr())}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </Field>
        <Show when={error()}>
          <Alert>{error()}</Alert>
        </Show>
        <button type="submit" class="btn btn-primary" aria-disabled={busy()}>
          {M.track.requestSend}
        </button>
      </form>
    </section>
  );
}
