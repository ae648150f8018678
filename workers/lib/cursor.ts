// Page cursors: the sort key of a page's last row, opaque to clients (base64 of a JSON array).
// A cursor that is not one of ours answers 400 in the one error shape.
import { invalid } from './errors';

type Part = 'number' | 'string' | 'number?';

/** Longer than any id or sort key we write: a string part beyond it is not one of ours. */
const MAX_STRING_PART = 100;

// JSON.parse reads 1e309 as Infinity, which no query can bind; only finite numbers are sort keys.
const isNumber = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
const isString = (x: unknown) => typeof x === 'string' && x.length <= MAX_STRING_PART;
const fits = (p: Part, x: unknown) =>
  p === 'number?' ? x === null || isNumber(x) : p === 'number' ? isNumber(x) : isString(x);

export function encodeCursor(key: readonly (string | number | null)[]): string {
  return btoa(JSON.stringify(key));
}

/** The sort key of `cursor`, checked against `shape` ('number?' allows null). */
export function decodeCursor<T extends readonly (string | number | null)[]>(
  cursor: string,
  shape: readonly Part[],
): T {
  try {
    const v: unknown = JSON.parse(atob(cursor));
    if (Array.isArray(v) && v.length === shape.length && shape.every((p, i) => fits(p, v[i])))
      return v as unknown as T;
  } catch {}
  throw invalid('分页游标无效，请从第一页重新查询', [{ path: 'cursor', message: '分页游标无效' }]);
}
