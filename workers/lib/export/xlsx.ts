// A minimal .xlsx (Office Open XML spreadsheet) writer: one sheet per table, shared strings, numbers
// as numbers (with a number format when given, e.g. a rate 0.693 shown as 69.3%), the header row
// bold and frozen. Built with fflate so that it runs in Node and in
// Workers alike (no node: imports). The archive's timestamps are fixed, so the same tables always
// give the same bytes (a published bulletin exports identically every time).
import { strToU8, type Zippable, zipSync } from 'fflate';

/** A number shown with an Excel number format, e.g. { value: 0.693, format: '0.0%' }. */
export interface XlsxNumber {
  value: number;
  format: string;
}

export type XlsxCell = string | number | boolean | null | undefined | XlsxNumber;

export interface XlsxSheet {
  /** sheet tab name (cleaned, cut to 31 characters, made unique); defaults to the title */
  name?: string;
  /** written as a bold first row above the header when present */
  title?: string;
  columns: readonly string[];
  rows: readonly (readonly XlsxCell[])[];
}

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));

/** Drops what XML 1.0 cannot carry: control characters other than tab/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
function stripInvalidXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const control = c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;
    const loneSurrogate = c >= 0xd800 && c <= 0xdfff;
    if (!control && !loneSurrogate && c !== 0xfffe && c !== 0xffff) out += ch;
  }
  return out;
}

export function escapeXml(text: string): string {
  return stripInvalidXml(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** 0 → A, 25 → Z, 26 → AA */
export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A valid, unique sheet name: no []:*?/\, not empty, at most 31 characters. */
export function sheetName(raw: string, used: Set<string>): string {
  const base = (
    raw
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim() || 'Sheet'
  ).slice(0, 31);
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) {
    const suffix = `(${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(name.toLowerCase());
  return name;
}

/** Display width: CJK and full-width characters count double. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(
        ch,
      ) || ch.length > 1
        ? 2
        : 1;
  return w;
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  ref(text: string): number {
    this.count += 1;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(text, i);
      this.list.push(text);
    }
    return i;
  }
}

/** Cell formats: 0 plain, 1 title, 2 header, then one per number format used (ids from 164). */
class Formats {
  readonly list: string[] = [];
  style(format: string): number {
    let i = this.list.indexOf(format);
    if (i < 0) i = this.list.push(format) - 1;
    return 3 + i;
  }
}

function cellXml(
  ref: string,
  value: XlsxCell,
  style: number,
  strings: SharedStrings,
  formats: Formats,
): string {
  if (value !== null && typeof value === 'object') {
    if (!Number.isFinite(value.value)) return '';
    // a formatted number keeps the row's look only where the row has none (body rows)
    const st = style || formats.style(value.format);
    return `<c r="${ref}" s="${st}"><v>${value.value}</v></c>`;
  }
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === undefined) return style ? `<c r="${ref}"${s}/>` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="s"><v>${strings.ref(value)}</v></c>`;
}

/** What a cell shows, for the column width: a formatted rate as its percentage. */
function shown(v: XlsxCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object')
    return v.format.endsWith('%') ? `${(v.value * 100).toFixed(1)}%` : String(v.value);
  return String(v);
}

function sheetXml(sheet: XlsxSheet, strings: SharedStrings, formats: Formats): string {
  const width = Math.max(sheet.columns.length, ...sheet.rows.map((r) => r.length), 1);
  const rows: (readonly XlsxCell[])[] = [];
  const styles: number[] = [];
  if (sheet.title) {
    rows.push([sheet.title]);
    styles.push(1);
  }
  const headerRow = rows.length + 1;
  rows.push(sheet.columns);
  styles.push(2);
  for (const r of sheet.rows) {
    rows.push(r);
    styles.push(0);
  }

  const widths = Array.from({ length: width }, (_, c) =>
    Math.min(
      60,
      Math.max(6, ...[sheet.columns, ...sheet.rows].map((r) => displayWidth(shown(r[c]))).map((w) => w + 2)),
    ),
  );
  const cols = widths
    .map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`)
    .join('');
  const data = rows
    .map((r, i) => {
      const cells = r
        .map((v, c) => cellXml(`${columnName(c)}${i + 1}`, v, styles[i] ?? 0, strings, formats))
        .join('');
      return `<row r="${i + 1}">${cells}</row>`;
    })
    .join('');
  const lastRef = `${columnName(width - 1)}${rows.length}`;
  const pane = `<pane ySplit="${headerRow}" topLeftCell="A${headerRow + 1}" activePane="bottomLeft" state="frozen"/>`;
  const merge =
    sheet.title && width > 1
      ? `<mergeCells count="1"><mergeCell ref="A1:${columnName(width - 1)}1"/></mergeCells>`
      : '';
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="A1:${lastRef}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${cols}</cols>` +
    `<sheetData>${data}</sheetData>${merge}</worksheet>`
  );
}

const stylesXml = (formats: readonly string[]) =>
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  (formats.length > 0
    ? `<numFmts count="${formats.length}">${formats
        .map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(f)}"/>`)
        .join('')}</numFmts>`
    : '') +
  '<fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="2"/></font>' +
  '<font><b/><sz val="14"/><name val="宋体"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="宋体"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${3 + formats.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" wrapText="1"/></xf>' +
  formats
    .map(
      (_, i) =>
        `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
    )
    .join('') +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The .xlsx bytes of the given tables, one sheet each (at least one sheet is written). */
export function toXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
  const list = sheets.length > 0 ? sheets : [{ name: 'Sheet1', columns: [], rows: [] }];
  const strings = new SharedStrings();
  const formats = new Formats();
  const used = new Set<string>();
  const names = list.map((s, i) => sheetName(s.name ?? s.title ?? `Sheet${i + 1}`, used));
  const sheetParts = list.map((s) => sheetXml(s, strings, formats));
  const n = list.length;
  // [Content_Types].xml first: some readers sniff the first entry
  const files: Zippable = {};
  files['[Content_Types].xml'] = strToU8(
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      list
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '</Types>',
  );
  files['_rels/.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>` +
      names
        .map((name, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('') +
      '</sheets></workbook>',
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
      names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${n + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${n + 2}" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
  );
  files['xl/styles.xml'] = strToU8(stylesXml(formats.list));
  files['xl/sharedStrings.xml'] = strToU8(
    `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.count}" uniqueCount="${strings.list.length}">` +
      strings.list.map((t) => `<si><t xml:space="preserve">${escapeXml(t)}</t></si>`).join('') +
      '</sst>',
  );
  sheetParts.forEach((xml, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml);
  });
  return zipSync(files, { level: 6, mtime: FIXED_MTIME });
}
