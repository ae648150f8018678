import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  createCalendar,
  dayDiff,
  dueAt,
  endOfDay,
  hasPublishedSchedule,
  isValidDay,
  isValidTimeZone,
  localDay,
  localDeadlineFormat,
  missingScheduleYears,
  scheduleBegun,
  startOfDay,
  weekday,
  workingDaysBetween,
} from '../../workers/domain/calendar';

const SH = 'Asia/Shanghai';
const cal = createCalendar();
/** An instant given as Beijing wall-clock time. */
const bj = (day: string, time = '00:00:00') => Date.parse(`${day}T${time}+08:00`);

function daysIn(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('the 2026 national schedule (from chinese-days)', () => {
  it('Spring Festival 2026 is off from Sunday 02-15 to Monday 02-23, with Saturdays 02-14 and 02-28 worked', () => {
    for (const d of daysIn('2026-02-15', '2026-02-23')) expect(cal.isWorkday(d), d).toBe(false);
    expect(weekday('2026-02-14')).toBe(6);
    expect(weekday('2026-02-28')).toBe(6);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-02-13')).toBe(true);
    expect(cal.isWorkday('2026-02-24')).toBe(true);
    // an ordinary Saturday after the festival stays a rest day
    expect(cal.isWorkday('2026-03-07')).toBe(false);
  });

  it('National Day 2026 is off from 10-01 to 10-07, with Sunday 09-20 and Saturday 10-10 worked', () => {
    for (const d of daysIn('2026-10-01', '2026-10-07')) expect(cal.isWorkday(d), d).toBe(false);
    expect(weekday('2026-09-20')).toBe(0);
    expect(weekday('2026-10-10')).toBe(6);
    expect(cal.isWorkday('2026-09-20')).toBe(true);
    expect(cal.isWorkday('2026-10-10')).toBe(true);
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    // Mid-Autumn Festival, Friday 09-25, is a holiday of its own
    expect(cal.isWorkday('2026-09-25')).toBe(false);
  });

  it('counts 2026 as having 248 working days', () => {
    // 261 weekdays − 19 weekday holidays + 6 make-up days (01-04, 02-14, 02-28, 05-09, 09-20, 10-10)
    expect(workingDaysBetween('2025-12-31', '2026-12-31', cal)).toBe(248);
  });
});

describe('schedules entered by hand', () => {
  it('the package does not know 2027 yet and takes New Year 2027 for a working Friday', () => {
    expect(hasPublishedSchedule(2026)).toBe(true);
    expect(hasPublishedSchedule(2027)).toBe(false);
    expect(cal.isWorkday('2027-01-01')).toBe(true);
  });

  it('a 2027-01-01 holiday entered by the platform admin takes precedence over the package', () => {
    const overrides = new Map([
      ['2027-01-01', false],
      ['2027-01-02', false],
      ['2027-01-03', false],
    ]);
    const published = createCalendar(overrides);
    expect(published.isWorkday('2027-01-01')).toBe(false);
    // New Year alone is a schedule begun: the Spring Festival and National Day are still missing
    expect(hasPublishedSchedule(2027, overrides.keys())).toBe(false);
    expect(scheduleBegun(2027, overrides.keys())).toBe(true);
    expect(hasPublishedSchedule(2027, [...overrides.keys(), '2027-02-06', '2027-10-01'])).toBe(true);
    expect(hasPublishedSchedule(2027, [...overrides.keys(), '2027-10-01'])).toBe(true);
    expect(hasPublishedSchedule(2027, ['2027-10-01'])).toBe(false);
    expect(hasPublishedSchedule(2028, overrides.keys())).toBe(false);
    expect(scheduleBegun(2028, overrides.keys())).toBe(false);
    // a case received on the last day of 2026 with one working day to sign is due on Monday 01-04
    expect(addWorkingDays('2026-12-31', 1, published)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-31', 1, cal)).toBe('2027-01-01');
  });

  it('this year and the coming one are missing until the national schedule names their Spring Festival (or New Year) and National Day', () => {
    expect(missingScheduleYears('2026-03-02', [])).toEqual([2027]);
    expect(missingScheduleYears('2025-12-31', [])).toEqual([]);
    expect(missingScheduleYears('2026-03-02', ['2027-01-01'])).toEqual([2027]);
    expect(missingScheduleYears('2026-03-02', ['2027-01-01', '2027-02-06', '2027-10-01'])).toEqual([]);
    // once the year has begun without its schedule, it is this year's that is missing (first)
    expect(missingScheduleYears('2027-01-05', [])).toEqual([2027, 2028]);
    expect(missingScheduleYears('2027-01-05', ['2027-01-01', '2027-02-06', '2027-10-01'])).toEqual([2028]);
  });

  it('a tenant closure and a weekend worked by order override the package in 2026 too', () => {
    const tenant = createCalendar(
      new Map([
        ['2026-07-15', false],
        ['2026-02-15', true],
      ]),
    );
    expect(tenant.isWorkday('2026-07-15')).toBe(false);
    expect(tenant.isWorkday('2026-02-15')).toBe(true);
    expect(tenant.isWorkday('2026-02-16')).toBe(false);
  });

  it('a calendar with no working days at all fails instead of hanging', () => {
    const closed = { isWorkday: () => false };
    expect(() => addWorkingDays('2026-01-05', 1, closed)).toThrow(RangeError);
  });
});

describe('local days in the tenant time zone', () => {
  it('a case received at 23:59:59 Beijing time belongs to that day, one at 00:00:00 to the next', () => {
    expect(localDay(bj('2026-02-13', '23:59:59'), SH)).toBe('2026-02-13');
    expect(localDay(bj('2026-02-14', '00:00:00'), SH)).toBe('2026-02-14');
    // the same instants are still 02-13 in UTC, which is why the zone matters
    expect(new Date(bj('2026-02-14')).toISOString().slice(0, 10)).toBe('2026-02-13');
  });

  it('a Beijing day starts at 16:00 UTC the day before and ends 24 hours later', () => {
    expect(new Date(startOfDay('2026-02-14', SH)).toISOString()).toBe('2026-02-13T16:00:00.000Z');
    expect(endOfDay('2026-02-14', SH) - startOfDay('2026-02-14', SH)).toBe(86_400_000);
    expect(endOfDay('2026-02-14', SH)).toBe(startOfDay('2026-02-15', SH));
  });

  it('works in a zone with daylight saving time: 2026-03-08 has 23 hours in New York', () => {
    const ny = 'America/New_York';
    expect(endOfDay('2026-03-08', ny) - startOfDay('2026-03-08', ny)).toBe(23 * 3_600_000);
    expect(endOfDay('2026-11-01', ny) - startOfDay('2026-11-01', ny)).toBe(25 * 3_600_000);
  });

  it('starts a day at the transition when daylight saving time skips midnight (Santiago)', () => {
    const santiago = 'America/Santiago';
    const start = startOfDay('2026-09-06', santiago);
    expect(localDay(start, santiago)).toBe('2026-09-06');
    expect(localDay(start - 1, santiago)).toBe('2026-09-05');
  });

  it('keeps local days and day starts consistent in any zone (property)', () => {
    const zones = [
      'Asia/Shanghai',
      'Asia/Urumqi',
      'America/New_York',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (instant, tz) => {
          const day = localDay(instant, tz);
          const start = startOfDay(day, tz);
          const end = endOfDay(day, tz);
          return (
            start <= instant &&
            instant < end &&
            localDay(start - 1, tz) !== day &&
            localDay(end - 1, tz) === day
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  // Speed is the benches' to measure (every move computes deadlines: bench/intake.ts, demo-seed.ts),
  // not a timed test's on a shared 2-core machine; this checks the cached answers stay right.
  it('answers 100,000 local days through its caches as Intl does, and deadlines after them', () => {
    const base = Date.UTC(2026, 0, 1);
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: SH,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    for (let i = 0; i < 100_000; i++) {
      const at = base + i * 317_000;
      const day = localDay(at, SH);
      if (day !== intl.format(at)) expect(day, new Date(at).toISOString()).toBe(intl.format(at));
      if (i % 1000 === 0) expect(dueAt(at, { days: 5, unit: 'working' }, SH, cal)).toBeGreaterThan(at);
    }
  });

  it('knows real zones from made-up ones', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Asia/Beijing')).toBe(false);
  });
});

describe('day arithmetic', () => {
  it('adds and counts days across months and leap years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(dayDiff('2026-02-13', '2026-02-28')).toBe(15);
    expect(dayDiff('2026-02-28', '2026-02-13')).toBe(-15);
  });

  it('refuses days that do not exist rather than roll them over', () => {
    expect(isValidDay('2026-02-29')).toBe(false);
    expect(isValidDay('2026-2-1')).toBe(false);
    expect(isValidDay('2028-02-29')).toBe(true);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('counts working days forwards, backwards and not at all', () => {
    expect(addWorkingDays('2026-02-13', 1, cal)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1, cal)).toBe('2026-02-24');
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-09', 1, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-02-24', -1, cal)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-15', 0, cal)).toBe('2026-02-15');
    expect(workingDaysBetween('2026-02-13', '2026-02-28', cal)).toBe(6);
  });
});

describe('the deadline instant of a day rule (次日起算, ends 24:00 local)', () => {
  it('a case received on the Friday before Spring Festival with one working day to sign is due on the make-up Saturday', () => {
    const due = dueAt(bj('2026-02-13', '10:00:00'), { days: 1, unit: 'working' }, SH, cal);
    expect(due).toBe(bj('2026-02-15'));
  });

  it('a case received on that make-up Saturday with one working day to sign is due on the first working day after the festival', () => {
    const due = dueAt(bj('2026-02-14', '16:30:00'), { days: 1, unit: 'working' }, SH, cal);
    expect(due).toBe(bj('2026-02-25'));
  });

  it('natural days run through the holiday: 15 days from 02-13 end at 24:00 on 02-28', () => {
    expect(dueAt(bj('2026-02-13', '09:00:00'), { days: 15, unit: 'natural' }, SH, cal)).toBe(
      bj('2026-03-01'),
    );
  });

  it('a case received at 23:59:59 counts from the next day, one at 00:00:00 from the day after', () => {
    const rule = { days: 1, unit: 'natural' } as const;
    expect(dueAt(bj('2026-03-02', '23:59:59'), rule, SH, cal)).toBe(bj('2026-03-04'));
    expect(dueAt(bj('2026-03-03', '00:00:00'), rule, SH, cal)).toBe(bj('2026-03-05'));
  });

  it('zero days means by 24:00 of the same day', () => {
    expect(dueAt(bj('2026-02-15', '08:00:00'), { days: 0, unit: 'working' }, SH, cal)).toBe(bj('2026-02-16'));
    expect(dueAt(bj('2026-03-02', '23:59:59'), { days: 0, unit: 'natural' }, SH, cal)).toBe(bj('2026-03-03'));
  });

  it('a tenant on Xinjiang time ends its deadlines at 24:00 Urumqi time', () => {
    const due = dueAt(
      Date.parse('2026-03-02T10:00:00+06:00'),
      { days: 1, unit: 'natural' },
      'Asia/Urumqi',
      cal,
    );
    expect(new Date(due).toISOString()).toBe('2026-03-03T18:00:00.000Z');
  });
});

describe('a deadline as people read it', () => {
  it('ends at 24:00 of its last day, not 00:00 of the next; another time stays as it is', () => {
    const deadline = localDeadlineFormat('Asia/Shanghai');
    expect(deadline(Date.UTC(2026, 11, 20, 16, 0))).toBe('2026-12-20 24:00');
    expect(deadline(Date.UTC(2026, 11, 31, 16, 0))).toBe('2026-12-31 24:00');
    expect(deadline(Date.UTC(2026, 11, 20, 9, 0))).toBe('2026-12-20 17:00');
    expect(deadline(null)).toBe('');
    expect(localDeadlineFormat('Asia/Urumqi')(Date.UTC(2026, 11, 20, 18, 0))).toBe('2026-12-20 24:00');
  });
});
