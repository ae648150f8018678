// The console's month arithmetic: the default period of statistics, rankings and the bulletin.
import { describe, expect, it } from 'vitest';
import { deadline, endOfDay, lastMonth, monthRange, setTimeZone } from '../../web/src/lib/format';

describe('console months', () => {
  it('the last complete month, across a year end and from the last day of a long month', () => {
    expect(lastMonth(new Date(2026, 11, 6, 8))).toBe('2026-11');
    expect(lastMonth(new Date(2027, 0, 1, 0, 5))).toBe('2026-12');
    expect(lastMonth(new Date(2026, 2, 31, 23))).toBe('2026-02');
  });

  it('a month as a date range, leap February included', () => {
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('console deadlines', () => {
  it('a deadline is 24:00 of its last day, shown on that day, not as 00:00 of the next', () => {
    setTimeZone('Asia/Shanghai');
    const end = Date.UTC(2026, 5, 7, 16); // 2026-06-08 00:00 in Shanghai
    expect(deadline(end)).toBe('2026-06-07 24:00');
    // a deadline set to another hour (a transferred case's own) is shown as it is
    expect(deadline(end + 9.5 * 3_600_000)).toBe('2026-06-08 09:30');
    expect(deadline(null)).toBe('');
  });

  it('a date picked for a deadline ends at 24:00 of that day in the county zone', () => {
    setTimeZone('Asia/Shanghai');
    expect(endOfDay('2026-06-07')).toBe(Date.UTC(2026, 5, 7, 16));
    expect(endOfDay('2026-12-31')).toBe(Date.UTC(2026, 11, 31, 16));
    expect(deadline(endOfDay('2026-06-07'))).toBe('2026-06-07 24:00');
    setTimeZone('Asia/Urumqi'); // UTC+6
    expect(endOfDay('2026-06-07')).toBe(Date.UTC(2026, 5, 7, 18));
    setTimeZone('Asia/Shanghai');
  });
});
