// D1 refuses a statement with more than 100 bound parameters ("too many SQL variables"); these
// requests build one from data that grows with a county's use.
import { describe, expect, it } from 'vitest';
import { county } from './client';

const complaint = (phone: string) => ({
  kind: 'petition',
  channel: 'visit',
  purpose: 'claim',
  title: '小区噪音扰民问题',
  content: '青禾花园小区旁工地夜间施工噪音扰民，多次反映未解决，请相关部门查处。',
  petitioner: { name: '李大海', phone },
});

describe('D1 bound-parameter limit', () => {
  it('a frequent petitioner’s 14th case on the same matter is registered with its repeat suggestions', async () => {
    const { as } = await county('wrep14');
    const d = await as('dispatcher');
    for (let i = 0; i < 13; i++)
      expect((await d.post('/api/t/wrep14/cases', complaint('13700137000'))).status).toBe(201);
    const r = await d.post('/api/t/wrep14/cases', complaint('13700137000'));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // every earlier case is the same matter of the same person: all suggested, in one write or several
    expect(r.body.repeatSuggestions.length).toBeGreaterThan(12);
  });

  it('the repeat-suggestion queue lists suggestions touching more than 100 cases', async () => {
    const { as } = await county('wrepq');
    const d = await as('dispatcher');
    for (let p = 0; p < 51; p++)
      for (let i = 0; i < 2; i++)
        expect(
          (await d.post('/api/t/wrepq/cases', complaint(`137001${String(p).padStart(5, '0')}`))).status,
        ).toBe(201);
    const r = await d.get('/api/t/wrepq/repeat-suggestions');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items).toHaveLength(51);
  });

  it('marking 200 reminders read (the schema allows 200 ids) answers 200', async () => {
    const { as } = await county('wrem');
    const d = await as('dispatcher');
    const ids = Array.from({ length: 200 }, (_, i) => `r${String(i).padStart(19, '0')}`);
    const r = await d.post('/api/t/wrem/reminders/read', { ids });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
});
