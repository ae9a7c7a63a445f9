import { describe, expect, it } from 'vitest';
import {
  countingBase,
  histogramText,
  logQueryText,
  splitCommands,
  topValuesText,
} from './insightsText';

const opts = { limit: 100, direction: 'backward' as const, extraFields: [] };

describe('Insights query text', () => {
  it('splits commands on pipes outside strings, regexes, backquotes and comments', () => {
    const query = [
      'fields @message # a | in a comment',
      '| filter @message like /a|b/ and x = "c|d" and `odd|name` = 1',
      '| parse @message /(?<w>x|y)/',
      '| stats count(*) by bin(5m)',
    ].join('\n');
    expect(splitCommands(query).map((c) => c.name)).toEqual(['fields', 'filter', 'parse', 'stats']);
    expect(splitCommands('filter bytes / 2 > 10 | limit 5').map((c) => c.name)).toEqual([
      'filter',
      'limit',
    ]);
  });

  it('gives an empty query the console default, with the mapped fields', () => {
    expect(logQueryText('', { ...opts, extraFields: ['kubernetes.pod_name'] })).toEqual({
      text: 'fields @timestamp, @message, @logStream, @log, kubernetes.pod_name\n| sort @timestamp desc\n| limit 100',
      offset: 0,
      userLength: 0,
      table: false,
      ordered: true,
    });
  });

  it('keeps the user text exactly and says where it starts, adding only what is missing', () => {
    const user = 'filter @message like /error/';
    const built = logQueryText(user, { ...opts, direction: 'forward' });
    expect(built.text).toBe(
      `fields @timestamp, @message, @logStream, @log\n| ${user}\n| sort @timestamp asc\n| limit 100`,
    );
    expect(built.text.slice(built.offset, built.offset + user.length)).toBe(user);
    const own = 'fields a | sort a asc | limit 5';
    expect(logQueryText(own, opts)).toMatchObject({ text: own, offset: 0, ordered: false });
  });

  it('adds no sort after dedup (only limit may follow it) and leaves stats queries alone', () => {
    expect(logQueryText('fields a | dedup a', opts).text).toBe('fields a | dedup a\n| limit 100');
    const stats = 'stats count(*) by @logStream';
    expect(logQueryText(stats, opts)).toMatchObject({ text: stats, table: true });
  });

  it('counts with the choosing commands only, and not a stats query', () => {
    expect(countingBase('fields a | filter a > 1 | sort a | limit 10 | display a')).toBe(
      'filter a > 1',
    );
    expect(countingBase('fields strlen(@message) as n | filter n > 10')).toBe(
      'fields strlen(@message) as n\n| filter n > 10',
    );
    expect(countingBase('stats count(*)')).toBeUndefined();
  });

  it('writes histogram and top-values queries', () => {
    expect(histogramText('', 300_000)).toBe(
      [
        'parse @message /(?i)\\b(?<logsiftLevelWord>trace|debug|info|notice|warn|warning|error|err|fatal|panic|critical)\\b/',
        'fields coalesce(logsiftLevelWord, "unknown") as logsiftLevel',
        'stats count(*) as logsiftCount by bin(5m), logsiftLevel',
      ].join('\n| '),
    );
    expect(histogramText('filter x', 1_500, 'log_processed.level')).toBe(
      'filter x\n| fields coalesce(log_processed.level, "unknown") as logsiftLevel\n| stats count(*) as logsiftCount by bin(1500ms), logsiftLevel',
    );
    expect(topValuesText('', ['kubernetes.pod_name'], 10)).toBe(
      'stats count(*) as logsiftCount by kubernetes.pod_name\n| sort logsiftCount desc\n| limit 10',
    );
    expect(topValuesText('', ['a', 'a-b'], 5)).toContain('by a, `a-b`');
  });
});
