import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { LogsiftConfigSchema } from './config/schema';
import type { LocalDatasourceOptions } from './datasources/local';
import { createDatasources, type DatasourceRegistry } from './datasources/registry';

export interface TestLogsift {
  app: FastifyInstance;
  registry: DatasourceRegistry;
  close(): Promise<void>;
}

/** Logsift assembled as main.ts does it, from a config object, for tests that call it by inject(). */
export async function startTestLogsift(
  config: unknown,
  options: LocalDatasourceOptions = {},
): Promise<TestLogsift> {
  const parsed = LogsiftConfigSchema.parse(config);
  const registry = await createDatasources(parsed.datasources, options);
  const app = await buildApp({
    config: parsed,
    datasources: registry,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    app,
    registry,
    async close() {
      await app.close();
      await registry.closeAll();
    },
  };
}
