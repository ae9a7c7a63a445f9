import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failure } from '../datasources/testing';
import { openSavedStore } from './open';
import { SQLITE_FILE } from './sqlite';

describe('openSavedStore', () => {
  it('opens SQLite in LOGSIFT_DATA_DIR when set, creating the directory', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'logsift-open-')), 'nested', 'data');
    const store = await openSavedStore(
      { kind: 'sqlite', dataDir: '/nonexistent-config-dir' },
      { LOGSIFT_DATA_DIR: dir },
    );
    expect(store.driver).toBe('sqlite');
    await store.ping();
    expect(existsSync(join(dir, SQLITE_FILE))).toBe(true);
    await store.close();
  });

  it('answers storage_unavailable with the reason when the directory cannot be made', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'logsift-open-'));
    const file = join(parent, 'a-file');
    writeFileSync(file, 'not a directory');
    const store = await openSavedStore({ kind: 'sqlite', dataDir: join(file, 'data') }, {});
    const error = await failure(store.ping());
    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toContain('ENOTDIR');
    expect((await failure(store.list('query', { limit: 1, offset: 0 }))).code).toBe(
      'storage_unavailable',
    );
  });

  it('refuses a file that is not a database without throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logsift-open-'));
    writeFileSync(join(dir, SQLITE_FILE), 'this is not an SQLite database, only text'.repeat(200));
    const store = await openSavedStore({ kind: 'sqlite', dataDir: dir }, {});
    const error = await failure(store.ping());
    expect(error.code).toBe('storage_unavailable');
    expect(error.message).toMatch(/not a database/);
  });
});
