// A4 print pages as county offices print them: a red-headed sheet in 仿宋, the title in 宋体, the
// issuer and date at the foot. The monthly bulletin and the case documents (交办单, 告知书, 答复意见书)
// share this sheet. Every value is escaped: names, matters and replies are typed by people.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const SHEET_STYLE = `
@page { size: A4; margin: 25mm 20mm 22mm 20mm; }
* { box-sizing: border-box; }
html { background: #f4f4f4; }
body { margin: 0; font-family: "FangSong", "仿宋", "STFangsong", "SimSun", "Songti SC", serif; color: #000;
  font-size: 12pt; line-height: 1.75; }
.sheet { width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 25mm 20mm 22mm; background: #fff;
  box-shadow: 0 0 4mm rgba(0,0,0,.15); }
header { text-align: center; border-bottom: 2px solid #c00; padding-bottom: 4mm; margin-bottom: 6mm; }
header .org { color: #c00; font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 22pt; letter-spacing: .2em; }
h1 { font-family: "SimSun", "宋体", "Songti SC", serif; font-size: 18pt; text-align: center; margin: 6mm 0 2mm; }
p { text-indent: 2em; margin: 0 0 2mm; text-align: justify; }
footer { margin-top: 10mm; text-align: right; }
@media print {
  html { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}`;

/** One A4 sheet: the red head, then `body` (already escaped HTML), with the page's own styles. */
export function a4Page(opts: { title: string; head: string; style?: string; body: string }): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${SHEET_STYLE}${opts.style ?? ''}</style>
</head>
<body>
<main class="sheet">
<header><div class="org">${escapeHtml(opts.head)}</div></header>
${opts.body}
</main>
</body>
</html>
`;
}

const PAPER_STYLE = `
.no { text-align: right; margin: 0 0 4mm; }
p.to { text-indent: 0; }`;

/**
 * A numbered paper of a case (交办单, 告知书, 答复意见书, 督办单, 登记回执): its title and number, the
 * addressee if it is a letter, its text (escaped HTML), the issuer and date at the foot, and a stub
 * below it to cut off and return.
 */
export function casePaper(p: {
  number: string;
  title: string;
  org: string;
  /** the date at the foot, as printed: 2026年6月7日 */
  date: string;
  to?: string;
  body: string;
  stub?: string;
  style?: string;
}): string {
  return a4Page({
    title: `${p.title}（${p.number}）`,
    head: p.org,
    style: PAPER_STYLE + (p.style ?? ''),
    body: `<h1>${escapeHtml(p.title)}</h1>
<p class="no">编号：${escapeHtml(p.number)}</p>
${p.to ? `<p class="to">${escapeHtml(p.to)}：</p>\n` : ''}${p.body}
<footer>${escapeHtml(p.org)}<br>${escapeHtml(p.date)}</footer>${p.stub ?? ''}`,
  });
}

/**
 * The script of a paper's own 打印 bar (services/workflow/documents.ts): the button prints, and a
 * paper opened at an address ending in #print prints itself. One inline script with no inline
 * handler, so the Content-Security-Policy allows it by its hash and nothing else inline runs; a
 * paper the portal opens from a blob: address runs under the portal page's policy.
 */
export const PRINT_SCRIPT =
  "document.querySelector('.print-bar button').addEventListener('click', function () { window.print(); });\n" +
  "if (location.hash === '#print') addEventListener('load', function () { setTimeout(function () { window.print(); }, 300); });";
