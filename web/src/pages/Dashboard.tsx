// The county leader's and the bureau's dashboard: the period's figures with 环比/同比; from
// /stats/breakdown the volume of the twelve months ending with the period, hot spots by channel and
// category (counted as the bulletin counts them) and today's lights by unit; and every unit's rates.
// A unit's handlers and leaders get the same page for their own unit (beside the county's totals),
// as the API answers them; rankings and the repeat petitioners stay with the bureau and leaders.
import { createData } from '../lib/data';
import { createMemo, For, Show } from 'solid-js';
import { CHANNEL, MSG, UNIT_KIND } from '../i18n';
import { type Figures, t } from '../lib/api';
import { dateTime, num } from '../lib/format';
import { isBureau, isUnitRole, slug } from '../lib/session';
import { formatRate } from '../../../workers/domain/stats/format';
import { BarChart, HBarChart } from '../components/charts';
import { A, Loading, PageTitle, Pager, usePages } from '../components/ui';
import {
  CASE_KIND_LABEL,
  changeText,
  FIGURE_LABEL,
  findChanges,
  RATE_KEYS,
  StatsError,
  usePeriod,
} from './stats-common';

const HEADLINE = [
  'received',
  'closed',
  'completionRate',
  'timelyAcceptanceRate',
  'onTimeReplyRate',
  'participationRate',
  'satisfactionRate',
  'oneTimeResolutionRate',
  'repeatRate',
  'avgDays',
];

const overdueOf = (f: Figures) =>
  typeof f.overdue === 'number'
    ? f.overdue
    : Object.values(f.overdue ?? {}).reduce<number>((a, b) => a + (Number(b) || 0), 0);

export function figureText(key: string, f: Record<string, unknown>): string {
  const v = f[key];
  if (RATE_KEYS.has(key)) return formatRate(v as number | null);
  if (key === 'avgDays') return num(v as number | null, 1);
  if (key === 'overdue') return String(overdueOf(f as Figures));
  return v == null ? MSG.rateNull : String(v);
}

/** 'HH:MM' of an instant in the county's zone: live figures say when they were read. */
export const clock = (ms: number) => dateTime(ms).slice(11);

export default function Dashboard() {
  const period = usePeriod({ kinds: () => stats()?.kinds });
  // month=, quarter=, year=, ytd= as picked: 环比 against the previous month or quarter, not the
  // same number of days before
  const key = () => ({ s: slug(), q: period.query() });
  const [stats] = createData(key, ({ s, q }) => t(s).stats(q));
  const [compare] = createData(key, ({ s, q }) => t(s).compare(q));
  const [breakdown] = createData(key, ({ s, q }) => t(s).breakdown(q));
  const compared = (k: 'previousPeriod' | 'lastYearPeriod') =>
    ((compare() as Record<string, { label?: string }> | undefined)?.[k]?.label ?? '') as string;
  const series = createMemo(() =>
    breakdown()?.byMonth.map((m) => ({ label: `${Number(m.month.slice(5))}月`, value: m.count })),
  );
  const channels = createMemo(() =>
    (breakdown()?.byChannel ?? []).map((r) => ({ label: CHANNEL[r.channel] ?? r.label, value: r.count })),
  );
  const hotCategories = createMemo(() =>
    (breakdown()?.byCategory ?? []).slice(0, 12).map((r) => ({ label: r.name, value: r.count })),
  );
  // Units with something lit first (most red, then most yellow); quiet units after them.
  const lights = createMemo(() =>
    [...(breakdown()?.lightsByUnit ?? [])].sort(
      (a, b) => b.red - a.red || b.yellow - a.yellow || b.green - a.green,
    ),
  );
  const lightPages = usePages(lights, 15);
  // Top repeat petitioners: for the bureau only (DOMAIN.md), masked.
  const [repeaters] = createData(
    () => (isBureau() ? slug() : null),
    async (s) => (await t(s).repeatPetitioners({ limit: 10 })).items,
  );
  const mom = createMemo(() => findChanges(compare(), 'mom'));
  const yoy = createMemo(() => findChanges(compare(), 'yoy'));
  // Units come as { unitId, unitName, unitKind, ...FIGURES } (the contract) or with { figures }.
  const units = createMemo(() =>
    [...(stats()?.units ?? [])]
      .map((u) => ({ ...u, ...((u as { figures?: Figures }).figures ?? {}) }) as typeof u)
      .sort((a, b) => b.received - a.received),
  );
  const unitPages = usePages(units, 20);

  return (
    <section>
      <PageTitle
        actions={
          <>
            <Show when={!isUnitRole()}>
              <A href="/rankings" class="btn">
                考核排名
              </A>
            </Show>
            <A href="/bulletins" class="btn">
              工作通报
            </A>
          </>
        }
      >
        统计分析 · {period.range().label}
        {period.caseKind() ? ` · ${CASE_KIND_LABEL[period.caseKind()]}` : ''}
      </PageTitle>
      {period.picker()}
      <StatsError error={stats.error} what="统计数据" />
      <Show when={stats()} fallback={<Show when={!stats.error}>{<Loading />}</Show>}>
        <div class="card">
          <h2>全县主要指标</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>指标</th>
                  <th class="num">本期</th>
                  <th class="num">
                    环比<Show when={compared('previousPeriod')}>（{compared('previousPeriod')}）</Show>
                  </th>
                  <th class="num">
                    同比<Show when={compared('lastYearPeriod')}>（{compared('lastYearPeriod')}）</Show>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={HEADLINE}>
                  {(k) => (
                    <tr>
                      <th scope="row">{FIGURE_LABEL[k]}</th>
                      <td class="num">{figureText(k, stats()!.tenant)}</td>
                      <td class="num">{mom() ? changeText(k, mom()![k]) : MSG.rateNull}</td>
                      <td class="num">{yoy() ? changeText(k, yoy()![k]) : MSG.rateNull}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <StatsError error={compare.error} what="环比、同比" />
          <p class="hint">比率分母为 0 时显示“—”。件数的变化按相对幅度计算，比率的变化按百分点计算。</p>
        </div>
      </Show>
      <StatsError error={breakdown.error} what="来件分布与亮灯" />
      <div class="grid grid-2">
        <div class="card">
          <h2>近 12 个月受理件数</h2>
          <Show when={breakdown()} fallback={<Show when={!breakdown.error}>{<Loading />}</Show>}>
            <BarChart
              title={`截至 ${breakdown()!.period.to} 的近 12 个月受理件数`}
              data={series()!}
              legend={['受理件数']}
            />
          </Show>
        </div>
        <div class="card">
          <h2>
            当前亮灯（按单位）
            <Show when={breakdown()?.asOf}>
              <span class="hint"> 截至 {clock(breakdown()!.asOf!)}</span>
            </Show>
          </h2>
          <Show when={breakdown()} fallback={<Show when={!breakdown.error}>{<Loading />}</Show>}>
            <Show
              when={lights().some((r) => r.red || r.yellow)}
              fallback={<p class="muted">当前没有逾期或临期件。</p>}
            >
              <HBarChart
                title="各单位逾期件数"
                tone="red"
                data={lights()
                  .filter((r) => r.red)
                  .map((r) => ({ label: r.unitName, value: r.red }))}
              />
            </Show>
            <table>
              <caption class="skip">各单位当前亮灯件数</caption>
              <thead>
                <tr>
                  <th>单位</th>
                  <th class="num">红灯</th>
                  <th class="num">其中督办</th>
                  <th class="num">黄灯</th>
                  <th class="num">绿灯</th>
                </tr>
              </thead>
              <tbody>
                <For
                  each={lightPages.view()}
                  fallback={
                    <tr>
                      <td colSpan={5} class="empty">
                        {MSG.empty}
                      </td>
                    </tr>
                  }
                >
                  {(r) => (
                    <tr>
                      <td class="nowrap">{r.unitName}</td>
                      <td class="num">{r.red}</td>
                      <td class="num">{r.redSupervision ?? 0}</td>
                      <td class="num">{r.yellow}</td>
                      <td class="num">{r.green}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Pager pages={lightPages} total={lights().length} />
            <p class="hint">
              亮灯是此刻各单位待办件的情况，不随统计期间变化：红灯已逾期，黄灯 1
              日内到期。红灯含超过督办期限的件（“其中督办”）；
              统计指标中的“逾期”只计签收、受理、答复环节，且只计本期转办的件。
            </p>
          </Show>
        </div>
        <div class="card">
          <h2>按来源渠道</h2>
          <Show when={breakdown()} fallback={<Show when={!breakdown.error}>{<Loading />}</Show>}>
            <Show when={channels().length} fallback={<p class="muted">{MSG.dashNoData}</p>}>
              <HBarChart title="按来源渠道的受理件数" data={channels()} />
            </Show>
          </Show>
        </div>
        <div class="card">
          <h2>热点分类</h2>
          <Show when={breakdown()} fallback={<Show when={!breakdown.error}>{<Loading />}</Show>}>
            <Show when={hotCategories().length} fallback={<p class="muted">{MSG.dashNoData}</p>}>
              <HBarChart title="按内容分类（一级）的受理件数" data={hotCategories()} />
            </Show>
          </Show>
        </div>
      </div>
      <p class="hint">
        渠道、分类和月度件数按承办单位的受理件数统计（一件转送两个单位计两件，退回的不计），与月度工作通报同一口径。
      </p>
      <Show when={isBureau()}>
        <div class="card">
          <h2>
            重复信访人 <span class="tag red">内部</span>
          </h2>
          <StatsError error={repeaters.error} what="重复信访人" />
          <Show when={repeaters()}>
            <table>
              <thead>
                <tr>
                  <th>姓名</th>
                  <th>联系电话</th>
                  <th class="num">来件数</th>
                  <th class="num">重复件</th>
                  <th>最近来件</th>
                </tr>
              </thead>
              <tbody>
                <For
                  each={repeaters()!}
                  fallback={
                    <tr>
                      <td colSpan={5} class="empty">
                        {MSG.empty}
                      </td>
                    </tr>
                  }
                >
                  {(r) => (
                    <tr>
                      <td>{String(r.name ?? '—')}</td>
                      <td>{String(r.phone ?? '—')}</td>
                      <td class="num">{String(r.cases ?? '')}</td>
                      <td class="num">{String(r.repeats ?? '')}</td>
                      <td>{dateTime(r.lastAt as number)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        </div>
      </Show>
      <Show when={stats()}>
        <div class="card">
          <h2>{isUnitRole() ? '本单位指标' : '各单位指标'}</h2>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>单位</th>
                  <th>类型</th>
                  <For
                    each={[
                      'received',
                      'closed',
                      'completionRate',
                      'timelyAcceptanceRate',
                      'onTimeReplyRate',
                      'participationRate',
                      'satisfactionRate',
                      'overdue',
                    ]}
                  >
                    {(k) => <th class="num">{FIGURE_LABEL[k]}</th>}
                  </For>
                </tr>
              </thead>
              <tbody>
                <For
                  each={unitPages.view()}
                  fallback={
                    <tr>
                      <td colSpan={10} class="empty">
                        {MSG.dashNoData}
                      </td>
                    </tr>
                  }
                >
                  {(u) => (
                    <tr>
                      {/* names on one line: on a phone the table scrolls sideways rather than
                          stack 县市场监督管理局 one character a line */}
                      <td class="nowrap">{u.unitName}</td>
                      <td class="nowrap">{UNIT_KIND[u.unitKind]}</td>
                      <For
                        each={[
                          'received',
                          'closed',
                          'completionRate',
                          'timelyAcceptanceRate',
                          'onTimeReplyRate',
                          'participationRate',
                          'satisfactionRate',
                          'overdue',
                        ]}
                      >
                        {(k) => <td class="num">{figureText(k, u)}</td>}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <Pager pages={unitPages} total={units().length} />
        </div>
      </Show>
    </section>
  );
}
