import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { StorageConfigSchema } from '../config';
import type { PostgresStorageConfig } from '../postgresConnection';

/**
 * A throwaway PostgreSQL cluster for tests, from the distribution's own binaries (Debian's
 * `postgresql` package), without Docker: initdb into a temp dir, one `postgres` process on
 * 127.0.0.1 and a free port, removed at the end. Password auth (scram) over TCP, so the
 * driver's passwordEnv path is the one tested.
 */

const BIN_ROOT = '/usr/lib/postgresql';

/** The newest `/usr/lib/postgresql/<major>/bin` holding initdb and postgres, if any. */
export function findPostgresBin(root = BIN_ROOT): string | undefined {
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = join(root, major, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres'))) return bin;
  }
  return undefined;
}

export type PostgresAvailability = { bin: string } | { bin: undefined; reason: string };

/**
 * Whether the PostgreSQL tests can run here. Missing binaries skip them with a printed reason,
 * except under LOGSIFT_REQUIRE_POSTGRES=1 (CI), where a missing PostgreSQL fails the run
 * instead of passing it silently.
 */
export function postgresAvailability(
  env: NodeJS.ProcessEnv = process.env,
  root = BIN_ROOT,
): PostgresAvailability {
  const bin = findPostgresBin(root);
  if (bin) return { bin };
  const reason = `no PostgreSQL binaries under ${root}/*/bin (apt-get install postgresql)`;
  if (env['LOGSIFT_REQUIRE_POSTGRES'] === '1') {
    throw new Error(`LOGSIFT_REQUIRE_POSTGRES=1 but ${reason}`);
  }
  console.warn(`Skipping the PostgreSQL tests: ${reason}`);
  return { bin: undefined, reason };
}

export interface TestPostgres {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** `postgres://user@127.0.0.1:port/<database>`, without the password, as Logsift's config takes it. */
  url(database: string): string;
  /**
   * Logsift's `storage` config for `database`, the password passed the way operators pass it
   * (passwordEnv); the variable is set in this process, and `env` holds it for child processes.
   */
  storageConfig(database: string, extra?: Partial<PostgresStorageConfig>): PostgresStorageConfig;
  readonly env: Record<string, string>;
  /** A fresh empty database, so each test starts without the others' rows. */
  createDatabase(): Promise<string>;
  /** Fast shutdown, as an outage would look to Logsift: connections refused. */
  stop(): Promise<void>;
  /** Starts the stopped cluster again on the same port and data. */
  start(): Promise<void>;
  /** Stops and removes the whole cluster. */
  dispose(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

/** initdb and postgres refuse to run as root, so a root test run hands them to `postgres`. */
function serverUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root but there is no postgres OS user to run PostgreSQL');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAccepting(config: pg.ClientConfig, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited at start:\n${log()}`);
    const client = new pg.Client({ ...config, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) {
        throw new Error(`postgres did not accept connections in 30 s: ${String(error)}\n${log()}`, {
          cause: error,
        });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startTestPostgres(bin: string): Promise<TestPostgres> {
  const owner = serverUser();
  const root = mkdtempSync(join(tmpdir(), 'logsift-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = root;
  const pwFile = join(root, 'pw');
  const user = 'logsift';
  const password = randomBytes(12).toString('base64url');
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  if (owner) chownSync(root, owner.uid, owner.gid);
  spawnSync('sh', ['-c', 'umask 077 && cat > "$1"', 'sh', pwFile], { input: password });
  if (owner) chownSync(pwFile, owner.uid, owner.gid);

  const init = spawnSync(
    join(bin, 'initdb'),
    [
      '-D',
      dataDir,
      '-U',
      user,
      `--pwfile=${pwFile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ],
    { ...asOwner, encoding: 'utf8', timeout: 60_000 },
  );
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || String(init.error)}`);
  }

  const host = '127.0.0.1';
  const port = await freePort();
  const adminConfig: pg.ClientConfig = { host, port, user, password, database: 'postgres' };
  let child: ChildProcess | undefined;
  let output = '';
  let databases = 0;

  const start = async (): Promise<void> => {
    output = '';
    const proc = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        socketDir,
        '-c',
        `listen_addresses=${host}`,
        '-c',
        'max_connections=100',
        '-c',
        'shared_buffers=16MB',
      ],
      { ...asOwner, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // A test worker that dies without its afterAll must not leave a server running.
    const orphanGuard = () => proc.kill('SIGKILL');
    process.once('exit', orphanGuard);
    proc.once('exit', () => process.off('exit', orphanGuard));
    proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child = proc;
    await waitUntilAccepting(adminConfig, proc, () => output);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // SIGINT is PostgreSQL's fast shutdown: it ends open sessions instead of waiting for them.
    proc.kill('SIGINT');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await start();
  } catch (error) {
    await stop();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  const passwordEnv = `LOGSIFT_TEST_PG_PASSWORD_${port}`;
  process.env[passwordEnv] = password;
  const url = (database: string) => `postgres://${user}@${host}:${port}/${database}`;

  return {
    host,
    port,
    user,
    password,
    url,
    env: { [passwordEnv]: password },
    storageConfig: (database, extra = {}) =>
      StorageConfigSchema.parse({
        kind: 'postgres',
        url: url(database),
        passwordEnv,
        ...extra,
      }) as PostgresStorageConfig,
    async createDatabase() {
      databases += 1;
      const name = `logsift_test_${databases}`;
      const client = new pg.Client(adminConfig);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return name;
    },
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
