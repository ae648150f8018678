// The words of a search box (workers/domain/search.ts): split on ASCII and full-width spaces, a
// phone number typed in groups kept whole, at most five, and what each names exactly.
import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TERMS, searchTerms, searchWords } from '../../workers/domain/search';

describe('searchTerms', () => {
  it('splits on ASCII and full-width spaces, once per word', () => {
    expect(searchWords('电梯 故障')).toEqual(['电梯', '故障']);
    expect(searchWords('  梧桐\u3000\u3000电梯\t故障 ')).toEqual(['梧桐', '电梯', '故障']);
    expect(searchWords('电梯 电梯')).toEqual(['电梯']);
    expect(searchWords(' \u3000 ')).toEqual([]);
    // two to four Chinese characters may be a caller's name as well as words of the text
    expect(searchTerms('电梯 故障')).toEqual([
      { text: '电梯', name: '电梯' },
      { text: '故障', name: '故障' },
    ]);
    expect(searchTerms('阿卜杜·热合曼')).toEqual([{ text: '阿卜杜·热合曼', name: '阿卜杜·热合曼' }]);
    expect(searchTerms('梧桐小区电梯 a1')).toEqual([{ text: '梧桐小区电梯' }, { text: 'a1' }]);
  });

  it('reads an ID number typed in groups as one number', () => {
    for (const q of ['110105 19900101 0125', '110105 1949 1231 002X', '110105\u300019900101\u30000125'])
      expect([q, searchTerms(q).map((t) => t.idNumber ?? t.text)]).toEqual([
        q,
        [q.endsWith('X') ? '11010519491231002X' : '110105199001010125'],
      ]);
    // among other words
    expect(searchTerms('110105 19900101 0125 宅基地').map((t) => t.idNumber ?? t.text)).toEqual([
      '110105199001010125',
      '宅基地',
    ]);
  });

  it('keeps at most five terms', () => {
    expect(MAX_SEARCH_TERMS).toBe(5);
    expect(searchWords('一 二 三 四 五 六')).toHaveLength(6);
    expect(searchTerms('一 二 三 四 五 六').map((t) => t.text)).toEqual(['一', '二', '三', '四', '五']);
  });

  it('reads a phone number typed in groups, with a country code or full-width digits, as one number', () => {
    for (const q of [
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '１３８００１３８０００',
      '138\u30000013\u30008000',
    ])
      expect([q, searchTerms(q)]).toEqual([
        q,
        [
          // as typed too where it is one word that differs from its digits (the text may hold it so)
          /^[\d]+$/.test(q) || /[\s\u3000]/.test(q)
            ? { text: '13800138000', phone: '13800138000' }
            : { text: '13800138000', phone: '13800138000', typed: q },
        ],
      ]);
    expect(searchTerms('0591-87654321')).toEqual([
      { text: '059187654321', phone: '059187654321', typed: '0591-87654321' },
    ]);
    expect(searchTerms('(0591) 8765 4321')).toEqual([{ text: '059187654321', phone: '059187654321' }]);
    // among other words, typed in groups too
    for (const q of ['13800138000 积水', '138 0013 8000 积水', '积水\u3000138-0013-8000'])
      expect(new Set(searchTerms(q).map(({ typed: _, ...t }) => t))).toEqual(
        new Set([
          { text: '13800138000', phone: '13800138000' },
          { text: '积水', name: '积水' },
        ]),
      );
    expect(searchTerms('13800138000 13911112222').map((t) => t.phone)).toEqual([
      '13800138000',
      '13911112222',
    ]);
    expect(searchTerms('郑 0591 8765 4321')).toEqual([
      { text: '郑' },
      { text: '059187654321', phone: '059187654321' },
    ]);
    // not a phone: too short, a case number, a year and a number
    expect(searchTerms('0013 8000')).toEqual([{ text: '0013' }, { text: '8000' }]);
    expect(searchTerms('2026-000123')).toEqual([{ text: '2026-000123', externalId: '2026-000123' }]);
    expect(searchTerms('2026 000123')).toEqual([{ text: '2026' }, { text: '000123' }]);
    expect(searchTerms('12345678901')).toEqual([{ text: '12345678901' }]);
  });

  it('marks an ID number and the shape of a query code', () => {
    expect(searchTerms('11010519491231002x')).toEqual([
      { text: '11010519491231002x', idNumber: '11010519491231002X' },
    ]);
    // a wrong check digit is no ID number
    expect(searchTerms('110105194912310021')).toEqual([{ text: '110105194912310021' }]);
    expect(searchTerms('k7m2pq9xwz')).toEqual([
      { text: 'k7m2pq9xwz', queryCode: 'K7M2PQ9XWZ', externalId: 'k7m2pq9xwz' },
    ]);
    expect(searchTerms('路灯')[0]!.queryCode).toBeUndefined();
  });

  it('marks what could be an imported case’s number in the old system, not plain digits or words', () => {
    for (const old of ['LSXF-2024-000645', 'XF20240012', '2024/0612', 'ZW_2023_77', 'XF-5'])
      expect(searchTerms(old)[0]).toMatchObject({ text: old, externalId: old });
    for (const word of ['000645', '20240012', 'abcdef', 'X12', '路灯2号'])
      expect(searchTerms(word)[0]!.externalId, word).toBeUndefined();
  });
});
