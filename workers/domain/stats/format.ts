// How figures are written in Chinese documents and tables: one place, used by the bulletin, the
// console and the exports.
//
// Rule: a rate below 100% is never printed as 100%, and a rate above 0% never as 0% (a unit with one
// late case must not read "100.0%" in a list of units below target); otherwise half up.

/** Rounding half away from zero, robust to binary fractions (0.1235 → 0.124 at 3 digits). */
export function roundHalfUp(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Math.abs(x) * f;
  const rounded = Math.round(scaled + 1e-9 * Math.max(1, scaled)) / f;
  return x < 0 ? -rounded : rounded;
}

/** The percentage a rate is printed as (0.965 → 96.5), by the rule above; null for no rate. */
export function printedPercent(rate: number | null | undefined, digits = 1): number | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null;
  const step = 10 ** -digits;
  const pct = roundHalfUp(rate * 100, digits);
  if (pct >= 100 && rate < 1) return roundHalfUp(100 - step, digits);
  if (pct <= 0 && rate > 0) return step;
  return pct;
}

/** '96.5%' for 0.965; '—' for null (denominator 0). */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  const pct = printedPercent(rate, digits);
  return pct === null ? '—' : `${pct.toFixed(digits)}%`;
}

/** A number of days with one decimal, '—' for null. */
export function formatDays(days: number | null | undefined): string {
  return days === null || days === undefined ? '—' : roundHalfUp(days, 1).toFixed(1);
}

/**
 * The one rule of how much a change is, as printed: counts and rates as percent (points) to `digits`
 * decimals, days to one decimal. A change that rounds to 0 is no change (持平), never '0.0' or '-0.0'.
 */
function changeSize(value: number, kind: 'count' | 'rate' | 'days', digits: number) {
  const places = kind === 'days' ? 1 : digits;
  const size = roundHalfUp(Math.abs(value) * (kind === 'days' ? 1 : 100), places);
  return { size, text: size.toFixed(places) };
}

/**
 * A change in words, as bulletins write it: '下降21.6%', '上升1.2个百分点', '缩短0.5天', '持平';
 * null (no base to compare with) as '—'.
 */
export function formatChange(
  value: number | null | undefined,
  kind: 'count' | 'rate' | 'days',
  digits = 1,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const { size, text } = changeSize(value, kind, digits);
  if (size === 0) return '持平';
  if (kind === 'days') return `${value < 0 ? '缩短' : '延长'}${text}天`;
  const unit = kind === 'rate' ? '个百分点' : '%';
  return `${value < 0 ? '下降' : '上升'}${text}${unit}`;
}

/**
 * A change in a table cell, the bulletin's and the console's alike: '-21.6%' (the ASCII minus in the
 * console, the print and the exports), '+1.2个百分点', '-0.5天'; '持平' when it rounds to nothing;
 * '—' for null.
 */
export function formatChangeShort(
  value: number | null | undefined,
  kind: 'count' | 'rate' | 'days',
  digits = 1,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const { size, text } = changeSize(value, kind, digits);
  if (size === 0) return '持平';
  return `${value < 0 ? '-' : '+'}${text}${kind === 'days' ? '天' : kind === 'rate' ? '个百分点' : '%'}`;
}

/** A score column says it holds points: '及时受理率' of 5 points reads '及时受理得分（5分）'. */
export function pointsLabel(label: string, weight: number): string {
  return `${label.replace(/率$/, '')}得分（${weight}分）`;
}
