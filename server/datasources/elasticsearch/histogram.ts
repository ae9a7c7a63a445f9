import type { Histogram } from '../../../model';
import { levelFromName } from '../../logs/detectLevel';
import type { EsClient } from './client';
import { rangedQuery, type Dsl } from './search';

interface Buckets {
  aggregations?: {
    t?: {
      buckets: {
        key: number;
        doc_count: number;
        l?: {
          buckets: { key: string | number; doc_count: number }[];
          sum_other_doc_count?: number;
        };
      }[];
    };
  };
}

function interval(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

export function histogramBody(
  user: Dsl,
  timeField: string,
  levelField: string | undefined,
  fromMs: number,
  toMs: number,
  stepMs: number,
): Dsl {
  const first = Math.floor(fromMs / stepMs) * stepMs;
  const last = Math.floor((toMs - 1) / stepMs) * stepMs;
  return {
    size: 0,
    track_total_hits: false,
    query: rangedQuery(user, timeField, fromMs, toMs),
    aggs: {
      t: {
        date_histogram: {
          field: timeField,
          fixed_interval: interval(stepMs),
          min_doc_count: 0,
          extended_bounds: { min: first, max: last },
          format: 'epoch_millis',
        },
        ...(levelField
          ? { aggs: { l: { terms: { field: levelField, size: 10, missing: 'unknown' } } } }
          : {}),
      },
    },
  };
}

/** Documents per level and step, every bucket present, as uPlot wants them. */
export async function esHistogram(
  client: EsClient,
  index: string,
  body: Dsl,
  stepMs: number,
  fromMs: number,
  toMs: number,
  signal: AbortSignal,
  lucene: string | undefined,
): Promise<Histogram> {
  const times: number[] = [];
  for (let t = Math.floor(fromMs / stepMs) * stepMs; t < toMs; t += stepMs) times.push(t);
  const answer = await client.json<Buckets>('POST', `${index}/_search`, body, signal, lucene);
  const at = new Map(times.map((t, i) => [t, i]));
  const series = new Map<string, number[]>();
  const add = (name: string, i: number, n: number) => {
    let counts = series.get(name);
    if (!counts) series.set(name, (counts = new Array<number>(times.length).fill(0)));
    counts[i] = (counts[i] ?? 0) + n;
  };
  for (const bucket of answer.aggregations?.t?.buckets ?? []) {
    const i = at.get(bucket.key);
    if (i === undefined) continue;
    const levels = bucket.l?.buckets;
    if (!levels) {
      add('unknown', i, bucket.doc_count);
      continue;
    }
    let counted = 0;
    for (const l of levels) {
      add(levelFromName(String(l.key)) ?? 'unknown', i, l.doc_count);
      counted += l.doc_count;
    }
    if (bucket.doc_count > counted) add('unknown', i, bucket.doc_count - counted);
  }
  return { stepMs, times, series: [...series].map(([name, counts]) => ({ name, counts })) };
}
