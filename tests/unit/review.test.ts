import { describe, expect, it } from 'vitest';
import { reviewState } from '../../workers/domain/review';

describe('复查/复核 state', () => {
  it('nothing asked: nothing pending, the window counts from the last reply', () => {
    expect(reviewState({ requestedAt: null, answeredAt: null, lastReplyAt: 100 })).toEqual({
      pending: false,
      windowFrom: 100,
    });
    expect(reviewState({ requestedAt: null, answeredAt: null, lastReplyAt: null })).toEqual({
      pending: false,
      windowFrom: null,
    });
  });
  it('asked: pending until an answer at or after the request, or a reply strictly after it', () => {
    expect(reviewState({ requestedAt: 200, answeredAt: null, lastReplyAt: 100 }).pending).toBe(true);
    expect(reviewState({ requestedAt: 200, answeredAt: 150, lastReplyAt: 100 }).pending).toBe(true);
    expect(reviewState({ requestedAt: 200, answeredAt: null, lastReplyAt: 200 }).pending).toBe(true);
    expect(reviewState({ requestedAt: 200, answeredAt: 200, lastReplyAt: 100 })).toEqual({
      pending: false,
      windowFrom: 200,
    });
    expect(reviewState({ requestedAt: 200, answeredAt: null, lastReplyAt: 300 })).toEqual({
      pending: false,
      windowFrom: 300,
    });
  });
});
