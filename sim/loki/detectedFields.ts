import type { Labels } from '../../model';
import { jsonParser, logfmtParser, type Extracted } from '../../query/engine/parsers';
import { NOT_FOUND } from './httpError';
import { compileQuery } from './logql';
import { selectEntries } from './logQuery';
import { parseLimit, readBounds, readLimit } from './params';
import { checkQueryLength } from './queryRoutes';
import type { Route } from './route';

type FieldType = 'string' | 'int' | 'float' | 'boolean' | 'duration' | 'bytes';

const HOUR_MS = 3_600_000;
const parseJson = jsonParser({ kind: 'json', extract: [], pos: { from: 0, to: 0 } });
const BOOLEAN = /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/;
const DURATION =
  /^[-+]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))*$/;
const BYTES = /^(\d+(\.\d+)?)\s*([KMGTPE]i?)?B$/i;
const ERROR_LABELS = new Set(['__error__', '__error_details__']);

/** Loki's order of guesses: an integer before a float before a boolean, and so on. */
function typeOf(value: string): FieldType {
  if (/^[-+]?\d+$/.test(value)) return 'int';
  if (value.trim() !== '' && Number.isFinite(Number(value))) return 'float';
  if (BOOLEAN.test(value)) return 'boolean';
  if (DURATION.test(value)) return 'duration';
  if (BYTES.test(value)) return 'bytes';
  return 'string';
}

interface Field {
  type: FieldType;
  values: Set<string>;
  parsers: Set<string>;
}

/** The parser Loki would pick for a line: json when it looks like an object, else logfmt. */
function detectInLine(line: string, stream: Labels): { parser: string; found: Labels } {
  const out: Extracted = { labels: stream, fields: {} };
  const trimmed = line.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    parseJson(line, out);
    return { parser: 'json', found: out.fields };
  }
  if (line.includes('=')) logfmtParser(line, out);
  return { parser: 'logfmt', found: out.fields };
}

/** `detected_fields` (Loki 3 only): fields found in the newest `line_limit` matching lines. */
export const detectedFields: Route = (req) => {
  if (!req.options.loki3) throw NOT_FOUND;
  const bounds = readBounds(req.params, req.nowMs, HOUR_MS);
  checkQueryLength(req, bounds);
  const lineLimit = parseLimit(req.params.get('line_limit'), 1000);
  const limit = readLimit(req.params, 1000);
  const query = compileQuery(req.params.get('query') ?? '');
  const log = query.kind === 'log' ? query.log : query.metric.log;
  const fields = new Map<string, Field>();
  const note = (name: string, value: string, parser: string | undefined) => {
    if (ERROR_LABELS.has(name)) return;
    let field = fields.get(name);
    if (!field)
      fields.set(name, (field = { type: typeOf(value), values: new Set(), parsers: new Set() }));
    if (field.type !== typeOf(value)) field.type = 'string';
    field.values.add(value);
    if (parser) field.parsers.add(parser);
  };
  for (const entry of selectEntries(req.db, req.view, log, bounds, lineLimit, 'backward')) {
    for (const [name, value] of Object.entries(entry.structuredMetadata))
      note(name, value, undefined);
    for (const [name, value] of Object.entries(entry.parsed)) note(name, value, undefined);
    const { parser, found } = detectInLine(entry.line, entry.stream);
    for (const [name, value] of Object.entries(found)) note(name, value, parser);
  }
  const list = [...fields.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, limit)
    .map(([label, f]) => ({
      label,
      type: f.type,
      cardinality: f.values.size,
      parsers: f.parsers.size > 0 ? [...f.parsers].sort() : null,
    }));
  return { status: 200, json: { fields: list, limit } };
};
