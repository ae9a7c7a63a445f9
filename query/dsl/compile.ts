import type { FilterExpr, SearchField, SearchQueryIR, SearchValue } from '../ir';
import { resolveFields, type ResolvedField } from './fields';
import type { EsQuery, SearchDslOptions } from './types';

/**
 * Compiles a search query to Elasticsearch query DSL the way Kibana compiles KQL
 * (kbn-es-query kuery/functions), so a query gives the same hits here and in Discover.
 */
export function compileSearchToDsl(ir: SearchQueryIR, options: SearchDslOptions = {}): EsQuery {
  return ir.filter ? compile(ir.filter, options, undefined) : { match_all: {} };
}

function compile(expr: FilterExpr, options: SearchDslOptions, nested: string | undefined): EsQuery {
  switch (expr.kind) {
    case 'and': {
      const key = options.filtersInMustClause ? 'must' : 'filter';
      return { bool: { [key]: expr.operands.map((o) => compile(o, options, nested)) } };
    }
    case 'or':
      return {
        bool: {
          should: expr.operands.map((o) => compile(o, options, nested)),
          minimum_should_match: 1,
        },
      };
    case 'not':
      return { bool: { must_not: compile(expr.operand, options, nested) } };
    case 'all':
      return { match_all: {} };
    case 'nested': {
      const path = nested ? `${nested}.${expr.path}` : expr.path;
      return nestedQuery(path, compile(expr.expr, options, path), options);
    }
    case 'is':
      return expr.field ? fielded(expr.field, expr.value, options, nested) : freeText(expr.value);
    case 'exists':
      return should(expr.field, options, nested, (f) => ({ exists: { field: f.name } }));
    case 'range':
      return should(expr.field, options, nested, (f) =>
        range(f, expr.op, esValue(expr.value), options),
      );
    case 'regexp':
      return should(expr.field, options, nested, (f) => ({
        regexp: { [f.name]: { value: expr.pattern } },
      }));
  }
}

function nestedQuery(path: string, query: EsQuery, options: SearchDslOptions): EsQuery {
  const ignore =
    typeof options.nestedIgnoreUnmapped === 'boolean'
      ? { ignore_unmapped: options.nestedIgnoreUnmapped }
      : {};
  return { nested: { path, query, score_mode: 'none', ...ignore } };
}

/** Kibana wraps every fielded leaf so a wildcard field name can stand for several fields. */
function should(
  field: SearchField,
  options: SearchDslOptions,
  nested: string | undefined,
  leaf: (field: ResolvedField) => EsQuery,
): EsQuery {
  const queries = resolveFields(field, options, nested).map((f) => {
    const query = leaf(f);
    // A wildcard name may cover nested and plain fields alike: nested ones get their own query.
    return field.wildcard && f.nestedPath && !nested
      ? nestedQuery(f.nestedPath, query, options)
      : query;
  });
  return { bool: { should: queries, minimum_should_match: 1 } };
}

/** `query_string` reserved characters, escaped so only `*` stays a wildcard. */
export function wildcardToQueryString(parts: string[]): string {
  return parts.map((part) => part.replace(/[+\-=&|><!(){}[\]^"~*?:\\/]/g, '\\$&')).join('*');
}

/** The value as Elasticsearch receives it: a wildcard is its text with `*`. */
function esValue(value: SearchValue): string | number | boolean | null {
  return value.kind === 'wildcard' ? value.parts.join('*') : value.value;
}

function freeText(value: SearchValue): EsQuery {
  if (value.kind === 'wildcard')
    return { query_string: { query: wildcardToQueryString(value.parts) } };
  const type = value.kind === 'phrase' ? 'phrase' : 'best_fields';
  return { multi_match: { type, query: value.value, lenient: true } };
}

function isKeyword(field: ResolvedField): boolean {
  return field.type === 'keyword';
}

function isDate(field: ResolvedField): boolean {
  return field.type === 'date' || field.type === 'date_nanos';
}

function caseInsensitive(options: SearchDslOptions): { case_insensitive?: boolean } {
  return typeof options.caseInsensitive === 'boolean'
    ? { case_insensitive: options.caseInsensitive }
    : {};
}

/** Epoch values are absolute: Kibana adds no time zone to them. */
function timeZone(value: unknown, options: SearchDslOptions): { time_zone?: string } {
  const epoch = typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
  return options.dateFormatTZ && !epoch ? { time_zone: options.dateFormatTZ } : {};
}

function range(
  field: ResolvedField,
  op: string,
  value: string | number | boolean | null,
  options: SearchDslOptions,
): EsQuery {
  const zone = isDate(field) ? timeZone(value, options) : {};
  return { range: { [field.name]: { [op]: value, ...zone } } };
}

function fielded(
  field: SearchField,
  value: SearchValue,
  options: SearchDslOptions,
  nested: string | undefined,
): EsQuery {
  return should(field, options, nested, (f) => {
    if (value.kind === 'wildcard') {
      const query = wildcardToQueryString(value.parts);
      return isKeyword(f)
        ? { wildcard: { [f.name]: { value: query, ...caseInsensitive(options) } } }
        : { query_string: { fields: [f.name], query } };
    }
    // match and match_phrase take no time zone, so an exact date becomes a closed range.
    if (isDate(f)) {
      return {
        range: {
          [f.name]: { gte: value.value, lte: value.value, ...timeZone(value.value, options) },
        },
      };
    }
    if (isKeyword(f))
      return { term: { [f.name]: { value: value.value, ...caseInsensitive(options) } } };
    return { [value.kind === 'phrase' ? 'match_phrase' : 'match']: { [f.name]: value.value } };
  });
}
