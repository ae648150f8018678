// Shared bits of the statistics pages: the period picker, figure labels and change formatting, and
// the message shown when a statistics endpoint is not there yet (404).
import { createSignal, For, type JSX, Show } from 'solid-js';
import { MSG } from '../i18n';
import { ApiError, errorText } from '../lib/api';
import { lastMonth } from '../lib/format';
import { query, setQuery } from '../lib/router';
import { Field, Notice } from '../components/ui';
import { CASE_KIND_LABEL, kindChoices, type PeriodKind, pickedPeriod } from './stats-period';

export { CASE_KIND_LABEL, changeText, type PeriodKind, RATE_KEYS } from './stats-period';

export const FIGURE_LABEL: Record<string, string> = {
  received: '受理件数',
  closed: '办结数',
  completionRate: '办结率',
  timelyAcceptanceRate: '及时受理率',
  onTimeReplyRate: '按期答复率',
  toBeRated: '应评',
  rated: '已评',
  unratedOverdue: '超期未评',
  participationRate: '参评率',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  unsatisfied: '不满意',
  satisfactionRate: '满意率',
  bureauSatisfactionRate: '信访部门满意率',
  oneTimeResolutionRate: '一次性化解率',
  repeatRate: '重复率',
  avgDays: '平均办理天数',
  returned: '退件',
  overdue: '逾期',
};

export function is404(e: unknown) {
  return e instanceof ApiError && e.status === 404;
}

/** Either the clear "not available yet" message for a 404, or the error. */
export function StatsError(props: { error: unknown; what?: string }) {
  return (
    <Show when={props.error}>
      <Notice kind={is404(props.error) ? 'info' : 'error'}>
        {is404(props.error)
          ? `${props.what ? `${props.what}：` : ''}${MSG.notAvailable}`
          : errorText(props.error)}
      </Notice>
    </Show>
  );
}

/**
 * The period in the URL (?period=month|quarter|ytd|year|range with ?month=YYYY-MM, or ?from&to; the
 * last complete month by default), with a picker. `query()` is what the statistics endpoints take:
 * month=, quarter=, year= or ytd= for those picks, so that 环比 is against the previous month or
 * quarter; from/to only for a range picked by hand. The kind of case (?kind=, 类型: 全部 / 信访事项
 * / 网上问政 / 12345工单) goes with it; `kinds` are those the county has had (the statistics
 * answer's `kinds`), the only ones offered once known.
 */
export function usePeriod(opts: { kinds?: () => readonly string[] | undefined } = {}) {
  const caseKind = () => {
    const k = query().get('kind') ?? '';
    return k in CASE_KIND_LABEL ? k : '';
  };
  const [kind, setKind] = createSignal<PeriodKind>((query().get('period') as PeriodKind) || 'month');
  const month = () => query().get('month') || lastMonth();
  const picked = () => pickedPeriod(kind(), month(), query().get('from'), query().get('to'));
  const range = (): { from: string; to: string; label: string } => {
    const p = picked();
    return { from: p.from, to: p.to, label: p.label };
  };
  const picker = (): JSX.Element => (
    <form class="inline-form no-print" onSubmit={(e) => e.preventDefault()}>
      <Field label="统计期间">
        <select
          value={kind()}
          onChange={(e) => {
            setKind(e.currentTarget.value as PeriodKind);
            setQuery({ period: e.currentTarget.value });
          }}
        >
          <option value="month">月度</option>
          <option value="quarter">季度</option>
          <option value="ytd">年初至今</option>
          <option value="year">年度</option>
          <option value="range">自定义</option>
        </select>
      </Field>
      <Show
        when={kind() === 'range'}
        fallback={
          <Field label="月份">
            <input
              type="month"
              value={month()}
              onChange={(e) => setQuery({ month: e.currentTarget.value })}
            />
          </Field>
        }
      >
        <Field label="从">
          <input
            type="date"
            value={range().from}
            onChange={(e) => setQuery({ from: e.currentTarget.value })}
          />
        </Field>
        <Field label="至">
          <input type="date" value={range().to} onChange={(e) => setQuery({ to: e.currentTarget.value })} />
        </Field>
      </Show>
      <Field label="类型">
        <select value={caseKind()} onChange={(e) => setQuery({ kind: e.currentTarget.value || null })}>
          <option value="">全部</option>
          <For each={kindChoices(opts.kinds?.(), caseKind())}>
            {(k) => <option value={k}>{CASE_KIND_LABEL[k]}</option>}
          </For>
        </select>
      </Field>
    </form>
  );
  const withKind = (): Record<string, string> =>
    caseKind() ? { ...picked().query, kind: caseKind() } : picked().query;
  return { kind, caseKind, month, range, query: withKind, picker };
}

/** Looks for a block of changes (环比/同比) in a compare answer, whatever it is called there. */
export function findChanges(answer: unknown, which: 'mom' | 'yoy'): Record<string, unknown> | null {
  const names = which === 'mom' ? ['mom', 'monthOnMonth'] : ['yoy', 'yearOnYear'];
  // Blocks that hold the other period's figures may carry its change inside ({figures, change}).
  const holders =
    which === 'mom' ? ['previous', 'previousPeriod', 'prev'] : ['lastYear', 'sameMonthLastYear'];
  const seen = new Set<unknown>();
  const walk = (o: unknown, depth: number): Record<string, unknown> | null => {
    if (!o || typeof o !== 'object' || depth > 3 || seen.has(o)) return null;
    seen.add(o);
    const rec = o as Record<string, unknown>;
    for (const n of [...names, ...holders]) {
      const v = rec[n];
      if (v && typeof v === 'object') {
        const x = v as Record<string, unknown>;
        if (names.includes(n) && 'received' in x && (typeof x.received === 'number' || x.received === null))
          return x;
        for (const k of ['change', 'changes', 'delta']) {
          const y = x[k] as Record<string, unknown> | undefined;
          if (y && typeof y === 'object' && 'received' in y) return y;
        }
      }
    }
    for (const k of ['tenant', 'changes', 'change', 'compare']) {
      const r = walk(rec[k], depth + 1);
      if (r) return r;
    }
    return null;
  };
  return walk(answer, 0);
}
