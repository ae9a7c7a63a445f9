import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{app,server,query,model,sim,deploy}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    setupFiles: ['app/test/jsdomSetup.ts'],
  },
});
