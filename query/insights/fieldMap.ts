/** Logsift's normalized field names → the names of the same fields in CloudWatch. */
export type InsightsFieldMap = Readonly<Record<string, string>>;

/**
 * Where Fluent Bit's kubernetes filter, as Container Insights ships it, puts the Kubernetes
 * metadata of a record; a datasource's configuration may override any of them. `level` is not
 * here: it lives in the application's own line, where json or logfmt find it.
 */
export const DEFAULT_INSIGHTS_FIELD_MAP: InsightsFieldMap = {
  namespace: 'kubernetes.namespace_name',
  pod: 'kubernetes.pod_name',
  container: 'kubernetes.container_name',
  host: 'kubernetes.host',
  node: 'kubernetes.host',
  app: 'kubernetes.labels.app',
};

/** The default map with a datasource's own names laid over it. */
export function insightsFieldMap(overrides: Record<string, string> = {}): InsightsFieldMap {
  return { ...DEFAULT_INSIGHTS_FIELD_MAP, ...overrides };
}
