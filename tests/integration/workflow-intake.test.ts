// Intake: the bureau registers letters, visits, calls, mayor's-mailbox mail and cases sent down by a
// higher level; citizens submit on the portal. Every case gets a readable number; a retried
// registration with the same Idempotency-Key makes one case; bad input creates nothing.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { events } from '../../db/schema';
import { T0 } from '../fixtures/app';
import {
  caseRow,
  casesOf,
  eventsOf,
  expectError,
  expectOk,
  phoneCase,
  register,
  routeTo,
  sh,
  step,
  workflowBench,
} from './workflow-helpers';

const { t, county } = workflowBench('in');

const VALID_ID = '110105199001080123';

describe('the bureau registers cases from every channel', () => {
  it('a letter, a visit, a call, mayor’s-mailbox mail and a transfer are numbered 2026-000001…', async () => {
    const { s, f } = await county();
    const channels = ['letter', 'visit', 'phone', 'mailbox', 'transfer'] as const;
    const numbers: string[] = [];
    for (const channel of channels) {
      const body = register(s.dispatcher, {
        channel,
        ...(channel === 'transfer' ? { higherLevelDueAt: sh(2026, 3, 20) } : {}),
        ...(channel === 'visit' ? { peopleCount: 6, flags: { threat: true } } : {}),
      });
      const c = (await body).case;
      expect(c).toMatchObject({ channel, status: 'new', kind: 'petition' });
      numbers.push(c.number);
    }
    expect(numbers).toEqual(['2026-000001', '2026-000002', '2026-000003', '2026-000004', '2026-000005']);
    const rows = await casesOf(t, f);
    const visit = rows.find((r) => r.channel === 'visit')!;
    // six people make a collective visit (集体访); the threat flag is kept
    expect(visit).toMatchObject({ peopleCount: 6, collective: true, threat: true });
    expect(rows.find((r) => r.channel === 'transfer')!.higherLevelDueAt).toBe(sh(2026, 3, 20));
    // the dispatcher has 15 days to route, counted from receipt, ending at 24:00 Shanghai
    expect(rows[0]!.routeDueAt).toBe(sh(2026, 3, 18));
  });

  it('a citizen’s web submission takes the next number of the same county sequence', async () => {
    const { s, f } = await county();
    await register(s.dispatcher, { channel: 'letter' });
    const web = await t.client().post(
      `/api/t/${f.slug}/portal/cases`,
      {
        kind: 'petition',
        purpose: 'claim',
        title: '村道路灯损坏多月无人维修',
        content: '我村东头村道上的路灯已经坏了三个多月，晚上出行很不方便，希望有关部门尽快维修。',
        name: '张大山',
        phone: '13812348000',
      },
      { 'idempotency-key': 'portal-key-0000000001' },
    );
    expect(web.status).toBe(201);
    expect(web.body.number).toBe('2026-000002');
    const row = (await casesOf(t, f)).find((c) => c.number === '2026-000002')!;
    expect(row.channel).toBe('web');
    expect((await eventsOf(t, row.id)).map((e) => [e.type, e.actorRole])).toEqual([
      ['case.created', 'citizen'],
    ]);
    // received (收件), as a letter is registered (登记): neither is the unit's 受理
    expect(expectOk(await s.dispatcher.get(`/cases/${row.id}`)).timeline[0].text).toBe('收件（网上平台）');
    const letter = (await casesOf(t, f)).find((c) => c.channel === 'letter')!;
    expect(expectOk(await s.dispatcher.get(`/cases/${letter.id}`)).timeline[0].text).toBe('登记（来信）');
  });

  it('a case transferred from a higher level must be answered by that level’s deadline', async () => {
    const { s, f } = await county();
    const c = await register(s.dispatcher, {
      channel: 'transfer',
      purpose: 'claim',
      higherLevelDueAt: sh(2026, 3, 20),
    });
    const routed = await routeTo(s.dispatcher, c.case, [[f.units.townA, 'lead']]);
    let a = await step(s.handlerA, routed.assignments[0], 'sign');
    a = await step(s.handlerA, a, 'accept');
    // its own rule would give 60 days; the city asked for an answer by 19 March
    expect(a.replyDueAt).toBe(sh(2026, 3, 20));
    const detail = expectOk(await s.dispatcher.get(`/cases/${c.case.id}`));
    expect(detail.timeline[0].text).toBe('登记（上级转送/交办）');
  });

  it('a letter registered days after it arrived counts its deadline from arrival', async () => {
    const { s } = await county();
    const c = await register(s.dispatcher, { channel: 'letter', receivedAt: sh(2026, 2, 26, 10) });
    expect(c.case.receivedAt).toBe(sh(2026, 2, 26, 10));
    expect(c.case.routeDueAt).toBe(sh(2026, 3, 14));
    const later = await s.dispatcher.post(
      '/cases',
      phoneCase({ channel: 'letter', receivedAt: T0 + 86_400_000 }),
    );
    expectError(later, 400, 'VALIDATION');
    // nor from 1970, nor older than a year (older paper comes by the import)
    for (const receivedAt of [0, T0 - 400 * 86_400_000]) {
      const old = await s.dispatcher.post('/cases', phoneCase({ channel: 'letter', receivedAt }));
      expectError(old, 400, 'VALIDATION');
      expect(old.body.error.details[0].path).toBe('receivedAt');
    }
  });

  it('only the bureau registers: a handler and a county leader get 403 and nothing is created', async () => {
    const { s, f } = await county();
    expectError(await s.handlerA.post('/cases', phoneCase()), 403, 'FORBIDDEN');
    expectError(await s.leaderA.post('/cases', phoneCase()), 403, 'FORBIDDEN');
    expectError(await s.county.post('/cases', phoneCase()), 403, 'FORBIDDEN');
    expect(await casesOf(t, f)).toEqual([]);
  });
});

describe('a retried registration (Idempotency-Key)', () => {
  it('the same key twice makes one case and answers the same, query code and secret included', async () => {
    const { s, f } = await county();
    const key = { 'idempotency-key': 'call-20260302-0001' };
    const first = await s.dispatcher.post('/cases', phoneCase(), key);
    const again = await s.dispatcher.post('/cases', phoneCase(), key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.case.id).toBe(first.body.case.id);
    expect(again.body.case.number).toBe(first.body.case.number);
    expect(first.body.queryCode).toMatch(/^[A-Z2-9]{10}$/);
    expect(first.body.secret).toMatch(/^\d{6}$/);
    expect(again.body.queryCode).toBe(first.body.queryCode);
    expect(again.body.secret).toBe(first.body.secret);
    expect(await casesOf(t, f)).toHaveLength(1);
    expect((await eventsOf(t, first.body.case.id)).filter((e) => e.type === 'case.created')).toHaveLength(1);
  });

  it('two different keys make two cases with their own numbers and codes', async () => {
    const { s, f } = await county();
    const a = await s.dispatcher.post('/cases', phoneCase(), { 'idempotency-key': 'call-a' });
    const b = await s.dispatcher.post('/cases', phoneCase({ title: '另一件事' }), {
      'idempotency-key': 'call-b',
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.case.number).toBe('2026-000002');
    expect(b.body.queryCode).not.toBe(a.body.queryCode);
    expect(await casesOf(t, f)).toHaveLength(2);
  });

  it('the same key with another body is refused (422) and neither answers the first case nor drops the second', async () => {
    const { s, f } = await county();
    const key = { 'idempotency-key': 'call-20260302-0002' };
    const first = expectOk(await s.dispatcher.post('/cases', phoneCase(), key), 201);
    const other = await s.dispatcher.post(
      '/cases',
      phoneCase({ title: '另一位群众的另一件事', petitioner: { name: '王芳', phone: '13711112222' } }),
      key,
    );
    expectError(other, 422, 'IDEMPOTENCY_MISMATCH');
    expect(JSON.stringify(other.body)).not.toContain(first.secret);
    expect(JSON.stringify(other.body)).not.toContain(first.queryCode);
    expect(await casesOf(t, f)).toHaveLength(1);
    // the same body is still a retry
    const again = await s.dispatcher.post('/cases', phoneCase(), key);
    expect(again.status).toBe(201);
    expect(again.body.case.id).toBe(first.case.id);
  });

  it('a staff key is its holder’s: another dispatcher with the same key and body makes a case of their own', async () => {
    const { s, f } = await county();
    const key = { 'idempotency-key': 'call-20260302-0003' };
    const mine = expectOk(await s.dispatcher.post('/cases', phoneCase(), key), 201);
    const admin = await s.admin.post('/cases', phoneCase(), key);
    expect(admin.status).toBe(201);
    expect(admin.headers.get('idempotent-replayed')).toBeNull();
    expect(admin.body.case.id).not.toBe(mine.case.id);
    expect(admin.body.secret === mine.secret && admin.body.queryCode === mine.queryCode).toBe(false);
    expect(await casesOf(t, f)).toHaveLength(2);
  });

  it('a citizen’s key sent again with another citizen’s submission is refused', async () => {
    const { f } = await county();
    const body = (name: string, phone: string) => ({
      kind: 'petition',
      purpose: 'help',
      title: '村道路灯损坏多月无人维修',
      content: '我村东头村道上的路灯已经坏了三个多月，晚上出行很不方便，希望有关部门尽快维修。',
      name,
      phone,
    });
    const key = { 'idempotency-key': 'portal-key-0000000099' };
    const url = `/api/t/${f.slug}/portal/cases`;
    const first = await t.client().post(url, body('张大山', '13812348000'), key);
    expect(first.status).toBe(201);
    const other = await t.client().post(url, body('李小河', '13912348000'), key);
    expectError(other, 422, 'IDEMPOTENCY_MISMATCH');
    expect(JSON.stringify(other.body)).not.toContain(first.body.secret);
    const retry = await t.client().post(url, body('张大山', '13812348000'), key);
    expect(retry.status).toBe(201);
    expect(retry.body.number).toBe(first.body.number);
  });

  it('a retry racing the first request still makes one case', async () => {
    const { s, f } = await county();
    await s.dispatcher.login();
    const key = { 'idempotency-key': 'call-race-1' };
    const rs = await Promise.all([1, 2, 3, 4].map(() => s.dispatcher.post('/cases', phoneCase(), key)));
    expect(rs.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(rs.map((r) => r.body.case.id)).size).toBe(1);
    expect(new Set(rs.map((r) => r.body.secret)).size).toBe(1);
    expect(await casesOf(t, f)).toHaveLength(1);
  });
});

describe('anonymous cases, by kind', () => {
  it('a petition must be signed with a name; anonymous petitions are refused', async () => {
    const { s, f } = await county();
    const r = await s.dispatcher.post(
      '/cases',
      phoneCase({ petitioner: { phone: '13800138000', anonymous: true } }),
    );
    expectError(r, 400, 'VALIDATION');
    expect(r.body.error.details[0].path).toBe('petitioner.anonymous');
    const unnamed = await s.dispatcher.post('/cases', phoneCase({ petitioner: { phone: '13800138000' } }));
    expectError(unnamed, 400, 'VALIDATION');
    expect(unnamed.body.error.details[0].path).toBe('petitioner.name');
    expect(await casesOf(t, f)).toEqual([]);
  });

  it('a 问政 question and a 12345 work order may be anonymous; the name and ID are not kept', async () => {
    const { s, f } = await county();
    const q = await register(s.dispatcher, {
      kind: 'inquiry',
      purpose: 'question',
      channel: 'mailbox',
      petitioner: { name: '不愿具名', phone: '13800138000', idNumber: VALID_ID, anonymous: true },
    });
    expect(q.case.petitioner).toMatchObject({
      anonymous: true,
      name: null,
      idNumber: null,
      phone: '138****8000',
    });
    const h = await register(s.dispatcher, {
      kind: 'hotline',
      purpose: 'help',
      petitioner: { phone: '13900139000', anonymous: true },
    });
    expect(h.case.petitioner.anonymous).toBe(true);
    const rows = await casesOf(t, f);
    expect(rows.every((r) => r.petitionerName === null && r.petitionerIdNumber === null)).toBe(true);
  });

  it('a county that allows anonymous petitions accepts them', async () => {
    const { s } = await county();
    const cur = expectOk(await s.admin.get('/settings'));
    expectOk(
      await s.admin.req('PATCH', '/settings', {
        version: cur.version,
        patch: { anonymousAllowed: { petition: true, inquiry: true, hotline: true } },
      }),
    );
    const c = await register(s.dispatcher, { petitioner: { anonymous: true } });
    expect(c.case.petitioner.anonymous).toBe(true);
  });
});

describe('bad input answers 400 VALIDATION and creates nothing', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    [
      'a phone number with a digit missing',
      { petitioner: { name: '郑一鸣', phone: '1380013800' } },
      'petitioner.phone',
    ],
    [
      'a phone number that is no number at all',
      { petitioner: { name: '郑一鸣', phone: '无' } },
      'petitioner.phone',
    ],
    [
      'an ID number with a wrong check digit',
      { petitioner: { name: '郑一鸣', phone: '13800138000', idNumber: '110105199001080124' } },
      'petitioner.idNumber',
    ],
    ['an unknown category', { categoryId: 'no-such-category' }, 'categoryId'],
    ['an accusation filed as a public question', { kind: 'inquiry', purpose: 'accusation' }, 'purpose'],
    ['a department given as the township', {}, 'townshipUnitId'],
    ['a higher-level deadline on a phone call', { higherLevelDueAt: sh(2026, 3, 20) }, 'higherLevelDueAt'],
    ['an unknown channel', { channel: 'pigeon' }, 'channel'],
    ['no title', { title: '  ' }, 'title'],
  ];

  it('each mistake is named at its field, no case is made, and no number or key is used up', async () => {
    const { s, f } = await county();
    for (const [name, over, path] of bad) {
      const body = path === 'townshipUnitId' ? { townshipUnitId: f.units.deptA } : over;
      const r = await s.dispatcher.post('/cases', phoneCase(body), { 'idempotency-key': `bad-${path}` });
      expectError(r, 400, 'VALIDATION');
      expect(
        r.body.error.details.map((d: any) => d.path),
        name,
      ).toContain(path);
    }
    expect(await casesOf(t, f)).toEqual([]);
    expect(
      await t.deps.db
        .select()
        .from(events)
        .where(and(eq(events.tenantId, f.id), eq(events.type, 'case.created'))),
    ).toEqual([]);
    const ok = await s.dispatcher.post('/cases', phoneCase(), { 'idempotency-key': 'bad-categoryId' });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('idempotent-replayed')).toBeNull();
    expect(ok.body.case.number).toBe('2026-000001');
  });

  it('a valid ID number and a landline are accepted, and shown masked', async () => {
    const { s, f } = await county();
    const c = await register(s.dispatcher, {
      petitioner: { name: '郑一鸣', phone: '0591-87654321', idNumber: VALID_ID },
      categoryId: f.categoryId,
      townshipUnitId: f.units.townA,
    });
    expect(c.case.petitioner).toMatchObject({ phone: '0591****4321', idNumber: '110105********0123' });
    const row = await caseRow(t, c.case.id);
    expect(row).toMatchObject({ petitionerPhone: '059187654321', petitionerIdNumber: VALID_ID });
  });
});
