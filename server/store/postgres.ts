import pg from 'pg';
import { LogsiftError } from '../../model';
import {
  causeOf,
  isUnavailable,
  parseUrl,
  passwordSource,
  type PostgresStorageConfig,
} from './postgresConnection';
import { objectNotFound, StaleVersionError } from './errors';
import { MIGRATIONS, SCHEMA_MIGRATIONS_TABLE, pendingMigrations } from './migrations';
import { sharedGroups, sharingColumns, visibleFilter } from './access';
import {
  OBJECT_COLUMNS,
  VERSION_COLUMNS,
  containsPattern,
  newId,
  nextTimestamp,
  searchText,
  toStoredObject,
  toStoredVersion,
  type ObjectRow,
  type VersionRow,
} from './rows';
import type {
  ListOptions,
  NewObject,
  ObjectKind,
  ObjectWrite,
  SavedStore,
  StoredObject,
  StoredVersion,
} from './store';

/**
 * Any fixed 64-bit number Logsift owns: replicas starting together take this lock before
 * migrating, so only one creates the tables and the others then find them applied.
 */
const MIGRATION_LOCK = 0x4c6f6773_69667437n;

type Queryable = Pick<pg.PoolClient, 'query'>;

class PostgresStore implements SavedStore {
  readonly driver = 'postgres' as const;
  readonly #pool: pg.Pool;
  readonly #where: string;
  #migrated: Promise<void> | undefined;

  constructor(config: PostgresStorageConfig) {
    const target = parseUrl(config.url);
    this.#where = `PostgreSQL at ${target.host}:${target.port}`;
    const password = passwordSource(config);
    this.#pool = new pg.Pool({
      host: target.host,
      port: target.port,
      user: target.user,
      database: target.database,
      ...(target.ssl ? { ssl: target.ssl } : {}),
      ...(password ? { password } : {}),
      max: config.poolSize,
      connectionTimeoutMillis: config.connectTimeoutMs,
      statement_timeout: config.statementTimeoutMs,
      // The server's own timeout cannot fire when the network drops the packets; this one can.
      query_timeout: config.statementTimeoutMs + config.connectTimeoutMs,
      keepAlive: true,
      idleTimeoutMillis: 30_000,
      application_name: 'logsift',
    });
    // A pooled idle connection the server closes (restart, failover) reports here; without a
    // listener that would end the process. The next query simply opens a new connection.
    this.#pool.on('error', () => undefined);
  }

  #unavailable(error: unknown): unknown {
    if (error instanceof LogsiftError || !isUnavailable(error)) return error;
    return new LogsiftError(
      'storage_unavailable',
      `saved objects are unavailable (${this.#where}: ${causeOf(error)})`,
    );
  }

  /** Runs `work` in one transaction on one pooled connection; errors come out as LogsiftErrors. */
  async #transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw this.#unavailable(error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw this.#unavailable(error);
    } finally {
      client.release(broken);
    }
  }

  /** A single statement outside a transaction, for reads. */
  async #read<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<R[]> {
    await this.#ready();
    try {
      return (await this.#pool.query<R>(sql, params)).rows;
    } catch (error) {
      throw this.#unavailable(error);
    }
  }

  /**
   * Every call waits for the migrations, and a failed attempt (PostgreSQL down at start) is
   * retried by the next call, so Logsift recovers when the database comes back.
   */
  #ready(): Promise<void> {
    if (!this.#migrated) {
      const attempt = this.#applyMigrations();
      this.#migrated = attempt;
      attempt.catch(() => {
        if (this.#migrated === attempt) this.#migrated = undefined;
      });
    }
    return this.#migrated;
  }

  migrate(): Promise<void> {
    return this.#ready();
  }

  #applyMigrations(): Promise<void> {
    return this.#transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
      await client.query(SCHEMA_MIGRATIONS_TABLE);
      const applied = await client.query<{ version: number }>(
        'SELECT version FROM schema_migrations',
      );
      const known = new Set(MIGRATIONS.map((m) => m.version));
      const newer = applied.rows.map((r) => Number(r.version)).filter((v) => !known.has(v));
      if (newer.length > 0) {
        throw new LogsiftError(
          'storage_unavailable',
          `${this.#where} holds schema version ${Math.max(...newer)}, newer than this Logsift knows; upgrade Logsift`,
        );
      }
      for (const migration of pendingMigrations(applied.rows.map((r) => Number(r.version)))) {
        for (const statement of migration.statements) await client.query(statement);
        await client.query(
          'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
          [migration.version, migration.name, new Date().toISOString()],
        );
      }
    });
  }

  async #write<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    await this.#ready();
    return this.#transaction(work);
  }

  async list(
    kind: ObjectKind,
    options: ListOptions,
  ): Promise<{ items: StoredObject[]; total: number }> {
    const search = options.search ? ` AND o.search_text LIKE $2 ESCAPE '\\'` : '';
    const searchParams = options.search ? [containsPattern(options.search)] : [];
    const visible = visibleFilter(options.viewer, (n) => `$${n}`, 2 + searchParams.length);
    const filter = `${search}${visible.sql}`;
    const params: unknown[] = [kind, ...searchParams, ...visible.params];
    const n = params.length;
    const rows = await this.#read<ObjectRow & { total: string }>(
      `SELECT ${OBJECT_COLUMNS}, count(*) OVER () AS total FROM objects o
       WHERE o.kind = $1${filter}
       ORDER BY o.updated_at DESC, o.id
       LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, options.limit, options.offset],
    );
    const first = rows[0];
    if (first) return { items: rows.map(toStoredObject), total: Number(first.total) };
    // Past the last page the window has no row to carry the count on.
    const count = await this.#read<{ total: string }>(
      `SELECT count(*) AS total FROM objects o WHERE o.kind = $1${filter}`,
      params,
    );
    return { items: [], total: Number(count[0]?.total ?? 0) };
  }

  async get(kind: ObjectKind, id: string): Promise<StoredObject | undefined> {
    const rows = await this.#read<ObjectRow>(
      `SELECT ${OBJECT_COLUMNS} FROM objects o WHERE o.kind = $1 AND o.id = $2`,
      [kind, id],
    );
    return rows[0] && toStoredObject(rows[0]);
  }

  create(kind: ObjectKind, object: NewObject): Promise<StoredObject> {
    const now = nextTimestamp();
    const id = newId();
    const body = JSON.stringify(object.body);
    const columns = sharingColumns(object.sharing);
    return this.#write(async (client) => {
      await client.query(
        `INSERT INTO objects (kind, id, version, title, description, body, created_at, updated_at,
           search_text, owner, sharing, share_edit, share_groups)
         VALUES ($1, $2, 1, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11)`,
        [
          kind,
          id,
          object.title,
          object.description,
          body,
          now,
          searchText(object),
          object.owner,
          columns.sharing,
          columns.share_edit,
          columns.share_groups,
        ],
      );
      await insertShares(client, kind, id, object);
      await insertVersion(client, kind, id, 1, object, body, now);
      return toStoredObject({
        kind,
        id,
        version: 1,
        title: object.title,
        description: object.description,
        body,
        created_at: now,
        updated_at: now,
        owner: object.owner,
        ...columns,
      });
    });
  }

  update(
    kind: ObjectKind,
    id: string,
    expectedVersion: number,
    write: ObjectWrite,
  ): Promise<StoredObject> {
    const body = JSON.stringify(write.body);
    return this.#write(async (client) => {
      // FOR UPDATE holds the row until COMMIT: a second replica saving from the same version
      // waits here, then reads the new version and gets the conflict, so only one wins.
      const locked = await client.query<ObjectRow>(
        `SELECT ${OBJECT_COLUMNS} FROM objects o WHERE o.kind = $1 AND o.id = $2 FOR UPDATE`,
        [kind, id],
      );
      const current = locked.rows[0];
      if (!current) throw objectNotFound(kind, id);
      if (Number(current.version) !== expectedVersion) {
        throw new StaleVersionError(toStoredObject(current), expectedVersion);
      }
      const now = nextTimestamp(current.updated_at);
      const columns = write.sharing
        ? sharingColumns(write.sharing)
        : {
            sharing: current.sharing,
            share_edit: current.share_edit,
            share_groups: current.share_groups,
          };
      const updated = await client.query<ObjectRow>(
        `UPDATE objects o
         SET version = version + 1, title = $4, description = $5, body = $6,
             search_text = $7, updated_at = $8, sharing = $9, share_edit = $10, share_groups = $11
         WHERE o.kind = $1 AND o.id = $2 AND o.version = $3
         RETURNING ${OBJECT_COLUMNS}`,
        [
          kind,
          id,
          expectedVersion,
          write.title,
          write.description,
          body,
          searchText(write),
          now,
          columns.sharing,
          columns.share_edit,
          columns.share_groups,
        ],
      );
      if (write.sharing) {
        await client.query('DELETE FROM object_shares WHERE kind = $1 AND id = $2', [kind, id]);
        await insertShares(client, kind, id, write);
      }
      const row = updated.rows[0];
      if (!row) throw new Error(`objects row ${kind}/${id} changed under its own lock`);
      await insertVersion(client, kind, id, Number(row.version), write, body, now);
      return toStoredObject(row);
    });
  }

  async #whyNotCurrent(
    client: Queryable,
    kind: ObjectKind,
    id: string,
    expectedVersion: number,
  ): Promise<LogsiftError> {
    const current = await client.query<ObjectRow>(
      `SELECT ${OBJECT_COLUMNS} FROM objects o WHERE o.kind = $1 AND o.id = $2`,
      [kind, id],
    );
    const row = current.rows[0];
    return row
      ? new StaleVersionError(toStoredObject(row), expectedVersion)
      : objectNotFound(kind, id);
  }

  async remove(kind: ObjectKind, id: string, expectedVersion?: number): Promise<void> {
    await this.#write(async (client) => {
      const deleted =
        expectedVersion === undefined
          ? await client.query('DELETE FROM objects WHERE kind = $1 AND id = $2', [kind, id])
          : await client.query('DELETE FROM objects WHERE kind = $1 AND id = $2 AND version = $3', [
              kind,
              id,
              expectedVersion,
            ]);
      if (deleted.rowCount === 0) {
        throw await this.#whyNotCurrent(client, kind, id, expectedVersion ?? 0);
      }
    });
  }

  async versions(kind: ObjectKind, id: string): Promise<StoredVersion[]> {
    const rows = await this.#read<VersionRow>(
      `SELECT version, title, created_at FROM object_versions
       WHERE kind = $1 AND id = $2 ORDER BY version DESC`,
      [kind, id],
    );
    return rows.map(toStoredVersion);
  }

  async version(kind: ObjectKind, id: string, version: number): Promise<StoredObject | undefined> {
    const rows = await this.#read<ObjectRow>(
      `SELECT ${VERSION_COLUMNS}
       FROM object_versions v JOIN objects o ON o.kind = v.kind AND o.id = v.id
       WHERE v.kind = $1 AND v.id = $2 AND v.version = $3`,
      [kind, id, version],
    );
    return rows[0] && toStoredObject(rows[0]);
  }

  async createLink(url: string): Promise<string> {
    const id = newId();
    await this.#write((client) =>
      client.query('INSERT INTO links (id, url, created_at) VALUES ($1, $2, $3)', [
        id,
        url,
        new Date().toISOString(),
      ]),
    );
    return id;
  }

  async link(id: string): Promise<string | undefined> {
    const rows = await this.#read<{ url: string }>('SELECT url FROM links WHERE id = $1', [id]);
    return rows[0]?.url;
  }

  /** Also migrates when that is still to do, so "available" means saves can work. */
  async ping(): Promise<void> {
    await this.#ready();
    try {
      await this.#pool.query('SELECT 1');
    } catch (error) {
      throw this.#unavailable(error);
    }
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}

async function insertShares(
  client: Queryable,
  kind: ObjectKind,
  id: string,
  write: ObjectWrite,
): Promise<void> {
  if (!write.sharing) return;
  for (const group of sharedGroups(write.sharing)) {
    await client.query('INSERT INTO object_shares (kind, id, group_name) VALUES ($1, $2, $3)', [
      kind,
      id,
      group,
    ]);
  }
}

function insertVersion(
  client: Queryable,
  kind: ObjectKind,
  id: string,
  version: number,
  write: ObjectWrite,
  body: string,
  now: string,
): Promise<unknown> {
  return client.query(
    `INSERT INTO object_versions (kind, id, version, title, description, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [kind, id, version, write.title, write.description, body, now],
  );
}

/**
 * Opens no connection yet: Logsift starts (and Explore works) while PostgreSQL is down, and
 * the first saved-object call migrates once it answers.
 */
export function openPostgresStore(config: PostgresStorageConfig): SavedStore {
  return new PostgresStore(config);
}
