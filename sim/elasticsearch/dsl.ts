import { parsingError, unknownQuery } from './errors';
import { expandFields, type NamedField } from './fields';
import {
  ALL,
  allOf,
  anyOf,
  existsLeaf,
  matchLeaf,
  NONE,
  rangeLeaf,
  regexpLeaf,
  termLeaf,
  wildcardLeaf,
  type Bounds,
  type CompileContext,
  type Test,
} from './leaves';
import { compileQueryString } from './queryString';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The options each leaf query takes beside its field; anything else is a parsing_exception. */
const OPTIONS: Record<string, string[]> = {
  term: ['value', 'boost', 'case_insensitive', '_name'],
  match: [
    'query',
    'operator',
    'lenient',
    'analyzer',
    'boost',
    'fuzziness',
    'minimum_should_match',
    'zero_terms_query',
    'auto_generate_synonyms_phrase_query',
    'prefix_length',
    'max_expansions',
    'fuzzy_transpositions',
    '_name',
  ],
  match_phrase: ['query', 'slop', 'analyzer', 'boost', 'zero_terms_query', '_name'],
  wildcard: ['value', 'wildcard', 'boost', 'case_insensitive', 'rewrite', '_name'],
  prefix: ['value', 'boost', 'case_insensitive', 'rewrite', '_name'],
  regexp: [
    'value',
    'flags',
    'boost',
    'case_insensitive',
    'max_determinized_states',
    'rewrite',
    '_name',
  ],
  range: [
    'gt',
    'gte',
    'lt',
    'lte',
    'from',
    'to',
    'include_lower',
    'include_upper',
    'format',
    'time_zone',
    'relation',
    'boost',
    '_name',
  ],
};

/** One field and its options, as `{"match": {"log": "x"}}` or `{"match": {"log": {...}}}`. */
function fieldClause(
  ctx: CompileContext,
  type: string,
  body: unknown,
  valueKey: string,
): [string, Json] {
  if (!isObject(body))
    throw parsingError(
      `[${type}] query malformed, no start_object after query name`,
      ctx.raw,
      type,
    );
  const fields = Object.keys(body).filter((k) => k !== 'boost' && k !== '_name');
  if (fields.length !== 1) {
    throw parsingError(
      fields.length === 0
        ? `[${type}] query malformed, no field`
        : `[${type}] query doesn't support multiple fields, found [${fields[0]}] and [${fields[1]}]`,
      ctx.raw,
      type,
    );
  }
  const field = fields[0] as string;
  const value = body[field];
  if (!isObject(value)) return [field, { [valueKey]: value }];
  for (const key of Object.keys(value)) {
    if (!(OPTIONS[type] ?? []).includes(key)) {
      throw parsingError(`[${type}] query does not support [${key}]`, ctx.raw, key);
    }
  }
  return [field, value];
}

/** A concrete field the query names; an unmapped one matches nothing. */
function named(ctx: CompileContext, name: string): NamedField | undefined {
  const def = ctx.mapping.get(name);
  return def && def.type !== 'object' ? { name, ...def } : undefined;
}

function on(ctx: CompileContext, name: string, make: (field: NamedField) => Test): Test {
  const field = named(ctx, name);
  return field ? make(field) : NONE;
}

function minimumShouldMatch(spec: unknown, optional: number, defaultValue: number): number {
  if (spec === undefined || spec === null) return defaultValue;
  const text = String(spec).trim();
  const percent = /^(-?)(\d+)%$/.exec(text);
  let n: number;
  if (percent) {
    const share = Math.floor((optional * Number(percent[2])) / 100);
    n = percent[1] ? optional - share : share;
  } else {
    n = Number(text);
    if (n < 0) n = optional + n;
  }
  return Math.max(0, Math.min(optional, Number.isFinite(n) ? n : defaultValue));
}

function compileBool(ctx: CompileContext, body: Json): Test {
  for (const key of Object.keys(body)) {
    if (
      ![
        'must',
        'filter',
        'should',
        'must_not',
        'minimum_should_match',
        'boost',
        '_name',
        'adjust_pure_negative',
      ].includes(key)
    ) {
      throw parsingError(`[bool] query does not support [${key}]`, ctx.raw, key);
    }
  }
  const required = [...list(body.must), ...list(body.filter)].map((q) => compileQuery(ctx, q));
  const negated = ctx.negated;
  ctx.negated = !negated;
  const mustNot = list(body.must_not).map((q) => compileQuery(ctx, q));
  ctx.negated = negated;
  const should = list(body.should).map((q) => compileQuery(ctx, q));
  const min = minimumShouldMatch(
    body.minimum_should_match,
    should.length,
    required.length === 0 && mustNot.length === 0 ? 1 : 0,
  );
  const excluded = anyOf(mustNot);
  const base = allOf(required);
  if (should.length === 0 || min === 0) {
    return excluded === NONE ? base : (doc) => base(doc) && !excluded(doc);
  }
  return (doc) => {
    if (!base(doc) || excluded(doc)) return false;
    let hits = 0;
    for (const test of should) if (test(doc) && ++hits >= min) return true;
    return false;
  };
}

function compileMultiMatch(ctx: CompileContext, body: Json): Test {
  const type = String(body.type ?? 'best_fields');
  if (
    ![
      'best_fields',
      'most_fields',
      'cross_fields',
      'phrase',
      'phrase_prefix',
      'bool_prefix',
    ].includes(type)
  ) {
    throw parsingError(`[multi_match] query does not support type ${type}`, ctx.raw, 'type');
  }
  const fields = expandFields(ctx.mapping, list(body.fields ?? ['*']).map(String));
  // A `*` field list is lenient by force: Elasticsearch skips fields the text cannot be.
  const lenient =
    body.lenient === true || body.fields === undefined || list(body.fields).includes('*');
  return anyOf(
    fields.map((field) =>
      matchLeaf(ctx, field, body.query, {
        operator: body.operator as string,
        lenient,
        phrase: type.startsWith('phrase'),
      }),
    ),
  );
}

const LEAVES: Record<string, (ctx: CompileContext, body: unknown) => Test> = {
  match_all: () => ALL,
  match_none: () => NONE,
  bool: (ctx, body) => compileBool(ctx, isObject(body) ? body : {}),
  constant_score: (ctx, body) => compileQuery(ctx, isObject(body) ? body.filter : undefined),
  nested: (ctx, body) => compileQuery(ctx, isObject(body) ? body.query : undefined),
  match: (ctx, body) => {
    const [name, o] = fieldClause(ctx, 'match', body, 'query');
    return on(ctx, name, (f) =>
      matchLeaf(ctx, f, o.query, { operator: o.operator as string, lenient: o.lenient === true }),
    );
  },
  match_phrase: (ctx, body) => {
    const [name, o] = fieldClause(ctx, 'match_phrase', body, 'query');
    return on(ctx, name, (f) => matchLeaf(ctx, f, o.query, { phrase: true }));
  },
  multi_match: (ctx, body) => compileMultiMatch(ctx, isObject(body) ? body : {}),
  query_string: (ctx, body) => compileQueryString(ctx, isObject(body) ? body : {}),
  term: (ctx, body) => {
    const [name, o] = fieldClause(ctx, 'term', body, 'value');
    return on(ctx, name, (f) =>
      termLeaf(ctx, f, o.value, { caseInsensitive: o.case_insensitive === true }),
    );
  },
  terms: (ctx, body) => {
    if (!isObject(body))
      throw parsingError(
        '[terms] query malformed, no start_object after query name',
        ctx.raw,
        'terms',
      );
    const entries = Object.entries(body).filter(([k]) => k !== 'boost' && k !== '_name');
    for (const [key, value] of entries) {
      if (!Array.isArray(value))
        throw parsingError(`[terms] query does not support [${key}]`, ctx.raw, key);
    }
    const [name, values] = entries[0] ?? ['', []];
    return on(ctx, name, (f) => anyOf((values as unknown[]).map((v) => termLeaf(ctx, f, v))));
  },
  wildcard: (ctx, body) => {
    const [name, o] = fieldClause(ctx, 'wildcard', body, 'value');
    const pattern = String(o.value ?? o.wildcard ?? '');
    return on(ctx, name, (f) =>
      wildcardLeaf(ctx, f, pattern, { caseInsensitive: o.case_insensitive === true }),
    );
  },
  prefix: (ctx, body) => {
    const [name, o] = fieldClause(ctx, 'prefix', body, 'value');
    const pattern = `${String(o.value).replace(/[*?\\]/g, '\\$&')}*`;
    return on(ctx, name, (f) =>
      wildcardLeaf(ctx, f, pattern, { caseInsensitive: o.case_insensitive === true }),
    );
  },
  regexp: (ctx, body) => {
    const [name, o] = fieldClause(ctx, 'regexp', body, 'value');
    return on(ctx, name, (f) => regexpLeaf(ctx, f, String(o.value), o.case_insensitive === true));
  },
  range: (ctx, body) => {
    const [name, o] = fieldClause(ctx, 'range', body, 'gte');
    const bounds: Bounds = { gt: o.gt, gte: o.gte, lt: o.lt, lte: o.lte };
    if (o.from !== undefined) bounds[o.include_lower === false ? 'gt' : 'gte'] = o.from;
    if (o.to !== undefined) bounds[o.include_upper === false ? 'lt' : 'lte'] = o.to;
    return on(ctx, name, (f) =>
      rangeLeaf(ctx, f, bounds, {
        format: o.format as string | undefined,
        timeZone: o.time_zone as string | undefined,
      }),
    );
  },
  exists: (ctx, body) => {
    const field = isObject(body) ? body.field : undefined;
    if (typeof field !== 'string')
      throw parsingError('[exists] must be provided with a [field]', ctx.raw, 'exists');
    return existsLeaf(ctx, field);
  },
  ids: (_ctx, body) => {
    const values = new Set(list(isObject(body) ? body.values : undefined).map(String));
    return (doc) => values.has(doc.id);
  },
};

/** A query clause as a test over one index's documents (its mapping is in `ctx`). */
export function compileQuery(ctx: CompileContext, query: unknown): Test {
  if (query === undefined) return ALL;
  if (!isObject(query))
    throw parsingError('[_na] query malformed, must start with start_object', ctx.raw, 'query');
  const keys = Object.keys(query);
  if (keys.length === 0) return ALL;
  const [type] = keys as [string];
  if (keys.length > 1) {
    throw parsingError(
      `[${type}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]`,
      ctx.raw,
      keys[1] as string,
    );
  }
  const leaf = LEAVES[type];
  if (!leaf) throw unknownQuery(type, ctx.raw);
  return leaf(ctx, query[type]);
}
