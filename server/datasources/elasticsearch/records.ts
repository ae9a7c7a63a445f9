import type { LogRecord } from '../../../model';
import { detectLevel, levelFromName } from '../../logs/detectLevel';
import { SetInterner } from '../setInterner';

export interface EsHit {
  _index: string;
  _id: string;
  _source?: Record<string, unknown>;
  sort?: unknown[];
  highlight?: Record<string, string[]>;
}

export interface RecordShape {
  source: string;
  timeField: string;
  messageField: string;
  levelField: string | undefined;
  /** Normalized name → document field. */
  fieldMap: Record<string, string>;
}

/** A field by its dotted name: documents hold it flat (`"log.level"`) or nested, or both. */
export function readField(doc: Record<string, unknown>, path: string): unknown {
  if (path in doc) return doc[path];
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Nested objects become dotted names, as Kibana's field list shows them; names in `skip`
 * (already shown as labels, the line or the time) are left out.
 */
function flatten(
  doc: Record<string, unknown>,
  prefix: string,
  skip: Set<string>,
  out: Record<string, string>,
): void {
  for (const k in doc) {
    const v = doc[k];
    if (v === null || v === undefined) continue;
    const name = prefix === '' ? k : `${prefix}.${k}`;
    if (typeof v === 'object' && !Array.isArray(v)) {
      flatten(v as Record<string, unknown>, name, skip, out);
    } else if (!skip.has(name)) out[name] = typeof v === 'string' ? v : text(v);
  }
}

const ISO_FRACTION = /\.(\d+)(?=Z|[+-]\d\d:?\d\d$)/;

/** Epoch nanoseconds of an ISO time (nanosecond fractions kept) or of epoch milliseconds. */
export function nanosOf(value: unknown): string | undefined {
  if (typeof value === 'number') return msToNanos(Math.trunc(value), '');
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) return String(BigInt(value) * 1_000_000n);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return msToNanos(ms, ISO_FRACTION.exec(value)?.[1]?.slice(3) ?? '');
}

/** Appending the sub-millisecond digits is the multiplication, without BigInt, for times after 1970. */
function msToNanos(ms: number, subMsDigits: string): string {
  const sub = (subMsDigits + '000000').slice(0, 6);
  if (ms <= 0) return String(BigInt(ms) * 1_000_000n + BigInt(sub));
  return `${ms}${sub}`;
}

interface CompiledShape {
  labels: [name: string, path: string][];
  /** Document fields that are already the line, the time or a label. */
  skip: Set<string>;
}

const COMPILED = new WeakMap<RecordShape, CompiledShape>();

function compiled(shape: RecordShape): CompiledShape {
  let c = COMPILED.get(shape);
  if (!c) {
    c = {
      labels: Object.entries(shape.fieldMap),
      skip: new Set([shape.messageField, shape.timeField, ...Object.values(shape.fieldMap)]),
    };
    COMPILED.set(shape, c);
  }
  return c;
}

export function recordOf(
  hit: EsHit,
  shape: RecordShape,
  interner: SetInterner = new SetInterner(),
): LogRecord | undefined {
  const doc = hit._source ?? {};
  const ts = nanosOf(readField(doc, shape.timeField));
  if (ts === undefined) return undefined;
  const { labels: labelPaths, skip } = compiled(shape);
  const message = readField(doc, shape.messageField);
  const line = message === undefined ? JSON.stringify(doc) : text(message);
  const labels: Record<string, string> = {};
  for (const [name, path] of labelPaths) {
    const value = readField(doc, path);
    if (value !== undefined && value !== null) labels[name] = text(value);
  }
  const fields: Record<string, string> = {};
  flatten(doc, '', skip, fields);
  const named = shape.levelField ? readField(doc, shape.levelField) : undefined;
  const level = (typeof named === 'string' ? levelFromName(named) : undefined) ?? detectLevel(line);
  return {
    id: `${hit._index}/${hit._id}`,
    ts,
    line,
    labels: interner.intern(labels),
    fields: interner.intern(fields),
    level,
    source: shape.source,
  };
}
