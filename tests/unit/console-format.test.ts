// The console's month arithmetic: the default period of statistics, rankings and the bulletin.
import { describe, expect, it } from 'vitest';
import { lastMonth, monthRange } from '../../web/src/lib/format';

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
