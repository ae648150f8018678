// The workbench's 复查待答复 queue says when each opinion is due and lights it, as the case page does:
// the list gave no date, so the dispatcher could not see which 复查 was about to run out.
import { describe, expect, it } from 'vitest';
import { caseAt, expectOk, replyFully, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('rq');

describe('复查待答复', () => {
  it('each row carries the opinion’s deadline and its light, the same the case page gives', async () => {
    const { s } = await county();
    const { a, caseId } = await caseAt(s, ['sign', 'accept']);
    await replyFully(s, a);
    const before = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expectOk(
      await s.dispatcher.post(`/cases/${caseId}/review-request`, {
        version: before.case.version,
        channel: 'letter',
        reason: '对答复不服，请求复查。',
      }),
    );
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(detail.review.dueAt).toBeGreaterThan(t.clock.now());

    const row = () =>
      s.dispatcher
        .get('/cases', { review: 'pending', sort: 'reviewDue' })
        .then((r) => expectOk(r).items.find((c: any) => c.id === caseId));
    expect(await row()).toMatchObject({ reviewDueAt: detail.review.dueAt, reviewLight: 'green' });
    t.clock.set(detail.review.dueAt + 1);
    expect(await row()).toMatchObject({ reviewDueAt: detail.review.dueAt, reviewLight: 'red' });
    // other lists do not work it out
    expect(expectOk(await s.dispatcher.get('/cases')).items[0].reviewDueAt).toBeUndefined();
  });
});
