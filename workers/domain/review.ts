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

/**
 * 复查 and 复核 are the 信访 procedure's (信访工作条例 art. 35): a 信访事项's handling opinion is
 * reviewed by the level above. A 问政 question and a 12345 work order have no such review; a
 * citizen unsatisfied with their answer rates it 不满意 and the bureau may send it back (重办).
 */
export const reviewApplies = (kind: string) => kind === 'petition';

export const REVIEW_NOT_APPLICABLE =
  '复查、复核只适用于信访事项；网上问政和 12345 工单对答复不满意的，请在评价时选择“不满意”，由信访部门决定是否重办';
