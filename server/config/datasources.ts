import { z } from 'zod';
import { accessProblems, AccessSchema, mergedSettings } from '../datasources/access';
import { CloudWatchDatasourceConfigSchema } from '../datasources/cloudwatch';
import { ElasticsearchDatasourceConfigSchema } from '../datasources/elasticsearch';
import { LocalDatasourceConfigSchema } from '../datasources/local';
import { LokiDatasourceConfigSchema } from '../datasources/loki';

/** One datasource's own settings, each kind by its schema. */
const SettingsSchema = z.discriminatedUnion('kind', [
  LocalDatasourceConfigSchema,
  LokiDatasourceConfigSchema,
  ElasticsearchDatasourceConfigSchema,
  CloudWatchDatasourceConfigSchema,
]);

/**
 * Where each kind's backend is. A group's override chooses what to read on that backend (a
 * tenant, an index pattern, log groups, credentials), never another backend: that is another
 * datasource, with its own id, its own /readyz line and metrics, and its own access.groups.
 * A local datasource's `paths` may differ: a team reads its own files on the same host.
 */
const BACKEND_KEYS: Record<z.infer<typeof SettingsSchema>['kind'], readonly string[]> = {
  local: [],
  loki: ['url'],
  elasticsearch: ['url', 'urls'],
  cloudwatch: ['region', 'endpoint'],
};

const withAccess = { access: AccessSchema.optional() };

export const DatasourceConfigSchema = z
  .discriminatedUnion('kind', [
    LocalDatasourceConfigSchema.safeExtend(withAccess),
    LokiDatasourceConfigSchema.safeExtend(withAccess),
    ElasticsearchDatasourceConfigSchema.safeExtend(withAccess),
    CloudWatchDatasourceConfigSchema.safeExtend(withAccess),
  ])
  .superRefine((ds, ctx) => {
    const parse = (settings: unknown) => SettingsSchema.safeParse(settings);
    for (const problem of accessProblems(ds, BACKEND_KEYS[ds.kind], parse)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  });
export type DatasourceConfig = z.infer<typeof DatasourceConfigSchema>;

/** The settings a group's queries use: checked when the config was loaded, parsed again here. */
export function settingsForGroup(config: DatasourceConfig, group: string): DatasourceConfig {
  const override = config.access?.perGroup?.[group];
  if (!override) return config;
  return SettingsSchema.parse(mergedSettings(config, override));
}
