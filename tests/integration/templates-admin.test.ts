// A county admin corrects a reply template (答复模板) and retires (停用) or restores (启用) it: the
// save names the version it read (a stale one is 409), bad input is a 400 naming the field, a
// retired template leaves the handlers' list but stays in the admin's, and every change is an
// audited event with the fields before and after.
import { describe, expect, it } from 'vitest';
import { auditEvents, expectError, expectOk, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('tpl');

async function withTemplate() {
  const { f, s } = await county();
  const tp = expectOk(
    await s.admin.post('/reply-templates', { name: '不予受理告知', body: '您好！如有疑问请致电 1234567。' }),
    201,
  );
  return { f, s, tp };
}

const names = (r: { body: { items: { name: string }[] } }) => r.body.items.map((x) => x.name);

describe('editing a reply template', () => {
  it('changes name and body, bumps the version, and logs before and after', async () => {
    const { f, s, tp } = await withTemplate();
    expect(tp.version).toBe(1);
    const r = expectOk(
      await s.admin.req('PATCH', `/reply-templates/${tp.id}`, {
        version: 1,
        name: '不予受理告知书',
        body: '您好！如有疑问请致电 7654321。',
      }),
    );
    expect(r).toMatchObject({ name: '不予受理告知书', body: '您好！如有疑问请致电 7654321。', version: 2 });
    expect(names(await s.handlerA.get('/reply-templates'))).toEqual(['不予受理告知书']);
    const events = await auditEvents(t, f.id, 'template.updated');
    expect(events).toHaveLength(1);
    expect(events[0]!.role).toBe('tenant_admin');
    expect(events[0]!.payload).toEqual({
      templateId: tp.id,
      name: '不予受理告知',
      before: { name: '不予受理告知', body: '您好！如有疑问请致电 1234567。' },
      after: { name: '不予受理告知书', body: '您好！如有疑问请致电 7654321。' },
    });
    // the county's audit log reads it
    const log = expectOk(await s.admin.get('/audit', { type: 'template.' })).items;
    expect(log[0]).toMatchObject({ typeLabel: '修改答复模板' });
    expect(log[0].summary).toContain('改名为“不予受理告知书”');
  });

  it('a stale version is 409 and changes nothing', async () => {
    const { f, s, tp } = await withTemplate();
    expectOk(await s.admin.req('PATCH', `/reply-templates/${tp.id}`, { version: 1, body: '第一次修改' }));
    const r = await s.admin.req('PATCH', `/reply-templates/${tp.id}`, { version: 1, body: '第二次修改' });
    expectError(r, 409, 'CONFLICT');
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['version']);
    const [row] = expectOk(await s.admin.get('/reply-templates', { all: '1' })).items;
    expect(row).toMatchObject({ body: '第一次修改', version: 2 });
    expect(await auditEvents(t, f.id, 'template.updated')).toHaveLength(1);
  });

  it('bad input is a 400 naming the field, in Chinese', async () => {
    const { s, tp } = await withTemplate();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ version: 1, name: '  ' }, 'name', /模板名称不能为空/],
      [{ version: 1, name: '名'.repeat(41) }, 'name', /模板名称不能超过 40 个字/],
      [{ version: 1, body: '字'.repeat(5001) }, 'body', /模板内容不能超过 5000 个字/],
      [{ version: 1, body: ' \n ' }, 'body', /模板内容不能为空/],
      [{ name: '新名' }, 'version', /\S/],
    ];
    for (const [body, path, message] of cases) {
      const r = await s.admin.req('PATCH', `/reply-templates/${tp.id}`, body);
      expectError(r, 400, 'VALIDATION');
      const detail = r.body.error.details.find((d: { path: string }) => d.path === path);
      expect(detail, `${JSON.stringify(body).slice(0, 60)} → ${JSON.stringify(r.body)}`).toBeTruthy();
      expect(detail.message).toMatch(message);
    }
    expectError(await s.admin.req('PATCH', `/reply-templates/${tp.id}`, { version: 1 }), 400, 'VALIDATION');
  });
});

describe('retiring and restoring a template', () => {
  it('a retired template leaves the handlers list, stays in the admin list, and comes back on restore', async () => {
    const { f, s, tp } = await withTemplate();
    expectOk(await s.admin.post('/reply-templates', { name: '转办告知', body: '您好！已转办。' }), 201);
    const retired = expectOk(
      await s.admin.req('PATCH', `/reply-templates/${tp.id}`, { version: 1, active: false }),
    );
    expect(retired).toMatchObject({ active: false, version: 2 });
    for (const who of ['handlerA', 'dispatcher', 'admin'] as const)
      expect(names(await s[who].get('/reply-templates'))).toEqual(['转办告知']);
    const all = expectOk(await s.admin.get('/reply-templates', { all: '1' })).items;
    expect(all.map((x: { name: string; active: boolean }) => [x.name, x.active])).toEqual([
      ['不予受理告知', false],
      ['转办告知', true],
    ]);
    // only an admin sees the retired ones
    expectError(await s.handlerA.get('/reply-templates', { all: '1' }), 403, 'FORBIDDEN');

    expectOk(await s.admin.req('PATCH', `/reply-templates/${tp.id}`, { version: 2, active: true }));
    expect(names(await s.handlerA.get('/reply-templates'))).toEqual(['不予受理告知', '转办告知']);

    const events = await auditEvents(t, f.id, 'template.');
    expect(events.map((e) => e.type)).toEqual([
      'template.created',
      'template.created',
      'template.retired',
      'template.restored',
    ]);
    expect(events[2]!.payload).toMatchObject({ before: { active: true }, after: { active: false } });
    expect(events[3]!.payload).toMatchObject({ before: { active: false }, after: { active: true } });
    const log = expectOk(await s.admin.get('/audit', { type: 'template.' })).items;
    expect(log.slice(0, 2).map((x: { typeLabel: string }) => x.typeLabel)).toEqual([
      '启用答复模板',
      '停用答复模板',
    ]);
  });
});

describe('who may change a template', () => {
  it('a handler or dispatcher gets 403; another county’s template is 404', async () => {
    const { f, s, tp } = await withTemplate();
    for (const who of ['handlerA', 'dispatcher'] as const)
      expectError(
        await s[who].req('PATCH', `/reply-templates/${tp.id}`, { version: 1, name: '改名' }),
        403,
        'FORBIDDEN',
      );
    const other = await county();
    expectError(
      await other.s.admin.req('PATCH', `/reply-templates/${tp.id}`, { version: 1, name: '改名' }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await s.admin.req('PATCH', '/reply-templates/no-such-id', { version: 1, name: '改名' }),
      404,
      'NOT_FOUND',
    );
    expect(await auditEvents(t, f.id, 'template.updated')).toHaveLength(0);
    expect(names(await s.handlerA.get('/reply-templates'))).toEqual(['不予受理告知']);
  });
});
