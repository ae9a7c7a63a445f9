import { describe, expect, it } from 'vitest';
import { LogsiftError } from '../../model';
import { parseLogQL } from './parse';

function failure(query: string): { code: string; message: string; marked: string } {
  try {
    parseLogQL(query);
  } catch (error) {
    if (!(error instanceof LogsiftError)) throw error;
    const { from, to } = error.position ?? { from: 0, to: 0 };
    return { code: error.code, message: error.message, marked: query.slice(from, to) };
  }
  throw new Error(`expected ${query} to fail`);
}

describe('parseLogQL', () => {
  it('parses selectors and chained line filters with or', () => {
    const ir = parseLogQL('{app="a", env!="dev", pod=~"web-.*"} |= "x" or "y" != "z"');
    expect(ir.kind).toBe('log');
    if (ir.kind !== 'log') return;
    expect(ir.selector.map((m) => [m.name, m.op, m.value])).toEqual([
      ['app', '=', 'a'],
      ['env', '!=', 'dev'],
      ['pod', '=~', 'web-.*'],
    ]);
    expect(ir.pipeline).toMatchObject([
      { kind: 'lineFilter', op: '|=', values: ['x', 'y'] },
      { kind: 'lineFilter', op: '!=', values: ['z'] },
    ]);
  });

  it('parses parsers and label filters with units and boolean logic', () => {
    const ir = parseLogQL(
      '{job=~"nginx.*"} | json | status >= 500 and duration > 1s, size < 20KB or level="error"',
    );
    if (ir.kind !== 'log') throw new Error('log query expected');
    const [json, filter] = ir.pipeline;
    expect(json).toMatchObject({ kind: 'json', extract: [] });
    expect(filter).toMatchObject({
      kind: 'labelFilter',
      predicate: {
        kind: 'or',
        left: {
          kind: 'and',
          left: { kind: 'and', left: { name: 'status', op: '>=', value: 500 } },
        },
        right: { kind: 'string', name: 'level', value: 'error' },
      },
    });
  });

  it('groups label filters in parentheses, as Loki does', () => {
    const ir = parseLogQL('{a="b"} | logfmt | (level="error" or status >= 500) and path=~"/api.*"');
    if (ir.kind !== 'log') throw new Error('log query expected');
    expect(ir.pipeline[1]).toMatchObject({
      kind: 'labelFilter',
      predicate: {
        kind: 'and',
        left: {
          kind: 'or',
          left: { kind: 'string', name: 'level', value: 'error' },
          right: { kind: 'number', name: 'status', op: '>=', value: 500 },
        },
        right: { kind: 'string', name: 'path', op: '=~' },
      },
    });
  });

  it('keeps every stage of a long pipeline in order', () => {
    const ir = parseLogQL(
      '{a="b"} | json x="a.b", y | logfmt | regexp "(?P<ip>\\\\d+)" | pattern "<m> <_>" | unpack | label_format n=m, t="{{.m}}!" | line_format "{{ .m }} {{.n}}" | drop x, y="z" | keep a | decolorize',
    );
    if (ir.kind !== 'log') throw new Error('log query expected');
    expect(ir.pipeline.map((s) => s.kind)).toEqual([
      'json',
      'logfmt',
      'regexp',
      'pattern',
      'unpack',
      'labelFormat',
      'lineFormat',
      'drop',
      'keep',
      'decolorize',
    ]);
    expect(ir.pipeline[0]).toMatchObject({
      extract: [
        { name: 'x', path: 'a.b' },
        { name: 'y', path: 'y' },
      ],
    });
    expect(ir.pipeline[6]).toMatchObject({
      template: [{ label: 'm' }, { text: ' ' }, { label: 'n' }],
    });
  });

  it('decodes escapes and raw strings', () => {
    const ir = parseLogQL('{a="q\\"uote"} |= `C:\\raw` |~ "\\\\d+"');
    if (ir.kind !== 'log') throw new Error('log query expected');
    expect(ir.selector[0]?.value).toBe('q"uote');
    expect(ir.pipeline).toMatchObject([{ values: ['C:\\raw'] }, { values: ['\\d+'] }]);
  });

  it('parses metric queries with grouping before or after', () => {
    const sum = parseLogQL('sum by (level) (count_over_time({namespace="shop"} | logfmt [5m]))');
    expect(sum).toMatchObject({
      kind: 'metric',
      expr: {
        kind: 'vector',
        op: 'sum',
        grouping: { mode: 'by', labels: ['level'] },
        inner: { kind: 'range', op: 'count_over_time', rangeMs: 300_000 },
      },
    });
    const top = parseLogQL('topk(3, sum(rate({app="x"}[1m])) without (pod))');
    expect(top).toMatchObject({
      expr: {
        op: 'topk',
        param: 3,
        inner: { op: 'sum', grouping: { mode: 'without', labels: ['pod'] }, inner: { op: 'rate' } },
      },
    });
    const three = parseLogQL('sum by (namespace, pod, level) (rate({app="x"}[1m]))');
    expect(three).toMatchObject({
      expr: { grouping: { mode: 'by', labels: ['namespace', 'pod', 'level'] } },
    });
  });

  it.each([
    ['{foo', 'bad_query', 'foo', /closing "\}"/],
    ['{job="nginx"} |= "x" | jsn', 'bad_query', 'jsn', /expected a parser/],
    ['{a="b"} |= "x', 'bad_query', '"x', /unterminated string/],
    ['{a="b"} offset 5m', 'bad_query', 'offset', /unexpected "offset"/],
    ['{a=""}', 'bad_query', '{a=""}', /at least one/],
    ['count_over_time({a="b"}[0s])', 'bad_query', '0s', /positive duration/],
    ['{a=~"("}', 'bad_query', '"("', /invalid regular expression/],
    ['   ', 'bad_query', '', /empty/],
  ])('refuses %s with a positioned error', (query, code, marked, message) => {
    const error = failure(query);
    expect(error.code).toBe(code);
    expect(error.marked).toBe(marked);
    expect(error.message).toMatch(message);
  });

  it.each([
    [
      'quantile_over_time(0.9, {a="b"} | unwrap x [5m])',
      'quantile_over_time',
      'quantile_over_time',
    ],
    ['sum(count_over_time({a="b"}[5m])) / 2', 'binary operator "/"', '/'],
    ['sum by (a) (rate({a="b"}[1m])) > 5', 'binary operator ">"', '>'],
    ['sum(rate({a="b"}[1m])) or vector(0)', 'binary operator "or"', 'or'],
    ['vector(1)', 'function "vector"', 'vector(1)'],
    [
      'label_replace(rate({a="b"}[1m]), "x", "$1", "y", "(.*)")',
      'function "label_replace"',
      'label_replace(rate({a="b"}[1m]), "x", "$1", "y", "(.*)")',
    ],
    ['{a="b"} | logfmt --strict', 'logfmt flag "--strict"', '--strict'],
    ['{a="b"} | logfmt --keep-empty | x="y"', 'logfmt flag "--keep-empty"', '--keep-empty'],
    ['{a="b"} | line_format "{{.x | upper}}"', 'upper', '"{{.x | upper}}"'],
  ])('refuses the unsupported construct in %s by name', (query, named, marked) => {
    const error = failure(query);
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain(named);
    expect(error.marked).toBe(marked);
  });
});

describe('RE2 in JavaScript', () => {
  it('folds a leading (?i) into both-case classes, leaving escapes and classes alone', async () => {
    const { toJsRegex } = await import('./operators');
    const re = new RegExp(toJsRegex('(?i)decl\\w+ed [a-c]x'));
    expect(re.test('DECLINED ax')).toBe(true);
    expect(re.test('Declined Bx')).toBe(false);
    expect(toJsRegex('(?P<id>\\d+)')).toBe('(?<id>\\d+)');
    expect(toJsRegex('(?i)(?P<id>ab)')).toBe('(?<id>[aA][bB])');
  });
});
