import { describe, expect, it } from 'vitest';
import { highlightTerms, splitByTerms } from './highlights';

describe('highlights', () => {
  it('takes the literals of |= filters, with or alternatives, and nothing else', () => {
    expect(
      highlightTerms('{a="b"} |= "error" != "debug" |= `x"y` or "z" | json | msg="no"'),
    ).toEqual(['error', 'x"y', 'z']);
    expect(highlightTerms('{a="b"} |= "unterminated')).toEqual([]);
  });

  it('splits text around every occurrence, longest term first at a position', () => {
    expect(splitByTerms('an error, errors', ['error', 'errors'])).toEqual([
      { text: 'an ', hit: false },
      { text: 'error', hit: true },
      { text: ', ', hit: false },
      { text: 'errors', hit: true },
    ]);
    expect(splitByTerms('nothing', ['x'])).toEqual([{ text: 'nothing', hit: false }]);
  });
});
