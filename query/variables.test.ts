import { describe, expect, it } from 'vitest';
import { parseLucene } from '../sim/elasticsearch/luceneParser';
import { parseInsights } from './insights';
import { parseKQL } from './kql';
import { parseLogQL } from './logql/parse';
import {
  interpolateVariables,
  resolveDatasourceRefs,
  usesBuiltins,
  variablesIn,
  withBuiltinPlaceholders,
} from './variables';

const VALUES = [
  'shop',
  'say "hi"',
  'C:\\new\\path',
  'line1\nline2',
  'a*b?',
  'web-1.x',
  'ünïcødé ✓',
  '}{,|',
  "it's",
  '$other',
  '(a|b)+[c]^$',
];

/** The value as the only thing a regex accepts, checked with the regex the query now holds. */
function matchesOnly(pattern: string, value: string): void {
  const re = new RegExp(`^(?:${pattern})$`);
  expect(re.test(value), `${pattern} on ${value}`).toBe(true);
  expect(re.test(`${value}x`)).toBe(false);
  if (value.includes('.')) expect(re.test(value.replace('.', 'Z'))).toBe(false);
}

describe('interpolateVariables: each value stays one literal, read back exactly by the real parser', () => {
  it('LogQL: selector, line filter, regex and label filter', () => {
    for (const v of VALUES) {
      const query = interpolateVariables(
        '{namespace="$ns", pod=~"${pod}"} |= $text | json | app=`$app`',
        'logql',
        { ns: v, pod: v, text: v, app: v.replace(/`/g, '') },
      );
      const ir = parseLogQL(query);
      if (ir.kind !== 'log') throw new Error(query);
      expect(ir.selector[0]).toMatchObject({ name: 'namespace', op: '=', value: v });
      const pod = ir.selector[1];
      if (!pod) throw new Error(query);
      matchesOnly(pod.value, v);
      expect(ir.pipeline[0]).toMatchObject({ kind: 'lineFilter' });
      expect(JSON.stringify(ir.pipeline[0])).toContain(JSON.stringify(v).slice(1, -1));
      const last = ir.pipeline.at(-1);
      if (last?.kind !== 'labelFilter' || last.predicate.kind !== 'string') throw new Error(query);
      expect(last.predicate.value).toBe(v.replace(/`/g, ''));
    }
  });

  it('LogQL: a backquote cannot go in a raw string, and says so', () => {
    expect(() => interpolateVariables('{a=`$v`}', 'logql', { v: 'x`y' })).toThrow(/backquote/);
  });

  it('KQL: bare and quoted places both give one phrase', () => {
    for (const v of VALUES) {
      const query = interpolateVariables('namespace:$ns and message:"$text"', 'kql', {
        ns: v,
        text: v,
      });
      expect(parseKQL(query).filter, query).toMatchObject({
        kind: 'and',
        operands: [
          { field: { name: 'namespace' }, value: { kind: 'phrase', value: v } },
          { field: { name: 'message' }, value: { kind: 'phrase', value: v } },
        ],
      });
    }
  });

  it('Lucene: a quoted term, as query_string reads it', () => {
    for (const v of VALUES) {
      const query = interpolateVariables('namespace:$ns', 'lucene', { ns: v });
      const node = parseLucene(query, true);
      expect(node.kind === 'bool' ? node.clauses[0]?.node : node, query).toMatchObject({
        kind: 'term',
        field: 'namespace',
        text: v,
        quoted: true,
      });
    }
  });

  it('Insights: strings in both quotes and a regex literal', () => {
    for (const v of VALUES) {
      const query = interpolateVariables(
        "filter namespace = $ns and app = '$app' | filter pod =~ /$pod/",
        'insights',
        { ns: v, app: v, pod: v },
      );
      const [first, second] = parseInsights(query).commands;
      expect(
        first?.kind === 'filter' && 'filter' in first.search && first.search.filter,
        query,
      ).toMatchObject({
        kind: 'and',
        operands: [{ value: { value: v } }, { value: { value: v } }],
      });
      expect(second?.kind, query).toBe('filter');
      const literal = /=~ \/(.*)\/$/s.exec(query)?.[1] ?? '';
      matchesOnly(literal.replace(/\\\//g, '/'), v);
    }
  });

  it('puts built-in durations in bare, and leaves unknown names and lone dollars alone', () => {
    expect(
      interpolateVariables('sum(rate({a="b"}[$__interval]))', 'logql', {}, { __interval: '1m' }),
    ).toBe('sum(rate({a="b"}[1m]))');
    expect(interpolateVariables('{a=~"x$", b="$nope"} |= $', 'logql', { other: 'z' })).toBe(
      '{a=~"x$", b="$nope"} |= $',
    );
    expect(interpolateVariables('{a="$toString"}', 'logql', {})).toBe('{a="$toString"}');
  });

  it('does not look for variables in what an earlier value put in', () => {
    expect(interpolateVariables('{a="$x", b="$y"}', 'logql', { x: '$y', y: 'Y' })).toBe(
      '{a="$y", b="Y"}',
    );
  });
});

describe('variablesIn and resolveDatasourceRefs', () => {
  it('lists each name once, in both spellings', () => {
    expect(variablesIn('{a="$ns", b="${pod}"} |= $ns [$__interval]')).toEqual([
      'ns',
      'pod',
      '__interval',
    ]);
  });

  it('replaces a datasource variable and refuses one without a value', () => {
    expect(resolveDatasourceRefs(['loki', '$ds'], { ds: 'es' })).toEqual(['loki', 'es']);
    expect(() => resolveDatasourceRefs(['$ds'], {})).toThrow(/\$ds has no value/);
  });
});

describe('built-in durations for parsers and requests', () => {
  it('tells when a query uses them, in both spellings', () => {
    expect(usesBuiltins('rate({a="b"}[$__interval])')).toBe(true);
    expect(usesBuiltins('rate({a="b"}[${__range}])')).toBe(true);
    expect(usesBuiltins('{a="$__intervals"}')).toBe(false);
    expect(usesBuiltins('{a="b"}')).toBe(false);
  });

  it('keeps positions while giving the parser a duration', () => {
    for (const text of [
      'sum by (pod) (rate({a="$x"}[$__interval]))',
      'count_over_time({a="b"}[${__range}])',
    ]) {
      const placed = withBuiltinPlaceholders(text);
      expect(placed).toHaveLength(text.length);
      expect(() => parseLogQL(placed)).not.toThrow();
      expect(() => parseLogQL(text)).toThrow();
    }
  });
});
