import { describe, expect, it } from 'vitest';
import { highlightFor, highlightTerms, searchTerms, splitByTerms } from './highlights';

describe('highlights', () => {
  it('takes the literals of |= filters, with or alternatives, and nothing else', () => {
    expect(
      highlightTerms('{a="b"} |= "error" != "debug" |= `x"y` or "z" | json | msg="no"'),
    ).toEqual(['error', 'x"y', 'z']);
    expect(highlightTerms('{a="b"} |= "unterminated')).toEqual([]);
  });

  it('takes KQL free text and line-field values, not other fields, ranges or negations', () => {
    expect(
      searchTerms('kql', 'timeout and namespace:"pay ments" and level:error and not "debug"'),
    ).toEqual(['timeout']);
    expect(
      searchTerms('kql', 'status >= 500 or conn* or not (a or b) or log:("x y" or refused)'),
    ).toEqual(['conn', 'x y', 'refused']);
    expect(searchTerms('kql', 'message:"a b" and pod:x and "c"')).toEqual(['a b', 'c']);
    expect(searchTerms('kql', '"say \\"hi\\"" and "half')).toEqual(['say "hi"', 'half']);
  });

  it('takes Lucene free text, skipping -terms, NOT, ranges and regexps', () => {
    expect(
      searchTerms('lucene', 'error AND -debug AND NOT "x y" AND status:[400 TO 500] AND /re.x/'),
    ).toEqual(['error']);
    expect(searchTerms('lucene', '+refused~1 OR ns:"shop" OR code:>500 OR log:"x"')).toEqual([
      'refused',
      'x',
    ]);
  });

  it('marks search terms regardless of case, LogQL terms exactly', () => {
    expect(highlightFor('kql', 'error')).toEqual({ terms: ['error'], ignoreCase: true });
    expect(highlightFor('logql', '{a="b"} |= "x"')).toEqual({ terms: ['x'], ignoreCase: false });
    expect(splitByTerms('ERROR: an error', { terms: ['error'], ignoreCase: true })).toEqual([
      { text: 'ERROR', hit: true },
      { text: ': an ', hit: false },
      { text: 'error', hit: true },
    ]);
  });

  it('splits text around every occurrence, longest term first at a position', () => {
    const highlight = { terms: ['error', 'errors'], ignoreCase: false };
    expect(splitByTerms('an error, errors, Error', highlight)).toEqual([
      { text: 'an ', hit: false },
      { text: 'error', hit: true },
      { text: ', ', hit: false },
      { text: 'errors', hit: true },
      { text: ', Error', hit: false },
    ]);
    expect(splitByTerms('nothing', { terms: ['x'], ignoreCase: false })).toEqual([
      { text: 'nothing', hit: false },
    ]);
  });
});
