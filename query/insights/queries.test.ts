import { describe, expect, it } from 'vitest';
import { parseKQL } from '../kql';
import { parseLogQL } from '../logql/parse';
import type { LogQueryIR } from '../ir';
import { logqlToInsightsSelection } from './fromLogql';
import { searchToInsightsSelection } from './fromSearch';
import { parseInsights } from './parse';
import { insightsFacetQuery, insightsHistogramQuery, insightsLogQuery } from './queries';
import { insightsShape } from './shape';

const logql = (text: string): LogQueryIR => {
  const ir = parseLogQL(text);
  if (ir.kind !== 'log') throw new Error(`${text} is not a log query`);
  return ir;
};

describe('queries built on one selection', () => {
  const selection = logqlToInsightsSelection(logql('{namespace="shop"} | logfmt | level="error"'));

  it('asks for the newest records with the fields every row needs', () => {
    expect(insightsLogQuery(selection, 500)).toBe(
      'fields @timestamp, @message, @logStream, @log | filter kubernetes.namespace_name = "shop" | parse @message logfmt as lf | filter lf.level = "error" | sort @timestamp desc | limit 500',
    );
  });

  it('counts per step for the histogram, split by the level field when there is one', () => {
    expect(insightsHistogramQuery(selection, 60_000)).toBe(
      'filter kubernetes.namespace_name = "shop" | parse @message logfmt as lf | filter lf.level = "error" | stats count(*) by bin(1m)',
    );
    expect(insightsHistogramQuery([], 1500, 'log-level')).toBe(
      'stats count(*) by bin(1500ms), `log-level`',
    );
    expect(insightsHistogramQuery([], 7_200_000, 'level')).toBe('stats count(*) by bin(2h), level');
  });

  it('counts the most frequent values of a field for facets', () => {
    expect(
      insightsFacetQuery(
        searchToInsightsSelection(parseKQL('status >= 500')),
        'kubernetes.pod_name',
        10,
      ),
    ).toBe(
      'filter status >= 500 | stats count(*) as count by kubernetes.pod_name | sort count desc | limit 10',
    );
  });

  it('reuses the selection of an Insights query as written', () => {
    const { selection: own } = insightsShape(
      parseInsights(
        'fields @message | filter level = "error" # worst\n| sort @timestamp | limit 5',
      ),
    );
    expect(insightsHistogramQuery(own, 300_000)).toBe(
      'fields @message | filter level = "error" | stats count(*) by bin(5m)',
    );
  });

  it('writes what its own grammar reads', () => {
    for (const query of [
      insightsLogQuery(selection, 1),
      insightsHistogramQuery(selection, 1000, 'level'),
      insightsFacetQuery(selection, 'app', 5),
    ]) {
      expect(() => parseInsights(query)).not.toThrow();
    }
  });
});
