// Page cursors: what a page's last row was sorted by, round-tripped; anything else is a 400.
import { expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../workers/lib/cursor';
import { AppError } from '../../workers/lib/errors';

it('round-trips a sort key, null where the shape allows it', () => {
  expect(decodeCursor(encodeCursor([null, 'abc']), ['number?', 'string'])).toEqual([null, 'abc']);
  expect(decodeCursor(encodeCursor([1795338872021, 36003]), ['number', 'number'])).toEqual([
    1795338872021, 36003,
  ]);
});

it('refuses a cursor of another shape or none at all with a VALIDATION error', () => {
  for (const [cursor, shape] of [
    [encodeCursor([null, 'abc']), ['number', 'string']],
    [encodeCursor([1, 'abc', 2]), ['number', 'string']],
    [encodeCursor([1, 2]), ['number', 'string']],
    ['not-a-cursor', ['number', 'string']],
    [btoa('{"a":1}'), ['number']],
  ] as const) {
    try {
      decodeCursor(cursor, shape);
      expect.unreachable(cursor);
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION');
    }
  }
});
