import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { columnName, sheetName, toXlsx } from '../../workers/lib/export/xlsx';

const sheets = [
  {
    title: '2026年7月乡镇（街道）群众评价情况统计表',
    columns: ['序号', '单位', '应评', '超期未评', '参评率', '满意', '基本满意', '不满意', '满意率'],
    rows: [
      [1, '青石镇', 12, 0, '100.0%', 12, 0, 0, '100.0%'],
      [2, '白河乡 & <东片>', 9, 0, '100.0%', 7, 0, 2, '77.8%'],
      [null, '合计', 21, 0, '100.0%', 19, 0, 2, '90.5%'],
    ],
  },
  {
    name: '来源渠道',
    columns: ['来源', '件数'],
    rows: [
      ['网上投诉', 40.5],
      ['来信\u0001', 10],
    ],
  },
];

function parts(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

/** a strict enough well-formedness check: tags balance, attributes quoted, entities known */
function wellFormed(xml: string): boolean {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m.index !== consumed) return false;
    consumed = re.lastIndex;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(m[5])) return false;
      continue;
    }
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else if (!m[4]) stack.push(m[2]!);
  }
  return consumed === body.length && stack.length === 0;
}

describe('xlsx export', () => {
  const files = parts(toXlsx(sheets));

  it('unzips to the parts of a workbook, all well-formed XML', () => {
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    for (const [name, xml] of Object.entries(files)) expect(wellFormed(xml), name).toBe(true);
    expect(Object.keys(unzipSync(toXlsx(sheets)))[0]).toBe('[Content_Types].xml');
  });

  it('has one sheet per table, named after it (cut to 31 characters)', () => {
    const names = [...files['xl/workbook.xml']!.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
    expect(names).toEqual(['2026年7月乡镇（街道）群众评价情况统计表', '来源渠道']);
    expect(files['[Content_Types].xml']).toContain('/xl/worksheets/sheet2.xml');
  });

  it('keeps the Chinese headers in the shared strings, with a bold header row', () => {
    const sst = files['xl/sharedStrings.xml']!;
    for (const h of ['序号', '单位', '应评', '超期未评', '参评率', '满意', '基本满意', '不满意', '满意率']) {
      expect(sst).toContain(`<t xml:space="preserve">${h}</t>`);
    }
    const sheet = files['xl/worksheets/sheet1.xml']!;
    // row 1: the title; row 2: the header in the bold style 2
    expect(sheet).toMatch(/<row r="2"><c r="A2" s="2" t="s">/);
    expect(files['xl/styles.xml']).toMatch(/<font><b\/>/);
  });

  it('writes numbers as numbers, strings as shared strings, null as no cell', () => {
    const sheet = files['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<c r="C3"><v>12</v></c>');
    expect(sheet).toMatch(/<c r="B3" t="s"><v>\d+<\/v><\/c>/);
    expect(sheet).toMatch(/<row r="5"><c r="B5" t="s">/); // 合计 row: no A5 cell
    expect(files['xl/worksheets/sheet2.xml']).toContain('<v>40.5</v>');
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const sst = files['xl/sharedStrings.xml']!;
    expect(sst).toContain('白河乡 &amp; &lt;东片&gt;');
    expect(sst).toContain('<t xml:space="preserve">来信</t>');
  });

  it('gives the same bytes for the same tables (a published bulletin exports identically)', () => {
    expect(toXlsx(sheets)).toEqual(toXlsx(sheets));
  });

  it('makes sheet names valid and unique', () => {
    const used = new Set<string>();
    expect(sheetName('统计表[1]/2026:7', used)).toBe('统计表 1  2026 7');
    expect(sheetName('A', used)).toBe('A');
    expect(sheetName('a', used)).toBe('a(2)');
    expect(sheetName('x'.repeat(40), used)).toHaveLength(31);
    expect(columnName(0)).toBe('A');
    expect(columnName(25)).toBe('Z');
    expect(columnName(26)).toBe('AA');
  });

  it('writes a rate as a number with a percent format, not as text', () => {
    const f = parts(
      toXlsx([
        {
          title: '满意率',
          columns: ['单位', '满意率', '参评率'],
          rows: [
            ['青石镇', { value: 0.712, format: '0.0%' }, { value: 1, format: '0.0%' }],
            ['白河乡', { value: 0.5, format: '0%' }, '—'],
          ],
        },
      ]),
    );
    for (const [name, xml] of Object.entries(f)) expect(wellFormed(xml), name).toBe(true);
    const styles = f['xl/styles.xml']!;
    expect(styles).toContain(
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0%"/></numFmts>',
    );
    expect(styles).toContain('<cellXfs count="5">');
    const sheet = f['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<c r="B3" s="3"><v>0.712</v></c>');
    expect(sheet).toContain('<c r="C3" s="3"><v>1</v></c>');
    expect(sheet).toContain('<c r="B4" s="4"><v>0.5</v></c>');
    // a workbook without formats has none
    expect(files['xl/styles.xml']).not.toContain('numFmts');
  });
});
