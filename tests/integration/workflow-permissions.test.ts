// Who sees what: units only their own assignments; county leaders read everything and move
// nothing; the petitioner of a 检举控告 case is hidden from units; phone and ID numbers are masked
// everywhere, and seeing one in full is a logged permission.
import { describe, expect, it } from 'vitest';
import { T0 } from '../fixtures/app';
import {
  caseAt,
  eventsOf,
  expectError,
  expectOk,
  phoneCase,
  register,
  routeTo,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('pm');

const ID = '110105199001080123';
const PERSON = { name: '郑一鸣', phone: '13800138000', idNumber: ID };

describe('units see only their own work', () => {
  it('each unit’s queue holds its own assignments, whatever unit it asks for', async () => {
    const { s, f } = await county();
    const a = await caseAt(s, [], { title: '东山镇的事' });
    const b = await caseAt(s, [], { title: '西水乡的事' }, [[f.units.townB, 'lead']]);
    const both = await caseAt(s, [], { title: '两家一起办' }, [
      [f.units.townA, 'lead'],
      [f.units.townB, 'co'],
    ]);
    const titles = async (who: 'handlerA' | 'leaderA' | 'handlerB' | 'handlerDept', q = {}) =>
      expectOk(await s[who].get('/assignments', q))
        .items.map((x: any) => `${x.title}/${x.unitName}`)
        .sort();
    expect(await titles('handlerA')).toEqual(['东山镇的事/东山镇', '两家一起办/东山镇']);
    expect(await titles('leaderA')).toEqual(['东山镇的事/东山镇', '两家一起办/东山镇']);
    expect(await titles('handlerB')).toEqual(['两家一起办/西水乡', '西水乡的事/西水乡']);
    // asking for another unit's queue still answers one's own
    expect(await titles('handlerA', { unitId: f.units.townB })).toEqual([
      '东山镇的事/东山镇',
      '两家一起办/东山镇',
    ]);
    expect(await titles('handlerDept')).toEqual([]);
    // a co-handled case is visible to both, each working only its own assignment
    const seen = expectOk(await s.handlerB.get(`/cases/${both.caseId}`));
    expect(seen.assignments.find((x: any) => x.unitId === f.units.townA).actions).toEqual([]);
    expect(seen.assignments.find((x: any) => x.unitId === f.units.townB).actions).toContain('sign');
    expectError(await s.handlerB.get(`/cases/${a.caseId}`), 404, 'NOT_FOUND');
    expectError(await s.handlerA.get(`/assignments/${b.a.id}`), 404, 'NOT_FOUND');
  });

  it('units have no case list, no workbench counts and no repeat list', async () => {
    const { s } = await county();
    await caseAt(s);
    expectError(await s.handlerA.get('/cases'), 403, 'FORBIDDEN');
    expectError(await s.leaderA.get('/queues'), 403, 'FORBIDDEN');
    expectError(await s.handlerA.get('/repeat-petitioners'), 403, 'FORBIDDEN');
  });
});

describe('county leaders read only', () => {
  it('they read cases, queues and every unit’s assignments, but cannot register, route, reveal or move', async () => {
    const { s, f } = await county();
    const { a, caseId } = await caseAt(s);
    const fresh = (await register(s.dispatcher, { title: '待分派' })).case;
    expect(expectOk(await s.county.get('/cases')).items).toHaveLength(2);
    expect(expectOk(await s.county.get(`/cases/${caseId}`)).case.id).toBe(caseId);
    expect(expectOk(await s.county.get('/assignments')).items.map((x: any) => x.id)).toEqual([a.id]);
    expect(expectOk(await s.county.get('/queues')).new).toBe(1);
    expectError(await s.county.post('/cases', phoneCase()), 403, 'FORBIDDEN');
    expectError(
      await s.county.post(`/cases/${fresh.id}/route`, {
        version: fresh.version,
        units: [{ unitId: f.units.townA, role: 'lead' }],
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await s.county.post(`/cases/${fresh.id}/self-handle`, { version: 1, reply: '答复' }),
      403,
      'FORBIDDEN',
    );
    expectError(await s.county.post(`/cases/${caseId}/reveal`, { field: 'phone' }), 403, 'FORBIDDEN');
    expectError(await s.county.post(`/assignments/${a.id}/sign`, { version: 1 }), 403, 'FORBIDDEN');
    expect(expectOk(await s.county.get(`/cases/${caseId}`)).actions).toEqual([]);
    expect((await eventsOf(t, caseId)).map((e) => e.type)).not.toContain('case.contact_revealed');
  });
});

describe('a 检举控告 (accusation) case', () => {
  it('hides who the petitioner is from the units that handle it, everywhere they look', async () => {
    const { s } = await county();
    const c = await register(s.dispatcher, {
      purpose: 'accusation',
      channel: 'letter',
      title: '反映某村干部违规发放补贴',
      content: '某村村委在发放危房改造补贴时优亲厚友，请纪检部门调查。',
      petitioner: PERSON,
    });
    // the bureau sees the (masked) petitioner
    expect(c.case.petitioner).toMatchObject({ hidden: false, name: '郑一鸣', phone: '138****8000' });
    const routed = await routeTo(s.dispatcher, c.case, [[s.dispatcher.f.units.townA, 'lead']]);
    const a = routed.assignments[0];
    for (const who of ['handlerA', 'leaderA'] as const) {
      const views = [
        await s[who].get(`/cases/${c.case.id}`),
        await s[who].get(`/assignments/${a.id}`),
        await s[who].get('/assignments'),
      ];
      for (const v of views) {
        const text = JSON.stringify(expectOk(v));
        expect(text).not.toContain('郑一鸣');
        expect(text).not.toContain('138****8000');
        expect(text).not.toContain('13800138000');
        expect(text).not.toContain('110105');
      }
      expect(expectOk(views[0]!).case.petitioner).toEqual({
        hidden: true,
        name: null,
        phone: null,
        idNumber: null,
        anonymous: false,
      });
      expect(expectOk(views[0]!).actions).not.toContain('reveal');
      const r = await s[who].post(`/cases/${c.case.id}/reveal`, { field: 'phone' });
      expectError(r, 403, 'FORBIDDEN');
    }
    const signed = expectOk(await s.handlerA.post(`/assignments/${a.id}/sign`, { version: 1 }));
    expect(JSON.stringify(signed)).not.toContain('郑一鸣');
    expect((await eventsOf(t, c.case.id)).map((e) => e.type)).not.toContain('case.contact_revealed');
  });
});

describe('phone and ID numbers', () => {
  it('are masked in the registration answer, the case page, the case list and the queues', async () => {
    const { s } = await county();
    const c = await register(s.dispatcher, { petitioner: PERSON });
    await routeTo(s.dispatcher, c.case, [[s.dispatcher.f.units.townA, 'lead']]);
    const views = [
      c,
      expectOk(await s.dispatcher.get(`/cases/${c.case.id}`)),
      expectOk(await s.dispatcher.get('/cases')),
      expectOk(await s.dispatcher.get('/assignments')),
      expectOk(await s.handlerA.get(`/cases/${c.case.id}`)),
      expectOk(await s.county.get('/cases')),
    ];
    for (const v of views) {
      const text = JSON.stringify(v);
      expect(text).not.toContain('13800138000');
      expect(text).not.toContain(ID);
    }
    expect(views[1].case.petitioner).toMatchObject({ phone: '138****8000', idNumber: '110105********0123' });
    expect(views[2].items[0].petitioner).toMatchObject({
      phone: '138****8000',
      idNumber: '110105********0123',
    });
    expect(views[4].case.petitioner).toMatchObject({ name: '郑一鸣', phone: '138****8000' });
  });

  it('are revealed in full to the bureau and the handling unit, and every reveal is logged', async () => {
    const { s } = await county();
    const { caseId } = await caseAt(s, [], { petitioner: PERSON });
    const phone = expectOk(await s.dispatcher.post(`/cases/${caseId}/reveal`, { field: 'phone' }));
    expect(phone).toEqual({ value: '13800138000' });
    expect(expectOk(await s.handlerA.post(`/cases/${caseId}/reveal`, { field: 'idNumber' }))).toEqual({
      value: ID,
    });
    expectError(await s.handlerB.post(`/cases/${caseId}/reveal`, { field: 'phone' }), 404, 'NOT_FOUND');
    expectError(await s.dispatcher.post(`/cases/${caseId}/reveal`, { field: 'address' }), 400, 'VALIDATION');
    const logged = (await eventsOf(t, caseId)).filter((e) => e.type === 'case.contact_revealed');
    expect(logged.map((e) => [e.actorRole, e.payload])).toEqual([
      ['dispatcher', { field: 'phone' }],
      ['handler', { field: 'idNumber' }],
    ]);
    expect(logged.every((e) => e.at === T0 && e.actorId)).toBe(true);
    const timeline = expectOk(await s.dispatcher.get(`/cases/${caseId}`)).timeline.map((e: any) => e.text);
    expect(timeline).toContain('查看完整联系电话');
    expect(timeline).toContain('查看完整身份证号');
  });
});
