import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LogsiftError } from '../../model';
import { StaleVersionError, objectNotFound } from './errors';
import { SCHEMA_MIGRATIONS_TABLE, pendingMigrations, type Migration } from './migrations';
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
} from './store';

export const SQLITE_FILE = 'logsift.db';

/** A writer waits this long for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 5_000;

function unavailable(error: unknown): LogsiftError {
  if (error instanceof LogsiftError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LogsiftError(
    'storage_unavailable',
    `saved objects are unavailable (SQLite: ${message})`,
  );
}

/**
 * SQLite says only "unable to open database file" when the volume is read-only or not ours:
 * the directory's own error names the fault an operator has to fix.
 */
function whyNotWritable(dataDir: string): string | undefined {
  try {
    accessSync(dataDir, constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return `the data directory ${dataDir} is not writable (${code})`;
  }
}

/**
 * SavedStore on one SQLite file. WAL lets readers run beside the writer; synchronous=FULL
 * syncs the WAL at every commit, so a save that was answered survives SIGKILL and power loss,
 * and a crash mid-transaction leaves the previous state (SQLite rolls the WAL tail back).
 * better-sqlite3 is synchronous, so every method is one transaction that no other call on
 * this connection can interleave with; other processes are kept out by BEGIN IMMEDIATE.
 */
export function openSqliteStore(dataDir: string): SavedStore {
  let db: Database.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(join(dataDir, SQLITE_FILE));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const unwritable = whyNotWritable(dataDir);
    throw new LogsiftError(
      'storage_unavailable',
      `cannot open ${join(dataDir, SQLITE_FILE)}: ${reason}${unwritable ? `; ${unwritable}` : ''}`,
    );
  }

  // Each migration in its own transaction, checked again inside it: another process opening
  // the same file at the same time applies it once.
  const applyMigration = db.transaction((migration: Migration): void => {
    const done = db
      .prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
      .get(migration.version);
    if (done) return;
    for (const statement of migration.statements) db.exec(statement);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      migration.version,
      migration.name,
      new Date().toISOString(),
    );
  });
  const migrate = (): void => {
    db.exec(SCHEMA_MIGRATIONS_TABLE);
    const applied = db.prepare('SELECT version FROM schema_migrations').all() as {
      version: number;
    }[];
    for (const migration of pendingMigrations(applied.map((r) => r.version))) {
      applyMigration.immediate(migration);
    }
  };
  try {
    migrate();
  } catch (error) {
    db.close();
    throw unavailable(error);
  }

  const selectObject = db.prepare<[string, string], ObjectRow>(
    `SELECT ${OBJECT_COLUMNS} FROM objects o WHERE o.kind = ? AND o.id = ?`,
  );
  const insertObject = db.prepare(
    `INSERT INTO objects (kind, id, version, title, description, search_text, body, created_at, updated_at,
       owner, sharing, share_edit, share_groups)
     VALUES (@kind, @id, @version, @title, @description, @search, @body, @at, @at,
       @owner, @sharing, @share_edit, @share_groups)`,
  );
  const updateSharing = db.prepare(
    `UPDATE objects SET sharing = @sharing, share_edit = @share_edit, share_groups = @share_groups
     WHERE kind = @kind AND id = @id`,
  );
  const deleteShares = db.prepare('DELETE FROM object_shares WHERE kind = ? AND id = ?');
  const insertShare = db.prepare(
    'INSERT INTO object_shares (kind, id, group_name) VALUES (?, ?, ?)',
  );
  const updateObject = db.prepare(
    `UPDATE objects SET version = @version, title = @title, description = @description,
       search_text = @search, body = @body, updated_at = @at
     WHERE kind = @kind AND id = @id AND version = @expected`,
  );
  const insertVersion = db.prepare(
    `INSERT INTO object_versions (kind, id, version, title, description, body, created_at)
     VALUES (@kind, @id, @version, @title, @description, @body, @at)`,
  );
  const deleteObject = db.prepare('DELETE FROM objects WHERE kind = ? AND id = ?');
  const selectVersions = db.prepare<[string, string], VersionRow>(
    'SELECT version, title, created_at FROM object_versions WHERE kind = ? AND id = ? ORDER BY version DESC',
  );
  const selectVersion = db.prepare<[string, string, number], ObjectRow>(
    `SELECT ${VERSION_COLUMNS}
     FROM object_versions v JOIN objects o ON o.kind = v.kind AND o.id = v.id
     WHERE v.kind = ? AND v.id = ? AND v.version = ?`,
  );
  const insertLink = db.prepare('INSERT INTO links (id, url, created_at) VALUES (?, ?, ?)');
  const selectLink = db.prepare<[string], { url: string }>('SELECT url FROM links WHERE id = ?');

  const fields = (
    kind: ObjectKind,
    id: string,
    version: number,
    write: ObjectWrite,
    at: string,
  ) => ({
    kind,
    id,
    version,
    title: write.title,
    description: write.description,
    search: searchText(write),
    body: JSON.stringify(write.body),
    at,
  });

  const share = (kind: ObjectKind, id: string, write: ObjectWrite): void => {
    if (!write.sharing) return;
    updateSharing.run({ kind, id, ...sharingColumns(write.sharing) });
    deleteShares.run(kind, id);
    for (const group of sharedGroups(write.sharing)) insertShare.run(kind, id, group);
  };

  const create = db.transaction((kind: ObjectKind, object: NewObject): StoredObject => {
    const row = fields(kind, newId(), 1, object, nextTimestamp());
    insertObject.run({ ...row, owner: object.owner, ...sharingColumns(object.sharing) });
    share(kind, row.id, object);
    insertVersion.run(row);
    return toStoredObject(selectObject.get(kind, row.id)!);
  });

  const current = (kind: ObjectKind, id: string, expected: number | undefined): ObjectRow => {
    const row = selectObject.get(kind, id);
    if (!row) throw objectNotFound(kind, id);
    if (expected !== undefined && row.version !== expected) {
      throw new StaleVersionError(toStoredObject(row), expected);
    }
    return row;
  };

  const update = db.transaction(
    (kind: ObjectKind, id: string, expected: number, write: ObjectWrite): StoredObject => {
      const before = current(kind, id, expected);
      const row = fields(kind, id, expected + 1, write, nextTimestamp(before.updated_at));
      updateObject.run({ ...row, expected });
      share(kind, id, write);
      insertVersion.run(row);
      return toStoredObject(selectObject.get(kind, id)!);
    },
  );

  const remove = db.transaction((kind: ObjectKind, id: string, expected?: number): void => {
    current(kind, id, expected);
    deleteObject.run(kind, id);
  });

  const list = (kind: ObjectKind, options: ListOptions) => {
    const search = options.search ? ` AND o.search_text LIKE ? ESCAPE '\\'` : '';
    const visible = visibleFilter(options.viewer, () => '?', 0);
    const where = `o.kind = ?${search}${visible.sql}`;
    const params = [
      kind,
      ...(options.search ? [containsPattern(options.search)] : []),
      ...visible.params,
    ];
    const read = db.transaction(() => {
      const { n } = db
        .prepare(`SELECT count(*) AS n FROM objects o WHERE ${where}`)
        .get(...params) as { n: number };
      const rows = db
        .prepare(
          `SELECT ${OBJECT_COLUMNS} FROM objects o WHERE ${where} ORDER BY o.updated_at DESC, o.id DESC LIMIT ? OFFSET ?`,
        )
        .all(...params, options.limit, options.offset) as ObjectRow[];
      return { items: rows.map(toStoredObject), total: n };
    });
    return read();
  };

  // Every call runs inside a promise so a thrown SqliteError becomes a rejection the routes map.
  const run = async <T>(work: () => T): Promise<T> => {
    try {
      return work();
    } catch (error) {
      throw unavailable(error);
    }
  };

  return {
    driver: 'sqlite',
    migrate: () => run(migrate),
    list: (kind, options) => run(() => list(kind, options)),
    get: (kind, id) =>
      run(() => {
        const row = selectObject.get(kind, id);
        return row ? toStoredObject(row) : undefined;
      }),
    create: (kind, object) => run(() => create.immediate(kind, object)),
    update: (kind, id, expected, write) => run(() => update.immediate(kind, id, expected, write)),
    remove: (kind, id, expected) => run(() => remove.immediate(kind, id, expected)),
    versions: (kind, id) => run(() => selectVersions.all(kind, id).map(toStoredVersion)),
    version: (kind, id, version) =>
      run(() => {
        const row = selectVersion.get(kind, id, version);
        return row ? toStoredObject(row) : undefined;
      }),
    createLink: (url) =>
      run(() => {
        const id = newId();
        insertLink.run(id, url, new Date().toISOString());
        return id;
      }),
    link: (id) => run(() => selectLink.get(id)?.url),
    ping: () =>
      run(() => {
        db.prepare('SELECT 1').get();
      }),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
