import { LEVELS, type Labels } from '../../model';

/** Loki 3's default `discover_service_name` list, in its order of preference. */
const SERVICE_NAME_SOURCES = [
  'service',
  'app',
  'application',
  'app_name',
  'name',
  'app_kubernetes_io_name',
  'container',
  'container_name',
  'k8s_container_name',
  'component',
  'workload',
  'job',
  'k8s_job_name',
];

/** The distributor adds `service_name` as an indexed label when a stream has none. */
export function withServiceName(labels: Labels): Labels {
  if (labels['service_name']) return labels;
  const source = SERVICE_NAME_SOURCES.find((name) => labels[name]);
  return { ...labels, service_name: source ? (labels[source] ?? '') : 'unknown_service' };
}

/** Loki's default `log_level_fields`: where an explicit level is looked for first. */
const LEVEL_FIELDS = [
  'level',
  'LEVEL',
  'Level',
  'log.level',
  'severity',
  'SEVERITY',
  'Severity',
  'SeverityText',
  'lvl',
  'LVL',
  'Lvl',
  'severity_text',
  'Severity_Text',
  'SEVERITY_TEXT',
];

const LEVEL_SPELLINGS: Record<string, string> = {
  trace: 'trace',
  trc: 'trace',
  debug: 'debug',
  dbg: 'debug',
  info: 'info',
  inf: 'info',
  information: 'info',
  warn: 'warn',
  wrn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  critical: 'critical',
  fatal: 'fatal',
};

/** Known spellings fold to Loki's names; anything else is kept as written, as Loki does. */
function normalizeLevel(level: string): string {
  return LEVEL_SPELLINGS[level.toLowerCase()] ?? level;
}

function explicitLevel(set: Labels): string | undefined {
  const field = LEVEL_FIELDS.find((name) => set[name] !== undefined);
  return field === undefined ? undefined : normalizeLevel(set[field] ?? '');
}

/**
 * `detected_level` as Loki 3 derives it at ingest: pushed metadata, then a level label, then
 * a level in structured metadata, then the line (where our level detector stands in for
 * Loki's; `storedLevel` is its answer as an index into LEVELS).
 */
export function detectedLevel(stream: Labels, metadata: Labels, storedLevel: number): string {
  const pushed = metadata['detected_level'];
  if (pushed !== undefined) return normalizeLevel(pushed);
  return explicitLevel(stream) ?? explicitLevel(metadata) ?? LEVELS[storedLevel] ?? 'unknown';
}
