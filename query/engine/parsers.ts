import type { Labels } from '../../model';
import type { JsonParser } from '../ir';
import { toJsRegex } from '../logql/operators';

/** Where parsers put what they find: stream labels for collisions, fields for the values. */
export interface Extracted {
  labels: Labels;
  fields: Labels;
}

const SANITIZED_MAX = 10_000;
/**
 * Parsed lines repeat the same few keys: a scan of `| json` over 100k lines spent as long
 * cleaning key names with regexes as parsing the JSON. Bounded so odd keys cannot grow it.
 */
const sanitized = new Map<string, string>();

export function sanitizeLabel(name: string): string {
  const known = sanitized.get(name);
  if (known !== undefined) return known;
  const clean = name.replace(/[^A-Za-z0-9_]/g, '_');
  const label = /^[0-9]/.test(clean) ? `_${clean}` : clean;
  if (sanitized.size >= SANITIZED_MAX) sanitized.clear();
  sanitized.set(name, label);
  return label;
}

/** Loki suffixes a parsed label that collides with a stream label with `_extracted`. */
export function setExtracted(out: Extracted, rawName: string, value: string): void {
  const name = sanitizeLabel(rawName);
  if (name === '') return;
  out.fields[name in out.labels ? `${name}_extracted` : name] = value;
}

function scalar(value: unknown): string | undefined {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Calls `write` for each scalar in document order, nested keys joined with `_`, as Loki does. */
function flattenTo(
  write: (name: string, value: string) => void,
  prefix: string,
  value: Record<string, unknown>,
): void {
  for (const key in value) {
    const v = value[key];
    const name = prefix ? `${prefix}_${key}` : key;
    const s = scalar(v);
    if (s !== undefined) write(name, s);
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      flattenTo(write, name, v as Record<string, unknown>);
    }
  }
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (line.charCodeAt(0) !== 123 /* { */ && !line.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function setError(out: Extracted, error: string, details: string): void {
  out.fields['__error__'] = error;
  out.fields['__error_details__'] = details;
}

/** `json a="x.y[0]"` paths: dots, [n] and ["key"]. */
function readPath(value: unknown, path: string): unknown {
  const steps = path.match(/[^.[\]"]+|\[\d+\]|\["[^"]*"\]/g) ?? [];
  let current = value;
  for (const raw of steps) {
    const step = raw.startsWith('[') ? raw.slice(1, -1).replace(/^"|"$/g, '') : raw;
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** A line's flattened `| json` keys and values; null when the line is not a JSON object. */
type FlatJson = readonly (readonly [name: string, value: string])[] | null;

/** Characters of memoized lines: their values take about as much again. */
const FLAT_MAX_CHARS = 24_000_000;
/**
 * Stored lines never change and the same ones are parsed by query after query: JSON.parse was
 * half of a `| json` scan. Keyed by the line itself (the store's own string); bounded by the
 * text it holds, and dropped whole when full. Lines that cannot be JSON objects are told apart
 * at once, not kept.
 */
const flatJson = new Map<string, FlatJson>();
let flatChars = 0;
/**
 * Characters of new lines one compiled query may memoize. Memoizing a line costs several
 * times a plain parse, which repeated queries over the same lines win back; a query reading
 * more JSON than this is a one-off scan larger than the memo, which would only pay that cost
 * and evict the lines others repeat. Memoizing every line, a scan of 1,000,000 distinct lines
 * (bench/engineBench.ts) ran at a quarter of its speed.
 */
const ADMIT_PER_QUERY_CHARS = FLAT_MAX_CHARS / 3;

function memoize(line: string, object: Record<string, unknown> | undefined): FlatJson {
  let pairs: FlatJson = null;
  if (object) {
    // Every write in order, repeats included, so replaying them is what flattening does.
    const writes: [string, string][] = [];
    flattenTo((name, value) => writes.push([name, value]), '', object);
    pairs = writes;
  }
  if (flatChars + line.length > FLAT_MAX_CHARS) {
    flatJson.clear();
    flatChars = 0;
  }
  flatJson.set(line, pairs);
  flatChars += line.length;
  return pairs;
}

/**
 * Lines looked up in vain, once a query may memoize no more, before it stops looking: a
 * one-off scan then pays neither memoizing nor hashing each line for a lookup.
 */
const MISSES_BEFORE_GIVING_UP = 2_000;

export function jsonParser(stage: JsonParser): (line: string, out: Extracted) => void {
  let admit = ADMIT_PER_QUERY_CHARS;
  let misses = 0;
  return (line, out) => {
    if (stage.extract.length === 0) {
      const look = admit > 0 || misses < MISSES_BEFORE_GIVING_UP;
      let pairs = look ? flatJson.get(line) : undefined;
      if (look && admit <= 0) misses = pairs === undefined ? misses + 1 : 0;
      if (pairs === undefined) {
        const object = parseObject(line);
        if (admit > 0 && (object || line.startsWith('{'))) {
          admit -= line.length;
          pairs = memoize(line, object);
        } else if (object) {
          flattenTo((name, value) => setExtracted(out, name, value), '', object);
          return;
        } else pairs = null;
      }
      if (!pairs) setError(out, 'JSONParserErr', 'line is not a JSON object');
      else for (const [name, value] of pairs) setExtracted(out, name, value);
      return;
    }
    const object = parseObject(line);
    if (!object) {
      setError(out, 'JSONParserErr', 'line is not a JSON object');
      return;
    }
    for (const { name, path } of stage.extract) {
      const v = readPath(object, path);
      const s = scalar(v);
      setExtracted(out, name, s ?? (v === undefined ? '' : JSON.stringify(v)));
    }
  };
}

/** Returns the replacement line when the JSON carries Promtail's packed `_entry`. */
export function unpackParser(line: string, out: Extracted): string {
  const object = parseObject(line);
  if (!object) {
    setError(out, 'JSONParserErr', 'line is not a JSON object');
    return line;
  }
  let entry = line;
  for (const key in object) {
    const s = scalar(object[key]);
    if (s === undefined) continue;
    if (key === '_entry') entry = s;
    else setExtracted(out, key, s);
  }
  return entry;
}

const LOGFMT_PAIR = /([^\s=]+)(?:=("(?:[^"\\]|\\.)*"?|[^\s]*))?/g;

export function logfmtParser(line: string, out: Extracted): void {
  LOGFMT_PAIR.lastIndex = 0;
  for (let m = LOGFMT_PAIR.exec(line); m; m = LOGFMT_PAIR.exec(line)) {
    const key = m[1] ?? '';
    // A quote cannot start or sit in a key: Loki's decoder stops there (`"hello`, JSON lines).
    if (key.includes('"')) {
      setError(out, 'LogfmtParserErr', `unexpected '"' in key "${key}"`);
      return;
    }
    let value = m[2] ?? '';
    if (value.startsWith('"')) {
      if (value.length < 2 || !value.endsWith('"')) {
        setError(out, 'LogfmtParserErr', `unterminated quoted value of "${key}"`);
        return;
      }
      try {
        value = JSON.parse(value) as string;
      } catch {
        value = value.slice(1, -1);
      }
    }
    setExtracted(out, key, value);
  }
}

export function regexpParser(pattern: string): (line: string, out: Extracted) => void {
  const re = new RegExp(toJsRegex(pattern), 's');
  return (line, out) => {
    const groups = re.exec(line)?.groups;
    if (!groups) return;
    for (const name in groups) setExtracted(out, name, groups[name] ?? '');
  };
}

/** Loki's pattern parser: `<name>` captures up to the next literal, `<_>` skips. */
export function patternParser(pattern: string): (line: string, out: Extracted) => void {
  const parts = pattern.split(/(<[A-Za-z_][A-Za-z0-9_]*>)/).filter((p) => p !== '');
  const names: string[] = [];
  let source = '^';
  parts.forEach((part, index) => {
    const capture = /^<([A-Za-z_][A-Za-z0-9_]*)>$/.exec(part);
    if (!capture?.[1]) {
      source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return;
    }
    const last = index === parts.length - 1;
    if (capture[1] === '_') source += last ? '.*' : '.*?';
    else {
      names.push(capture[1]);
      source += last ? '(.*)' : '(.*?)';
    }
  });
  const re = new RegExp(source, 's');
  return (line, out) => {
    const match = re.exec(line);
    if (!match) return;
    names.forEach((name, i) => setExtracted(out, name, match[i + 1] ?? ''));
  };
}
