// The historical import at the largest size our own limits accept (a 12 MiB body, 2,000 lines),
// inside workerd on D1, whose limits Node's libSQL file does not have: 100 bound parameters per
// statement, 100,000 bytes of SQL per statement, about 2 MB per stored string or row. The first
// test shows that Miniflare's D1 enforces them too, so the import tests below mean something.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { county } from './client';

const MAX_BODY = 12 * 1024 * 1024;

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('D1 in workerd', () => {
  it('enforces the limits of real D1: 100 parameters, 100,000 bytes of SQL, ~2 MB a value or row', async () => {
    const db = env.DB;
    await db.exec('CREATE TABLE IF NOT EXISTS size_probe (a TEXT, b TEXT)');
    const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
    expect(
      await refusal(
        db
          .prepare(`SELECT ${marks(100)}`)
          .bind(...Array(100).fill(1))
          .all(),
      ),
    ).toBe('ok');
    expect(
      await refusal(
        db
          .prepare(`SELECT ${marks(101)}`)
          .bind(...Array(101).fill(1))
          .all(),
      ),
    ).toMatch(/too many SQL variables/);
    const sqlOf = (bytes: number) => `SELECT 1 /*${'x'.repeat(bytes - 13)}*/`;
    expect(await refusal(db.prepare(sqlOf(99_000)).all())).toBe('ok');
    expect(await refusal(db.prepare(sqlOf(100_001)).all())).toMatch(/statement too long/);
    const insert = (a: string, b: string | null = null) =>
      db.prepare('INSERT INTO size_probe (a, b) VALUES (?, ?)').bind(a, b).run();
    expect(await refusal(insert('x'.repeat(2_000_000)))).toBe('ok');
    expect(await refusal(insert('x'.repeat(2_200_000)))).toMatch(/string or blob too big/);
    // a row, not only a value: two values of 1.1 MB
    expect(await refusal(insert('x'.repeat(1_100_000), 'y'.repeat(1_100_000)))).toMatch(
      /string or blob too big/,
    );
  });
});

async function importAs(cookie: string, slug: string, body: string) {
  const res = await SELF.fetch(`https://minsheng.test/api/t/${slug}/import`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-ndjson' },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, batch: res.headers.get('x-import-batch-id') };
}

// An accepted import cannot exceed them: rows travel as JSON in one parameter per statement, at
// most 500 rows and 1 MB of JSON each (repo/stats.ts jsonChunks), and no single row comes near 2 MB
// (every text of a line is capped, the longest at 10,000 characters). What a refused batch keeps
// could: each problem names the field, and an unknown field is named by the sender's key.
describe('the import at the size our limits accept', () => {
  it('2,000 cases filling a 12 MiB body land in one batch', async () => {
    const { as } = await county('wbig');
    const d = await as('dispatcher');
    const start = Date.now() - 60 * 86_400_000;
    const iso = (x: number) => new Date(x).toISOString();
    // quotes are escaped on the way into the JSON that carries the rows: the bytes grow again
    const text = (n: number, seed: number) => `“${seed}”"${'诉'.repeat(n - 2 - String(seed).length - 1)}`;
    const line = (i: number, contentChars: number) =>
      JSON.stringify({
        externalId: `BIG-${i}`,
        channel: 'letter',
        purpose: 'help',
        title: text(100, i),
        content: text(contentChars, i),
        receivedAt: iso(start + i * 1000),
        assignments: [
          {
            unit: '东山镇',
            events: [
              { type: 'dispatched', at: iso(start + i * 1000 + 3_600_000) },
              { type: 'accepted', at: iso(start + i * 1000 + 7_200_000) },
              { type: 'replied', at: iso(start + i * 1000 + 86_400_000), body: text(300, i) },
            ],
          },
        ],
      });
    // as much content per line as keeps 2,000 lines under the body limit
    const sized = (chars: number) => Array.from({ length: 2000 }, (_, i) => line(i, chars)).join('\n');
    const size = (text: string) => new TextEncoder().encode(text).length;
    let chars = Math.floor(MAX_BODY / 2000 / 3);
    let body = sized(chars);
    while (size(body) > MAX_BODY) {
      chars -= 10;
      body = sized(chars);
    }
    const bytes = size(body);
    expect(bytes).toBeLessThanOrEqual(MAX_BODY);
    expect(bytes).toBeGreaterThan(MAX_BODY * 0.95);
    const r = await importAs(d.cookie, 'wbig', body);
    expect(r.status, r.text.slice(0, 500)).toBe(201);
    expect(JSON.parse(r.text)).toMatchObject({ status: 'applied', imported: 2000 });
    const n = await env.DB.prepare("SELECT count(*) AS n FROM cases WHERE external_id LIKE 'BIG-%'").first(
      'n',
    );
    expect(n).toBe(2000);
  });

  it('a refused batch whose lines name megabytes of unknown fields is refused as 400, not a 500', async () => {
    const { as } = await county('wbad');
    const d = await as('dispatcher');
    // every line an unknown field whose name is ~1 MB: each problem would carry it in its path
    const body = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({ [`${i}${'k'.repeat(1_000_000)}`]: 1 }),
    ).join('\n');
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(MAX_BODY);
    const r = await importAs(d.cookie, 'wbad', body);
    expect(r.status, r.text.slice(0, 300)).toBe(400);
    const error = JSON.parse(r.text).error;
    expect(error.code).toBe('VALIDATION');
    // the answer names the field without echoing a megabyte of it
    expect(r.text.length).toBeLessThan(100_000);
    // the refused batch is recorded, as on Node
    expect(r.batch).toBeTruthy();
    const row = await env.DB.prepare('SELECT status, length(errors) AS size FROM import_batches WHERE id = ?')
      .bind(r.batch)
      .first<{ status: string; size: number }>();
    expect(row?.status).toBe('rejected');
    expect(row?.size).toBeLessThan(2_000_000);
  });
});
