// Abuse resistance of the portal: the proof-of-work captcha, the honeypot, rate limits per address
// and per phone, files checked by their bytes, uniform answers to wrong query codes, and clear
// Chinese messages for every refusal — with nothing half-created.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { rateLimits } from '../../db/schema';
import { runSweepAllTenants } from '../../workers/services/workflow/sweep';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachments, cases } from '../../db/schema';
import { makeTenant, makeTestApp, type TenantFixture, type TestApp } from '../fixtures/app';
import { sha256Ascii, solveChallenge } from '../../portal/src/lib/pow';
import { MAX_ATTACHMENT_BYTES, sniffMime } from '../../workers/services/portal/attachments';
import {
  fileForm,
  fromIp,
  HTML,
  idemKey,
  inquiry,
  JPEG,
  ORIGIN,
  PDF,
  petition,
  PNG,
  portal,
  uniquePhone,
  WEBP,
} from './portal-helpers';
import { desks, expectError, expectOk } from './workflow-helpers';

let t: TestApp;
let f: TenantFixture;
beforeEach(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'qingshan');
});
afterEach(async () => t.close());

const caseCount = async (tenantId = f.id) =>
  (await t.deps.db.select().from(cases).where(eq(cases.tenantId, tenantId))).length;
const HOUR = 3_600_000;

describe('the proof-of-work captcha', () => {
  beforeEach(() => {
    t.deps.captcha = { disabled: false, maxNumber: 2000 };
  });

  it("the browser's SHA-256 agrees with the server's", () => {
    for (const s of [
      '',
      'abc',
      'x'.repeat(55),
      'y'.repeat(56),
      'z'.repeat(64),
      'salt?expires=123456'.repeat(7),
    ]) {
      expect(sha256Ascii(s)).toBe(createHash('sha256').update(s).digest('hex'));
    }
  });

  it('a solved challenge lets one submission through, once', async () => {
    const c = t.client();
    expect((await c.get(`${portal(f.slug)}/info`)).body.captcha.required).toBe(true);
    const challenge = (await c.get(`${portal(f.slug)}/captcha`)).body;
    expect(challenge).toMatchObject({ algorithm: 'SHA-256', maxnumber: 2000 });
    expect(challenge.salt).toMatch(/\?expires=\d+$/);
    const captcha = await solveChallenge(challenge);
    expect(captcha).toBeTruthy();

    const key = idemKey();
    const first = await c.post(`${portal(f.slug)}/cases`, petition({ captcha }), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    // The same submission retried with the same solution answers the same case.
    const retry = await c.post(`${portal(f.slug)}/cases`, petition({ captcha }), { 'idempotency-key': key });
    expect(retry.body).toEqual(first.body);
    // A new submission cannot reuse the solution.
    const reuse = await c.post(`${portal(f.slug)}/cases`, petition({ captcha }), {
      'idempotency-key': idemKey(),
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error.details[0].path).toBe('captcha');
    expect(reuse.body.error.message).toContain('安全验证');
    expect(await caseCount()).toBe(1);
  });

  it('a missing, wrong, expired or foreign solution is refused', async () => {
    const c = t.client();
    const missing = await c.post(`${portal(f.slug)}/cases`, petition({ phone: uniquePhone() }), {
      'idempotency-key': idemKey(),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('captcha');

    const challenge = (await c.get(`${portal(f.slug)}/captcha`)).body;
    const good = JSON.parse(atob((await solveChallenge(challenge))!));
    const wrong = btoa(JSON.stringify({ ...good, number: good.number + 1 }));
    expect(
      (
        await c.post(`${portal(f.slug)}/cases`, petition({ phone: uniquePhone(), captcha: wrong }), {
          'idempotency-key': idemKey(),
        })
      ).status,
    ).toBe(400);
    const forged = btoa(JSON.stringify({ ...good, signature: 'f'.repeat(64) }));
    expect(
      (
        await c.post(`${portal(f.slug)}/cases`, petition({ phone: uniquePhone(), captcha: forged }), {
          'idempotency-key': idemKey(),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await c.post(`${portal(f.slug)}/cases`, petition({ phone: uniquePhone(), captcha: 'not-base64!' }), {
          'idempotency-key': idemKey(),
        })
      ).status,
    ).toBe(400);

    const other = await makeTenant(t, 'lushui');
    const foreign = await solveChallenge((await c.get(`${portal(other.slug)}/captcha`)).body);
    expect(
      (
        await c.post(`${portal(f.slug)}/cases`, petition({ phone: uniquePhone(), captcha: foreign }), {
          'idempotency-key': idemKey(),
        })
      ).status,
    ).toBe(400);

    t.clock.advance(4 * HOUR);
    const expired = btoa(JSON.stringify(good));
    expect(
      (
        await c.post(`${portal(f.slug)}/cases`, petition({ phone: uniquePhone(), captcha: expired }), {
          'idempotency-key': idemKey(),
        })
      ).status,
    ).toBe(400);
    expect(await caseCount()).toBe(0);
  });
});

describe('the honeypot and the idempotency key', () => {
  it('a filled honeypot is refused and creates nothing', async () => {
    const r = await t.client().post(`${portal(f.slug)}/cases`, petition({ website: 'http://spam.example' }), {
      'idempotency-key': idemKey(),
    });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await caseCount()).toBe(0);
  });

  it('a submission without an Idempotency-Key is refused', async () => {
    const r = await t.client().post(`${portal(f.slug)}/cases`, petition());
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('Idempotency-Key');
  });
});

describe('validation answers in Chinese, at the field', () => {
  const submit = (body: Record<string, unknown>) =>
    t.client().post(`${portal(f.slug)}/cases`, body, { 'idempotency-key': idemKey() });

  it('names the missing or wrong fields', async () => {
    const r = await submit(petition({ title: '', content: '太短' }));
    expect(r.status).toBe(400);
    const paths = r.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'content']));
    expect(r.body.error.details.find((d: { path: string }) => d.path === 'content').message).toBe(
      '内容至少 10 个字',
    );
  });

  it('counts lengths in characters as the form does: an emoji is one', async () => {
    // 4 characters (8 UTF-16 units) make a title; 4,990 字 and 10 emoji make 5,000 characters
    const long = `${'长'.repeat(4990)}${'😀'.repeat(10)}`;
    expect((await submit(petition({ title: '😀😀😀😀', content: long }))).status).toBe(201);
    const over = await submit(petition({ content: `${long}字` }));
    expect(over.status).toBe(400);
    expect(over.body.error.details[0]).toMatchObject({ path: 'content', message: '内容不能超过 5000 个字' });
    expect((await submit(petition({ title: '😀😀😀' }))).body.error.details[0].path).toBe('title');
  });

  it('a petition needs a name unless the county allows anonymity, and a phone', async () => {
    expect((await submit(petition({ name: '' }))).body.error.details[0]).toMatchObject({
      path: 'name',
      message: '请填写姓名',
    });
    expect((await submit(petition({ anonymous: true }))).body.error.details[0].path).toBe('anonymous');
    const noPhone = await submit(petition({ phone: '' }));
    expect(noPhone.body.error.details[0]).toMatchObject({ path: 'phone' });
    expect((await submit(petition({ phone: '12345' }))).body.error.details[0]).toMatchObject({
      path: 'phone',
      message: '联系电话格式不正确',
    });
    expect((await submit(petition({ idNumber: '110105199001010124' }))).body.error.details[0].path).toBe(
      'idNumber',
    );
    expect(await caseCount()).toBe(0);
  });

  it('an accusation cannot be a public question', async () => {
    const r = await submit(inquiry({ purpose: 'accusation' }));
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('purpose');
  });

  it('unknown categories and townships are refused', async () => {
    expect((await submit(petition({ categoryId: 'nope' }))).body.error.details[0].path).toBe('categoryId');
    expect((await submit(petition({ townshipUnitId: f.units.deptA }))).body.error.details[0].path).toBe(
      'townshipUnitId',
    );
  });
});

describe('rate limits', () => {
  it('one phone number may submit 5 cases a day; the 6th gets 429 with Retry-After', async () => {
    const c = t.client();
    for (let i = 0; i < 5; i++) {
      expect(
        (await c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() })).status,
      ).toBe(201);
    }
    const sixth = await c.post(`${portal(f.slug)}/cases`, petition({ phone: '138 1234 8000' }), {
      'idempotency-key': idemKey(),
    });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('RATE_LIMITED');
    expect(sixth.body.error.message).toContain('后再试');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await caseCount()).toBe(5);
    // The next day the limit starts again.
    t.clock.advance(24 * HOUR);
    expect(
      (await c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() })).status,
    ).toBe(201);
  });

  it("the submission limits are the county's setting: a bureau lowers the per-phone limit to 2", async () => {
    const admin = desks(t, f).admin;
    const current = expectOk(await admin.get('/settings'));
    expect(current.settings.portalLimits).toEqual({ submitPerIpPerHour: 30, submitPerPhonePerDay: 5 });
    const patch = (portalLimits: unknown) =>
      admin.req('PATCH', '/settings', { version: current.version, patch: { portalLimits } });
    expectError(await patch({ submitPerPhonePerDay: 0 }), 400, 'VALIDATION');
    expectOk(await patch({ submitPerPhonePerDay: 2 }));
    const c = t.client();
    const send = (slug: string) =>
      c.post(`${portal(slug)}/cases`, petition({ phone: '139 0000 1111' }), { 'idempotency-key': idemKey() });
    expect((await send(f.slug)).status).toBe(201);
    expect((await send(f.slug)).status).toBe(201);
    const third = await send(f.slug);
    expect(third.status).toBe(429);
    expect(third.body.error.message).toContain('同一电话号码提交');
    expect(await caseCount()).toBe(2);
    // another county keeps the default
    const other = await makeTenant(t, 'baishui');
    for (let i = 0; i < 3; i++) expect((await send(other.slug)).status).toBe(201);
  });

  it('the sweep forgets windows older than two days, and a county counts again from zero', async () => {
    const c = t.client();
    await c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const rows = async () => (await t.deps.db.select().from(rateLimits)).length;
    expect(await rows()).toBeGreaterThanOrEqual(2);
    await runSweepAllTenants(t.deps);
    expect(await rows()).toBeGreaterThanOrEqual(2);
    t.clock.advance(3 * 24 * HOUR);
    await runSweepAllTenants(t.deps);
    expect(await rows()).toBe(0);
  });

  it('a retry of a submission that went through is answered even over the limit', async () => {
    const c = t.client();
    const keys = Array.from({ length: 5 }, () => idemKey());
    for (const k of keys) await c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': k });
    const retry = await c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': keys[0]! });
    expect(retry.status).toBe(201);
  });

  it('one address may submit 30 cases an hour; other addresses are not affected', async () => {
    for (let i = 0; i < 30; i++) {
      const r = await fromIp(t, '10.1.2.3', 'POST', `${portal(f.slug)}/cases`, inquiry(), {
        'idempotency-key': idemKey(),
      });
      expect(r.status).toBe(201);
    }
    const over = await fromIp(t, '10.1.2.3', 'POST', `${portal(f.slug)}/cases`, inquiry(), {
      'idempotency-key': idemKey(),
    });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    const elsewhere = await fromIp(t, '10.9.9.9', 'POST', `${portal(f.slug)}/cases`, inquiry(), {
      'idempotency-key': idemKey(),
    });
    expect(elsewhere.status).toBe(201);
    // The same limit in another county is counted apart.
    const other = await makeTenant(t, 'lushui');
    const there = await fromIp(t, '10.1.2.3', 'POST', `${portal(other.slug)}/cases`, inquiry(), {
      'idempotency-key': idemKey(),
    });
    expect(there.status).toBe(201);
  });

  it('IPv6 clients are limited by their /64', async () => {
    for (let i = 0; i < 30; i++) {
      await fromIp(t, `2001:db8:1:2::${i.toString(16)}`, 'POST', `${portal(f.slug)}/cases`, inquiry(), {
        'idempotency-key': idemKey(),
      });
    }
    const r = await fromIp(t, '2001:db8:1:2:ffff::1', 'POST', `${portal(f.slug)}/cases`, inquiry(), {
      'idempotency-key': idemKey(),
    });
    expect(r.status).toBe(429);
  });
});

describe('attachments are checked by their bytes', () => {
  const upload = (bytes: Uint8Array, name: string, type: string) =>
    t.client().req('POST', `${portal(f.slug)}/attachments`, fileForm(bytes, name, type), ORIGIN);

  it('knows JPEG, PNG, WebP and PDF by their magic numbers', () => {
    expect(sniffMime(JPEG)).toBe('image/jpeg');
    expect(sniffMime(PNG)).toBe('image/png');
    expect(sniffMime(WEBP)).toBe('image/webp');
    expect(sniffMime(PDF)).toBe('application/pdf');
    expect(sniffMime(HTML)).toBeNull();
    expect(
      sniffMime(new Uint8Array([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45])),
    ).toBeNull();
  });

  it('a web page named photo.jpg is refused (415), whatever the browser claims', async () => {
    const r = await upload(HTML, 'photo.jpg', 'image/jpeg');
    expect(r.status).toBe(415);
    expect(r.body.error.message).toBe('只能上传 JPG、PNG、WebP 图片或 PDF 文件');
    expect(await t.deps.db.select().from(attachments)).toHaveLength(0);
  });

  it('a PNG named .pdf is stored as the PNG it is', async () => {
    const r = await upload(PNG, '../../etc/passwd.pdf', 'application/pdf');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ mime: 'image/png', fileName: 'passwd.png' });
  });

  it('a file over 10 MB is refused (413), an empty one and a missing one are explained', async () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(JPEG);
    const r = await upload(big, 'big.jpg', 'image/jpeg');
    expect(r.status).toBe(413);
    expect(r.body.error.message).toContain('10 MB');
    expect((await upload(new Uint8Array(0), 'empty.jpg', 'image/jpeg')).status).toBe(400);
    const none = await t.client().req('POST', `${portal(f.slug)}/attachments`, new FormData(), ORIGIN);
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe('请选择要上传的文件');
  });

  it("a case cannot take another county's attachment, one already used, or more than six", async () => {
    const other = await makeTenant(t, 'lushui');
    const foreign = await t
      .client()
      .req('POST', `${portal(other.slug)}/attachments`, fileForm(JPEG, 'a.jpg', 'image/jpeg'), ORIGIN);
    const r1 = await t
      .client()
      .post(`${portal(f.slug)}/cases`, petition({ attachmentIds: [foreign.body.id] }), {
        'idempotency-key': idemKey(),
      });
    expect(r1.status).toBe(400);
    expect(r1.body.error.details[0].path).toBe('attachmentIds');

    const mine = await upload(JPEG, 'a.jpg', 'image/jpeg');
    expect(
      (
        await t.client().post(`${portal(f.slug)}/cases`, petition({ attachmentIds: [mine.body.id] }), {
          'idempotency-key': idemKey(),
        })
      ).status,
    ).toBe(201);
    const reused = await t
      .client()
      .post(`${portal(f.slug)}/cases`, petition({ attachmentIds: [mine.body.id] }), {
        'idempotency-key': idemKey(),
      });
    expect(reused.status).toBe(400);

    const seven = Array.from({ length: 7 }, (_, i) => `id${i}`);
    const tooMany = await t
      .client()
      .post(`${portal(f.slug)}/cases`, petition({ attachmentIds: seven }), { 'idempotency-key': idemKey() });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].message).toBe('附件最多 6 个');
  });

  it('a cross-site form post is refused (CSRF guard)', async () => {
    const r = await t
      .client()
      .req('POST', `${portal(f.slug)}/attachments`, fileForm(JPEG, 'a.jpg', 'image/jpeg'), {
        origin: 'https://evil.example',
      });
    expect(r.status).toBe(403);
  });
});

describe('tracking cannot enumerate cases', () => {
  it('a wrong secret and an unknown code get the same 404 message', async () => {
    const c = t.client();
    const sub = await c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const wrongSecret = await c.post(`${portal(f.slug)}/track`, {
      queryCode: sub.body.queryCode,
      secret: '000000',
    });
    const unknownCode = await c.post(`${portal(f.slug)}/track`, {
      queryCode: 'ZZZZZZZZZZ',
      secret: sub.body.secret,
    });
    expect(wrongSecret.status).toBe(404);
    expect(unknownCode.status).toBe(404);
    expect(unknownCode.body.error.message).toBe(wrongSecret.body.error.message);
    expect(wrongSecret.body.error.message).toBe('查询码或查询密码不正确，请核对回执后重新输入');
    // Rating and review answer the same way.
    const rate = await c.post(`${portal(f.slug)}/rate`, {
      queryCode: sub.body.queryCode,
      secret: '000000',
      ratings: [{ assignmentId: 'x', value: 'satisfied' }],
    });
    expect(rate.status).toBe(404);
    expect(rate.body.error.message).toBe(wrongSecret.body.error.message);
  });

  it("another county's code is not found here", async () => {
    const other = await makeTenant(t, 'lushui');
    const sub = await t
      .client()
      .post(`${portal(other.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const r = await t
      .client()
      .post(`${portal(f.slug)}/track`, { queryCode: sub.body.queryCode, secret: sub.body.secret });
    expect(r.status).toBe(404);
  });

  it('guessing one code’s secret is stopped: 10 wrong tries an hour from one address, 100 from anywhere; its owner still gets in', async () => {
    const sub = await t
      .client()
      .post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const guess = (ip: string, secret: string) =>
      fromIp(t, ip, 'POST', `${portal(f.slug)}/track`, { queryCode: sub.body.queryCode, secret });
    for (let i = 0; i < 10; i++) expect((await guess('10.0.0.1', String(i))).status).toBe(404);
    // the 11th from that address is refused without being tried, the right secret too
    const shut = await guess('10.0.0.1', sub.body.secret);
    expect(shut.status).toBe(429);
    expect(shut.body.error.message).toContain('查询过于频繁');
    // a stranger's wrong tries do not shut the owner out from their own phone
    expect((await guess('10.0.99.1', sub.body.secret)).status).toBe(200);
    // from many addresses, 100 wrong tries an hour close the code for everyone
    for (let i = 10; i < 100; i++) expect((await guess(`10.1.${i}.1`, String(i))).status).toBe(404);
    expect((await guess('10.0.99.2', sub.body.secret)).status).toBe(429);
    t.clock.advance(HOUR);
    expect((await guess('10.0.99.2', sub.body.secret)).status).toBe(200);
  });

  it('one address may look up 60 times in 10 minutes, right or wrong', async () => {
    for (let i = 0; i < 60; i++) {
      await fromIp(t, '10.7.7.7', 'POST', `${portal(f.slug)}/track`, { queryCode: `CODE${i}`, secret: '1' });
    }
    const r = await fromIp(t, '10.7.7.7', 'POST', `${portal(f.slug)}/track`, {
      queryCode: 'CODEX',
      secret: '1',
    });
    expect(r.status).toBe(429);
  });
});
