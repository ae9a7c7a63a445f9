import { anyWordRegExp, containsPhrase, terms, wildcardRegExp } from './analysis';
import { parseDate } from './dates';
import { shardQueryError } from './errors';
import {
  anyString,
  fieldValues,
  isNumeric,
  numericValues,
  stringValues,
  type NamedField,
} from './fields';
import type { Mapping } from './mapping';
import type { Doc } from './store';

export type Test = (doc: Doc) => boolean;

/** What the highlighter looks for: tokens of text fields, whole values of keywords. */
export interface HighlightTerm {
  field: string;
  test(term: string): boolean;
}

export interface CompileContext {
  readonly mapping: Mapping;
  /** The request body as sent, to place parsing errors. */
  readonly raw: string;
  readonly now: number;
  readonly indices: string[];
  readonly highlights: HighlightTerm[];
  /** Inside must_not: matches there are not highlighted. */
  negated: boolean;
}

export const NONE: Test = () => false;
export const ALL: Test = () => true;

export function anyOf(tests: Test[]): Test {
  const live = tests.filter((t) => t !== NONE);
  if (live.length === 0) return NONE;
  if (live.length === 1) return live[0] as Test;
  return (doc) => live.some((t) => t(doc));
}

export function allOf(tests: Test[]): Test {
  if (tests.some((t) => t === NONE)) return NONE;
  const live = tests.filter((t) => t !== ALL);
  if (live.length === 1) return live[0] as Test;
  return (doc) => live.every((t) => t(doc));
}

function highlight(ctx: CompileContext, field: string, test: (term: string) => boolean): void {
  if (!ctx.negated) ctx.highlights.push({ field, test });
}

function defaultDateFormat(): string {
  return 'strict_date_optional_time||epoch_millis';
}

/** A query value for a numeric or date field; a bad one fails the shard unless lenient. */
function typedValue(
  ctx: CompileContext,
  field: NamedField,
  value: unknown,
  lenient: boolean,
): number | undefined {
  if (field.type === 'date') {
    const ms = parseDate(value, { now: ctx.now });
    if (ms !== undefined || lenient) return ms;
    throw shardQueryError(
      ctx.indices,
      `failed to create query: failed to parse date field [${String(value)}] with format [${defaultDateFormat()}]`,
      {
        type: 'illegal_argument_exception',
        reason: `failed to parse date field [${String(value)}] with format [${defaultDateFormat()}]`,
      },
    );
  }
  const n = typeof value === 'number' ? value : Number(String(value).trim() || NaN);
  if (!Number.isNaN(n) || lenient) return Number.isNaN(n) ? undefined : n;
  throw shardQueryError(
    ctx.indices,
    `failed to create query: For input string: "${String(value)}"`,
    {
      type: 'number_format_exception',
      reason: `For input string: "${String(value)}"`,
    },
  );
}

function booleanValue(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false' || value === '') return false;
  return undefined;
}

/** `term`: the value as is, no analysis; a text field compares it to its lower-cased tokens. */
export function termLeaf(
  ctx: CompileContext,
  field: NamedField,
  value: unknown,
  options: { caseInsensitive?: boolean; lenient?: boolean } = {},
): Test {
  const lenient = options.lenient ?? false;
  if (field.type === 'date' || isNumeric(field)) {
    const wanted = typedValue(ctx, field, value, lenient);
    if (wanted === undefined) return NONE;
    return (doc) => numericValues(doc, field).includes(wanted);
  }
  if (field.type === 'boolean') {
    const wanted = booleanValue(value);
    if (wanted === undefined) return NONE;
    return (doc) => fieldValues(doc, field).some((v) => booleanValue(v) === wanted);
  }
  const fold = options.caseInsensitive ?? false;
  const wanted = fold ? String(value).toLowerCase() : String(value);
  const same = (s: string) => (fold ? s.toLowerCase() : s) === wanted;
  highlight(ctx, field.name, same);
  if (field.type === 'text') {
    const near = anyWordRegExp([wanted]);
    return (doc) => anyString(doc, field, (s) => near.test(s) && terms(s).some(same));
  }
  return (doc) => anyString(doc, field, same);
}

/** `match` and `match_phrase`: text fields analyse the query, other fields take it whole. */
export function matchLeaf(
  ctx: CompileContext,
  field: NamedField,
  query: unknown,
  options: { operator?: string; lenient?: boolean; phrase?: boolean },
): Test {
  if (field.type !== 'text')
    return termLeaf(ctx, field, query, { lenient: options.lenient ?? false });
  const words = terms(String(query));
  if (words.length === 0) return NONE;
  for (const word of words) highlight(ctx, field.name, (t) => t === word);
  if (options.phrase) {
    const first = anyWordRegExp(words.slice(0, 1));
    return (doc) => anyString(doc, field, (s) => containsPhrase(s, words, first));
  }
  const and = String(options.operator ?? 'or').toLowerCase() === 'and';
  // Most lines hold none of the words: a regular expression says so without tokenising.
  const any = anyWordRegExp(words);
  return (doc) => {
    if (!anyString(doc, field, (v) => any.test(v))) return false;
    const values = stringValues(doc, field);
    const have = new Set(values.flatMap(terms));
    return and ? words.every((w) => have.has(w)) : words.some((w) => have.has(w));
  };
}

/**
 * `wildcard`, `prefix`, `regexp`: over the tokens of a text field, the whole value of others.
 */
export function patternLeaf(ctx: CompileContext, field: NamedField, re: RegExp): Test {
  const test = (s: string) => re.test(s);
  highlight(ctx, field.name, test);
  if (field.type === 'text') return (doc) => anyString(doc, field, (s) => terms(s).some(test));
  if (field.type !== 'keyword') return NONE;
  return (doc) => anyString(doc, field, test);
}

export function wildcardLeaf(
  ctx: CompileContext,
  field: NamedField,
  pattern: string,
  options: { caseInsensitive?: boolean; normalize?: boolean } = {},
): Test {
  const value = options.normalize && field.type === 'text' ? pattern.toLowerCase() : pattern;
  return patternLeaf(ctx, field, wildcardRegExp(value, options.caseInsensitive ?? false));
}

/** Lucene's regexp syntax is close enough to JavaScript's for log searches; anchored. */
export function regexpLeaf(
  ctx: CompileContext,
  field: NamedField,
  pattern: string,
  caseInsensitive: boolean,
): Test {
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${pattern})$`, caseInsensitive ? 'iu' : 'u');
  } catch (error) {
    throw shardQueryError(ctx.indices, `failed to create query: ${(error as Error).message}`, {
      type: 'illegal_argument_exception',
      reason: (error as Error).message,
    });
  }
  return patternLeaf(ctx, field, re);
}

export interface Bounds {
  gt?: unknown;
  gte?: unknown;
  lt?: unknown;
  lte?: unknown;
}

/** `range`: dates (with format, time_zone and date math), numbers, or keywords by code point. */
export function rangeLeaf(
  ctx: CompileContext,
  field: NamedField,
  bounds: Bounds,
  options: { format?: string; timeZone?: string; lenient?: boolean } = {},
): Test {
  if (field.type === 'date' || isNumeric(field)) {
    const read = (value: unknown, roundUp: boolean): number | undefined => {
      if (value === undefined || value === null) return undefined;
      if (field.type !== 'date') return typedValue(ctx, field, value, options.lenient ?? false);
      const ms = parseDate(value, {
        now: ctx.now,
        roundUp,
        format: options.format,
        timeZone: options.timeZone,
      });
      return ms ?? typedValue(ctx, field, value, options.lenient ?? false);
    };
    const gt = read(bounds.gt, true);
    const gte = read(bounds.gte, false);
    const lt = read(bounds.lt, false);
    const lte = read(bounds.lte, true);
    return (doc) =>
      numericValues(doc, field).some(
        (v) =>
          (gt === undefined || v > gt) &&
          (gte === undefined || v >= gte) &&
          (lt === undefined || v < lt) &&
          (lte === undefined || v <= lte),
      );
  }
  if (field.type !== 'keyword' && field.type !== 'text') return NONE;
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  const [gt, gte, lt, lte] = [str(bounds.gt), str(bounds.gte), str(bounds.lt), str(bounds.lte)];
  const inRange = (v: string) =>
    (gt === undefined || v > gt) &&
    (gte === undefined || v >= gte) &&
    (lt === undefined || v < lt) &&
    (lte === undefined || v <= lte);
  if (field.type === 'text') return (doc) => anyString(doc, field, (s) => terms(s).some(inRange));
  return (doc) => anyString(doc, field, inRange);
}

/** `exists`: any non-null value under the field, or under any field of an object. */
export function existsLeaf(ctx: CompileContext, name: string): Test {
  const paths = [...ctx.mapping.entries()]
    .filter(([n, def]) => def.type !== 'object' && (n === name || n.startsWith(`${name}.`)))
    .map(([n, def]) => ({ name: n, ...def }));
  if (paths.length === 0) return NONE;
  return (doc) => paths.some((p) => fieldValues(doc, p).length > 0);
}
