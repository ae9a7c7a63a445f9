import { createLocalDatasource } from '../server/datasources/local';
import { bestOfAsync, formatRate } from './stats';

const HOUR_MS = 3_600_000;

/** The local datasource over ~1,000,000 generated sample lines (the bundled shop, scaled ×10). */
export async function benchLocalDatasource(): Promise<string[]> {
  const now = Date.now();
  const loadStart = performance.now();
  const ds = await createLocalDatasource(
    { id: 'bench', kind: 'local', replay: false, maxLines: 2_000_000 },
    { now: () => now, sampleScale: 10 },
  );
  const loadMs = performance.now() - loadStart;
  const signal = new AbortController().signal;
  const base = { language: 'logql' as const, fromMs: now - 25 * HOUR_MS, toMs: now + 1000 };
  // Identical requests share one answer (sharedAnswers.ts) and the clock here stands still:
  // every timed call asks a range 1 ms wider, so each one scans.
  let runs = 0;
  const range = (): typeof base => ({ ...base, toMs: base.toMs + ++runs });
  const out: string[] = [];
  try {
    const all = await ds.histogram({ ...range(), query: '{job=~".+"}', stepMs: 60_000 }, signal);
    const total = all.series.reduce((sum, s) => sum + s.counts.reduce((a, b) => a + b, 0), 0);
    out.push(
      `local datasource: ${total.toLocaleString('en-US')} lines loaded in ${loadMs.toFixed(0)} ms`,
    );

    const histogramMs = await bestOfAsync(5, async () => {
      await ds.histogram({ ...range(), query: '{job=~".+"}', stepMs: 60_000 }, signal);
    });
    out.push(`  histogram by level, all lines  ${histogramMs.toFixed(1)} ms`);

    // A filter that matches nothing makes the query scan every line.
    const scanMs = await bestOfAsync(3, async () => {
      await ds.query(
        {
          ...range(),
          query: '{job=~".+"} |= "no-such-needle"',
          limit: 1000,
          direction: 'backward',
        },
        signal,
      );
    });
    out.push(`  query |= (full scan)           ${formatRate(total, scanMs)}`);

    const jsonMs = await bestOfAsync(3, async () => {
      await ds.histogram(
        { ...range(), query: '{job=~".+"} | json | level="error"', stepMs: 60_000 },
        signal,
      );
    });
    out.push(`  histogram | json | level=...   ${formatRate(total, jsonMs)}`);
  } finally {
    await ds.close();
  }
  return out;
}
