// 复查/复核: whether a citizen's review request is waiting for its answer, and from when the next
// request may be counted. The answer is the bureau's recorded opinion, or a written reply sent
// after the request (a unit that re-handled the case).

export interface ReviewFacts {
  /** the latest review request (cases.review_requested_at) */
  requestedAt: number | null;
  /** the bureau's latest recorded answer (cases.review_answered_at) */
  answeredAt: number | null;
  /** the latest written reply sent to the citizen */
  lastReplyAt: number | null;
}

export function reviewState(f: ReviewFacts): { pending: boolean; windowFrom: number | null } {
  const answered =
    f.requestedAt != null &&
    ((f.answeredAt != null && f.answeredAt >= f.requestedAt) ||
      (f.lastReplyAt != null && f.lastReplyAt > f.requestedAt));
  const pending = f.requestedAt != null && !answered;
  const from = Math.max(f.lastReplyAt ?? 0, f.answeredAt ?? 0);
  return { pending, windowFrom: pending || from === 0 ? null : from };
}
