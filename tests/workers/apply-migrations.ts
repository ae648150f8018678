import { applyD1Migrations, env } from 'cloudflare:test';

// Same migration files as the Node side (db/migrations), applied the D1 way.
await applyD1Migrations(
  env.DB,
  (env as unknown as { TEST_MIGRATIONS: Parameters<typeof applyD1Migrations>[1] }).TEST_MIGRATIONS,
);
