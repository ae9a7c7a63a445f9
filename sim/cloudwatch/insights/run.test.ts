import { describe, expect, it } from 'vitest';
import { rows, run, storeOf } from './testing';

const store = storeOf([
  JSON.stringify({
    level: 'info',
    ms: 120,
    user: 'ann',
    path: '/cart',
    kubernetes: { namespace_name: 'shop' },
  }),
  JSON.stringify({
    level: 'error',
    ms: 900,
    user: 'bo',
    path: '/pay',
    kubernetes: { namespace_name: 'payments' },
  }),
  'plain text user=cy took=45ms',
  JSON.stringify({ level: 'ERROR', ms: 30, user: 'ann', path: '/pay', tags: ['a', 'b'] }),
  JSON.stringify({ level: 'warn', ms: 300, path: '/cart', kubernetes: { namespace_name: 'shop' } }),
]);

describe('runInsights', () => {
  it('returns events newest first with the default columns and @ptr', () => {
    const answer = run(store, 'limit 2');
    expect(answer.rows[0]).toEqual([
      { field: '@timestamp', value: '2026-03-02 12:00:04.000' },
      { field: '@message', value: expect.stringContaining('"warn"') },
      { field: '@logStream', value: 'app-1' },
      { field: '@log', value: '123456789012:/test/app' },
      { field: '@ptr', value: 'ptr-4' },
    ]);
    expect(answer.rows).toHaveLength(2);
    expect(answer).toMatchObject({ recordsMatched: 5, recordsScanned: 5 });
  });

  it('discovers JSON fields, flattened with dots and array indexes', () => {
    expect(
      rows(store, 'fields kubernetes.namespace_name as ns, tags.1 | filter ispresent(ns)'),
    ).toEqual([
      { ns: 'shop', '@ptr': 'ptr-4' },
      { ns: 'payments', '@ptr': 'ptr-1' },
      { ns: 'shop', '@ptr': 'ptr-0' },
    ]);
    expect(rows(store, 'fields tags.1 | filter ispresent(tags.1)')).toEqual([
      { 'tags.1': 'b', '@ptr': 'ptr-3' },
    ]);
  });

  it.each([
    ['level = "error"', ['bo']],
    ['level != "error"', ['ann', 'ann']],
    ['ms > 100 and ms <= 900', ['bo', 'ann']],
    ['ms >= 900 or user = "ann"', ['ann', 'bo', 'ann']],
    ['not ms < 300', ['bo']],
    ['level like /(?i)^error$/', ['ann', 'bo']],
    ['level =~ /^e/', ['bo']],
    ['@message like "user=cy"', []],
    ['path in ["/pay", "/nope"]', ['ann', 'bo']],
    ['path not in ["/pay"]', ['ann']],
    ['strcontains(path, "ar")', ['ann']],
    ['isempty(user)', []],
    ['tolower(level) = "error" and strlen(user) = 3', ['ann']],
  ])('filter %s', (filter, users) => {
    const found = rows(store, `fields user | filter ${filter} | filter ispresent(user)`);
    expect(found.map((r) => r.user)).toEqual(users);
  });

  it('computes fields with functions and arithmetic', () => {
    expect(
      rows(
        store,
        'fields concat(user, "@", path) as who, ms * 2 + 1 as x, coalesce(user, "-") as u, toupper(level) | limit 2',
      ),
    ).toEqual([
      { who: '@/cart', x: '601', u: '-', 'toupper(level)': 'WARN', '@ptr': 'ptr-4' },
      { who: 'ann@/pay', x: '61', u: 'ann', 'toupper(level)': 'ERROR', '@ptr': 'ptr-3' },
    ]);
  });

  it('parses with a glob and with named groups', () => {
    expect(
      rows(
        store,
        'parse @message "user=* took=*ms" as who, took | filter ispresent(who) | display who, took',
      ),
    ).toEqual([{ who: 'cy', took: '45', '@ptr': 'ptr-2' }]);
    expect(
      rows(store, 'parse @message /took=(?<took>\\d+)/ | filter took > 40 | display took'),
    ).toEqual([{ took: '45', '@ptr': 'ptr-2' }]);
  });

  it('parses @message by default, and logfmt into fields under a prefix', () => {
    const lines = storeOf(['level=info msg="cart updated" items=5', 'ts=1 level=error msg=boom']);
    expect(rows(lines, 'parse "msg=*" as m | display m')).toEqual([
      { m: 'boom', '@ptr': 'ptr-1' },
      { m: '"cart updated" items=5', '@ptr': 'ptr-0' },
    ]);
    expect(rows(lines, 'parse /level=(?<lvl>\\w+)/ | filter lvl = "error" | display lvl')).toEqual([
      { lvl: 'error', '@ptr': 'ptr-1' },
    ]);
    expect(rows(lines, 'parse @message logfmt as lf | display lf.level, lf.msg, lf.items')).toEqual(
      [
        { 'lf.level': 'error', 'lf.msg': 'boom', '@ptr': 'ptr-1' },
        { 'lf.level': 'info', 'lf.msg': 'cart updated', 'lf.items': '5', '@ptr': 'ptr-0' },
      ],
    );
    expect(rows(lines, 'parse logfmt | stats count(*) by level | sort level')).toEqual([
      { level: 'error', 'count(*)': '1' },
      { level: 'info', 'count(*)': '1' },
    ]);
  });

  it('aggregates by fields and time bins, with no @ptr', () => {
    expect(
      rows(store, 'stats count(*) as n, sum(ms), max(ms) by path | sort n desc, path asc'),
    ).toEqual([
      { path: '/cart', n: '2', 'sum(ms)': '420', 'max(ms)': '300' },
      { path: '/pay', n: '2', 'sum(ms)': '930', 'max(ms)': '900' },
      { n: '1', 'sum(ms)': '0' },
    ]);
    expect(rows(store, 'filter ispresent(ms) | stats count(*) by bin(2s)')).toEqual([
      { 'bin(2s)': '2026-03-02 12:00:04.000', 'count(*)': '1' },
      { 'bin(2s)': '2026-03-02 12:00:02.000', 'count(*)': '1' },
      { 'bin(2s)': '2026-03-02 12:00:00.000', 'count(*)': '2' },
    ]);
    expect(
      rows(
        store,
        'stats count(user), count_distinct(user), avg(ms), min(ms), pct(ms, 50), sum(ms) / count(ms) as mean',
      ),
    ).toEqual([
      {
        'count(user)': '3',
        'count_distinct(user)': '2',
        'avg(ms)': '337.5',
        'min(ms)': '30',
        'pct(ms, 50)': '120',
        mean: '337.5',
      },
    ]);
    expect(run(store, 'filter ms > 100 | stats count(*)')).toMatchObject({ recordsMatched: 3 });
    expect(rows(store, 'stats earliest(user) as first, latest(path) as last')).toEqual([
      { first: 'ann', last: '/cart' },
    ]);
  });

  it('sorts naturally: text before numbers, digit runs by length', () => {
    const values = storeOf(['b10', 'b9', '7', 'A', '12', 'b9x'].map((v) => JSON.stringify({ v })));
    expect(rows(values, 'sort v asc | display v').map((r) => r.v)).toEqual([
      'A',
      'b9',
      'b9x',
      'b10',
      '7',
      '12',
    ]);
    expect(rows(values, 'sort v desc | display v').map((r) => r.v)).toEqual([
      '12',
      '7',
      'b10',
      'b9x',
      'b9',
      'A',
    ]);
  });

  it('dedups in sort order, keeping rows with a missing field', () => {
    expect(rows(store, 'fields user | dedup user').map((r) => r.user)).toEqual([
      undefined,
      'ann',
      undefined,
      'bo',
    ]);
  });

  it('applies the API limit only when the query has no limit command', () => {
    expect(run(store, 'fields user', 2).rows).toHaveLength(2);
    expect(run(store, 'fields user | limit 4', 2).rows).toHaveLength(4);
  });
});
