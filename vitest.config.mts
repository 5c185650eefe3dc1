import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Key files of the stores tests make go to a temp folder, not the user's ~/.config/sohoa/keys.
    env: { SOHOA_KEY_DIR: join(tmpdir(), 'sohoa-test-keys') },
    reporters: ['default', ['json', { outputFile: 'test-output/vitest.json' }]],
  },
});
