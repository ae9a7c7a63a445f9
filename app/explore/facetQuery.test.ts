import { describe, expect, it } from 'vitest';
import { addFilter } from './facetQuery';

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
