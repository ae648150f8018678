// The dialogs of the case page: an assignment move that needs input, routing (lead + co-handlers),
// merging a duplicate, handling by the bureau itself, publishing a 问政 answer, registering and answering a 复查.
import CaseSearchField from '../components/CaseSearchField';
import { createData } from '../lib/data';
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js';
import { CASE_STATUS, CHANNEL, KIND, MOVE, MSG, moveDone, PURPOSE, RATING, STEP, UNIT_KIND } from '../i18n';
import { ApiError, type AssignmentRow, type CaseDetail, type CaseSummary, t, UserError } from '../lib/api';
import { dateTime, deadline, endOfDay } from '../lib/format';
import { activeUnits, categoryPath, unitName } from '../lib/ref';
import { slug } from '../lib/session';
import { A, createAction, Dialog, ErrorNotice, Field, Notice } from '../components/ui';
import { PUBLIC_COPY_CHECK, PUBLIC_COPY_REMOVES } from '../../../workers/domain/masking';
import { MERGE_TARGET_STATES } from '../../../workers/domain/state-machine';

/** the cases a duplicate may go into: those still being handled */
const MERGE_INTO = new Set<string>(MERGE_TARGET_STATES);

type Perform = (fn: () => Promise<unknown>, done: string) => Promise<boolean>;

/** A dialog holding one form: its error, its fields, Cancel and the submit button. */
function FormDialog(props: {
  title: string;
  wide?: boolean;
  act: { run: () => unknown; busy: () => boolean; error: () => unknown };
  submit: string;
  onClose: () => void;
  children: JSX.Element;
}) {
  return (
    <Dialog title={props.title} onClose={props.onClose} wide={props.wide}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void props.act.run();
        }}
      >
        <ErrorNotice error={props.act.error()} />
        {props.children}
        <div class="dialog-foot">
          <button type="button" onClick={props.onClose}>
            {MSG.cancel}
          </button>
          <button type="submit" class="primary" disabled={props.act.busy()}>
            {props.submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
interface Base {
  perform: Perform;
  onClose: () => void;
  onDone: () => void;
}

interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'area' | 'days' | 'date' | 'rating';
  required?: boolean;
  empty?: string;
  initial?: (a: AssignmentRow) => string;
  /** said under the field, about this assignment */
  hint?: (a: AssignmentRow) => string;
}

const REFUSE_NOTICE =
  '经审查，您反映的事项不属于本机关受理范围（或已依法处理），根据《信访工作条例》第二十五条、第三十一条的规定，决定不予受理。您可依法通过诉讼、仲裁、行政复议等法定途径解决。';

/** The 催办 the dialog offers, on the case page and in the workbench alike. */
export const URGE_MESSAGE = '请抓紧办理，按期答复。';

/**
 * What a 督办期限 does and does not do: it does not move the unit's own deadline (the light and the
 * statistics keep counting that one), and left empty a later 督办 keeps the one already given.
 */
export function supervisionHint(a: AssignmentRow): string {
  const kept =
    a.supervisionDueAt != null ? `不填则沿用已定的督办期限 ${deadline(a.supervisionDueAt as number)}。` : '';
  const own = a.due && a.due.step !== 'supervision' ? a.due : null;
  return `${kept}${
    own
      ? `督办期限不改变该单位的${STEP[own.step] ?? ''}期限（${deadline(own.dueAt)}），晚于它的督办期限不会推迟该期限，亮灯和统计仍按原期限计算。`
      : '督办期限不改变该单位原有的办理期限。'
  }`;
}

const SPECS: Record<string, FieldSpec[]> = {
  refuse: [
    { name: 'reason', label: '不予受理理由', kind: 'area', required: true, empty: MSG.emptyReason },
    {
      name: 'notice',
      label: '不予受理告知书',
      kind: 'area',
      required: true,
      empty: '请填写不予受理告知书',
      initial: () => REFUSE_NOTICE,
    },
  ],
  return: [
    {
      name: 'reason',
      label: '退件理由（如：不属本单位职责，建议转某单位）',
      kind: 'area',
      required: true,
      empty: MSG.emptyReason,
    },
  ],
  'approve-return': [{ name: 'note', label: '意见（可选）', kind: 'area' }],
  'reject-return': [{ name: 'note', label: '驳回理由（可选）', kind: 'area' }],
  'request-extension': [
    { name: 'days', label: '延期天数', kind: 'days', required: true, empty: '请填写延期天数' },
    { name: 'reason', label: '延期理由', kind: 'area', required: true, empty: MSG.emptyReason },
  ],
  'approve-extension': [
    {
      name: 'days',
      label: '批准天数（可少于申请天数）',
      kind: 'days',
      initial: (a) => String(a.pendingExtensionDays ?? ''),
    },
  ],
  'deny-extension': [{ name: 'note', label: '理由（可选）', kind: 'area' }],
  'reject-reply': [
    {
      name: 'note',
      label: '退回意见',
      kind: 'area',
      required: true,
      empty: '请填写退回意见，告诉承办人要改什么',
    },
  ],
  reopen: [{ name: 'reason', label: '重办理由', kind: 'area', required: true, empty: MSG.emptyReason }],
  'keep-answer': [
    {
      name: 'reason',
      label: '维持答复的理由（经审查原答复正确，不予重办）',
      kind: 'area',
      required: true,
      empty: '请写明维持原答复的理由',
    },
  ],
  supervise: [
    { name: 'note', label: '督办意见', kind: 'area', required: true, empty: '请填写督办意见' },
    {
      name: 'dueAt',
      label: '督办期限（可选）',
      kind: 'date',
      hint: supervisionHint,
    },
  ],
  urge: [
    {
      name: 'message',
      label: '催办内容',
      kind: 'area',
      required: true,
      empty: '请填写催办内容',
      initial: () => URGE_MESSAGE,
    },
  ],
  rate: [
    { name: 'value', label: '对承办单位的评价（回访）', kind: 'rating', required: true, empty: '请选择评价' },
    { name: 'bureauValue', label: '对信访部门的评价（可选）', kind: 'rating' },
    { name: 'comment', label: '回访记录（可选）', kind: 'area' },
  ],
};

export function MoveDialog(props: Base & { a: AssignmentRow; move: string }) {
  const specs = SPECS[props.move] ?? [];
  const [values, setValues] = createSignal<Record<string, string>>(
    Object.fromEntries(specs.map((s) => [s.name, s.initial?.(props.a) ?? ''])),
  );
  const [bad, setBad] = createSignal<string | null>(null);
  // A field found wanting takes the cursor, so it is typed into at once (it was left on the button).
  const controls: Record<string, { focus: () => void }> = {};
  const flag = (name: string) => {
    setBad(name);
    controls[name]?.focus();
  };
  const act = createAction(async () => {
    const body: Record<string, unknown> = { version: props.a.version };
    for (const s of specs) {
      const v = (values()[s.name] ?? '').trim();
      if (s.required && !v) {
        flag(s.name);
        throw new UserError(s.empty ?? MSG.required(s.label));
      }
      if (!v) continue;
      if (s.kind === 'days') {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) {
          flag(s.name);
          throw new UserError('天数必须是正整数');
        }
        body[s.name] = n;
      } else if (s.kind === 'date') body[s.name] = endOfDay(v);
      else body[s.name] = v;
    }
    setBad(null);
    let ok = false;
    try {
      ok = await props.perform(
        () => t(slug()).move(props.a.id, props.move, body),
        moveDone(props.move, props.a.unitName),
      );
    } catch (e) {
      // the server's 延期天数超出上限 and the like: to the field it names, else the first one
      if (e instanceof ApiError && e.code === 'VALIDATION' && specs.length) {
        const named = e.details.find((d) => specs.some((s) => s.name === d.path))?.path;
        flag(named ?? specs[0]!.name);
      }
      throw e;
    }
    if (ok) props.onDone();
  });
  return (
    <FormDialog
      title={`${MOVE[props.move] ?? props.move}：${props.a.unitName ?? ''}`}
      act={act}
      submit={MOVE[props.move] ?? MSG.confirm}
      onClose={props.onClose}
    >
      <Show when={props.move.includes('extension') && props.a.pendingExtensionDays}>
        <p>
          申请延期 {props.a.pendingExtensionDays} 天，理由：{String(props.a.pendingExtensionReason ?? '—')}
        </p>
      </Show>
      <Show when={props.move.includes('return') && props.a.returnReason}>
        <p>退件理由：{String(props.a.returnReason)}</p>
      </Show>
      <For each={specs}>
        {(s) => (
          <Field label={s.label} required={s.required} hint={s.hint?.(props.a)}>
            {s.kind === 'area' ? (
              <textarea
                ref={(el) => (controls[s.name] = el)}
                rows={4}
                value={values()[s.name]}
                aria-invalid={bad() === s.name ? 'true' : undefined}
                onInput={(e) => setValues({ ...values(), [s.name]: e.currentTarget.value })}
              />
            ) : s.kind === 'rating' ? (
              <select
                ref={(el) => (controls[s.name] = el)}
                value={values()[s.name]}
                aria-invalid={bad() === s.name ? 'true' : undefined}
                onChange={(e) => setValues({ ...values(), [s.name]: e.currentTarget.value })}
              >
                <option value="">请选择</option>
                <For each={Object.keys(RATING)}>{(k) => <option value={k}>{RATING[k]}</option>}</For>
              </select>
            ) : (
              <input
                ref={(el) => (controls[s.name] = el)}
                type={s.kind === 'days' ? 'number' : s.kind === 'date' ? 'date' : 'text'}
                min={s.kind === 'days' ? 1 : undefined}
                value={values()[s.name]}
                aria-invalid={bad() === s.name ? 'true' : undefined}
                onInput={(e) => setValues({ ...values(), [s.name]: e.currentTarget.value })}
              />
            )}
          </Field>
        )}
      </For>
    </FormDialog>
  );
}

/**
 * Routing: suggested units first; one lead (主办) and any co-handlers (协办). Units that gave the case
 * back say why, so the next unit is chosen by their reason; opened away from the case page (the
 * workbench) it shows what the case is about, with the case page a link away.
 */
export function RouteDialog(props: Base & { detail: CaseDetail; showCase?: boolean }) {
  const d = props.detail;
  const returned = d.assignments.filter((a) => a.state === 'returned');
  const active = d.assignments.filter((a) => a.state !== 'returned' && a.state !== 'refused');
  const hasLead = active.some((a) => a.role === 'lead');
  const taken = new Set(active.map((a) => a.unitId));
  const [picked, setPicked] = createSignal<Record<string, 'lead' | 'co'>>(
    Object.fromEntries(
      d.suggestedUnits
        .filter((s) => !taken.has(s.unitId))
        .map((s, i) => [s.unitId, hasLead ? 'co' : (s.role ?? (i === 0 ? 'lead' : 'co'))] as const)
        .filter(([, r], i, all) => r !== 'lead' || all.findIndex(([, x]) => x === 'lead') === i),
    ),
  );
  const [filter, setFilter] = createSignal('');
  const [instructions, setInstructions] = createSignal('');
  const suggested = new Map(d.suggestedUnits.map((s) => [s.unitId, s.reason ?? '建议']));
  const list = createMemo(() => {
    const f = filter().trim();
    const all = activeUnits().filter(
      (u) => u.kind !== 'bureau' && !taken.has(u.id) && (!f || u.name.includes(f)),
    );
    const order = [...suggested.keys()];
    const first = all
      .filter((u) => suggested.has(u.id))
      .sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return [...first, ...all.filter((u) => !suggested.has(u.id))];
  });
  const toggle = (id: string, on: boolean) => {
    const p = { ...picked() };
    if (on) p[id] = hasLead || Object.values(p).includes('lead') ? 'co' : 'lead';
    else delete p[id];
    setPicked(p);
  };
  const makeLead = (id: string) => {
    const p: Record<string, 'lead' | 'co'> = {};
    for (const [k, v] of Object.entries(picked())) p[k] = v === 'lead' ? 'co' : v;
    p[id] = 'lead';
    setPicked(p);
  };
  const act = createAction(async () => {
    const units = Object.entries(picked()).map(([unitId, role]) => ({ unitId, role }));
    const leads = units.filter((u) => u.role === 'lead').length + (hasLead ? 1 : 0);
    if (!units.length) throw new UserError(MSG.chooseUnit);
    if (leads !== 1) throw new UserError(leads === 0 ? MSG.chooseUnit : MSG.oneLead);
    const names = units
      .map(
        (u) =>
          `${activeUnits().find((x) => x.id === u.unitId)?.name ?? ''}${u.role === 'lead' ? '（主办）' : '（协办）'}`,
      )
      .join('、');
    const ok = await props.perform(
      () =>
        t(slug()).caseAction(d.case.id, 'route', {
          version: d.case.version,
          units,
          instructions: instructions().trim() || null,
        }),
      `已转送：${names}`,
    );
    if (ok) props.onDone();
  });
  return (
    <FormDialog
      title={`转送/交办：${d.case.number}`}
      wide
      act={act}
      submit="确认转送"
      onClose={props.onClose}
    >
      <Show when={props.showCase}>
        <div class="route-case">
          <p>
            <strong>{d.case.title}</strong> <A href={`/cases/${d.case.id}`}>打开案件页</A>
          </p>
          <p class="hint">
            {[
              KIND[d.case.kind],
              PURPOSE[d.case.purpose],
              categoryPath(d.case.categoryId) || '未分类',
              d.case.townshipUnitId ? `所在地：${unitName(d.case.townshipUnitId)}` : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          <p>{d.case.content.length > 300 ? `${d.case.content.slice(0, 300)}…` : d.case.content}</p>
        </div>
      </Show>
      <Show when={returned.length}>
        <Notice kind="warn">
          <For each={returned}>
            {(a) => (
              <p>
                {a.unitName} 已退件：{String(a.returnReason ?? '—')}
              </p>
            )}
          </For>
        </Notice>
      </Show>
      <Show when={hasLead}>
        <Notice kind="info">该件已有主办单位，本次只能增加协办单位。</Notice>
      </Show>
      <Field label="查找单位" hint="回车选中唯一匹配的单位；转送请按“确认转送”">
        <input
          value={filter()}
          onInput={(e) => setFilter(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter here means "find", not "send": it sent the case to the units already ticked
            if (e.key !== 'Enter') return;
            e.preventDefault();
            const only = list().length === 1 ? list()[0]! : null;
            if (only && !picked()[only.id]) toggle(only.id, true);
          }}
          placeholder="输入单位名称"
        />
      </Field>
      <fieldset class="unit-pick">
        <legend class="skip">承办单位</legend>
        <For each={list()} fallback={<p class="muted">没有匹配的单位</p>}>
          {(u) => (
            <div class={`row ${suggested.has(u.id) ? 'suggested' : ''}`}>
              <label class="check name">
                <input
                  type="checkbox"
                  checked={Boolean(picked()[u.id])}
                  onChange={(e) => toggle(u.id, e.currentTarget.checked)}
                />
                {u.name}
                <span class="hint">
                  {UNIT_KIND[u.kind]}
                  {suggested.has(u.id) ? ` · 建议：${suggested.get(u.id)}` : ''}
                </span>
              </label>
              <label class="check">
                <input
                  type="radio"
                  name="lead"
                  aria-label={`${u.name} 主办`}
                  disabled={hasLead}
                  checked={picked()[u.id] === 'lead'}
                  onChange={() => makeLead(u.id)}
                />{' '}
                主办
              </label>
            </div>
          )}
        </For>
      </fieldset>
      <p class="hint">
        已选：
        {Object.entries(picked())
          .map(
            ([id, r]) =>
              `${activeUnits().find((x) => x.id === id)?.name ?? ''}${r === 'lead' ? '（主办）' : '（协办）'}`,
          )
          .join('、') || '无'}
      </p>
      <Field label="交办意见（可选）">
        <textarea
          rows={3}
          maxLength={1000}
          value={instructions()}
          onInput={(e) => setInstructions(e.currentTarget.value)}
        />
      </Field>
    </FormDialog>
  );
}

export function MergeDialog(props: Base & { detail: CaseDetail }) {
  const [q, setQ] = createSignal('');
  const [search, setSearch] = createSignal('');
  const [into, setInto] = createSignal('');
  const [found] = createData(
    () => search() || null,
    async (s) =>
      (await t(slug()).cases({ q: s, limit: 20 })).items.filter(
        (x: CaseSummary) => x.id !== props.detail.case.id && x.status !== 'merged',
      ),
  );
  // the earlier cases the system found this one repeats (同人同事): offered before any search
  const suggestedInto = props.detail.repeatSuggestions
    .filter((s) => s.status !== 'rejected' && s.other)
    .map((s) => s.other as CaseSummary);
  const shown = () => (search() ? (found() ?? []) : suggestedInto);
  const act = createAction(async () => {
    if (!into()) throw new UserError('请先查找并选择要并入的案件');
    const target = shown().find((x) => x.id === into());
    // a merged case is no longer handled on its own, and there is no way to take it apart again
    if (
      !confirm(
        `确定将 ${props.detail.case.number} 并入 ${target?.number ?? '所选案件'} 吗？\n并入后本件不再单独办理，不能撤销。`,
      )
    )
      return;
    const ok = await props.perform(
      () =>
        t(slug()).caseAction(props.detail.case.id, 'merge', {
          version: props.detail.case.version,
          intoCaseId: into(),
        }),
      `已并入 ${target?.number ?? ''}`,
    );
    if (ok) props.onDone();
  });
  return (
    <Dialog title={`合并重复件：${props.detail.case.number}`} onClose={props.onClose} wide>
      <ErrorNotice error={act.error()} />
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q().trim());
        }}
      >
        <CaseSearchField value={q()} onInput={setQ} />
        <button type="submit">{MSG.search}</button>
      </form>
      <fieldset class="unit-pick">
        <legend class="skip">并入的案件</legend>
        <Show when={!search() && suggestedInto.length}>
          <p class="hint">系统提示的疑似重复在先件（也可查找其他案件）：</p>
        </Show>
        <For each={shown()} fallback={<p class="muted">{search() ? '没有找到' : '请输入查找条件'}</p>}>
          {(x) => (
            <label class="row check">
              <input
                type="radio"
                name="into"
                checked={into() === x.id}
                disabled={!MERGE_INTO.has(x.status)}
                onChange={() => setInto(x.id)}
              />
              {x.number} {x.title}{' '}
              <span class="hint">
                {dateTime(x.receivedAt)} · {CASE_STATUS[x.status] ?? x.status}
                {MERGE_INTO.has(x.status) ? '' : '（已答复或办结，不能并入）'}
              </span>
            </label>
          )}
        </For>
      </fieldset>
      <div class="dialog-foot">
        <button type="button" onClick={props.onClose}>
          {MSG.cancel}
        </button>
        <button type="button" class="primary" disabled={act.busy()} onClick={() => act.run()}>
          并入所选案件
        </button>
      </div>
    </Dialog>
  );
}

export function SelfHandleDialog(props: Base & { detail: CaseDetail }) {
  const [reply, setReply] = createSignal('');
  const act = createAction(async () => {
    if (!reply().trim()) throw new UserError(MSG.emptyReply);
    // the answer goes to the citizen at once and the rating window opens: it cannot be taken back
    if (!confirm('确定由信访部门直接答复群众吗？\n答复将立即送达群众并开始评价期，发送后不能撤回或修改。'))
      return;
    const ok = await props.perform(
      () =>
        t(slug()).caseAction(props.detail.case.id, 'self-handle', {
          version: props.detail.case.version,
          reply: reply().trim(),
        }),
      '已平台自办并答复',
    );
    if (ok) props.onDone();
  });
  return (
    <FormDialog
      title={`平台自办：${props.detail.case.number}`}
      wide
      act={act}
      submit="答复"
      onClose={props.onClose}
    >
      <p class="hint">咨询类等可由信访部门直接答复的件，不再转送单位。</p>
      <Field label="答复内容" required>
        <textarea rows={8} value={reply()} onInput={(e) => setReply(e.currentTarget.value)} />
      </Field>
    </FormDialog>
  );
}

export function PublishDialog(props: Base & { detail: CaseDetail }) {
  // what the server proposes: the citizen's question and the sent answer, personal data taken out
  const draft = props.detail.publication;
  const [title, setTitle] = createSignal(draft?.title ?? props.detail.case.title);
  const [content, setContent] = createSignal(draft?.content ?? props.detail.case.content);
  const [answer, setAnswer] = createSignal(draft?.answer ?? props.detail.case.publicAnswer ?? '');
  const act = createAction(async () => {
    if (!title().trim()) throw new UserError('公开的标题不能为空');
    if (!content().trim()) throw new UserError('公开的问题内容不能为空');
    if (!answer().trim()) throw new UserError('公开的答复内容不能为空');
    const ok = await props.perform(
      () =>
        t(slug()).caseAction(props.detail.case.id, 'publish', {
          version: props.detail.case.version,
          title: title().trim(),
          content: content().trim(),
          answer: answer().trim(),
        }),
      '问政答复已公开',
    );
    if (ok) props.onDone();
  });
  return (
    <FormDialog
      title={`发布问政答复：${props.detail.case.number}`}
      wide
      act={act}
      submit="发布"
      onClose={props.onClose}
    >
      <Notice kind="warn">
        <p>以下为将公开的文字。系统已自动隐去：{PUBLIC_COPY_REMOVES.join('、')}。</p>
        <p>其他个人信息系统认不出，发布前请逐字核对并删改，特别是{PUBLIC_COPY_CHECK.join('、')}等。</p>
      </Notice>
      <Field label="公开的标题" required>
        <input maxLength={200} value={title()} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field label="公开的问题" required>
        <textarea rows={6} value={content()} onInput={(e) => setContent(e.currentTarget.value)} />
      </Field>
      <Field label="公开的答复" required>
        <textarea rows={10} value={answer()} onInput={(e) => setAnswer(e.currentTarget.value)} />
      </Field>
    </FormDialog>
  );
}

/** The bureau's answer to a citizen's 复查 (or, at the second level, 复核) request. */
export function AnswerReviewDialog(props: Base & { detail: CaseDetail }) {
  const level = () => props.detail.review?.level ?? 1;
  const name = () => (level() === 2 ? '复核' : '复查');
  const [decision, setDecision] = createSignal<'upheld' | 'revised' | ''>('');
  const [opinion, setOpinion] = createSignal('');
  const act = createAction(async () => {
    if (!decision()) throw new UserError(`请选择${name()}结论`);
    if (!opinion().trim()) throw new UserError(`请填写${name()}意见`);
    // the citizen reads it at once, and the 复核 window counts from it: it cannot be corrected
    if (
      !confirm(
        `确定录入${name()}意见（${decision() === 'upheld' ? '维持原处理意见' : '撤销或变更原处理意见'}）吗？\n群众将立即在查询页看到，录入后不能修改。`,
      )
    )
      return;
    const ok = await props.perform(
      () =>
        t(slug()).caseAction(props.detail.case.id, 'answer-review', {
          version: props.detail.case.version,
          decision: decision(),
          opinion: opinion().trim(),
        }),
      `${name()}意见已录入，群众可在查询页看到`,
    );
    if (ok) props.onDone();
  });
  const asked = () => [...(props.detail.review?.history ?? [])].reverse().find((h) => h.kind === 'request');
  return (
    <FormDialog
      title={`录入${name()}意见：${props.detail.case.number}`}
      wide
      act={act}
      submit="录入"
      onClose={props.onClose}
    >
      <Show when={asked()}>
        {(r) => (
          <p class="hint">
            群众于 {dateTime(r().at)} 申请{name()}：{r().kind === 'request' ? r().reason : ''}
          </p>
        )}
      </Show>
      <Field label={`${name()}结论`} required>
        <select value={decision()} onChange={(e) => setDecision(e.currentTarget.value as 'upheld')}>
          <option value="">请选择</option>
          <option value="upheld">维持原处理意见</option>
          <option value="revised">撤销或变更原处理意见</option>
        </select>
      </Field>
      <Field label={`${name()}意见（群众可见）`} required>
        <textarea rows={8} value={opinion()} onInput={(e) => setOpinion(e.currentTarget.value)} />
      </Field>
    </FormDialog>
  );
}

/** How a citizen may ask the bureau for a 复查 outside the portal (the API's channels). */
const REVIEW_CHANNELS = ['letter', 'visit', 'phone', 'mailbox'] as const;

/**
 * A 复查 (or, after its answer, a 复核) the citizen asked by letter, in person, by phone or through
 * the leader's mailbox: the bureau registers it on the case for them. The server decides whether it
 * may be taken (within the window, none waiting) and says why not.
 */
export function ReviewRequestDialog(props: Base & { detail: CaseDetail }) {
  // what the clerk opened it for: a 复查 refused because one came meanwhile stays a 复查 here
  const level = props.detail.case.reviewLevel ?? 0;
  const name = () => (level >= 1 ? '复核' : '复查');
  const [channel, setChannel] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [bad, setBad] = createSignal<'channel' | 'reason' | null>(null);
  const act = createAction(async () => {
    if (!channel()) {
      setBad('channel');
      throw new UserError('请选择申请方式');
    }
    if (!reason().trim()) {
      setBad('reason');
      throw new UserError('请填写申请理由');
    }
    setBad(null);
    // the 30-day clock for the bureau's opinion starts now, and the request cannot be withdrawn
    if (
      !confirm(
        `确定登记群众的${name()}申请（${CHANNEL[channel()]}）吗？\n登记后须在规定期限内录入${name()}意见，登记不能撤回。`,
      )
    )
      return;
    const ok = await props.perform(
      () =>
        t(slug()).caseAction(props.detail.case.id, 'review-request', {
          version: props.detail.case.version,
          channel: channel(),
          reason: reason().trim(),
        }),
      `已登记${name()}申请，请在期限内录入${name()}意见`,
    );
    if (ok) props.onDone();
  });
  return (
    <FormDialog
      title={`登记${name()}申请：${props.detail.case.number}`}
      wide
      act={act}
      submit="登记"
      onClose={props.onClose}
    >
      <p class="hint">群众对答复不服，以来信、来访、电话或领导信箱提出{name()}的，由信访部门在此登记。</p>
      <Field label="申请方式" required>
        <select
          value={channel()}
          aria-invalid={bad() === 'channel' ? 'true' : undefined}
          onChange={(e) => setChannel(e.currentTarget.value)}
        >
          <option value="">请选择</option>
          <For each={REVIEW_CHANNELS}>{(k) => <option value={k}>{CHANNEL[k]}</option>}</For>
        </select>
      </Field>
      <Field label="申请理由（群众的原话或要点）" required>
        <textarea
          rows={6}
          maxLength={2000}
          value={reason()}
          aria-invalid={bad() === 'reason' ? 'true' : undefined}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </Field>
    </FormDialog>
  );
}
