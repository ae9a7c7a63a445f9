import { LogsiftError } from '../../model';
import type { SavedStore } from './store';

/**
 * Stands in for a store that could not be opened (an unwritable data directory, a bad
 * database file): Logsift still starts and Explore works, while every saved-object call
 * answers 503 with the reason, and /readyz reports storage as unavailable.
 */
export function unavailableStore(driver: SavedStore['driver'], reason: string): SavedStore {
  const fail = async (): Promise<never> => {
    throw new LogsiftError('storage_unavailable', `saved objects are unavailable: ${reason}`);
  };
  return {
    driver,
    migrate: fail,
    list: fail,
    get: fail,
    create: fail,
    update: fail,
    remove: fail,
    versions: fail,
    version: fail,
    createLink: fail,
    link: fail,
    ping: fail,
    close: async () => undefined,
  };
}
