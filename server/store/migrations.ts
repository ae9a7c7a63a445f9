/**
 * The schema of saved objects, as ordered migrations that both drivers apply unchanged: the
 * SQL below is the common subset of SQLite and PostgreSQL 15 (TEXT, INTEGER, composite keys,
 * ON DELETE CASCADE). Timestamps are ISO 8601 text so both sort and compare them alike.
 *
 * A migration is never edited once released: a change is a new entry with the next version.
 * Each is applied in its own transaction together with its row in `schema_migrations`, so a
 * crash leaves either all of it or none.
 */
export interface Migration {
  version: number;
  name: string;
  /** One statement each: drivers run them one by one (PostgreSQL's extended protocol takes one). */
  statements: string[];
}

/** Created before any migration runs; the versions in it are the migrations applied. */
export const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'objects, versions and short links',
    statements: [
      `CREATE TABLE objects (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        search_text TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      )`,
      `CREATE INDEX objects_kind_updated ON objects (kind, updated_at)`,
      // Every version, the current one included, so history needs no second code path.
      `CREATE TABLE object_versions (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        description TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (kind, id, version),
        FOREIGN KEY (kind, id) REFERENCES objects (kind, id) ON DELETE CASCADE
      )`,
      `CREATE TABLE links (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'owners and sharing',
    // Rows from before sign-in existed were everybody's: they stay visible and editable to
    // everyone (public, can edit), owned by the anonymous principal of sign-in off.
    statements: [
      `ALTER TABLE objects ADD COLUMN owner TEXT NOT NULL DEFAULT 'anonymous'`,
      `ALTER TABLE objects ADD COLUMN sharing TEXT NOT NULL DEFAULT 'public'`,
      `ALTER TABLE objects ADD COLUMN share_edit INTEGER NOT NULL DEFAULT 1`,
      // The groups as a JSON array, read back whole; object_shares below is what lists filter on.
      `ALTER TABLE objects ADD COLUMN share_groups TEXT NOT NULL DEFAULT '[]'`,
      `CREATE INDEX objects_kind_owner ON objects (kind, owner)`,
      `CREATE TABLE object_shares (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        group_name TEXT NOT NULL,
        PRIMARY KEY (kind, id, group_name),
        FOREIGN KEY (kind, id) REFERENCES objects (kind, id) ON DELETE CASCADE
      )`,
      `CREATE INDEX object_shares_group ON object_shares (group_name, kind)`,
    ],
  },
];

/** The migrations not in `applied`, in order. */
export function pendingMigrations(applied: Iterable<number>): Migration[] {
  const done = new Set(applied);
  return MIGRATIONS.filter((m) => !done.has(m.version));
}
