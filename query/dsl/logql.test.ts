import { describe, expect, it } from 'vitest';
import { LogsiftError } from '../../model';
import { logqlToDsl, type LogqlDslOptions } from './logql';

const should = (...queries: unknown[]) => ({ bool: { should: queries, minimum_should_match: 1 } });
const options: LogqlDslOptions = {
  fields: {
    'kubernetes.namespace_name': 'keyword',
    app: 'keyword',
    message: 'text',
    status: 'long',
  },
  fieldMap: { namespace: 'kubernetes.namespace_name' },
};

function refusal(
  query: string,
  opts: LogqlDslOptions = options,
): { message: string; marked: string } {
  try {
    logqlToDsl(query, opts);
  } catch (error) {
    if (!(error instanceof LogsiftError)) throw error;
    expect(error.code).toBe('unsupported');
    const { from, to } = error.position ?? { from: 0, to: 0 };
    return { message: error.message, marked: query.slice(from, to) };
  }
  throw new Error(`expected ${query} to be refused`);
}

describe('logqlToDsl', () => {
  it('turns stream matchers into term (keyword) or match_phrase on the mapped field', () => {
    expect(logqlToDsl('{namespace="shop", pod!="web-1"}', options)).toEqual({
      bool: {
        filter: [
          should({ term: { 'kubernetes.namespace_name': { value: 'shop' } } }),
          { bool: { must_not: should({ match_phrase: { pod: 'web-1' } }) } },
        ],
      },
    });
  });

  it('turns regex matchers into regexp, escaping what Lucene reads as operators', () => {
    expect(logqlToDsl('{app=~"web-\\\\d+|api@v2", env!~"^dev$"}', options)).toEqual({
      bool: {
        filter: [
          should({ regexp: { app: { value: 'web-[0-9]+|api\\@v2' } } }),
          { bool: { must_not: should({ regexp: { env: { value: 'dev' } } }) } },
        ],
      },
    });
  });

  it('reads an empty value as an absent label', () => {
    expect(logqlToDsl('{app="a", team=""}', options)).toEqual({
      bool: {
        filter: [
          should({ term: { app: { value: 'a' } } }),
          { bool: { must_not: should({ exists: { field: 'team' } }) } },
        ],
      },
    });
  });

  it('turns line filters into match_phrase on the message field, or of values, not for !=', () => {
    expect(logqlToDsl('{app="a"} |= "timeout" != "debug" or "trace"', options)).toEqual({
      bool: {
        filter: [
          should({ term: { app: { value: 'a' } } }),
          should({ match_phrase: { message: 'timeout' } }),
          {
            bool: {
              must_not: {
                bool: {
                  should: [
                    should({ match_phrase: { message: 'debug' } }),
                    should({ match_phrase: { message: 'trace' } }),
                  ],
                  minimum_should_match: 1,
                },
              },
            },
          },
        ],
      },
    });
  });

  it('searches inside a keyword message with wildcards and regexps', () => {
    const keyword: LogqlDslOptions = { fields: { log: 'keyword' }, messageField: 'log' };
    expect(logqlToDsl('{app="a"} |= "a:b" |~ "err(or)?"', keyword)).toMatchObject({
      bool: {
        filter: [
          should({ match_phrase: { app: 'a' } }),
          should({ wildcard: { log: { value: '*a\\:b*' } } }),
          should({ regexp: { log: { value: '.*(err(or)?).*' } } }),
        ],
      },
    });
    expect(logqlToDsl('{app="a"} !~ "^GET "', {})).toEqual({
      bool: {
        filter: [
          should({ match_phrase: { app: 'a' } }),
          { bool: { must_not: should({ regexp: { message: { value: '(GET ).*' } } }) } },
        ],
      },
    });
  });

  it('passes json and logfmt, and turns label filters into term, match and range', () => {
    expect(
      logqlToDsl(
        '{app="a"} | json | __error__="" | status >= 500 and level="error" or status == 0',
        options,
      ),
    ).toEqual({
      bool: {
        filter: [
          should({ term: { app: { value: 'a' } } }),
          {
            bool: {
              should: [
                {
                  bool: {
                    filter: [
                      should({ range: { status: { gte: 500 } } }),
                      should({ match_phrase: { level: 'error' } }),
                    ],
                  },
                },
                should({ match: { status: 0 } }),
              ],
              minimum_should_match: 1,
            },
          },
        ],
      },
    });
    expect(logqlToDsl('{app="a"} | logfmt', options)).toEqual(
      should({ term: { app: { value: 'a' } } }),
    );
  });

  it('refuses what Elasticsearch cannot do, naming the construct where it stands', () => {
    expect(refusal('sum(count_over_time({app="a"}[5m]))')).toMatchObject({
      message: 'LogQL metric query (use the histogram) has no Elasticsearch equivalent',
    });
    expect(refusal('{app="a"} | line_format "{{.msg}}"')).toEqual({
      message: 'LogQL line_format has no Elasticsearch equivalent',
      marked: 'line_format "{{.msg}}"',
    });
    expect(refusal('{app="a"} | regexp "(?P<x>.)"').message).toMatch(/regexp parser/);
    expect(refusal('{app="a"} | pattern "<x> <_>"').message).toMatch(/pattern parser/);
    expect(refusal('{app="a"} | json x="a.b"').marked).toBe('json x="a.b"');
    expect(refusal('{app="a"} | logfmt | latency > 1s').message).toMatch(/duration comparison/);
    expect(refusal('{app="a"} | __error__!=""').message).toMatch(/__error__/);
  });

  it('refuses regexps Lucene cannot run, and line regexps on analyzed text', () => {
    expect(refusal('{app=~"(?:web)+"}').message).toMatch(/group \(\?…\)/);
    expect(refusal('{app=~"a\\\\bb"}').message).toMatch(/escape \\b/);
    expect(refusal('{app="a"} |~ "x"')).toMatchObject({
      message: expect.stringMatching(/on the text field message/),
      marked: '|~ "x"',
    });
  });
});
