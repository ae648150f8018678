// CSV (RFC 4180: CRLF line ends, fields quoted when they hold a quote, comma or line break), UTF-8
// with a byte-order mark so that Excel opens Chinese text correctly. Runs in Node and in Workers.
//
// Cells that a spreadsheet would run as a formula (text starting with =, +, -, @, tab or CR) get a
// leading apostrophe, since exports carry text citizens typed (CSV injection). Plain signed numbers
// such as '-21.6%' or '+1.2个百分点' are left alone.

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvTable {
  title?: string;
  columns: readonly string[];
  rows: readonly (readonly CsvCell[])[];
}

export const UTF8_BOM = '\uFEFF';

const SIGNED_NUMBER = /^[+-]\d+(\.\d+)?(%|个百分点|天)?$/;

/** One field, quoted and neutralised as needed. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !SIGNED_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function lines(table: CsvTable, withTitle: boolean): string[] {
  const out: string[] = [];
  if (withTitle && table.title) out.push(csvField(table.title));
  out.push(table.columns.map(csvField).join(','));
  for (const row of table.rows) out.push(row.map(csvField).join(','));
  return out;
}

/** One table as CSV text (header row first), with the BOM unless `bom: false`. */
export function toCsv(table: CsvTable, opts: { bom?: boolean; title?: boolean } = {}): string {
  const body = lines(table, opts.title ?? false).join('\r\n');
  return `${opts.bom === false ? '' : UTF8_BOM}${body}\r\n`;
}

/** Several tables in one file: each under its title line, separated by an empty line. */
export function tablesToCsv(tables: readonly CsvTable[], opts: { bom?: boolean } = {}): string {
  const body = tables.map((t) => lines(t, true).join('\r\n')).join('\r\n\r\n');
  return `${opts.bom === false ? '' : UTF8_BOM}${body}\r\n`;
}

/** The bytes to send (Content-Type: text/csv; charset=utf-8). */
export function csvBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
