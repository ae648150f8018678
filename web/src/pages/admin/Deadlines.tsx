// Deadlines per step, and the rules per kind/channel/purpose (most specific match wins). A value
// out of range is said under its own field, before saving and when the server refuses one.
import { createEffect, createSignal, For, Show } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { CHANNEL, KIND, MSG, PURPOSE } from '../../i18n';
import { ApiError, type DayRule, type DeadlineRule, type Settings } from '../../lib/api';
import { ErrorNotice, Loading, Notice, Options, PageTitle } from '../../components/ui';
import AdminNav from './AdminNav';
import DayRuleInput, { dayRuleError } from './DayRuleInput';
import { useSettings } from './settings-store';

type D = Settings['deadlines'];
// [key, label, min, max]: the ranges the server checks (workers/domain/settings.ts)
const STEPS: Array<[keyof Omit<D, 'rules'>, string, number, number]> = [
  ['route', '登记后分派（转送/交办）', 1, 60],
  ['sign', '单位签收', 0, 15],
  ['returnWindow', '退件期限（收件后）', 1, 30],
  ['accept', '受理或不予受理', 0, 30],
  ['reviewWindow', '可申请复查（答复后）', 1, 90],
  ['reviewAnswer', '复查（复核）意见答复（收到申请后）', 1, 90],
];
type RuleStep = 'route' | 'sign' | 'accept' | 'reply';
// a rule's own steps: [key, column, min, max]; all but the reply may be left to the default above
const RULE_STEPS: Array<[RuleStep, string, number, number]> = [
  ['route', '分派', 1, 60],
  ['sign', '签收', 0, 15],
  ['accept', '受理', 0, 30],
  ['reply', '答复', 0, 180],
];

/** The field an error detail of PATCH /settings names: `route`, `rules.3.route`; none for the rest. */
function fieldOf(path: string | undefined): string | undefined {
  const m = /^patch\.deadlines\.(rules\.\d+\.[a-zA-Z]+|[a-zA-Z]+)(\.|$)/.exec(path ?? '');
  return m?.[1];
}

/** The out-of-range values of the form, by field, as the server would refuse them. */
function check(d: D): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, , min, max] of STEPS) {
    const e = dayRuleError(d[key], min, max);
    if (e) out[key] = e;
  }
  d.rules?.forEach((r, i) => {
    for (const [key, , min, max] of RULE_STEPS) {
      const e = dayRuleError(r[key] as DayRule | undefined, min, max);
      if (e) out[`rules.${i}.${key}`] = e;
    }
    const ext = r.maxExtensionDays;
    if (!Number.isInteger(ext) || ext < 0 || ext > 90) out[`rules.${i}.maxExtensionDays`] = '天数不能超过 90';
  });
  return out;
}

export default function Deadlines() {
  const s = useSettings();
  const [d, setD] = createStore<D>({} as D);
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  let form: HTMLFormElement | undefined;
  const focusFirstError = () =>
    queueMicrotask(() => form?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus());
  createEffect(() => {
    const x = s.data()?.settings.deadlines;
    if (x) setD(reconcile(structuredClone(x)));
  });
  const setRule = (i: number, patch: Partial<DeadlineRule>) => setD('rules', i, (r) => ({ ...r, ...patch }));
  const setMatch = (i: number, key: keyof DeadlineRule['match'], value: string) =>
    setD('rules', i, 'match', (m) => {
      const next = { ...m } as Record<string, unknown>;
      if (value === '') delete next[key];
      else next[key] = key === 'fastTrack' ? value === 'true' : value;
      return next as DeadlineRule['match'];
    });
  const submit = async (e: Event) => {
    e.preventDefault();
    const { ratingWindow: _r, ...rest } = unwrap(d);
    const found = check(rest as D);
    setErrors(found);
    if (Object.keys(found).length) return focusFirstError();
    const saved = await s.save(
      { deadlines: structuredClone(rest) },
      '办理期限已保存，新登记和新转送的件按新期限计算。',
    );
    const err = s.error();
    if (saved || !(err instanceof ApiError)) return;
    const byField: Record<string, string> = {};
    for (const x of err.details) {
      const f = fieldOf(x.path);
      if (f && !byField[f]) byField[f] = x.message;
    }
    setErrors(byField);
    focusFirstError();
  };
  const removeRule = (i: number) => {
    setD('rules', (rs) => rs.filter((_, j) => j !== i));
    // the errors of the rules after it would name the wrong rows
    setErrors({});
  };
  return (
    <section>
      <PageTitle>县区管理 · 办理期限</PageTitle>
      <AdminNav />
      <Show when={s.data()} fallback={<Loading />}>
        <form ref={form} onSubmit={(e) => void submit(e)} novalidate>
          <Show when={s.ok()}>
            <Notice kind="ok">{s.ok()}</Notice>
          </Show>
          <ErrorNotice error={s.error()} />
          <Show when={Object.keys(errors()).length && !s.error()}>
            <Notice kind="error">
              有 {Object.keys(errors()).length} 处期限不在允许范围内，未保存：请按标红字段下的提示改正。
            </Notice>
          </Show>
          <div class="card">
            <h2>各环节期限</h2>
            <table>
              <tbody>
                <For each={STEPS}>
                  {([key, text, min, max]) => (
                    <tr>
                      <th scope="row">{text}</th>
                      <td>
                        <DayRuleInput
                          label={text}
                          min={min}
                          max={max}
                          value={d[key]}
                          error={errors()[key]}
                          onChange={(v) => v && setD(key, v)}
                        />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <div class="card">
            <h2>答复期限规则</h2>
            <p class="hint">
              按件类型、来源、信访目的、是否“最多投一次”匹配；匹配条件最多的规则生效，条件一样多时排在后面的生效。分派、签收、受理留空则用上面的默认期限；分派期限自登记（收到）时起算，如
              12345 工单“1 个工作日内分派”。
            </p>
            <div class="table-wrap">
              <table class="stack">
                <thead>
                  <tr>
                    <th>件类型</th>
                    <th>来源</th>
                    <th>信访目的</th>
                    <th>最多投一次</th>
                    <For each={RULE_STEPS}>{([, column]) => <th>{column}</th>}</For>
                    <th>最多延期（天）</th>
                    <th>
                      <span class="skip">操作</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={d.rules}>
                    {(r, i) => (
                      <tr>
                        <td data-label="件类型">
                          <select
                            aria-label={`规则 ${i() + 1} 件类型`}
                            value={r.match.kind ?? ''}
                            onChange={(e) => setMatch(i(), 'kind', e.currentTarget.value)}
                          >
                            <option value="">任意</option>
                            <Options table={KIND} />
                          </select>
                        </td>
                        <td data-label="来源">
                          <select
                            aria-label={`规则 ${i() + 1} 来源`}
                            value={r.match.channel ?? ''}
                            onChange={(e) => setMatch(i(), 'channel', e.currentTarget.value)}
                          >
                            <option value="">任意</option>
                            <Options table={CHANNEL} />
                          </select>
                        </td>
                        <td data-label="信访目的">
                          <select
                            aria-label={`规则 ${i() + 1} 信访目的`}
                            value={r.match.purpose ?? ''}
                            onChange={(e) => setMatch(i(), 'purpose', e.currentTarget.value)}
                          >
                            <option value="">任意</option>
                            <Options table={PURPOSE} />
                          </select>
                        </td>
                        <td data-label="最多投一次">
                          <select
                            aria-label={`规则 ${i() + 1} 最多投一次`}
                            value={r.match.fastTrack === undefined ? '' : String(r.match.fastTrack)}
                            onChange={(e) => setMatch(i(), 'fastTrack', e.currentTarget.value)}
                          >
                            <option value="">任意</option>
                            <option value="true">是</option>
                            <option value="false">否</option>
                          </select>
                        </td>
                        <For each={RULE_STEPS}>
                          {([key, column, min, max]) => (
                            <td data-label={column}>
                              <DayRuleInput
                                label={`规则 ${i() + 1} ${column}`}
                                optional={key !== 'reply'}
                                min={min}
                                max={max}
                                value={r[key] as DayRule | undefined}
                                error={errors()[`rules.${i()}.${key}`]}
                                onChange={(v) => (key !== 'reply' || v) && setRule(i(), { [key]: v })}
                              />
                            </td>
                          )}
                        </For>
                        <td data-label="最多延期（天）">
                          <input
                            type="number"
                            min={0}
                            max={90}
                            style={{ width: '64px' }}
                            aria-label={`规则 ${i() + 1} 最多延期天数`}
                            aria-invalid={errors()[`rules.${i()}.maxExtensionDays`] ? 'true' : undefined}
                            aria-describedby={
                              errors()[`rules.${i()}.maxExtensionDays`] ? `rule-${i()}-ext-error` : undefined
                            }
                            value={r.maxExtensionDays}
                            onInput={(e) =>
                              setRule(i(), {
                                maxExtensionDays: Math.max(0, Math.floor(Number(e.currentTarget.value) || 0)),
                              })
                            }
                          />
                          <Show when={errors()[`rules.${i()}.maxExtensionDays`]}>
                            <span
                              class="field-error"
                              id={`rule-${i()}-ext-error`}
                              style={{ display: 'block', color: 'var(--red)', 'font-size': '13px' }}
                            >
                              {errors()[`rules.${i()}.maxExtensionDays`]}
                            </span>
                          </Show>
                        </td>
                        <td class="actions">
                          <button type="button" class="small danger" onClick={() => removeRule(i())}>
                            删除
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <p>
              <button
                type="button"
                onClick={() =>
                  setD('rules', (rs) => [
                    ...rs,
                    { match: {}, reply: { days: 15, unit: 'natural' }, maxExtensionDays: 15 },
                  ])
                }
              >
                添加规则
              </button>
            </p>
          </div>
          <div class="action-bar">
            <button type="submit" class="primary" disabled={s.busy()}>
              {s.busy() ? MSG.saving : '保存期限设置'}
            </button>
            <button type="button" onClick={() => s.refetch()}>
              放弃修改
            </button>
          </div>
        </form>
      </Show>
    </section>
  );
}
