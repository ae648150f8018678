// Rankings (考核排名) by the tenant's scoring profile: townships and departments ranked apart, each
// score term shown, 零诉求 units listed apart; the year-on-year rise of the repeat rate and the
// dispatcher's deductions (通报扣分) taken off; ties broken by satisfaction rate, then volume.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TestApp } from '../fixtures/app';
import { caseLine, importLines } from './stats-helpers';
import { auditEvents, desks, expectError, expectOk } from './workflow-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ now: Date.UTC(2026, 7, 5, 1) });
});
afterAll(async () => t.close());

const JULY = { month: '2026-07' };

describe('the default profile (100 points: volume 25, rates 65, procedure 10)', () => {
  it('ranks townships and departments apart with every term, penalties and deductions; 零诉求 apart', async () => {
    const f = await makeTenant(t, 'rk');
    const s = desks(t, f);
    await importLines(s.dispatcher, [
      // 东山镇: 4 cases, all on time and satisfied → full marks
      ...[0, 1, 2, 3].map((i) => caseLine(`A-${i}`, '2026-07', i, '东山镇', 'satisfied')),
      // 西水乡: 2 cases, the second a repeat rated unsatisfied; last July 1 first-time case
      caseLine('B-0', '2026-07', 0, '西水乡', 'satisfied'),
      caseLine('B-1', '2026-07', 1, '西水乡', 'unsatisfied', { repeat: true }),
      caseLine('B-L', '2025-07', 0, '西水乡', 'satisfied'),
      // 县教育局: 1 case; 县住建局: none (零诉求)
      caseLine('D-0', '2026-07', 0, '县教育局', 'satisfied'),
    ]);
    expectOk(
      await s.dispatcher.post('/deductions', {
        unitId: f.units.townA,
        month: '2026-07',
        level: 'city',
        reason: '市级通报：一件逾期未答复',
      }),
      201,
    );
    const body = expectOk(await s.county.get('/rankings', JULY));
    expect(body.maxScore).toBe(100);
    const towns = body.groups.find((g: any) => g.unitKind === 'township');
    expect(towns.ranked.map((r: any) => [r.rank, r.unitName, r.score])).toEqual([
      [1, '东山镇', 99],
      // 12.5 volume + 5 + 10 + 10 + 12.5 satisfaction + 15 one-time + 10 − 10 (repeat rate 0% → 50%: 50 points × 0.2)
      [2, '西水乡', 65],
    ]);
    const a = towns.ranked[0];
    expect(a.volume).toMatchObject({ received: 4, maxReceived: 4, weight: 25, points: 25 });
    expect(a.terms.map((x: any) => [x.label, x.rate, x.weight, x.points])).toEqual([
      ['及时受理率', 1, 5, 5],
      ['按期答复率', 1, 10, 10],
      ['参评率', 1, 10, 10],
      ['满意率', 1, 25, 25],
      ['一次性化解率', 1, 15, 15],
    ]);
    expect(a.deductions).toMatchObject({ count: 1, points: 1 });
    expect(a.deductions.items[0]).toMatchObject({
      level: 'city',
      points: 1,
      reason: '市级通报：一件逾期未答复',
    });
    const b = towns.ranked[1];
    expect(b.repeatPenalty.delta).toBe(0.5);
    expect(b.repeatPenalty.points).toBe(10);
    expect(b.terms.find((x: any) => x.figure === 'satisfactionRate').points).toBe(12.5);
    const depts = body.groups.find((g: any) => g.unitKind === 'department');
    expect(depts.ranked.map((r: any) => [r.rank, r.unitName, r.score])).toEqual([[1, '县教育局', 100]]);
    expect(depts.zeroCase.map((z: any) => z.unitName)).toEqual(['县住建局']);
    // the flat lists carry each unit's kind
    expect(body.ranked.map((r: any) => r.unitKind)).toEqual(['township', 'township', 'department']);
    expect(body.zeroCase).toEqual([{ unitId: f.units.deptB, unitName: '县住建局', unitKind: 'department' }]);
    // one kind only
    const only = expectOk(await s.county.get('/rankings', { ...JULY, unitKind: 'department' }));
    expect(only.groups.map((g: any) => g.unitKind)).toEqual(['department']);
    // a county-level deduction takes 0.5; 'other' needs its points
    expectOk(
      await s.dispatcher.post('/deductions', {
        unitId: f.units.townA,
        month: '2026-07',
        level: 'county',
        reason: '县级通报',
      }),
      201,
    );
    expectError(
      await s.dispatcher.post('/deductions', {
        unitId: f.units.townA,
        month: '2026-07',
        level: 'other',
        reason: '其他',
      }),
      400,
      'VALIDATION',
    );
    expectError(
      await s.county.post('/deductions', {
        unitId: f.units.townA,
        month: '2026-07',
        level: 'city',
        reason: 'x',
      }),
      403,
      'FORBIDDEN',
    );
    const listed = expectOk(await s.county.get('/deductions', JULY));
    expect(listed.items.map((x: any) => [x.unitName, x.level, x.points]).sort()).toEqual([
      ['东山镇', 'city', 1],
      ['东山镇', 'county', 0.5],
    ]);
    const again = expectOk(await s.county.get('/rankings', JULY));
    expect(again.groups[0].ranked[0].score).toBe(98.5);
  });
});

describe('a deduction recorded by mistake (撤销)', () => {
  it('is revoked with a reason: listed as revoked, no longer counted, both steps in the audit log', async () => {
    const f = await makeTenant(t, 'rkr');
    const s = desks(t, f);
    await importLines(s.dispatcher, [caseLine('A-0', '2026-07', 0, '东山镇', 'satisfied')]);
    const score = async () =>
      expectOk(await s.county.get('/rankings', JULY)).groups[0].ranked[0].score as number;
    const full = await score();
    const d = expectOk(
      await s.dispatcher.post('/deductions', {
        unitId: f.units.townA,
        month: '2026-07',
        level: 'city',
        reason: '误录：应为西水乡',
      }),
      201,
    );
    expect(await score()).toBe(full - 1);

    // only the bureau revokes, with a reason; another county's deduction is not found
    expectError(await s.county.post(`/deductions/${d.id}/revoke`, { reason: '误录' }), 403, 'FORBIDDEN');
    expectError(await s.handlerA.post(`/deductions/${d.id}/revoke`, { reason: '误录' }), 403, 'FORBIDDEN');
    expectError(await s.dispatcher.post(`/deductions/${d.id}/revoke`, { reason: ' ' }), 400, 'VALIDATION');
    const other = desks(t, await makeTenant(t, 'rkr2'));
    expectError(
      await other.dispatcher.post(`/deductions/${d.id}/revoke`, { reason: '误录' }),
      404,
      'NOT_FOUND',
    );
    expectError(await s.dispatcher.post('/deductions/nope/revoke', { reason: '误录' }), 404, 'NOT_FOUND');
    expect(await score()).toBe(full - 1);

    const revoked = expectOk(await s.dispatcher.post(`/deductions/${d.id}/revoke`, { reason: '单位录错' }));
    expect(revoked).toMatchObject({ id: d.id, revokeReason: '单位录错', revokedBy: f.users.dispatcher });
    expect(await score()).toBe(full);
    // twice: refused, nothing changes
    expectError(await s.dispatcher.post(`/deductions/${d.id}/revoke`, { reason: '再次' }), 409, 'CONFLICT');
    const listed = expectOk(await s.county.get('/deductions', JULY)).items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: d.id, revokeReason: '单位录错' });
    expect(listed[0].revokedAt).toEqual(expect.any(Number));

    const audit = await auditEvents(t, f.id, 'deduction.');
    expect(audit).toEqual([
      {
        type: 'deduction.recorded',
        role: 'dispatcher',
        payload: expect.objectContaining({ deductionId: d.id, points: 1, level: 'city' }),
      },
      {
        type: 'deduction.revoked',
        role: 'dispatcher',
        payload: expect.objectContaining({ deductionId: d.id, reason: '单位录错' }),
      },
    ]);
  });
});

describe('制度落实 (procedure) points entered by the bureau', () => {
  it('count in the ranking per month (an empty month at full weight), can be cleared, and are audited', async () => {
    const f = await makeTenant(t, 'rkp');
    const s = desks(t, f);
    await importLines(s.dispatcher, [caseLine('A-0', '2026-07', 0, '东山镇', 'satisfied')]);
    const east = async (q: Record<string, string>) =>
      expectOk(await s.county.get('/rankings', q)).groups[0].ranked.find(
        (r: any) => r.unitId === f.units.townA,
      );
    const before = await east(JULY);
    expect(before.procedure).toMatchObject({ label: '制度落实', weight: 10, points: 10 });

    const sheet = expectOk(await s.county.get('/procedure-scores', JULY));
    expect(sheet).toMatchObject({ month: '2026-07', label: '制度落实', weight: 10 });
    // every assessed unit, not the bureau
    expect(sheet.items.map((r: any) => r.unitId).sort()).toEqual(
      [f.units.townA, f.units.townB, f.units.deptA, f.units.deptB].sort(),
    );
    expect(sheet.items.every((r: any) => r.points === null)).toBe(true);

    const put = (who: keyof typeof s, entries: unknown[]) =>
      s[who].req('PUT', '/procedure-scores', { month: '2026-07', entries });
    // wrong values save nothing
    const bad = await put('dispatcher', [
      { unitId: f.units.townB, points: 9 },
      { unitId: f.units.townA, points: 11 },
      { unitId: f.units.bureau, points: 5 },
    ]);
    expectError(bad, 400, 'VALIDATION');
    expect(bad.body.error.details.map((d: any) => d.path)).toEqual(['entries.1.points', 'entries.2.unitId']);
    expectError(await put('county', [{ unitId: f.units.townA, points: 5 }]), 403, 'FORBIDDEN');
    expectError(await put('handlerA', [{ unitId: f.units.townA, points: 10 }]), 403, 'FORBIDDEN');
    expectError(await s.handlerA.get('/procedure-scores', JULY), 403, 'FORBIDDEN');
    expect((await east(JULY)).procedure.points).toBe(10);

    const saved = expectOk(
      await put('dispatcher', [{ unitId: f.units.townA, points: 7.5, note: '台账未按时报送' }]),
    );
    expect(saved.items.find((r: any) => r.unitId === f.units.townA)).toMatchObject({
      points: 7.5,
      note: '台账未按时报送',
      recordedBy: f.users.dispatcher,
    });
    const after = await east(JULY);
    expect(after.procedure.points).toBe(7.5);
    expect(after.score).toBeCloseTo(before.score - 2.5, 5);
    // a quarter: July 7.5, August and September without entries at full weight → 9.17
    expect((await east({ quarter: '2026-Q3' })).procedure.points).toBe(9.17);
    // the same values again change nothing (no event); a note left out stays; then cleared
    const same = expectOk(await put('dispatcher', [{ unitId: f.units.townA, points: 7.5 }]));
    expect(same.items[0]).toMatchObject({ unitId: f.units.townA, points: 7.5, note: '台账未按时报送' });
    expectOk(await put('dispatcher', [{ unitId: f.units.townA, points: null }]));
    expect((await east(JULY)).procedure.points).toBe(10);

    expect(
      (await auditEvents(t, f.id, 'procedure_score.')).map((e) => [
        e.role,
        e.payload.points,
        e.payload.previous,
      ]),
    ).toEqual([
      ['dispatcher', 7.5, null],
      ['dispatcher', null, 7.5],
    ]);
  });
});

describe('ties', () => {
  it('break by satisfaction rate, then by volume (a profile where only participation scores)', async () => {
    const f = await makeTenant(t, 'rkt');
    const s = desks(t, f);
    const admin = desks(t, f).admin;
    const current = expectOk(await admin.get('/settings'));
    expectOk(
      await admin.req('PATCH', '/settings', {
        version: current.version,
        patch: {
          scoring: {
            terms: [{ figure: 'participationRate', weight: 10, label: '参评率' }],
            volume: { weight: 0, label: '访量' },
            procedure: { weight: 0, label: '制度落实' },
            penalties: { repeatRateYoYPerPoint: 0 },
            deductionLevels: { city: 1, county: 0.5 },
            targets: [],
          },
        },
      }),
    );
    await importLines(s.dispatcher, [
      // all fully rated: every unit scores 10
      caseLine('A-0', '2026-07', 0, '东山镇', 'satisfied'),
      caseLine('A-1', '2026-07', 1, '东山镇', 'unsatisfied'),
      caseLine('B-0', '2026-07', 0, '西水乡', 'satisfied'),
      caseLine('D-0', '2026-07', 0, '县教育局', 'satisfied'),
      caseLine('E-0', '2026-07', 0, '县住建局', 'satisfied'),
      caseLine('E-1', '2026-07', 1, '县住建局', 'basic'),
    ]);
    const body = expectOk(await s.county.get('/rankings', JULY));
    expect(body.maxScore).toBe(10);
    const towns = body.groups.find((g: any) => g.unitKind === 'township').ranked;
    // equal scores: 西水乡 is fully satisfied, 东山镇 half → 西水乡 first although it has fewer cases
    expect(towns.map((r: any) => [r.rank, r.unitName, r.score, r.satisfactionRate])).toEqual([
      [1, '西水乡', 10, 1],
      [2, '东山镇', 10, 0.5],
    ]);
    const depts = body.groups.find((g: any) => g.unitKind === 'department').ranked;
    // equal scores and satisfaction: more cases first
    expect(depts.map((r: any) => [r.rank, r.unitName, r.received])).toEqual([
      [1, '县住建局', 2],
      [2, '县教育局', 1],
    ]);
  });
});
