// The same API scenarios inside workerd with D1, through the real Worker entry (SELF).
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const root = path.resolve(__dirname, '../..');

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, 'db/migrations'));
  return {
    plugins: [
      cloudflareTest({
        main: path.join(root, 'workers/api/worker.ts'),
        miniflare: {
          compatibilityDate: '2026-04-01',
          compatibilityFlags: ['nodejs_compat'],
          // MIGRATION_DB: an empty database for migrating step by step (tests/workers/accounts.test.ts)
          d1Databases: ['DB', 'MIGRATION_DB'],
          r2Buckets: ['FILES'],
          // a stand-in for dist/ behind the real ASSETS binding, the Worker first as in wrangler.toml
          // (run_worker_first): tests/workers/session-security.test.ts reads a file through it
          assets: {
            directory: path.join(root, 'tests/workers/assets'),
            binding: 'ASSETS',
            routerConfig: { invoke_user_worker_ahead_of_assets: true },
          },
          bindings: {
            TEST_MIGRATIONS: migrations,
            SESSION_SECRET: 'workers-test-secret-0123456789abcdefghij',
            ADMIN_LOGIN: 'root',
            ADMIN_PASSWORD: 'Root#2026pass',
            PASSWORD_ITERATIONS: '100000',
            SECURE_COOKIES: '0',
            PORTAL_CAPTCHA: '0',
            LOG_LEVEL: 'error',
          },
        },
      }),
    ],
    test: {
      name: 'workers',
      root,
      include: ['tests/workers/**/*.test.ts'],
      setupFiles: [path.join(root, 'tests/workers/apply-migrations.ts')],
      testTimeout: 60_000,
    },
  };
});
