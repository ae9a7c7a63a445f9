import { describe, expect, it } from 'vitest';
import { lintQuery } from './queryLint';

/** A query of about `size` characters: `head`, then `repeat` as often as fits, then `tail`. */
function sized(size: number, head: string, repeat: string, tail = ''): string {
  const count = Math.floor((size - head.length - tail.length) / repeat.length);
  return head + repeat.repeat(count) + tail;
}

describe('lintQuery', () => {
  it('underlines the mistake each parser finds, with its message', () => {
    const logql = lintQuery('logql', '{app="x"} |= ');
    expect(logql).toHaveLength(1);
    expect(logql[0]?.severity).toBe('error');
    const kql = lintQuery('kql', 'level:error and )');
    expect(kql).toEqual([expect.objectContaining({ from: 16, to: 17, severity: 'error' })]);
    expect(kql[0]?.message).toMatch(/Expected/);
    const insights = lintQuery('insights', 'fields @message | sort @timestamp sideways');
    expect(insights).toEqual([expect.objectContaining({ from: 34, to: 42, severity: 'error' })]);
    expect(insights[0]?.message).toMatch(/asc or desc/);
    expect(lintQuery('insights', 'fitler level = "x"')[0]?.message).toMatch(
      /unknown command "fitler"/,
    );
  });

  it('warns of a LogQL construct the engine refuses by name, which Loki may still run', () => {
    const found = lintQuery('logql', 'sum_over_time({app="x"} | unwrap bytes [5m])');
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.message).toMatch(/not supported/);
  });

  it('leaves good and empty queries alone, and checks Lucene only for brackets and quotes', () => {
    expect(lintQuery('logql', '{app="x"} |= "a" | json | status >= 500')).toEqual([]);
    expect(lintQuery('kql', 'a:b and not c:"d e"')).toEqual([]);
    expect(lintQuery('insights', 'filter level = "error" | stats count(*) by bin(5m)')).toEqual([]);
    expect(lintQuery('kql', '   ')).toEqual([]);
    expect(lintQuery('lucene', 'a:(b OR c) AND "d\\" e"')).toEqual([]);
    expect(lintQuery('lucene', 'a:(b OR c')).toEqual([expect.objectContaining({ from: 2, to: 3 })]);
    expect(lintQuery('lucene', 'a:"b')).toEqual([expect.objectContaining({ from: 2, to: 4 })]);
    expect(lintQuery('lucene', 'a) b')).toEqual([expect.objectContaining({ from: 1, to: 2 })]);
  });

  it('lints a 64 KB query of each language quickly, the mistake at its end found', () => {
    const size = 64 * 1024;
    const queries = {
      // Long alternations and many commands: lezer stops reading a left-associative chain
      // after a few hundred links (LogQL line filters, Insights `and`s), on the server too.
      logql: sized(size, '{app="x"} |~ "', 'timeout|refused|', 'x" |='),
      kql: sized(size, 'a:b', ' and level:"error"', ' and )'),
      insights: sized(size, 'filter a = "b"', ' | filter level = "error"', ' | sort x sideways'),
      lucene: sized(size, '(', 'a:b AND ', ''),
    } as const;
    const times: string[] = [];
    for (const [language, text] of Object.entries(queries)) {
      expect(text.length).toBeGreaterThan(size - 40);
      const started = performance.now();
      const found = lintQuery(language as keyof typeof queries, text);
      const ms = performance.now() - started;
      times.push(`${language} ${ms.toFixed(1)} ms`);
      expect(found, language).toHaveLength(1);
      expect(found[0]?.from, language).toBeGreaterThanOrEqual(
        language === 'lucene' ? 0 : size - 40,
      );
      // The editor lints in a worker; this bounds how stale an underline can be.
      expect(ms, language).toBeLessThan(1000);
    }
    console.log(`lint of 64 KB: ${times.join(', ')}`);
  });
});
