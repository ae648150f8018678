// The public 问政 board shows and searches only the public copy of a question: the citizen's
// name, numbers however typed (taken out whole, not masked) and e-mail taken out when the bureau
// publishes, what the dispatcher edits kept as edited. A search of the citizen's own text let anyone confirm a masked number
// digit by digit (13811112222 found the item, 13811113333 did not).
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { cases } from '../../db/schema';
import { redactPersonalData } from '../../workers/domain/masking';
import { caseAt, expectOk, replyFully, workflowBench } from './workflow-helpers';

const { t, county } = workflowBench('board');

const QUESTION = {
  kind: 'inquiry',
  isPublic: true,
  purpose: 'question',
  title: '刘建国咨询幸福里小区加装电梯补贴',
  content:
    '我是幸福里3栋的刘建国，手机１３９１２３４５６７８，座机0591-87654321，身份证110105 19900101 0125，邮箱 liujg@163.com。请问老旧小区加装电梯有没有补贴？',
  petitioner: { name: '刘建国', phone: '13912345678' },
};

async function board(slug: string, q?: string) {
  const qs = q ? `?q=${encodeURIComponent(q)}` : '';
  const r = await t.client().req('GET', `/api/t/${slug}/portal/board${qs}`);
  return expectOk(r).items as { number: string; title: string; question: string; answer: string }[];
}

describe('the public copy of a published 问政', () => {
  it('takes out the name and every number, and only that copy is searched', async () => {
    const { s } = await county();
    const { caseId, a } = await caseAt(s, ['sign', 'accept'], QUESTION);
    await replyFully(s, a, '刘建国同志：您好！老旧小区加装电梯每台补贴20万元，详询 0591-12345678。');
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    // the dispatcher is shown the copy that would go public
    expect(detail.publication.content).not.toContain('刘建国');
    expect(detail.publication.answer.startsWith('刘某同志')).toBe(true);
    expectOk(await s.dispatcher.post(`/cases/${caseId}/publish`, { version: detail.case.version }));

    const [item] = await board(s.dispatcher.f.slug);
    expect(item).toBeTruthy();
    const shown = JSON.stringify(item);
    for (const secret of [
      '刘建国',
      '１３９１２３４５６７８',
      '13912345678',
      '87654321',
      '19900101',
      'liujg',
      '12345678',
    ])
      expect(shown).not.toContain(secret);
    // taken out whole: a masked number (139****5678) still points at one person
    expect(item!.question).toBe(
      '我是幸福里3栋的刘某，手机【已隐去】，座机【已隐去】，身份证【已隐去】，邮箱 【已隐去】。请问老旧小区加装电梯有没有补贴？',
    );
    expect(shown).not.toContain('****');
    expect(item!.title).toBe('刘某咨询幸福里小区加装电梯补贴');

    // the search finds the public words, never the hidden ones
    expect(await board(s.dispatcher.f.slug, '加装电梯')).toHaveLength(1);
    expect(await board(s.dispatcher.f.slug, '补贴20万')).toHaveLength(1);
    for (const probe of ['13912345678', '１３９１２３４５６７８', '1391234', '刘建国', '87654321', 'liujg'])
      expect(await board(s.dispatcher.f.slug, probe)).toEqual([]);
  });

  it('publishes the question as the dispatcher edited it, and masks what the edit left in', async () => {
    const { s } = await county();
    const { caseId, a } = await caseAt(s, ['sign', 'accept'], QUESTION);
    await replyFully(s, a, '您好！老旧小区加装电梯每台补贴20万元。');
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expectOk(
      await s.dispatcher.post(`/cases/${caseId}/publish`, {
        version: detail.case.version,
        title: '咨询老旧小区加装电梯补贴',
        content: '某小区居民咨询：老旧小区加装电梯有没有补贴？可联系 13700001111。',
        answer: '您好！老旧小区加装电梯每台补贴20万元。',
      }),
    );
    const [item] = await board(s.dispatcher.f.slug);
    expect(item!.title).toBe('咨询老旧小区加装电梯补贴');
    expect(item!.question).toBe('某小区居民咨询：老旧小区加装电梯有没有补贴？可联系 【已隐去】。');
    expect(await board(s.dispatcher.f.slug, '幸福里')).toEqual([]);
  });
});

describe('the default text a dispatcher publishes', () => {
  it('holds no number, e-mail or WeChat account, not even masked', async () => {
    const { s } = await county();
    const { caseId, a } = await caseAt(s, ['sign', 'accept'], {
      kind: 'inquiry',
      isPublic: true,
      purpose: 'question',
      title: '刘大山咨询宅基地确权进度',
      content:
        '我是刘大山，电话13943214321，身份证110105199001010125，邮箱liudashan@example.com，微信是 liudashan88。我外甥女王小花（电话0871-65433210）上月去镇里问过，说还要等。请问确权证什么时候能发？',
      petitioner: { name: '刘大山', phone: '13943214321', idNumber: '110105199001010125' },
    });
    await replyFully(s, a, '刘大山同志：您好！宅基地确权证预计下月发放，可联系经办人 0871-65431234。');
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expectOk(await s.dispatcher.post(`/cases/${caseId}/publish`, { version: detail.case.version }));
    const [item] = await board(s.dispatcher.f.slug);
    expect(item!.question).toBe(
      '我是刘某，电话【已隐去】，身份证【已隐去】，邮箱【已隐去】，微信是 【已隐去】。我外甥女王小花（电话【已隐去】）上月去镇里问过，说还要等。请问确权证什么时候能发？',
    );
    expect(item!.answer).toBe('刘某同志：您好！宅基地确权证预计下月发放，可联系经办人 【已隐去】。');
    const shown = JSON.stringify(item);
    for (const piece of ['****', '4321', '0125', '3210', '1234', 'liudashan', '@'])
      expect(shown).not.toContain(piece);
  });
});

describe('a copy published before numbers were taken out whole', () => {
  it('shows no masked number on the board', async () => {
    const { s, f } = await county();
    const { caseId, a } = await caseAt(s, ['sign', 'accept'], QUESTION);
    await replyFully(s, a, '您好！老旧小区加装电梯每台补贴20万元。');
    const detail = expectOk(await s.dispatcher.get(`/cases/${caseId}`));
    expectOk(await s.dispatcher.post(`/cases/${caseId}/publish`, { version: detail.case.version }));
    // as the publish step stored it until now
    await t.deps.db
      .update(cases)
      .set({
        publicContent: '电话139****4321，身份证110105********0125，邮箱l***@example.com，座机0871****3210。',
        publicAnswer: '刘某同志：您好！详询 0591****5678。',
      })
      .where(and(eq(cases.tenantId, f.id), eq(cases.id, caseId)));
    const [item] = await board(s.dispatcher.f.slug);
    expect(item!.question).toBe('电话【已隐去】，身份证【已隐去】，邮箱【已隐去】，座机【已隐去】。');
    expect(item!.answer).toBe('刘某同志：您好！详询 【已隐去】。');
  });
});

describe('redactPersonalData', () => {
  it('takes out numbers however typed, e-mail and the known name, and is stable', () => {
    const text =
      '我是刘建国，手机１３９１２３４５６７８，又 139-1234-5678，+86 13912345678，座机（0591）87654321、010 6512 3456，身份证11010519900101012X，邮箱 a.b@qq.com；金额 1000 元，2026年12月6日。';
    const once = redactPersonalData(text, { name: '刘建国' });
    expect(once).toBe(
      '我是刘某，手机【已隐去】，又 【已隐去】，【已隐去】，座机【已隐去】、【已隐去】，身份证【已隐去】，邮箱 【已隐去】；金额 1000 元，2026年12月6日。',
    );
    expect(redactPersonalData(once, { name: '刘建国' })).toBe(once);
    // a one-character name would cut every such character out of the text
    expect(redactPersonalData('王家村王先生', { name: '王' })).toBe('王家村王先生');
  });
});
