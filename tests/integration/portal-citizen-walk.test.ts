// What a first-time citizen meets on the tracking side: a code typed with a Chinese input method
// in full-width mode (全角) still finds the case, and the case's page says who owes the next step
// and by when — the bureau's routing deadline, then the unit's deadlines to accept and to answer; a
// parent who rated a 问政 answer 基本满意 may still ask for 复查 twenty days on (30 from the reply).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUERY_CODE_LENGTH, QUERY_CODE_LETTERS } from '../../workers/services/portal/query-code';
import { as, makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { answerThroughStaff, idemKey, inquiry, petition, portal, townStaff } from './portal-helpers';

let t: TestApp;
let f: TenantFixture;
beforeEach(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'walk');
});
afterEach(async () => t.close());

const fullWidth = (s: string) =>
  [...s].map((ch) => (ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');

async function submitted(body: Record<string, unknown> = petition()) {
  const citizen = t.client();
  const sub = await citizen.post(`${portal(f.slug)}/cases`, body, { 'idempotency-key': idemKey() });
  expect(sub.status).toBe(201);
  return {
    citizen,
    sub: sub.body as { number: string; queryCode: string; secret: string; routeDueAt: number | null },
  };
}

describe('a query code as the citizen types it', () => {
  it('is made of the letters the portal tells the citizen about', async () => {
    const { sub } = await submitted();
    expect(sub.queryCode).toHaveLength(QUERY_CODE_LENGTH);
    expect([...sub.queryCode].every((ch) => QUERY_CODE_LETTERS.includes(ch))).toBe(true);
    expect(sub.secret).toMatch(/^\d{6}$/);
  });

  it('typed in full-width (全角) letters and digits, with spaces, still finds the case', async () => {
    const { citizen, sub } = await submitted();
    const code = `${sub.queryCode.slice(0, 5)}\u3000${sub.queryCode.slice(5)}`.toLowerCase();
    const r = await citizen.post(`${portal(f.slug)}/track`, {
      queryCode: fullWidth(code),
      secret: fullWidth(sub.secret),
    });
    expect(r.status).toBe(200);
    expect(r.body.number).toBe(sub.number);
  });
});

describe('the tracking page of a new case', () => {
  it("says when the bureau must route it, then each unit's deadline to accept", async () => {
    const { citizen, sub } = await submitted(inquiry());
    const creds = { queryCode: sub.queryCode, secret: sub.secret };
    const dispatcher = await as(t, f, 'dispatcher');
    const list = await dispatcher.get(`/api/t/${f.slug}/cases?q=${sub.number}`);
    const c = list.body.items.find((i: { number: string }) => i.number === sub.number);
    const detail = await dispatcher.get(`/api/t/${f.slug}/cases/${c.id}`);

    // the receipt says it first: by when the bureau passes it on
    expect(sub.routeDueAt).toBe(detail.body.case.routeDueAt);
    const fresh = await citizen.post(`${portal(f.slug)}/track`, creds);
    expect(fresh.status).toBe(200);
    expect(fresh.body.progress).toEqual({ routeDueAt: detail.body.case.routeDueAt, units: [] });
    expect(typeof fresh.body.progress.routeDueAt).toBe('number');

    const routed = await dispatcher.post(`/api/t/${f.slug}/cases/${c.id}/route`, {
      version: c.version,
      units: [{ unitId: f.units.townA, role: 'lead' }],
    });
    expect(routed.status).toBe(200);
    const a = routed.body.assignments[0];
    const after = await citizen.post(`${portal(f.slug)}/track`, creds);
    expect(after.body.progress).toEqual({
      routeDueAt: null,
      units: [{ unitName: '东山镇', role: 'lead', step: 'accept', dueAt: a.acceptDueAt, at: null }],
    });
  });
});

const DAY = 86_400_000;

describe('a young parent who asked in public', () => {
  const answered = async (submission: Record<string, unknown>) => {
    const { citizen, sub } = await submitted(submission);
    const creds = { queryCode: sub.queryCode, secret: sub.secret };
    const staff = await townStaff(t, f);
    const { assignmentId } = await answerThroughStaff(
      staff,
      f.slug,
      sub.number,
      f.units.townA,
      '请携带户口簿和出生证明，于明年6月到学区所在小学报名。',
    );
    return { citizen, creds, assignmentId };
  };
  const ask = (citizen: Awaited<ReturnType<typeof answered>>['citizen'], creds: object) =>
    citizen.post(`${portal(f.slug)}/review`, {
      ...creds,
      kind: 'review',
      reason: '报名时间写得不具体，请说明具体日期。',
    });

  it('rates the answer 基本满意; twenty days on a 问政 offers no 复查, which is for 信访事项', async () => {
    const { citizen, creds, assignmentId } = await answered(inquiry({ title: '孩子明年入学要准备什么材料' }));
    const rated = await citizen.post(`${portal(f.slug)}/rate`, {
      ...creds,
      ratings: [{ assignmentId, value: 'basic' }],
    });
    expect(rated.status).toBe(200);
    expect(rated.body.rating.given.map((g: { value: string }) => g.value)).toEqual(['basic']);

    t.clock.advance(20 * DAY);
    const later = await citizen.post(`${portal(f.slug)}/track`, creds);
    expect(later.body.canRequestReview).toBe(false);
    expect(later.body.reviewDueAt).toBeNull();
    const asked = await ask(citizen, creds);
    expect(asked.status).toBe(409);
    expect(asked.body.error.message).toContain('复查、复核只适用于信访事项');
  });

  it('a 信访事项 answered twenty days ago may still be asked for 复查, once', async () => {
    const { citizen, creds } = await answered(petition({ title: '孩子入学被拒收' }));
    t.clock.advance(20 * DAY);
    const later = await citizen.post(`${portal(f.slug)}/track`, creds);
    expect(later.body.canRequestReview).toBe(true);
    expect(later.body.reviewDueAt).toBeGreaterThan(t.clock.now());
    const asked = await ask(citizen, creds);
    expect(asked.status).toBe(200);
    expect(asked.body.reviewPending).toBe(true);
    expect(asked.body.canRequestReview).toBe(false);
    expect((await ask(citizen, creds)).status).toBe(409);
  });
});
