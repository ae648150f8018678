import { describe, expect, it } from 'vitest';
import {
  change,
  changeOf,
  periodOf,
  previousMonth,
  previousPeriod,
  sameMonthLastYear,
} from '../../workers/domain/stats/compare';
import { deriveFigures, emptyCounts, type FigureCounts } from '../../workers/domain/stats/figures';
import { formatChange, formatChangeShort, formatRate } from '../../workers/domain/stats/format';

const figures = (c: Partial<FigureCounts>) => deriveFigures({ ...emptyCounts(), ...c });

describe('month-on-month and year-on-year (环比, 同比)', () => {
  it('June 139 → July 109 is a fall of 21.6% (30/139), not the 27.5% once printed (30/109)', () => {
    const ch = change(figures({ received: 109 }), figures({ received: 139 }));
    expect(ch.received).toBeCloseTo(-30 / 139, 12);
    expect(ch.received).toBeCloseTo(-0.2158, 4);
    expect(formatChange(ch.received, 'count')).toBe('下降21.6%');
    expect(formatChangeShort(ch.received, 'count')).toBe('-21.6%');
  });

  it('a rise: 602 from 614 last year is a fall of 2.0%; 2577 from 2575 a rise of 0.1%', () => {
    expect(formatChange(changeOf('count', 602, 614), 'count')).toBe('下降2.0%');
    expect(formatChange(changeOf('count', 2577, 2575), 'count')).toBe('上升0.1%');
    expect(formatChange(changeOf('count', 257, 180), 'count')).toBe('上升42.8%');
  });

  it('a count with nothing the period before has no relative change', () => {
    expect(change(figures({ received: 5 }), figures({ received: 0 })).received).toBeNull();
    expect(formatChange(null, 'count')).toBe('—');
  });

  it('rates change in percentage points, null when either side is null', () => {
    const now = figures({ rated: 20, satisfied: 18, basicallySatisfied: 1 }); // 95%
    const before = figures({ rated: 10, satisfied: 9 }); // 90%
    const ch = change(now, before);
    expect(ch.satisfactionRate).toBeCloseTo(0.05, 12);
    expect(formatChange(ch.satisfactionRate, 'rate')).toBe('上升5.0个百分点');
    expect(change(now, figures({})).satisfactionRate).toBeNull();
  });

  it('average days change in days', () => {
    const ch = change(
      figures({ closedInPeriod: 2, closedDaysSum: 7 }), // 3.5
      figures({ closedInPeriod: 1, closedDaysSum: 4 }), // 4.0
    );
    expect(ch.avgDays).toBe(-0.5);
    expect(formatChange(ch.avgDays, 'days')).toBe('缩短0.5天');
  });

  it('unchanged is 持平', () => {
    expect(formatChange(changeOf('count', 12, 12), 'count')).toBe('持平');
  });

  it('a table cell whose change rounds to nothing reads 持平 too, never 0.0个百分点 or -0.0%', () => {
    expect(formatChangeShort(changeOf('count', 12, 12), 'count')).toBe('持平');
    expect(formatChangeShort(-0.0004, 'rate')).toBe('持平');
    expect(formatChangeShort(0.0004, 'count')).toBe('持平');
    expect(formatChangeShort(-0.04, 'days')).toBe('持平');
    // at two decimals 0.04 points is a change
    expect(formatChangeShort(-0.0004, 'rate', 2)).toBe('-0.04个百分点');
    expect(formatChangeShort(0.0005, 'rate')).toBe('+0.1个百分点');
  });
});

describe('report periods', () => {
  it('a month', () => {
    expect(periodOf({ month: '2026-07' })).toEqual({
      kind: 'month',
      key: '2026-07',
      from: '2026-07-01',
      to: '2026-07-31',
      label: '2026年7月',
    });
    expect(periodOf({ month: '2028-02' }).to).toBe('2028-02-29');
  });

  it('quarter, half-year, year, year to date, free range', () => {
    expect(periodOf({ quarter: '2026-Q3' })).toMatchObject({
      from: '2026-07-01',
      to: '2026-09-30',
      label: '2026年第三季度',
    });
    expect(periodOf({ half: '2020-H1' })).toMatchObject({
      from: '2020-01-01',
      to: '2020-06-30',
      label: '2020年上半年',
    });
    expect(periodOf({ year: 2026 })).toMatchObject({ from: '2026-01-01', to: '2026-12-31', label: '2026年' });
    expect(periodOf({ ytd: '2020-06' })).toMatchObject({
      from: '2020-01-01',
      to: '2020-06-30',
      label: '2020年1-6月',
    });
    expect(periodOf({ ytd: '2021-10-13' })).toMatchObject({
      to: '2021-10-13',
      label: '2021年1月1日至10月13日',
    });
    expect(periodOf({ from: '2025-12-15', to: '2026-01-14' }).label).toBe('2025年12月15日至2026年1月14日');
  });

  it('refuses malformed or empty periods', () => {
    expect(() => periodOf({ month: '2026-13' })).toThrow(RangeError);
    expect(() => periodOf({ from: '2026-02-30', to: '2026-03-01' })).toThrow(RangeError);
    expect(() => periodOf({ from: '2026-03-02', to: '2026-03-01' })).toThrow(RangeError);
    expect(() => periodOf({})).toThrow(RangeError);
  });

  it('the previous month crosses the year; the same month last year is a year back', () => {
    expect(previousMonth(periodOf({ month: '2026-01' })).key).toBe('2025-12');
    expect(previousMonth(periodOf({ month: '2020-07' })).label).toBe('2020年6月');
    expect(sameMonthLastYear(periodOf({ month: '2026-07' })).label).toBe('2025年7月');
    expect(sameMonthLastYear(periodOf({ ytd: '2020-06' })).label).toBe('2019年1-6月');
    expect(sameMonthLastYear(periodOf({ quarter: '2026-Q1' })).key).toBe('2025-Q1');
    expect(sameMonthLastYear(periodOf({ from: '2028-02-01', to: '2028-02-29' })).to).toBe('2027-02-28');
    expect(sameMonthLastYear(periodOf({ from: '2027-02-01', to: '2027-02-28' })).to).toBe('2026-02-28');
  });

  it('the previous period has the same kind, or the same length for a range', () => {
    expect(previousPeriod(periodOf({ quarter: '2026-Q1' })).key).toBe('2025-Q4');
    expect(previousPeriod(periodOf({ half: '2026-H2' })).key).toBe('2026-H1');
    expect(previousPeriod(periodOf({ from: '2026-07-11', to: '2026-07-20' }))).toMatchObject({
      from: '2026-07-01',
      to: '2026-07-10',
    });
  });
});

describe('formatRate', () => {
  it('writes one decimal and a dash for null', () => {
    expect(formatRate(0.965)).toBe('96.5%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(null)).toBe('—');
    expect(formatRate(0.7839, 2)).toBe('78.39%');
  });

  it('rounds half up, also for binary fractions', () => {
    expect(formatRate(0.1235, 2)).toBe('12.35%');
    expect(formatRate(0.12345, 2)).toBe('12.35%');
    expect(formatRate(1 / 16)).toBe('6.3%');
  });

  it('never prints a rate under 100% as 100%, nor one above 0% as 0%', () => {
    expect(formatRate(2999 / 3000)).toBe('99.9%');
    expect(formatRate(1 / 5000)).toBe('0.1%');
  });
});
