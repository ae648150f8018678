// The console's side of the historical import (web/src/pages/import-format.ts): a file is read as
// UTF-8, else as GB18030 (GBK), and checked whole before a big one is sent in batches, so that an
// external id repeated in a later batch is an error as it is within one batch.
import { describe, expect, it } from 'vitest';
import {
  decodeFile,
  fieldName,
  fileProblems,
  garbled,
  mergeProblems,
  split,
} from '../../web/src/pages/import-format';
import { gbk } from '../fixtures/gbk';

const line = (externalId: string, title = '路灯不亮') =>
  JSON.stringify({
    externalId,
    channel: 'letter',
    purpose: 'help',
    title,
    content: '青石路',
    receivedAt: '2026-03-02 09:00',
  });

describe('reading a file', () => {
  const csv = '外部编号,标题\r\nG-1,青石路路灯不亮\r\n';

  it('UTF-8 stays UTF-8 (a byte-order mark dropped); GBK bytes are read as GB18030, not as U+FFFD', () => {
    expect(decodeFile(new TextEncoder().encode(`\uFEFF${csv}`))).toEqual({ text: csv, encoding: 'utf-8' });
    const read = decodeFile(gbk(csv));
    expect(read).toEqual({ text: csv, encoding: 'gb18030' });
    expect(garbled(read.text)).toEqual([]);
  });

  it('bytes in neither encoding keep U+FFFD, and its lines are named: such text is never uploaded', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('外部编号,标题\r\nG-1,'), 0xff, 0xff, 0x0a]);
    const read = decodeFile(bytes);
    expect(read.encoding).toBe('gb18030');
    expect(garbled(read.text)).toEqual([2]);
  });
});

describe('a file bigger than one request', () => {
  it('an external id repeated in a later batch is an error with both lines, found before anything is sent', () => {
    const lines = Array.from({ length: 2001 }, (_, i) => line(`ND-${i + 1}`));
    lines.push(line('ND-1', '路灯不亮（更正）'));
    const text = lines.join('\n');
    expect(split(text, 'ndjson')).toHaveLength(2);
    expect(fileProblems(text, 'ndjson')).toEqual([
      { line: 2002, path: 'externalId', message: '外部编号与第 1 行重复' },
    ]);
  });

  it('CSV rows sharing an id are one case by design, whichever batch: no error, and they stay in one batch', () => {
    const header = '外部编号,来源渠道,信访目的,标题,诉求内容,收件时间,承办单位';
    const row = (id: string, unit: string) => `${id},来信,求助,路灯不亮,青石路,2026-03-02 09:00,${unit}`;
    const rows = [header, row('C-1', '东山镇')];
    for (let i = 2; i <= 2001; i++) rows.push(row(`C-${i}`, '东山镇'));
    rows.push(row('C-1', '县住建局'));
    const text = rows.join('\r\n');
    expect(fileProblems(text, 'csv')).toEqual([]);
    const chunks = split(text, 'csv');
    expect(chunks).toHaveLength(2);
    expect(chunks[0]!.body).toContain('C-1,来信,求助,路灯不亮,青石路,2026-03-02 09:00,县住建局');
  });

  it('what every batch reports alike (a CSV header’s problems) is listed once', () => {
    const header = { line: 1, path: '颜色', message: '未知的列：颜色' };
    expect(mergeProblems([header, { line: 3, path: '', message: 'x' }], [header])).toEqual([
      header,
      { line: 3, path: '', message: 'x' },
    ]);
  });
});

describe('problems in words', () => {
  it('a 复查/复核 field is named by its CSV column', () => {
    expect(fieldName('reviews.0.requestedAt')).toBe('复查申请时间');
    expect(fieldName('reviews.1.decision')).toBe('复核结论');
    expect(fieldName('reviews.0.level')).toBe('复查 · level');
  });
});
