// The citizen portal inside workerd on D1 and R2: a multipart upload checked by its bytes, the
// Chinese search of the 问政 board through the FTS5 trigram table, and the rate limits keyed by
// Cloudflare's cf-connecting-ip.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { county as newCounty, WorkerClient } from './client';

const JPEG = new Uint8Array([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9,
]);

async function county(slug: string) {
  const { as } = await newCounty(slug);
  return { dispatcher: await as('dispatcher') };
}

const upload = (slug: string, bytes: Uint8Array, name: string) => {
  const form = new FormData();
  form.append('file', new File([bytes as BlobPart], name, { type: 'image/jpeg' }));
  return SELF.fetch(`https://minsheng.test/api/t/${slug}/portal/attachments`, {
    method: 'POST',
    body: form,
    headers: { origin: 'https://minsheng.test' },
  });
};

describe('the portal on Workers + D1', () => {
  it('takes a photo, refuses a disguised file, and finds a published answer by Chinese text', async () => {
    const { dispatcher } = await county('wportal');
    const ok = await upload('wportal', JPEG, 'photo.jpg');
    expect(ok.status).toBe(201);
    const photo = (await ok.json()) as { id: string; mime: string };
    expect(photo.mime).toBe('image/jpeg');
    const bad = await upload('wportal', new TextEncoder().encode('<html>hi</html>'), 'photo.jpg');
    expect(bad.status).toBe(415);

    const citizen = new WorkerClient();
    const sub = await citizen.post(
      '/api/t/wportal/portal/cases',
      {
        kind: 'inquiry',
        purpose: 'question',
        title: '东山镇卫生院能否开通夜间门诊',
        content: '家里老人晚上看病不方便，请问卫生院能否开通夜间门诊？',
        phone: '13800138000',
        anonymous: true,
        isPublic: true,
        attachmentIds: [photo.id],
      },
      { 'idempotency-key': 'workers-portal-0001-abcdef' },
    );
    expect(sub.status).toBe(201);
    const list = await dispatcher.get(`/api/t/wportal/cases?q=${sub.body.number}`);
    const c = list.body.items[0];
    const handled = await dispatcher.post(`/api/t/wportal/cases/${c.id}/self-handle`, {
      version: c.version,
      reply: '卫生院将于下月起开通夜间门诊。',
    });
    expect(handled.status).toBe(200);
    expect(handled.body.attachments).toHaveLength(1);
    const published = await dispatcher.post(`/api/t/wportal/cases/${c.id}/publish`, {
      version: handled.body.case.version,
    });
    expect(published.status).toBe(200);

    const search = async (q: string) =>
      (await citizen.get(`/api/t/wportal/portal/board?q=${encodeURIComponent(q)}`)).body.items.map(
        (i: { number: string }) => i.number,
      );
    expect(await search('夜间门诊')).toEqual([sub.body.number]);
    expect(await search('门诊')).toEqual([sub.body.number]);
    expect(await search('下月起开通')).toEqual([sub.body.number]);
    expect(await search('火星基地')).toEqual([]);
  });

  it('limits lookups per address by cf-connecting-ip', async () => {
    await county('wlimit');
    const track = (ip: string) =>
      SELF.fetch('https://minsheng.test/api/t/wlimit/portal/track', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
        body: JSON.stringify({ queryCode: `C${Math.random().toString(36).slice(2, 8)}`, secret: '1' }),
      });
    for (let i = 0; i < 60; i++) expect((await track('203.0.113.7')).status).toBe(404);
    const over = await track('203.0.113.7');
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await track('203.0.113.8')).status).toBe(404);
  });

  it("counts a phone number's submissions in the case's own batch: the sixth is refused and writes nothing", async () => {
    const { dispatcher } = await county('wphone');
    const submit = (i: number) =>
      SELF.fetch('https://minsheng.test/api/t/wphone/portal/cases', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'cf-connecting-ip': `198.51.100.${i}`,
          'idempotency-key': `workers-phone-limit-${i}-padding`,
        },
        body: JSON.stringify({
          kind: 'inquiry',
          purpose: 'question',
          title: `第${i}次咨询公交线路调整`,
          content: '请问城关镇到东山镇的公交线路什么时候恢复？',
          phone: '13700001111',
          anonymous: true,
        }),
      });
    for (let i = 1; i <= 5; i++) expect((await submit(i)).status).toBe(201);
    const sixth = await submit(6);
    expect(sixth.status).toBe(429);
    expect(((await sixth.json()) as { error: { message: string } }).error.message).toContain(
      '同一电话号码提交',
    );
    expect(sixth.headers.get('retry-after')).toMatch(/^\d+$/);
    // a retry of the first submission is answered, over the limit or not
    expect((await submit(1)).status).toBe(201);
    const list = await dispatcher.get('/api/t/wphone/cases?limit=50');
    expect(list.body.items).toHaveLength(5);
  });
});
