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

/** A table of more columns than this is set smaller, so that it stays within the A4 width. */
const WIDE_COLUMNS = 12;

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
      const left = t.columns.map((c) => TEXT_COLUMNS.has(c));
      const body = t.rows
        .map(
          (r) =>
            `<tr>${r.map((v, i) => `<td${left[i] ? ' class="name"' : ''}>${cell(v)}</td>`).join('')}</tr>`,
        )
        .join('\n');
      const classes = [t.internal ? 'internal' : '', t.columns.length > WIDE_COLUMNS ? 'wide' : '']
        .filter(Boolean)
        .join(' ');
      return `<table${classes ? ` class="${classes}"` : ''}><caption>${escapeHtml(t.title)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table>${t.note ? `\n<p class="note">注：${escapeHtml(t.note)}</p>` : ''}`;
    })
    .join('\n');
  const paragraphs = (xs: readonly string[]) => xs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  return a4Page({
    title: doc.title,
    head: '信访工作通报',
    style: STYLE,
    body: `${opts.status === 'draft' ? '<span class="mark">草稿</span>' : ''}
<h1>${escapeHtml(doc.title)}</h1>
<p class="sub">${escapeHtml(doc.subtitle)}</p>
<h2>一、基本情况</h2>
${paragraphs(doc.summary)}
<h2>二、存在问题</h2>
${paragraphs(doc.findings)}
<h2>三、附表</h2>
${tables}
<footer>${escapeHtml(opts.org)}${opts.dateLabel ? `<br>${escapeHtml(opts.dateLabel)}` : ''}</footer>`,
  });
}
