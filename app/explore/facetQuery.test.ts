import { describe, expect, it } from 'vitest';
import { addFilter, addFilterIn } from './facetQuery';

describe('addFilter', () => {
  it('puts stream labels into the selector, replacing the match-all matcher', () => {
    expect(addFilter('{job=~".+"}', 'namespace', 'shop', false, true)).toBe('{namespace="shop"}');
    expect(addFilter('{job=~".+"} |= "GET"', 'pod', 'web-1', true, true)).toBe(
      '{pod!="web-1"} |= "GET"',
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
    expect(addFilterIn('kql', '', 'my field', 'x', false, false)).toBe('my\\ field:"x"');
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
