// The queues as a pile reads: 新件待分派 cases due for routing at the same instant come oldest
// received first, then by case number, page after page of the cursor; and an assignment's row says
// until when the unit may still ask to return it (returnUntil: 5 working days from receipt, a
// weekend not counted), and nothing once it may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { caseAt, type Desks, desks, expectError, expectOk, register, sh, step } from './workflow-helpers';

let t: TestApp;
let f: TenantFixture;
let s: Desks;

beforeAll(async () => {
  t = await makeTestApp({ now: sh(2026, 3, 3, 15) });
  f = await makeTenant(t, 'queue-order');
  s = desks(t, f);
});
afterAll(async () => t.close());

/** Every page of the 新件待分派 queue as its workbench tab asks for it, `limit` a page. */
async function routeQueue(limit: number) {
  const out: any[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const p = expectOk(await s.dispatcher.get('/cases', { status: 'new', sort: 'routeDue', limit, cursor }));
    out.push(...p.items);
    if (!p.nextCursor) return out;
    cursor = p.nextCursor;
  }
  throw new Error('the queue did not end');
}

describe('新件待分派', () => {
  it('orders cases due at the same time by when they were received, then by number, across pages', async () => {
    // registered on Tuesday afternoon in this order; letters and calls received earlier that day
    // (same routing deadline: 15 days on, at 24:00) are entered late, two of them for the same minute
    const received = [
      ['上午十点来电：路灯不亮', sh(2026, 3, 3, 10)],
      ['早上八点来信：楼道堆物', sh(2026, 3, 3, 8)],
      ['九点来电：噪音扰民', sh(2026, 3, 3, 9)],
      ['早上八点来信：占道经营', sh(2026, 3, 3, 8)],
      ['十一点来电：井盖缺失', sh(2026, 3, 3, 11)],
      ['八点半来电：垃圾未清运', sh(2026, 3, 3, 8, 30)],
      ['早上八点来信：违章搭建', sh(2026, 3, 3, 8)],
    ] as const;
    const numbers: Record<string, string> = {};
    for (const [i, [title, at]] of received.entries()) {
      const c = await register(s.dispatcher, {
        title,
        content: `${title}，请相关部门尽快处理，谢谢。`,
        receivedAt: at,
        petitioner: { name: `来访人${i}`, phone: `1390000000${i}` },
      });
      numbers[title] = c.case.number;
    }
    // a case received the day before is due a day sooner: first whatever its time of day
    t.clock.set(sh(2026, 3, 3, 15, 30));
    const early = await register(s.dispatcher, {
      title: '前一天晚上来电：停水',
      content: '前一天晚上来电反映小区停水，请尽快处理。',
      receivedAt: sh(2026, 3, 2, 23),
      petitioner: { name: '来访人9', phone: '13900000009' },
    });
    const all = await routeQueue(50);
    const sameDay = all.filter((c) => c.id !== early.case.id);
    expect(new Set(sameDay.map((c) => c.routeDueAt)).size).toBe(1);
    const expected = [
      '前一天晚上来电：停水',
      '早上八点来信：楼道堆物',
      '早上八点来信：占道经营',
      '早上八点来信：违章搭建',
      '八点半来电：垃圾未清运',
      '九点来电：噪音扰民',
      '上午十点来电：路灯不亮',
      '十一点来电：井盖缺失',
    ];
    expect(all.map((c) => c.title)).toEqual(expected);
    // the three received at 08:00: by case number, i.e. as they were entered
    const eight = all.slice(1, 4).map((c) => c.number);
    expect(eight).toEqual([...eight].sort());
    expect(eight[0]).toBe(numbers['早上八点来信：楼道堆物']);
    // two a page: the cursor goes on inside a run of equal deadlines and equal times, no row twice
    for (const size of [1, 2, 3]) expect((await routeQueue(size)).map((c) => c.title)).toEqual(expected);
  });

  it('refuses a cursor of another order, and one that is not ours', async () => {
    const newest = expectOk(await s.dispatcher.get('/cases', { status: 'new', limit: 1 }));
    const r = await s.dispatcher.get('/cases', {
      status: 'new',
      sort: 'routeDue',
      limit: 1,
      cursor: newest.nextCursor,
    });
    expectError(r, 400, 'VALIDATION');
    expect(r.body.error.message).toContain('排序方式');
    expect(r.body.error.details[0].path).toBe('cursor');
    const bad = await s.dispatcher.get('/cases', {
      status: 'new',
      sort: 'routeDue',
      cursor: btoa(JSON.stringify(['routeDue', 1, 'x'])),
    });
    expectError(bad, 400, 'VALIDATION');
    expect(bad.body.error.details[0].path).toBe('cursor');
  });
});

describe('可退件至 on an assignment row', () => {
  const row = async (who: 'handlerA' | 'dispatcher', id: string) => {
    const items = expectOk(await s[who].get('/assignments', { limit: 200 })).items as any[];
    return items.find((x) => x.id === id);
  };

  it('is 5 working days from receipt, the weekend not counted, and gone once past or decided', async () => {
    // Thursday 5 March 2026, 10:00: Fri 6, Mon 9, Tue 10, Wed 11, Thu 12 → 24:00 on Thursday 12 March
    t.clock.set(sh(2026, 3, 5, 10));
    const { a } = await caseAt(s);
    const until = sh(2026, 3, 13);
    expect(a.returnDueAt).toBe(until);
    expect(a.returnUntil).toBe(until);
    expect((await row('handlerA', a.id)).returnUntil).toBe(until);
    expect((await row('dispatcher', a.id)).returnUntil).toBe(until);
    // signed, still within: the same
    const signed = await step(s.handlerA, a, 'sign');
    expect(signed.returnUntil).toBe(until);
    t.clock.set(until - 60_000);
    expect((await row('handlerA', a.id)).returnUntil).toBe(until);
    // at 24:00 the window is shut, as the return itself is refused then
    t.clock.set(until);
    expect((await row('handlerA', a.id)).returnUntil).toBeNull();
    expectError(
      await s.handlerA.post(`/assignments/${a.id}/return`, {
        version: signed.version,
        reason: '不属于本辖区',
      }),
      409,
      'CONFLICT',
    );
  });

  it('is none once the case is accepted, or while a return is asked for', async () => {
    t.clock.set(sh(2026, 3, 5, 10));
    const { a } = await caseAt(s, ['sign', 'accept']);
    expect(a.state).toBe('accepted');
    expect((await row('handlerA', a.id)).returnUntil).toBeNull();
    const { a: b } = await caseAt(s, ['sign']);
    const asked = await step(s.handlerA, b, 'return', { reason: '该路段属西水乡管辖' });
    expect(asked.state).toBe('return_requested');
    expect((await row('handlerA', b.id)).returnUntil).toBeNull();
  });
});
