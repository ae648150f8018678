// A new county's 30 townships and 40 departments entered as one pasted list instead of 70 forms:
// every line is checked first, any error refuses the whole batch naming each line, and each unit
// created is in the audit log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, type Client, makeTestApp, PASSWORD, type TestApp } from '../fixtures/app';

const SLUG = 'shiqiao';
let t: TestApp;
let admin: Client;

beforeEach(async () => {
  t = await makeTestApp();
  const root = t.client();
  await root.login(ADMIN.login, ADMIN.password);
  expect((await root.post('/api/admin/tenants', { slug: SLUG, name: '石桥县' })).status).toBe(201);
  const made = await root.post(`/api/t/${SLUG}/users`, {
    login: 'sq.admin',
    name: '王石桥',
    role: 'tenant_admin',
    password: PASSWORD,
    mustChangePassword: false,
  });
  expect(made.status).toBe(201);
  admin = t.client();
  await admin.login('sq.admin');
});
afterEach(async () => {
  await t.close();
});

const path = (p: string) => `/api/t/${SLUG}${p}`;
const unitsNow = async () =>
  (await admin.get(path('/units'))).body.items as Array<{ name: string; kind: string; sort: number }>;

describe('pasting a list of units', () => {
  it('creates 30 townships and 40 departments at once, in the order pasted, each audited', async () => {
    const towns = Array.from({ length: 30 }, (_, i) => `石桥${i + 1}镇`);
    const depts = Array.from({ length: 40 }, (_, i) => `县第${i + 1}局`);
    // the departments say their type on their line; blank lines and spaces around are nothing
    const text = [...towns, '', ...depts.map((d, i) => `  ${d}${i % 2 ? '，县直部门' : '\t部门'}`)].join(
      '\r\n',
    );
    const r = await admin.post(path('/units/import'), { text, kind: 'township' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.created).toBe(70);

    const all = await unitsNow();
    expect(all.filter((u) => u.kind === 'township').map((u) => u.name)).toEqual(towns);
    expect(all.filter((u) => u.kind === 'department').map((u) => u.name)).toEqual(depts);
    expect(all.filter((u) => u.kind === 'bureau')).toHaveLength(1);

    const audit = await admin.get(path('/audit?type=unit.&limit=200'));
    expect(audit.status).toBe(200);
    const events = (audit.body.items as Array<{ type: string; payload?: { imported?: boolean } }>).filter(
      (e) => e.type === 'unit.created',
    );
    expect(events.length).toBe(70);
  });

  it('refuses the whole batch when any line is wrong, naming every line', async () => {
    expect((await admin.post(path('/units'), { name: '城南街道', kind: 'township' })).status).toBe(201);
    const text = [
      '石桥镇',
      '城南街道', // the county has it
      '县民政局,县直部门',
      '石桥镇', // twice in the list
      '县教育局,学校', // no such type
      `${'长'.repeat(41)}`, // too long
      '县财政局,县直部门,多余',
    ].join('\n');
    const r = await admin.post(path('/units/import'), { text, kind: 'township' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION');
    expect(r.body.error.message).toContain('导入未执行：5 行有误');
    const details = r.body.error.details as Array<{ line: number; message: string }>;
    expect(details.map((d) => d.line)).toEqual([2, 4, 5, 6, 7]);
    expect(details[0]!.message).toBe('第 2 行：本县已有单位“城南街道”');
    expect(details[1]!.message).toBe('第 4 行：“石桥镇”与第 1 行重复');
    expect(details[2]!.message).toContain('类型“学校”无法识别');
    expect(details[3]!.message).toContain('不能超过 40 个字');
    // nothing was created
    expect((await unitsNow()).map((u) => u.name).sort()).toEqual(['城南街道', '石桥县信访局'].sort());

    const empty = await admin.post(path('/units/import'), { text: '\n  \n', kind: 'township' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('text');
    const kind = await admin.post(path('/units/import'), { text: '石桥镇', kind: 'bureau' });
    expect(kind.status).toBe(400);
    expect(kind.body.error.details[0].path).toBe('kind');
  });

  it('is the administrator’s', async () => {
    const town = (await admin.post(path('/units'), { name: '石桥镇', kind: 'township' })).body.id;
    await admin.post(path('/users'), {
      login: 'sq.h1',
      name: '张承办',
      role: 'handler',
      unitId: town,
      password: PASSWORD,
      mustChangePassword: false,
    });
    const handler = t.client();
    await handler.login('sq.h1');
    expect((await handler.post(path('/units/import'), { text: '城南街道', kind: 'township' })).status).toBe(
      403,
    );
  });
});
