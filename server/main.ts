import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config/load';
import { DEFAULT_CONFIG, type LogsiftConfig } from './config/schema';
import { createDatasources } from './datasources/registry';
import { openBrowser } from './openBrowser';
import { openSavedStore } from './store/open';

const STATIC_DIR = fileURLToPath(new URL('../dist/public', import.meta.url));

async function readConfig(): Promise<LogsiftConfig> {
  const path = process.env['LOGSIFT_CONFIG'];
  return path ? loadConfig(path) : DEFAULT_CONFIG;
}

async function main(): Promise<void> {
  let config: LogsiftConfig;
  try {
    config = await readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Logsift cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const port = Number(process.env['PORT'] || 8080);
  const host = process.env['HOST'] || '0.0.0.0';
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`Logsift cannot start: PORT=${process.env['PORT']} is not a port number`);
    process.exit(1);
  }
  const datasources = await createDatasources(config.datasources);
  const store = await openSavedStore(config.storage);
  const app = await buildApp({ config, datasources, store, staticDir: STATIC_DIR, logger: true });
  if (!existsSync(STATIC_DIR)) {
    app.log.warn(
      `No built UI in ${STATIC_DIR}: run \`npm run build\` (npm start does). Serving the API only.`,
    );
  }
  const storage = await store.ping().then(
    () => undefined,
    (error: unknown) => (error as Error).message,
  );
  if (storage) app.log.warn(`${storage}; Explore works, saved queries and dashboards do not`);
  const graceMs = config.server.shutdownGraceMs;
  // Tails are closed with a reason, no new connection is taken, in-flight requests finish;
  // whatever still runs when the grace is over is cut, before the kubelet's SIGKILL would.
  const shutdown = async (signal: string): Promise<void> => {
    app.log.info({ signal, graceMs }, `${signal}: shutting down within ${graceMs} ms`);
    setTimeout(() => {
      app.log.warn(`requests still running after the ${graceMs} ms grace; exiting anyway`);
      process.exit(1);
    }, graceMs);
    try {
      await app.close();
      await datasources.closeAll();
      await store.close();
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    app.log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port, host });
  const bound = (app.server.address() as AddressInfo).port;
  const url = `http://localhost:${bound}${config.server.basePath ?? ''}/`;
  app.log.info({ url }, `Logsift on ${url}`);
  openBrowser(url);
}

main().catch((error: unknown) => {
  console.error('Logsift cannot start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
