import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON report feeds the repository's closing 'N passed, N failed' line (scripts/test-summary.mjs).
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest/results.json' },
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
