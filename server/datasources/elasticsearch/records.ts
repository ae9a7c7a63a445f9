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

/** Nested objects become dotted names, as Kibana's field list shows them. */
function flatten(doc: Record<string, unknown>, prefix: string, out: Record<string, string>): void {
  for (const [k, v] of Object.entries(doc)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      flatten(v as Record<string, unknown>, name, out);
    } else if (v !== null && v !== undefined) out[name] = text(v);
  }
}

const ISO_FRACTION = /\.(\d+)(?=Z|[+-]\d\d:?\d\d$)/;

/** Epoch nanoseconds of an ISO time (nanosecond fractions kept) or of epoch milliseconds. */
export function nanosOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(BigInt(Math.trunc(value)) * 1_000_000n);
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) return String(BigInt(value) * 1_000_000n);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const fraction = ISO_FRACTION.exec(value)?.[1] ?? '';
  const subMs = BigInt((fraction.slice(3) + '000000').slice(0, 6));
  return String(BigInt(ms) * 1_000_000n + subMs);
}

const MAPPED = new WeakMap<RecordShape, Set<string>>();

/** The mapped fields are shown as labels under their normalized names already. */
function mappedOf(shape: RecordShape): Set<string> {
  let mapped = MAPPED.get(shape);
  if (!mapped) {
    mapped = new Set([shape.messageField, shape.timeField, ...Object.values(shape.fieldMap)]);
    MAPPED.set(shape, mapped);
  }
  return mapped;
}

export function recordOf(
  hit: EsHit,
  shape: RecordShape,
  interner: SetInterner = new SetInterner(),
): LogRecord | undefined {
  const doc = hit._source ?? {};
  const ts = nanosOf(readField(doc, shape.timeField));
  if (ts === undefined) return undefined;
  const message = readField(doc, shape.messageField);
  const line = message === undefined ? JSON.stringify(doc) : text(message);
  const labels: Record<string, string> = {};
  for (const [name, field] of Object.entries(shape.fieldMap)) {
    const value = readField(doc, field);
    if (value !== undefined && value !== null) labels[name] = text(value);
  }
  const all: Record<string, string> = {};
  flatten(doc, '', all);
  const mapped = mappedOf(shape);
  const fields: Record<string, string> = {};
  for (const k in all) if (!mapped.has(k)) fields[k] = all[k] ?? '';
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
