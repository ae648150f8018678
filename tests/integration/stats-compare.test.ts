// Change over time (环比 and 同比): counts change relatively, rates by percentage points. The worked
// example of DOMAIN.md: 139 cases in June and 109 in July is a fall of 21.6% (30/139), never 27.5%.
// The months are filled cheaply through the historical import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TestApp } from '../fixtures/app';
import { caseLine, expectStatsInStep, importLines, unitOf } from './stats-helpers';
import { desks, expectOk } from './workflow-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ now: Date.UTC(2026, 7, 5, 1) });
});
afterAll(async () => t.close());

describe('环比 and 同比', () => {
  it('139 cases in June and 109 in July: −21.6% month on month; rates in percentage points', async () => {
    const f = await makeTenant(t, 'cmp');
    const s = desks(t, f);
    const lines: unknown[] = [];
    // June 2026: 139 cases, the first 100 rated (80 satisfied)
    for (let i = 0; i < 139; i++)
      lines.push(
        caseLine(
          `J6-${i}`,
          '2026-06',
          i,
          '东山镇',
          i < 100 ? (i < 80 ? 'satisfied' : 'unsatisfied') : undefined,
        ),
      );
    // July 2026: 109 cases, 100 rated (90 satisfied)
    for (let i = 0; i < 109; i++)
      lines.push(
        caseLine(`J7-${i}`, '2026-07', i, '东山镇', i < 100 ? (i < 90 ? 'satisfied' : 'basic') : undefined),
      );
    // July 2025: 100 cases, 50 rated (40 satisfied)
    for (let i = 0; i < 100; i++)
      lines.push(
        caseLine(
          `L7-${i}`,
          '2025-07',
          i,
          '东山镇',
          i < 50 ? (i < 40 ? 'satisfied' : 'unsatisfied') : undefined,
        ),
      );
    expect((await importLines(s.dispatcher, lines)).imported).toBe(348);

    const body = expectOk(await s.county.get('/stats/compare', { month: '2026-07' }));
    expect(body.previousPeriod.key).toBe('2026-06');
    expect(body.lastYearPeriod.key).toBe('2025-07');
    const tenant = body.tenant;
    expect(tenant.received).toBe(109);
    expect(tenant.previous.received).toBe(139);
    expect(tenant.lastYear.received).toBe(100);
    expect(tenant.mom.received).toBeCloseTo(-30 / 139, 12);
    expect(Math.round(tenant.mom.received * 1000) / 10).toBe(-21.6);
    expect(tenant.yoy.received).toBeCloseTo(0.09, 12);
    // satisfaction 90% (basic counts) — 80% in June and last July: up 10 points both ways…
    expect(tenant.satisfactionRate).toBe(1);
    expect(tenant.previous.satisfactionRate).toBe(0.8);
    expect(tenant.mom.satisfactionRate).toBeCloseTo(0.2, 12);
    expect(tenant.yoy.satisfactionRate).toBeCloseTo(0.2, 12);
    // …completion 100/109 against 50/100: points, not a ratio of ratios
    expect(tenant.yoy.completionRate).toBeCloseTo(100 / 109 - 0.5, 12);
    expect(tenant.yoy.participationRate).toBe(0);
    expect(unitOf(body, f.units.townA).mom.received).toBeCloseTo(-30 / 139, 12);
    // a unit with nothing in either period has no base to compare with
    expect(unitOf(body, f.units.townB).mom.received).toBeNull();

    // and the bulletin says so in words
    const draft = expectOk(await s.dispatcher.post('/bulletins', { month: '2026-07' }), 201);
    const summary = draft.document.summary.join('');
    expect(summary).toContain('环比（2026年6月139件）下降21.6%');
    expect(summary).toContain('同比（2025年7月100件）上升9.0%');
    expect(summary).not.toContain('27.5%');
    const overview = draft.document.tables.find((x: any) => x.key === 'overview');
    expect(overview.rows[0]).toEqual(['受理件数', 109, 139, '-21.6%', 100, '+9.0%']);
    await expectStatsInStep(t, f.id);
  });

  it('quarters and years compare with the previous quarter or year and the same one a year earlier', async () => {
    const f = await makeTenant(t, 'cmpq');
    const s = desks(t, f);
    const lines = [
      ...Array.from({ length: 6 }, (_, i) => caseLine(`Q2-${i}`, '2026-05', i, '西水乡')),
      ...Array.from({ length: 3 }, (_, i) => caseLine(`Q1-${i}`, '2026-02', i, '西水乡')),
      ...Array.from({ length: 4 }, (_, i) => caseLine(`LY-${i}`, '2025-04', i, '西水乡')),
    ];
    await importLines(s.dispatcher, lines);
    const q = expectOk(await s.county.get('/stats/compare', { quarter: '2026-Q2' }));
    expect([q.tenant.received, q.tenant.previous.received, q.tenant.lastYear.received]).toEqual([6, 3, 4]);
    expect(q.tenant.mom.received).toBe(1);
    expect(q.tenant.yoy.received).toBe(0.5);
    const y = expectOk(await s.county.get('/stats/compare', { year: '2026' }));
    expect([y.tenant.received, y.tenant.previous.received]).toEqual([9, 4]);
    expect(y.tenant.mom.received).toBe(1.25);
  });
});
