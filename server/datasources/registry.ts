import { LogsiftError, type Principal } from '../../model';
import { settingsForGroup, type DatasourceConfig } from '../config/datasources';
import { mayUse, overrideGroup, type Access } from './access';
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

/** A configured datasource: its base instance, who may use it, and one instance per override. */
export interface ScopedDatasource {
  base: Datasource;
  access?: Access | undefined;
  /** Built from each group's merged settings; keyed by the group of `access.perGroup`. */
  perGroup?: ReadonlyMap<string, Datasource>;
}

/**
 * The datasources, as each principal may see them: one hidden from a principal is answered
 * exactly as an id that does not exist (so its existence is not told), and a group with an
 * override gets the instance built from its settings.
 */
export class DatasourceRegistry {
  private readonly byId: Map<string, ScopedDatasource>;

  constructor(entries: readonly (Datasource | ScopedDatasource)[]) {
    this.byId = new Map(
      entries.map((entry) => {
        const scoped = 'base' in entry ? entry : { base: entry };
        return [scoped.base.id, scoped];
      }),
    );
  }

  /** Every base instance, for readiness and shutdown: never an answer's list for a user. */
  all(): Datasource[] {
    return [...this.byId.values()].map((entry) => entry.base);
  }

  /** The datasources this principal may use, each with the settings of its group. */
  list(principal: Principal): Datasource[] {
    return [...this.byId.values()].flatMap((entry) =>
      mayUse(entry.access, principal) ? [instanceFor(entry, principal)] : [],
    );
  }

  get(id: string, principal: Principal): Datasource {
    const entry = this.byId.get(id);
    if (!entry || !mayUse(entry.access, principal)) {
      throw new LogsiftError('not_found', `no datasource with id "${id}"`);
    }
    return instanceFor(entry, principal);
  }

  async closeAll(): Promise<void> {
    await Promise.all(
      [...this.byId.values()].flatMap((entry) => [
        entry.base.close(),
        ...[...(entry.perGroup?.values() ?? [])].map((ds) => ds.close()),
      ]),
    );
  }
}

function instanceFor(entry: ScopedDatasource, principal: Principal): Datasource {
  const group = overrideGroup(entry.access, principal);
  return (group === undefined ? undefined : entry.perGroup?.get(group)) ?? entry.base;
}

/**
 * Every instance is made up front, the overrides' too: a mistake in a group's settings stops
 * the start like the base's would, instead of surfacing at that team's first query.
 */
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
  const make = async (config: DatasourceConfig): Promise<Datasource> => {
    const factory = FACTORIES[config.kind];
    if (!factory) throw new Error(`kind ${config.kind} is not available in this version`);
    const ds = await factory(config, options);
    created.push(ds);
    return ds;
  };
  const entries: ScopedDatasource[] = [];
  try {
    for (const config of configs) {
      const base = await make(config);
      const perGroup = new Map<string, Datasource>();
      for (const group of Object.keys(config.access?.perGroup ?? {})) {
        perGroup.set(group, await make(settingsForGroup(config, group)));
      }
      entries.push({ base, access: config.access, perGroup });
    }
  } catch (error) {
    await Promise.all(created.map((ds) => ds.close()));
    throw error;
  }
  return new DatasourceRegistry(entries);
}
