// Reading an import upload into one object per case with its line number: NDJSON (one JSON object
// per line, the native format) or CSV (a flat layout, one row per case and unit, for the console's
// spreadsheet upload). docs/IMPORT.md describes both.
import type { ImportProblem } from './import';
import { clipText } from '../../lib/errors';

export interface RawLine {
  /** line of the file (NDJSON), or of the record's first line (CSV; the header is line 1) */
  line: number;
  value: unknown;
  /** the events were laid out by column, not by time: order them by time before the replay */
  sortEvents?: boolean;
  /** CSV: the row each assignment came from (a case's rows are one line), for its problems */
  assignmentLines?: number[];
}

export const MAX_IMPORT_LINES = 2000;
/** Problems a refused batch reports and keeps: the first this many, each clipped (clipProblem). */
export const MAX_REPORTED_PROBLEMS = 1000;
const MAX_PROBLEM_TEXT = 200;

/**
 * A problem as reported and stored. Its path is the sender's own text where a field is unknown
 * (the key itself), and a message may quote a value: 12 MB of body could name megabytes of it,
 * and a refused batch keeps its problems in one value, which D1 refuses past 2 MB (a 500 where a
 * 400 was meant). 1,000 problems of 200 characters each stay well under it.
 */
export function clipProblem(p: ImportProblem): ImportProblem {
  return {
    line: p.line,
    path: clipText(p.path, MAX_PROBLEM_TEXT),
    message: clipText(p.message, MAX_PROBLEM_TEXT),
  };
}

/**
 * The text encodings an import is read in: UTF-8 (the default), or GB18030 for a body that says
 * charset=gbk / gb2312 / gb18030 (Excel's "CSV" in China; GB18030 is a superset of GBK). Null for
 * any other charset. TextDecoder decodes GB18030 on Node (full ICU) and on Workers alike.
 */
export function importCharset(contentType: string): 'utf-8' | 'gb18030' | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  const cs = (m?.[1] ?? 'utf-8').toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8') return 'utf-8';
  if (['gbk', 'x-gbk', 'gb2312', 'gb_2312', 'gb18030', 'cp936', 'windows-936', 'chinese'].includes(cs))
    return 'gb18030';
  return null;
}

/**
 * The lines (1-based, as the file counts them) holding U+FFFD, the mark a decoder leaves where bytes
 * were not of its encoding: text read in the wrong encoding, never to be stored.
 */
export function replacementLines(text: string): number[] {
  if (!text.includes('\uFFFD')) return [];
  const out: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    if (l.includes('\uFFFD')) out.push(i + 1);
  });
  return out;
}

export function parseNdjson(text: string): { lines: RawLine[]; problems: ImportProblem[] } {
  const lines: RawLine[] = [];
  const problems: ImportProblem[] = [];
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((raw, i) => {
    const s = raw.trim();
    if (!s) return;
    try {
      lines.push({ line: i + 1, value: JSON.parse(s) });
    } catch (e) {
      problems.push({ line: i + 1, path: '', message: `不是有效的 JSON：${(e as Error).message}` });
    }
  });
  return { lines, problems };
}

/** A line's external id, trimmed (null when it has none). */
export function externalIdOf(raw: RawLine): string | null {
  const x = (raw.value as { externalId?: unknown } | null)?.externalId;
  return typeof x === 'string' && x.trim() ? x.trim() : null;
}

/**
 * The lines repeating an earlier line's external id: an error whether or not the id was imported
 * before (which of the two would be meant?). The console runs it over the whole file, so that an id
 * repeated in a later batch of a big file is found as it is within one batch.
 */
export function repeatedExternalIds(lines: readonly RawLine[]): ImportProblem[] {
  const seen = new Map<string, number>();
  const out: ImportProblem[] = [];
  for (const raw of lines) {
    const key = externalIdOf(raw);
    if (!key) continue;
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, raw.line);
    else out.push({ line: raw.line, path: 'externalId', message: `外部编号与第 ${earlier} 行重复` });
  }
  return out;
}

/** RFC 4180 records, each with the line it starts on. */
export function parseCsvRecords(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  const s = text.replace(/^\uFEFF/, '');
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
      any = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      cells.push(cell);
      if (any || cells.some((c) => c !== '')) out.push({ line: start, cells });
      cells = [];
      cell = '';
      any = false;
      line++;
      start = line;
    } else {
      cell += ch;
      any = true;
    }
  }
  if (any || cell !== '') {
    cells.push(cell);
    out.push({ line: start, cells });
  }
  return out;
}

/** CSV columns: the English key, and the Chinese header the console's template uses. */
export const CSV_COLUMNS: readonly (readonly [string, string])[] = [
  ['externalId', '外部编号'],
  ['kind', '类型'],
  ['channel', '来源渠道'],
  ['purpose', '信访目的'],
  ['category', '内容分类'],
  ['township', '所属乡镇'],
  ['address', '地址'],
  ['title', '标题'],
  ['content', '诉求内容'],
  ['name', '姓名'],
  ['phone', '联系电话'],
  ['idNumber', '身份证号'],
  ['anonymous', '匿名'],
  ['receivedAt', '收件时间'],
  ['repeat', '重复件'],
  ['unit', '承办单位'],
  ['role', '主协办'],
  ['dispatchedAt', '交办时间'],
  ['signedAt', '签收时间'],
  ['acceptedAt', '受理时间'],
  ['refusedAt', '不予受理时间'],
  ['refuseReason', '不予受理理由'],
  ['returnedAt', '退件时间'],
  ['returnReason', '退件理由'],
  ['extensionDays', '延期天数'],
  ['extensionApprovedAt', '延期批准时间'],
  ['repliedAt', '答复时间'],
  ['replyBody', '答复内容'],
  ['closedAt', '办结时间'],
  ['rating', '评价'],
  ['ratedAt', '评价时间'],
  ['bureauRating', '信访部门评价'],
  ['unratedAt', '超期未评时间'],
  // the case's 复查 and 复核 (read from its first row, as the case's other columns)
  ['reviewRequestedAt', '复查申请时间'],
  ['reviewReason', '复查理由'],
  ['reviewAnsweredAt', '复查答复时间'],
  ['reviewDecision', '复查结论'],
  ['reviewOpinion', '复查意见'],
  ['review2RequestedAt', '复核申请时间'],
  ['review2Reason', '复核理由'],
  ['review2AnsweredAt', '复核答复时间'],
  ['review2Decision', '复核结论'],
  ['review2Opinion', '复核意见'],
];

const LABELS: Record<string, Record<string, string>> = {
  kind: {
    信访: 'petition',
    信访事项: 'petition',
    问政: 'inquiry',
    网上问政: 'inquiry',
    '12345': 'hotline',
    工单: 'hotline',
  },
  channel: {
    网上平台: 'web',
    网上投诉: 'web',
    网上信访: 'web',
    来信: 'letter',
    来访: 'visit',
    电话: 'phone',
    '12345': 'phone',
    领导信箱: 'mailbox',
    上级转送: 'transfer',
    上级交办: 'transfer',
    上级转送交办: 'transfer',
  },
  purpose: {
    意见建议: 'suggestion',
    检举控告: 'accusation',
    申诉求决: 'claim',
    咨询: 'question',
    求助: 'help',
    其他: 'other',
  },
  role: { 主办: 'lead', 协办: 'co' },
  rating: { 满意: 'satisfied', 基本满意: 'basic', 不满意: 'unsatisfied' },
  decision: {
    维持: 'upheld',
    维持原处理意见: 'upheld',
    撤销或变更: 'revised',
    撤销或变更原处理意见: 'revised',
    撤销: 'revised',
    变更: 'revised',
  },
};

const coded = (field: string, v: string) => LABELS[field]?.[v] ?? v;
const yes = (v: string) => ['1', 'true', '是', 'y', 'yes'].includes(v.toLowerCase());

/**
 * CSV into line objects of the NDJSON format: rows with the same 外部编号 are one case routed to
 * several units (the case's fields are taken from its first row).
 */
export function parseCsv(text: string): { lines: RawLine[]; problems: ImportProblem[] } {
  const records = parseCsvRecords(text);
  const problems: ImportProblem[] = [];
  if (records.length === 0) return { lines: [], problems };
  const header = records[0]!.cells.map((h) => h.trim());
  const index = new Map<string, number>();
  const unknown = new Set<string>();
  header.forEach((h, i) => {
    const col = CSV_COLUMNS.find(([k, zh]) => k === h || zh === h);
    const first = col && index.get(col[0]);
    // a column twice would have its first copy ignored; an unknown name is reported once
    if (first !== undefined)
      problems.push({ line: 1, path: h, message: `列“${h}”重复（第 ${first + 1} 列和第 ${i + 1} 列）` });
    else if (col) index.set(col[0], i);
    else if (h && !unknown.has(h)) {
      unknown.add(h);
      problems.push({ line: 1, path: h, message: `未知的列：${h}` });
    }
  });
  for (const required of ['externalId', 'channel', 'purpose', 'title', 'content', 'receivedAt']) {
    if (!index.has(required))
      problems.push({
        line: 1,
        path: required,
        message: `缺少必填列：${CSV_COLUMNS.find(([k]) => k === required)![1]}`,
      });
  }
  if (problems.length > 0) return { lines: [], problems };
  const byId = new Map<string, RawLine & { value: Record<string, unknown>; rows: Map<string, number> }>();
  const lines: RawLine[] = [];
  for (const r of records.slice(1)) {
    const get = (k: string) => {
      const i = index.get(k);
      return i === undefined ? '' : (r.cells[i] ?? '').trim();
    };
    const opt = (k: string) => get(k) || undefined;
    const externalId = get('externalId');
    let entry = byId.get(externalId);
    // a row twice (copied by mistake) is reported on the copy, not merged as a second unit
    const same = entry?.rows.get(r.cells.map((c) => c.trim()).join('\u0000'));
    if (same !== undefined) {
      problems.push({ line: r.line, path: '', message: `与第 ${same} 行完全相同（重复的行），请删除` });
      continue;
    }
    if (!entry || !externalId) {
      const value: Record<string, unknown> = {
        externalId,
        kind: coded('kind', get('kind') || 'petition'),
        channel: coded('channel', get('channel')),
        purpose: coded('purpose', get('purpose')),
        category: opt('category'),
        township: opt('township'),
        address: opt('address'),
        title: get('title'),
        content: get('content'),
        petitioner: {
          name: opt('name'),
          phone: opt('phone'),
          idNumber: opt('idNumber'),
          ...(get('anonymous') ? { anonymous: yes(get('anonymous')) } : {}),
        },
        receivedAt: get('receivedAt'),
        repeat: get('repeat') ? yes(get('repeat')) : false,
        assignments: [],
        reviews: [],
      };
      // 复查 then 复核: a level is given when any of its columns is
      (['review', 'review2'] as const).forEach((k, i) => {
        const cols = ['RequestedAt', 'Reason', 'AnsweredAt', 'Decision', 'Opinion'].map((c) => `${k}${c}`);
        if (!cols.some(get)) return;
        (value.reviews as unknown[]).push({
          level: i + 1,
          requestedAt: get(`${k}RequestedAt`),
          reason: opt(`${k}Reason`),
          answeredAt: opt(`${k}AnsweredAt`),
          decision: get(`${k}Decision`) ? coded('decision', get(`${k}Decision`)) : undefined,
          opinion: opt(`${k}Opinion`),
        });
      });
      entry = { line: r.line, value, sortEvents: true, assignmentLines: [], rows: new Map() };
      if (externalId) byId.set(externalId, entry);
      lines.push(entry);
    }
    entry.rows.set(r.cells.map((c) => c.trim()).join('\u0000'), r.line);
    if (!get('unit')) continue;
    const events: Record<string, unknown>[] = [];
    const at = (k: string, type: string, extra: Record<string, unknown> = {}) => {
      if (get(k)) events.push({ type, at: get(k), ...extra });
    };
    at('dispatchedAt', 'dispatched');
    at('signedAt', 'signed');
    at('acceptedAt', 'accepted');
    at('refusedAt', 'refused', { reason: opt('refuseReason') });
    if (get('returnedAt')) {
      events.push({ type: 'return_requested', at: get('returnedAt'), reason: opt('returnReason') });
      events.push({ type: 'returned', at: get('returnedAt') });
    }
    if (get('extensionApprovedAt'))
      events.push({
        type: 'extension_approved',
        at: get('extensionApprovedAt'),
        days: Number(get('extensionDays')) || get('extensionDays'),
      });
    at('repliedAt', 'replied', { body: opt('replyBody') });
    at('closedAt', 'closed');
    if (get('ratedAt'))
      events.push({
        type: 'rated',
        at: get('ratedAt'),
        value: coded('rating', get('rating')),
        ...(get('bureauRating') ? { bureauValue: coded('rating', get('bureauRating')) } : {}),
      });
    at('unratedAt', 'unrated');
    entry.assignmentLines!.push(r.line);
    (entry.value.assignments as unknown[]).push({
      unit: get('unit'),
      role: coded('role', get('role') || 'lead'),
      events,
    });
  }
  return { lines, problems };
}
