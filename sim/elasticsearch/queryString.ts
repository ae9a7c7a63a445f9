import { terms } from './analysis';
import { esError, shardQueryError, type Cause } from './errors';
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
  type CompileContext,
  type Test,
} from './leaves';
import { LuceneSyntaxError, parseLucene, unescape, type LuceneNode } from './luceneParser';

interface Settings {
  defaultFields: string[];
  defaultAnd: boolean;
  lenient: boolean;
  timeZone: string | undefined;
}

/** `field:>=10` and friends: Elasticsearch reads a leading comparison as a one-sided range. */
function comparison(text: string): { op: 'gt' | 'gte' | 'lt' | 'lte'; value: string } | undefined {
  const match = /^(>=|<=|>|<)(.+)$/.exec(text);
  if (!match) return undefined;
  const op = ({ '>=': 'gte', '<=': 'lte', '>': 'gt', '<': 'lt' } as const)[
    match[1] as '>=' | '<=' | '>' | '<'
  ];
  return { op, value: unescape(match[2] ?? '') };
}

function termOn(
  ctx: CompileContext,
  s: Settings,
  field: NamedField,
  node: Extract<LuceneNode, { kind: 'term' }>,
): Test {
  const lenient = s.lenient;
  if (node.regexp) return regexpLeaf(ctx, field, node.text, false);
  if (node.wildcard) return wildcardLeaf(ctx, field, node.text, { normalize: true });
  if (node.quoted) return matchLeaf(ctx, field, node.text, { phrase: true, lenient });
  const text = unescape(node.text);
  const cmp = comparison(node.text);
  if (cmp) return rangeLeaf(ctx, field, { [cmp.op]: cmp.value }, { timeZone: s.timeZone, lenient });
  if (field.type === 'text' && terms(text).length > 1) {
    return matchLeaf(ctx, field, text, { operator: s.defaultAnd ? 'and' : 'or', lenient });
  }
  return field.type === 'text'
    ? matchLeaf(ctx, field, text, { lenient })
    : termLeaf(ctx, field, text, { lenient });
}

function fieldsOf(
  ctx: CompileContext,
  s: Settings,
  field: string | undefined,
): { fields: NamedField[]; lenient: boolean } {
  const names = field === undefined ? s.defaultFields : [field];
  // Querying every field forces leniency: a word is no date, and that is no error.
  const lenient = s.lenient || names.some((n) => n.includes('*'));
  return { fields: expandFields(ctx.mapping, names), lenient };
}

function compileNode(ctx: CompileContext, s: Settings, node: LuceneNode): Test {
  if (node.kind === 'bool') {
    const must = node.clauses
      .filter((c) => c.occur === 'must')
      .map((c) => compileNode(ctx, s, c.node));
    const negated = ctx.negated;
    ctx.negated = !negated;
    const mustNot = anyOf(
      node.clauses.filter((c) => c.occur === 'must_not').map((c) => compileNode(ctx, s, c.node)),
    );
    ctx.negated = negated;
    const should = node.clauses
      .filter((c) => c.occur === 'should')
      .map((c) => compileNode(ctx, s, c.node));
    // Optional clauses beside required ones only score; a pure negation gets match_all added.
    const base = must.length > 0 ? allOf(must) : should.length > 0 ? anyOf(should) : ALL;
    return mustNot === NONE ? base : (doc) => base(doc) && !mustNot(doc);
  }
  if (node.kind === 'term' && node.field === '_exists_')
    return existsLeaf(ctx, unescape(node.text));
  if (node.kind === 'term' && node.text === '*' && !node.quoted) {
    if (node.field === undefined || node.field === '*') return ALL;
    return existsLeaf(ctx, node.field);
  }
  const { fields, lenient } = fieldsOf(ctx, s, node.field);
  const settings = { ...s, lenient };
  if (node.kind === 'range') {
    const bound = (text: string) => (text === '*' ? undefined : text);
    const bounds = {
      [node.includeLower ? 'gte' : 'gt']: bound(node.lower),
      [node.includeUpper ? 'lte' : 'lt']: bound(node.upper),
    };
    return anyOf(fields.map((f) => rangeLeaf(ctx, f, bounds, { timeZone: s.timeZone, lenient })));
  }
  return anyOf(fields.map((f) => termOn(ctx, settings, f, node)));
}

/** Lucene's exception chain as Elasticsearch serialises it: shard failure, Lucene, JavaCC. */
function parseFailure(ctx: CompileContext, query: string, error: LuceneSyntaxError): never {
  const inner: Cause = {
    type: error.lexical ? 'token_mgr_error' : 'parse_exception',
    reason: error.message,
  };
  throw shardQueryError(ctx.indices, `Failed to parse query [${query}]`, {
    type: 'parse_exception',
    reason: `Cannot parse '${query}': ${error.message}`,
    caused_by: inner,
  });
}

/** `query_string`: Lucene syntax over `fields` or `default_field` (all fields by default). */
export function compileQueryString(ctx: CompileContext, body: Record<string, unknown>): Test {
  if (typeof body.query !== 'string') {
    throw esError(400, {
      type: 'parsing_exception',
      reason: '[query_string] must be provided with a [query]',
      line: 1,
      col: 1,
    });
  }
  const query = body.query;
  const fields = Array.isArray(body.fields) ? body.fields.map(String) : undefined;
  const settings: Settings = {
    defaultFields: fields ?? [typeof body.default_field === 'string' ? body.default_field : '*'],
    defaultAnd: String(body.default_operator ?? 'or').toLowerCase() === 'and',
    lenient: body.lenient === true,
    timeZone: typeof body.time_zone === 'string' ? body.time_zone : undefined,
  };
  if (query.trim() === '') return NONE;
  let tree: LuceneNode;
  try {
    tree = parseLucene(query, settings.defaultAnd);
  } catch (error) {
    if (error instanceof LuceneSyntaxError) parseFailure(ctx, query, error);
    throw error;
  }
  return compileNode(ctx, settings, tree);
}
