// The console side of the historical import (docs/IMPORT.md): the CSV template, the format guess,
// and the split of a file bigger than one request (2,000 cases) into batches whose problems are
// reported with the line numbers of the original file.
import type { ImportFormat } from '../lib/api';

// The limit, the CSV layout and the reading of a file are the server's own (one code, two sides).
export { CSV_COLUMNS, MAX_IMPORT_LINES as MAX_CASES } from '../../../workers/services/stats/import-format';
import {
  CSV_COLUMNS,
  MAX_IMPORT_LINES as MAX_CASES,
  parseCsv,
  parseCsvRecords,
  parseNdjson,
  repeatedExternalIds,
  replacementLines,
} from '../../../workers/services/stats/import-format';

export interface Problem {
  line: number;
  path: string;
  message: string;
}

/**
 * A file's bytes as text: UTF-8 when they are valid UTF-8, else GB18030, a superset of GBK (what
 * Excel's "CSV" is in China). Text still holding U+FFFD after that is in neither: see `garbled`.
 */
export function decodeFile(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The lines holding U+FFFD (an undecodable byte): such text is never uploaded (the server refuses it). */
export const garbled = replacementLines;

/**
 * What the server refuses in a file whatever the batches it is split into, found over the whole
 * file before anything is sent: the header or lines it cannot read, and an external id repeated
 * (in a later batch too). CSV rows of one case share their id by design: they are one line here,
 * as within a batch.
 */
export function fileProblems(text: string, format: ImportFormat): Problem[] {
  const { lines, problems } = format === 'csv' ? parseCsv(text) : parseNdjson(text);
  return mergeProblems(problems, repeatedExternalIds(lines));
}

/** Problems of several checks, each once, by line. */
export function mergeProblems(...lists: Problem[][]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const p of lists.flat()) {
    const key = `${p.line}\u0000${p.path}\u0000${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort((x, y) => x.line - y.line);
}

/** The first lines of a text for the clerk to look at: CSV as cells (header first), NDJSON as lines. */
export function preview(text: string, format: ImportFormat, rows = 5): string[][] {
  if (format === 'csv')
    return parseCsvRecords(text)
      .slice(0, rows + 1)
      .map((r) => r.cells);
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, rows + 20)
    .filter((l) => l.trim())
    .slice(0, rows)
    .map((l) => [l]);
}

/** One invented example case (every name, number and place made up). */
const EXAMPLE: Record<string, string> = {
  externalId: 'XF-2023-0001',
  kind: '信访',
  channel: '来信',
  purpose: '求助',
  category: '城乡建设',
  township: '东山镇',
  address: '青石路 8 号',
  title: '东山镇青石路路灯不亮',
  content: '青石路一带路灯坏了半个多月，夜间出行不便，请尽快维修。',
  name: '周建国',
  phone: '13900000000',
  anonymous: '否',
  receivedAt: '2023-03-02 09:00',
  repeat: '否',
  unit: '东山镇',
  role: '主办',
  dispatchedAt: '2023-03-02 10:00',
  signedAt: '2023-03-02 15:00',
  acceptedAt: '2023-03-03 09:00',
  repliedAt: '2023-03-20 16:00',
  replyBody: '已更换灯具，路灯恢复照明。',
  closedAt: '2023-03-20 16:05',
  rating: '满意',
  ratedAt: '2023-03-22 10:00',
  bureauRating: '基本满意',
};

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The template: a UTF-8 byte-order mark (for spreadsheet programs), the Chinese header, one row. */
export function csvTemplate(): string {
  const header = CSV_COLUMNS.map(([, zh]) => zh).join(',');
  const row = CSV_COLUMNS.map(([k]) => quote(EXAMPLE[k] ?? '')).join(',');
  return `\uFEFF${header}\r\n${row}\r\n`;
}

/** The format by file name, else by content (a JSON object first means NDJSON). */
export function guessFormat(text: string, fileName = ''): ImportFormat {
  const n = fileName.toLowerCase();
  if (n.endsWith('.csv')) return 'csv';
  if (n.endsWith('.ndjson') || n.endsWith('.jsonl') || n.endsWith('.json')) return 'ndjson';
  return text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{')
    ? 'ndjson'
    : 'csv';
}

/** Lines of a text, not counting a final empty one after the last line break. */
export function lineCount(text: string): number {
  if (!text) return 0;
  const n = text.split(/\r\n|\r|\n/).length;
  return /(\r\n|\r|\n)$/.test(text) ? n - 1 : n;
}

export interface Chunk {
  body: string;
  /** line of the chunk (1-based, index 0 unused) → line of the original file */
  lines: number[];
  cases: number;
}

interface CsvRecord {
  raw: string;
  line: number;
  cells: string[];
}

/** RFC 4180 records with their raw text and first line (as the server reads them). */
function csvRecords(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let from = 0;
  const end = (to: number) => {
    cells.push(cell);
    if (cells.some((c) => c !== '')) out.push({ raw: text.slice(from, to), line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      const to = i;
      if (ch === '\r' && text[i + 1] === '\n') i++;
      end(to);
      line++;
      start = line;
      from = i + 1;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) end(text.length);
  return out;
}

const rawLines = (raw: string) => raw.split(/\r\n|\r|\n/).length;

/**
 * The text as one request, or (more than 2,000 cases) as several, each a valid file of its own:
 * NDJSON by lines, CSV by case (rows with the same 外部编号 stay together) with the header repeated.
 */
export function split(text: string, format: ImportFormat): Chunk[] {
  const body = text.replace(/^\uFEFF/, '');
  const identity = (cases: number): Chunk[] => [
    { body, lines: Array.from({ length: lineCount(body) + 2 }, (_, i) => i), cases },
  ];
  if (format === 'ndjson') {
    const rows = body
      .split(/\r?\n/)
      .map((s, i) => ({ s, line: i + 1 }))
      .filter((r) => r.s.trim());
    if (rows.length <= MAX_CASES) return identity(rows.length);
    const out: Chunk[] = [];
    for (let i = 0; i < rows.length; i += MAX_CASES) {
      const part = rows.slice(i, i + MAX_CASES);
      out.push({
        body: part.map((r) => r.s).join('\n'),
        lines: [0, ...part.map((r) => r.line)],
        cases: part.length,
      });
    }
    return out;
  }
  const records = csvRecords(body);
  const header = records.shift();
  if (!header) return identity(0);
  const idCol = header.cells.findIndex((c) => ['externalid', '外部编号'].includes(c.trim().toLowerCase()));
  // rows grouped by case, in order of first appearance (a row without an id is a case of its own)
  const groups = new Map<string, CsvRecord[]>();
  records.forEach((r, i) => {
    const id = idCol >= 0 ? (r.cells[idCol] ?? '').trim() : '';
    const key = id || `\u0000${i}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  });
  if (groups.size <= MAX_CASES) return identity(groups.size);
  const all = [...groups.values()];
  const out: Chunk[] = [];
  for (let i = 0; i < all.length; i += MAX_CASES) {
    const part = all.slice(i, i + MAX_CASES).flat();
    const lines = [0];
    for (let k = 0; k < rawLines(header.raw); k++) lines.push(header.line + k);
    for (const r of part) for (let k = 0; k < rawLines(r.raw); k++) lines.push(r.line + k);
    out.push({
      body: [header.raw, ...part.map((r) => r.raw)].join('\n'),
      lines,
      cases: Math.min(MAX_CASES, all.length - i),
    });
  }
  return out;
}

const FIELD: Record<string, string> = Object.fromEntries(CSV_COLUMNS);
Object.assign(FIELD, {
  petitioner: '信访人',
  'petitioner.name': '姓名',
  'petitioner.phone': '联系电话',
  'petitioner.idNumber': '身份证号',
  'petitioner.anonymous': '匿名',
  assignments: '承办单位',
  events: '办理记录',
  peopleCount: '人数',
  flags: '标记',
  isPublic: '公开',
  higherLevelDueAt: '上级办理期限',
  repeatConfirmedAt: '重复件认定时间',
  reviews: '复查/复核',
});

/** A problem's path in words: `assignments.0.events.2.at` → 第 1 个承办单位 · 第 3 条办理记录 · at. */
export function fieldName(path: string): string {
  if (!path) return '（整行）';
  const m = /^assignments\.(\d+)(?:\.(.+))?$/.exec(path);
  if (m) {
    const rest = m[2] ?? '';
    const ev = /^events\.(\d+)(?:\.(.+))?$/.exec(rest);
    const tail = ev
      ? ` · 第 ${Number(ev[1]) + 1} 条办理记录${ev[2] ? ` · ${ev[2]}` : ''}`
      : rest
        ? ` · ${rest === 'unit' ? '承办单位' : rest === 'role' ? '主协办' : rest}`
        : '';
    return `第 ${Number(m[1]) + 1} 个承办单位${tail}`;
  }
  const r = /^reviews\.([01])\.(\w+)$/.exec(path);
  if (r) {
    const key = `${r[1] === '0' ? 'review' : 'review2'}${r[2]![0]!.toUpperCase()}${r[2]!.slice(1)}`;
    return FIELD[key] ?? `${r[1] === '0' ? '复查' : '复核'} · ${r[2]}`;
  }
  return FIELD[path] ? `${FIELD[path]}（${path}）` : path;
}
