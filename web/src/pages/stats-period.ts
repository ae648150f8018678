// The period the statistics pages ask for, and how a change over time is written. Pure (no Solid),
// so the unit tests read it as it is.
//
// A month, quarter, year or year-to-date picked in the console goes to the API as such (month=,
// quarter=, year=, ytd=): the API compares a month with the month before and a quarter with the
// quarter before (环比), and each with the same period a year earlier (同比). A from/to range is
// compared with the same number of days just before it, which for a month or a quarter is the wrong
// period (November, 30 days, against 2–31 October; the third quarter against 31 March–30 June).
import { RATE_KEYS as FIGURE_RATE_KEYS } from '../../../workers/domain/stats/figures';
import { formatChangeShort } from '../../../workers/domain/stats/format';
import { MSG } from '../i18n';
import { monthRange } from '../lib/format';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'ytd' | 'range';

export interface PickedPeriod {
  /** the query the statistics endpoints take */
  query: Record<string, string>;
  from: string;
  to: string;
  label: string;
}

/** The period picked: a kind, the month it is anchored on, and for a range its own days. */
export function pickedPeriod(
  kind: PeriodKind,
  month: string,
  from?: string | null,
  to?: string | null,
): PickedPeriod {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (kind === 'range') {
    const f = from || monthRange(month).from;
    const t = to || monthRange(month).to;
    return { query: { from: f, to: t }, from: f, to: t, label: `${f} 至 ${t}` };
  }
  if (kind === 'year')
    return { query: { year: String(y) }, from: `${y}-01-01`, to: `${y}-12-31`, label: `${y} 年` };
  if (kind === 'ytd')
    return {
      query: { ytd: month },
      from: `${y}-01-01`,
      to: monthRange(month).to,
      label: m === 1 ? `${y} 年 1 月` : `${y} 年 1–${m} 月`,
    };
  if (kind === 'quarter') {
    const q = Math.floor((m - 1) / 3) + 1;
    const first = `${y}-${String(q * 3 - 2).padStart(2, '0')}`;
    const last = `${y}-${String(q * 3).padStart(2, '0')}`;
    return {
      query: { quarter: `${y}-Q${q}` },
      from: monthRange(first).from,
      to: monthRange(last).to,
      label: `${y} 年第 ${q} 季度`,
    };
  }
  return { query: { month }, ...monthRange(month), label: `${y} 年 ${m} 月` };
}

/** Rates whose change is in percentage points. */
export const RATE_KEYS: ReadonlySet<string> = new Set<string>(FIGURE_RATE_KEYS);

/**
 * A change as the bulletin's tables write it (formatChangeShort, the same rule): counts relative
 * ('-14.3%'), rates in percentage points ('+1.2个百分点'), days in days; '持平' when it rounds to
 * nothing (never '−0.0'); null '—'.
 */
export function changeText(key: string, v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return MSG.rateNull;
  return formatChangeShort(v, RATE_KEYS.has(key) ? 'rate' : key === 'avgDays' ? 'days' : 'count', 1);
}

/** The kinds of case the statistics can be read for (?kind=), as the console names them. */
export const CASE_KIND_LABEL: Readonly<Record<string, string>> = {
  petition: '信访事项',
  inquiry: '网上问政',
  hotline: '12345工单',
};

/**
 * The kinds the 类型 picker offers after 全部: those the county has ever had (`present`, from the
 * statistics answer; every kind while it is not known), and the one picked even if it has none.
 */
export function kindChoices(present: readonly string[] | undefined, picked: string): string[] {
  const all = Object.keys(CASE_KIND_LABEL);
  if (!present) return all;
  return all.filter((k) => present.includes(k) || k === picked);
}
