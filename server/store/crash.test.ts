import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../model';
import { SQLITE_FILE } from './sqlite';
import { startLogsift, type LogsiftProcess } from './testing/logsiftProcess';
import {
  postgresAvailability,
  startTestPostgres,
  type TestPostgres,
} from './testing/postgresServer';

/**
 * SIGKILL in the middle of saves, through the real server and HTTP: every save Logsift
 * answered 201/200 must be there after a restart, byte for byte, and no object may be
 * half-written (a version without its history row, or history without its object).
 */

const WRITERS = 4;
/** Enough answered saves that the kill lands amid steady traffic, not at the start. */
const KILL_AFTER_ACKS = 120;

/** Objects, not rows, whose history does not match: count, current version and body. */
const HALF_WRITTEN = `SELECT
  (SELECT count(*) FROM objects o WHERE
     (SELECT count(*) FROM object_versions v WHERE v.kind = o.kind AND v.id = o.id) <> o.version
     OR NOT EXISTS (SELECT 1 FROM object_versions v WHERE v.kind = o.kind AND v.id = o.id
       AND v.version = o.version AND v.body = o.body AND v.title = o.title))
  + (SELECT count(*) FROM object_versions v WHERE NOT EXISTS
       (SELECT 1 FROM objects o WHERE o.kind = v.kind AND o.id = v.id)) AS n`;

// Two starts of the real server per test: tsx takes seconds each when both cores are busy.
const datasources = [{ id: 'local', name: 'Local samples', kind: 'local' }];

function dashboard(writer: number, n: number) {
  return {
    title: `crash writer ${writer} save ${n}`,
    description: `${'ünïcode and "quotes" '.repeat(40)}${n}`,
    panels: [
      {
        id: 'p1',
        title: `errors ${n}`,
        kind: 'logs',
        datasources: ['local'],
        language: 'logql',
        query: `{app="checkout"} |= "error ${n}"`,
        grid: { x: 0, y: 0, w: 12, h: 6 },
      },
    ],
  };
}

interface Acknowledged {
  saved: Map<string, Dashboard>;
  /** Ids with a save on the wire at the kill: it may have committed without its answer. */
  inFlight: Set<string>;
}

/** WRITERS loops of create-then-update, each recording what the server acknowledged. */
async function saveUntilKilled(logsift: LogsiftProcess): Promise<Acknowledged> {
  const saved = new Map<string, Dashboard>();
  const inFlight = new Set<string>();
  let killing: Promise<void> | undefined;
  let acknowledged = 0;
  const writer = async (w: number) => {
    let current: Dashboard | undefined;
    for (let n = 0; ; n += 1) {
      const create = !current || n % 5 === 0;
      const id = create ? undefined : current!.id;
      if (id) inFlight.add(id);
      let status: number;
      let text: string;
      try {
        const res = create
          ? await fetch(`${logsift.url}api/v1/dashboards`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(dashboard(w, n)),
            })
          : await fetch(`${logsift.url}api/v1/dashboards/${id}`, {
              method: 'PUT',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ ...dashboard(w, n), version: current!.version }),
            });
        status = res.status;
        text = await res.text();
      } catch {
        if (!killing) throw new Error(`a save failed before the kill:\n${logsift.output()}`);
        return;
      }
      // An answer that arrived is an acknowledgement, even one racing the kill.
      expect(status, text).toBe(create ? 201 : 200);
      current = JSON.parse(text) as Dashboard;
      if (id) inFlight.delete(id);
      saved.set(current.id, current);
      acknowledged += 1;
      if (killing) return;
      if (acknowledged >= KILL_AFTER_ACKS) killing = logsift.kill();
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  await killing;
  return { saved, inFlight };
}

async function checkAcknowledged(logsift: LogsiftProcess, acks: Acknowledged): Promise<void> {
  expect(acks.saved.size).toBeGreaterThan(WRITERS);
  for (const [id, acked] of acks.saved) {
    const res = await fetch(`${logsift.url}api/v1/dashboards/${id}`);
    expect(res.status).toBe(200);
    const now = (await res.json()) as Dashboard;
    if (now.version === acked.version) {
      expect(now).toEqual(acked);
    } else {
      expect(acks.inFlight.has(id)).toBe(true);
      expect(now.version).toBe(acked.version + 1);
    }
    const atAck = await fetch(`${logsift.url}api/v1/dashboards/${id}/versions/${acked.version}`);
    expect(atAck.status).toBe(200);
    expect(await atAck.json()).toEqual(acked);
  }
}

async function crashAndRestart(dir: string, config: unknown, env: Record<string, string> = {}) {
  const first = await startLogsift(dir, config, env);
  let acks: Acknowledged;
  try {
    acks = await saveUntilKilled(first);
  } finally {
    await first.kill();
  }
  const second = await startLogsift(dir, config, env);
  try {
    await checkAcknowledged(second, acks);
  } finally {
    await second.stop();
  }
  return acks;
}

describe('SIGKILL mid-save', () => {
  it('on SQLite: the file is intact and every acknowledged save is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-crash-http-'));
    try {
      const dataDir = join(dir, 'data');
      await crashAndRestart(dir, { datasources, storage: { kind: 'sqlite', dataDir } });
      const db = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        expect(db.prepare(HALF_WRITTEN).get()).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  const availability = postgresAvailability();
  describe.skipIf(!availability.bin)('on PostgreSQL', () => {
    let server: TestPostgres;
    beforeAll(async () => {
      server = await startTestPostgres(availability.bin!);
    }, 60_000);
    afterAll(() => server?.dispose());

    it('every acknowledged save is there and nothing is half-written', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'logsift-crash-pg-'));
      try {
        const database = await server.createDatabase();
        await crashAndRestart(
          dir,
          { datasources, storage: server.storageConfig(database) },
          server.env,
        );
        const client = new pg.Client({
          host: server.host,
          port: server.port,
          user: server.user,
          password: server.password,
          database,
        });
        await client.connect();
        try {
          expect((await client.query(HALF_WRITTEN)).rows).toEqual([{ n: '0' }]);
        } finally {
          await client.end();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });
});
