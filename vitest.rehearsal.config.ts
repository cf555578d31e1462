import { configDefaults, defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The Microsoft 365 rehearsal (scripts/test.sh --rehearsal): `*.rehearsal.test.ts` only, inside a
 * network namespace with loopback alone, against one world of demo tenant and proxies.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['**/*.rehearsal.test.ts'],
    exclude: configDefaults.exclude,
    globalSetup: ['test-support/rehearsal/global-setup.ts'],
    // Every file shares the world's ports 443 and 587 and the tenant's state.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
