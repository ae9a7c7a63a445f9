import { createHash } from 'node:crypto';
import type { LogRecord } from '../../../model';
import { detectLevel, levelFromName } from '../../logs/detectLevel';
import { parseRfc3339 } from '../../logs/timestamps';
import { SetInterner } from '../setInterner';

/** One row of GetQueryResults: every value a string, `@ptr` on rows that are log events. */
export type InsightsRow = { field?: string; value?: string }[];

export interface RecordShape {
  source: string;
  levelField: string | undefined;
  /** The line inside a JSON `@message` (Fluent Bit's `log`), when there is one. */
  messageField?: string | undefined;
  /** Normalized name → Insights field. */
  fieldMap: Record<string, string>;
}

/** Shown as labels under their own names: what CloudWatch users filter by. */
const LABEL_FIELDS = ['@logStream', '@log'];
const NOT_FIELDS = new Set(['@timestamp', '@message', '@ptr', ...LABEL_FIELDS]);

/** `2024-05-19 06:10:35.743` (UTC, what Insights writes) or epoch milliseconds, as ns. */
export function nanosOfInsightsTime(text: string): string | undefined {
  if (/^\d{1,16}$/.test(text)) return String(BigInt(text) * 1_000_000n);
  const t = parseRfc3339(text);
  return t ? String(BigInt(t.ms) * 1_000_000n + BigInt(t.subNs)) : undefined;
}

export function valuesOf(row: InsightsRow): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { field, value } of row) if (field !== undefined) values[field] = value ?? '';
  return values;
}

function mappedOf(shape: RecordShape): Set<string> {
  return new Set([
    ...NOT_FIELDS,
    ...Object.values(shape.fieldMap),
    ...(shape.messageField ? [shape.messageField] : []),
  ]);
}

/**
 * A log event from its fields by name (an Insights row, a GetLogRecord answer, a tail event):
 * `@ptr` (or the given id) is the id, `@message` the line, `@logStream`/`@log` and the mapped
 * Kubernetes fields labels, the rest fields. Undefined without a time: not a log event.
 */
export function recordOfValues(
  values: Record<string, string>,
  shape: RecordShape,
  interner: SetInterner = new SetInterner(),
  id = values['@ptr'],
  mapped: Set<string> = mappedOf(shape),
): LogRecord | undefined {
  const ts = nanosOfInsightsTime(values['@timestamp'] ?? '');
  if (ts === undefined || id === undefined) return undefined;
  const inner = shape.messageField ? values[shape.messageField] : undefined;
  const line = inner || (values['@message'] ?? '');
  const labels: Record<string, string> = {};
  for (const name of LABEL_FIELDS) {
    const value = values[name];
    if (value !== undefined) labels[name] = value;
  }
  for (const [name, field] of Object.entries(shape.fieldMap)) {
    const value = values[field];
    if (value !== undefined && value !== '') labels[name] = value;
  }
  const fields: Record<string, string> = {};
  for (const k in values) if (!mapped.has(k)) fields[k] = values[k] ?? '';
  const named = shape.levelField ? values[shape.levelField] : undefined;
  return {
    id,
    ts,
    line,
    labels: interner.intern(labels),
    fields: interner.intern(fields),
    level: (named ? levelFromName(named) : undefined) ?? detectLevel(line),
    source: shape.source,
  };
}

/** An id for what has no id of its own (a row without `@ptr`, a Live Tail event): its text. */
export function contentId(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/**
 * The rows of a log query, newest first (or oldest first) as asked; rows outside the range
 * are dropped, as StartQuery's whole seconds may reach a little past it.
 */
export function recordsOfRows(
  rows: InsightsRow[],
  shape: RecordShape,
  range: { fromMs: number; toMs: number },
): LogRecord[] {
  const interner = new SetInterner();
  const mapped = mappedOf(shape);
  const fromNs = BigInt(range.fromMs) * 1_000_000n;
  const toNs = BigInt(range.toMs) * 1_000_000n;
  const records: LogRecord[] = [];
  for (const row of rows) {
    const values = valuesOf(row);
    const id = values['@ptr'] ?? contentId(JSON.stringify(values));
    const record = recordOfValues(values, shape, interner, id, mapped);
    if (!record) continue;
    const ns = BigInt(record.ts);
    if (ns >= fromNs && ns < toNs) records.push(record);
  }
  return records;
}

/**
 * The rows of a `stats` query: a table. Each row is a record whose `fields` are the row (the
 * UI shows them under `stats.columns`); its time is the row's `bin()` or `@timestamp` when it
 * has one, else the end of the range; its line the row as `name=value` pairs for a log view.
 */
export function tableOfRows(
  rows: InsightsRow[],
  source: string,
  toMs: number,
): { records: LogRecord[]; columns: string[] } {
  const columns: string[] = [];
  const seen = new Set<string>();
  const records = rows.map((row, i): LogRecord => {
    const values = valuesOf(row);
    for (const name of Object.keys(values)) {
      if (!seen.has(name)) columns.push(name);
      seen.add(name);
    }
    const time = Object.keys(values).find((k) => k === '@timestamp' || k.startsWith('bin('));
    const ts =
      (time ? nanosOfInsightsTime(values[time] ?? '') : undefined) ??
      String(BigInt(toMs) * 1_000_000n);
    const line = Object.entries(values)
      .map(([k, v]) => `${k}=${/\s/.test(v) || v === '' ? JSON.stringify(v) : v}`)
      .join(' ');
    return { id: `row-${i}`, ts, line, labels: {}, fields: values, level: 'unknown', source };
  });
  return { records, columns };
}
