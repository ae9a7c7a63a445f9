import { LEVELS, type Facet, type FieldInfo } from '../../../model';
import type { CompiledLogQuery } from '../../../query';
import { levelSeed } from './records';
import { checkAbort, type StreamRange } from './scan';

/** Past this many matching lines facets are counted on a sample, and say so. */
export const FACET_SAMPLE = 100_000;
const TOP = 10;

type Counts = Map<string, Map<string, number>>;

function count(counts: Counts, field: string, value: string): void {
  let values = counts.get(field);
  if (!values) counts.set(field, (values = new Map()));
  values.set(value, (values.get(value) ?? 0) + 1);
}

/** Rounds of the sampling walk: each takes the next 1/ROUNDS of every stream, newest first. */
const ROUNDS = 64;

/**
 * Visits matching lines with labels and extracted fields, newest first, until `max` matched.
 * Streams advance together, each by a share of its own size per round, so a sample covers
 * the same stretch of time in every stream instead of exhausting the first ones. Returns
 * whether it stopped before the end, i.e. whether the counts are a sample.
 */
export function visitMatches(
  query: CompiledLogQuery,
  ranges: StreamRange[],
  max: number,
  signal: AbortSignal,
  visit: (labels: Record<string, string>, fields: Record<string, string>, level: number) => void,
): boolean {
  let matched = 0;
  let scanned = 0;
  const next = ranges.map((r) => r.end - 1);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [k, { stream, start, end }] of ranges.entries()) {
      const stop = end - Math.ceil(((end - start) * round) / ROUNDS);
      let i = next[k] ?? start - 1;
      for (; i >= stop; i--) {
        checkAbort(signal, ++scanned);
        const line = stream.lines[i] ?? '';
        if (!query.testLine(line)) continue;
        const entry = query.process(line, stream.labels, levelSeed(stream.levels[i] ?? 0));
        if (!entry) continue;
        visit(entry.labels, entry.fields, stream.levels[i] ?? 0);
        matched++;
      }
      next[k] = i;
    }
    if (matched >= max) return next.some((i, k) => i >= (ranges[k]?.start ?? 0));
  }
  return false;
}

export function computeFacets(
  query: CompiledLogQuery,
  ranges: StreamRange[],
  wanted: string[] | undefined,
  signal: AbortSignal,
  size = TOP,
): Facet[] {
  const counts: Counts = new Map();
  let matched = 0;
  const sampled = visitMatches(query, ranges, FACET_SAMPLE, signal, (labels, fields) => {
    matched++;
    for (const name in labels) count(counts, name, labels[name] ?? '');
    for (const name in fields) count(counts, name, fields[name] ?? '');
  });
  const names = wanted ?? [...counts.keys()].filter((n) => !n.startsWith('__'));
  return names.map((field) => {
    const values = [...(counts.get(field) ?? new Map<string, number>()).entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value, n]) => ({ value, count: n }));
    const top = values.slice(0, size);
    const inTop = top.reduce((n, v) => n + v.count, 0);
    const present = values.reduce((n, v) => n + v.count, 0);
    const other = present - inTop + (matched - present);
    return { field, values: top, other, sampled, ...(sampled ? { sampleSize: matched } : {}) };
  });
}

export function computeFields(
  query: CompiledLogQuery,
  ranges: StreamRange[],
  signal: AbortSignal,
): FieldInfo[] {
  const labels = new Set<string>();
  const fields = new Set<string>();
  visitMatches(query, ranges, 2_000, signal, (l, f) => {
    for (const name in l) labels.add(name);
    for (const name in f) fields.add(name);
  });
  return [
    ...[...labels].sort().map((name) => ({ name, type: 'label' as const })),
    ...[...fields]
      .filter((n) => !labels.has(n))
      .sort()
      .map((name) => ({ name, type: 'field' as const })),
  ];
}

export function computeValues(
  query: CompiledLogQuery,
  ranges: StreamRange[],
  field: string,
  signal: AbortSignal,
): string[] {
  const counts = new Map<string, number>();
  visitMatches(query, ranges, FACET_SAMPLE, signal, (labels, fields, level) => {
    const value = field === 'detected_level' ? LEVELS[level] : (fields[field] ?? labels[field]);
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  });
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 1000)
    .map(([value]) => value);
}
