import { describe, expect, it } from 'vitest';
import { LogsiftError } from '../../model';
import { parseKQL } from './parse';
import { logqlToKql, searchToKql } from './serialize';

const withoutPos = (text: string): unknown =>
  JSON.parse(JSON.stringify(parseKQL(text).filter, (k, v) => (k === 'pos' ? undefined : v)));

describe('searchToKql', () => {
  it.each([
    '',
    '*:*',
    'a or b and not c',
    '(a or b) and c',
    'not (a and b)',
    'f:(x or y)',
    'f:"say \\"hi\\" \\\\"',
    'f:*',
    'f:ab*c',
    'ext*:jpg',
    'bytes >= 10 and t < "2024-01-01T00:00:00"',
    'p:{ x:1 and q:{ y > 2 } }',
    'u:http\\://x/\\(a\\)\\{b\\}',
    'm:a \\or b \\AND c',
    'm:cannot\\u0020x',
    'm:NOT\\u0020x',
    'b:true or b:"true" or n:null',
    'msg:tab\\there',
  ])('%s parses back to the same tree', (kql) => {
    expect(withoutPos(searchToKql(parseKQL(kql)))).toEqual(withoutPos(kql));
  });

  it('writes the canonical form', () => {
    expect(searchToKql(parseKQL('A  OR  b:(x or y)  AND NOT c'))).toBe(
      'A or (b:x or b:y) and not c',
    );
  });
});

describe('logqlToKql', () => {
  it('writes matchers, line filters and label filters', () => {
    expect(
      logqlToKql('{namespace="shop", app!="web"} |= "time out" | json | status >= 500', {
        messageField: 'log',
      }),
    ).toBe('namespace:"shop" and not app:"web" and log:"time out" and status >= 500');
  });

  it('turns prefix and contains regexps into wildcards and refuses others', () => {
    expect(logqlToKql('{app=~"web-.*"}')).toBe('app:web-*');
    expect(() => logqlToKql('{app=~"web|api"}')).toThrow(LogsiftError);
    expect(() => logqlToKql('{app=~"web|api"}')).toThrow(/no KQL equivalent/);
  });
});
