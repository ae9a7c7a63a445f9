import type { Labels } from '../../model';
import { formatGoTime } from './goFormat';
import { LokiHttpError } from './httpError';
import { compileSelector } from './logql';
import { sortedLabels } from './logQuery';
import { readBounds, type Bounds } from './params';
import { checkQueryLength } from './queryRoutes';
import { success, type Route, type SimRequest } from './route';
import { spanBytes, streamsIn } from './streams';

const SIX_HOURS_MS = 6 * 3_600_000;
/** Loki cuts chunks at about 1.5 MB: /index/stats counts them that way. */
const CHUNK_BYTES = 1_572_864;

/** The label endpoints reach the querier's own check, with its own wording. */
function metadataBounds(req: SimRequest): Bounds {
  const bounds = readBounds(req.params, req.nowMs, SIX_HOURS_MS);
  if (bounds.end < bounds.start) {
    throw new LokiHttpError(
      400,
      `invalid query, through < from (${formatGoTime(bounds.end)} < ${formatGoTime(bounds.start)})`,
    );
  }
  checkQueryLength(req, bounds);
  return bounds;
}

function optionalSelector(
  req: SimRequest,
  name: string,
): ((labels: Labels) => boolean) | undefined {
  const text = req.params.get(name);
  if (!text) return undefined;
  const query = compileSelector(text);
  return (labels) => query.matchesStream(labels);
}

export const labelNames: Route = (req) => {
  const bounds = metadataBounds(req);
  const names = new Set<string>();
  for (const { stream } of streamsIn(req.view, bounds, optionalSelector(req, 'query'))) {
    for (const name in stream.labels) names.add(name);
  }
  return success([...names].sort());
};

export function labelValues(name: string): Route {
  return (req) => {
    const bounds = metadataBounds(req);
    const values = new Set<string>();
    for (const { stream } of streamsIn(req.view, bounds, optionalSelector(req, 'query'))) {
      const value = stream.labels[name];
      if (value !== undefined) values.add(value);
    }
    return success([...values].sort());
  };
}

export const series: Route = (req) => {
  const bounds = metadataBounds(req);
  const groups = req.params.getAll('match[]').map((text) => compileSelector(text));
  const matches = (labels: Labels) =>
    groups.length === 0 || groups.some((g) => g.matchesStream(labels));
  const byKey = new Map<string, Labels>();
  for (const { stream } of streamsIn(req.view, bounds, matches)) {
    const labels = sortedLabels(stream.labels);
    byKey.set(JSON.stringify(labels), labels);
  }
  return success([...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, l]) => l));
};

/** `index/stats` answers a bare object, not the usual envelope. */
export const indexStats: Route = (req) => {
  const bounds = metadataBounds(req);
  const keys = new Set<string>();
  let chunks = 0;
  let entries = 0;
  let bytes = 0;
  const query = compileSelector(req.params.get('query') ?? '');
  for (const span of streamsIn(req.view, bounds, (labels) => query.matchesStream(labels))) {
    const spanned = spanBytes(span);
    keys.add(span.stream.key);
    chunks += Math.max(1, Math.ceil(spanned / CHUNK_BYTES));
    entries += span.end - span.start;
    bytes += spanned;
  }
  return { status: 200, json: { streams: keys.size, chunks, entries, bytes } };
};
