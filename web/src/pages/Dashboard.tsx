// The county leader's and the bureau's dashboard: the period's figures with 环比/同比, volume over
// the last twelve months, hot spots by channel and category, lights by unit, and every unit's rates.
import { createData } from '../lib/data';
import { createMemo, For, Show } from 'solid-js';
import { CHANNEL, MSG, UNIT_KIND } from '../i18n';
import { type Figures, t } from '../lib/api';
import { dateTime, monthRange, num, pct } from '../lib/format';
import { categories, categoryPath } from '../lib/ref';
import { isBureau, slug } from '../lib/session';
import { BarChart, type Datum, HBarChart } from '../components/charts';
import { A, Loading, PageTitle, Pager, usePages } from '../components/ui';
import { changeText, FIGURE_LABEL, findChanges, RATE_KEYS, StatsError, usePeriod } from './stats-common';

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
  if (RATE_KEYS.has(key)) return pct(v as number | null);
  if (key === 'avgDays') return num(v as number | null, 1);
  if (key === 'overdue') return String(overdueOf(f as Figures));
  return v == null ? MSG.rateNull : String(v);
}

function lastMonths(n: number, endMonth: string): string[] {
  const [y, m] = endMonth.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

export default function Dashboard() {
  const period = usePeriod();
  const key = () => ({ s: slug(), ...period.range() });
  const [stats] = createData(key, ({ s, from, to }) => t(s).stats({ from, to }));
  const [compare] = createData(key, ({ s, from, to }) => t(s).compare({ from, to }));
  const [series] = createData(
    () => ({ s: slug(), end: period.month() }),
    async ({ s, end }) => {
      const months = lastMonths(12, end);
      const all = await Promise.all(months.map((m) => t(s).stats(monthRange(m))));
      return months.map((m, i) => ({
        label: `${Number(m.slice(5))}月`,
        value: all[i]!.tenant.received,
        alt: all[i]!.tenant.closed,
      }));
    },
  );
  // Hot spots: from the statistics answer when it carries them, else from the period's cases.
  const [spots] = createData(key, async ({ s, from, to }) => {
    const st = stats();
    const byChannel = st?.byChannel as Array<{ key: string; count: number }> | undefined;
    const byCategory = st?.byCategory as Array<{ key: string; label?: string; count: number }> | undefined;
    if (byChannel && byCategory) {
      return {
        estimated: false,
        channel: byChannel.map((r) => ({ label: CHANNEL[r.key] ?? r.key, value: r.count })),
        category: byCategory.map((r) => ({ label: r.label ?? categoryPath(r.key), value: r.count })),
      };
    }
    const page = await t(s).cases({ from, to, limit: 200 });
    const ch = new Map<string, number>();
    const cat = new Map<string, number>();
    const top = (id: string | null | undefined) => {
      let c = categories().find((x) => x.id === id);
      for (let i = 0; c?.parentId && i < 6; i++) c = categories().find((x) => x.id === c!.parentId);
      return c?.name ?? '未分类';
    };
    for (const c of page.items) {
      ch.set(CHANNEL[c.channel] ?? c.channel, (ch.get(CHANNEL[c.channel] ?? c.channel) ?? 0) + 1);
      const name = top(c.categoryId as string | null);
      cat.set(name, (cat.get(name) ?? 0) + 1);
    }
    const sorted = (m: Map<string, number>): Datum[] =>
      [...m].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value);
    return { estimated: Boolean(page.nextCursor), channel: sorted(ch), category: sorted(cat).slice(0, 12) };
  });
  const [lights] = createData(slug, async (s) => {
    const [red, yellow] = await Promise.all([
      t(s).assignments({ light: 'red', limit: 200 }),
      t(s).assignments({ light: 'yellow', limit: 200 }),
    ]);
    const by = new Map<string, { red: number; yellow: number }>();
    for (const a of red.items)
      by.set(a.unitName, {
        red: (by.get(a.unitName)?.red ?? 0) + 1,
        yellow: by.get(a.unitName)?.yellow ?? 0,
      });
    for (const a of yellow.items)
      by.set(a.unitName, {
        red: by.get(a.unitName)?.red ?? 0,
        yellow: (by.get(a.unitName)?.yellow ?? 0) + 1,
      });
    return {
      capped: Boolean(red.nextCursor || yellow.nextCursor),
      rows: [...by].map(([unit, v]) => ({ unit, ...v })).sort((a, b) => b.red - a.red || b.yellow - a.yellow),
    };
  });
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
            <A href="/rankings" class="btn">
              考核排名
            </A>
            <A href="/bulletins" class="btn">
              工作通报
            </A>
          </>
        }
      >
        统计分析 · {period.range().label}
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
                  <th class="num">环比</th>
                  <th class="num">同比</th>
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
      <div class="grid grid-2">
        <div class="card">
          <h2>近 12 个月来件量</h2>
          <StatsError error={series.error} what="来件走势" />
          <Show when={series()} fallback={<Show when={!series.error}>{<Loading />}</Show>}>
            <BarChart title="近 12 个月来件与办结" data={series()!} legend={['来件', '办结']} />
          </Show>
        </div>
        <div class="card">
          <h2>当前亮灯（按单位）</h2>
          <Show when={lights()} fallback={<Loading />}>
            <Show when={lights()!.rows.length} fallback={<p class="muted">当前没有逾期或临期件。</p>}>
              <HBarChart
                title="各单位逾期件数"
                tone="red"
                data={lights()!
                  .rows.filter((r) => r.red)
                  .map((r) => ({ label: r.unit, value: r.red }))}
              />
              <table>
                <thead>
                  <tr>
                    <th>单位</th>
                    <th class="num">红灯</th>
                    <th class="num">黄灯</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={lights()!.rows.slice(0, 15)}>
                    {(r) => (
                      <tr>
                        <td>{r.unit}</td>
                        <td class="num">{r.red}</td>
                        <td class="num">{r.yellow}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <Show when={lights()!.capped}>
                <p class="hint">件数较多，仅统计前 200 件。</p>
              </Show>
            </Show>
          </Show>
        </div>
        <div class="card">
          <h2>按来源渠道</h2>
          <Show when={spots()} fallback={<Loading />}>
            <Show when={spots()!.channel.length} fallback={<p class="muted">{MSG.dashNoData}</p>}>
              <HBarChart title="按来源渠道的来件数" data={spots()!.channel} />
            </Show>
          </Show>
        </div>
        <div class="card">
          <h2>热点分类</h2>
          <Show when={spots()} fallback={<Loading />}>
            <Show when={spots()!.category.length} fallback={<p class="muted">{MSG.dashNoData}</p>}>
              <HBarChart title="按内容分类的来件数" data={spots()!.category} />
            </Show>
            <Show when={spots()!.estimated}>
              <p class="hint">本期来件较多，分类和渠道按最近 200 件估算。</p>
            </Show>
          </Show>
        </div>
      </div>
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
          <h2>各单位指标</h2>
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
                      <td>{u.unitName}</td>
                      <td>{UNIT_KIND[u.unitKind]}</td>
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
