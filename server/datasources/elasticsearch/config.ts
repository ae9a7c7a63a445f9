import { z } from 'zod';
import { httpUrl, SecretSchema, TlsSchema } from '../http/schema';

/** The normalized Kubernetes fields and where each log shipper writes them. */
export const FIELD_PRESETS = {
  /** Fluent Bit / Fluentd kubernetes filter. */
  'fluent-bit': {
    namespace: 'kubernetes.namespace_name',
    pod: 'kubernetes.pod_name',
    container: 'kubernetes.container_name',
    node: 'kubernetes.host',
    app: 'kubernetes.labels.app',
  },
  /** Elastic Common Schema, as Filebeat and Elastic Agent write it. */
  ecs: {
    namespace: 'kubernetes.namespace',
    pod: 'kubernetes.pod.name',
    container: 'container.name',
    node: 'kubernetes.node.name',
    app: 'kubernetes.labels.app',
  },
} as const;

const AuthSchema = z.union([
  z.strictObject({
    basic: z.strictObject({ username: z.string().min(1), password: SecretSchema }),
  }),
  /** The `encoded` value of POST /_security/api_key, sent as `ApiKey <encoded>`. */
  z.strictObject({ apiKey: SecretSchema }),
  z.strictObject({ bearer: SecretSchema }),
]);

export const ElasticsearchDatasourceConfigSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must match [A-Za-z0-9_-]{1,64}'),
    name: z.string().max(200).optional(),
    kind: z.literal('elasticsearch'),
    url: httpUrl.optional(),
    /** Several nodes of one cluster: tried in turn when one cannot be reached. */
    urls: z.array(httpUrl).min(1).optional(),
    /** Index pattern, alias or data stream, e.g. `fluentd-*` or `logs-*,fluentd-*`. */
    index: z.string().regex(/^[^\s/?#]+$/, 'an index pattern without spaces, / ? or #'),
    timeField: z.string().min(1).default('@timestamp'),
    /** Where the log line is; found from the field list (`message`, then `log`) when absent. */
    messageField: z.string().min(1).optional(),
    /** Where the level is; found from the field list when absent. */
    levelField: z.string().min(1).optional(),
    /** Which shipper's Kubernetes fields to map; `fields` overrides single ones. */
    mapping: z.enum(['fluent-bit', 'ecs']).default('fluent-bit'),
    fields: z
      .strictObject({
        namespace: z.string().min(1).optional(),
        pod: z.string().min(1).optional(),
        container: z.string().min(1).optional(),
        node: z.string().min(1).optional(),
        app: z.string().min(1).optional(),
      })
      .optional(),
    auth: AuthSchema.optional(),
    tls: TlsSchema.optional(),
    timeoutMs: z.number().int().positive().max(600_000).default(30_000),
    limits: z
      .strictObject({
        maxLines: z.number().int().positive().max(1_000_000).default(100_000),
        maxRangeHours: z
          .number()
          .positive()
          .default(24 * 31),
        /** Documents asked per search page; under index.max_result_window. */
        pageSize: z.number().int().positive().max(10_000).default(5_000),
      })
      .prefault({}),
    tail: z
      .strictObject({ intervalMs: z.number().int().min(500).max(10_000).default(1_500) })
      .prefault({}),
  })
  .refine((c) => (c.url === undefined) !== (c.urls === undefined), {
    error: 'give url or urls',
    path: ['url'],
    // Said beside the other mistakes of the same datasource, not after they are fixed.
    when: (payload) => {
      const v = payload.value as { url?: unknown; urls?: unknown } | undefined;
      return typeof v === 'object' && v !== null;
    },
  });
export type ElasticsearchDatasourceConfig = z.infer<typeof ElasticsearchDatasourceConfigSchema>;

/** Normalized field name → the document field it is read from. */
export function fieldMapOf(config: ElasticsearchDatasourceConfig): Record<string, string> {
  return { ...FIELD_PRESETS[config.mapping], ...config.fields };
}
