// A 复查 asked by letter, in person or by phone: the bureau registers it on the case
// (POST /cases/{id}/review-request). Before, only the portal could take one, with the case's query
// code — which an imported case and many a letter-writer do not have. And an imported history
// reads as the old system's record: found by its old number, never credited to the clerk who ran
// the import.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { caseAt, DAY, type Desks, desks, expectError, expectOk, replyFully } from './workflow-helpers';

let t: TestApp;
let n = 0;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());
// the county moved in on 1 April 2026 with its first quarter
const MOVE_IN = Date.UTC(2026, 3, 1, 1);
beforeEach(() => t.clock.set(MOVE_IN));

async function county(): Promise<{ f: TenantFixture; s: Desks }> {
  const f = await makeTenant(t, `rr${n++}`);
  return { f, s: desks(t, f) };
}

/** A case of the old system, answered on 20 March and rated; no query code in Minsheng. */
const OLD = {
  externalId: 'LSXF-2024-000645',
  kind: 'petition',
  channel: 'letter',
  purpose: 'help',
  category: '城乡建设',
  township: '东山镇',
  title: '东山镇青石路路灯不亮',
  content: '青石路一带路灯坏了半个多月，晚上出行很不安全，请尽快维修。',
  petitioner: { name: '周建国', phone: '13912345678' },
  receivedAt: '2026-03-02 09:00',
  assignments: [
    {
      unit: '东山镇',
      role: 'lead',
      events: [
        { type: 'dispatched', at: '2026-03-02 10:00' },
        { type: 'signed', at: '2026-03-02 15:00' },
        { type: 'accepted', at: '2026-03-03 09:00' },
        { type: 'replied', at: '2026-03-20 16:00', body: '已更换灯具，路灯恢复照明。' },
        { type: 'closed', at: '2026-03-20 16:05' },
      ],
    },
  ],
};

async function imported(s: Desks) {
  expectOk(
    await s.dispatcher.req('POST', '/import', JSON.stringify(OLD), {
      'content-type': 'application/x-ndjson',
    }),
    201,
  );
  const list = expectOk(await s.dispatcher.get(`/cases?q=${encodeURIComponent(OLD.externalId)}`));
  expect(list.items).toHaveLength(1);
  return expectOk(await s.dispatcher.get(`/cases/${list.items[0].id}`));
}

describe('an imported case', () => {
  it('is found by its old number, shows it, and its history is the old system’s, not the clerk’s', async () => {
    const { s } = await county();
    const detail = await imported(s);
    expect(detail.case.externalId).toBe(OLD.externalId);
    expect(detail.case.queryCode ?? null).toBeNull();
    const names = detail.timeline.map((e: any) => `${e.text}|${e.actorName}`);
    const importLine = detail.timeline.find((e: any) => e.type === 'case.imported');
    // the line reads 历史数据导入（clerk）, not 历史数据导入（历史数据导入（clerk））
    expect(importLine.text).toBe('历史数据导入');
    expect(importLine.actorName).not.toContain('历史数据导入');
    expect(importLine.actorName).toBeTruthy();
    for (const e of detail.timeline.filter((x: any) => x.type !== 'case.imported'))
      expect(e.actorName, names.join('\n')).toBe('原系统记录');
    // a unit's desk does not look numbers up: the old number is text it may not search by
    const unit = expectOk(await s.handlerA.get(`/assignments?q=${encodeURIComponent(OLD.externalId)}`));
    expect(unit.items).toHaveLength(0);
  });

  it('takes a 复查 the bureau registers from a letter; the bureau answers it as any other', async () => {
    const { s } = await county();
    const before = await imported(s);
    const id = before.case.id;
    const body = {
      version: before.case.version,
      channel: 'letter',
      reason: '路灯又坏了，对答复不服，申请复查。',
    };
    // not the units', not the county leader's, and not on a stale page
    expectError(await s.handlerA.post(`/cases/${id}/review-request`, body), 403, 'FORBIDDEN');
    expectError(await s.county.post(`/cases/${id}/review-request`, body), 403, 'FORBIDDEN');
    expectError(
      await s.dispatcher.post(`/cases/${id}/review-request`, { ...body, version: body.version - 1 }),
      409,
      'CONFLICT',
    );
    expectError(
      await s.dispatcher.post(`/cases/${id}/review-request`, { ...body, reason: ' ' }),
      400,
      'VALIDATION',
    );
    expectError(
      await s.dispatcher.post(`/cases/${id}/review-request`, { ...body, channel: 'web' }),
      400,
      'VALIDATION',
    );
    expectError(await s.dispatcher.post('/cases/01nosuchcase0000000/review-request', body), 404, 'NOT_FOUND');
    const same = expectOk(await s.dispatcher.get(`/cases/${id}`));
    expect(same.case.version).toBe(before.case.version);
    expect(same.review?.pending ?? false).toBe(false);

    const after = expectOk(await s.dispatcher.post(`/cases/${id}/review-request`, body));
    expect(after.review).toMatchObject({ level: 1, pending: true });
    const line = after.timeline.at(-1);
    expect(line).toMatchObject({ type: 'case.review_requested', text: '群众申请复查（来信，信访部门登记）' });
    expect(line.actorName).toBe('dispatcher');
    expect(expectOk(await s.dispatcher.get('/queues')).reviewRequests).toBe(1);
    // a second one waits for the opinion, as on the portal
    expectError(
      await s.dispatcher.post(`/cases/${id}/review-request`, { ...body, version: after.case.version }),
      409,
      'CONFLICT',
    );
    const answered = expectOk(
      await s.dispatcher.post(`/cases/${id}/answer-review`, {
        version: after.case.version,
        decision: 'upheld',
        opinion: '经复查，原答复属实，予以维持。',
      }),
    );
    expect(answered.review.pending).toBe(false);
  });

  it('refuses a 复查 registered after the window (30 days from the answer)', async () => {
    const { s } = await county();
    const before = await imported(s);
    t.clock.set(Date.UTC(2026, 3, 25, 2)); // answered 20 March: the window closed on 19 April
    const late = await s.dispatcher.post(`/cases/${before.case.id}/review-request`, {
      version: before.case.version,
      channel: 'visit',
      reason: '申请复查',
    });
    expectError(late, 409, 'CONFLICT');
    expect(late.body.error.message).toContain('已超过申请复查的期限');
  });
});

describe('a live case', () => {
  it('takes a 复查 registered at the bureau’s desk as from the portal; none before the answer', async () => {
    const { s } = await county();
    const { caseId, a } = await caseAt(s, ['sign', 'accept']);
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    const early = await s.dispatcher.post(`/cases/${caseId}/review-request`, {
      version: detail.case.version,
      channel: 'phone',
      reason: '申请复查',
    });
    expectError(early, 409, 'CONFLICT');
    await replyFully(s, a);
    t.clock.advance(3 * DAY);
    const now = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    const asked = expectOk(
      await s.dispatcher.post(`/cases/${caseId}/review-request`, {
        version: now.case.version,
        channel: 'visit',
        reason: '对答复不服',
      }),
    );
    expect(asked.timeline.at(-1).text).toBe('群众申请复查（来访，信访部门登记）');
    expect(asked.review.dueAt).toBeGreaterThan(t.clock.now());
  });
});
