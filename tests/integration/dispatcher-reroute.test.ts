// Re-routing a case a unit gave back (退件): the routing suggestion no longer proposes the unit that
// returned it, so the dispatcher who takes the suggestion does not send it straight back there.
import { describe, expect, it } from 'vitest';
import { caseAt, expectOk, step, workflowBench } from './workflow-helpers';

const { county } = workflowBench('rr');

describe('re-routing a returned case', () => {
  it('the township that returned it is no longer suggested; the category’s department leads instead', async () => {
    const { s, f } = await county();
    const { a, caseId } = await caseAt(s, ['sign'], {
      categoryId: f.categoryId,
      townshipUnitId: f.units.townA,
    });
    const before = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(before.suggestedUnits.map((u: any) => [u.unitName, u.role])).toEqual([
      ['东山镇', 'lead'],
      ['县住建局', 'co'],
    ]);
    const x = await step(s.handlerA, a, 'return', { reason: '不属本镇职责，建议转县住建局' });
    await step(s.dispatcher, x, 'approve-return');
    const after = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expect(after.case.status).toBe('new');
    expect(after.suggestedUnits.map((u: any) => [u.unitName, u.role])).toEqual([['县住建局', 'lead']]);
  });

  it('a case whose only suggestion returned it is suggested to nobody, not back to that unit', async () => {
    const { s, f } = await county();
    const { a, caseId } = await caseAt(s, ['sign'], { townshipUnitId: f.units.townA });
    const x = await step(s.handlerA, a, 'return', { reason: '该村属西水乡' });
    await step(s.dispatcher, x, 'approve-return');
    expect(expectOk(await s.dispatcher.get(`/cases/${caseId}`)).suggestedUnits).toEqual([]);
  });
});
