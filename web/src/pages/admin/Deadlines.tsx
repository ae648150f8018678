// Deadlines per step, and the rules per kind/channel/purpose (most specific match wins).
import { createEffect, For, Show } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import { CHANNEL, KIND, MSG, PURPOSE } from '../../i18n';
import type { DeadlineRule, Settings } from '../../lib/api';
import { ErrorNotice, Loading, Notice, Options, PageTitle } from '../../components/ui';
import AdminNav from './AdminNav';
import DayRuleInput from './DayRuleInput';
import { useSettings } from './settings-store';

type D = Settings['deadlines'];
const STEPS: Array<[keyof Omit<D, 'rules'>, string, number]> = [
  ['route', '登记后转送/交办', 60],
  ['sign', '单位签收', 15],
  ['returnWindow', '退件期限（收件后）', 30],
  ['accept', '受理或不予受理', 30],
  ['reviewWindow', '可申请复查（答复后）', 90],
  ['reviewAnswer', '复查（复核）意见答复（收到申请后）', 90],
];

export default function Deadlines() {
  const s = useSettings();
  const [d, setD] = createStore<D>({} as D);
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
  const submit = (e: Event) => {
    e.preventDefault();
    const { ratingWindow: _r, ...rest } = unwrap(d);
    void s.save({ deadlines: structuredClone(rest) }, '办理期限已保存，新登记和新转送的件按新期限计算。');
  };
  return (
    <section>
      <PageTitle>县区管理 · 办理期限</PageTitle>
      <AdminNav />
      <Show when={s.data()} fallback={<Loading />}>
        <form onSubmit={submit}>
          <Show when={s.ok()}>
            <Notice kind="ok">{s.ok()}</Notice>
          </Show>
          <ErrorNotice error={s.error()} />
          <div class="card">
            <h2>各环节期限</h2>
            <table>
              <tbody>
                <For each={STEPS}>
                  {([key, text, max]) => (
                    <tr>
                      <th scope="row">{text}</th>
                      <td>
                        <DayRuleInput
                          label={text}
                          max={max}
                          value={d[key]}
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
              按件类型、来源、信访目的、是否“最多投一次”匹配；匹配条件最多的规则生效，条件一样多时排在后面的生效。签收、受理留空则用上面的默认期限。
            </p>
            <div class="table-wrap">
              <table class="stack">
                <thead>
                  <tr>
                    <th>件类型</th>
                    <th>来源</th>
                    <th>信访目的</th>
                    <th>最多投一次</th>
                    <th>签收</th>
                    <th>受理</th>
                    <th>答复</th>
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
                        <td data-label="签收">
                          <DayRuleInput
                            label={`规则 ${i() + 1} 签收`}
                            optional
                            max={15}
                            value={r.sign}
                            onChange={(v) => setRule(i(), { sign: v })}
                          />
                        </td>
                        <td data-label="受理">
                          <DayRuleInput
                            label={`规则 ${i() + 1} 受理`}
                            optional
                            max={30}
                            value={r.accept}
                            onChange={(v) => setRule(i(), { accept: v })}
                          />
                        </td>
                        <td data-label="答复">
                          <DayRuleInput
                            label={`规则 ${i() + 1} 答复`}
                            value={r.reply}
                            onChange={(v) => v && setRule(i(), { reply: v })}
                          />
                        </td>
                        <td data-label="最多延期（天）">
                          <input
                            type="number"
                            min={0}
                            max={90}
                            style={{ width: '64px' }}
                            aria-label={`规则 ${i() + 1} 最多延期天数`}
                            value={r.maxExtensionDays}
                            onInput={(e) =>
                              setRule(i(), {
                                maxExtensionDays: Math.max(0, Math.floor(Number(e.currentTarget.value) || 0)),
                              })
                            }
                          />
                        </td>
                        <td class="actions">
                          <button
                            type="button"
                            class="small danger"
                            onClick={() => setD('rules', (rs) => rs.filter((_, j) => j !== i()))}
                          >
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
