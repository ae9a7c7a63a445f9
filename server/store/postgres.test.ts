import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogsiftError } from '../../model';
import { accessOf } from './access';
import { StaleVersionError } from './errors';
import { MIGRATIONS, SCHEMA_MIGRATIONS_TABLE } from './migrations';
import { openPostgresStore } from './postgres';
import type { SavedStore } from './store';
import { describeSavedStore } from './storeContract';
import {
  freePort,
  postgresAvailability,
  startTestPostgres,
  type TestPostgres,
} from './testing/postgresServer';

const availability = postgresAvailability();

const write = (title: string) => ({
  title,
  description: '',
  body: { title },
  owner: 'alice',
  sharing: { kind: 'private' as const },
});

async function refusal(promise: Promise<unknown>): Promise<LogsiftError> {
  const started = Date.now();
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LogsiftError);
  return Object.assign(error as LogsiftError, { elapsedMs: Date.now() - started });
}

describe.skipIf(!availability.bin)('PostgreSQL driver', () => {
  let server: TestPostgres;
  const opened: SavedStore[] = [];
  const open = (store: SavedStore) => (opened.push(store), store);

  beforeAll(async () => {
    server = await startTestPostgres(availability.bin!);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
    await server?.dispose();
  });

  describeSavedStore('postgres', async () =>
    openPostgresStore(server.storageConfig(await server.createDatabase())),
  );

  it('lets several replicas starting at once migrate one fresh database', async () => {
    const database = await server.createDatabase();
    const replicas = [1, 2, 3, 4].map(() =>
      open(openPostgresStore(server.storageConfig(database))),
    );
    await Promise.all(replicas.map((r) => r.migrate()));
    const client = new pg.Client({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database,
    });
    await client.connect();
    try {
      const applied = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(applied.rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    } finally {
      await client.end();
    }
  });

  it('migrates a database from before sharing: old rows stay everyone’s to see and edit', async () => {
    const database = await server.createDatabase();
    const client = new pg.Client({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database,
    });
    await client.connect();
    try {
      await client.query(SCHEMA_MIGRATIONS_TABLE);
      for (const statement of MIGRATIONS[0]!.statements) await client.query(statement);
      await client.query(`INSERT INTO schema_migrations VALUES (1, 'v1', '2026-01-01T00:00:00Z')`);
      const at = '2026-01-02T00:00:00.000Z';
      await client.query('INSERT INTO objects VALUES ($1, $2, 1, $3, $4, $5, $6, $7, $7)', [
        'query',
        'OldQuery00000000000001',
        'Errors',
        '',
        'errors\n',
        '{"q":1}',
        at,
      ]);
      await client.query('INSERT INTO object_versions VALUES ($1, $2, 1, $3, $4, $5, $6)', [
        'query',
        'OldQuery00000000000001',
        'Errors',
        '',
        '{"q":1}',
        at,
      ]);
    } finally {
      await client.end();
    }
    const store = open(openPostgresStore(server.storageConfig(database)));
    const bob = { id: 'bob', name: 'bob', groups: ['ops'], unrestricted: false };
    const listed = await store.list('query', { limit: 10, offset: 0, viewer: bob });
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({
      id: 'OldQuery00000000000001',
      body: { q: 1 },
      owner: 'anonymous',
      sharing: { kind: 'public', canEdit: true },
    });
    expect(accessOf(bob, listed.items[0]!)).toBe('edit');
    const updated = await store.update('query', 'OldQuery00000000000001', 1, {
      title: 'Errors',
      description: '',
      body: { q: 2 },
    });
    expect(updated).toMatchObject({ version: 2, owner: 'anonymous' });
  });

  it('lets one of two replicas win a concurrent update of the same version', async () => {
    const database = await server.createDatabase();
    const [a, b] = [1, 2].map(() => open(openPostgresStore(server.storageConfig(database))));
    const created = await a!.create('dashboard', write('shared'));
    for (let round = 1; round <= 10; round += 1) {
      const results = await Promise.allSettled([
        a!.update('dashboard', created.id, round, write(`a ${round}`)),
        b!.update('dashboard', created.id, round, write(`b ${round}`)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected');
      expect(lost?.reason).toBeInstanceOf(StaleVersionError);
    }
    expect((await b!.versions('dashboard', created.id)).map((v) => v.version)).toEqual([
      11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
  });

  it('answers storage_unavailable naming host:port and the cause when nothing listens', async () => {
    const port = await freePort();
    const store = open(
      openPostgresStore(
        server.storageConfig('logsift', {
          url: `postgres://logsift@127.0.0.1:${port}/logsift`,
          connectTimeoutMs: 1_000,
        }),
      ),
    );
    for (const call of [
      () => store.migrate(),
      () => store.ping(),
      () => store.list('dashboard', { limit: 10, offset: 0 }),
      () => store.get('query', 'AAAAAAAAAAAAAAAAAAAAAA'),
      () => store.create('query', write('never')),
      () => store.createLink('/'),
    ]) {
      const error = await refusal(call());
      expect(error.code).toBe('storage_unavailable');
      expect(error.message).toContain(`127.0.0.1:${port}`);
      expect(error.message).toContain('ECONNREFUSED');
    }
  });

  it('gives up within connectTimeoutMs on a server that accepts and never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const store = open(
        openPostgresStore(
          server.storageConfig('logsift', {
            url: `postgres://logsift@127.0.0.1:${port}/logsift`,
            connectTimeoutMs: 800,
          }),
        ),
      );
      const error = await refusal(store.get('dashboard', 'AAAAAAAAAAAAAAAAAAAAAA'));
      expect(error.code).toBe('storage_unavailable');
      expect(error.message).toMatch(/timeout/i);
      expect((error as LogsiftError & { elapsedMs: number }).elapsedMs).toBeLessThan(2_500);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('refuses a wrong password without ever showing it', async () => {
    const secret = 'not-the-password-4711';
    process.env['LOGSIFT_TEST_WRONG_PASSWORD'] = secret;
    const store = open(
      openPostgresStore(
        server.storageConfig('postgres', { passwordEnv: 'LOGSIFT_TEST_WRONG_PASSWORD' }),
      ),
    );
    const error = await refusal(store.ping());
    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toContain('password authentication failed');
    expect(error.message).not.toContain(secret);
    expect(JSON.stringify(error.toBody())).not.toContain(secret);
  });

  it('reads the password from passwordFile, trailing newline and all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-pw-'));
    try {
      const file = join(dir, 'password');
      writeFileSync(file, `${server.password}\n`, { mode: 0o600 });
      const config = server.storageConfig('postgres', { passwordFile: file });
      delete config.passwordEnv;
      const store = open(openPostgresStore(config));
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which variable is missing when passwordEnv is not set', async () => {
    const store = open(
      openPostgresStore(server.storageConfig('postgres', { passwordEnv: 'LOGSIFT_TEST_UNSET_PW' })),
    );
    const error = await refusal(store.ping());
    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toContain('LOGSIFT_TEST_UNSET_PW is not set');
  });

  // Last: it stops the shared cluster.
  it('fails fast while the cluster is stopped and recovers when it is back, without reopening', async () => {
    const database = await server.createDatabase();
    const store = open(
      openPostgresStore(server.storageConfig(database, { connectTimeoutMs: 1_000 })),
    );
    const before = await store.create('dashboard', write('before the outage'));
    await server.stop();
    try {
      const read = await refusal(store.get('dashboard', before.id));
      expect(read.code).toBe('storage_unavailable');
      expect(read.message).toContain(`127.0.0.1:${server.port}`);
      const save = await refusal(store.update('dashboard', before.id, 1, write('during')));
      expect(save.code).toBe('storage_unavailable');
      expect((save as LogsiftError & { elapsedMs: number }).elapsedMs).toBeLessThan(3_000);
    } finally {
      await server.start();
    }
    const after = await store.update('dashboard', before.id, 1, write('after the outage'));
    expect(after.version).toBe(2);
    expect((await store.get('dashboard', before.id))?.title).toBe('after the outage');
  });
});
