import { LogsiftError } from '../../model';
import type { DatasourceConfig } from '../config/schema';
import { createCloudWatchDatasource } from './cloudwatch';
import type { Datasource } from './datasource';
import { createElasticsearchDatasource } from './elasticsearch';
import { createLocalDatasource, type LocalDatasourceOptions } from './local';
import { createLokiDatasource } from './loki';

type Factory = (config: DatasourceConfig, options: LocalDatasourceOptions) => Promise<Datasource>;

/**
 * One factory per kind: the only place that knows which backends exist. A kind mapped to
 * null is accepted by the config schema (so files can be written ahead) but has no backend yet.
 */
const FACTORIES: Record<DatasourceConfig['kind'], Factory | null> = {
  local: (config, options) =>
    createLocalDatasource(config as Extract<DatasourceConfig, { kind: 'local' }>, options),
  loki: (config, options) =>
    Promise.resolve(
      createLokiDatasource(config as Extract<DatasourceConfig, { kind: 'loki' }>, options),
    ),
  elasticsearch: (config, options) =>
    Promise.resolve(
      createElasticsearchDatasource(
        config as Extract<DatasourceConfig, { kind: 'elasticsearch' }>,
        options,
      ),
    ),
  cloudwatch: (config, options) =>
    Promise.resolve(
      createCloudWatchDatasource(
        config as Extract<DatasourceConfig, { kind: 'cloudwatch' }>,
        options,
      ),
    ),
};

export class DatasourceRegistry {
  private readonly byId: Map<string, Datasource>;

  constructor(datasources: Datasource[]) {
    this.byId = new Map(datasources.map((ds) => [ds.id, ds]));
  }

  list(): Datasource[] {
    return [...this.byId.values()];
  }

  get(id: string): Datasource {
    const ds = this.byId.get(id);
    if (!ds) throw new LogsiftError('not_found', `no datasource with id "${id}"`);
    return ds;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.list().map((ds) => ds.close()));
  }
}

export async function createDatasources(
  configs: readonly DatasourceConfig[],
  options: LocalDatasourceOptions = {},
): Promise<DatasourceRegistry> {
  const unavailable = configs.flatMap((config, index) =>
    FACTORIES[config.kind]
      ? []
      : [
          `datasources.${index} (${config.id}): kind ${config.kind} is not available in this version`,
        ],
  );
  if (unavailable.length > 0) throw new Error(unavailable.join('; '));
  const created: Datasource[] = [];
  try {
    for (const config of configs) {
      const factory = FACTORIES[config.kind];
      if (factory) created.push(await factory(config, options));
    }
  } catch (error) {
    await Promise.all(created.map((ds) => ds.close()));
    throw error;
  }
  return new DatasourceRegistry(created);
}
