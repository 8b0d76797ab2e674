import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every fake Devin API checks the documented contract; a test fails on any violation it did not expect.
    setupFiles: ['test/setup/contract.ts'],
    // End-to-end tests start the bundled action as a child process, and a few of them wait out retries.
    testTimeout: 30_000,
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
