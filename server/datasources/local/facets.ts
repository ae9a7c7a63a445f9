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

/** Visits matching lines newest first (per stream), with labels and extracted fields. */
export function visitMatches(
  query: CompiledLogQuery,
  ranges: StreamRange[],
  max: number,
  signal: AbortSignal,
  visit: (labels: Record<string, string>, fields: Record<string, string>, level: number) => void,
): boolean {
  let seen = 0;
  let scanned = 0;
  // Spread the sample over streams in proportion, rather than exhausting the first ones.
  const total = ranges.reduce((n, r) => n + (r.end - r.start), 0);
  for (const { stream, start, end } of ranges) {
    const share = total <= max ? end - start : Math.ceil(((end - start) / total) * max);
    let taken = 0;
    for (let i = end - 1; i >= start && taken < share; i--) {
      checkAbort(signal, ++scanned);
      const line = stream.lines[i] ?? '';
      if (!query.testLine(line)) continue;
      const entry = query.process(line, stream.labels, levelSeed(stream.levels[i] ?? 0));
      if (!entry) continue;
      visit(entry.labels, entry.fields, stream.levels[i] ?? 0);
      taken++;
      seen++;
    }
  }
  return total > max && seen > 0;
}

export function computeFacets(
  query: CompiledLogQuery,
  ranges: StreamRange[],
  wanted: string[] | undefined,
  signal: AbortSignal,
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
    const top = values.slice(0, TOP);
    const inTop = top.reduce((n, v) => n + v.count, 0);
    const present = values.reduce((n, v) => n + v.count, 0);
    return { field, values: top, other: present - inTop + (matched - present), sampled };
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
