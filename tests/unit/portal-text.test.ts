// The portal counts what a citizen types as the server does: by character (code point) of the
// trimmed text, so an emoji or a rare character of a name is one, and the limits are the server's.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { charCount, inputCap, LIMITS } from '../../portal/src/lib/text';
import { PortalCaseSchema, ReviewSchema } from '../../workers/routes/portal';

const base = {
  kind: 'petition',
  purpose: 'claim',
  title: '村道路灯损坏多月',
  content: '村道上的路灯已经坏了三个多月，晚上出行很不方便。',
  phone: '13812348000',
};

describe('charCount', () => {
  it('an emoji and a rare character of a name (CJK Extension B) count as one each', () => {
    expect(charCount('😀')).toBe(1);
    expect(charCount('😀'.repeat(60))).toBe(60);
    expect(charCount('𠀀先生')).toBe(3);
  });

  it('leading and trailing spaces do not count, as the server trims them', () => {
    expect(charCount('  路灯坏了  \n')).toBe(4);
  });

  it('the HTML cap never cuts a text within the limit, even of two-unit characters', () => {
    for (const { max } of Object.values(LIMITS))
      expect('😀'.repeat(max).length).toBeLessThanOrEqual(inputCap(max));
  });
});

describe("the portal's limits are the server's", () => {
  // probed with one-unit characters, which every count agrees on
  const accepts = (over: Record<string, unknown>) =>
    v.safeParse(PortalCaseSchema, { ...base, ...over }).success;

  it('title', () => {
    expect(accepts({ title: 'a'.repeat(LIMITS.title.min) })).toBe(true);
    expect(accepts({ title: 'a'.repeat(LIMITS.title.min - 1) })).toBe(false);
    expect(accepts({ title: 'a'.repeat(LIMITS.title.max) })).toBe(true);
    expect(accepts({ title: 'a'.repeat(LIMITS.title.max + 1) })).toBe(false);
  });

  it('content', () => {
    expect(accepts({ content: 'a'.repeat(LIMITS.content.min) })).toBe(true);
    expect(accepts({ content: 'a'.repeat(LIMITS.content.min - 1) })).toBe(false);
    expect(accepts({ content: 'a'.repeat(LIMITS.content.max) })).toBe(true);
    expect(accepts({ content: 'a'.repeat(LIMITS.content.max + 1) })).toBe(false);
  });

  it('name and address', () => {
    expect(accepts({ name: 'a'.repeat(LIMITS.name.max) })).toBe(true);
    expect(accepts({ name: 'a'.repeat(LIMITS.name.max + 1) })).toBe(false);
    expect(accepts({ address: 'a'.repeat(LIMITS.address.max) })).toBe(true);
    expect(accepts({ address: 'a'.repeat(LIMITS.address.max + 1) })).toBe(false);
  });

  it('the reason of a request', () => {
    const asks = (reason: string) =>
      v.safeParse(ReviewSchema, { queryCode: 'ABC', secret: '123456', kind: 'review', reason }).success;
    expect(asks('a'.repeat(LIMITS.reason.min))).toBe(true);
    expect(asks('a'.repeat(LIMITS.reason.min - 1))).toBe(false);
    expect(asks('a'.repeat(LIMITS.reason.max))).toBe(true);
    expect(asks('a'.repeat(LIMITS.reason.max + 1))).toBe(false);
  });
});
