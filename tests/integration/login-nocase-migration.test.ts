// Migration 0016 (logins one regardless of case, enforced by a unique index on lower(login)) on a
// database written before it: accounts whose logins differ only by case are kept, the later ones
// renamed to a valid login that is nobody else's, each rename recorded where its administrator reads
// the audit log; and the migration applies as a whole or not at all.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DbHandle, openLibsql } from '../../db/client';
import { MIGRATIONS_DIR, migrateLibsql } from '../../db/migrate';
import { findUserByLogin } from '../../workers/repo/tenancy';

let dir: string;
let handle: DbHandle;

/** A database migrated up to 0015, as one written before this migration. */
async function before0016() {
  dir = mkdtempSync(join(tmpdir(), 'ms-0016-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0016');
  writeFileSync(journalPath, JSON.stringify(journal));
  handle = await openLibsql({ url: ':memory:' });
  await migrate(handle.db as never, { migrationsFolder: dir });
  return handle.db;
}

beforeEach(() => {
  dir = '';
});
afterEach(async () => {
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Db = DbHandle['db'];

async function addUser(db: Db, id: string, tenantId: string | null, login: string, createdAt: number) {
  await db.run(sql`INSERT INTO users (id, tenant_id, login, name, role, password_hash, created_at)
    VALUES (${id}, ${tenantId}, ${login}, ${`name of ${id}`}, ${tenantId ? 'dispatcher' : 'platform_admin'},
      ${`hash-${id}`}, ${createdAt})`);
}

const logins = async (db: Db) =>
  Object.fromEntries(
    (await db.all<{ id: string; login: string }>(sql`SELECT id, login FROM users ORDER BY id`)).map((r) => [
      r.id,
      r.login,
    ]),
  );

describe('migration 0016 on a database with logins that differ only by case', () => {
  it('keeps every account: the oldest keeps its login, the later ones get a free valid one, each rename recorded', async () => {
    const db = await before0016();
    await db.run(
      sql`INSERT INTO tenants (id, slug, name, created_at) VALUES ('ta', 'a', '甲县', 1), ('tb', 'b', '乙县', 1)`,
    );
    const long = `${'x'.repeat(38)}Ab`;
    await addUser(db, 'u1', 'ta', 'Zhang', 1000);
    await addUser(db, 'u3', 'ta', 'ZHANG', 2000);
    await addUser(db, 'u2', 'tb', 'zhang', 2000); // same instant as u3: the id decides
    await addUser(db, 'u4', 'ta', 'li', 1000);
    await addUser(db, 'u5', 'ta', 'LI', 3000); // li-2 is someone else's already
    await addUser(db, 'u6', 'tb', 'Li-2', 500);
    await addUser(db, 'u7', 'ta', long, 1000);
    await addUser(db, 'u8', 'ta', long.toLowerCase(), 2000); // <login>-2 would pass 40 characters
    await addUser(db, 'p1', null, 'root', 1000);
    await addUser(db, 'p2', null, 'Root', 2000);
    await addUser(db, 'u9', 'ta', 'wang', 1000);

    await migrateLibsql(db);

    expect(await logins(db)).toEqual({
      u1: 'Zhang',
      u2: 'zhang-2',
      u3: 'ZHANG-3',
      u4: 'li',
      u5: 'user-u5',
      u6: 'Li-2',
      u7: long,
      u8: 'user-u8',
      p1: 'root',
      p2: 'Root-2',
      u9: 'wang',
    });
    // nothing else about an account changes
    const u2 = (await db.all<any>(sql`SELECT * FROM users WHERE id = 'u2'`))[0];
    expect(u2).toMatchObject({ tenant_id: 'tb', password_hash: 'hash-u2', name: 'name of u2', active: 1 });

    const renamed = await db.all<{ tenant_id: string | null; actor_role: string; payload: string }>(
      sql`SELECT tenant_id, actor_role, payload FROM events WHERE type = 'user.login_renamed' ORDER BY id`,
    );
    expect(
      renamed.map((e) => ({ tenantId: e.tenant_id, role: e.actor_role, ...JSON.parse(e.payload) })),
    ).toEqual([
      {
        tenantId: null,
        role: 'system',
        userId: 'p2',
        login: 'Root-2',
        previousLogin: 'Root',
        reason: 'case_duplicate',
      },
      {
        tenantId: 'tb',
        role: 'system',
        userId: 'u2',
        login: 'zhang-2',
        previousLogin: 'zhang',
        reason: 'case_duplicate',
      },
      {
        tenantId: 'ta',
        role: 'system',
        userId: 'u3',
        login: 'ZHANG-3',
        previousLogin: 'ZHANG',
        reason: 'case_duplicate',
      },
      {
        tenantId: 'ta',
        role: 'system',
        userId: 'u5',
        login: 'user-u5',
        previousLogin: 'LI',
        reason: 'case_duplicate',
      },
      {
        tenantId: 'ta',
        role: 'system',
        userId: 'u8',
        login: 'user-u8',
        previousLogin: long.toLowerCase(),
        reason: 'case_duplicate',
      },
    ]);

    // the login form finds each account under its name, and the database refuses a new duplicate
    expect((await findUserByLogin(db, 'zhang'))?.id).toBe('u1');
    expect((await findUserByLogin(db, 'Zhang-2'))?.id).toBe('u2');
    const refused = await addUser(db, 'u10', 'ta', 'WANG', 4000).catch((e: Error) => e);
    expect(String((refused as Error | undefined)?.cause)).toMatch(/UNIQUE constraint failed/);
    // the scratch table is gone
    expect(await db.all(sql`SELECT name FROM sqlite_master WHERE name = 'login_renames_0016'`)).toEqual([]);
  });

  it('a database without such logins only gains the index', async () => {
    const db = await before0016();
    await addUser(db, 'p1', null, 'root', 1000);
    await migrateLibsql(db);
    expect(await logins(db)).toEqual({ p1: 'root' });
    expect(await db.all(sql`SELECT id FROM events`)).toEqual([]);
    expect(
      (
        await db.all<{ sql: string }>(sql`SELECT sql FROM sqlite_master WHERE name = 'users_login_nocase_uq'`)
      )[0]?.sql,
    ).toMatch(/UNIQUE INDEX .* \(lower\("login"\)\)/);
  });

  it('a failure part-way leaves the database as it was, not half-migrated', async () => {
    const db = await before0016();
    await db.run(sql`INSERT INTO tenants (id, slug, name, created_at) VALUES ('ta', 'a', '甲县', 1)`);
    await addUser(db, 'u1', 'ta', 'Zhang', 1000);
    await addUser(db, 'u2', 'ta', 'zhang', 2000);
    // a copy of 0016 whose last statement cannot run: everything before it must be undone
    const path = join(dir, '0016_login_nocase.sql');
    writeFileSync(
      path,
      `${readFileSync(path, 'utf8')}--> statement-breakpoint\nSELECT * FROM no_such_table;`,
    );
    const journalPath = join(dir, 'meta/_journal.json');
    const full = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8'));
    writeFileSync(journalPath, JSON.stringify(full));
    await expect(migrate(db as never, { migrationsFolder: dir })).rejects.toThrow(/no_such_table/);
    expect(await logins(db)).toEqual({ u1: 'Zhang', u2: 'zhang' });
    expect(await db.all(sql`SELECT id FROM events`)).toEqual([]);
    expect(
      await db.all(
        sql`SELECT name FROM sqlite_master WHERE name IN ('users_login_uq', 'users_login_nocase_uq', 'login_renames_0016')`,
      ),
    ).toEqual([{ name: 'users_login_uq' }]);
    // and the real migration still applies afterwards
    await migrateLibsql(db);
    expect(await logins(db)).toEqual({ u1: 'Zhang', u2: 'zhang-2' });
  });
});
