import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';
import { SQLITE_FILE, openSqliteStore } from './sqlite';
import { describeSavedStore } from './storeContract';

const tempDir = () => mkdtempSync(join(tmpdir(), 'logsift-store-'));

describeSavedStore('sqlite', async () => openSqliteStore(tempDir()));

describe('SQLite file', () => {
  it('records each migration once, in WAL mode with full sync, and keeps data across reopen', async () => {
    const dir = tempDir();
    const first = openSqliteStore(dir);
    // A second replica (or a restart while the first has not closed yet) opens the same file.
    const second = openSqliteStore(dir);
    const saved = await first.create('query', { title: 'kept', description: '', body: { a: 1 } });
    expect(await second.get('query', saved.id)).toEqual(saved);
    await first.close();
    await second.close();

    const raw = new Database(join(dir, SQLITE_FILE));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all();
    expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    raw.close();

    const reopened = openSqliteStore(dir);
    expect(await reopened.get('query', saved.id)).toEqual(saved);
    await reopened.close();
  });

  it('answers storage_unavailable once closed, not a crash', async () => {
    const store = openSqliteStore(tempDir());
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ code: 'storage_unavailable' });
  });
});
