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
 * The list's rows over the records in the order shown, without an object per line: 100,000
 * lines cost two numbers a row at most, and nothing at all without dedup.
 */
export interface ListRows {
  readonly length: number;
  /** False while a dedup has not read every record yet: the rows found so far come first. */
  readonly complete: boolean;
  record(row: number): LogRecord | undefined;
  /** How many lines the row stands for: itself and the duplicates folded into it. */
  count(row: number): number;
}

/** Records read between two looks at the clock. */
const CHUNK = 256;

/**
 * Folds each run of consecutive duplicates into its first line with a count, as Grafana does:
 * repeats far apart in time stay separate rows, so the list still reads as a timeline.
 * Keying a line is a regular expression over it, a quarter of a second for 100,000 lines, so
 * the fold goes in slices (`step`) and the list shows the first rows before it is done.
 */
export class RowsBuilder {
  /** Position (in the order shown) of the first record of each row; none without dedup. */
  private readonly starts: Int32Array | undefined;
  private rows = 0;
  private read = 0;
  private lastKey: string | undefined;

  constructor(
    private readonly records: readonly LogRecord[],
    private readonly mode: DedupMode,
    /** Oldest first: the records (newest first) read from the end, without a reversed copy. */
    private readonly reversed: boolean,
  ) {
    if (mode === 'none') {
      this.rows = records.length;
      this.read = records.length;
    } else {
      this.starts = new Int32Array(records.length);
    }
  }

  get done(): boolean {
    return this.read === this.records.length;
  }

  private at(position: number): LogRecord | undefined {
    return this.records[this.reversed ? this.records.length - 1 - position : position];
  }

  /** Reads on for `budgetMs`, and further until `minRows` rows are found, or to the end. */
  step(budgetMs: number, minRows = 0): void {
    const { starts, mode } = this;
    if (!starts || mode === 'none') return;
    const end = performance.now() + budgetMs;
    const n = this.records.length;
    while (this.read < n) {
      for (const stop = Math.min(n, this.read + CHUNK); this.read < stop; this.read++) {
        const key = dedupKey(this.at(this.read)?.line ?? '', mode);
        if (key !== this.lastKey) starts[this.rows++] = this.read;
        this.lastKey = key;
      }
      if (this.rows >= minRows && performance.now() >= end) break;
    }
  }

  /** The rows found so far; a later step does not change them, except the last row's count. */
  snapshot(): ListRows {
    const { starts, rows, read } = this;
    return {
      length: rows,
      complete: read === this.records.length,
      record: (row) =>
        row < 0 || row >= rows ? undefined : this.at(starts ? (starts[row] ?? 0) : row),
      count: (row) =>
        starts ? (row + 1 < rows ? (starts[row + 1] ?? 0) : read) - (starts[row] ?? 0) : 1,
    };
  }
}

/** Every row at once (tests, small lists). */
export function listRows(
  records: readonly LogRecord[],
  mode: DedupMode,
  reversed = false,
): ListRows {
  const builder = new RowsBuilder(records, mode, reversed);
  builder.step(Number.POSITIVE_INFINITY);
  return builder.snapshot();
}

/** The row showing the record with this id, or -1; a scan, for the rare moments that ask. */
export function rowOf(rows: ListRows, id: string): number {
  for (let i = 0; i < rows.length; i++) if (rows.record(i)?.id === id) return i;
  return -1;
}
