import type { FastifyInstance } from 'fastify';
import type { SettingsResponse } from '../../../model';
import type { ServerContext } from '../context';
import { minRefreshMs } from './savedChecks';

/** A probe must answer even when the database hangs: silence past this is "unavailable". */
const STORAGE_PING_TIMEOUT_MS = 2_000;

/** Whether saved objects can be read and written now, and why not. */
export async function storageStatus(ctx: ServerContext): Promise<SettingsResponse['storage']> {
  const driver = ctx.store?.driver ?? ctx.config.storage.kind;
  if (!ctx.store) {
    return { driver, available: false, message: 'this server was started without saved objects' };
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the database did not answer within ${STORAGE_PING_TIMEOUT_MS} ms`)),
      STORAGE_PING_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([ctx.store.ping(), late]);
    return { driver, available: true };
  } catch (error) {
    return { driver, available: false, message: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export function registerSettingsRoute(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/api/v1/settings', async (): Promise<SettingsResponse> => ({
    dashboards: { minRefreshMs: minRefreshMs(ctx) },
    storage: await storageStatus(ctx),
  }));
}
