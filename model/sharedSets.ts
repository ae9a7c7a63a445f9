import type { Labels, LogRecord } from './logRecord';

/** How a query answer writes label and field sets: in every record, or once and then by index. */
export const SETS_SHAPES = ['inline', 'shared'] as const;
export type SetsShape = (typeof SETS_SHAPES)[number];

/**
 * A record of an answer asked with `sets: 'shared'`: each label or field set is written in
 * full where it first appears and after that as its index, in the order sets first appeared
 * (a record's labels before its fields). Most records of a stream share both, and writing them
 * out every time made the answer twice the size of the backend's own.
 */
export type SharedSetsRecord = Omit<LogRecord, 'labels' | 'fields'> & {
  labels: Labels | number;
  fields: Labels | number;
};

/** Puts each set in place, in the records themselves; one object per set, shared. */
export function expandSharedSets(records: SharedSetsRecord[]): LogRecord[] {
  const sets: Labels[] = [];
  const resolve = (set: Labels | number): Labels => {
    if (typeof set !== 'number') {
      sets.push(set);
      return set;
    }
    const known = sets[set];
    if (!known) throw new Error(`the answer refers to set ${set} before it sent it`);
    return known;
  };
  for (const r of records) {
    r.labels = resolve(r.labels);
    r.fields = resolve(r.fields);
  }
  return records as LogRecord[];
}
