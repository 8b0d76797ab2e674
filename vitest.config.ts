import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every fake Devin API checks the documented contract; a test fails on any violation it did not expect.
    setupFiles: ['test/setup/contract.ts'],
    // End-to-end tests start the bundled action as a child process, and a few of them wait out retries.
    testTimeout: 30_000,
    // Most of a test's time is spent waiting on a child process or on a fake server's answer, not computing:
    // one worker more than the cores keeps both busy (the suite ran in 54 s rather than 94 s on 2 cores).
    maxWorkers: '150%',
    // A worker keeps its loaded modules from file to file (about 10 s less on 2 cores): so test files share
    // nothing through module state, and a shared module registers its cleanup with each test, never at its top.
    isolate: false,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'action',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          // These run dist/index.js: build it from this run's sources first.
          globalSetup: ['test/setup/fresh-bundle.ts'],
        },
      },
    ],
  },
});
