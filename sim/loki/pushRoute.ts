import { gunzipSync } from 'node:zlib';
import type { Labels } from '../../model';
import type { PushValue } from './database';
import { LokiHttpError } from './httpError';
import type { Route, SimRequest } from './route';

// buger/jsonparser's errors, which Loki's JSON push decoder passes through as they are.
const MALFORMED_STRING = `Value is string, but can't find closing '"' symbol`;
const MALFORMED_OBJECT = "Value looks like object, but can't find closing '}' symbol";
const MALFORMED_VALUE =
  "Value looks like Number/Boolean/None, but can't find its end: ',' or '}' symbol";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown, error: string): Labels {
  if (!isObject(value)) throw new LokiHttpError(400, error);
  const out: Labels = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new LokiHttpError(400, MALFORMED_STRING);
    out[k] = v;
  }
  return out;
}

function pushValue(raw: unknown): PushValue {
  if (!Array.isArray(raw)) throw new LokiHttpError(400, MALFORMED_VALUE);
  const [ts, line, metadata] = raw as unknown[];
  if (typeof ts !== 'string' || typeof line !== 'string') {
    throw new LokiHttpError(400, MALFORMED_STRING);
  }
  if (!/^-?\d+$/.test(ts)) throw new LokiHttpError(400, MALFORMED_VALUE);
  if (metadata === undefined) return [ts, line];
  return [ts, line, stringRecord(metadata, MALFORMED_OBJECT)];
}

function decodeBody(req: SimRequest): unknown {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== 'application/json') {
    throw new LokiHttpError(
      415,
      'the Logsift Loki simulator takes JSON pushes only (Content-Type: application/json); snappy protobuf is not simulated',
    );
  }
  const gzip = String(req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
  try {
    return JSON.parse((gzip ? gunzipSync(req.body) : req.body).toString('utf8'));
  } catch (error) {
    throw new LokiHttpError(400, error instanceof Error ? error.message : String(error));
  }
}

/** POST /loki/api/v1/push with a JSON body: all streams are checked before any is stored. */
export const push: Route = (req) => {
  const body = decodeBody(req);
  const streams = isObject(body) ? body['streams'] : undefined;
  if (streams !== undefined && streams !== null && !Array.isArray(streams)) {
    throw new LokiHttpError(400, MALFORMED_VALUE);
  }
  const decoded = (streams ?? []).map((s: unknown) => {
    if (!isObject(s)) throw new LokiHttpError(400, MALFORMED_OBJECT);
    const values = s['values'] ?? [];
    if (!Array.isArray(values)) throw new LokiHttpError(400, MALFORMED_VALUE);
    return {
      labels: stringRecord(s['stream'] ?? {}, MALFORMED_OBJECT),
      values: values.map(pushValue),
    };
  });
  for (const { labels, values } of decoded) req.view.push(labels, values);
  return { status: 204 };
};
