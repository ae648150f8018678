// A refusal caused by one field of the form names that field (details[].path), so the console can
// say it under the field rather than only at the top of the dialog; and merging a case into itself
// is refused in its own words, not as a case that does not exist.
import { describe, expect, it } from 'vitest';
import type { Res } from '../fixtures/app';
import { caseAt, expectError, expectOk, register, routeTo, workflowBench } from './workflow-helpers';

const { county } = workflowBench('rp');

/** A 400 VALIDATION whose message is kept and whose details name the field at fault. */
function refusedAt(r: Res, path: string, message: string | RegExp) {
  expectError(r, 400, 'VALIDATION');
  if (typeof message === 'string') expect(r.body.error.message).toBe(message);
  else expect(r.body.error.message).toMatch(message);
  expect(r.body.error.details).toEqual([{ path, message: expect.stringMatching(/\S/) }]);
}

describe('routing refusals name the units field', () => {
  it('the same unit twice in one routing, or one already working on the case', async () => {
    const { s, f } = await county();
    const c = await register(s.dispatcher);
    const twice = await s.dispatcher.post(`/cases/${c.case.id}/route`, {
      version: c.case.version,
      units: [
        { unitId: f.units.townA, role: 'lead' },
        { unitId: f.units.townA, role: 'co' },
      ],
    });
    refusedAt(twice, 'units', '同一单位不能重复交办');

    const routed = await routeTo(s.dispatcher, c.case, [[f.units.townA, 'lead']]);
    const again = await s.dispatcher.post(`/cases/${c.case.id}/route`, {
      version: routed.case.version,
      units: [{ unitId: f.units.townA, role: 'co' }],
    });
    refusedAt(again, 'units', '同一单位不能重复交办');
  });

  it('the bureau itself as a unit', async () => {
    const { s, f } = await county();
    const c = await register(s.dispatcher);
    const r = await s.dispatcher.post(`/cases/${c.case.id}/route`, {
      version: c.case.version,
      units: [{ unitId: f.units.bureau, role: 'lead' }],
    });
    refusedAt(r, 'units', '不能交办给信访部门本身，请使用“平台自办”');
  });
});

describe('assignment move refusals name the field at fault', () => {
  it('an extension beyond the limit, asked or granted, is refused at days', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    const asked = await s.handlerA.post(`/assignments/${a.id}/request-extension`, {
      version: a.version,
      days: 99,
      reason: '需现场测量',
    });
    refusedAt(asked, 'days', /^延期天数超出上限，最多还可延期 \d+ 天$/);

    const pending = expectOk(
      await s.handlerA.post(`/assignments/${a.id}/request-extension`, {
        version: a.version,
        days: 5,
        reason: '需现场测量',
      }),
    );
    const more = await s.dispatcher.post(`/assignments/${a.id}/approve-extension`, {
      version: pending.version,
      days: 6,
    });
    refusedAt(more, 'days', '批准天数不能超过申请的 5 天');
  });

  it('a missing reason or note is refused at that field', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    refusedAt(
      await s.handlerA.post(`/assignments/${a.id}/request-extension`, {
        version: a.version,
        days: 3,
        reason: ' ',
      }),
      'reason',
      '请填写延期理由',
    );
    refusedAt(
      await s.dispatcher.post(`/assignments/${a.id}/supervise`, { version: a.version, note: ' ' }),
      'note',
      '请填写督办意见',
    );
  });

  it('a refusal about the case’s state names no field', async () => {
    const { s } = await county();
    const { a } = await caseAt(s, ['sign', 'accept']);
    const r = await s.dispatcher.post(`/assignments/${a.id}/approve-extension`, { version: a.version });
    expectError(r, 409, 'CONFLICT');
    expect(r.body.error).toMatchObject({ message: '没有待审批的延期申请', details: [] });
  });
});

describe('merging', () => {
  it('a case into itself is refused as such, at intoCaseId', async () => {
    const { s } = await county();
    const c = await register(s.dispatcher);
    const r = await s.dispatcher.post(`/cases/${c.case.id}/merge`, {
      version: c.case.version,
      intoCaseId: c.case.id,
    });
    refusedAt(r, 'intoCaseId', '不能把案件并入它自己，请选择另一件');
    expect(r.body.error.message).not.toContain('不存在');
  });

  it('into a case that does not exist, or one merged already, at intoCaseId', async () => {
    const { s } = await county();
    const a = await register(s.dispatcher);
    const b = await register(s.dispatcher);
    const c = await register(s.dispatcher);
    refusedAt(
      await s.dispatcher.post(`/cases/${c.case.id}/merge`, { version: c.case.version, intoCaseId: 'nope' }),
      'intoCaseId',
      '要并入的案件不存在',
    );
    expectOk(
      await s.dispatcher.post(`/cases/${b.case.id}/merge`, {
        version: b.case.version,
        intoCaseId: a.case.id,
      }),
    );
    refusedAt(
      await s.dispatcher.post(`/cases/${c.case.id}/merge`, {
        version: c.case.version,
        intoCaseId: b.case.id,
      }),
      'intoCaseId',
      '不能并入一个已被合并的案件',
    );
  });
});
