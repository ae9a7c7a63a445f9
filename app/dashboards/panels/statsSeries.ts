import type { Histogram, QueryResponse } from '../../../model';

/**
 * An Insights `stats … by bin(…)` answer is a table; a time series panel draws it as lines:
 * the bin column gives each row's time (the server already put it in the record's `ts`), each
 * numeric column a series, and the other `by` columns split those series (`count(*) error`).
 */
export function statsSeries(answer: QueryResponse): Histogram {
  const columns = answer.stats.columns ?? [];
  const bin = columns.find((c) => c.startsWith('bin('));
  if (!bin) {
    throw new Error('a time series of an Insights query needs `stats … by bin(…)`');
  }
  const rows = answer.records.map((r) => ({
    time: Number(BigInt(r.ts) / 1_000_000n),
    fields: r.fields,
  }));
  const numeric = columns.filter(
    (c) =>
      c !== bin &&
      rows.some((r) => r.fields[c] !== undefined && r.fields[c] !== '') &&
      rows.every((r) => r.fields[c] === undefined || r.fields[c] === '' || isNumber(r.fields[c])),
  );
  const groups = columns.filter((c) => c !== bin && !numeric.includes(c));
  const times = [...new Set(rows.map((r) => r.time))].sort((a, b) => a - b);
  const at = new Map(times.map((t, i) => [t, i]));
  const series = new Map<string, number[]>();
  for (const row of rows) {
    const group = groups.map((g) => row.fields[g] ?? '').join(' ');
    for (const column of numeric) {
      const name = group ? `${column} ${group}` : column;
      const counts = series.get(name) ?? times.map(() => 0);
      series.set(name, counts);
      counts[at.get(row.time) ?? 0] = Number(row.fields[column] ?? 0);
    }
  }
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
  return {
    stepMs: Math.max(1, Math.min(...gaps, Number.POSITIVE_INFINITY) || 60_000),
    times,
    series: [...series].map(([name, counts]) => ({ name, counts })),
  };
}

function isNumber(text: string | undefined): boolean {
  return text !== undefined && text.trim() !== '' && Number.isFinite(Number(text));
}
