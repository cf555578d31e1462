import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
      'test-support/**/*.test.ts',
    ],
    // The Microsoft 365 rehearsal needs its network namespace: vitest.rehearsal.config.ts.
    exclude: [...configDefaults.exclude, '**/*.rehearsal.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
