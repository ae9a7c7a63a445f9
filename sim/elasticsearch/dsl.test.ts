import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startElasticsearchSim, type ElasticsearchSim } from './index';
import { call, hitIds, searchOk } from './testing';

let sim: ElasticsearchSim;
const T = '2026-03-02T12:00:00.000Z';

/** A small index with known documents: each test names the ids a query must return. */
const DOCS = [
  {
    _id: 'a',
    '@timestamp': T,
    log: 'Payment FAILED for order 42: timeout',
    level: 'error',
    code: 503,
    user: 'Alice',
  },
  {
    _id: 'b',
    '@timestamp': '2026-03-02T12:00:01.000Z',
    log: 'payment ok for order 43',
    level: 'info',
    code: 200,
    user: 'bob',
  },
  {
    _id: 'c',
    '@timestamp': '2026-03-02T12:00:02.000Z',
    log: 'connection to db.example.com timed out',
    level: 'warn',
    code: 504,
  },
  {
    _id: 'd',
    '@timestamp': '2026-03-02T12:00:03.000Z',
    log: 'user-service started',
    level: 'info',
    user: 'carol',
    tags: ['x', 'y'],
  },
];

beforeAll(async () => {
  sim = await startElasticsearchSim({
    sampleScale: 0,
    replay: false,
    now: () => Date.parse(T) + 60_000,
  });
  sim.bulk('dsl', DOCS);
});
afterAll(() => sim.close());

async function ids(query: unknown): Promise<string[]> {
  return hitIds(await searchOk(sim.url, 'dsl', { query, sort: ['_doc'] }));
}

describe('query DSL over dynamic mappings (text + .keyword, long, date)', () => {
  it.each([
    ['match_all', { match_all: {} }, ['a', 'b', 'c', 'd']],
    ['match analyses and ORs', { match: { log: 'PAYMENT timeout' } }, ['a', 'b']],
    [
      'match with operator and',
      { match: { log: { query: 'payment timeout', operator: 'and' } } },
      ['a'],
    ],
    ['match_phrase needs adjacent tokens', { match_phrase: { log: 'order 43' } }, ['b']],
    ['match_phrase keeps dotted hosts whole', { match_phrase: { log: 'db.example.com' } }, ['c']],
    [
      'multi_match best_fields',
      { multi_match: { query: 'alice', type: 'best_fields', lenient: true } },
      ['a'],
    ],
    [
      'multi_match phrase',
      { multi_match: { query: 'payment ok', type: 'phrase', lenient: true } },
      ['b'],
    ],
    ['term on keyword is exact', { term: { 'user.keyword': 'alice' } }, []],
    [
      'term case_insensitive',
      { term: { 'user.keyword': { value: 'alice', case_insensitive: true } } },
      ['a'],
    ],
    ['term on text meets lower-cased tokens', { term: { log: 'FAILED' } }, []],
    ['term on text token', { term: { log: 'failed' } }, ['a']],
    ['terms', { terms: { 'level.keyword': ['warn', 'error'] } }, ['a', 'c']],
    ['term on long', { term: { code: 200 } }, ['b']],
    ['wildcard on keyword', { wildcard: { 'user.keyword': { value: 'c*l' } } }, ['d']],
    ['wildcard on text tokens', { wildcard: { log: 'time*' } }, ['a', 'c']],
    ['regexp on keyword', { regexp: { 'level.keyword': 'w.r.' } }, ['c']],
    ['range on numbers', { range: { code: { gte: 500, lt: 504 } } }, ['a']],
    [
      'range on dates, epoch_millis',
      {
        range: {
          '@timestamp': { gt: Date.parse(T), lte: Date.parse(T) + 2000, format: 'epoch_millis' },
        },
      },
      ['b', 'c'],
    ],
    [
      'range on dates, ISO and date math',
      { range: { '@timestamp': { gte: 'now-58s' } } },
      ['c', 'd'],
    ],
    ['exists', { exists: { field: 'code' } }, ['a', 'b', 'c']],
    ['exists on array field', { exists: { field: 'tags' } }, ['d']],
    [
      'nested is evaluated on dotted paths',
      { nested: { path: 'x', query: { term: { 'level.keyword': 'warn' } } } },
      ['c'],
    ],
    ['unmapped field matches nothing', { term: { nope: 'x' } }, []],
  ])('%s', async (_name, query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });
});

describe('bool', () => {
  it.each([
    [
      'must + filter',
      {
        bool: {
          must: { match: { log: 'payment' } },
          filter: [{ term: { 'level.keyword': 'info' } }],
        },
      },
      ['b'],
    ],
    ['must_not', { bool: { must_not: [{ match: { log: 'payment' } }] } }, ['c', 'd']],
    [
      'should alone needs one',
      { bool: { should: [{ term: { code: 200 } }, { term: { code: 504 } }] } },
      ['b', 'c'],
    ],
    [
      'should beside filter is optional',
      { bool: { filter: { exists: { field: 'user' } }, should: [{ term: { code: 1 } }] } },
      ['a', 'b', 'd'],
    ],
    [
      'minimum_should_match 2',
      {
        bool: {
          should: [
            { match: { log: 'payment' } },
            { match: { log: 'order' } },
            { match: { log: 'timeout' } },
          ],
          minimum_should_match: 2,
        },
      },
      ['a', 'b'],
    ],
    [
      'minimum_should_match 100%',
      {
        bool: {
          should: [{ match: { log: 'payment' } }, { match: { log: 'timeout' } }],
          minimum_should_match: '100%',
        },
      },
      ['a'],
    ],
    [
      'KQL-style should with minimum_should_match 1',
      {
        bool: {
          filter: [
            { bool: { should: [{ match: { 'level.keyword': 'info' } }], minimum_should_match: 1 } },
          ],
        },
      },
      ['b', 'd'],
    ],
  ])('%s', async (_name, query, expected) => {
    expect(await ids(query)).toEqual(expected);
  });
});

describe('query_string (Lucene syntax)', () => {
  const qs = (query: string, extra: object = {}) => ids({ query_string: { query, ...extra } });
  it.each([
    ['payment', ['a', 'b']],
    ['payment AND timeout', ['a']],
    ['payment OR started', ['a', 'b', 'd']],
    ['payment NOT timeout', ['b']],
    ['payment -timeout', ['b']],
    ['+payment +ok', ['b']],
    ['NOT payment', ['c', 'd']],
    ['(payment OR started) AND NOT level:info', ['a']],
    ['"order 42"', ['a']],
    ['level:warn', ['c']],
    ['log:tim*', ['a', 'c']],
    ['log:TIM*', ['a', 'c']],
    ['user.keyword:Al?ce', ['a']],
    ['code:[500 TO 504}', ['a']],
    ['code:>=504', ['c']],
    ['_exists_:tags', ['d']],
    ['user:*', ['a', 'b', 'd']],
    ['*:*', ['a', 'b', 'c', 'd']],
    ['log:/tim.*/', ['a', 'c']],
    ['user\\-service', ['d']],
  ])('%s', async (query, expected) => {
    expect(await qs(query)).toEqual(expected);
  });

  it('uses default_field, fields and default_operator', async () => {
    expect(await qs('alice', { default_field: 'log' })).toEqual([]);
    expect(await qs('alice', { fields: ['user', 'log'] })).toEqual(['a']);
    expect(await qs('payment timeout', { default_operator: 'AND' })).toEqual(['a']);
  });

  it.each([
    ['foo AND', 'Cannot parse \'foo AND\': Encountered "<EOF>" at line 1, column 7.'],
    ['title:(foo', 'Cannot parse \'title:(foo\': Encountered "<EOF>" at line 1, column 10.'],
    ['AND foo', 'Cannot parse \'AND foo\': Encountered " <AND> "AND "" at line 1, column 0.'],
    ['"open', "Cannot parse '\"open': Lexical error at line 1, column 6."],
  ])('refuses %s as Elasticsearch does', async (query, message) => {
    const { status, json } = await call(`${sim.url}/dsl/_search`, 'POST', {
      query: { query_string: { query } },
    });
    expect(status).toBe(400);
    const error = json.error as Record<string, unknown>;
    expect(error.type).toBe('search_phase_execution_exception');
    const root = (error.root_cause as Record<string, unknown>[])[0];
    expect(root).toMatchObject({
      type: 'query_shard_exception',
      reason: `Failed to parse query [${query}]`,
      index: 'dsl',
    });
    const cause = root?.caused_by as Partial<Record<string, string>>;
    expect(cause.type).toBe('parse_exception');
    expect(cause.reason?.startsWith(message)).toBe(true);
  });
});

describe('errors in the DSL', () => {
  it('answers an unknown query type with a parsing_exception and its position', async () => {
    const { status, json } = await call(
      `${sim.url}/dsl/_search`,
      'POST',
      '{"query":{"fuzzy_thing":{}}}',
    );
    expect(status).toBe(400);
    expect(json).toEqual({
      error: {
        root_cause: [
          { type: 'parsing_exception', reason: 'unknown query [fuzzy_thing]', line: 1, col: 24 },
        ],
        type: 'parsing_exception',
        reason: 'unknown query [fuzzy_thing]',
        line: 1,
        col: 24,
        caused_by: {
          type: 'named_object_not_found_exception',
          reason: '[1:24] unknown field [fuzzy_thing]',
        },
      },
      status: 400,
    });
  });

  it('refuses options a query does not take', async () => {
    const { status, json } = await call(`${sim.url}/dsl/_search`, 'POST', {
      query: { terms: { level: ['x'], ohno: 1 } },
    });
    expect(status).toBe(400);
    expect((json.error as Record<string, unknown>).reason).toBe(
      '[terms] query does not support [ohno]',
    );
  });

  it('fails the shards on a value a long field cannot hold', async () => {
    const { status, json } = await call(`${sim.url}/dsl/_search`, 'POST', {
      query: { term: { code: 'abc' } },
    });
    expect(status).toBe(400);
    expect(JSON.stringify(json)).toContain('For input string: \\"abc\\"');
  });
});
