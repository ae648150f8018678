import { describe, expect, it } from 'vitest';
import { csvBytes, csvField, tablesToCsv, toCsv } from '../../workers/lib/export/csv';

const table = {
  title: '2026年7月县直部门群众评价情况统计表',
  columns: ['序号', '单位', '应评', '满意率'],
  rows: [
    [1, '县住建局', 20, '85.0%'],
    [2, '县人社局', 11, '—'],
    [null, '合计', 31, '90.3%'],
  ],
};

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark so Excel reads Chinese correctly', () => {
    const bytes = csvBytes(toCsv(table));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3)).startsWith('序号,单位,应评,满意率\r\n')).toBe(true);
  });

  it('ends every record with CRLF (RFC 4180) and writes numbers as numbers, null as empty', () => {
    expect(toCsv(table, { bom: false })).toBe(
      '序号,单位,应评,满意率\r\n1,县住建局,20,85.0%\r\n2,县人社局,11,—\r\n,合计,31,90.3%\r\n',
    );
  });

  it('quotes fields with commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvField('城乡建设,住房')).toBe('"城乡建设,住房"');
    expect(csvField('他说"没人管"')).toBe('"他说""没人管"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('plain')).toBe('plain');
  });

  it('neutralises text that a spreadsheet would run as a formula, but not signed numbers', () => {
    expect(csvField('=HYPERLINK("http://x","点我")')).toBe('"\'=HYPERLINK(""http://x"",""点我"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-21.6%')).toBe('-21.6%');
    expect(csvField('+1.2个百分点')).toBe('+1.2个百分点');
    expect(csvField(-3)).toBe('-3');
  });

  it('writes several tables, each under its title', () => {
    const text = tablesToCsv(
      [table, { title: '来源渠道统计', columns: ['来源', '件数'], rows: [['来信', 10]] }],
      {
        bom: false,
      },
    );
    expect(text).toBe(
      '2026年7月县直部门群众评价情况统计表\r\n序号,单位,应评,满意率\r\n1,县住建局,20,85.0%\r\n2,县人社局,11,—\r\n,合计,31,90.3%\r\n' +
        '\r\n来源渠道统计\r\n来源,件数\r\n来信,10\r\n',
    );
  });
});
