import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';
import { serverNodeArgs } from './server/nodeFlags';
import {
  AUTH_LOGSIFT_PORT,
  AUTH_LOGSIFT_URL,
  CLOUDWATCH_SIM_PORT,
  CLOUDWATCH_SIM_URL,
  E2E_AWS_ACCESS_KEY_ID,
  E2E_AWS_SECRET_ACCESS_KEY,
  E2E_SESSION_SECRET,
  ES_SIM_PORT,
  ES_SIM_URL,
  LOGSIFT_PORT as PORT,
  LOKI_SIM_PORT,
  LOKI_SIM_URL,
  NGINX_URL,
  SUBPATH,
  SUBPATH_LOGSIFT_PORT,
} from './e2e/servers';

/** Logsift as `npm start` runs it. */
const SERVER_COMMAND = ['node', ...serverNodeArgs()].join(' ');
// Saved objects start empty on every run: a spec never meets an earlier run's dashboards.
const DATA_DIR = mkdtempSync(join(tmpdir(), 'logsift-e2e-'));
const SUBPATH_DATA_DIR = mkdtempSync(join(tmpdir(), 'logsift-e2e-subpath-'));
const AUTH_DATA_DIR = mkdtempSync(join(tmpdir(), 'logsift-e2e-auth-'));

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
      // A query runs for a second, so its progress (queue place, rows so far) can be seen.
      command: `npx tsx sim/main.ts cloudwatch --port ${CLOUDWATCH_SIM_PORT} --query-duration-ms 1500`,
      // The AWS JSON protocol answers a bare GET with 400, which Playwright counts as up.
      url: CLOUDWATCH_SIM_URL,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: SERVER_COMMAND,
      url: `http://127.0.0.1:${PORT}/readyz`,
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        LOGSIFT_CONFIG: 'e2e/logsift.e2e.yaml',
        LOGSIFT_DATA_DIR: DATA_DIR,
        // The CloudWatch datasource takes these through the SDK's default credential chain.
        AWS_ACCESS_KEY_ID: E2E_AWS_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: E2E_AWS_SECRET_ACCESS_KEY,
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: SERVER_COMMAND,
      url: `http://127.0.0.1:${SUBPATH_LOGSIFT_PORT}${SUBPATH}/healthz`,
      env: {
        PORT: String(SUBPATH_LOGSIFT_PORT),
        HOST: '127.0.0.1',
        LOGSIFT_CONFIG: 'e2e/logsift.subpath.e2e.yaml',
        LOGSIFT_DATA_DIR: SUBPATH_DATA_DIR,
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      // Sign-in by built-in users (e2e/auth.spec.ts).
      command: SERVER_COMMAND,
      url: `${AUTH_LOGSIFT_URL}/readyz`,
      env: {
        PORT: String(AUTH_LOGSIFT_PORT),
        HOST: '127.0.0.1',
        LOGSIFT_CONFIG: 'e2e/logsift.auth.e2e.yaml',
        LOGSIFT_DATA_DIR: AUTH_DATA_DIR,
        LOGSIFT_E2E_SESSION_SECRET: E2E_SESSION_SECRET,
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: 'npx tsx e2e/nginx/start.ts',
      url: `${NGINX_URL}${SUBPATH}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
  ],
});
