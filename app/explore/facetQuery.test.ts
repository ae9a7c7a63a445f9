import { describe, expect, it } from 'vitest';
import { parseInsights } from '../../query/insights';
import { parseKQL } from '../../query/kql';
import { parseLogQL } from '../../query/logql/parse';
import { parseLucene } from '../../sim/elasticsearch/luceneParser';
import { addFilter, addFilterIn } from './facetQuery';

describe('addFilter', () => {
  it('puts stream labels into the selector, replacing the match-all matcher', () => {
    expect(addFilter('{job=~".+"}', 'namespace', 'shop', false, true)).toBe('{namespace="shop"}');
    expect(addFilter('{job=~".+"} |= "GET"', 'pod', 'web-1', true, true)).toBe(
      '{job=~".+", pod!="web-1"} |= "GET"',
    );
  });

  it('adds to or replaces a matcher of the same label', () => {
    expect(addFilter('{app="x"}', 'namespace', 'shop', false, true)).toBe(
      '{app="x", namespace="shop"}',
    );
    expect(addFilter('{app="x", namespace="a"} | json', 'namespace', 'b', true, true)).toBe(
      '{app="x", namespace!="b"} | json',
    );
  });

  it('filters extracted fields after the pipeline, quoting values safely', () => {
    expect(addFilter('{app="x"} | json', 'status', '500', false, false)).toBe(
      '{app="x"} | json | status="500"',
    );
    expect(addFilter('{app="x"}', 'msg', 'say "hi"', true, false)).toBe(
      '{app="x"} | msg!="say \\"hi\\""',
    );
  });
});

describe('addFilterIn', () => {
  it('writes KQL clauses joined with and, negated with not', () => {
    expect(addFilterIn('kql', '', 'namespace', 'prod', false, true)).toBe('namespace:"prod"');
    expect(addFilterIn('kql', 'error', 'namespace', 'prod', true, true)).toBe(
      'error and not namespace:"prod"',
    );
    expect(addFilterIn('kql', 'a:b or c:d', 'pod', 'say "hi"', false, false)).toBe(
      '(a:b or c:d) and pod:"say \\"hi\\""',
    );
    expect(addFilterIn('kql', '', 'my field', 'x', false, false)).toBe('"my field":"x"');
  });

  it('writes Lucene clauses with AND and NOT', () => {
    expect(addFilterIn('lucene', '', 'namespace', 'prod', false, true)).toBe('namespace:"prod"');
    expect(addFilterIn('lucene', 'level:error', 'namespace', 'prod', true, true)).toBe(
      'level:error AND NOT namespace:"prod"',
    );
    expect(addFilterIn('lucene', 'a OR b', 'namespace', 'prod', false, true)).toBe(
      '(a OR b) AND namespace:"prod"',
    );
  });

  it('flips a clause clicked the other way instead of adding its opposite', () => {
    expect(addFilterIn('kql', 'x and namespace:"prod"', 'namespace', 'prod', true, true)).toBe(
      'x and not namespace:"prod"',
    );
    expect(addFilterIn('lucene', 'NOT namespace:"prod"', 'namespace', 'prod', false, true)).toBe(
      'namespace:"prod"',
    );
    expect(addFilterIn('kql', 'namespace:"prod"', 'namespace', 'prod', false, true)).toBe(
      'namespace:"prod"',
    );
  });

  it('keeps the LogQL behaviour for LogQL', () => {
    expect(addFilterIn('logql', '{job=~".+"}', 'namespace', 'shop', false, true)).toBe(
      '{namespace="shop"}',
    );
  });
});

/** Field names and values that break naive quoting. */
const FIELDS = [
  'namespace',
  'kubernetes.pod_name',
  'app-name',
  'my field',
  'héllo.wörld',
  'and',
  'a:b(c)*',
];
const VALUES = [
  'shop',
  'say "hi"',
  'C:\\new\\path',
  'line1\nline2',
  'a*b?',
  'ünïcødé ✓',
  '}{,|',
  "it's",
  '500',
];

/** The one filter a query ends with, as its real parser reads it. */
interface Parsed {
  field: string;
  value: string;
  exclude: boolean;
}

function lastKql(query: string): Parsed {
  let node = parseKQL(query).filter;
  if (node?.kind === 'and') node = node.operands.at(-1) ?? null;
  const exclude = node?.kind === 'not';
  if (node?.kind === 'not') node = node.operand;
  if (node?.kind !== 'is' || node.value.kind !== 'phrase')
    throw new Error(`not a phrase: ${query}`);
  return { field: node.field?.name ?? '', value: node.value.value, exclude };
}

function lastLucene(query: string): Parsed {
  let node = parseLucene(query, true);
  let exclude = false;
  if (node.kind === 'bool') {
    const clause = node.clauses.at(-1);
    exclude = clause?.occur === 'must_not';
    if (!clause) throw new Error(query);
    node = clause.node;
  }
  if (node.kind !== 'term' || !node.quoted) throw new Error(`not a phrase: ${query}`);
  return { field: node.field ?? '', value: node.text, exclude };
}

function lastInsights(query: string): Parsed {
  const command = parseInsights(query).commands.at(-1);
  if (command?.kind !== 'filter' || !('filter' in command.search)) throw new Error(query);
  let node = command.search.filter;
  const exclude = node.kind === 'not';
  if (node.kind === 'not') node = node.operand;
  if (node.kind !== 'is' || node.value.kind === 'wildcard') throw new Error(query);
  return { field: node.field?.name ?? '', value: String(node.value.value), exclude };
}

function lastLogql(query: string, streamLabel: boolean): Parsed {
  const ir = parseLogQL(query);
  if (ir.kind !== 'log') throw new Error(query);
  if (streamLabel) {
    const m = ir.selector.at(-1);
    if (!m) throw new Error(query);
    return { field: m.name, value: m.value, exclude: m.op === '!=' };
  }
  const stage = ir.pipeline.at(-1);
  if (stage?.kind !== 'labelFilter' || stage.predicate.kind !== 'string') throw new Error(query);
  const p = stage.predicate;
  return { field: p.name, value: p.value, exclude: p.op === '!=' };
}

describe('filters from clicks stay one exact filter in every language', () => {
  const cases = FIELDS.flatMap((field) => VALUES.map((value) => [field, value] as const));

  it('KQL: quoted names and phrases, flipped both ways', () => {
    for (const [field, value] of cases) {
      for (const base of ['', 'level:"error"', 'a:b or c:d']) {
        const included = addFilterIn('kql', base, field, value, false, false);
        expect(lastKql(included), included).toEqual({ field, value, exclude: false });
        const excluded = addFilterIn('kql', included, field, value, true, false);
        expect(lastKql(excluded), excluded).toEqual({ field, value, exclude: true });
        expect(addFilterIn('kql', excluded, field, value, false, false)).toBe(included);
      }
    }
  });

  it('Lucene: escaped names and phrases, as query_string reads them', () => {
    for (const [field, value] of cases) {
      const included = addFilterIn('lucene', 'level:error', field, value, false, false);
      expect(lastLucene(included), included).toEqual({ field, value, exclude: false });
      const excluded = addFilterIn('lucene', included, field, value, true, false);
      expect(lastLucene(excluded), excluded).toEqual({ field, value, exclude: true });
    }
  });

  it('Insights: backquoted names, escaped strings, numbers bare, flipped both ways', () => {
    for (const [field, value] of cases) {
      for (const base of ['', 'fields @message | sort @timestamp desc']) {
        const included = addFilterIn('insights', base, field, value, false, false);
        expect(lastInsights(included), included).toEqual({ field, value, exclude: false });
        const excluded = addFilterIn('insights', included, field, value, true, false);
        expect(lastInsights(excluded), excluded).toEqual({ field, value, exclude: true });
        expect(addFilterIn('insights', excluded, field, value, false, false)).toBe(included);
      }
    }
    expect(addFilterIn('insights', '', 'status', '500', false, false)).toBe('filter status = 500');
    expect(addFilterIn('insights', '', 'id', '007', false, false)).toBe('filter id = "007"');
  });

  it("LogQL: stream labels in the selector, other fields filtered under Loki's label name", () => {
    for (const [field, value] of cases) {
      const name = field.replace(/[^A-Za-z0-9_]/g, '_');
      const filtered = addFilterIn('logql', '{app="x"} | json', field, value, false, false);
      expect(lastLogql(filtered, false), filtered).toEqual({ field: name, value, exclude: false });
      const flipped = addFilterIn('logql', filtered, field, value, true, false);
      expect(lastLogql(flipped, false), flipped).toEqual({ field: name, value, exclude: true });
      expect(addFilterIn('logql', flipped, field, value, false, false)).toBe(filtered);
    }
    for (const value of VALUES) {
      const selected = addFilterIn('logql', '{app="}{,"} |= "x"', 'namespace', value, false, true);
      expect(lastLogql(selected, true), selected).toEqual({
        field: 'namespace',
        value,
        exclude: false,
      });
      expect(parseLogQL(selected)).toMatchObject({ selector: [{ name: 'app', value: '}{,' }, {}] });
      const excluded = addFilterIn('logql', selected, 'namespace', value, true, true);
      expect(lastLogql(excluded, true), excluded).toEqual({
        field: 'namespace',
        value,
        exclude: true,
      });
    }
  });

  it('LogQL: an exclusion alone keeps a matcher that selects streams, as Loki requires', () => {
    expect(addFilter('{namespace="a"}', 'namespace', 'a', true, true)).toBe(
      '{job=~".+", namespace!="a"}',
    );
    expect(addFilter('{namespace!="a"}', 'namespace', 'a', false, true)).toBe('{namespace="a"}');
  });
});
