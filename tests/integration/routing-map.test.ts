// A category's routing map names units a case can be routed to. The bureau itself in the map, or a
// unit closed since, was pre-selected in the route dialog, and the route refused it: the category's
// cases could not be routed from the console (a new county's admin found both on day one).
import { describe, expect, it } from 'vitest';
import { expectError, expectOk, register, routeTo, workflowBench } from './workflow-helpers';

const { county } = workflowBench('rmap');

describe('the routing map', () => {
  it('refuses the bureau and a closed unit as a category’s default unit, naming the field', async () => {
    const { s, f } = await county();
    const bureau = await s.admin.post('/categories', { name: '其他事项', routeUnitIds: [f.units.bureau] });
    expectError(bureau, 400, 'VALIDATION');
    expect(bureau.body.error.message).toContain('平台自办');
    expect(bureau.body.error.details[0].path).toBe('routeUnitIds.0');
    expectOk(await s.admin.req('PATCH', `/units/${f.units.deptA}`, { active: false }));
    const closed = await s.admin.post('/categories', {
      name: '教育',
      routeUnitIds: [f.units.deptB, f.units.deptA],
    });
    expectError(closed, 400, 'VALIDATION');
    expect(closed.body.error.details[0].path).toBe('routeUnitIds.1');
    const edit = await s.admin.req('PATCH', `/categories/${f.categoryId}`, {
      routeUnitIds: [f.units.bureau],
    });
    expectError(edit, 400, 'VALIDATION');
    expectOk(await s.admin.post('/categories', { name: '住房', routeUnitIds: [f.units.deptB] }), 201);
  });

  it('never suggests a unit closed after it was mapped, so the suggestion can be routed as it is', async () => {
    const { s, f } = await county();
    // 城乡建设 → 县住建局 (deptB), and the township; deptB is closed down afterwards
    expectOk(
      await s.admin.req('PATCH', `/categories/${f.categoryId}`, {
        routeUnitIds: [f.units.deptB, f.units.deptA],
      }),
    );
    expectOk(await s.admin.req('PATCH', `/units/${f.units.deptB}`, { active: false }));
    const c = await register(s.dispatcher, { categoryId: f.categoryId, townshipUnitId: f.units.townA });
    expect(c.suggestedUnits.map((u: any) => [u.unitId, u.role])).toEqual([
      [f.units.townA, 'lead'],
      [f.units.deptA, 'co'],
    ]);
    const routed = await routeTo(
      s.dispatcher,
      c.case,
      c.suggestedUnits.map((u: any) => [u.unitId, u.role]),
    );
    expect(routed.assignments).toHaveLength(2);
    // a closed township is not suggested either
    expectOk(await s.admin.req('PATCH', `/units/${f.units.townB}`, { active: false }));
    const d = await register(s.dispatcher, { categoryId: f.categoryId, townshipUnitId: f.units.townB });
    expect(d.suggestedUnits.map((u: any) => u.unitId)).toEqual([f.units.deptA]);
  });

  it('sets each role in a unit of its kind, and a county has one bureau', async () => {
    const { s, f } = await county();
    const user = (login: string, role: string, unitId?: string) =>
      s.admin.post('/users', {
        login: `${f.slug}.${login}`,
        password: 'Passw0rd#2026',
        name: login,
        role,
        unitId,
      });
    for (const [role, unitId] of [
      ['handler', f.units.bureau],
      ['unit_leader', f.units.bureau],
      ['dispatcher', f.units.townA],
      ['county_leader', f.units.deptA],
    ] as const) {
      const r = await user(`x-${role}`, role, unitId);
      expectError(r, 400, 'VALIDATION');
      expect(r.body.error.details[0].path).toBe('unitId');
    }
    expectOk(await user('ok-handler', 'handler', f.units.townA), 201);
    expectOk(await user('ok-dispatcher', 'dispatcher', f.units.bureau), 201);
    expectOk(await user('ok-leader', 'county_leader'), 201);
    // moving a handler into the bureau is the same mistake
    expectError(
      await s.admin.req('PATCH', `/users/${f.users.handlerA}`, { unitId: f.units.bureau }),
      400,
      'VALIDATION',
    );
    expectError(await s.admin.post('/units', { name: '第二信访局', kind: 'bureau' }), 409, 'CONFLICT');
  });
});
