import type { LogRecord } from '../../../model';

/** The field a column shows, from the stream's labels first, then the parsed fields. */
export function columnValue(record: LogRecord, field: string): string {
  if (field === 'source') return record.source;
  return record.labels[field] ?? record.fields[field] ?? '';
}

/** Federated answers mix datasources: then which one a line came from is worth a column. */
export function showsSource(records: readonly LogRecord[]): boolean {
  const first = records[0]?.source;
  return records.some((r) => r.source !== first);
}

/** The fields a column can be made of, by how many of the sampled lines carry them. */
export function columnChoices(records: readonly LogRecord[], sample = 500): string[] {
  const seen = new Map<string, number>();
  const step = Math.max(1, Math.floor(records.length / sample));
  for (let i = 0; i < records.length; i += step) {
    const r = records[i];
    if (!r) continue;
    for (const key of Object.keys(r.labels)) seen.set(key, (seen.get(key) ?? 0) + 1);
    for (const key of Object.keys(r.fields)) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
}
