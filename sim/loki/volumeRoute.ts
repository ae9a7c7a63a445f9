import type { Labels } from '../../model';
import { LokiHttpError } from './httpError';
import { compileSelector } from './logql';
import { sortedLabels } from './logQuery';
import { NS_PER_MS, readBounds, readLimit } from './params';
import { checkQueryLength } from './queryRoutes';
import type { Route } from './route';
import { queryStats } from './stats';
import { spanBytes, streamsIn } from './streams';

const HOUR_MS = 3_600_000;

/**
 * `index/volume`: bytes per group of streams, largest first, as an instant vector at `end`.
 * Groups are the `targetLabels`, else the labels the selector names (`aggregateBy=series`),
 * or one per label name (`aggregateBy=labels`).
 */
export const volume: Route = (req) => {
  // Without volume_enabled the frontend's feature flag answers before anything else.
  if (!req.options.volumeEnabled) throw new LokiHttpError(404, 'not found');
  const started = performance.now();
  const limit = readLimit(req.params);
  const aggregateBy = req.params.get('aggregateBy') || 'series';
  if (aggregateBy !== 'series' && aggregateBy !== 'labels') {
    throw new LokiHttpError(400, 'invalid aggregation option');
  }
  const bounds = readBounds(req.params, req.nowMs, HOUR_MS);
  checkQueryLength(req, bounds);
  const query = compileSelector(req.params.get('query') ?? '');
  const target = (req.params.get('targetLabels') ?? '').split(',').filter((l) => l !== '');
  const grouping = target.length > 0 ? target : query.selector.map((m) => m.name);
  const totals = new Map<string, { metric: Labels; bytes: number }>();
  const add = (metric: Labels, bytes: number) => {
    const key = JSON.stringify(metric);
    const total = totals.get(key) ?? { metric, bytes: 0 };
    total.bytes += bytes;
    totals.set(key, total);
  };
  const spans = streamsIn(req.view, bounds, (labels) => query.matchesStream(labels));
  for (const span of spans) {
    const bytes = spanBytes(span);
    const labels = span.stream.labels;
    if (aggregateBy === 'labels') {
      for (const name in labels)
        if (target.length === 0 || target.includes(name)) add({ [name]: '' }, bytes);
      continue;
    }
    const metric: Labels = {};
    for (const name of grouping) if (labels[name] !== undefined) metric[name] = labels[name];
    add(sortedLabels(metric), bytes);
  }
  const at = Number(bounds.end / NS_PER_MS) / 1000;
  const result = [...totals.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit)
    .map((t) => ({ metric: t.metric, value: [at, String(t.bytes)] }));
  const counts = { lines: spans.reduce((n, s) => n + s.end - s.start, 0), bytes: 0 };
  return {
    status: 200,
    json: {
      status: 'success',
      data: { resultType: 'vector', result, stats: queryStats(counts, result.length, started) },
    },
  };
};
