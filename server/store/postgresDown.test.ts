import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../model';
import { startLogsift, type LogsiftProcess } from './testing/logsiftProcess';
import {
  freePort,
  postgresAvailability,
  startTestPostgres,
  type TestPostgres,
} from './testing/postgresServer';

/**
 * PostgreSQL down, through the real server: saved objects answer 503 storage_unavailable
 * quickly and say why, while Explore (a query on the local datasource) and /readyz go on.
 */

const datasources = [{ id: 'local', name: 'Local samples', kind: 'local' }];
const CONNECT_TIMEOUT_MS = 1_000;
/** What "a few seconds" means for a refusal: the connect timeout plus generous slack. */
const REFUSED_WITHIN_MS = 4_000;

async function call(
  logsift: LogsiftProcess,
  path: string,
  init: { method?: string; body?: unknown } = {},
) {
  const started = Date.now();
  const res = await fetch(`${logsift.url}${path}`, {
    method: init.method ?? 'GET',
    ...(init.body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & {
      error?: { code: string; message: string };
    },
    text,
    ms: Date.now() - started,
  };
}

const newDashboard = (title: string) => ({ title, panels: [] });

/** Explore's own path: a query on the embedded samples, no saved objects involved. */
async function expectExploreWorks(logsift: LogsiftProcess) {
  const query = await call(logsift, 'api/v1/query', {
    method: 'POST',
    body: {
      datasource: 'local',
      language: 'logql',
      query: '{job=~".+"}',
      from: 'now-30d',
      to: 'now',
      limit: 10,
    },
  });
  expect(query.status, query.text).toBe(200);
}

async function expectStorageDown(logsift: LogsiftProcess, where: string, dashboardId: string) {
  const attempts = [
    await call(logsift, 'api/v1/dashboards'),
    await call(logsift, `api/v1/dashboards/${dashboardId}`),
    await call(logsift, 'api/v1/saved-queries?search=x'),
    await call(logsift, 'api/v1/dashboards', { method: 'POST', body: newDashboard('down') }),
    await call(logsift, `api/v1/dashboards/${dashboardId}`, {
      method: 'PUT',
      body: { ...newDashboard('down'), version: 1 },
    }),
    await call(logsift, 'api/v1/links', { method: 'POST', body: { url: '/?q=x' } }),
  ];
  for (const answer of attempts) {
    expect(answer.status, answer.text).toBe(503);
    expect(answer.json.error?.code).toBe('storage_unavailable');
    expect(answer.json.error?.message).toContain(where);
    expect(answer.ms).toBeLessThan(REFUSED_WITHIN_MS);
  }
  await expectExploreWorks(logsift);
  const ready = await call(logsift, 'readyz');
  expect(ready.status, ready.text).toBe(200);
  expect(ready.json).toEqual({ status: 'degraded', unavailable: ['storage'] });
}

describe('PostgreSQL down', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-pgdown-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('at start: Logsift starts, saved objects answer 503 with the reason, Explore works', async () => {
    const port = await freePort();
    const logsift = await startLogsift(tempDir(), {
      datasources,
      storage: {
        kind: 'postgres',
        url: `postgres://logsift@127.0.0.1:${port}/logsift`,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
      },
    });
    try {
      await expectStorageDown(logsift, `127.0.0.1:${port}`, 'AAAAAAAAAAAAAAAAAAAAAA');
    } finally {
      await logsift.stop();
    }
  }, 90_000);

  const availability = postgresAvailability();
  describe.skipIf(!availability.bin)('mid-run', () => {
    let server: TestPostgres;
    beforeAll(async () => {
      server = await startTestPostgres(availability.bin!);
    }, 60_000);
    afterAll(() => server?.dispose());

    it('answers 503 while the cluster is stopped and saves again once it is back, without a restart', async () => {
      const database = await server.createDatabase();
      const logsift = await startLogsift(
        tempDir(),
        {
          datasources,
          storage: server.storageConfig(database, { connectTimeoutMs: CONNECT_TIMEOUT_MS }),
        },
        server.env,
      );
      try {
        const created = await call(logsift, 'api/v1/dashboards', {
          method: 'POST',
          body: newDashboard('before the outage'),
        });
        expect(created.status, created.text).toBe(201);
        const before = created.json as unknown as Dashboard;

        await server.stop();
        try {
          await expectStorageDown(logsift, `127.0.0.1:${server.port}`, before.id);
        } finally {
          await server.start();
        }

        const after = await call(logsift, `api/v1/dashboards/${before.id}`, {
          method: 'PUT',
          body: { ...newDashboard('after the outage'), version: before.version },
        });
        expect(after.status, after.text).toBe(200);
        expect(after.json['version']).toBe(2);
        const read = await call(logsift, `api/v1/dashboards/${before.id}`);
        expect(read.json['title']).toBe('after the outage');
        expect((await call(logsift, 'readyz')).json).toEqual({ status: 'ready' });
      } finally {
        await logsift.stop();
      }
    }, 90_000);
  });
});
