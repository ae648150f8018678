// Logins one regardless of case on D1: two administrators giving one login in two cases at the same
// moment get one account and a 409 (inside workerd the two requests tend to run one after the other,
// so here it is often the service's check that refuses; tests/integration/accounts.test.ts has them
// interleave, where only the index can). Migration 0016 keeps the accounts of a database written
// before it (the later of two logins equal but for case renamed, the rename recorded), and D1 words
// the index's refusal as the app expects ("UNIQUE constraint failed").
import { applyD1Migrations, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PASSWORD, ROOT, WorkerClient } from './client';

type Migrations = Parameters<typeof applyD1Migrations>[1];

describe('logins on D1', () => {
  it('one login created in two cases at the same moment: one 201, one 409 in the one error shape', async () => {
    const root = new WorkerClient();
    await root.login(ROOT.login, ROOT.password);
    expect((await root.post('/api/admin/tenants', { slug: 'case-race', name: '大小写县' })).status).toBe(201);
    const other = new WorkerClient();
    await other.login(ROOT.login, ROOT.password);
    const body = (login: string) => ({
      login,
      password: PASSWORD,
      name: '张三',
      role: 'county_leader',
      mustChangePassword: false,
    });
    const answers = await Promise.all([
      root.post('/api/t/case-race/users', body('Zhang.Race')),
      other.post('/api/t/case-race/users', body('zhang.race')),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    expect(refused.body.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('登录名'),
    });
    expect(refused.body.error.requestId).toMatch(/\S/);
    const rows = await env.DB.prepare("SELECT login FROM users WHERE lower(login) = 'zhang.race'").all();
    expect(rows.results).toHaveLength(1);
  });

  it('migration 0016 renames the later of two logins equal but for case and records it', async () => {
    const db = env.MIGRATION_DB;
    const all = env.TEST_MIGRATIONS as Migrations;
    await applyD1Migrations(
      db,
      all.filter((m) => m.name < '0016'),
    );
    await db.batch([
      db.prepare("INSERT INTO tenants (id, slug, name, created_at) VALUES ('ta', 'a', '甲县', 1)"),
      ...[
        ['u1', 'Zhang', 1000],
        ['u2', 'zhang', 2000],
        ['u3', 'li', 1000],
      ].map(([id, login, at]) =>
        db
          .prepare(
            "INSERT INTO users (id, tenant_id, login, name, role, password_hash, created_at) VALUES (?, 'ta', ?, ?, 'dispatcher', 'h', ?)",
          )
          .bind(id, login, id, at),
      ),
    ]);
    await applyD1Migrations(db, all);
    const users = await db.prepare('SELECT id, login FROM users ORDER BY id').all();
    expect(users.results).toEqual([
      { id: 'u1', login: 'Zhang' },
      { id: 'u2', login: 'zhang-2' },
      { id: 'u3', login: 'li' },
    ]);
    const events = await db
      .prepare("SELECT tenant_id, actor_role, payload FROM events WHERE type = 'user.login_renamed'")
      .all<{ tenant_id: string; actor_role: string; payload: string }>();
    expect(events.results.map((e) => ({ ...e, payload: JSON.parse(e.payload) }))).toEqual([
      {
        tenant_id: 'ta',
        actor_role: 'system',
        payload: { userId: 'u2', login: 'zhang-2', previousLogin: 'zhang', reason: 'case_duplicate' },
      },
    ]);
    await expect(
      db
        .prepare(
          "INSERT INTO users (id, tenant_id, login, name, role, password_hash, created_at) VALUES ('u4', 'ta', 'LI', 'x', 'dispatcher', 'h', 3000)",
        )
        .run(),
    ).rejects.toThrow(/UNIQUE constraint failed/);
  });
});
