// The bulletin as an A4 print-ready HTML page, laid out like the printed 工作通报: a red-headed
// title, the summary and findings in 仿宋, then each table with its title, ruled cells and notes.
// Every value is escaped: unit names, categories and matters are typed by people.
import type { BulletinDocument } from '../../domain/stats/bulletin';
import { a4Page, escapeHtml } from '../../lib/print';

/** Columns of names and text, set flush left as printed tables do; numbers stay centred. */
const TEXT_COLUMNS = new Set([
  '指标',
  '单位',
  '部门名称',
  '来源',
  '内容分类',
  '信访人',
  '主要诉求',
  '涉及单位',
  '逾期件编号',
]);

const cell = (v: unknown) => (v === null || v === undefined ? '' : escapeHtml(v));

const STYLE = `
@page { @bottom-center { content: "— " counter(page) " —"; font-family: "SimSun", "宋体", serif; font-size: 10.5pt; } }
@page wide { size: A4 landscape; margin: 20mm 18mm 20mm 18mm; }
header { border-bottom: none; padding-bottom: 0; margin-bottom: 0; }
.issue { text-align: center; margin: 2mm 0 0; text-indent: 0; }
.issuer { display: flex; justify-content: space-between; border-bottom: 2px solid #c00; padding: 1mm 0 3mm;
  margin-bottom: 6mm; }
.issuer span { text-indent: 0; }
.sign { margin: 10mm 0 0; text-align: right; text-indent: 0; }
.annex { break-before: page; }
.annex > h2:first-child { margin-top: 0; }
section.wide { page: wide; }
td.seq { white-space: nowrap; }
td.name { min-width: 5.5em; }
.sub { text-align: center; margin: 0 0 6mm; }
.mark { float: right; border: 1px solid #c00; color: #c00; padding: 0 2mm; font-size: 10pt; }
h2 { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 14pt; margin: 6mm 0 2mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 1mm; font-family: "SimSun", "宋体", "Songti SC", serif;
  font-size: 10.5pt; line-height: 1.4; page-break-inside: auto; }
caption { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 12pt; padding: 2mm 0; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1mm 1.5mm; text-align: center; }
th { font-weight: bold; background: #f2f2f2; }
td.name { text-align: left; }
.note { font-size: 9.5pt; text-indent: 0; margin-bottom: 4mm; }
.internal caption::after { content: "（内部资料）"; color: #c00; }
table.wide { font-size: 9pt; }
table.wide th, table.wide td { padding: 0.5mm 0.8mm; }
table.wide td.name { min-width: 5.5em; }`;

/**
 * A table of more columns than this is set smaller and printed on a landscape page of its own: on a
 * portrait sheet the rates table's 17 columns broke every unit's name one character a line.
 */
const WIDE_COLUMNS = 9;

/** Columns of a row's number or rank, which never break ('零诉求' stays on one line). */
const SEQ_COLUMNS = new Set(['序号', '排名']);

export interface PrintOptions {
  /** who issues it (the tenant and its bureau), printed at the foot */
  org: string;
  status: 'draft' | 'published';
  /** local day of publication, e.g. '2026年8月3日' */
  dateLabel?: string | null;
}

export function bulletinHtml(doc: BulletinDocument, opts: PrintOptions): string {
  const tables = doc.tables
    .map((t) => {
      const head = t.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
      const kind = t.columns.map((c) =>
        TEXT_COLUMNS.has(c) ? ' class="name"' : SEQ_COLUMNS.has(c) ? ' class="seq"' : '',
      );
      const body = t.rows
        .map((r) => `<tr>${r.map((v, i) => `<td${kind[i] ?? ''}>${cell(v)}</td>`).join('')}</tr>`)
        .join('\n');
      const wide = t.columns.length > WIDE_COLUMNS;
      const classes = [t.internal ? 'internal' : '', wide ? 'wide' : ''].filter(Boolean).join(' ');
      const table = `<table${classes ? ` class="${classes}"` : ''}><caption>${escapeHtml(t.title)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table>${t.note ? `\n<p class="note">注：${escapeHtml(t.note)}</p>` : ''}`;
      return wide ? `<section class="wide">${table}</section>` : table;
    })
    .join('\n');
  const paragraphs = (xs: readonly string[]) => xs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const measures = doc.measures ?? [];
  // as a county prints it: 期号 under the red head, the issuer left and the date right above the
  // red rule, the text signed and dated, then the tables as 附表 from a page of their own
  const date = opts.dateLabel ?? (opts.status === 'draft' ? '（未发布）' : '');
  return a4Page({
    title: doc.title,
    head: '信访工作通报',
    style: STYLE,
    body: `${doc.docNumber ? `<p class="issue">${escapeHtml(doc.docNumber)}</p>` : ''}
<div class="issuer"><span>${escapeHtml(opts.org)}</span><span>${escapeHtml(date)}</span></div>
${opts.status === 'draft' ? '<span class="mark">草稿</span>' : ''}
<h1>${escapeHtml(doc.title)}</h1>
<p class="sub">${escapeHtml(doc.subtitle)}</p>
<h2>一、基本情况</h2>
${paragraphs(doc.summary)}
<h2>二、存在问题</h2>
${paragraphs(doc.findings)}
${measures.length > 0 ? `<h2>三、下一步工作要求</h2>\n${paragraphs(measures)}` : ''}
<p class="sign">${escapeHtml(opts.org)}${opts.dateLabel ? `<br>${escapeHtml(opts.dateLabel)}` : ''}</p>
<div class="annex">
<h2>附表</h2>
${tables}
</div>`,
  });
}
