import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { accessOf } from './access';
import { MIGRATIONS, SCHEMA_MIGRATIONS_TABLE } from './migrations';
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
    const saved = await first.create('query', {
      title: 'kept',
      description: '',
      body: { a: 1 },
      owner: 'alice',
      sharing: { kind: 'groups', groups: ['ops'], canEdit: false },
    });
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

  it('migrates a database from before sharing: old rows stay everyone’s to see and edit', async () => {
    const dir = tempDir();
    const old = new Database(join(dir, SQLITE_FILE));
    old.exec(SCHEMA_MIGRATIONS_TABLE);
    for (const statement of MIGRATIONS[0]!.statements) old.exec(statement);
    old.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run('v1', '2026-01-01T00:00:00Z');
    const at = '2026-01-02T00:00:00.000Z';
    old
      .prepare('INSERT INTO objects VALUES (?, ?, 2, ?, ?, ?, ?, ?, ?)')
      .run('dashboard', 'OldDashboard0000000001', 'Checkout', '', 'checkout\n', '{"a":1}', at, at);
    for (const version of [1, 2]) {
      old
        .prepare('INSERT INTO object_versions VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run('dashboard', 'OldDashboard0000000001', version, 'Checkout', '', '{"a":1}', at);
    }
    old.prepare('INSERT INTO links VALUES (?, ?, ?)').run('OldLink000000000000001', '/?q=x', at);
    old.close();

    const store = openSqliteStore(dir);
    const migrated = await store.get('dashboard', 'OldDashboard0000000001');
    expect(migrated).toMatchObject({
      version: 2,
      title: 'Checkout',
      body: { a: 1 },
      owner: 'anonymous',
      sharing: { kind: 'public', canEdit: true },
    });
    const bob = { id: 'bob', name: 'bob', groups: [], unrestricted: false };
    expect(accessOf(bob, migrated!)).toBe('edit');
    const listed = await store.list('dashboard', { limit: 10, offset: 0, viewer: bob });
    expect(listed.items.map((o) => o.id)).toEqual(['OldDashboard0000000001']);
    expect((await store.versions('dashboard', 'OldDashboard0000000001')).length).toBe(2);
    expect(await store.link('OldLink000000000000001')).toBe('/?q=x');
    const updated = await store.update('dashboard', 'OldDashboard0000000001', 2, {
      title: 'Checkout',
      description: '',
      body: { a: 2 },
    });
    expect(updated).toMatchObject({ version: 3, owner: 'anonymous' });
    await store.close();
  });

  it('answers storage_unavailable once closed, not a crash', async () => {
    const store = openSqliteStore(tempDir());
    await store.close();
    await expect(store.ping()).rejects.toMatchObject({ code: 'storage_unavailable' });
  });
});
