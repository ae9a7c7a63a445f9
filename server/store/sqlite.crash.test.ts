import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { SQLITE_FILE, openSqliteStore } from './sqlite';

const WRITER = fileURLToPath(new URL('./crashWriter.ts', import.meta.url));

it('keeps every acknowledged save, and nothing half-written, after SIGKILL mid-save', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logsift-crash-'));
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acknowledged = new Map<string, number>();
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [id, n] = line.split(' ');
        acknowledged.set(id!, Number(n));
      }
      if (acknowledged.size >= 150 && child.exitCode === null) child.kill('SIGKILL');
    });
  });
  expect(child.signalCode).toBe('SIGKILL');
  expect(acknowledged.size).toBeGreaterThanOrEqual(150);

  const raw = new Database(join(dir, SQLITE_FILE));
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  // Nothing half-written: every object has exactly its versions, the current one among them.
  const orphans = raw
    .prepare(
      `SELECT count(*) AS n FROM objects o WHERE (SELECT count(*) FROM object_versions v
         WHERE v.kind = o.kind AND v.id = o.id) <> o.version
       OR NOT EXISTS (SELECT 1 FROM object_versions v WHERE v.kind = o.kind AND v.id = o.id
         AND v.version = o.version AND v.body = o.body)`,
    )
    .get() as { n: number };
  expect(orphans.n).toBe(0);
  raw.close();

  const store = openSqliteStore(dir);
  for (const [id, n] of acknowledged) {
    const saved = await store.get('dashboard', id);
    expect(saved?.version).toBe(2);
    expect(saved?.body).toMatchObject({ n, v: 2 });
  }
  await store.close();
});
