import { describe, expect, it } from 'vitest';
import { LogsiftError, type Language } from '../../model';
import { parseInsights } from '../insights';
import { parseKQL } from '../kql';
import { parseLogQL } from '../logql/parse';
import { translateQuery } from './translate';

const LANGUAGES = ['logql', 'kql', 'insights'] as const;
const PARSE: Record<(typeof LANGUAGES)[number], (text: string) => unknown> = {
  logql: parseLogQL,
  kql: parseKQL,
  insights: parseInsights,
};

function refusal(language: Language, query: string, to: Language): LogsiftError {
  try {
    translateQuery(language, query, to);
  } catch (error) {
    if (error instanceof LogsiftError) return error;
    throw error;
  }
  throw new Error(`${language} → ${to} translated ${query}`);
}

describe('translateQuery', () => {
  it('writes every pair among LogQL, KQL and Insights, each answer parsing in its language', () => {
    const sources = {
      logql: '{namespace="payments"} |= "timeout"',
      kql: 'namespace:"payments" and message:"timeout"',
      insights: 'filter kubernetes.namespace_name = "payments" and @message like "timeout"',
    };
    for (const from of LANGUAGES) {
      for (const to of LANGUAGES) {
        const written = translateQuery(from, sources[from], to);
        expect(() => PARSE[to](written), `${from} → ${to}: ${written}`).not.toThrow();
      }
    }
    expect(translateQuery('kql', sources.kql, 'logql')).toBe('{namespace="payments"} |= "timeout"');
    expect(translateQuery('insights', sources.insights, 'logql')).toBe(
      '{namespace="payments"} |= "timeout"',
    );
    // `like "…"` finds a substring, which KQL writes as a wildcard.
    expect(translateQuery('insights', sources.insights, 'kql')).toBe(
      'namespace:"payments" and message:*timeout*',
    );
  });

  it('keeps free text, negations and regexes on the line', () => {
    expect(translateQuery('kql', 'pod:"web-1" and not message:"health" and error', 'logql')).toBe(
      '{pod="web-1"} |~ "(?i)error" != "health"',
    );
    expect(
      translateQuery(
        'insights',
        'filter namespace = "x" | filter @message like /time.?out/',
        'logql',
      ),
    ).toBe('{namespace="x"} |~ ".*(time.?out).*"');
  });

  it('names the part with no equivalent and where it stands in the source', () => {
    const field = refusal('kql', 'namespace:"a" and status >= 500', 'logql');
    expect(field.code).toBe('unsupported');
    expect(field.message).toMatch(/field "status"/);
    expect(field.position).toEqual({ from: 18, to: 31 });
    const stats = refusal('insights', 'filter a = "b" | stats count(*) by bin(5m)', 'logql');
    expect(stats.message).toMatch(/stats/);
    expect(stats.position?.from).toBe(17);
    const noLabel = refusal('kql', 'error', 'logql');
    expect(noLabel.message).toMatch(/at least one label/);
    const metric = refusal('logql', 'rate({a="b"}[5m])', 'kql');
    expect(metric.message).toMatch(/metric/);
    expect(refusal('lucene', 'a:b', 'kql').message).toMatch(/lucene to kql/);
    expect(refusal('kql', 'a:b', 'lucene').message).toMatch(/kql to lucene/);
  });

  it('checks a same-language pair with its parser', () => {
    expect(translateQuery('lucene', 'a:b', 'lucene')).toBe('a:b');
    expect(refusal('insights', 'filter @message like', 'insights').code).toBe('bad_query');
    expect(refusal('logql', '{a=', 'logql').code).toBe('bad_query');
  });
});
