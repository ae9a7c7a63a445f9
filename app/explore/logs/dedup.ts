import type { LogRecord } from '../../../model';

/** Grafana Explore's deduplication strategies. */
export const DEDUP_MODES = ['none', 'exact', 'numbers', 'signature'] as const;
export type DedupMode = (typeof DEDUP_MODES)[number];

export const DEDUP_LABELS: Record<DedupMode, string> = {
  none: 'No dedup',
  exact: 'Exact',
  numbers: 'Ignore numbers',
  signature: 'Signature',
};

export interface ListRow {
  record: LogRecord;
  /** How many lines this row stands for: itself and the duplicates folded into it. */
  count: number;
}

// A timestamp written in the line differs on every repeat, so "exact" sees past it.
const ISO_TIME = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g;

/** What two lines must share to be one row under the mode. */
export function dedupKey(line: string, mode: Exclude<DedupMode, 'none'>): string {
  switch (mode) {
    case 'exact':
      return line.replace(ISO_TIME, '');
    case 'numbers':
      return line.replace(/\d+(?:\.\d+)?/g, '0');
    case 'signature':
      // Only the punctuation and spacing: the shape of the line, as Grafana's signature.
      return line.replace(/\w+/g, '');
  }
}

/**
 * Folds each run of consecutive duplicates into its first line with a count, as Grafana does:
 * repeats far apart in time stay separate rows, so the list still reads as a timeline.
 */
export function dedupRows(records: readonly LogRecord[], mode: DedupMode): ListRow[] {
  if (mode === 'none') return records.map((record) => ({ record, count: 1 }));
  const rows: ListRow[] = [];
  let lastKey: string | undefined;
  for (const record of records) {
    const key = dedupKey(record.line, mode);
    const last = rows.at(-1);
    if (last && key === lastKey) last.count++;
    else rows.push({ record, count: 1 });
    lastKey = key;
  }
  return rows;
}
