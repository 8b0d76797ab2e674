import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/contract.ts'],
    // End-to-end tests start the bundled action as a child process, and a few of them wait out retries.
    testTimeout: 30_000,
  },
});
