import { defineConfig } from 'vitest/config';

// Node-side test projects. The workerd project lives in tests/workers/vitest.config.ts because it
// needs the Cloudflare pool.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // the property tests (fast-check) ran 4 to 9 s of the default 5 on a loaded machine
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          // a test that visits a dozen pages and runs axe on each took 50 s on a quiet machine and
          // more than 90 s on a loaded one
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // a loaded CI machine answers a page's reload in more than the default second
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
