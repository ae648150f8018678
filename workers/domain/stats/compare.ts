// Report periods (month, quarter, half-year, year, year-to-date, any range) with their Chinese labels,
// and change over time: 环比 (against the previous period) and 同比 (against the same period a year
// earlier). Counts change relatively, (current − previous) / previous; rates by the difference in
// percentage points (returned as a fraction: 0.012 = 1.2 points); average days by the difference in
// days. June 139 → July 109 is −30/139 = −21.6%, not −30/109.
import { addDays, dayNumber, lastDayOfMonth } from './days';
import { FIGURE_KEYS, FIGURE_KINDS, type FigureKey, type Figures } from './figures';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'ytd' | 'range';

export interface Period {
  kind: PeriodKind;
  /** '2026-07', '2026-Q3', '2026-H1', '2026', 'ytd:2026-07' or 'ytd:2026-07-15', '2026-07-01~2026-07-20' */
  key: string;
  /** first local day, inclusive */
  from: string;
  /** last local day, inclusive */
  to: string;
  /** e.g. '2026年7月', '2026年第三季度', '2026年上半年', '2026年1-7月' */
  label: string;
}

export interface PeriodSpec {
  /** 'YYYY-MM' */
  month?: string;
  /** 'YYYY-Q1' … 'YYYY-Q4' */
  quarter?: string;
  /** 'YYYY-H1' | 'YYYY-H2' */
  half?: string;
  year?: string | number;
  /** year to date: through the end of month 'YYYY-MM', or through day 'YYYY-MM-DD' */
  ytd?: string;
  from?: string;
  to?: string;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');

function parseDay(day: string): [number, number, number] {
  const n = dayNumber(day); // throws on a malformed day
  const back = new Date(n * 86_400_000).toISOString().slice(0, 10);
  if (back !== day) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function monthPeriod(y: number, m: number): Period {
  return {
    kind: 'month',
    key: `${y}-${pad(m)}`,
    from: `${y}-${pad(m)}-01`,
    to: lastDayOfMonth(y, m),
    label: `${y}年${m}月`,
  };
}

function rangeLabel(from: string, to: string): string {
  const [y1, m1, d1] = parseDay(from);
  const [y2, m2, d2] = parseDay(to);
  return y1 === y2 ? `${y1}年${m1}月${d1}日至${m2}月${d2}日` : `${y1}年${m1}月${d1}日至${y2}年${m2}月${d2}日`;
}

/** A report period from one of its spellings. Throws RangeError on a malformed or empty period. */
export function periodOf(spec: PeriodSpec): Period {
  if (spec.month !== undefined) {
    const m = /^(\d{4})-(\d{2})$/.exec(spec.month);
    const mm = m ? Number(m[2]) : 0;
    if (!m || mm < 1 || mm > 12) throw new RangeError(`not a month (YYYY-MM): ${spec.month}`);
    return monthPeriod(Number(m[1]), mm);
  }
  if (spec.quarter !== undefined) {
    const m = /^(\d{4})-?Q([1-4])$/i.exec(spec.quarter);
    if (!m) throw new RangeError(`not a quarter (YYYY-Q1…Q4): ${spec.quarter}`);
    const y = Number(m[1]);
    const q = Number(m[2]);
    return {
      kind: 'quarter',
      key: `${y}-Q${q}`,
      from: `${y}-${pad(q * 3 - 2)}-01`,
      to: lastDayOfMonth(y, q * 3),
      label: `${y}年第${QUARTER_NAMES[q - 1]}季度`,
    };
  }
  if (spec.half !== undefined) {
    const m = /^(\d{4})-?H([12])$/i.exec(spec.half);
    if (!m) throw new RangeError(`not a half-year (YYYY-H1|H2): ${spec.half}`);
    const y = Number(m[1]);
    const h = Number(m[2]);
    return {
      kind: 'half',
      key: `${y}-H${h}`,
      from: h === 1 ? `${y}-01-01` : `${y}-07-01`,
      to: h === 1 ? `${y}-06-30` : `${y}-12-31`,
      label: `${y}年${h === 1 ? '上' : '下'}半年`,
    };
  }
  if (spec.year !== undefined) {
    const y = Number(spec.year);
    if (!Number.isInteger(y) || y < 1000 || y > 9999) throw new RangeError(`not a year: ${spec.year}`);
    return { kind: 'year', key: String(y), from: `${y}-01-01`, to: `${y}-12-31`, label: `${y}年` };
  }
  if (spec.ytd !== undefined) {
    if (/^\d{4}-\d{2}$/.test(spec.ytd)) {
      const month = periodOf({ month: spec.ytd });
      const y = Number(spec.ytd.slice(0, 4));
      const m = Number(spec.ytd.slice(5, 7));
      return {
        kind: 'ytd',
        key: `ytd:${spec.ytd}`,
        from: `${y}-01-01`,
        to: month.to,
        label: m === 1 ? `${y}年1月` : `${y}年1-${m}月`,
      };
    }
    const [y] = parseDay(spec.ytd);
    return {
      kind: 'ytd',
      key: `ytd:${spec.ytd}`,
      from: `${y}-01-01`,
      to: spec.ytd,
      label: rangeLabel(`${y}-01-01`, spec.ytd),
    };
  }
  if (spec.from !== undefined && spec.to !== undefined) {
    parseDay(spec.from);
    parseDay(spec.to);
    if (spec.from > spec.to) throw new RangeError(`period ends before it starts: ${spec.from} > ${spec.to}`);
    return {
      kind: 'range',
      key: `${spec.from}~${spec.to}`,
      from: spec.from,
      to: spec.to,
      label: rangeLabel(spec.from, spec.to),
    };
  }
  throw new RangeError('a period needs month, quarter, half, year, ytd, or from and to');
}

/** The calendar month before the period's first month (环比 of a monthly report). */
export function previousMonth(period: Period): Period {
  const y = Number(period.from.slice(0, 4));
  const m = Number(period.from.slice(5, 7));
  return m === 1 ? monthPeriod(y - 1, 12) : monthPeriod(y, m - 1);
}

/**
 * The period 环比 compares with: the previous month, quarter, half or year; for a year-to-date or
 * a free range, the same number of days just before it.
 */
export function previousPeriod(period: Period): Period {
  const y = Number(period.from.slice(0, 4));
  const m = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case 'month':
      return previousMonth(period);
    case 'quarter': {
      const q = (m + 2) / 3;
      return periodOf({ quarter: q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}` });
    }
    case 'half':
      return periodOf({ half: m === 1 ? `${y - 1}-H2` : `${y}-H1` });
    case 'year':
      return periodOf({ year: y - 1 });
    default: {
      const length = dayNumber(period.to) - dayNumber(period.from) + 1;
      const to = addDays(period.from, -1);
      return periodOf({ from: addDays(to, 1 - length), to });
    }
  }
}

function dayLastYear(day: string): string {
  const y = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5);
  return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
}

/** The same period one year earlier (同比). */
export function sameMonthLastYear(period: Period): Period {
  const y = Number(period.from.slice(0, 4));
  switch (period.kind) {
    case 'month':
      return periodOf({ month: `${y - 1}-${period.from.slice(5, 7)}` });
    case 'quarter':
      return periodOf({ quarter: `${y - 1}${period.key.slice(4)}` });
    case 'half':
      return periodOf({ half: `${y - 1}${period.key.slice(4)}` });
    case 'year':
      return periodOf({ year: y - 1 });
    case 'ytd': {
      const spec = period.key.slice(4);
      return periodOf({ ytd: spec.length === 7 ? `${y - 1}${spec.slice(4)}` : dayLastYear(spec) });
    }
    default: {
      // a range ending on the last day of February ends on the last day of February a year earlier
      const toYear = Number(period.to.slice(0, 4));
      const to =
        period.to === lastDayOfMonth(toYear, 2) ? lastDayOfMonth(toYear - 1, 2) : dayLastYear(period.to);
      return periodOf({ from: dayLastYear(period.from), to });
    }
  }
}

export type Changes = Record<FigureKey, number | null>;

/** Change of one value: counts relative (null when previous is 0), rates in points, days in days. */
export function changeOf(
  kind: 'count' | 'rate' | 'days',
  current: number | null,
  previous: number | null,
): number | null {
  if (current === null || previous === null) return null;
  if (kind === 'count') return previous === 0 ? null : (current - previous) / previous;
  if (kind === 'days') return Math.round((current - previous) * 10) / 10;
  return current - previous;
}

/** The change of every figure from `previous` to `current`. */
export function change(current: Figures, previous: Figures): Changes {
  return Object.fromEntries(
    FIGURE_KEYS.map((k) => [k, changeOf(FIGURE_KINDS[k], current[k], previous[k])]),
  ) as Changes;
}
