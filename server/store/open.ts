import type { StorageConfig } from './config';
import { openSqliteStore } from './sqlite';
import type { SavedStore } from './store';
import { unavailableStore } from './unavailable';

/**
 * The store the configuration names. It never throws: a store that cannot be opened becomes
 * one that answers storage_unavailable with the reason, so saved objects failing never stops
 * Logsift from starting. `LOGSIFT_DATA_DIR` overrides the SQLite directory (a container's volume).
 */
export async function openSavedStore(
  config: StorageConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SavedStore> {
  switch (config.kind) {
    case 'sqlite': {
      const dataDir = env['LOGSIFT_DATA_DIR'] || config.dataDir;
      try {
        return openSqliteStore(dataDir);
      } catch (error) {
        return unavailableStore('sqlite', error instanceof Error ? error.message : String(error));
      }
    }
    case 'postgres':
      return unavailableStore('postgres', 'the PostgreSQL driver is not part of this build yet');
  }
}
