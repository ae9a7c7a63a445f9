import { tokenize } from './analysis';
import { formatDate } from './dates';
import { esError } from './errors';
import { expandFields, fieldValues, numericValues, type NamedField } from './fields';
import type { HighlightTerm } from './leaves';
import { globToRegExp } from './mapping';
import type { Match } from './sort';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `_source` filtering: patterns match a path or one of its parents. */
export function sourceFilter(spec: unknown): ((source: Json) => Json) | false {
  if (spec === false) return false;
  if (spec === undefined || spec === true) return (s) => s;
  const includes: string[] = [];
  const excludes: string[] = [];
  if (typeof spec === 'string') includes.push(spec);
  else if (Array.isArray(spec)) includes.push(...spec.map(String));
  else if (isObject(spec)) {
    includes.push(...[spec.includes ?? spec.include ?? []].flat().map(String));
    excludes.push(...[spec.excludes ?? spec.exclude ?? []].flat().map(String));
  }
  const inc = includes.map(globToRegExp);
  const exc = excludes.map(globToRegExp);
  const walk = (node: Json, prefix: string, included: boolean): Json => {
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (exc.some((re) => re.test(path))) continue;
      const selfIncluded = included || inc.some((re) => re.test(path));
      if (isObject(value)) {
        const inner = walk(value, path, selfIncluded);
        if (Object.keys(inner).length > 0) out[key] = inner;
      } else if (selfIncluded) {
        out[key] = value;
      }
    }
    return out;
  };
  return (source) => walk(source, '', inc.length === 0);
}

interface FieldRequest {
  pattern: string;
  format: string | undefined;
}

export function fieldRequests(spec: unknown): FieldRequest[] {
  if (spec === undefined) return [];
  return (Array.isArray(spec) ? spec : [spec]).map((f) =>
    isObject(f)
      ? { pattern: String(f.field), format: typeof f.format === 'string' ? f.format : undefined }
      : { pattern: String(f), format: undefined },
  );
}

/** `fields` and `docvalue_fields`: values by mapped field, dates formatted (ISO by default). */
export function fieldsOf(
  match: Match,
  requests: FieldRequest[],
  docValues: boolean,
  indices: string[],
): Json | undefined {
  const out: Json = {};
  for (const { pattern, format } of requests) {
    for (const field of expandFields(match.index.mapping, [pattern])) {
      if (docValues && field.type === 'text') {
        throw esError(400, {
          type: 'illegal_argument_exception',
          reason: `Can't load fielddata on [${field.name}] because fielddata is unsupported on fields of type [text]. Use a field of type [keyword] instead.`,
          indices,
        });
      }
      const values = valuesFor(match, field, format);
      if (values.length > 0) out[field.name] = values;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function valuesFor(match: Match, field: NamedField, format: string | undefined): unknown[] {
  if (field.type === 'date')
    return numericValues(match.doc, field).map((ms) => formatDate(ms, format));
  const values = fieldValues(match.doc, field).filter((v) => typeof v !== 'object');
  return field.type === 'keyword' || field.type === 'text' ? values.map(String) : values;
}

export interface HighlightSpec {
  pre: string;
  post: string;
  fields: { pattern: string; fragmentSize: number; fragments: number }[];
  requireFieldMatch: boolean;
}

export function highlightSpec(spec: unknown): HighlightSpec | undefined {
  if (!isObject(spec)) return undefined;
  const size = (o: Json, fallback: number) =>
    typeof o.fragment_size === 'number' ? o.fragment_size : fallback;
  const count = (o: Json, fallback: number) =>
    typeof o.number_of_fragments === 'number' ? o.number_of_fragments : fallback;
  const fields = isObject(spec.fields)
    ? Object.entries(spec.fields)
    : Array.isArray(spec.fields)
      ? spec.fields.flatMap((f) => (isObject(f) ? Object.entries(f) : []))
      : [];
  return {
    pre: String((spec.pre_tags as unknown[] | undefined)?.[0] ?? '<em>'),
    post: String((spec.post_tags as unknown[] | undefined)?.[0] ?? '</em>'),
    requireFieldMatch: spec.require_field_match !== false,
    fields: fields.map(([pattern, options]) => {
      const o = isObject(options) ? options : {};
      return {
        pattern,
        fragmentSize: size(o, size(spec, 100)),
        fragments: count(o, count(spec, 5)),
      };
    }),
  };
}

function wrap(
  value: string,
  spec: HighlightSpec,
  hit: (term: string) => boolean,
  text: boolean,
  fragmentSize: number,
  fragments: number,
): string | undefined {
  if (!text) return hit(value) ? `${spec.pre}${value}${spec.post}` : undefined;
  const tokens = tokenize(value).filter((t) => hit(t.term));
  if (tokens.length === 0) return undefined;
  // One fragment starting near the first match: the unified highlighter cuts at sentences.
  const whole = fragments === 0 || value.length <= fragmentSize;
  const from = whole ? 0 : Math.max(0, (tokens[0]?.start ?? 0) - Math.floor(fragmentSize / 4));
  const to = whole ? value.length : Math.min(value.length, from + fragmentSize);
  let out = '';
  let at = from;
  for (const t of tokens) {
    if (t.start < from || t.end > to) continue;
    out += `${value.slice(at, t.start)}${spec.pre}${value.slice(t.start, t.end)}${spec.post}`;
    at = t.end;
  }
  return out + value.slice(at, to);
}

export function highlightOf(
  match: Match,
  spec: HighlightSpec,
  terms: HighlightTerm[],
): Json | undefined {
  const out: Json = {};
  for (const { pattern, fragmentSize, fragments } of spec.fields) {
    for (const field of expandFields(match.index.mapping, [pattern])) {
      if (field.type !== 'text' && field.type !== 'keyword') continue;
      const relevant = terms.filter((t) => !spec.requireFieldMatch || t.field === field.name);
      if (relevant.length === 0) continue;
      const hit = (term: string) => relevant.some((t) => t.test(term));
      const fragmentsOut = fieldValues(match.doc, field)
        .filter((v) => typeof v !== 'object')
        .map((v) => wrap(String(v), spec, hit, field.type === 'text', fragmentSize, fragments))
        .filter((v): v is string => v !== undefined);
      if (fragmentsOut.length > 0) out[field.name] = fragmentsOut;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
