import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { AuditSink } from './audit/audit';
import { LogsiftConfigSchema } from './config/schema';
import type { LocalDatasourceOptions } from './datasources/local';
import { createDatasources, type DatasourceRegistry } from './datasources/registry';
import { openSavedStore } from './store/open';
import type { SavedStore } from './store/store';

export interface TestLogsift {
  app: FastifyInstance;
  registry: DatasourceRegistry;
  store: SavedStore;
  close(): Promise<void>;
}

/**
 * Logsift assembled as main.ts does it, from a config object, for tests that call it by
 * inject(). Without a `storage` in the config, saved objects go to SQLite in a fresh
 * temporary directory, removed on close.
 */
export async function startTestLogsift(
  config: unknown,
  options: LocalDatasourceOptions & { auditSink?: AuditSink } = {},
): Promise<TestLogsift> {
  const parsed = LogsiftConfigSchema.parse(config);
  const hasStorage = (config as { storage?: unknown } | null)?.storage !== undefined;
  const tempDir = hasStorage ? undefined : mkdtempSync(join(tmpdir(), 'logsift-test-'));
  const storage = tempDir ? { kind: 'sqlite' as const, dataDir: tempDir } : parsed.storage;
  const store = await openSavedStore(storage, {});
  const registry = await createDatasources(parsed.datasources, options);
  const app = await buildApp({
    config: parsed,
    datasources: registry,
    store,
    ...(options.now ? { now: options.now } : {}),
    ...(options.auditSink ? { auditSink: options.auditSink } : {}),
  });
  return {
    app,
    registry,
    store,
    async close() {
      await app.close();
      await registry.closeAll();
      await store.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
