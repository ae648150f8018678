// The workbench's 问政待发布 queue: its list holds what its count counts. A question whose asker did
// not agree to publication (isPublic false) can never be published, so it is in neither.
import { describe, expect, it } from 'vitest';
import { caseAt, expectOk, replyFully, workflowBench } from './workflow-helpers';

const { county } = workflowBench('pq');

/** The 问政待发布 tab's own query (web/src/pages/Workbench.tsx). */
const TO_PUBLISH = { kind: 'inquiry', isPublic: 'true', publish: 'none', status: 'replied,closed,rated' };

describe('问政待发布', () => {
  it('lists the answered questions the asker agreed to publish, as many as the tab counts', async () => {
    const { s } = await county();
    const open = await caseAt(s, ['sign', 'accept'], { kind: 'inquiry', isPublic: true });
    await replyFully(s, open.a);
    const private_ = await caseAt(s, ['sign', 'accept'], { kind: 'inquiry', isPublic: false });
    await replyFully(s, private_.a);

    const counted = expectOk(await s.dispatcher.get('/queues')).toPublish;
    const listed = expectOk(await s.dispatcher.get('/cases', TO_PUBLISH)).items;
    expect(counted).toBe(1);
    expect(listed.map((c: any) => c.number)).toEqual([open.number]);
    // 'false' asks for no such filter: both answered questions
    const all = expectOk(await s.dispatcher.get('/cases', { ...TO_PUBLISH, isPublic: 'false' })).items;
    expect(all).toHaveLength(2);
  });

  it('refuses an isPublic that is not a yes or a no, in the one error shape', async () => {
    const { s } = await county();
    const r = await s.dispatcher.get('/cases', { isPublic: 'maybe' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION');
  });
});
