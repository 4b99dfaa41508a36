import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { defineConfig } from 'vitest/config'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export default defineConfig({
  resolve: {
    alias: {
      '@payload-config': path.join(root, 'payload.config.ts'),
      '@': path.join(root, 'src'),
    },
  },
  test: {
    root,
    include: ['tests/unit/**/*.test.ts', 'tests/int/**/*.test.ts', 'radius-service/tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    // One Payload instance over one fresh database, shared by the files in turn.
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
})
