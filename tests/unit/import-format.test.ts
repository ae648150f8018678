// The console's side of the historical import (web/src/pages/import-format.ts): a file is read as
// UTF-8, else as GB18030 (GBK); text with U+FFFD is never sent.
import { describe, expect, it } from 'vitest';
import { decodeFile, garbled } from '../../web/src/pages/import-format';
import { gbk } from '../fixtures/gbk';

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
