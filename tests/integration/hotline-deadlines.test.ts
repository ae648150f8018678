// A 12345 hotline work order's deadlines (DOMAIN.md "Deadlines": sign in 1 working day; 咨询 2,
// 求助 5, 投诉 15 working days), across a weekend and the National Day holiday of 2026 (1–7 October
// off, Saturday 10 October a make-up working day). A call taken on Friday afternoon, routed at once.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases } from '../../db/schema';
import { register, routeTo, sh, step, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('hotline');
/** the local last day of a deadline instant (24:00 belongs to the day before) */
const dueDay = (ms: number) => new Date(ms - 1 + 8 * 3_600_000).toISOString().slice(0, 10);

describe('a 12345 work order taken on Friday 25 September 2026', () => {
  it('must be signed and accepted by Monday: accepting may not eat the 2 working days of a 咨询', async () => {
    const { s } = await county();
    t.clock.set(sh(2026, 9, 25, 16));
    const c = await register(s.dispatcher, { kind: 'hotline', purpose: 'question' });
    const a = (await routeTo(s.dispatcher, c.case, [[s.dispatcher.f.units.townA, 'lead']])).assignments[0];
    expect(dueDay(a.signDueAt)).toBe('2026-09-28');
    // was 30 September (the petition's 5 natural days): a unit accepting then had its answer due
    // after the holiday, on 9 October, two weeks after the call for a 2-working-day question
    expect(dueDay(a.acceptDueAt)).toBe('2026-09-28');
    t.clock.set(sh(2026, 9, 28, 10));
    const accepted = await step(s.handlerA, await step(s.handlerA, a, 'sign'), 'accept');
    expect(dueDay(accepted.replyDueAt)).toBe('2026-09-30');
  });

  it('counts each purpose’s working days over the holiday and its make-up Saturday', async () => {
    const { s } = await county();
    const expected: Record<string, string> = {
      question: '2026-09-30', // 29, 30 September
      help: '2026-10-10', // 29, 30 September; 8, 9 October; Saturday 10 October (a working day)
      accusation: '2026-10-23', // 投诉: 15 working days
      suggestion: '2026-10-23', // 建议: the hotline's 15
      claim: '2026-10-23', // the hotline rule beats the petition's 60 days for 申诉求决
    };
    for (const [purpose, day] of Object.entries(expected)) {
      t.clock.set(sh(2026, 9, 25, 16));
      const c = await register(s.dispatcher, { kind: 'hotline', purpose });
      const a = (await routeTo(s.dispatcher, c.case, [[s.dispatcher.f.units.townA, 'lead']])).assignments[0];
      expect(dueDay(a.acceptDueAt), purpose).toBe('2026-09-28');
      t.clock.set(sh(2026, 9, 28, 10));
      const accepted = await step(s.handlerA, await step(s.handlerA, a, 'sign'), 'accept');
      expect(dueDay(accepted.replyDueAt), purpose).toBe(day);
    }
  });
});

describe('a 12345 work order waiting to be dispatched', () => {
  it('is due for dispatch the next working day, not in the 信访 15 days, and lights red after it', async () => {
    const { s } = await county();
    t.clock.set(sh(2026, 9, 25, 16));
    const call = await register(s.dispatcher, { kind: 'hotline', purpose: 'question' });
    // was 10 October (15 natural days): a 2-working-day question stayed green past the holiday
    expect(dueDay(call.case.routeDueAt)).toBe('2026-09-28');
    const letter = await register(s.dispatcher, { kind: 'petition', channel: 'letter' });
    expect(dueDay(letter.case.routeDueAt)).toBe('2026-10-10');
    t.clock.set(sh(2026, 9, 29, 9));
    const queues = (await s.dispatcher.get('/queues')).body;
    expect(queues.newOverdue).toBe(1);
  });

  it('an imported 12345 order from that Friday is due for dispatch on Monday too, as one registered', async () => {
    const { s } = await county();
    t.clock.set(sh(2026, 10, 20, 9));
    const line = {
      externalId: 'RX-1',
      kind: 'hotline',
      channel: 'phone',
      purpose: 'question',
      title: '咨询社保卡补办',
      content: '请问社保卡丢了在哪里补办？',
      receivedAt: '2026-09-25 16:00',
      assignments: [{ unit: '东山镇', events: [{ type: 'dispatched', at: '2026-09-25 16:30' }] }],
    };
    const r = await s.dispatcher.post('/import', JSON.stringify(line), {
      'content-type': 'application/x-ndjson',
    });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    const row = (await t.deps.db.select().from(cases).where(eq(cases.externalId, 'RX-1')))[0]!;
    expect(dueDay(row.routeDueAt!)).toBe('2026-09-28');
  });
});
