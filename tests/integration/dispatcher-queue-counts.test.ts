// 晨提醒亮灯 for the dispatcher's own step: the new cases past their routing deadline are counted
// (newOverdue), as many as the 新件待分派 list lights red; 逾期（红灯） counts units' work only.
import { describe, expect, it } from 'vitest';
import { T0 } from '../fixtures/app';
import { expectOk, register, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('qc');
const DAY = 86_400_000;

describe('新件待分派 past the routing deadline', () => {
  it('counts the new cases whose routing deadline has passed, the ones the list shows red', async () => {
    const { s } = await county();
    await register(s.dispatcher);
    expect(expectOk(await s.dispatcher.get('/queues'))).toMatchObject({ new: 1, newOverdue: 0 });
    t.clock.set(T0 + 10 * DAY);
    await register(s.dispatcher);
    // the first is past its 15 days, the second not yet
    t.clock.set(T0 + 20 * DAY);
    const counts = expectOk(await s.dispatcher.get('/queues'));
    const list = expectOk(await s.dispatcher.get('/cases', { status: 'new', sort: 'routeDue' })).items;
    expect(list.map((c: any) => c.routeLight)).toEqual(['red', 'green']);
    expect(counts).toMatchObject({ new: 2, newOverdue: 1 });
  });
});
