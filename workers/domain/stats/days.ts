// Arithmetic on local calendar days ('YYYY-MM-DD'), free of any time zone: a day is read as a UTC
// date only to count the days between two of them.
const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(day: string): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Natural days from `a` to `b` (0 when the same day). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

export function addDays(day: string, n: number): string {
  return dayFromNumber(dayNumber(day) + n);
}

/** The last day of a month, 1-based month. */
export function lastDayOfMonth(year: number, month: number): string {
  return dayFromNumber(Date.UTC(year, month, 1) / DAY_MS - 1);
}

export function inDays(day: string, from: string, to: string): boolean {
  return day >= from && day <= to;
}
