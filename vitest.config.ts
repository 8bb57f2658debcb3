import { defineConfig } from 'vitest/config';

// Tests run far from the org's time zone (America/Chicago) on purpose, so code that
// leans on the machine's zone instead of the configured one fails here.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    env: { TZ: 'Pacific/Kiritimati' },
    testTimeout: 30000,
    hookTimeout: 60000,
    pool: 'forks',
  },
});
