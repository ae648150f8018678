// The move route takes a move's name as its whole path segment: a path that merely begins with one
// (…/acceptx, …/accept/now, …/reply-attachments/…) is no move.
import { describe, expect, it } from 'vitest';
import { caseAt, eventsOf, expectError, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('moveroute');

describe('the move route', () => {
  it('a path that only begins with a move’s name is no move', async () => {
    const { s } = await county();
    const { caseId, a } = await caseAt(s, ['sign']);
    expectError(
      await s.handlerA.post(`/assignments/${a.id}/acceptx`, { version: a.version }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await s.handlerA.post(`/assignments/${a.id}/accept/now`, { version: a.version }),
      404,
      'NOT_FOUND',
    );
    // the papers' route the same: …/documents/dispatchx is no paper
    expectError(await s.handlerA.get(`/assignments/${a.id}/documents/dispatchx`), 404, 'NOT_FOUND');
    const ev = (await eventsOf(t, caseId)).map((e) => e.type);
    expect(ev).not.toContain('assignment.accepted');
  });
});
