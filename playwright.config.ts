import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';
import {
  ES_SIM_PORT,
  ES_SIM_URL,
  LOGSIFT_PORT as PORT,
  LOKI_SIM_PORT,
  LOKI_SIM_URL,
} from './e2e/servers';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunchOptions(),
  },
  webServer: [
    {
      command: `npx tsx sim/main.ts loki --port ${LOKI_SIM_PORT}`,
      url: `${LOKI_SIM_URL}/ready`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: `npx tsx sim/main.ts elasticsearch --port ${ES_SIM_PORT}`,
      url: ES_SIM_URL,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: 'npx tsx server/main.ts',
      url: `http://127.0.0.1:${PORT}/readyz`,
      env: { PORT: String(PORT), HOST: '127.0.0.1', LOGSIFT_CONFIG: 'e2e/logsift.e2e.yaml' },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
  ],
});
