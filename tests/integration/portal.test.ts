// The citizen portal's happy paths: a county's page data, submitting with attachments, the
// receipt, tracking, and the public 问政 board.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachments, cases } from '../../db/schema';
import { ADMIN, makeTenant, makeTestApp, PASSWORD, type TenantFixture, type TestApp } from '../fixtures/app';
import {
  fileForm,
  idemKey,
  inquiry,
  JPEG,
  ORIGIN,
  PDF,
  petition,
  portal,
  publishDirectly,
} from './portal-helpers';

let t: TestApp;
let f: TenantFixture;
beforeEach(async () => {
  t = await makeTestApp();
  f = await makeTenant(t, 'qingshan');
});
afterEach(async () => t.close());

describe('a county portal page', () => {
  it('shows the county name, categories, townships and what the county allows', async () => {
    const r = await t.client().get(`${portal(f.slug)}/info`);
    expect(r.status).toBe(200);
    expect(r.body.tenant).toEqual({ slug: 'qingshan', name: 'qingshan县' });
    expect(r.body.branding.portalTitle).toContain('qingshan县');
    expect(r.body.categories.map((c: { name: string }) => c.name)).toContain('城乡建设');
    expect(r.body.townships.map((u: { name: string }) => u.name).sort()).toEqual(['东山镇', '西水乡']);
    expect(r.body.units.some((u: { kind: string }) => u.kind === 'bureau')).toBe(false);
    expect(r.body.anonymousAllowed).toEqual({ petition: false, inquiry: true });
    expect(r.body.ratingWindowDays).toBe(15);
    expect(r.body.captcha.required).toBe(false);
  });

  it('a county that does not exist is not found', async () => {
    const r = await t.client().get('/api/t/nowhere/portal/info');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });

  it('every portal route is in the OpenAPI document with its input schema', async () => {
    const doc = (await t.client().get('/api/openapi.json')).body;
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/api/t/{tenant}/portal'));
    expect(paths.sort()).toEqual(
      [
        '/api/t/{tenant}/portal/attachments',
        '/api/t/{tenant}/portal/board',
        '/api/t/{tenant}/portal/board/{number}',
        '/api/t/{tenant}/portal/captcha',
        '/api/t/{tenant}/portal/cases',
        '/api/t/{tenant}/portal/info',
        '/api/t/{tenant}/portal/papers',
        '/api/t/{tenant}/portal/rate',
        '/api/t/{tenant}/portal/review',
        '/api/t/{tenant}/portal/track',
      ].sort(),
    );
    const submit = doc.paths['/api/t/{tenant}/portal/cases'].post;
    expect(submit.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['kind', 'purpose', 'title', 'content']),
    );
    expect(submit.security).toEqual([]);
    const board = doc.paths['/api/t/{tenant}/portal/board'].get;
    expect(board.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'cursor']),
    );
  });
});

describe('a county still being set up', () => {
  it('shows its pages but takes no submission, captcha or upload until it has a category and a dispatcher', async () => {
    const root = t.client();
    await root.login(ADMIN.login, ADMIN.password);
    const created = await root.post('/api/admin/tenants', { slug: 'baishi', name: '白石县' });
    expect(created.status).toBe(201);
    const c = t.client();
    const base = portal('baishi');
    expect((await c.get(`${base}/info`)).body.open).toBe(false);
    const before = await c.post(`${base}/cases`, petition(), { 'idempotency-key': idemKey() });
    expect(before.status).toBe(409);
    expect(before.body.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('尚未开通'),
    });
    expect((await c.get(`${base}/captcha`)).status).toBe(409);
    const upload = await c.req('POST', `${base}/attachments`, fileForm(JPEG, 'a.jpg', 'image/jpeg'), ORIGIN);
    expect(upload.status).toBe(409);
    // nothing was written for the refused submission
    expect(await t.deps.db.select().from(cases).where(eq(cases.tenantId, created.body.id))).toHaveLength(0);

    // a category alone does not open it; a dispatcher too does, at once (no cached refusal)
    await root.post('/api/t/baishi/categories', { name: '城乡建设' });
    expect((await c.post(`${base}/cases`, petition(), { 'idempotency-key': idemKey() })).status).toBe(409);
    await root.post('/api/t/baishi/users', {
      login: 'baishi.dispatcher',
      password: PASSWORD,
      name: '调度员',
      role: 'dispatcher',
      unitId: created.body.bureauUnitId,
    });
    expect((await c.get(`${base}/info`)).body.open).toBe(true);
    const after = await c.post(`${base}/cases`, petition(), { 'idempotency-key': idemKey() });
    expect(after.status).toBe(201);
    expect((await c.get(`${portal(f.slug)}/info`)).body.open).toBe(true);
  });
});

describe('a citizen submits a complaint', () => {
  it('with a photo and a PDF, and gets a number, query code and secret', async () => {
    const c = t.client();
    const photo = await c.req(
      'POST',
      `${portal(f.slug)}/attachments`,
      fileForm(JPEG, 'IMG_0001.JPG', 'image/jpeg'),
      ORIGIN,
    );
    expect(photo.status).toBe(201);
    expect(photo.body).toMatchObject({ fileName: 'IMG_0001.jpg', mime: 'image/jpeg', size: JPEG.byteLength });
    const pdf = await c.req(
      'POST',
      `${portal(f.slug)}/attachments`,
      fileForm(PDF, '证明材料.pdf', 'application/pdf'),
      ORIGIN,
    );
    expect(pdf.status).toBe(201);

    const r = await c.post(
      `${portal(f.slug)}/cases`,
      petition({
        categoryId: f.categoryId,
        townshipUnitId: f.units.townA,
        attachmentIds: [photo.body.id, pdf.body.id],
      }),
      { 'idempotency-key': idemKey() },
    );
    expect(r.status).toBe(201);
    expect(r.body.number).toMatch(/^2026-\d{6}$/);
    expect(r.body.queryCode).toMatch(/^[A-Z0-9]{6,}$/);
    expect(r.body.secret).toMatch(/^\S{4,}$/);

    const row = (await t.deps.db.select().from(cases).where(eq(cases.number, r.body.number)))[0]!;
    expect(row).toMatchObject({
      tenantId: f.id,
      channel: 'web',
      kind: 'petition',
      status: 'new',
      petitionerName: '张大山',
    });
    expect(row.querySecretHash).not.toContain(r.body.secret);
    const files = await t.deps.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.tenantId, f.id), eq(attachments.caseId, row.id)));
    expect(files).toHaveLength(2);
    const stored = await t.deps.files.get(files.find((x) => x.mime === 'image/jpeg')!.storageKey);
    expect(stored?.bytes).toEqual(JPEG);
  });

  it('sending the same submission twice (double tap, retry) creates one case with one answer', async () => {
    const c = t.client();
    const key = idemKey();
    const [a, b] = await Promise.all([
      c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': key }),
      c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': key }),
    ]);
    const again = await c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': key });
    expect([a.status, b.status, again.status]).toEqual([201, 201, 201]);
    expect(b.body).toEqual(a.body);
    expect(again.body).toEqual(a.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const rows = await t.deps.db.select().from(cases).where(eq(cases.tenantId, f.id));
    expect(rows).toHaveLength(1);
  });

  it('an anonymous public question (问政) is accepted where the county allows it', async () => {
    const r = await t.client().post(`${portal(f.slug)}/cases`, inquiry(), { 'idempotency-key': idemKey() });
    expect(r.status).toBe(201);
    const row = (await t.deps.db.select().from(cases).where(eq(cases.number, r.body.number)))[0]!;
    expect(row).toMatchObject({ kind: 'inquiry', anonymous: true, isPublic: true, petitionerName: null });
  });
});

describe('tracking a case', () => {
  it('with the right code and secret shows what happened, in Chinese, without internal data', async () => {
    const c = t.client();
    const sub = await c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const r = await c.post(`${portal(f.slug)}/track`, {
      queryCode: sub.body.queryCode,
      secret: sub.body.secret,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ number: sub.body.number, kind: 'petition', status: 'new', replies: [] });
    expect(r.body.timeline[0].text).toContain('已收到');
    expect(r.body.rating).toMatchObject({ open: false, assignments: [] });
    expect(JSON.stringify(r.body)).not.toContain('13812348000');
    expect(JSON.stringify(r.body)).not.toContain('张大山');
  });

  it('lower-case codes with spaces, as people type them, still match', async () => {
    const c = t.client();
    const sub = await c.post(`${portal(f.slug)}/cases`, petition(), { 'idempotency-key': idemKey() });
    const code = ` ${sub.body.queryCode.slice(0, 5).toLowerCase()} ${sub.body.queryCode.slice(5).toLowerCase()} `;
    const r = await c.post(`${portal(f.slug)}/track`, { queryCode: code, secret: ` ${sub.body.secret} ` });
    expect(r.status).toBe(200);
  });
});

describe('the public 问政 board', () => {
  async function askAndPublish(title: string, content: string, answer: string, at: number, over = {}) {
    const sub = await t.client().post(`${portal(f.slug)}/cases`, inquiry({ title, content, ...over }), {
      'idempotency-key': idemKey(),
    });
    expect(sub.status).toBe(201);
    await publishDirectly(t, f.id, sub.body.number, answer, at);
    return sub.body.number as string;
  }

  it('lists published public answers, newest first, and each has its own page', async () => {
    const n1 = await askAndPublish(
      '学校门口交通拥堵',
      '每天放学时学校门口非常拥堵，建议增加交警疏导。',
      '已安排交警在放学时段疏导。',
      1000,
    );
    const n2 = await askAndPublish(
      '医保缴费在哪里办',
      '请问医保在哪里缴费？',
      '可在镇政府便民服务中心缴费。',
      2000,
    );
    // A question answered but not published, and one published but private, stay off the board.
    await t.client().post(`${portal(f.slug)}/cases`, inquiry({ title: '未公开的问题内容' }), {
      'idempotency-key': idemKey(),
    });
    const priv = await t
      .client()
      .post(`${portal(f.slug)}/cases`, inquiry({ title: '不愿公开的问题', isPublic: false }), {
        'idempotency-key': idemKey(),
      });
    await publishDirectly(t, f.id, priv.body.number, '答复', 3000);
    await t.deps.db.update(cases).set({ isPublic: false }).where(eq(cases.number, priv.body.number));

    const r = await t.client().get(`${portal(f.slug)}/board`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { number: string }) => i.number)).toEqual([n2, n1]);
    expect(r.body.items[0]).toMatchObject({
      title: '医保缴费在哪里办',
      answer: '可在镇政府便民服务中心缴费。',
      answeredAt: 2000,
    });
    expect(r.body.nextCursor).toBeNull();

    const one = await t.client().get(`${portal(f.slug)}/board/${n1}`);
    expect(one.status).toBe(200);
    expect(one.body.question).toContain('学校门口');
    expect((await t.client().get(`${portal(f.slug)}/board/${priv.body.number}`)).status).toBe(404);
  });

  it('never shows personal data, even typed into the question', async () => {
    const n = await askAndPublish(
      '关于低保申请的问题',
      '我叫李四，电话13812348000，身份证110105199001010123，想问低保怎么申请。',
      '请联系 139 1234 5678 咨询。',
      1000,
      { anonymous: false, name: '李四' },
    );
    const r = await t.client().get(`${portal(f.slug)}/board/${n}`);
    const text = JSON.stringify(r.body);
    expect(text).not.toContain('13812348000');
    expect(text).not.toContain('110105199001010123');
    expect(text).not.toContain('139 1234 5678');
    expect(r.body.question).toBe('我叫李某，电话【已隐去】，身份证【已隐去】，想问低保怎么申请。');
    expect(r.body.answer).toBe('请联系 【已隐去】 咨询。');
    expect(r.body).not.toHaveProperty('name');
    expect(Object.keys(r.body).sort()).toEqual(
      ['answer', 'answeredAt', 'askedAt', 'categoryName', 'number', 'question', 'title', 'unitName'].sort(),
    );
  });

  it('searches the public text in Chinese, two-character words too', async () => {
    await askAndPublish('学校门口交通拥堵', '每天放学时段学校门口拥堵严重。', '已安排疏导。', 1000);
    await askAndPublish('医保缴费在哪里办', '请问医保在哪里缴费？', '便民服务中心。', 2000);
    const search = async (q: string) =>
      (await t.client().get(`${portal(f.slug)}/board?q=${encodeURIComponent(q)}`)).body.items.map(
        (i: { title: string }) => i.title,
      );
    expect(await search('交通拥堵')).toEqual(['学校门口交通拥堵']);
    expect(await search('医保')).toEqual(['医保缴费在哪里办']);
    expect(await search('便民服务')).toEqual(['医保缴费在哪里办']);
    expect(await search('火星')).toEqual([]);
    expect(await search('100%')).toEqual([]);
    expect(await search('"学校')).toEqual([]);
  });

  it('filters by category and pages with a cursor', async () => {
    for (let i = 0; i < 5; i++)
      await askAndPublish(`问题第${i}号标题`, `这是第${i}个问题的详细内容说明`, `答复${i}`, 1000 + i);
    await askAndPublish('分类里的问题', '这是一个带有内容分类的问题', '答复', 999, {
      categoryId: f.categoryId,
    });
    const page1 = await t.client().get(`${portal(f.slug)}/board?limit=4`);
    expect(page1.body.items).toHaveLength(4);
    const page2 = await t.client().get(`${portal(f.slug)}/board?limit=4&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(2);
    expect(page2.body.nextCursor).toBeNull();
    const titles = [...page1.body.items, ...page2.body.items].map((i: { title: string }) => i.title);
    expect(new Set(titles).size).toBe(6);
    const cat = await t.client().get(`${portal(f.slug)}/board?categoryId=${f.categoryId}`);
    expect(cat.body.items.map((i: { title: string }) => i.title)).toEqual(['分类里的问题']);
    expect(cat.body.items[0].categoryName).toBe('城乡建设');
    expect((await t.client().get(`${portal(f.slug)}/board?cursor=bogus!`)).status).toBe(400);
  });

  it("another county's published answers are not on this county's board", async () => {
    const other = await makeTenant(t, 'lushui');
    const sub = await t
      .client()
      .post(`${portal(other.slug)}/cases`, inquiry(), { 'idempotency-key': idemKey() });
    await publishDirectly(t, other.id, sub.body.number, '答复', 1000);
    expect((await t.client().get(`${portal(f.slug)}/board`)).body.items).toEqual([]);
    expect((await t.client().get(`${portal(f.slug)}/board/${sub.body.number}`)).status).toBe(404);
    expect((await t.client().get(`${portal(other.slug)}/board`)).body.items).toHaveLength(1);
  });
});
