// The console asks for the period the user picked (month=, quarter=, year=, ytd=), so that the API
// compares a month with the month before and a quarter with the quarter before; and it writes a
// change the way the bulletin's tables do.
import { describe, expect, it } from 'vitest';
import { changeText, pickedPeriod } from '../../web/src/pages/stats-period';

describe('the period the statistics pages ask for', () => {
  it('a month is asked for as month=, not as its days (which 环比 would compare with 2–31 October)', () => {
    expect(pickedPeriod('month', '2026-11')).toEqual({
      query: { month: '2026-11' },
      from: '2026-11-01',
      to: '2026-11-30',
      label: '2026 年 11 月',
    });
  });

  it('a quarter as quarter= (环比 against Q2, not 31 March–30 June), a year as year=, to date as ytd=', () => {
    expect(pickedPeriod('quarter', '2026-08')).toMatchObject({
      query: { quarter: '2026-Q3' },
      from: '2026-07-01',
      to: '2026-09-30',
      label: '2026 年第 3 季度',
    });
    expect(pickedPeriod('year', '2026-08').query).toEqual({ year: '2026' });
    expect(pickedPeriod('ytd', '2026-08')).toMatchObject({
      query: { ytd: '2026-08' },
      from: '2026-01-01',
      to: '2026-08-31',
      label: '2026 年 1–8 月',
    });
    expect(pickedPeriod('ytd', '2026-01').label).toBe('2026 年 1 月');
  });

  it('only a range picked by hand goes as from/to', () => {
    expect(pickedPeriod('range', '2026-08', '2026-08-03', '2026-08-20').query).toEqual({
      from: '2026-08-03',
      to: '2026-08-20',
    });
    expect(pickedPeriod('range', '2026-02', null, null).query).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });
});

describe('a change over time', () => {
  it('215 against 251 reads -14.3%, with the minus the bulletin prints', () => {
    expect(changeText('received', (215 - 251) / 251)).toBe('-14.3%');
    expect(changeText('received', 30 / 139)).toBe('+21.6%');
  });

  it('a change that rounds to nothing reads 持平, never −0.0', () => {
    expect(changeText('satisfactionRate', -0.0004)).toBe('持平');
    expect(changeText('satisfactionRate', 0)).toBe('持平');
    expect(changeText('received', 0.0004)).toBe('持平');
    expect(changeText('avgDays', -0.04)).toBe('持平');
  });

  it('rates move in percentage points, days in days; nothing to compare with is —', () => {
    expect(changeText('satisfactionRate', 0.012)).toBe('+1.2个百分点');
    expect(changeText('avgDays', -0.5)).toBe('-0.5天');
    expect(changeText('received', null)).toBe('—');
  });
});
