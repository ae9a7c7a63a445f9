import { LogsiftError } from '../../model';
import type { DatasourceConfig } from '../config/schema';
import type { Datasource } from './datasource';
import { createLocalDatasource, type LocalDatasourceOptions } from './local';

type Factory = (config: DatasourceConfig, options: LocalDatasourceOptions) => Promise<Datasource>;

const notYet =
  (kind: string): Factory =>
  () =>
    Promise.reject(
      new Error(`datasource kind "${kind}" is not available in this version of Logsift`),
    );

/** One factory per kind: the only place that knows which backends exist. */
const FACTORIES: Record<DatasourceConfig['kind'], Factory> = {
  local: (config, options) =>
    createLocalDatasource(config as Extract<DatasourceConfig, { kind: 'local' }>, options),
  loki: notYet('loki'),
  elasticsearch: notYet('elasticsearch'),
  cloudwatch: notYet('cloudwatch'),
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
  const created: Datasource[] = [];
  try {
    for (const config of configs) created.push(await FACTORIES[config.kind](config, options));
  } catch (error) {
    await Promise.all(created.map((ds) => ds.close()));
    throw error;
  }
  return new DatasourceRegistry(created);
}
