// Dates, durations and rates as a Chinese clerk reads them. Times are shown in the tenant's zone
// (Asia/Shanghai unless the county says otherwise).
import { MSG } from '../i18n';

let zone = 'Asia/Shanghai';
export function setTimeZone(z: string) {
  zone = z;
}

const parts = (ms: number) => {
  const f = new Intl.DateTimeFormat('zh-CN', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const o: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) o[p.type] = p.value;
  return o;
};

export function dateTime(ms: number | null | undefined): string {
  if (ms == null) return '';
  const p = parts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * A deadline as the clerk writes it: the instant is 24:00 of its last day, shown as that day and
 * 24:00 ("2026-06-07 24:00"), not as 00:00 of the next day, which reads as one day more.
 */
export function deadline(ms: number | null | undefined): string {
  if (ms == null) return '';
  const p = parts(ms);
  if (p.hour !== '00' || p.minute !== '00') return dateTime(ms);
  return `${day(ms - 1)} 24:00`;
}

/** The instant a deadline on a local day ("2026-06-07") ends: 24:00 of that day in the tenant's zone. */
export function endOfDay(localDay: string): number {
  const [y, m, d] = localDay.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d + 1);
  // the zone's offset at that instant: its wall clock read as if it were UTC, minus the instant
  const p = parts(midnightUtc);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return midnightUtc - (wall - midnightUtc);
}

export function day(ms: number | null | undefined): string {
  if (ms == null) return '';
  const p = parts(ms);
  return `${p.year}-${p.month}-${p.day}`;
}

export function today(): string {
  return day(Date.now());
}

/** A deadline as "还剩 2 天 / 逾期 3 小时". Deadlines are instants (24:00 local of the last day). */
export function dueIn(dueAt: number | null | undefined, now = Date.now()): string {
  if (dueAt == null) return '';
  const d = dueAt - now;
  const abs = Math.abs(d);
  const h = Math.floor(abs / 3_600_000);
  const text =
    h >= 48
      ? `${Math.floor(h / 24)} 天`
      : h >= 1
        ? `${h} 小时`
        : `${Math.max(1, Math.floor(abs / 60_000))} 分钟`;
  return d >= 0 ? `还剩 ${text}` : `逾期 ${text}`;
}

export function num(x: number | null | undefined, digits = 0): string {
  if (x == null || Number.isNaN(x)) return MSG.rateNull;
  return digits ? x.toFixed(digits) : String(x);
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function monthOf(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The last complete month: what statistics, rankings and the bulletin are about by default. */
export function lastMonth(now = new Date()): string {
  return monthOf(new Date(now.getFullYear(), now.getMonth() - 1, 1));
}

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
