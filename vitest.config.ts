import { defineConfig } from 'vitest/config';

// Unit and integration tests, beside the code. They run on a real PostgreSQL: an embedded one
// started once per run (test/global-setup.ts), or the server named by KEPT_TEST_DATABASE_URL.
export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'cli/**/*.test.ts',
      'contract/**/*.test.ts',
      'test/**/*.test.ts',
      'widget/**/*.test.ts',
      'web/**/*.test.ts',
    ],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time. Vitest's default on 2 cores is one (cores - 1), which leaves a core idle
    // while a test waits on PostgreSQL's fsync or a child process; each file has its own database.
    maxWorkers: 2,
    // Transformed modules kept on disk (node_modules/.experimental-vitest-cache, keyed by content and
    // config): each test worker reads them there instead of asking the main process again, and the
    // next run (CI's on Node 24, the PostgreSQL 15 pass) starts warm. Measured on 5 server test
    // files: import 18.9 s -> 8.3-9.3 s at the same load. No test runs differently.
    experimental: { fsModuleCache: true },
  },
});
