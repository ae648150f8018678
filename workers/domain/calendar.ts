// Local calendar days, working days (national schedule + 调休 + overrides) and the deadline instant
// of a day rule, for any IANA time zone.
//
// We read chinese-days' prebuilt table instead of calling its functions: the functions build their
// own table with local-time Date arithmetic at import, which shifts every holiday by one day on a
// machine whose TZ is west of UTC (getDayDetail('2026-02-14') answers for 02-13 in New York). The
// JSON is the same data, with no dependence on the host's time zone.
import holidayTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** A local calendar day, 'YYYY-MM-DD'. */
export type Day = string;
export type DayUnit = 'natural' | 'working';
export interface DayRule {
  days: number;
  unit: DayUnit;
}

export interface WorkCalendar {
  isWorkday(day: Day): boolean;
}

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const PACKAGE = holidayTable as unknown as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const PACKAGE_YEARS: ReadonlySet<number> = new Set(
  Object.keys(PACKAGE.holidays).map((d) => Number(d.slice(0, 4))),
);

// ---------------------------------------------------------------------------------------------
// Day strings. Internally a day is its index since 1970-01-01 so that arithmetic never touches a
// time zone.

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDay(day: string): boolean {
  const m = DAY_RE.exec(day);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === day;
}

function dayIndex(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  const t = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 02-30 into March; refuse it rather than silently move a deadline.
  if (new Date(t).getUTCDate() !== d) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return t / DAY_MS;
}

const dayStrings = new Map<number, string>();
function dayFromIndex(i: number): Day {
  let s = dayStrings.get(i);
  if (s === undefined) {
    s = new Date(i * DAY_MS).toISOString().slice(0, 10);
    if (dayStrings.size > 20_000) dayStrings.clear();
    dayStrings.set(i, s);
  }
  return s;
}

export function addDays(day: Day, n: number): Day {
  return dayFromIndex(dayIndex(day) + n);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function dayDiff(from: Day, to: Day): number {
  return dayIndex(to) - dayIndex(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  // 1970-01-01 was a Thursday.
  return (((dayIndex(day) + 4) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------
// Working days.

/**
 * A working-day calendar. `overrides` (day → is it a working day) win over the package, so the
 * platform admin can enter a year the package does not know yet (2027) and a tenant can add its own
 * closures. Merging platform and tenant overrides (tenant last) is the caller's job.
 */
export function createCalendar(overrides?: ReadonlyMap<string, boolean>): WorkCalendar {
  return {
    isWorkday(day: Day): boolean {
      const o = overrides?.get(day);
      if (o !== undefined) return o;
      if (PACKAGE.workdays[day] !== undefined) return true;
      if (PACKAGE.holidays[day] !== undefined) return false;
      const w = weekday(day);
      return w !== 0 && w !== 6;
    },
  };
}

/**
 * Whether a year's national holiday schedule is known: the package names holidays in it, or the
 * platform admin entered it (at least its Spring Festival or New Year and its National Day). Pass the national entries only: a county's own closure in that year
 * says nothing of New Year's Day or the Spring Festival. A year without a schedule is treated as
 * plain Monday–Friday, which is wrong for at least New Year's Day, so the console should warn.
 */
export function hasPublishedSchedule(year: number, national?: Iterable<string>): boolean {
  if (PACKAGE_YEARS.has(year)) return true;
  const months = enteredMonths(year, national);
  // every published schedule names New Year's Day and the Spring Festival (January–February) and
  // National Day (October): one day entered, 元旦 say, is a schedule begun, not one known
  return (months.has('01') || months.has('02')) && months.has('10');
}

/** Whether some national day of `year` was entered by hand (a schedule begun, maybe not finished). */
export function scheduleBegun(year: number, national?: Iterable<string>): boolean {
  return enteredMonths(year, national).size > 0;
}

function enteredMonths(year: number, national?: Iterable<string>): Set<string> {
  const prefix = `${String(year).padStart(4, '0')}-`;
  const months = new Set<string>();
  for (const day of national ?? []) if (day.startsWith(prefix)) months.add(day.slice(5, 7));
  return months;
}

/**
 * The years whose national schedule is not known yet, of this year (`today`'s) and the coming one,
 * this year first. This year's is the urgent one: from 1 January an unentered year computes every
 * working-day deadline with its Spring Festival as working days.
 */
export function missingScheduleYears(today: Day, national: Iterable<string>): number[] {
  const days = [...national];
  const year = Number(today.slice(0, 4));
  return [year, year + 1].filter((y) => !hasPublishedSchedule(y, days));
}

// A calendar where nothing is a working day (a bad override set) must not hang a request.
const MAX_SCAN_DAYS = 3 * 366;

/**
 * The n-th working day after `day` (n > 0), before it (n < 0), or `day` itself (n = 0). `day` is
 * never counted: the count starts the next day (次日起算).
 */
export function addWorkingDays(day: Day, n: number, cal: WorkCalendar): Day {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be whole: ${n}`);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let i = dayIndex(day);
  let scanned = 0;
  while (remaining > 0) {
    i += step;
    if (++scanned > MAX_SCAN_DAYS + Math.abs(n)) {
      throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${day}`);
    }
    if (cal.isWorkday(dayFromIndex(i))) remaining--;
  }
  return dayFromIndex(i);
}

/** Working days in (from, to]: 0 when `to` is not after `from`. */
export function workingDaysBetween(from: Day, to: Day, cal: WorkCalendar): number {
  let count = 0;
  for (let i = dayIndex(from) + 1, end = dayIndex(to); i <= end; i++) {
    if (cal.isWorkday(dayFromIndex(i))) count++;
  }
  return count;
}

/** Elapsed time in days (fractional), e.g. for 平均办理天数. */
export function elapsedDays(from: number, to: number): number {
  return (to - from) / DAY_MS;
}

// ---------------------------------------------------------------------------------------------
// Time zones. Intl is exact for any IANA zone but slow (~µs per format), and the statistics fold
// asks for the local day of every assignment, so offsets are cached per zone and UTC day: a day
// whose start, middle and end have the same offset is taken to have no transition inside it (true
// of every zone in tzdata since 1970: transitions are weeks apart). Other days are asked per hour,
// and an hour with a transition inside it is asked per instant.
interface Zone {
  fmt: Intl.DateTimeFormat;
  days: Map<number, number>;
  hours: Map<number, number>;
  starts: Map<string, number>;
}
const zones = new Map<string, Zone>();

function zone(tz: string): Zone {
  let z = zones.get(tz);
  if (!z) {
    z = {
      fmt: new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
      days: new Map(),
      hours: new Map(),
      starts: new Map(),
    };
    zones.set(tz, z);
  }
  return z;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    zone(tz);
    return true;
  } catch {
    return false;
  }
}

/** local wall clock − UTC, in ms, by asking Intl (exact to the second). */
function rawOffset(fmt: Intl.DateTimeFormat, instant: number): number {
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of fmt.formatToParts(instant)) {
    switch (p.type) {
      case 'year':
        y = Number(p.value);
        break;
      case 'month':
        mo = Number(p.value);
        break;
      case 'day':
        d = Number(p.value);
        break;
      case 'hour':
        h = Number(p.value) % 24;
        break;
      case 'minute':
        mi = Number(p.value);
        break;
      case 'second':
        s = Number(p.value);
        break;
    }
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The zone's offset from UTC at `instant`, in ms (Asia/Shanghai: +8 h). */
export function offsetAt(instant: number, tz: string): number {
  const z = zone(tz);
  const d = Math.floor(instant / DAY_MS);
  const byDay = z.days.get(d);
  if (byDay !== undefined) return byDay;
  const h = Math.floor(instant / HOUR_MS);
  const byHour = z.hours.get(h);
  if (byHour !== undefined) return byHour;
  const a = rawOffset(z.fmt, d * DAY_MS);
  const b = rawOffset(z.fmt, d * DAY_MS + DAY_MS / 2);
  const c = rawOffset(z.fmt, d * DAY_MS + DAY_MS - 1);
  if (a === b && b === c) {
    if (z.days.size > 50_000) z.days.clear();
    z.days.set(d, a);
    return a;
  }
  const ha = rawOffset(z.fmt, h * HOUR_MS);
  const hb = rawOffset(z.fmt, h * HOUR_MS + HOUR_MS - 1);
  if (ha !== hb) return rawOffset(z.fmt, instant);
  if (z.hours.size > 50_000) z.hours.clear();
  z.hours.set(h, ha);
  return ha;
}

function localDayIndex(instant: number, tz: string): number {
  return Math.floor((instant + offsetAt(instant, tz)) / DAY_MS);
}

/**
 * 'YYYY-MM-DD HH:mm' (or with ':ss') of instants in the tenant's zone, for exports: one formatter
 * built per export, not per row.
 */
export function localTimeFormat(
  tz: string,
  opts: { seconds?: boolean } = {},
): (instant: number | null | undefined) => string {
  const f = new Intl.DateTimeFormat('zh-CN', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(opts.seconds ? { second: '2-digit' as const } : {}),
    hour12: false,
  });
  return (instant) => (instant == null ? '' : f.format(instant).replace(/\//g, '-'));
}

/**
 * A deadline as people read it: one ending at local midnight is 24:00 of its last day
 * (2026-12-20 24:00), not 00:00 of the next, which reads as a day more; any other time as it is.
 */
export function localDeadlineFormat(tz: string): (instant: number | null | undefined) => string {
  const time = localTimeFormat(tz);
  return (instant) => {
    if (instant == null) return '';
    const at = time(instant);
    return at.endsWith(' 00:00') ? `${time(instant - 1).slice(0, 10)} 24:00` : at;
  };
}

/** The local calendar day of an instant in the tenant's zone. */
export function localDay(instant: number, tz: string): Day {
  return dayFromIndex(localDayIndex(instant, tz));
}

/**
 * The instant the local day begins. Where a DST change skips local midnight the day begins at the
 * transition; where midnight happens twice, at the first one.
 */
export function startOfDay(day: Day, tz: string): number {
  const z = zone(tz);
  const cached = z.starts.get(day);
  if (cached !== undefined) return cached;
  const idx = dayIndex(day);
  const wall = idx * DAY_MS;
  const before = offsetAt(wall - DAY_MS, tz);
  const after = offsetAt(wall + DAY_MS, tz);
  let start: number;
  if (before === after) {
    start = wall - before;
  } else {
    const valid = [wall - before, wall - after].filter(
      (t, k) => offsetAt(t, tz) === (k === 0 ? before : after),
    );
    if (valid.length > 0) {
      start = Math.min(...valid);
    } else {
      // Midnight was skipped: find the first instant whose local day is this day (or later, when
      // the whole day was skipped, as in Samoa on 2011-12-30).
      let lo = Math.min(wall - before, wall - after);
      let hi = Math.max(wall - before, wall - after);
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (localDayIndex(mid, tz) >= idx) hi = mid;
        else lo = mid + 1;
      }
      start = lo;
    }
  }
  if (z.starts.size > 20_000) z.starts.clear();
  z.starts.set(day, start);
  return start;
}

/** 24:00 local of `day`, i.e. the start of the next day: the instant a deadline on `day` ends. */
export function endOfDay(day: Day, tz: string): number {
  return startOfDay(addDays(day, 1), tz);
}

/** The last local day a rule allows, counting from the day after `fromDay` (次日起算). */
export function lastDay(fromDay: Day, rule: DayRule, cal: WorkCalendar): Day {
  if (!Number.isInteger(rule.days) || rule.days < 0) throw new RangeError(`bad day rule: ${rule.days}`);
  if (rule.days === 0) return fromDay;
  return rule.unit === 'working' ? addWorkingDays(fromDay, rule.days, cal) : addDays(fromDay, rule.days);
}

/**
 * The deadline of a day rule started at `from`: 24:00 local of its last day. Counting starts the
 * day after the local day of `from`; 0 days means the end of that same day. Something done at
 * `at` is in time when `at < dueAt` (23:59:59.999 is in time, 00:00:00 the next day is late).
 * Natural-day deadlines are not moved off weekends or holidays; use a working-day rule for that.
 */
export function dueAt(from: number, rule: DayRule, tz: string, cal: WorkCalendar): number {
  return endOfDay(lastDay(localDay(from, tz), rule, cal), tz);
}
