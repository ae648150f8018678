import { afterEach, expect, it, vi } from 'vitest';
import { newId } from '../../workers/lib/ids';

afterEach(() => vi.useRealTimers());

it('ids are 20 base32 characters, ordered by creation time, and unguessable within a millisecond', () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-22T08:00:00Z'));
  const a = Array.from({ length: 1000 }, () => newId());
  vi.setSystemTime(new Date('2026-11-22T08:00:00.001Z'));
  const b = newId();
  for (const id of a) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{20}$/);
  expect(new Set(a).size).toBe(1000);
  expect(new Set(a.map((x) => x.slice(0, 10))).size).toBe(1);
  expect(a.every((x) => x < b)).toBe(true);
  // fifty random bits after the time
  expect(new Set(a.map((x) => x.slice(10))).size).toBe(1000);
});
