import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Whole stories in a real Chromium against a real `kept start` process. No globalSetup: each
// test file starts its own Kept with its own embedded PostgreSQL in a temporary directory.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
