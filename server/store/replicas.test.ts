import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../model';
import { startLogsift, type LogsiftProcess } from './testing/logsiftProcess';
import {
  postgresAvailability,
  startTestPostgres,
  type TestPostgres,
} from './testing/postgresServer';

/**
 * Two Logsift replicas on one PostgreSQL, as behind one Service: started together on an
 * empty database (both migrate), saving the same dashboard from the same version at once.
 */

const availability = postgresAvailability();

async function send(logsift: LogsiftProcess, path: string, method = 'GET', body?: unknown) {
  const res = await fetch(`${logsift.url}${path}`, {
    method,
    redirect: 'manual',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    location: res.headers.get('location'),
    json: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
    text,
  };
}

describe.skipIf(!availability.bin)('two replicas on one PostgreSQL', () => {
  let server: TestPostgres;
  let dir: string;
  let replicas: LogsiftProcess[] = [];
  beforeAll(async () => {
    server = await startTestPostgres(availability.bin!);
    dir = mkdtempSync(join(tmpdir(), 'logsift-replicas-'));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
    await server?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('start together, share saves and links, and let one of two concurrent saves win', async () => {
    const config = {
      datasources: [{ id: 'local', name: 'Local samples', kind: 'local' }],
      storage: server.storageConfig(await server.createDatabase()),
    };
    replicas = await Promise.all(
      ['a', 'b'].map((name) => {
        const own = join(dir, name);
        mkdirSync(own);
        return startLogsift(own, config, server.env);
      }),
    );
    const [a, b] = replicas as [LogsiftProcess, LogsiftProcess];

    const created = await send(a, 'api/v1/dashboards', 'POST', { title: 'on-call', panels: [] });
    expect(created.status, created.text).toBe(201);
    let current = created.json as unknown as Dashboard;
    expect((await send(b, `api/v1/dashboards/${current.id}`)).json).toEqual(current);

    for (let round = 1; round <= 5; round += 1) {
      const answers = await Promise.all(
        [a, b].map((replica, i) =>
          send(replica, `api/v1/dashboards/${current.id}`, 'PUT', {
            title: `round ${round} by ${i === 0 ? 'a' : 'b'}`,
            panels: [],
            version: current.version,
          }),
        ),
      );
      const won = answers.filter((x) => x.status === 200);
      const lost = answers.filter((x) => x.status === 409);
      expect(won, answers.map((x) => x.text).join('\n')).toHaveLength(1);
      expect(lost).toHaveLength(1);
      current = won[0]!.json as unknown as Dashboard;
      expect(current.version).toBe(round + 1);
      expect((lost[0]!.json['current'] as Dashboard).version).toBe(round + 1);
    }
    const history = await send(b, `api/v1/dashboards/${current.id}/versions`);
    expect((history.json['versions'] as { version: number }[]).map((v) => v.version)).toEqual([
      6, 5, 4, 3, 2, 1,
    ]);

    const link = await send(b, 'api/v1/links', 'POST', { url: `/dashboards/${current.id}` });
    expect(link.status, link.text).toBe(201);
    const followed = await send(a, String(link.json['path']).slice(1));
    expect(followed.status).toBe(302);
    expect(followed.location).toBe(`/dashboards/${current.id}`);
  }, 120_000);
});
