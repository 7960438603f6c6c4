import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'deploy/test/**/*.test.ts',
      'apps/*/src/**/*.test.tsx',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Tests that spawn bin/seerd run the built JavaScript: rebuild it first when sources changed.
    globalSetup: ['./scripts/vitest-build.ts'],
  },
});
