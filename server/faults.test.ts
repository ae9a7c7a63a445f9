import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResponse, StatusResponse } from '../model';
import { startLogsift, type LogsiftProcess } from './store/testing/logsiftProcess';

/**
 * Root ignores file permissions, so as root the server runs as `nobody`, the way a pod runs
 * with runAsNonRoot: a data volume it cannot write is then the same fault it is in a cluster.
 */
const NOBODY = { uid: 65534, gid: 65534 };
const asUser = process.getuid?.() === 0 ? NOBODY : undefined;

/** A port where nothing listens: a Loki that is down. */
const DEAD_LOKI = 'http://127.0.0.1:9';

let logsift: LogsiftProcess;
let dataDir: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-faults-'));
  chmodSync(dir, 0o755);
  dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  chmodSync(dataDir, 0o555);
  logsift = await startLogsift(
    dir,
    {
      datasources: [
        { id: 'local', kind: 'local', replay: false },
        { id: 'loki', name: 'Cluster Loki', kind: 'loki', url: DEAD_LOKI, timeoutMs: 1_000 },
      ],
      storage: { kind: 'sqlite', dataDir },
    },
    {},
    asUser,
  );
}, 90_000);
afterAll(() => logsift?.stop());

const post = (path: string, body: unknown) =>
  fetch(`${logsift.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('a read-only data volume and a datasource that is down', () => {
  it('starts, and /readyz stays ready while naming both', async () => {
    const ready = await fetch(`${logsift.url}readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'degraded', unavailable: ['loki', 'storage'] });
    expect(logsift.output()).toContain('Explore works, saved queries and dashboards do not');
  });

  it('/api/v1/status says what is wrong with each, in words an operator can act on', async () => {
    const answer = (await (await fetch(`${logsift.url}api/v1/status`)).json()) as StatusResponse;
    expect(answer.status).toBe('degraded');
    expect(answer.problems).toEqual([
      {
        component: 'datasource',
        id: 'loki',
        name: 'Cluster Loki',
        message: expect.stringMatching(/^cannot reach Loki: ECONNREFUSED .*127\.0\.0\.1:9/),
      },
      {
        component: 'storage',
        driver: 'sqlite',
        message: expect.stringContaining(`the data directory ${dataDir} is not writable (EACCES)`),
      },
    ]);
  });

  it('Explore still queries the datasource that answers', async () => {
    const res = await post('api/v1/query', {
      datasource: 'local',
      language: 'logql',
      query: '{namespace=~".+"}',
      from: 'now-24h',
      to: 'now',
      limit: 5,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as QueryResponse).records).toHaveLength(5);
  });

  it('saving answers 503 with the reason', async () => {
    const res = await post('api/v1/saved-queries', {
      name: 'errors',
      datasources: ['local'],
      language: 'logql',
      query: '{namespace="shop"} |= "error"',
      range: { from: 'now-1h', to: 'now' },
    });
    expect(res.status).toBe(503);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toContain(`${dataDir} is not writable (EACCES)`);
  });
});
