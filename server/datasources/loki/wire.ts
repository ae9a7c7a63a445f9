import { LogsiftError } from '../../../model';

/** Shapes of Loki's JSON answers (loki-http-api.md), checked by hand: zod per entry is too slow. */
export type LokiLabels = Record<string, string>;
export interface EntryMetadata {
  structuredMetadata?: LokiLabels;
  parsed?: LokiLabels;
}
export type LokiEntry = [string, string] | [string, string, EntryMetadata];
export interface LokiStream {
  stream: LokiLabels;
  values: LokiEntry[];
}
export interface LokiSeries {
  metric: LokiLabels;
  values: [number, string][];
}
export interface LokiSample {
  metric: LokiLabels;
  value: [number, string];
}
interface LokiDataCommon {
  stats?: LokiStats;
  /** Loki 3 says so when it honoured categorize-labels; Loki 2.9 ignores the header. */
  encodingFlags?: string[];
  /** The answer's top-level `warnings`, kept with its data. */
  warnings?: string[];
}
export type LokiData = LokiDataCommon &
  (
    | { resultType: 'streams'; result: LokiStream[] }
    | { resultType: 'matrix'; result: LokiSeries[] }
    | { resultType: 'vector'; result: LokiSample[] }
  );
export interface LokiStats {
  summary?: { totalLinesProcessed?: number; totalBytesProcessed?: number; execTime?: number };
}

function malformed(what: string): LogsiftError {
  return new LogsiftError(
    'backend_unavailable',
    `Loki's answer is not what its API promises: ${what}`,
  );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `{"status":"success","data":{…}}` of query and query_range, with any top-level `warnings`.
 * An answer of warnings alone (a proxy in front of Loki may send one) is an empty result of
 * the kind the caller asked for.
 */
export function queryData(body: unknown, whenEmpty: LokiData['resultType'] = 'streams'): LokiData {
  if (!isObject(body) || body.status !== 'success') {
    throw malformed('no {"status":"success","data":{…}}');
  }
  const warnings = Array.isArray(body.warnings)
    ? (body.warnings as unknown[]).filter((w): w is string => typeof w === 'string')
    : [];
  const noted = warnings.length > 0 ? { warnings } : {};
  if (body.data === undefined && warnings.length > 0) {
    return { resultType: whenEmpty, result: [], ...noted } as LokiData;
  }
  if (!isObject(body.data)) throw malformed('no {"status":"success","data":{…}}');
  const data = body.data;
  if (!Array.isArray(data.result)) throw malformed('data.result is not a list');
  if (data.resultType === 'streams') {
    for (const s of data.result as unknown[]) {
      if (!isObject(s) || !isObject(s.stream) || !Array.isArray(s.values)) {
        throw malformed('a stream without stream labels or values');
      }
      for (const v of s.values as unknown[]) {
        if (!Array.isArray(v) || typeof v[0] !== 'string' || typeof v[1] !== 'string') {
          throw malformed('an entry that is not ["<ns>", "<line>"]');
        }
      }
    }
  } else if (data.resultType !== 'matrix' && data.resultType !== 'vector') {
    throw malformed(`resultType ${String(data.resultType)}`);
  }
  return { ...(data as unknown as LokiData), ...noted };
}

/** `{"status":"success","data":["a","b"]}` of labels and label values. */
export function stringList(body: unknown): string[] {
  if (!isObject(body) || !Array.isArray(body.data)) return [];
  return (body.data as unknown[]).filter((v): v is string => typeof v === 'string');
}

export interface DetectedField {
  label: string;
  type?: string;
  cardinality?: number;
  /** The parsers that find it in the lines; null for structured metadata. */
  parsers?: string[] | null;
}

/** `{"fields":[{"label","type","cardinality","parsers"}]}`; the key is left out when empty. */
export function detectedFields(body: unknown): DetectedField[] {
  if (!isObject(body) || !Array.isArray(body.fields)) return [];
  return (body.fields as unknown[]).filter(
    (f): f is DetectedField => isObject(f) && typeof f.label === 'string',
  );
}

/** Sample values arrive as strings, with NaN and infinities in Go's and Prometheus' spellings. */
export function sampleValue(text: string): number {
  const t = text.toLowerCase();
  if (t === '+inf' || t === 'inf' || t === '+infinity' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return Number(text);
}
