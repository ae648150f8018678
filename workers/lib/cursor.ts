// Page cursors: the sort key of a page's last row, opaque to clients (base64 of a JSON array).
// A cursor that is not one of ours answers 400 in the one error shape.
import { invalid } from './errors';

type Part = 'number' | 'string' | 'number?';

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
    if (
      Array.isArray(v) &&
      v.length === shape.length &&
      shape.every((p, i) => (p === 'number?' ? v[i] === null || typeof v[i] === 'number' : typeof v[i] === p))
    )
      return v as unknown as T;
  } catch {}
  throw invalid('分页游标无效，请从第一页重新查询', [{ path: 'cursor', message: '分页游标无效' }]);
}
